"""Every notebook is collected by nbval, has the episode shape, stores only checked outputs."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from tanmia_course.authoring import CHECKED_TAG, NOTEBOOK_DIRS, TRAINER_TAG

from .conftest import ROOT

ALL = sorted(
    p
    for d in NOTEBOOK_DIRS
    for p in (ROOT / d).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)
# Lessons; a trainer's tool (notebook metadata tanmia.role = "formateur", e.g. the class view)
# is not a lesson.
LESSONS = sorted(
    p
    for p in (ROOT / "notebooks").glob("0*.ipynb")
    if nbformat.read(p, as_version=4).metadata.get("tanmia", {}).get("role") != "formateur"
)


def read(path):
    return nbformat.read(path, as_version=4)


def tags(cell):
    return cell.metadata.get("tags", [])


def test_every_notebook_under_the_three_folders_is_collected_by_plain_pytest():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if ".ipynb::" in line}
    expected = {str(p.relative_to(ROOT)) for p in ALL}
    assert expected, "aucun notebook trouvé"
    assert expected - collected == set(), result.stdout[-2000:]


def test_the_five_lessons_exist():
    assert [p.name[:2] for p in LESSONS] == ["00", "01", "02", "03", "04"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_outputs_are_stored_only_where_nbval_checks_them(path):
    nb = read(path)
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if CHECKED_TAG in tags(cell):
            assert cell.outputs and cell.execution_count, (
                f"sortie vérifiée absente : {cell.source!r}"
            )
            assert all(o.output_type != "error" for o in cell.outputs)
        else:
            assert not cell.outputs and cell.execution_count is None, cell.source


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_each_lesson_has_the_episode_shape(path):
    cells = read(path).cells
    first, last = cells[0].source, cells[-1].source
    assert first.startswith(f"# {path.name[:2]}")
    for heading in ("Durée", "Questions", "Objectifs"):
        assert heading in first
    assert "Points clés" in last
    sources = [c.source for c in cells]
    assert any(f'tc.quiz("lecon_{path.name[:2]}")' in s for s in sources)
    assert any(TRAINER_TAG in tags(c) for c in cells), "aucune note pour le formateur"
    assert any("Association Tanmia.ma" in s for s in sources)


@pytest.mark.parametrize("path", LESSONS[1:], ids=lambda p: p.name)
def test_challenges_keep_their_solution_folded(path):
    challenges = [c.source for c in read(path).cells if re.search(r"^#+ .*Défi \d", c.source, re.M)]
    assert len(challenges) >= 2
    for source in challenges:
        assert "<details>" in source and "<summary>" in source


def test_lesson_04_says_it_is_the_courses_complement_to_the_guide():
    opening = " ".join(
        c.source for c in read(ROOT / "notebooks" / "04_etapes_et_outils.ipynb").cells[:3]
    )
    assert "complément" in opening


def test_the_welcome_notebook_gives_the_agenda_and_the_credits():
    text = " ".join(c.source for c in read(ROOT / "notebooks" / "00_bienvenue.ipynb").cells)
    assert re.search(r"09:00", text) and re.search(r"17:00", text)
    assert "Binder" in text and "make lab" in text and "tc.credits()" in text


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_to_a_file_of_the_course_stays_inside_it_and_finds_its_file(path):
    """JupyterLab serves the course folder (``make lab``, Binder): a relative link in a
    notebook's text resolves from the notebook's folder, and must land on a file of the
    course (the welcome notebook's links are also clicked in a browser: test_make_lab)."""
    text = "\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")
    broken = []
    for target in re.findall(r"\]\(([^)\s#]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # an address on the web
        resolved = (path.parent / target).resolve()
        if not resolved.is_relative_to(ROOT) or not resolved.exists():
            broken.append(target)
    assert not broken, f"liens qui ne mènent à aucun fichier du cours : {broken}"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_notebook_says_twice_how_to_keep_the_work(path):
    """One section on keeping one's work (autosave, « Mes travaux »), not two that differ."""
    headings = [
        line
        for cell in read(path).cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("#") and "travail" in line.lower() and "garder" in line.lower()
    ]
    assert len(headings) <= 1, headings


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_notebook_counts_the_case_studies_in_its_text(path):
    """How many case studies there are is whatever the content holds (a trainer adds some):
    the text does not say a number the table beside it may contradict."""
    text = " ".join(c.source for c in read(path).cells if c.cell_type == "markdown").lower()
    numbers = ("deux", "trois", "quatre", "cinq")
    assert not any(f"{n} études de cas" in text for n in numbers)
