"""``tanmia-course atelier``: the workshop folder, the hub's configuration, what the board says.

The workshop folder holds everything of one workshop: ``atelier.json`` (its codes, places and
port, kept from one start to the next so that the board stays true after a restart),
``jupyterhub_config.py`` (written at each start), the hub's database and cookie secret (so
that a restart keeps who signed in), ``participants/<nom>/`` (each participant's copies of
the course) and ``classe/<nom>/`` (their saved answers, read by the trainer's class view).
Only its owner may open it: the codes are in it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..work.store import (
    LEARNER_DIRS,
    UnreadableWork,
    atomic_write_bytes,
    dumps,
    loads,
    read_bytes,
)
from .spawner import CLASS_DIR, PARTICIPANTS_DIR

CONFIG_FILE = "jupyterhub_config.py"
SETTINGS_FILE = "atelier.json"
SETTINGS_SCHEMA = "tanmia-course/atelier"
TEMPLATES = Path(__file__).parent / "templates"
PROXY = Path("node_modules") / ".bin" / "configurable-http-proxy"
DEFAULT_PORT = 8000


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
    except ImportError:
        proxy = Path()
    if not proxy.is_file():
        raise WorkshopRefused(
            "JupyterHub ou son proxy (configurable-http-proxy) n’est pas installé : lancez "
            "« make hub » dans le dossier du cours, une fois, avec Internet."
        )
    return proxy


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
        "JupyterHub.pid_file": str(folder / "jupyterhub.pid"),
        "JupyterHub.template_paths": [str(TEMPLATES)],
        "JupyterHub.authenticator_class": "tanmia_course.workshop.auth.WorkshopAuthenticator",
        "JupyterHub.spawner_class": "tanmia_course.workshop.spawner.WorkshopSpawner",
        "JupyterHub.shutdown_on_logout": True,
        "ConfigurableHTTPProxy.command": [str(proxy)],
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{free_port()}",
        "ConfigurableHTTPProxy.pid_file": str(folder / "proxy.pid"),
        "WorkshopAuthenticator.code": workshop.code,
        "WorkshopAuthenticator.trainer_code": workshop.trainer_code,
        "WorkshopAuthenticator.places": workshop.places,
        "WorkshopSpawner.workshop": str(folder),
        "WorkshopSpawner.course": str(workshop.course),
        "Spawner.http_timeout": 60,
        "Spawner.start_timeout": 120,
    }
    lines = [
        "# Written by « tanmia-course atelier » at each start : edit the command's options, not",
        "# this file. It holds the workshop's codes: only its owner may read it.",
        "c = get_config()  # noqa: F821",
    ]
    lines += [f"c.{key} = {value!r}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def prepare(workshop: Workshop) -> Path:
    """Create the workshop folder and write into it what the next start keeps, the hub's
    configuration; returns the configuration file."""
    proxy = check_can_run(workshop.course)
    folder = workshop.folder
    for sub in (folder, folder / PARTICIPANTS_DIR, folder / CLASS_DIR):
        sub.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # the codes are in it: the trainer's eyes only
        os.chmod(folder, stat.S_IRWXU)
    save_settings(workshop)
    config = folder / CONFIG_FILE
    atomic_write_bytes(config, hub_config(workshop, proxy).encode("utf-8"))
    return config


def board(workshop: Workshop) -> str:
    """What the trainer writes on the board, and keeps for themselves."""
    places = f"{workshop.places} participants au plus" if workshop.places else "sans limite"
    url = board_url(workshop)
    return "\n".join(
        [
            "Atelier prêt. À écrire au tableau :",
            "",
            f"    Adresse : {url}",
            f"    Code de l’atelier : {workshop.code}",
            "",
            "Chacun s’y connecte avec son nom et ce code, depuis un appareil branché sur le même "
            "réseau (Wi-Fi) que cette machine.",
            f"Votre code de formateur (ne l’écrivez pas au tableau) : {workshop.trainer_code}",
            f"Places : {places}. Dossier de l’atelier : {workshop.folder}",
            f"Travaux de la classe : {workshop.folder / CLASS_DIR}",
            "Pour arrêter l’atelier : Ctrl+C dans ce terminal ; le travail de chacun est gardé.",
        ]
    )


def hub_command(config: Path) -> list[str]:
    """JupyterHub, from the course's environment, with the workshop's configuration."""
    return [sys.executable, "-m", "jupyterhub", "-f", str(config)]
