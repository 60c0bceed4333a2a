"""The trainer's class view, used as a trainer would, in JupyterLab and in Voilà."""

from __future__ import annotations

import re
from pathlib import Path

# « 28 fichiers lus : 24 acceptés, 0 accepté en partie, 4 refusés » (no-break space before « : »)
_BILAN_TEXT = r"{} fichiers? lus?\u00a0: {} acceptés?, {} acceptés? en partie, {} refusés?"
_BILAN = re.compile(_BILAN_TEXT.format(*[r"(\d+)"] * 4))
BAD_FILE = "travaux_illisible.json"


def _counts(box) -> tuple[int, int, int, int]:
    found = _BILAN.search(box.inner_text())
    assert found, "le bilan de la vue de classe (« n fichiers lus\u00a0: … ») est introuvable"
    return tuple(int(n) for n in found.groups())


def use_class_view(page, box) -> None:
    """Open a tab, hand in an unreadable file, prepare and download the class report."""
    from playwright.sync_api import expect

    box.scroll_into_view_if_needed()
    read, accepted, partial, refused = _counts(box)
    assert read > 0, "la classe de démonstration devrait être lue à l’ouverture"

    # A tab: its panel comes to the front and shows the class's actor maps.
    tab = box.locator(".lm-TabBar-tab", has_text="Carte des acteurs")
    tab.click()
    expect(tab).to_have_class(re.compile(r"\blm-mod-current\b"))
    panel = box.locator(".widget-tab-contents > .widget-html:visible")
    expect(panel.first).to_be_visible()
    # Drawn when first opened: the class's medians, with the figure.
    expect(panel.first).to_contain_text("médiane de la classe", timeout=20_000)
    expect(panel.first.locator("img[src^='data:image/svg+xml']")).to_have_count(1)

    # A learner's file that is not JSON: it is read, refused with a reason, and named.
    with page.expect_file_chooser() as chooser:
        box.get_by_role("button", name="Ajouter des fichiers").click()
    chooser.value.set_files(
        files=[{"name": BAD_FILE, "mimeType": "application/json", "buffer": b"{ pas du json"}]
    )
    expect(box).to_contain_text(
        re.compile(_BILAN_TEXT.format(read + 1, accepted, partial, refused + 1)), timeout=20_000
    )
    files_tab = box.locator(".lm-TabBar-tab", has_text="Fichiers reçus")
    files_tab.click()
    expect(box).to_contain_text(BAD_FILE)

    # The report: one HTML file, downloaded from the page itself (a data: link, offline).
    box.get_by_role("button", name="Préparer le rapport HTML").click()
    link = box.get_by_role("link", name="Télécharger le rapport (HTML)")
    expect(link).to_be_visible(timeout=30_000)
    assert (link.get_attribute("href") or "").startswith("data:text/html")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "rapport_classe.html"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "<html" in text.lower() and BAD_FILE in text
