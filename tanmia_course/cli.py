"""The ``tanmia-course`` command: check content, generate exercises, manage notebooks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .display.text import plural
from .i18n import ENV_VAR, N_, _, language, ngettext, number, typography

# argparse's own words (argparse looks them up through gettext at call time), in French and,
# through the catalogs, in the course's other languages; in English, argparse's own.
_ARGPARSE = {
    "usage: ": N_("utilisation : "),
    "positional arguments": N_("arguments"),
    "options": N_("options"),
    "show this help message and exit": N_("afficher cette aide et quitter"),
    "the following arguments are required: %s": N_("arguments obligatoires manquants : %s"),
    "unrecognized arguments: %s": N_("arguments non reconnus : %s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "choix non valide : %(value)r (choix possibles : %(choices)s)"
    ),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s : erreur : %(message)s\n"),
    "argument %(argument_name)s: %(message)s": N_("argument %(argument_name)s : %(message)s"),
    "expected one argument": N_("une valeur est attendue"),
}


def _argparse_words(message: str) -> str:
    said = _ARGPARSE.get(message)
    if said is None or language() == "en":
        return message
    return typography(_(said))


def _say(text: object = "", error: bool = False) -> None:
    """Print a message of the command, with the typography of the course's language (on the
    error output: ``error``)."""
    print(typography(str(text)), file=sys.stderr if error else sys.stdout)


argparse._ = _argparse_words  # type: ignore[attr-defined]
argparse.ngettext = lambda s, p, n: _argparse_words(s if n == 1 else p)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse's parser whose help, usage and errors read with the typography of the
    course's language (argparse adds its own « : » after its headings: « options : »)."""

    def format_usage(self) -> str:
        return typography(super().format_usage())

    def format_help(self) -> str:
        return typography(super().format_help())

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        super().exit(status, typography(message) if message else message)


def _cmd_valider(args: argparse.Namespace) -> int:
    from .content.loader import build_content, content_files
    from .errors import ContenuInvalide

    try:
        files = content_files([Path(d) for d in args.dossiers])
    except ValueError as exc:
        _say(exc, error=True)
        return 1
    try:
        build_content(files, validate=True)
    except ContenuInvalide as exc:
        problems = exc.problemes
        _say(
            f"{plural(len(problems), 'problème trouvé', 'problèmes trouvés')} ; rien ne sera "
            "chargé tant qu’ils restent :"
        )
        for problem in problems:
            _say(f"  - {problem}")
        return 1
    _say(f"Contenu valide : {plural(len(files), 'fichier vérifié', 'fichiers vérifiés')}.")
    return 0


def _cmd_exercices(args: argparse.Namespace) -> int:
    from .authoring import InvalidMarker, stale_exercises, write_exercises

    try:
        if args.verifier:
            stale = stale_exercises(args.racine)
            if stale:
                _say("Exercices à régénérer (lancez « tanmia-course exercices ») :")
                for name in stale:
                    _say(f"  - {name}")
                return 1
            _say("Les exercices sont à jour.")
            return 0
        written = write_exercises(args.racine)
    except InvalidMarker as exc:
        _say(f"Marqueur de solution invalide : {exc}", error=True)
        return 1
    for path in written:
        _say(f"Écrit : {path.relative_to(args.racine)}")
    _say(f"{plural(len(written), 'exercice régénéré', 'exercices régénérés')}.")
    return 0


def _cmd_sorties(args: argparse.Namespace) -> int:
    from .authoring import all_notebooks, refresh_outputs

    paths = [Path(p) for p in args.chemins] or all_notebooks(args.racine)
    for path in paths:
        _say(f"Exécution : {path}")
        refresh_outputs(path)
    _say(
        f"{plural(len(paths), 'notebook exécuté', 'notebooks exécutés')} ; "
        "sorties vérifiées mises à jour."
    )
    return 0


