"""``tanmia-course atelier`` refuses, in French, to start where the hub cannot run or with
options it cannot use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

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


def test_the_idle_time_must_be_minutes(tmp_path, capsys):
    for wrong in ("-5", "une heure", "nan"):
        with pytest.raises(SystemExit) as stopped:
            main(["--racine", str(ROOT), "atelier", str(tmp_path / "a"), "--inactivite", wrong])
        assert stopped.value.code == 2
        said = capsys.readouterr().err
        assert f"«\xa0{wrong}\xa0» n’est pas une durée en minutes" in said, said
    assert not (tmp_path / "a").exists()


def test_codes_kept_in_a_damaged_file_are_not_replaced_silently(tmp_path, capsys):
    folder = tmp_path / "atelier"
    folder.mkdir()
    kept = folder / "atelier.json"
    for damaged, why in (
        (b'{"schema": "tanmia-course/atelier", "code": "48', "ce n’est pas un fichier JSON"),
        (b'{"schema": "tanmia-course/atelier", "places": -3}', "«\xa0places\xa0»"),
    ):
        kept.write_bytes(damaged)
        assert main(["--racine", str(ROOT), "atelier", str(folder)]) == 1
        said = capsys.readouterr().err
        assert str(kept) in said and why in said and "de nouveaux codes" in said, said
        assert kept.read_bytes() == damaged
    assert not (folder / "jupyterhub_config.py").exists()
