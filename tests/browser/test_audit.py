"""The case audit in a real JupyterLab page: tabs, a warning sign with its evidence, the
comparison with the reference and the download link of the report, with real clicks."""

from __future__ import annotations

import re

import pytest

from .conftest import needs
from .harness import CAPTURES, short_id

pytestmark = pytest.mark.browser


@needs("audit_cas")
def test_a_learner_confirms_a_sign_compares_and_gets_the_report(lab_notebook):
    from playwright.sync_api import expect

    nb = lab_notebook
    box = nb.cell_output(".tanmia-audit")
    box.scroll_into_view_if_needed()
    tabs = box.locator(".lm-TabBar-tab")
    expect(tabs).to_have_count(5)
    verdict = box.locator(".widget-html", has_text="Verdict\u00a0:").first
    before = verdict.locator("strong").inner_text()

    # Tab 3: a warning sign, ticked, then proven by a quote — the verdict follows.
    tabs.filter(has_text="3. Alertes").click()
    sign = box.locator(".widget-checkbox", has_text="Une personne qui détient tous les pouvoirs")
    sign.locator("input").check()
    expect(box.get_by_text("À prouver").first).to_be_visible()
    evidence = sign.locator("xpath=following-sibling::*[contains(@class,'widget-textarea')][1]")
    evidence.locator("textarea").fill("§ 3 : l’entreprise décide seule")
    evidence.locator("textarea").blur()  # text areas send their value when they lose focus
    expect(verdict).to_contain_text("Pas un véritable partenariat")

    # Tab 5: comparison (with its radar image), then the report as a data: link.
    tabs.filter(has_text="5. Résultat").click()
    box.get_by_role("button", name="Comparer avec l’audit de référence").click()
    result = box.locator(".widget-html", has_text="Verdict de la référence")
    expect(result.first).to_be_visible(timeout=30_000)
    expect(result.first.locator("img")).to_have_count(1)
    box.get_by_role("button", name="Préparer le rapport imprimable").click()
    link = box.get_by_role("link", name=re.compile("Télécharger le rapport"))
    expect(link).to_be_visible(timeout=30_000)
    assert link.get_attribute("href").startswith("data:text/html;charset=utf-8;base64,")
    assert link.get_attribute("download") == "audit_couscous_bahja.html"
    nb.capture(CAPTURES / "jupyterlab" / f"{short_id(nb.path)}_audit")
    assert nb.journal.console_errors == []

    # Leave the audit as found (it is autosaved, and other tests open this notebook after).
    tabs.filter(has_text="3. Alertes").click()
    evidence.locator("textarea").fill("")
    evidence.locator("textarea").blur()
    sign.locator("input").uncheck()
    expect(verdict.locator("strong")).to_have_text(before)