def _cmd_notes(args: argparse.Namespace) -> int:
    from .authoring import all_notebooks, set_trainer_notes

    paths = [Path(p) for p in args.chemins] or all_notebooks(args.racine)
    changed = set_trainer_notes(paths, hidden=args.action == "masquer")
    verb = ("masquée", "masquées") if args.action == "masquer" else ("affichée", "affichées")
    _say(
        f"{plural(changed, 'note', 'notes')} pour le formateur {plural(changed, *verb, False)} "
        f"dans {plural(len(paths), 'notebook', 'notebooks')}."
    )
    return 0


def _cmd_typographie(args: argparse.Namespace) -> int:
    from .authoring import SweepRefused, typography_sweep

    try:
        changed = typography_sweep(args.racine, write=not args.verifier)
    except SweepRefused as exc:
        _say(exc, error=True)
        return 1
    if args.verifier:
        if changed:
            _say(
                "Fichiers dont la typographie est à corriger "
                "(lancez « tanmia-course typographie ») :"
            )
            for path in changed:
                _say(f"  - {path.relative_to(args.racine)}")
            return 1
        _say("La typographie des sources est à jour.")
        return 0
    for path in changed:
        _say(f"Corrigé : {path.relative_to(args.racine)}")
    _say(f"{plural(len(changed), 'fichier corrigé', 'fichiers corrigés')}.")
    if any(p.parent.name == "solutions" for p in changed):
        _say("Des solutions ont changé : lancez « tanmia-course exercices ».")
    return 0


def _cmd_classe(args: argparse.Namespace) -> int:
    # Class view from handed-in files (tanmia_course.classroom.result).
    import pandas as pd

    from .classroom.result import read_class
    from .content.loader import load_content
    from .errors import ContenuInvalide, system_reason

    try:
        content = load_content(args.contenu) if args.contenu else None
        classe = read_class(args.dossier, content)
    except (FileNotFoundError, ContenuInvalide) as exc:
        _say(exc, error=True)
        return 1
    except OSError as exc:  # a folder the system keeps closed
        _say(f"Dossier de la classe illisible ({args.dossier}) : {system_reason(exc)}.", True)
        return 1
    _say(classe.compte_rendu())
    with pd.option_context("display.width", 120, "display.max_columns", 10):
        _say()
        _say(classe.resume()[["rendus", "refuses", "indicateur", "valeur"]].to_string())
    path = args.sortie / "rapport_classe.html" if args.sortie.is_dir() else args.sortie
    try:
        classe.enregistrer_rapport(path)
    except OSError as exc:
        _say(f"Rapport non écrit dans « {path} » : {system_reason(exc)}.", error=True)
        return 1
    _say(f"\nRapport écrit : {path} (un seul fichier HTML, figures comprises).")
    return 0


def _cmd_imprimer(args: argparse.Namespace) -> int:
    # The trainer's pack (tanmia_course.printing).
    from .errors import ContenuInvalide, system_reason
    from .printing.writer import ImpressionImpossible, imprimer

    try:
        folder = imprimer(args.dossier, args.contenu, args.classe, pdf=not args.sans_pdf)
    except (ImpressionImpossible, ContenuInvalide, FileNotFoundError) as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            f"Dossier non écrit dans « {args.dossier} » : {system_reason(exc)}.",
            file=sys.stderr,
        )
        return 1
    print(folder)
    return 0


def _port_refused(port: int | None) -> bool:
    """Whether ``--port`` was given a number no port can have; says so in French."""
    if port is None or 0 < port < 65536:
        return False
    _say(
        _("--port : un numéro de port de 1 à 65535 est attendu (reçu : {port}).").format(port=port),
        True,
    )
    return True


