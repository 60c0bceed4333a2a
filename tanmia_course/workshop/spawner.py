"""Each participant's JupyterLab in the workshop: their own folder, fresh copies of the course.

Built on JupyterHub's ``SimpleLocalProcessSpawner``: no system account to prepare, every
participant's server runs as the system user who started ``tanmia-course atelier``.

**What isolation this gives, and what it does not.** Each server's root is the participant's
own folder (``participants/<nom>/``), and their saved answers go to their own folder of the
class (``classe/<nom>/``, outside that root): through JupyterLab's file browser, its
notebooks and its file API, a participant sees their copies of the course and nothing of
anyone else's; the terminal is turned off. But every server and every kernel runs as one
system user: Python code typed in a notebook can read — and change — any participant's files,
the class folder and the hub's own files (its database, the workshop's codes). This keeps
honest participants from mixing their work up; it does not protect it from one who means
harm. Where that matters, run the hub with system accounts (JupyterHub's
``LocalProcessSpawner``) or in containers (Zero to JupyterHub).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Unicode, default

from ..display.html import escape
from ..work.course import WELCOME, copy_course, jupyter_settings
from ..work.store import (
    CLASS_ENV_VAR,
    ENV_VAR,
    PROFILE_FILE,
    dumps,
    now,
    write_new_file,
)

PARTICIPANTS_DIR = "participants"
CLASS_DIR = "classe"
LOGS_DIR = "journaux"


def _ready_event(spawner: Any, event: dict[str, Any]) -> dict[str, Any]:
    """The starting page's last words, in French: the server is ready, and its address."""
    url = str(event.get("url", ""))
    return {
        **event,
        "message": f"Votre JupyterLab est prêt : {url}",
        "html_message": f'Votre JupyterLab est prêt : <a href="{escape(url)}">ouvrir</a>',
    }


class WorkshopSpawner(SimpleLocalProcessSpawner):
    """A participant's JupyterLab in ``participants/<nom>/`` of the workshop folder, with the
    course's notebooks copied at first start and ``TANMIA_TRAVAUX`` set to ``classe/<nom>/``:
    the participant's work folder, whose profile (the name as typed at sign-in) is written at
    first start, so that the trainer's class view counts them from then on, by that name.

    The trainer (the hub's admin) gets the same copies, their own answers saved beside them
    (``participants/<nom>/travaux/``, out of the class), and ``TANMIA_CLASSE`` set to the
    class folder: ``tc.vue_de_classe(tc.CLASSE_ATELIER)`` follows the room.
    """

    workshop = Unicode(help="The workshop folder (configuration, participants, class).").tag(
        config=True
    )
    course = Unicode(help="The course folder whose notebooks each participant gets.").tag(
        config=True
    )

    @default("home_dir_template")
    def _in_the_workshop(self) -> str:
        return str(Path(self.workshop) / PARTICIPANTS_DIR / "{username}")

    @default("cmd")
    def _this_python(self) -> list[str]:  # the course's environment, whatever PATH says
        return [sys.executable, "-m", "jupyterhub.singleuser"]

    @default("default_url")
    def _welcome(self) -> str:
        return f"/lab/tree/{WELCOME}"

    @default("args")
    def _lab_options(self) -> list[str]:
        options = ["--ServerApp.terminals_enabled=False"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # a workshop box run as root
            options.append("--allow-root")
        return options

    @default("progress_ready_hook")
    def _ready_in_french(self):
        return _ready_event

    async def progress(self):  # type: ignore[override]
        """What the starting page says under its bar while the server starts (the hub's own
        first and last words aside), in French."""
        yield {
            "progress": 50,
            "message": "Démarrage de votre JupyterLab… Quand toute la salle se connecte en "
            "même temps, cela peut prendre une minute ou deux.",
        }

    def class_folder(self) -> Path:
        return Path(self.workshop) / CLASS_DIR / self.user.name

    def get_env(self) -> dict[str, str]:
        env = super().get_env()
        course = Path(self.course)
        if self.user.admin:
            env[CLASS_ENV_VAR] = str(Path(self.workshop) / CLASS_DIR)
        else:
            env[ENV_VAR] = str(self.class_folder())
        env.update(jupyter_settings(course))
        for kept in ("PATH", "PYTHONPATH", "LANG", "LC_ALL"):
            if kept in os.environ:
                env[kept] = os.environ[kept]
        return env

    def write_profile(self) -> None:
        """The participant's profile in their work folder, at first start: their name as
        typed at sign-in (« Aïcha B. », not the hub's ``aicha_b``) — the name the class view
        shows and « Mes travaux » proposes for an export. Never over one already there."""
        folder = self.class_folder()
        folder.mkdir(parents=True, exist_ok=True)
        shown = getattr(self.authenticator, "shown_names", {}).get(self.user.name)
        profile = {"nom": shown or self.user.name, "cree": now().isoformat()}
        with contextlib.suppress(FileExistsError):
            write_new_file(folder / PROFILE_FILE, dumps(profile))

    async def start(self):  # type: ignore[override]
        home = Path(self.home_dir)
        home.mkdir(parents=True, exist_ok=True)
        if not self.user.admin:
            self.write_profile()
        self.notebook_dir = str(home)
        copied = copy_course(Path(self.course), home)
        if copied:
            self.log.info("%d fichiers du cours copiés pour %s", len(copied), self.user.name)
        # The server's own log, to its file: the trainer's terminal keeps the board in sight.
        logs = Path(self.workshop) / LOGS_DIR
        logs.mkdir(exist_ok=True)
        with open(logs / f"{self.user.name}.log", "ab") as log:
            self.popen_kwargs = {**self.popen_kwargs, "stdout": log, "stderr": subprocess.STDOUT}
            return await super().start()
