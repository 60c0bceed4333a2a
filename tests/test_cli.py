"""The ``tanmia-course`` command speaks French and exits non-zero on problems."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tanmia_course.cli import main

from .conftest import FIXTURES, ROOT


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "tanmia_course.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_help_is_in_french_with_no_argparse_english_left():
    result = run("--help")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("utilisation\u00a0: tanmia-course")
    for word in ("valider", "exercices", "sorties", "notes-formateur", "afficher cette aide"):
        assert word in out
    for english in ("usage:", "show this help", "positional arguments"):
        assert english not in out


def test_errors_are_in_french():
    result = run("inventer")
    assert result.returncode == 2
    assert "erreur" in result.stderr and "choix non valide" in result.stderr
    missing = run("notes-formateur")
    assert "arguments obligatoires manquants" in missing.stderr


def test_valider_accepts_the_course_and_a_good_trainer_folder(capsys):
    assert main(["valider", str(FIXTURES / "ok" / "formateur")]) == 0
    assert "Contenu valide" in capsys.readouterr().out


def test_valider_names_the_file_item_and_field_of_a_broken_folder(capsys):
    assert main(["valider", str(FIXTURES / "ko" / "champ_manquant")]) == 1
    out = capsys.readouterr().out
    assert "acteurs.yaml" in out and "« commune_x »" in out and "« role »" in out


def test_valider_says_when_a_folder_is_missing(capsys):
    assert main(["valider", str(FIXTURES / "absent")]) == 1
    assert "n’existe pas" in capsys.readouterr().err


def test_exercices_verifier_passes_on_the_repository(capsys):
    assert main(["--racine", str(ROOT), "exercices", "--verifier"]) == 0
    assert "à jour" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["valider", "exercices", "sorties", "notes-formateur"])
def test_each_command_has_french_help(command):
    result = run(command, "--help")
    assert result.returncode == 0 and "utilisation\u00a0:" in result.stdout


def test_output_to_a_file_is_utf8_whatever_the_code_page():
    """On Windows, output redirected to a file or a pipe is in the ANSI code page (cp1252),
    which has no narrow no-break space: the command writes UTF-8 there rather than stopping
    on its first French message. ``python -m tanmia_course`` is the command too."""
    result = subprocess.run(
        [sys.executable, "-m", "tanmia_course", "--help"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-2000:]
    said = result.stdout.decode("utf-8")
    assert said.startswith("utilisation\u00a0: tanmia-course")
    assert "\u202f" in said and "\ufffd" not in said
