"""Exercises generated from solutions, stored outputs, trainer notes."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tanmia_course.authoring import (
    CHECKED_TAG,
    InvalidMarker,
    blank_source,
    make_exercise,
    set_trainer_notes,
    stale_exercises,
    strip_outputs,
    write_exercises,
)

from .conftest import ROOT


def tagged(cell, *tags):
    cell.metadata["tags"] = list(tags)
    return cell


def test_a_marked_assignment_becomes_a_blank_keeping_its_indentation():
    source = "for x in y:\n    total = x + 1  # SOLUTION\nprint(total)"
    assert blank_source(source) == "for x in y:\n    total = ...  # À COMPLÉTER\nprint(total)"


def test_a_block_keeps_one_blank_per_assigned_name_so_later_cells_run():
    source = "# DEBUT SOLUTION\na, b = 1, 2\nc: int = a + b\nprint(c)\n# FIN SOLUTION\nc"
    assert blank_source(source).splitlines() == [
        "a = ...  # À COMPLÉTER",
        "b = ...  # À COMPLÉTER",
        "c = ...  # À COMPLÉTER",
        "c",
    ]


def test_a_block_without_assignment_becomes_an_ellipsis():
    assert blank_source("# DEBUT SOLUTION\nprint(1)\n# FIN SOLUTION") == "...  # À COMPLÉTER"


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("print(1)  # SOLUTION", "doit terminer une affectation"),
        ("# DEBUT SOLUTION\nx = 1", "sans « # FIN SOLUTION »"),
        ("x = 1\n# FIN SOLUTION", "sans début"),
        ("# DEBUT SOLUTION\nx = (\n# FIN SOLUTION", "pas du Python valide"),
    ],
)
def test_bad_markers_are_refused_in_french(source, words):
    with pytest.raises(InvalidMarker, match=words):
        blank_source(source, "ex.ipynb, cellule 1,")


def solution_notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("# Exercice"),
            new_code_cell("n = 21  # SOLUTION"),
            tagged(new_code_cell("print(n)"), CHECKED_TAG),
            tagged(new_markdown_cell("Réponse rédigée."), "solution"),
            tagged(new_code_cell("secret = 1"), "solution"),
            tagged(new_markdown_cell("Commentaire du corrigé."), "solution-only"),
        ]
    )


def test_make_exercise_blanks_solutions_and_drops_solution_only_cells():
    exercise = make_exercise(solution_notebook(), "00_x.ipynb")
    sources = [c.source for c in exercise.cells]
    assert sources[0] == "# Exercice"
    assert "Version à compléter" in sources[1] and "../solutions/00_x.ipynb" in sources[1]
    assert sources[2] == "n = ...  # À COMPLÉTER"
    assert sources[4].startswith("*À compléter")
    assert sources[5].startswith("# À COMPLÉTER")
    assert "Commentaire du corrigé." not in sources
    assert exercise.metadata["tanmia"]["generated_from"] == "solutions/00_x.ipynb"


def test_strip_outputs_keeps_only_checked_cells():
    nb = solution_notebook()
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", text="x")]
            cell.execution_count = 1
    strip_outputs(nb, keep_checked=True)
    kept = [bool(c.outputs) for c in nb.cells if c.cell_type == "code"]
    assert kept == [False, True, False]


def test_stale_exercises_are_detected_and_regenerated(tmp_path):
    (tmp_path / "solutions").mkdir()
    nbformat.write(solution_notebook(), tmp_path / "solutions" / "00_x.ipynb")
    assert stale_exercises(tmp_path) == ["exercises/00_x.ipynb"]
    assert [p.name for p in write_exercises(tmp_path)] == ["00_x.ipynb"]
    assert stale_exercises(tmp_path) == []
    assert write_exercises(tmp_path) == []
    nbformat.write(new_notebook(), tmp_path / "exercises" / "99_orphelin.ipynb")
    assert stale_exercises(tmp_path) == ["exercises/99_orphelin.ipynb"]


def test_the_repository_exercises_are_up_to_date():
    assert stale_exercises(ROOT) == [], "lancez « make exercices » puis « make sorties »"


def test_trainer_notes_fold_and_unfold(tmp_path):
    path = tmp_path / "lecon.ipynb"
    shutil.copy(ROOT / "notebooks" / "01_developpement_et_acteurs.ipynb", path)
    notes = [
        c
        for c in nbformat.read(path, as_version=4).cells
        if "formateur" in c.metadata.get("tags", [])
    ]
    assert notes
    assert set_trainer_notes([path], hidden=True) == len(notes)
    folded = nbformat.read(path, as_version=4).cells
    assert all(
        c.metadata["jupyter"]["source_hidden"]
        for c in folded
        if "formateur" in c.metadata.get("tags", [])
    )
    assert set_trainer_notes([path], hidden=True) == 0
    assert set_trainer_notes([path], hidden=False) == len(notes)
