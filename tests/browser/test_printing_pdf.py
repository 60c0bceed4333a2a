"""The trainer's pack printed to PDF by the command itself, then read in Chromium: page
counts, no card or grid across a page edge, every card's text inside its card; PNG previews
of the first pages kept in captures/impression/."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest

from tanmia_course.cli import main
from tanmia_course.content.loader import load_content
from tanmia_course.printing import pack

from ..conftest import FIXTURES
from .harness import CAPTURES

TRAINER_CASE = FIXTURES / "ok" / "cas_formateur"
CLASS = FIXTURES / "ok" / "rendus_classe"


MM = 96 / 25.4  # CSS pixels per millimetre
# Page size and margins (print.css): the area a page's content has, in mm.
PAPER = {"a4": (210, 297), "a4-paysage": (297, 210), "a3-paysage": (420, 297)}
MARGINS = (12 + 12, 12 + 16)  # left + right, top + bottom


def pdf_pages(path: Path) -> int:
    """The pages of a PDF written by Chromium: its page objects, checked against the page
    tree's count."""
    data = path.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    assert not counts or max(counts) == pages, "nombre de pages incohérent dans le PDF"
    return pages


@pytest.fixture(scope="module")
def printed(browser, tmp_path_factory):
    """The pack of a trainer's content and class, printed by the command itself (the
    ``browser`` fixture fails or skips, in French, when Chromium is missing)."""
    out = tmp_path_factory.mktemp("dossier_formateur")
    content = load_content([TRAINER_CASE])
    code = main(["imprimer", str(out), "--contenu", str(TRAINER_CASE), "--classe", str(CLASS)])
    assert code == 0
    return out, pack.documents(content, _class(content))


def _class(content):
    from tanmia_course.classroom.result import read_class

    return read_class(CLASS, content)


def test_the_pdf_of_each_document_has_the_pages_expected(printed):
    out, docs = printed
    for doc in docs:
        pages = pdf_pages(out / f"{doc.name}.pdf")
        if doc.pages is not None:  # card sheets, a grid, a mat, certificates
            assert pages == doc.pages, doc.name
    assert (out / "05_cas_bibliotheque_tamazirt_grille_audit.pdf").is_file()
    # the forms a trainer hands round fit one sheet each, as printed with the course's texts
    assert pdf_pages(out / "08_evaluation.pdf") == pdf_pages(out / "09_emargement.pdf") == 1


def test_no_card_or_grid_crosses_a_page_edge_and_every_card_text_fits(browser, printed):
    out, docs = printed
    previews = CAPTURES / "impression"
    shutil.rmtree(previews, ignore_errors=True)
    previews.mkdir(parents=True)
    for doc in docs:
        width, height = PAPER[doc.paper]
        area_w, area_h = (width - MARGINS[0]) * MM, (height - MARGINS[1]) * MM
        page = browser.new_page(viewport={"width": round(area_w), "height": round(area_h)})
        page.emulate_media(media="print")
        page.goto((out / f"{doc.name}.html").as_uri())
        boxes = page.evaluate(
            """() => {
              const box = e => { const r = e.getBoundingClientRect();
                return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left,
                        right: r.right, sh: e.scrollHeight, ch: e.clientHeight,
                        sw: e.scrollWidth, cw: e.clientWidth}; };
              const units = '.feuille, .grille-acteurs, .losange, .attestation, .bloc, tr';
              return {
                units: [...document.querySelectorAll(units)].map(box),
                forced: document.querySelectorAll('.nouvelle-page').length,
                height: document.documentElement.scrollHeight,
                sheets: [...document.querySelectorAll('.feuille')].map(s => ({
                  sheet: box(s), cards: [...s.querySelectorAll('.carte')].map(box)})),
                width: document.documentElement.scrollWidth,
              };
            }"""
        )
        # every unit kept whole (break-inside: avoid) fits in one page's area
        for unit in boxes["units"]:
            assert unit["bottom"] - unit["top"] <= area_h + 1, doc.name
        assert boxes["width"] <= area_w + 1, f"{doc.name} : plus large que la page"
        # a flowing document prints on as many pages as its length needs, give or take the
        # room left at its forced page breaks and before blocks kept whole
        if doc.pages is None:
            needed = math.ceil(boxes["height"] / area_h - 0.05)  # 5 %: fonts and rounding
            pages = pdf_pages(out / f"{doc.name}.pdf")
            assert max(needed, boxes["forced"]) <= pages <= needed + boxes["forced"] + 1, (
                f"{doc.name} : {pages} pages pour {needed} pages de texte"
            )
        # each sheet is one page (the PDF's page count above), each card inside its sheet
        for sheet in boxes["sheets"]:
            s = sheet["sheet"]
            for card in sheet["cards"]:
                assert s["top"] <= card["top"] and card["bottom"] <= s["bottom"], doc.name
                assert card["sh"] <= card["ch"] and card["sw"] <= card["cw"], (
                    f"{doc.name} : le texte d’une carte dépasse"
                )
        if doc.name in {"01_cartes_acteurs", "03_cartes_avantages"} or doc.name.endswith(
            ("_grille_audit", "02_grille_influence_interet", "04_losange_classement")
        ):
            page.screenshot(
                path=str(previews / f"{doc.name}.png"),
                clip={"x": 0, "y": 0, "width": area_w, "height": area_h},
            )
        page.close()
    assert len(list(previews.glob("*.png"))) >= 5
