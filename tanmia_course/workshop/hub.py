"""``tanmia-course atelier``: the workshop folder, the hub's configuration, what the board says,
and the end of a workshop (``--arreter``).

The workshop folder holds everything of one workshop: ``atelier.json`` (its codes, places and
port, kept from one start to the next so that the board stays true after a restart),
``jupyterhub_config.py`` (written at each start), the hub's database and cookie secret (so
that a restart keeps who signed in), its pid files, ``tableau.html`` (the page to project:
the address, its QR code and the workshop code), ``participants/<nom>/`` (each participant's
copies of the course), ``classe/<nom>/`` (their saved answers, read by the trainer's class
view) and ``archives/`` (the class folder zipped by ``--arreter``). Only its owner may open it:
the codes are in it.

Idle servers are stopped by jupyterhub-idle-culler, a service the hub starts and stops with
itself, allowed only what it needs (the users' list and activity, their servers); the work of
a participant whose server was stopped is in their files, and signing in again starts it anew.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..display import html
from ..display.text import fr_number, hours
from ..work.store import (
    LEARNER_DIRS,
    UnreadableWork,
    atomic_write_bytes,
    dumps,
    loads,
    read_bytes,
    write_new_file,
)
from .spawner import CLASS_DIR, LOGS_DIR, PARTICIPANTS_DIR

CONFIG_FILE = "jupyterhub_config.py"
HUB_LOG = "jupyterhub.log"
CULLER_LOG = "arret-des-inactifs.log"
CULLER_CONFIG = "idle_culler_config.py"
SETTINGS_FILE = "atelier.json"
SETTINGS_SCHEMA = "tanmia-course/atelier"
BOARD_PAGE = "tableau.html"
ARCHIVES_DIR = "archives"
HUB_PID_FILE = "jupyterhub.pid"
PROXY_PID_FILE = "proxy.pid"
TEMPLATES = Path(__file__).parent / "templates"
PROXY = Path("node_modules") / ".bin" / "configurable-http-proxy"
DEFAULT_PORT = 8000
DEFAULT_IDLE_MINUTES = 60.0
CULLER = "idle-culler"
# What jupyterhub-idle-culler needs, and no more (its README, « Permissions »): the users'
# list, their last activity, their servers read and stopped. It culls no user, so it is not
# given admin:users.
CULLER_SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]
MAX_CULL_EVERY = 300  # seconds: an idle server is stopped at most 5 min after its time


class WorkshopRefused(RuntimeError):
    """The workshop cannot start; the message says why and what to do, in French."""


@dataclass(frozen=True, slots=True)
class Workshop:
    """One workshop's settings, as the command received them."""

    folder: Path
    course: Path
    ip: str = ""
    port: int = DEFAULT_PORT
    code: str = ""
    trainer_code: str = ""
    places: int = 0
    idle_minutes: float = DEFAULT_IDLE_MINUTES  # 0: idle servers are never stopped


# What a restart of the workshop keeps: the Workshop's field, its key in atelier.json, and what
# the trainer calls it.
KEPT = (
    ("code", "code", "le code de l’atelier"),
    ("trainer_code", "code_formateur", "le code du formateur"),
    ("places", "places", "les places"),
    ("port", "port", "le port"),
)
_SETTINGS_HINT = (
    "Corrigez-le ou mettez-le de côté : l’atelier tirera alors de nouveaux codes, à réécrire "
    "au tableau."
)


def _valid_setting(field: str, value: Any) -> bool:
    if field in ("code", "trainer_code"):
        return isinstance(value, str) and bool(value) and value == value.strip()
    if field == "places":
        return type(value) is int and value >= 0
    return type(value) is int and 0 < value < 65536


