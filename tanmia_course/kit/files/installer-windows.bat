@echo off
rem Cours Tanmia: installation without Internet, from this kit (Windows).
rem Double-click this file. TANMIA_DOSSIER sets the install folder (default: "Cours Tanmia"
rem in the user's folder); TANMIA_PYTHON, the Python command to use.
chcp 65001 >nul
setlocal EnableExtensions

set "KIT=%~dp0"
if not defined TANMIA_DOSSIER set "TANMIA_DOSSIER=%USERPROFILE%\Cours Tanmia"
set "PYTHONS=@PYTHONS@"
set "PYTHON="
if defined TANMIA_PYTHON set "PYTHON=%TANMIA_PYTHON%"

rem A Python the kit knows, newest first: the py launcher, then python on the PATH.
:chercher
if not defined PYTHON for %%V in (@PYTHONS_DESC@) do if not defined PYTHON (py -%%V -c "pass" >nul 2>&1 && set "PYTHON=py -%%V")
if not defined PYTHON (python -c "import sys; sys.exit(f'{sys.version_info[0]}.{sys.version_info[1]}' not in '%PYTHONS%'.split())" >nul 2>&1 && set "PYTHON=python")
if defined PYTHON goto :installer
if defined PYTHON_INSTALLE goto :sans_python
rem No Python: the installer the trainer put in the kit's python folder, if any.
set "PYTHON_INSTALLE=1"
for %%F in ("%KIT%python\python-3*.exe") do (
  echo Installation de Python depuis le kit : %%~nxF…
  "%%F" /passive InstallAllUsers=0 PrependPath=1 Include_launcher=1
  goto :chercher
)
:sans_python
echo.
echo Python est introuvable sur cet ordinateur.
echo Installez Python (une version parmi : %PYTHONS%) depuis python.org, en cochant « Add python.exe to PATH »,
echo ou mettez son installateur (python-3….exe) dans le dossier « python » du kit, puis relancez ce fichier.
goto :echec

:installer
echo Installation du cours Tanmia dans « %TANMIA_DOSSIER% », sans Internet…
if not exist "%TANMIA_DOSSIER%\carnets" mkdir "%TANMIA_DOSSIER%\carnets" || goto :echec
%PYTHON% -m venv "%TANMIA_DOSSIER%\programme" || goto :echec
"%TANMIA_DOSSIER%\programme\Scripts\python.exe" -m pip install --isolated --disable-pip-version-check --quiet --no-index --find-links "%KIT%roues" --upgrade tanmia-course || goto :echec

rem The "Cours Tanmia" shortcut on the desktop: it opens the course in the browser.
set "TANMIA_PROGRAMME=%TANMIA_DOSSIER%\programme\Scripts\tanmia-course.exe"
set "TANMIA_ARGUMENTS=ouvrir "%TANMIA_DOSSIER%\carnets""
powershell -NoProfile -ExecutionPolicy Bypass -Command "$r = (New-Object -ComObject WScript.Shell).CreateShortcut([IO.Path]::Combine([Environment]::GetFolderPath('Desktop'), 'Cours Tanmia.lnk')); $r.TargetPath = $env:TANMIA_PROGRAMME; $r.Arguments = $env:TANMIA_ARGUMENTS; $r.WorkingDirectory = $env:TANMIA_DOSSIER; $r.Description = 'Cours Tanmia : construire des partenariats'; $r.Save()" || echo Le raccourci n’a pas pu être créé sur le bureau.

echo.
echo Le cours est installé.
echo Pour l’ouvrir : double-cliquez sur « Cours Tanmia » sur le bureau.
echo Vos carnets et vos réponses sont dans « %TANMIA_DOSSIER%\carnets ».
echo.
pause
exit /b 0

:echec
echo.
echo Installation interrompue. Rien n’a été effacé : vos carnets restent dans « %TANMIA_DOSSIER%\carnets ».
echo.
pause
exit /b 1
