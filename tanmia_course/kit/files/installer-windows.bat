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
rem A Python of the kit: one of its versions, 64-bit Windows (the kit's wheels are win_amd64).
set "ACCEPTE=import sys, sysconfig; sys.exit(sysconfig.get_platform() != 'win-amd64' or f'{sys.version_info[0]}.{sys.version_info[1]}' not in '%PYTHONS%'.split())"

if not exist "%KIT%roues\tanmia_course-*.whl" (
  echo Le dossier « roues » du kit est introuvable : copiez le kit entier sur l’ordinateur, ou ouvrez-le depuis la clé, sans passer par un fichier zip.
  goto :echec
)

rem The newest first: the py launcher, python on the PATH, then where python.org installs it.
:chercher
if not defined PYTHON for %%V in (@PYTHONS_DESC@) do if not defined PYTHON (py -%%V -c "%ACCEPTE%" >nul 2>&1 && set "PYTHON=py -%%V")
if not defined PYTHON (python -c "%ACCEPTE%" >nul 2>&1 && set "PYTHON=python")
if not defined PYTHON for %%N in (@PYTHONS_SANS_POINT_DESC@) do if not defined PYTHON if exist "%LOCALAPPDATA%\Programs\Python\Python%%N\python.exe" ("%LOCALAPPDATA%\Programs\Python\Python%%N\python.exe" -c "%ACCEPTE%" >nul 2>&1 && set PYTHON="%LOCALAPPDATA%\Programs\Python\Python%%N\python.exe")
if not defined PYTHON for %%N in (@PYTHONS_SANS_POINT_DESC@) do if not defined PYTHON if exist "%ProgramFiles%\Python%%N\python.exe" ("%ProgramFiles%\Python%%N\python.exe" -c "%ACCEPTE%" >nul 2>&1 && set PYTHON="%ProgramFiles%\Python%%N\python.exe")
if defined PYTHON goto :installer
if defined PYTHON_INSTALLE goto :sans_python
rem No Python: the installer the trainer put in the kit's python folder, if any, for this
rem user alone (no administrator needed); the search above then finds it.
set "PYTHON_INSTALLE=1"
for %%F in ("%KIT%python\python-3*-amd64.exe") do (
  echo Installation de Python depuis le kit : %%~nxF…
  "%%~fF" /passive InstallAllUsers=0 InstallLauncherAllUsers=0 PrependPath=1 Include_launcher=1
  goto :chercher
)
:sans_python
echo.
echo Python 64 bits, dans une version que ce kit contient (%PYTHONS%), est introuvable sur cet ordinateur.
echo Installez Python depuis python.org (une de ces versions, en cochant « Add python.exe to PATH »),
echo ou mettez son programme d’installation (python-3….-amd64.exe) dans le dossier « python » du kit, puis relancez ce fichier.
goto :echec

:installer
echo Installation du cours Tanmia dans « %TANMIA_DOSSIER% », sans Internet (quelques minutes)…
if not exist "%TANMIA_DOSSIER%\carnets" mkdir "%TANMIA_DOSSIER%\carnets" || goto :echec
rem A new environment each time (--clear): nothing of an earlier install, another Python's
rem compiled packages or an older kit's, stays in it. The learner's notebooks are not in it.
%PYTHON% -m venv --clear "%TANMIA_DOSSIER%\programme" || goto :echec
"%TANMIA_DOSSIER%\programme\Scripts\python.exe" -m pip install --isolated --disable-pip-version-check --quiet --no-index --find-links "%KIT%roues" tanmia-course || goto :echec

rem The "Cours Tanmia" shortcut on the desktop: it opens the course in the browser.
set "TANMIA_PROGRAMME=%TANMIA_DOSSIER%\programme\Scripts\tanmia-course.exe"
set "TANMIA_ARGUMENTS=ouvrir "%TANMIA_DOSSIER%\carnets""
powershell -NoProfile -ExecutionPolicy Bypass -Command "$r = (New-Object -ComObject WScript.Shell).CreateShortcut([IO.Path]::Combine([Environment]::GetFolderPath('Desktop'), 'Cours Tanmia.lnk')); $r.TargetPath = $env:TANMIA_PROGRAMME; $r.Arguments = $env:TANMIA_ARGUMENTS; $r.WorkingDirectory = $env:TANMIA_DOSSIER; $r.Description = 'Cours Tanmia : construire des partenariats'; $r.Save()" || echo Le raccourci n’a pas pu être créé sur le bureau : ouvrez le cours avec « %TANMIA_PROGRAMME% ouvrir ».

echo.
echo Le cours est installé.
echo Pour l’ouvrir : double-cliquez sur « Cours Tanmia » sur le bureau.
echo Vos carnets et vos réponses sont dans « %TANMIA_DOSSIER%\carnets ».
echo.
pause
exit /b 0

:echec
echo.
echo Installation interrompue. Si le cours tourne déjà, fermez sa fenêtre noire, puis relancez ce fichier.
echo Rien n’a été effacé : vos carnets restent dans « %TANMIA_DOSSIER%\carnets ».
echo.
pause
exit /b 1
