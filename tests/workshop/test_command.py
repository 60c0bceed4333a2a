"""``tanmia-course atelier`` refuses, in French, to start where the hub cannot run."""

from __future__ import annotations

import sys
from pathlib import Path

from tanmia_course.cli import main
from tanmia_course.workshop import hub  # noqa: F401  # imported before sys.platform is faked

ROOT = Path(__file__).resolve().parents[2]


def test_windows_is_told_to_use_wsl_or_a_linux_box(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["--racine", str(ROOT), "atelier", str(tmp_path / "atelier")]) == 1
    said = capsys.readouterr().err
    assert "ne démarre pas sous Windows" in said and "WSL" in said
    assert not (tmp_path / "atelier").exists()


def test_a_folder_that_is_not_the_course_is_named(tmp_path, capsys):
    assert main(["--racine", str(tmp_path), "atelier", str(tmp_path / "atelier")]) == 1
    said = capsys.readouterr().err
    assert "n’est pas le dossier du cours" in said and "notebooks/ et exercises/" in said


def test_the_two_codes_must_differ(tmp_path, capsys):
    args = ["atelier", str(tmp_path / "a"), "--code", "1234", "--code-formateur", "1234"]
    assert main(["--racine", str(ROOT), *args]) == 2
    assert "doivent être différents" in capsys.readouterr().err
