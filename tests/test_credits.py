"""Licences and credits: the same facts wherever a reader meets them, and in the wheel."""

from __future__ import annotations

import re
import tomllib
import zipfile

import nbformat
import pytest

import tanmia_course as tc
from tanmia_course.content.display import GUIDE_TITLE, credit_line
from tanmia_course.content.loader import load_content

from .conftest import ROOT

LICENCE_FILES = ("LICENSE", "LICENCE-CONTENU.md")
# What every credit says: the guide and its author, and the licences of the course's texts
# and of its code.
KEY_FACTS = (GUIDE_TITLE, "© Association Tanmia.ma", "CC BY 4.0", "MIT")
GUIDE_NOTICE = "gratuit pour un usage personnel, attribution requise"


def _plain(text: str) -> str:
    """Text as a reader sees it: no Markdown emphasis, every run of spaces one space."""
    return re.sub(r"\s+", " ", text.replace("*", "").replace("\u00a0", " ").replace("\u202f", " "))


def _readme_credits() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Licences et crédits", 1)
    assert len(section) == 2, "section « Licences et crédits » absente du README"
    return section[1].split("\n## ", 1)[0]


def _welcome_credits() -> tuple[str, str]:
    """The welcome notebook's credits cell, and the cell after it."""
    cells = nbformat.read(ROOT / "notebooks" / "00_bienvenue.ipynb", as_version=4).cells
    (index,) = [i for i, c in enumerate(cells) if c.source.startswith("## Crédits")]
    return cells[index].source, cells[index + 1].source


# Where a reader meets the credits (the printed pages' foot is the short line, tested below).
PLACES = {
    "README": _readme_credits,
    "carnet 00": lambda: _welcome_credits()[0],
    "tc.credits() (HTML)": lambda: tc.credits()._repr_html_(),
    "tc.credits() (texte)": lambda: repr(tc.credits()),
    "LICENCE-CONTENU.md": lambda: (ROOT / "LICENCE-CONTENU.md").read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("place", list(PLACES))
def test_every_place_gives_the_guide_its_notice_and_the_three_licences(place):
    text = _plain(PLACES[place]())
    for fact in (*KEY_FACTS, GUIDE_NOTICE):
        assert fact in text, f"{place} : « {fact} » absent"


def test_the_printed_pages_credit_line_gives_the_same_key_facts_in_one_line():
    line = credit_line()
    assert "\n" not in line
    for fact in KEY_FACTS:
        assert fact in _plain(line)


def test_the_welcome_notebook_shows_the_credits_block_after_its_credits():
    assert _welcome_credits()[1].strip() == "tc.credits()"


def test_the_credits_say_where_the_guides_lists_are_and_every_correction_of_its_typos():
    content = load_content()
    text = _plain(repr(tc.credits()))
    for field, call, count in (
        ("actors", "tc.acteurs()", "10 acteurs"),
        ("benefits", "tc.avantages()", "21 avantages"),
        ("criteria", "tc.criteres()", "11 critères"),
    ):
        assert sum(i.source == "guide" for i in getattr(content, field)) == int(count.split()[0])
        assert f"{count}" in text and call in text
    corrections = [c for d in content.definitions + content.criteria for c in d.corrections]
    assert corrections
    for correction in corrections:
        # what the reader sees, its no-break spaces made ordinary ones (as in _plain)
        assert _plain(f"« {correction.guide} » devient « {correction.course} »") in text


def test_the_policy_for_the_guides_typos_is_written_where_the_credits_point():
    contenu = (ROOT / "docs" / "contenu.md").read_text(encoding="utf-8")
    assert "\n## Les fautes du guide\n" in contenu
    for text in (_readme_credits(), (ROOT / "LICENCE-CONTENU.md").read_text(encoding="utf-8")):
        assert "docs/contenu.md#les-fautes-du-guide" in text


def test_the_licence_files_say_what_each_licence_covers():
    mit = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert mit.startswith("MIT License")
    assert "Copyright (c) 2026 les auteurs du cours tanmia-course" in mit
    content = _plain((ROOT / "LICENCE-CONTENU.md").read_text(encoding="utf-8"))
    assert "https://creativecommons.org/licenses/by/4.0/" in content
    assert "Ces éléments ne sont ni sous licence MIT ni sous CC BY 4.0" in content
    assert "publié le 23 mars 2022" in content
    assert "Ce qui demande l’accord de l’Association Tanmia.ma" in content


def test_the_package_declares_its_licences_and_their_files():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT AND CC-BY-4.0 AND LicenseRef-Tanmia-Guide"
    assert tuple(project["license-files"]) == LICENCE_FILES
    assert all((ROOT / name).is_file() for name in LICENCE_FILES)


@pytest.mark.slow
def test_the_wheel_carries_the_licence_expression_and_files(course_wheel):
    with zipfile.ZipFile(course_wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        lines = archive.read(metadata).decode().splitlines()
        assert "License-Expression: MIT AND CC-BY-4.0 AND LicenseRef-Tanmia-Guide" in lines
        for name in LICENCE_FILES:
            assert f"License-File: {name}" in lines
            shipped = archive.read(metadata.replace("METADATA", f"licenses/{name}"))
            assert shipped == (ROOT / name).read_bytes()