def read_settings(folder: Path) -> dict[str, Any]:
    """What the last start of the workshop in ``folder`` kept (the :class:`Workshop`'s fields
    of :data:`KEPT`); nothing at the first start. :class:`WorkshopRefused` when
    ``atelier.json`` cannot be read with certainty: it is left as it is."""
    path = folder / SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        doc = loads(read_bytes(path, str(path)), str(path))
    except UnreadableWork as exc:
        raise WorkshopRefused(f"{exc}. {_SETTINGS_HINT}") from None
    wrong = (
        [key for field, key, _ in KEPT if key in doc and not _valid_setting(field, doc[key])]
        if isinstance(doc, dict) and doc.get("schema") == SETTINGS_SCHEMA
        else ["schema"]
    )
    if wrong:
        raise WorkshopRefused(
            f"Fichier « {path} » : ce n’est pas le fichier d’un atelier du cours (valeur "
            f"invalide pour {', '.join(f'« {key} »' for key in wrong)}). {_SETTINGS_HINT}"
        )
    return {field: doc[key] for field, key, _ in KEPT if key in doc}


def save_settings(workshop: Workshop) -> Path:
    """Keep the workshop's codes, places and port for its next start (owner-only file)."""
    path = workshop.folder / SETTINGS_FILE
    doc = {"schema": SETTINGS_SCHEMA}
    doc.update({key: getattr(workshop, field) for field, key, _ in KEPT})
    atomic_write_bytes(path, dumps(doc))
    with contextlib.suppress(OSError):  # a file kept from before with other permissions
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    return path


def _shown_setting(field: str, value: Any) -> str:
    return "sans limite" if field == "places" and not value else str(value)


def settle(
    folder: Path, course: Path, given: dict[str, Any], **options: Any
) -> tuple[Workshop, list[str]]:
    """The workshop to start in ``folder``: each of :data:`KEPT` as ``given`` on the command
    line (``None``: not given), else as the last start kept it, else drawn (the codes) or by
    default; ``options`` are the other :class:`Workshop` fields. Also returns what to tell
    the trainer about it, in French: what was kept, what the command replaced."""
    saved = read_settings(folder)
    first = {
        "code": lambda: new_code(4),
        "trainer_code": lambda: new_code(8),
        "places": lambda: 0,
        "port": lambda: DEFAULT_PORT,
    }
    values: dict[str, Any] = {}
    kept, replaced = [], []
    for field, _, label in KEPT:
        value = given.get(field)
        if value is None:
            value = saved[field] if field in saved else first[field]()
            if field in saved:
                kept.append(label)
        elif field in saved and saved[field] != value:
            old, new = (_shown_setting(field, v) for v in (saved[field], value))
            replaced.append(f"{label} ({old} → {new})")
        values[field] = value
    notes = []
    if kept:
        notes.append(f"Repris du dernier démarrage de cet atelier : {', '.join(kept)}.")
    if replaced:
        notes.append(
            f"Remplacé par les options de la commande : {', '.join(replaced)}. Si le tableau "
            "porte l’ancienne valeur, corrigez-le."
        )
    return Workshop(folder=folder, course=course, **values, **options), notes


def new_code(digits: int) -> str:
    """A code of ``digits`` digits, easy to type on a phone.

    >>> len(new_code(6)), new_code(6).isdigit()
    (6, True)
    """
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def free_port(ip: str = "127.0.0.1") -> int:
    """A TCP port free at this moment on ``ip`` (the hub's and the proxy's inner ports)."""
    with socket.socket() as sock:
        sock.bind((ip, 0))
        return sock.getsockname()[1]


