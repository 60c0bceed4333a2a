"""One notebook rendered as an app by Voilà in Chromium: wait for it, check it, capture it."""

from __future__ import annotations

from pathlib import Path

from .harness import CLIPPED_TEXT, capture_scrolling, widget_kinds

SCROLLER = "#rendered_cells"

_SETTLED = """() => {
  const cells = document.querySelector('#rendered_cells');
  return !!cells && getComputedStyle(cells).display !== 'none' &&
         !document.body.innerText.includes('Loading widget...');
}"""

_WIDGETS_DRAWN = """() => {
  const text = document.body.innerText;
  return document.querySelectorAll('#rendered_cells .jupyter-widgets').length > 0 ||
         text.includes('Error displaying widget') ||
         text.includes('There was an error when executing cell');
}"""

_REPORT = """() => {
  const problems = [];
  const text = document.body.innerText;
  if (text.includes('Error displaying widget')) problems.push('« Error displaying widget »');
  if (text.includes('There was an error when executing cell')) {
    problems.push('Voilà : erreur à l’exécution d’une cellule');
  }
  for (const out of document.querySelectorAll(
      '#rendered_cells [data-mime-type="application/vnd.jupyter.stderr"]')) {
    const t = out.innerText.trim();
    if (/Traceback|Error|Erreur/.test(t)) problems.push(`erreur : ${t.slice(0, 300)}`);
  }
  for (const img of document.querySelectorAll('#rendered_cells img')) {
    const shown = img.getClientRects().length > 0;
    if (shown && img.complete && img.naturalWidth === 0) {
      problems.push(`image cassée : ${img.src.slice(0, 80)}`);
    }
  }
  return {widgets: document.querySelectorAll('#rendered_cells .jupyter-widgets').length, problems};
}"""


class VoilaNotebook:
    """A notebook rendered by Voilà (all its cells run before the page is shown)."""

    def __init__(self, page, journal, path: str, server_url: str) -> None:
        self.page = page
        self.journal = journal
        self.path = path
        self.url = f"{server_url}voila/render/{path}"
        self.expects_widgets = bool(widget_kinds(path))

    def open(self) -> None:
        self.page.goto(self.url, wait_until="domcontentloaded", timeout=300_000)
        self.page.wait_for_function(_SETTLED, timeout=300_000)
        # The cells are shown first, then their widgets are drawn once the kernel answers.
        if self.expects_widgets:
            self.page.wait_for_function(_WIDGETS_DRAWN, timeout=60_000)
        self.page.wait_for_timeout(300)

    def report(self) -> dict:
        return self.page.evaluate(_REPORT)

    def clipped_text(self) -> list[str]:
        return self.page.locator(SCROLLER).evaluate(CLIPPED_TEXT)

    def output(self, css: str, nth: int = 0):
        return self.page.locator(f"#rendered_cells {css}").nth(nth)

    def capture(self, folder: Path) -> list[Path]:
        return capture_scrolling(self.page, SCROLLER, folder)
