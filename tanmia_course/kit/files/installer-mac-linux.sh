#!/bin/sh
# Cours Tanmia: installation without Internet, from this kit (macOS, Linux).
# Run: sh installer-mac-linux.sh
# TANMIA_DOSSIER sets the install folder (default: "Cours Tanmia" in the user's home folder);
# TANMIA_PYTHON, the Python command to use.
set -eu

KIT=$(cd "$(dirname "$0")" && pwd)
DOSSIER=${TANMIA_DOSSIER:-"$HOME/Cours Tanmia"}
PYTHONS="@PYTHONS@"
SYSTEMES="@SYSTEMES@"

echec() {
  echo "" >&2
  echo "Installation interrompue : $1" >&2
  echo "Rien n’a été effacé : vos carnets sont toujours dans « $DOSSIER/carnets »." >&2
  exit 1
}

case "$(uname -s)-$(uname -m)" in
  Darwin-arm64) systeme=macos-arm64 ;;
  Darwin-x86_64) systeme=macos-x86_64 ;;
  Linux-x86_64) systeme=linux-x86_64 ;;
  *) systeme="$(uname -s)-$(uname -m)" ;;
esac
case " $SYSTEMES " in
  *" $systeme "*) ;;
  *) echec "ce kit ne contient pas le cours pour cet ordinateur ($systeme). Il contient : $SYSTEMES." ;;
esac

# A Python the kit knows, newest first.
version_de() {
  "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true
}
PYTHON=${TANMIA_PYTHON:-}
if [ -z "$PYTHON" ]; then
  for v in $(echo "$PYTHONS" | tr ' ' '\n' | sort -t. -k2 -n -r); do
    if command -v "python$v" >/dev/null 2>&1; then PYTHON=python$v; break; fi
  done
fi
if [ -z "$PYTHON" ] && command -v python3 >/dev/null 2>&1; then PYTHON=python3; fi
[ -n "$PYTHON" ] || echec "Python est introuvable. Installez Python (une version parmi : $PYTHONS), puis relancez ce script."
version=$(version_de "$PYTHON")
case " $PYTHONS " in
  *" $version "*) ;;
  *) echec "ce kit contient le cours pour Python ${PYTHONS} ; « ${PYTHON} » est la version ${version:-inconnue}." ;;
esac

echo "Installation du cours Tanmia dans « ${DOSSIER} », avec Python $version, sans Internet…"
mkdir -p "$DOSSIER/carnets" || echec "le dossier « ${DOSSIER} » n’a pas pu être créé."
"$PYTHON" -m venv "$DOSSIER/programme" || echec "l’environnement Python n’a pas pu être créé (sous Debian ou Ubuntu : installez le paquet python3-venv)."
"$DOSSIER/programme/bin/python" -m pip install --isolated --disable-pip-version-check --quiet \
  --no-index --find-links "$KIT/roues" --upgrade tanmia-course \
  || echec "pip n’a pas pu installer le cours depuis « $KIT/roues »."

# The "Cours Tanmia" shortcut: it opens the course in the browser.
programme="$DOSSIER/programme/bin/tanmia-course"
carnets="$DOSSIER/carnets"
if [ "$(uname -s)" = Darwin ]; then
  bureau="$HOME/Desktop"
  raccourci="$bureau/Cours Tanmia.command"
  mkdir -p "$bureau"
  {
    echo '#!/bin/sh'
    echo "# Ouvre le cours Tanmia dans le navigateur ; fermez cette fenêtre pour l’arrêter."
    printf 'exec "%s" ouvrir "%s"\n' "$programme" "$carnets"
  } > "$raccourci"
  chmod +x "$raccourci"
else
  bureau=$(xdg-user-dir DESKTOP 2>/dev/null || true)
  [ -n "$bureau" ] && [ "$bureau" != "$HOME" ] || bureau="$HOME/Desktop"
  mkdir -p "$bureau"
  raccourci="$bureau/cours-tanmia.desktop"
  echappe() { printf '%s' "$1" | sed 's/[\\"`$]/\\&/g'; }
  {
    echo '[Desktop Entry]'
    echo 'Type=Application'
    echo 'Name=Cours Tanmia'
    echo 'Comment=Construire des partenariats : le cours, dans le navigateur'
    echo "Exec=\"$(echappe "$programme")\" ouvrir \"$(echappe "$carnets")\""
    echo 'Terminal=true'
    echo 'Categories=Education;'
  } > "$raccourci"
  chmod +x "$raccourci"
  mkdir -p "$HOME/.local/share/applications"
  cp "$raccourci" "$HOME/.local/share/applications/cours-tanmia.desktop"
  # GNOME starts a desktop shortcut only once it is trusted.
  gio set "$raccourci" metadata::trusted true 2>/dev/null || true
fi

echo ""
echo "Le cours est installé."
echo "Pour l’ouvrir : double-cliquez sur « Cours Tanmia » sur le bureau ($raccourci),"
echo "ou tapez : \"$programme\" ouvrir \"$carnets\""
echo "Vos carnets et vos réponses sont dans « ${carnets} »."