def local_address() -> str:
    """This machine's address on the local network (the one its default route leaves by), or
    127.0.0.1 with no network. Nothing is sent: connecting a UDP socket only picks a route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 1))
            return sock.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def board_url(workshop: Workshop) -> str:
    """The address the participants type: the machine's on the local network, unless the hub
    listens on one address only."""
    host = workshop.ip if workshop.ip not in ("", "0.0.0.0", "::") else local_address()
    return f"http://{host}:{workshop.port}/"


def check_can_run(course: Path) -> Path:
    """The configurable-http-proxy of the course folder; :class:`WorkshopRefused` when the
    hub cannot run here."""
    if sys.platform == "win32":
        raise WorkshopRefused(
            "L’atelier ne démarre pas sous Windows : JupyterHub n’y fonctionne pas. Lancez "
            "« tanmia-course atelier » dans WSL (le Linux de Windows) ou sur une machine Linux."
        )
    missing = [name for name in LEARNER_DIRS if not (course / name).is_dir()]
    if missing:
        raise WorkshopRefused(
            f"« {course} » n’est pas le dossier du cours (il y manque "
            f"{' et '.join(m + '/' for m in missing)}) : lancez la commande depuis le dossier "
            "du cours ou indiquez-le avec --racine."
        )
    proxy = course / PROXY
    try:
        import jupyterhub  # noqa: F401
        import jupyterhub_idle_culler  # noqa: F401
        import segno  # noqa: F401
    except ImportError:
        proxy = Path()
    if not proxy.is_file():
        raise WorkshopRefused(
            "Ce qu’il faut à l’atelier n’est pas tout installé (JupyterHub, son proxy "
            "configurable-http-proxy, l’arrêt des serveurs inactifs, le code QR) : lancez "
            "« make hub » dans le dossier du cours, une fois, avec Internet."
        )
    return proxy


def idle_culler(idle_minutes: float, folder: Path) -> dict[str, Any]:
    """The hub's settings that stop a participant's server idle for ``idle_minutes``
    (fractions allowed; 0: none): jupyterhub-idle-culler as a service the hub starts, and the
    role that allows it only :data:`CULLER_SCOPES`. It looks at most every 5 minutes."""
    if not idle_minutes:
        return {}
    timeout = max(1, round(idle_minutes * 60))
    every = max(1, min(timeout // 2, MAX_CULL_EVERY))
    # its settings (its log to the workshop's logs, not to the trainer's terminal) in a file of
    # the workshop, which also tells its process from another workshop's (left_behind)
    config = f"--config={folder / CULLER_CONFIG}"
    command = [sys.executable, "-m", "jupyterhub_idle_culler", config]
    return {
        "JupyterHub.services": [
            {"name": CULLER, "command": [*command, f"--timeout={timeout}", f"--cull-every={every}"]}
        ],
        "JupyterHub.load_roles": [
            {
                "name": CULLER,
                "description": "Stops the participants' idle servers",
                "scopes": CULLER_SCOPES,
                "services": [CULLER],
            }
        ],
    }


def hub_config(workshop: Workshop, proxy: Path) -> str:
    """The text of ``jupyterhub_config.py`` for this workshop."""
    folder = workshop.folder
    settings = {
        "JupyterHub.ip": workshop.ip,
        "JupyterHub.port": workshop.port,
        "JupyterHub.hub_ip": "127.0.0.1",
        "JupyterHub.hub_port": free_port(),
        "JupyterHub.db_url": f"sqlite:///{folder / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(folder / "jupyterhub_cookie_secret"),
        "JupyterHub.pid_file": str(folder / HUB_PID_FILE),
        "JupyterHub.template_paths": [str(TEMPLATES)],
        "JupyterHub.authenticator_class": "tanmia_course.workshop.auth.WorkshopAuthenticator",
        "JupyterHub.spawner_class": "tanmia_course.workshop.spawner.WorkshopSpawner",
        "JupyterHub.shutdown_on_logout": True,
        "ConfigurableHTTPProxy.command": [str(proxy)],
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{free_port()}",
        "ConfigurableHTTPProxy.pid_file": str(folder / PROXY_PID_FILE),
        "WorkshopAuthenticator.code": workshop.code,
        "WorkshopAuthenticator.trainer_code": workshop.trainer_code,
        "WorkshopAuthenticator.places": workshop.places,
        "WorkshopSpawner.workshop": str(folder),
        "WorkshopSpawner.course": str(workshop.course),
        # A room signing in at once on a small laptop: 25 JupyterLabs took up to 60 s to
        # answer on 2 cores, 98 s on one (bench/workshop.py); a limit of 60 s lost them all.
        "Spawner.http_timeout": 180,
        "Spawner.start_timeout": 120,
        **idle_culler(workshop.idle_minutes, folder),
        # The terminal keeps the board in sight: only warnings and errors reach it; the whole
        # log goes to the workshop folder (each participant's server: journaux/<nom>.log).
        "JupyterHub.logging_config": log_to_file(folder / HUB_LOG, "JupyterHub", "WARNING"),
        "ConfigurableHTTPProxy.log_level": "warn",
    }
    return config_text(settings, "It holds the workshop's codes: only its owner may read it.")


def config_text(settings: dict[str, Any], about: str = "") -> str:
    """A traitlets configuration file (JupyterHub's, the idle culler's) setting each
    ``Class.trait`` of ``settings`` to its value."""
    lines = [
        "# Written by tanmia-course atelier at each start: edit the command's options, not",
        f"# this file. {about}".rstrip(),
        "c = get_config()  # noqa: F821",
    ]
    lines += [f"c.{key} = {value!r}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def log_to_file(path: Path, logger: str, terminal: str) -> dict[str, Any]:
    """A traitlets application's logging: everything from INFO up to ``path``, only
    ``terminal`` and up to the terminal (the application's own handler)."""
    return {
        "formatters": {"journal": {"format": "[%(levelname)1.1s %(asctime)s] %(message)s"}},
        "handlers": {
            "console": {"level": terminal},
            "journal": {
                "class": "logging.FileHandler",
                "filename": str(path),
                "encoding": "utf-8",
                "formatter": "journal",
                "level": "INFO",
            },
        },
        "loggers": {logger: {"level": "INFO", "handlers": ["console", "journal"]}},
    }


def prepare(workshop: Workshop) -> Path:
    """Create the workshop folder and write into it what the next start keeps, the hub's
    configuration and the page to project; returns the configuration file."""
    proxy = check_can_run(workshop.course)
    folder = workshop.folder
    for sub in (folder, folder / PARTICIPANTS_DIR, folder / CLASS_DIR, folder / LOGS_DIR):
        sub.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # the codes are in it: the trainer's eyes only
        os.chmod(folder, stat.S_IRWXU)
    save_settings(workshop)
    config = folder / CONFIG_FILE
    atomic_write_bytes(config, hub_config(workshop, proxy).encode("utf-8"))
    log = log_to_file(folder / LOGS_DIR / CULLER_LOG, "IdleCuller", "ERROR")
    culler = config_text({"IdleCuller.logging_config": log})
    atomic_write_bytes(folder / CULLER_CONFIG, culler.encode("utf-8"))
    atomic_write_bytes(folder / BOARD_PAGE, board_page(workshop).encode("utf-8"), private=False)
    return config


def idle_time(minutes: float) -> str:
    """A time of inactivity as the board says it.

    >>> idle_time(60), idle_time(90), idle_time(0.5)
    ('1\xa0h', '1\xa0h\xa030', '0,5\xa0min')
    """
    if minutes == int(minutes):
        return hours(int(minutes))
    return f"{fr_number(minutes, 1)}\u00a0min"


def qr_code(url: str) -> Any:
    """The QR code of ``url`` (segno's; a full QR code, which every phone reads)."""
    import segno

    return segno.make_qr(url)


def board(workshop: Workshop) -> str:
    """What the trainer writes on the board, and keeps for themselves."""
    places = f"{workshop.places} participants au plus" if workshop.places else "sans limite"
    url = board_url(workshop)
    qr = io.StringIO()
    qr_code(url).terminal(out=qr, compact=True)
    idle = (
        f"les serveurs inactifs depuis {idle_time(workshop.idle_minutes)} sont arrêtés (le "
        "travail enregistré reste ; on revient en se reconnectant)"
        if workshop.idle_minutes
        else "les serveurs inactifs ne sont pas arrêtés"
    )
    return "\n".join(
        [
            "Atelier prêt. À écrire au tableau :",
            "",
            f"    Adresse : {url}",
            f"    Code de l’atelier : {workshop.code}",
            "",
            qr.getvalue().rstrip("\n"),
            "",
            "Chacun s’y connecte avec son nom et ce code, depuis un appareil branché sur le même "
            "réseau (Wi-Fi) que cette machine ; un téléphone peut lire le code QR ci-dessus.",
            f"Page à projeter (adresse, code QR, code) : {workshop.folder / BOARD_PAGE}",
            f"Votre code de formateur (ne l’écrivez pas au tableau) : {workshop.trainer_code}",
            f"Places : {places} ; {idle}.",
            f"Dossier de l’atelier : {workshop.folder}",
            f"Travaux de la classe : {workshop.folder / CLASS_DIR} ; pour suivre la salle en "
            "direct, connectez-vous avec votre code de formateur et exécutez "
            "« tc.vue_de_classe(tc.CLASSE_ATELIER) » dans un carnet.",
            f"Journal de l’atelier : {workshop.folder / HUB_LOG} (ce terminal n’affiche que "
            "les alertes).",
            "Pour arrêter l’atelier : Ctrl+C dans ce terminal, ou « tanmia-course atelier "
            f"{workshop.folder} --arreter » (qui archive aussi les travaux de la classe) ; le "
            "travail de chacun est gardé.",
        ]
    )


_PAGE_STYLE = """<style>
.tableau { text-align: center; }
.tableau h1 { border: none; font-size: 2.4em; margin: 0.2em 0; }
.tableau .adresse { font-size: 4.4em; font-weight: bold; overflow-wrap: anywhere; margin: 0.2em 0; }
.tableau svg { width: min(55vh, 80vw); height: auto; }
.tableau .code { font-size: 3em; margin: 0.2em 0; }
.tableau ol { display: inline-block; text-align: left; font-size: 1.5em; }
</style>"""


def board_page(workshop: Workshop) -> str:
    """The page to project (``tableau.html``): the address in big letters, its QR code, the
    workshop code and how to sign in. One file, nothing from the Internet; the trainer code is
    not on it."""
    url = board_url(workshop)
    svg = qr_code(url).svg_inline(
        omitsize=True, light="#fff", title=f"Code QR de l’adresse {url}", svgclass="qr"
    )
    steps = [
        "Branchez votre téléphone ou votre ordinateur sur le même réseau (Wi-Fi) que la "
        "machine du formateur.",
        "Lisez le code QR avec l’appareil photo, ou tapez l’adresse dans le navigateur.",
        "Indiquez votre nom (prénom et initiale) et le code de l’atelier.",
    ]
    return html.page(
        "Atelier — connexion",
        _PAGE_STYLE,
        html.section(
            "tableau",
            html.heading("Entrer dans l’atelier", 1),
            f"<p class='adresse'>{html.escape(url)}</p>",
            svg,
            f"<p class='code'>{html.escape(f'Code de l’atelier : {workshop.code}')}</p>",
            "<ol>" + "".join(f"<li>{html.escape(step)}</li>" for step in steps) + "</ol>",
        ),
    )


def hub_command(config: Path) -> list[str]:
    """JupyterHub, from the course's environment, with the workshop's configuration."""
    return [sys.executable, "-m", "jupyterhub", "-f", str(config)]


# ---------------------------------------------------------------- the end of a workshop


def is_workshop(folder: Path) -> bool:
    """Whether ``folder`` is a workshop folder: one ``tanmia-course atelier`` has started in."""
    return (folder / CONFIG_FILE).is_file()


def _command_line(pid: int) -> list[str]:
    """The command line of process ``pid``; empty when there is none (or a zombie's)."""
    proc = Path("/proc") / str(pid) / "cmdline"
    if proc.parent.parent.is_dir():
        try:
            return [arg for arg in proc.read_bytes().decode("utf-8", "replace").split("\0") if arg]
        except OSError:
            return []
    try:  # macOS: no /proc
        found = subprocess.run(
            ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return found.stdout.split()


def _our_process(folder: Path, pid_file: str, is_ours: Callable[[list[str]], bool]) -> int | None:
    """The process whose pid ``pid_file`` of the workshop folder holds, if it still runs and
    its command line is the one this workshop started (a pid file left by a killed hub may
    name a process that has since taken that number)."""
    try:
        pid = int((folder / pid_file).read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if pid <= 1 or pid == os.getpid():
        return None
    return pid if is_ours(_command_line(pid)) else None


def running_hub(folder: Path) -> int | None:
    """The pid of the JupyterHub running for this workshop folder, if one runs."""
    config = str(folder / CONFIG_FILE)
    return _our_process(folder, HUB_PID_FILE, lambda args: "jupyterhub" in args and config in args)


def running_proxy(folder: Path) -> int | None:
    """The pid of the hub's proxy for this workshop, if it still runs (after a killed hub)."""
    return _our_process(
        folder, PROXY_PID_FILE, lambda args: any("configurable-http-proxy" in a for a in args)
    )


def _terminate(pid: int, gone: Callable[[], bool], seconds: float) -> bool:
    """SIGTERM to ``pid``, then wait at most ``seconds`` for ``gone()``; whether it is."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + seconds
    while not gone():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


@dataclass(frozen=True, slots=True)
class Stopped:
    """What ``--arreter`` stopped: the hub's pid (``None``: none ran), whether it and the
    proxy are gone, the archive written and what it holds."""

    hub: int | None
    stopped: bool
    archive: Path
    participants: int
    files: int
    left: int = 0  # processes a killed hub had left running, stopped here


def archive_class(folder: Path) -> tuple[Path, int, int]:
    """Zip the class folder (every participant's saved answers) into
    ``archives/classe_AAAA-MM-JJ_HHMM.zip`` of the workshop folder, never over a file (the
    next free ``-2``, ``-3``… name then); returns it, the participants and the files it holds.
    Symbolic links and the temporary files of saves under way are left out."""
    classe = folder / CLASS_DIR
    if classe.is_symlink():
        raise WorkshopRefused(
            f"« {classe} » est un lien symbolique : l’archive ne le suit pas. Rangez les "
            "travaux de la classe dans un vrai dossier, puis relancez « --arreter »."
        )
    buffer = io.BytesIO()
    participants = files = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for top, dirs, names in os.walk(classe):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # .ipynb_checkpoints…
            here = Path(top)
            if here.parent == classe:
                participants += 1
                archive.writestr(f"{here.relative_to(folder).as_posix()}/", b"")
            for name in sorted(names):
                path = here / name
                if name.startswith(".") or not stat.S_ISREG(os.lstat(path).st_mode):
                    continue
                archive.write(path, path.relative_to(folder).as_posix())
                files += 1
    name = f"classe_{datetime.now():%Y-%m-%d_%H%M}.zip"
    path = write_new_file(folder / ARCHIVES_DIR / name, buffer.getvalue(), free_name=True)
    return path, participants, files


def stop(folder: Path, seconds: float = 60) -> Stopped:
    """Stop the hub running for the workshop in ``folder`` (SIGTERM: it stops every
    participant's server and its proxy, then exits; waited for at most ``seconds``), then the
    proxy if a killed hub left it, then archive the class folder (:func:`archive_class`), hub
    or no hub."""
    hub = running_hub(folder)
    stopped = hub is None or _terminate(hub, lambda: running_hub(folder) != hub, seconds)
    left = 0
    if stopped:  # what a killed hub leaves running: its proxy, servers and culler
        for pid in filter(None, [running_proxy(folder), *left_behind(folder)]):
            left += 1
            stopped = _terminate(pid, lambda pid=pid: not _command_line(pid), 10) and stopped
    return Stopped(hub, stopped, *archive_class(folder), left=left)


def left_behind(folder: Path) -> list[int]:
    """The participants' servers and the idle-server culler of this workshop that still run
    without their hub (killed, not stopped): the servers' pids as the hub's database keeps
    them, each checked against its command line, and the culler found by its log file."""
    pids = []
    with contextlib.suppress(sqlite3.Error):
        database = f"file:{folder / 'jupyterhub.sqlite'}?mode=ro"
        with contextlib.closing(sqlite3.connect(database, uri=True)) as db:
            for (state,) in db.execute("SELECT state FROM spawners"):
                with contextlib.suppress(ValueError, TypeError, AttributeError):
                    pid = int(json.loads(state or "{}").get("pid") or 0)
                    if pid > 1 and "jupyterhub.singleuser" in _command_line(pid):
                        pids.append(pid)
    culler_config = str(folder / CULLER_CONFIG)
    proc = Path("/proc")
    if proc.is_dir():  # Linux; elsewhere a culler left alone can only fail to reach a hub
        for entry in proc.iterdir():
            pid = int(entry.name) if entry.name.isdigit() else 0
            if pid and any(culler_config in arg for arg in _command_line(pid)):
                pids.append(pid)
    return pids
