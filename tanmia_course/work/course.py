"""The course's notebooks, where they are and how a learner gets their own copies.

**Where.** In a copy of the repository (``make lab``, a contributor's checkout), the course
folder is the one that holds this package; installed from the wheel (``pip install
tanmia-course``), the notebooks are installed beside Python, in
``<environnement>/share/tanmia-course/`` (``[tool.setuptools.data-files]`` of pyproject.toml).

**Copies.** :func:`copy_course` gives a learner (``tanmia-course ouvrir``: lessons,
exercises and their solutions, which the exercises link to) or a workshop participant
(``tanmia-course atelier``: lessons and exercises; the trainer shows the solutions) their own
copies, file by file, never over a file already there.
"""

from __future__ import annotations

import contextlib
import sysconfig
from collections.abc import Sequence
from pathlib import Path

from .store import LEARNER_DIRS, write_new_file

WELCOME = "notebooks/00_bienvenue.ipynb"
INSTALLED = Path("share") / "tanmia-course"


def course_source() -> Path | None:
    """The folder that holds the course's notebooks (``notebooks/``, ``exercises/``): the
    repository this package runs from, else the installed copy — in the environment, or in
    the user's own folder (``pip install --user``, and what pip does by itself with the
    Microsoft Store's Python or a Python installed for all users); None when none is there."""
    for folder in (
        Path(__file__).resolve().parents[2],
        Path(sysconfig.get_path("data")) / INSTALLED,
        Path(sysconfig.get_path("data", sysconfig.get_preferred_scheme("user"))) / INSTALLED,
    ):
        if all((folder / name).is_dir() for name in LEARNER_DIRS):
            return folder
    return None


def jupyter_settings(course: Path) -> dict[str, str]:
    """The environment that gives a JupyterLab the course's Jupyter settings (French
    interface, Voilà without CDN…) from a course folder that holds them, as ``make lab`` does;
    none for an installed course, whose settings are installed beside Jupyter."""
    if not (course / "etc" / "jupyter").is_dir():
        return {}
    return {
        "JUPYTER_CONFIG_PATH": str(course / "etc" / "jupyter"),
        "JUPYTER_PATH": str(course / "share" / "jupyter"),
    }


def copy_course(course: Path, home: Path, folders: Sequence[str] = LEARNER_DIRS) -> list[Path]:
    """Copy the course's notebook ``folders`` (by default lessons and exercises) into a
    learner's folder, file by file, never over a file already there: work done before stays
    as it was, and a notebook the course gained since is added. Returns the files copied."""
    copied = []
    for name in folders:
        source = course / name
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(course)
            if not path.is_file() or any(
                part.startswith(".") or part == "travaux" for part in relative.parts
            ):
                continue
            target = home / relative
            if target.exists() or target.is_symlink():
                continue
            # whole or not at all (a copy killed midway leaves no half notebook that would
            # then never be replaced), and never over a file written meanwhile
            with contextlib.suppress(FileExistsError):
                copied.append(write_new_file(target, path.read_bytes()))
    return copied