def _cmd_ouvrir(args: argparse.Namespace) -> int:
    # The course for one learner: their own copies of the notebooks, then JupyterLab on them.
    import importlib.util
    import os
    import subprocess

    from .errors import system_reason
    from .work.course import WELCOME, copy_course, course_source, jupyter_settings
    from .work.store import NOTEBOOK_DIRS

    source = course_source()
    if source is None:
        _say(
            _(
                "Les carnets du cours sont introuvables à côté de Python : réinstallez le "
                "cours (pip install tanmia-course)."
            ),
            True,
        )
        return 1
    if importlib.util.find_spec("jupyterlab") is None:
        _say(
            _("JupyterLab n’est pas installé : réinstallez le cours (pip install tanmia-course)."),
            True,
        )
        return 1
    if _port_refused(args.port):
        return 2
    folder = args.dossier.expanduser().resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        copied = copy_course(source, folder, NOTEBOOK_DIRS)
    except OSError as exc:
        _say(
            _("Dossier de travail non écrit ({folder}) : {reason}.").format(
                folder=folder, reason=_(system_reason(exc))
            ),
            True,
        )
        return 1
    if copied:
        _say(
            ngettext(
                "{n} carnet copié dans « {folder} ».",
                "{n} carnets copiés dans « {folder} ».",
                len(copied),
            ).format(n=number(len(copied)), folder=folder)
        )
    else:
        _say(
            _("Vos carnets sont déjà dans « {folder} » : rien n’est remplacé.").format(
                folder=folder
            )
        )
    # the notebooks' kernels speak the language the command was asked for
    env = {**os.environ, **jupyter_settings(source), ENV_VAR: language()}
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={folder}",
        f"--LabApp.default_url=/lab/tree/{WELCOME}",
    ]
    if args.sans_navigateur:
        command.append("--no-browser")
    if args.port is not None:
        command.append(f"--port={args.port}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    _say(_("JupyterLab démarre ; pour l’arrêter : Ctrl+C dans cette fenêtre, ou fermez-la."))
    sys.stdout.flush()
    # Ctrl+C reaches JupyterLab too (same terminal): it stops its kernels and itself, in its
    # own time (it may ask for a confirmation), and this command waits for it.
    with subprocess.Popen(command, env=env) as lab:
        while True:
            try:
                return lab.wait()
            except KeyboardInterrupt:
                continue


def _cmd_kit(args: argparse.Namespace) -> int:
    # The offline kit (tanmia_course.kit): every target resolved before anything is written.
    from .errors import system_reason
    from .kit.build import (
        PYTHONS,
        TARGETS,
        KitRefused,
        build,
        course_wheel,
        plans,
        pythons_named,
        targets_named,
    )

    try:
        targets = targets_named(_listed(args.systemes)) if args.systemes else TARGETS
        pythons = pythons_named(_listed(args.pythons)) if args.pythons else PYTHONS
        if not args.verifier:
            build(args.dossier, targets, pythons, say=_say)
            return 0
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            for one in plans(course_wheel(Path(tmp)), targets, pythons):
                _say(
                    f"✓ {one.target.shown}, Python {one.python} : "
                    f"{plural(len(one.wheels), 'roue trouvée', 'roues trouvées')}"
                )
        _say("Le kit peut être construit pour chaque système et chaque version de Python.")
        return 0
    except KitRefused as exc:
        _say(exc, error=True)
        if exc.detail:  # the tool's own words, as it wrote them
            print(f"\n{exc.detail}", file=sys.stderr)
        return 1
    except OSError as exc:
        _say(f"Kit non écrit dans « {args.dossier} » : {system_reason(exc)}.", True)
        return 1
    except KeyboardInterrupt:
        _say(
            "\nKit interrompu : relancez la même commande pour le finir ; les roues déjà "
            "téléchargées ne le seront pas une deuxième fois.",
            True,
        )
        return 130


def _listed(values: Sequence[str]) -> list[str]:
    """Names given as ``a,b`` or ``a b`` (or both): each one, in order."""
    return [name for value in values for name in value.replace(",", " ").split()]


def _cmd_atelier(args: argparse.Namespace) -> int:
    # The workshop's hub (tanmia_course.workshop): configuration written, then JupyterHub runs
    # in this very process, in the foreground, until Ctrl+C or « --arreter ».
    import os

    from .errors import system_reason
    from .workshop.hub import WorkshopRefused, board, hub_command, prepare, settle

    folder = args.dossier.resolve()
    if args.arreter:
        return _stop_atelier(folder)
    if args.places is not None and args.places < 0:
        _say("--places : un nombre de participants positif est attendu (0 : sans limite).", True)
        return 2
    if _port_refused(args.port):
        return 2
    given = {
        "code": (args.code or "").strip() or None,
        "trainer_code": (args.code_formateur or "").strip() or None,
        "places": args.places,
        "port": args.port,
    }
    options = {"ip": args.ip}
    if args.inactivite is not None:
        options["idle_minutes"] = args.inactivite
    try:
        workshop, notes = settle(folder, args.racine, given, **options)
    except WorkshopRefused as exc:
        _say(exc, error=True)
        return 1
    if workshop.code == workshop.trainer_code:
        _say("Le code de l’atelier et le code du formateur doivent être différents.", True)
        return 2
    try:
        config = prepare(workshop)
    except WorkshopRefused as exc:
        _say(exc, error=True)
        return 1
    except OSError as exc:
        _say(f"Dossier de l’atelier non écrit ({workshop.folder}) : {system_reason(exc)}.", True)
        return 1
    for note in notes:
        _say(note)
    _say(board(workshop))
    _say()
    sys.stdout.flush()
    sys.stderr.flush()
    command = hub_command(config)
    os.chdir(workshop.folder)
    os.execv(command[0], command)


def _stop_atelier(folder: Path) -> int:
    """``tanmia-course atelier DOSSIER --arreter``: the hub stopped, the class archived."""
    from .errors import system_reason
    from .workshop.hub import CLASS_DIR, CONFIG_FILE, WorkshopRefused, is_workshop, stop

    if not is_workshop(folder):
        _say(
            f"« {folder} » n’est pas le dossier d’un atelier (il n’y a pas de {CONFIG_FILE}) : "
            "indiquez le dossier donné à « tanmia-course atelier » au démarrage.",
            True,
        )
        return 1
    try:
        result = stop(folder)
    except WorkshopRefused as exc:
        _say(exc, error=True)
        return 1
    except OSError as exc:
        _say(f"Archive de la classe non écrite ({folder}) : {system_reason(exc)}.", True)
        return 1
    if result.hub is None and result.left:
        _say(
            f"L’atelier de « {folder} » avait été interrompu sans être arrêté : "
            f"{plural(result.left, 'processus resté', 'processus restés')} en marche "
            "(serveurs des participants, proxy, arrêt des inactifs) arrêtés."
        )
    elif result.hub is None:
        _say(f"Aucun atelier n’est en marche dans « {folder} » : rien à arrêter.")
    elif result.stopped:
        _say("Atelier arrêté, et les serveurs des participants avec lui.")
    else:
        _say(
            f"L’atelier (processus {result.hub}) ne s’est pas arrêté à temps : relancez "
            "« --arreter » dans un moment.",
            True,
        )
    participants = plural(result.participants, "participant", "participants")
    files = plural(result.files, "fichier", "fichiers")
    _say(
        f"Archive des travaux de la classe ({CLASS_DIR}/) : {result.archive} — {participants}, "
        f"{files}."
    )
    return 0 if result.stopped else 1


def _minutes(text: str) -> float:
    """``--inactivite``: minutes, fractions allowed, 0 for never; a French refusal else."""
    import math

    try:
        minutes = float(text.replace(",", "."))
    except ValueError:
        minutes = math.nan
    if not math.isfinite(minutes) or minutes < 0:
        raise argparse.ArgumentTypeError(
            f"« {text} » n’est pas une durée en minutes : indiquez un nombre positif, par "
            "exemple 60, ou 0 pour ne jamais arrêter les serveurs inactifs"
        )
    if 0 < minutes < 0.1:
        raise argparse.ArgumentTypeError(
            f"« {text} » : trop court, au moins 0,1 minute (6 secondes), ou 0 pour "
            "ne jamais arrêter les serveurs inactifs"
        )
    return minutes


def _content_option(parser: argparse.ArgumentParser, used: str = "") -> None:
    """``--contenu DOSSIER``, repeatable: a trainer's content folder read with the course's."""
    parser.add_argument(
        "--contenu",
        action="append",
        metavar="DOSSIER",
        help=f"dossier de contenu du formateur {used}(ses études de cas, ses acteurs…), en plus "
        "du cours ; l’option peut être répétée",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tanmia-course",
        description=_(
            "Outils du cours « Construire un partenariat » (d’après le guide de l’Association "
            "Tanmia.ma) : ouvrir le cours, vérifier le contenu, générer les exercices, gérer "
            "les notebooks, préparer un atelier."
        ),
    )
    parser.add_argument(
        "--langue",
        metavar="LANGUE",
        help=_("langue des messages : fr (par défaut), ar ou en ; aussi TANMIA_LANGUE"),
    )
    parser.add_argument(
        "--racine",
        type=lambda value: Path(value).resolve(),
        default=Path.cwd(),
        help=_(
            "dossier du cours (contenant notebooks/, exercises/, solutions/) ; par défaut le "
            "dossier courant"
        ),
    )
    sub = parser.add_subparsers(
        dest="commande", required=True, title=_("commandes"), metavar=_("COMMANDE")
    )

    p = sub.add_parser(
        "valider",
        help=_("vérifier les fichiers de contenu (YAML) du cours et ceux d’un formateur"),
        description="Vérifie chaque fichier de contenu contre le schéma de son "
        "type et signale, en français, le fichier, l’élément et le champ fautifs.",
    )
    p.add_argument(
        "dossiers",
        nargs="*",
        metavar="DOSSIER",
        help="dossiers de contenu d’un formateur à vérifier en plus du cours (zéro, un ou plus)",
    )
    p.set_defaults(func=_cmd_valider)

    p = sub.add_parser(
        "exercices",
        help=_("générer exercises/ à partir de solutions/"),
        description="Génère la version à compléter de chaque notebook de "
        "solutions/ dans exercises/.",
    )
    p.add_argument(
        "--verifier",
        action="store_true",
        help="ne rien écrire ; signaler les exercices qui ne sont pas à jour",
    )
    p.set_defaults(func=_cmd_exercices)

    sorties = sub.add_parser(
        "sorties",
        help=_("exécuter les notebooks et garder les sorties vérifiées"),
        description="Exécute les notebooks sur un noyau neuf et n’y garde que "
        "les sorties des cellules marquées nbval-check-output.",
    )
    sorties.set_defaults(func=_cmd_sorties)
    notes = sub.add_parser(
        "notes-formateur",
        help=_("afficher ou masquer les notes pour le formateur"),
        description="Replie ou déplie les cellules marquées « formateur » dans JupyterLab.",
    )
    notes.add_argument("action", choices=["afficher", "masquer"], help="afficher ou masquer")
    notes.set_defaults(func=_cmd_notes)
    for p in (sorties, notes):  # both work on the notebooks named, or all of them
        p.add_argument(
            "chemins", nargs="*", metavar="NOTEBOOK", help="notebooks à traiter (par défaut : tous)"
        )

    p = sub.add_parser(
        "typographie",
        help=_("écrire la typographie française dans les sources du cours"),
        description="Met les espaces insécables de la typographie française (avant « : ; ? ! », "
        "à l’intérieur des guillemets) dans le texte des notebooks de notebooks/ et "
        "solutions/, des fichiers de contenu, du README, de docs/ et des messages du "
        "paquet ; le code, les adresses "
        "et les heures restent tels quels. Relancez ensuite « tanmia-course exercices ».",
    )
    p.add_argument(
        "--verifier",
        action="store_true",
        help="ne rien écrire ; signaler les fichiers à corriger",
    )
    p.set_defaults(func=_cmd_typographie)

    p = sub.add_parser(
        "classe",
        help=_("vue de classe : lire les fichiers de travaux rendus et écrire un rapport HTML"),
        description="Lit tous les fichiers d’un dossier de travaux rendus (exportés avec "
        "tc.mes_travaux()), dit lesquels sont acceptés ou refusés et pourquoi, résume la "
        "classe et écrit un rapport HTML autonome (figures comprises), à projeter ou à "
        "envoyer par courriel.",
    )
    p.add_argument("dossier", metavar="DOSSIER", type=Path, help="dossier des fichiers reçus")
    _content_option(p, "utilisé par la classe ")
    p.add_argument(
        "--sortie",
        type=Path,
        default=Path("rapport_classe.html"),
        metavar="FICHIER",
        help="fichier HTML à écrire, ou dossier où l’écrire (par défaut : rapport_classe.html "
        "dans le dossier courant)",
    )
    p.set_defaults(func=_cmd_classe)

    p = sub.add_parser(
        "imprimer",
        help=_("écrire le dossier du formateur : cartes, grilles, récits des cas, quiz, fiches"),
        description="Écrit, à partir du contenu du cours (et de celui du formateur), les "
        "documents à imprimer pour un atelier : cartes des acteurs et des avantages à "
        "découper, grille influence / intérêt (A3), losange de classement, récit et grille "
        "d’audit de chaque étude de cas, quiz et corrigé, fiche d’évaluation, feuille d’émargement"
        " et, avec --classe, une attestation par participant. Chaque document est un "
        "fichier HTML prêt à imprimer (A4) et, si Chromium est installé, un PDF.",
    )
    p.add_argument("dossier", metavar="DOSSIER", type=Path, help="dossier où écrire les documents")
    _content_option(p)
    p.add_argument(
        "--classe",
        type=Path,
        metavar="DOSSIER",
        help="dossier des fichiers de travaux rendus : une attestation de participation par "
        "participant",
    )
    p.add_argument(
        "--sans-pdf",
        action="store_true",
        help="n’écrire que les fichiers HTML, sans chercher Chromium pour les PDF",
    )
    p.set_defaults(func=_cmd_imprimer)

    p = sub.add_parser(
        "ouvrir",
        help=_("ouvrir le cours dans JupyterLab, dans votre dossier de travail"),
        description=_(
            "Copie les leçons, les exercices et leurs corrigés dans votre dossier de travail "
            "(sans jamais remplacer un carnet déjà là : votre travail reste), puis ouvre "
            "JupyterLab sur le carnet d’accueil. Pour arrêter : Ctrl+C, ou fermer la fenêtre."
        ),
    )
    p.add_argument(
        "dossier",
        nargs="?",
        type=Path,
        default=Path("cours-tanmia"),
        metavar="DOSSIER",
        help=_("votre dossier de travail (par défaut : cours-tanmia, dans le dossier courant)"),
    )
    p.add_argument(
        "--port", type=int, help=_("port de JupyterLab (par défaut : 8888 ou le suivant libre)")
    )
    p.add_argument(
        "--sans-navigateur",
        action="store_true",
        help=_("ne pas ouvrir le navigateur : la commande affiche l’adresse à ouvrir"),
    )
    p.set_defaults(func=_cmd_ouvrir)

    p = sub.add_parser(
        "kit-hors-ligne",
        help=_("préparer un kit d’installation sans Internet (clé USB) pour toute une salle"),
        description="Écrit dans DOSSIER de quoi installer le cours sans Internet sur Windows, "
        "macOS et Linux : la roue du cours et celles de tous les paquets dont il a besoin, "
        "pour chaque système et chaque version de Python, deux scripts d’installation "
        "(installer-windows.bat, installer-mac-linux.sh) qui mettent un raccourci « Cours "
        "Tanmia » sur le bureau, et le mode d’emploi LISEZMOI.html. Se lance avec Internet, "
        "depuis le dépôt du cours (make kit). Relancée sur un kit, même interrompu, la commande "
        "le met à jour pour les systèmes et les versions demandés, sans retélécharger les "
        "roues qu’il a déjà.",
    )
    p.add_argument(
        "dossier",
        type=Path,
        metavar="DOSSIER",
        help="le dossier du kit (vide, ou un kit à mettre à jour)",
    )
    p.add_argument(
        "--systemes",
        nargs="+",
        metavar="SYSTEME",
        help="seulement ces systèmes : windows, macos, linux, ou windows-x86_64, "
        "macos-x86_64, macos-arm64, linux-x86_64 (par défaut : tous)",
    )
    p.add_argument(
        "--pythons",
        nargs="+",
        metavar="VERSION",
        help="seulement ces versions de Python, par exemple 3.12 3.13 (par défaut : "
        "de 3.11 à 3.15)",
    )
    p.add_argument(
        "--verifier",
        action="store_true",
        help="vérifier seulement, sans rien écrire dans DOSSIER ni télécharger de roue (pip "
        "ne lit que leurs métadonnées), que chaque paquet a une roue pour chaque système et "
        "chaque version de Python",
    )
    p.set_defaults(func=_cmd_kit)

    p = sub.add_parser(
        "atelier",
        help=_("servir le cours à toute la salle (JupyterHub sur le réseau local)"),
        description="Démarre un JupyterHub pour l’atelier sur le réseau local (Linux, macOS ; "
        "sous Windows, dans WSL) : chaque participant s’y connecte depuis son navigateur avec "
        "son nom et le code de l’atelier, et reçoit son dossier avec une copie des notebooks ; "
        "ses réponses s’enregistrent dans le dossier de la classe. Installez d’abord JupyterHub "
        "et son proxy avec « make hub ». Ctrl+C ou « --arreter » arrête l’atelier ; le relancer "
        "sur le même dossier retrouve le travail de chacun, et les mêmes codes.",
    )
    p.add_argument(
        "dossier",
        nargs="?",
        default=Path("atelier"),
        type=Path,
        metavar="DOSSIER",
        help="dossier de l’atelier : configuration, dossiers des participants, travaux de la "
        "classe (par défaut : atelier/ dans le dossier courant)",
    )
    p.add_argument(
        "--port",
        type=int,
        help="port où les participants se connectent (par défaut : celui du dernier démarrage "
        "de cet atelier, sinon 8000)",
    )
    p.add_argument(
        "--ip",
        default="",
        metavar="ADRESSE",
        help="adresse où écouter (par défaut : toutes celles de la machine, réseau local compris)",
    )
    p.add_argument(
        "--code",
        metavar="CODE",
        help="code de l’atelier à écrire au tableau (par défaut : celui du dernier démarrage de "
        "cet atelier, sinon tiré au sort)",
    )
    p.add_argument(
        "--code-formateur",
        metavar="CODE",
        help="votre code de formateur, qui donne la page d’administration du hub (par défaut : "
        "celui du dernier démarrage de cet atelier, sinon tiré au sort ; affiché au démarrage)",
    )
    p.add_argument(
        "--places",
        type=int,
        metavar="N",
        help="nombre de participants au plus, le formateur à part, 0 pour sans limite (par "
        "défaut : comme au dernier démarrage de cet atelier, sinon sans limite)",
    )
    p.add_argument(
        "--inactivite",
        type=_minutes,
        metavar="MINUTES",
        help="arrêter le serveur d’un participant inactif depuis tant de minutes ; son travail "
        "enregistré reste, et il revient en se reconnectant (par défaut : 60 ; 0 : jamais)",
    )
    p.add_argument(
        "--arreter",
        action="store_true",
        help="arrêter l’atelier qui tourne dans ce dossier (et les serveurs des participants), "
        "puis archiver les travaux de la classe dans archives/ du dossier",
    )
    p.set_defaults(func=_cmd_atelier)
    for command in sub.choices.values():  # --langue before or after the command's name
        command.add_argument("--langue", metavar="LANGUE", help=argparse.SUPPRESS)
    return parser


def _readable_output() -> None:
    """Output redirected to a file or a pipe is written in UTF-8: on Windows it would be in
    the ANSI code page, which has no narrow no-break space, « ✓ » nor Arabic, and the command
    would stop on its first French message (a console window shows them all already)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or stream.isatty():
            continue
        if (stream.encoding or "").lower().replace("-", "") not in ("utf8", "utf8sig"):
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    from . import i18n

    _readable_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language first: the help and every message are written in it.
    early = argparse.ArgumentParser(prog="tanmia-course", add_help=False, allow_abbrev=False)
    early.add_argument("--langue")
    asked = early.parse_known_args(argv)[0].langue
    before = i18n.language()
    try:
        if asked is not None:
            i18n.set_language(asked)
        elif i18n.environment_problem:
            _say(i18n.environment_problem, error=True)
        args = build_parser().parse_args(argv)
        return args.func(args)
    except i18n.UnknownLanguage as exc:
        _say(exc, error=True)
        return 2
    finally:
        i18n.set_language(before)  # a command run from Python leaves the language as it was


if __name__ == "__main__":
    raise SystemExit(main())
