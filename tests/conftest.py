from __future__ import annotations

import os
import re
import types
from pathlib import Path

import pytest

from tanmia_course import i18n
from tanmia_course.content import loader

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def guide_text_path() -> Path | None:
    """The guide's text: $TANMIA_GUIDE_TEXTE, else ../shared/guide beside the repo."""
    if env := os.environ.get("TANMIA_GUIDE_TEXTE"):
        return Path(env)
    found = sorted((ROOT.parent / "shared" / "guide").glob("*.txt"))
    return found[0] if found else None


def own_os(monkeypatch, module, **changes):
    """``module``'s own ``os``: the real one, with ``changes`` (``name="nt"``, a ``scandir``
    that refuses a folder…) seen by that module alone, the rest of Python being left as it is;
    returned, for a test to change more of it."""
    fake = types.ModuleType("os")
    fake.__dict__.update(vars(os), **changes)
    monkeypatch.setattr(module, "os", fake)
    return fake


@pytest.fixture(scope="session")
def course_wheel(tmp_path_factory) -> Path:
    """The course's wheel, built once for the tests the way the offline kit builds it."""
    from tanmia_course.kit.build import course_wheel

    return course_wheel(tmp_path_factory.mktemp("roue"))


@pytest.fixture(scope="session")
def guide_text() -> str:
    path = guide_text_path()
    if path is None or not path.exists():
        pytest.skip("texte du guide introuvable (../shared/guide ou $TANMIA_GUIDE_TEXTE)")
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _fresh_work_folder(monkeypatch, tmp_path_factory):
    """Each test saves learner answers (autosave) into a folder of its own."""
    monkeypatch.setenv("TANMIA_TRAVAUX", str(tmp_path_factory.mktemp("travaux")))


@pytest.fixture(autouse=True)
def _french(monkeypatch):
    """Each test starts in French, and its subprocesses too."""
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    i18n.set_language(i18n.DEFAULT)
    yield
    i18n.set_language(i18n.DEFAULT)


@pytest.fixture(autouse=True)
def _fresh_content_state(monkeypatch):
    """Each test starts with only the course's own content in force."""
    monkeypatch.delenv(loader.ENV_VAR, raising=False)
    saved = dict(loader._state)
    loader._state.update(folders=None, key=None, content=None)
    yield
    loader._state.update(saved)
