"""Pytest set-up shared by the package tests and the notebooks that nbval runs.

Autosave (:mod:`tanmia_course.store`) writes answers into ``$TANMIA_TRAVAUX``. So that no
run depends on an earlier one, the whole session uses a fresh temporary folder, and each
notebook's kernel its own sub-folder (a kernel inherits the environment when nbval starts
it, just before the notebook's first cell). ``tests/conftest.py`` gives each test function
its own folder too.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_WORK_ROOT = Path(tempfile.mkdtemp(prefix="tanmia-travaux-"))
os.environ["TANMIA_TRAVAUX"] = str(_WORK_ROOT / "session")
# The tests, doctests and notebooks check the course in French, whatever language the tester
# works in (TANMIA_LANGUE): kernels inherit this environment.
os.environ.pop("TANMIA_LANGUE", None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.path.suffix == ".ipynb":
        os.environ["TANMIA_TRAVAUX"] = str(_WORK_ROOT / item.path.parent.name / item.path.stem)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_WORK_ROOT, ignore_errors=True)


# The workshop's hub is an optional part (make hub): without JupyterHub, its modules, which
# import it, are left out of the doctests; tests/workshop says why it skips.
try:
    import jupyterhub  # noqa: F401
except ImportError:
    collect_ignore = ["tanmia_course/workshop/auth.py", "tanmia_course/workshop/spawner.py"]
