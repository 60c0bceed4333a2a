#!/bin/sh
# Cours Tanmia: installation without Internet, from this kit (macOS, Linux).
# Run: sh installer-mac-linux.sh
# TANMIA_DOSSIER sets the install folder (default: "Cours Tanmia" in the user's home folder);
# TANMIA_PYTHON, the Python command to use.
set -eu

KIT=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
DOSSIER=${TANMIA_DOSSIER:-"$HOME/Cours Tanmia"}
PYTHONS="@PYTHONS@"
SYSTEMES="@SYSTEMES@"

dire() { printf '%s\n' "$1"; }
echec() {
  dire "" >&2
  dire "Installation interrompue : $1" >&2
  dire "Rien n’a été effacé : vos carnets sont toujours dans « ${DOSSIER}/carnets »." >&2
  exit 1
}

set -- "$KIT"/roues/tanmia_course-*.whl
[ -f "$1" ] || echec "le dossier « roues » du kit est introuvable ou incomplet : copiez le kit entier (pas seulement ce script), puis relancez-le."

case "$(uname -s)-$(uname -m)" in
  Darwin-arm64) systeme=macos-arm64 ;;
  Darwin-x86_64) systeme=macos-x86_64 ;;
  Linux-x86_64) systeme=linux-x86_64 ;;
  *) systeme="$(uname -s)-$(uname -m)" ;;
esac
case " $SYSTEMES " in
  *" $systeme "*) ;;
  *) echec "ce kit ne contient pas le cours pour cet ordinateur (${systeme}). Il contient : ${SYSTEMES}." ;;
esac

# A Python the kit knows: the one asked for, else the newest that answers.
version_de() {
  "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true
}
connue() {
  case " $PYTHONS " in *" $1 "*) return 0 ;; esac
  return 1
}
PYTHON=${TANMIA_PYTHON:-}
if [ -z "$PYTHON" ]; then
  for v in $(printf '%s\n' $PYTHONS | sort -t. -k2 -n -r) 3; do
    if command -v "python$v" >/dev/null 2>&1 && connue "$(version_de "python$v")"; then
      PYTHON=python$v
      break
    fi
  done
  [ -n "$PYTHON" ] || PYTHON=python3
fi
version=$(version_de "$PYTHON")
[ -n "$version" ] || echec "Python est introuvable. Installez Python (une version parmi : ${PYTHONS}), puis relancez ce script."
connue "$version" || echec "ce kit contient le cours pour Python ${PYTHONS} ; « ${PYTHON} » est la version ${version}."

dire "Installation du cours Tanmia dans « ${DOSSIER} », avec Python ${version}, sans Internet (quelques minutes)…"
mkdir -p "$DOSSIER/carnets" || echec "le dossier « ${DOSSIER} » n’a pas pu être créé."
# A new environment each time (--clear): nothing of an earlier install, another Python's
# compiled packages or an older kit's, stays in it. The learner's notebooks are not in it.
"$PYTHON" -m venv --clear "$DOSSIER/programme" \
  || echec "l’environnement Python n’a pas pu être créé (sous Debian ou Ubuntu : installez le paquet python3-venv)."
"$DOSSIER/programme/bin/python" -m pip install --isolated --disable-pip-version-check --quiet \
  --no-index --find-links "$KIT/roues" tanmia-course \
  || echec "pip n’a pas pu installer le cours depuis « ${KIT}/roues »."

# The "Cours Tanmia" shortcut: it opens the course in the browser. Not having one (a desktop
# the system keeps closed) does not undo the install.
programme="$DOSSIER/programme/bin/tanmia-course"
carnets="$DOSSIER/carnets"
single_quoted() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
# Desktop entry: quoted argument rules, then the string-value escapes and %% for a %.
desktop_quoted() {
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')"
}
raccourci_macos() {
  bureau="$HOME/Desktop"
  raccourci="$bureau/Cours Tanmia.command"
  mkdir -p "$bureau" || return 1
  {
    dire '#!/bin/sh'
    dire "# Ouvre le cours Tanmia dans le navigateur ; fermez cette fenêtre pour l’arrêter."
    dire "exec $(single_quoted "$programme") ouvrir $(single_quoted "$carnets")"
  } > "$raccourci" || return 1
  chmod +x "$raccourci"
}
raccourci_linux() {
  bureau=$(xdg-user-dir DESKTOP 2>/dev/null || true)
  if [ -z "$bureau" ] || [ "$bureau" = "$HOME" ]; then bureau="$HOME/Desktop"; fi
  raccourci="$bureau/cours-tanmia.desktop"
  mkdir -p "$bureau" || return 1
  {
    dire '[Desktop Entry]'
    dire 'Type=Application'
    dire 'Name=Cours Tanmia'
    dire 'Comment=Construire des partenariats : le cours, dans le navigateur'
    dire "Exec=$(desktop_quoted "$programme") ouvrir $(desktop_quoted "$carnets")"
    dire 'Terminal=true'
    dire 'Categories=Education;'
  } > "$raccourci" || return 1
  chmod +x "$raccourci"
  mkdir -p "$HOME/.local/share/applications" \
    && cp "$raccourci" "$HOME/.local/share/applications/cours-tanmia.desktop" || true
  # GNOME starts a desktop shortcut only once it is trusted.
  gio set "$raccourci" metadata::trusted true 2>/dev/null || true
}
raccourci=""
if [ "$(uname -s)" = Darwin ]; then raccourci_macos || raccourci=""; else raccourci_linux || raccourci=""; fi

dire ""
dire "Le cours est installé."
if [ -n "$raccourci" ]; then
  dire "Pour l’ouvrir : double-cliquez sur « Cours Tanmia » sur le bureau (${raccourci}),"
  dire "ou tapez : $(single_quoted "$programme") ouvrir $(single_quoted "$carnets")"
else
  dire "Le raccourci n’a pas pu être mis sur le bureau. Pour ouvrir le cours, tapez :"
  dire "$(single_quoted "$programme") ouvrir $(single_quoted "$carnets")"
fi
dire "Vos carnets et vos réponses sont dans « ${carnets} »."
