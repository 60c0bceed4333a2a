"""The partnership agreement (exercise 04) in a real page, in JupyterLab and in Voilà: a
learner writes an article, sees the review change, and downloads the agreement as a Word
document, which is read back with python-docx."""

from __future__ import annotations

import re

import pytest

from .conftest import needs
from .harness import CAPTURES, short_id

pytestmark = pytest.mark.browser

SHORT = "Un an."
LONG = "Trois ans à compter de la signature, puis un bilan commun avant tout renouvellement."


def _duration_row(box):
    return box.locator("tr", has_text="Inscription dans la durée").first


def _write_duration(box, tabs, text: str) -> None:
    tabs.filter(has_text="3. Articles").click()
    area = box.locator(
        ".widget-textarea", has=box.page.get_by_placeholder(re.compile("Date d"))
    ).first
    area.locator("textarea").fill(text)
    area.locator("textarea").blur()  # a text area sends its value when it loses focus


def draft_review_and_download(box, page, tmp_path) -> None:
    """Write the duration article twice (too short, then complete), watching the review,
    then download the Word file and read it back."""
    import docx
    from playwright.sync_api import expect

    box.scroll_into_view_if_needed()
    tabs = box.locator(".lm-TabBar-tab")
    expect(tabs).to_have_count(5)
    summary = box.locator(".widget-html", has_text="Critères protégés").first

    _write_duration(box, tabs, SHORT)
    tabs.filter(has_text="4. Analyse").click()
    expect(_duration_row(box)).to_contain_text("pas encore protégé")
    expect(_duration_row(box)).to_contain_text("renouvellement")  # the hint says what to add
    before = summary.inner_text()

    _write_duration(box, tabs, LONG)
    tabs.filter(has_text="4. Analyse").click()
    expect(_duration_row(box)).not_to_contain_text("pas encore")
    expect(_duration_row(box)).to_contain_text("protégé")
    assert summary.inner_text() != before  # the count above the tabs follows

    # The committee left to one party: the warning sign of the guide, in its own words.
    tabs.filter(has_text="2. Comité").click()
    box.locator("select").first.select_option(label="Une seule partie décide")
    tabs.filter(has_text="4. Analyse").click()
    sign = box.locator("tr", has_text="Une personne qui détient tous les pouvoirs").first
    expect(sign).to_contain_text("pas encore évité")
    expect(sign).to_contain_text("consensus ou par vote")

    tabs.filter(has_text="5. Documents").click()
    box.get_by_role("button", name="Préparer la convention (Word)").click()
    link = box.get_by_role("link", name=re.compile(r"Télécharger convention_.*\.docx"))
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as download:
        link.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("convention_") and path.suffix == ".docx"
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    text = "\n".join(p.text for p in document.paragraphs)
    assert any(re.match(r"Article \d+ — Durée", h) for h in headings), headings
    assert LONG in text
    parties = [h for h in headings if re.match(r"Article 1 — ", h)]
    assert parties, headings


@needs("convention")
def test_a_learner_drafts_sees_the_review_change_and_downloads_word(lab_notebook, tmp_path):
    nb = lab_notebook
    box = nb.cell_output(".tanmia-convention-widget")
    draft_review_and_download(box, nb.page, tmp_path)
    nb.capture(CAPTURES / "jupyterlab" / f"{short_id(nb.path)}_convention")
    assert nb.journal.console_errors == []


@needs("convention")
def test_the_same_in_voila(voila_notebook, tmp_path):
    nb = voila_notebook
    box = nb.output(".tanmia-convention-widget")
    draft_review_and_download(box, nb.page, tmp_path)
    assert nb.journal.console_errors == []
