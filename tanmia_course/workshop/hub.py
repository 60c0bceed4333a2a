"""``tanmia-course atelier``: the workshop folder, the hub's configuration, what the board says.

The workshop folder holds everything of one workshop: ``jupyterhub_config.py`` (written at
each start), the hub's database and cookie secret (so that a restart keeps who signed in),
``participants/<nom>/`` (each participant's copies of the course) and ``classe/<nom>/`` (their
saved answers, read by the trainer's class view).
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

from ..work.store import LEARNER_DIRS, atomic_write_bytes
from .spawner import CLASS_DIR, PARTICIPANTS_DIR

CONFIG_FILE = "jupyterhub_config.py"
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
    """Create the workshop folder and write the hub's configuration into it; returns the
    configuration file."""
    proxy = check_can_run(workshop.course)
    folder = workshop.folder
    for sub in (folder, folder / PARTICIPANTS_DIR, folder / CLASS_DIR):
        sub.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # the codes are in it: the trainer's eyes only
        os.chmod(folder, stat.S_IRWXU)
    config = folder / CONFIG_FILE
    atomic_write_bytes(config, hub_config(workshop, proxy).encode("utf-8"))
    return config


def board(workshop: Workshop) -> str:
    """What the trainer writes on the board, and keeps for themselves."""
    places = f"{workshop.places} participants au plus" if workshop.places else "sans limite"
    return "\n".join(
        [
            "Atelier prêt. À écrire au tableau :",
            "",
            f"    Adresse : {board_url(workshop)}",
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
