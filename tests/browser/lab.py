"""One notebook opened in JupyterLab in Chromium: run it, check what it shows, capture it."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from .harness import CLIPPED_TEXT, OVERFLOWING, capture_scrolling

RUN_TIMEOUT_MS = 300_000

_CURRENT = "window.jupyterapp && window.jupyterapp.shell.currentWidget"

_READY = """(path) => {
  const panel = window.jupyterapp?.shell.currentWidget;
  if (!panel || !panel.context || panel.context.path !== path) return false;
  const kernel = panel.sessionContext?.session?.kernel;
  return !!kernel && kernel.status === 'idle' && panel.content.widgets.length > 0;
}"""

_RUN_ALL = """async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  app.shell.activateById(panel.id);
  return await app.commands.execute('notebook:run-all-cells');
}"""

_RUN_REPORT = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const problems = [];
  panel.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const where = `cellule ${i + 1}`;
    if (cell.model.executionCount === null) {
      problems.push(`${where} : pas exécutée`);
    }
    for (const o of cell.model.outputs.toJSON()) {
      if (o.output_type === 'error') problems.push(`${where} : ${o.ename}: ${o.evalue}`);
    }
  });
  return problems;
}"""

_WIDGETS_SETTLED = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  return !panel.content.node.innerText.includes('Loading widget...');
}"""

_WIDGET_REPORT = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const problems = [];
  let shown = 0;
  panel.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const children = cell.outputArea.widgets;
    cell.model.outputs.toJSON().forEach((o, k) => {
      if (!(o.data && o.data['application/vnd.jupyter.widget-view+json'])) return;
      shown += 1;
      const where = `cellule ${i + 1}, sortie ${k + 1}`;
      const node = children[k] && children[k].node;
      if (!node) { problems.push(`${where} : aucune vue dans la page`); return; }
      const text = (node.innerText || '').trim();
      const box = node.getBoundingClientRect();
      if (text.includes('Error displaying widget')) {
        problems.push(`${where} : ${text.slice(0, 200)}`);
      } else if (!node.querySelector('.jupyter-widgets')) {
        problems.push(`${where} : widget affiché en texte brut (${text.slice(0, 120)})`);
      } else if (box.height < 4 || box.width < 4) {
        problems.push(`${where} : widget vide (${box.width}×${box.height} px)`);
      }
    });
  });
  for (const img of panel.content.node.querySelectorAll('.jp-OutputArea img')) {
    const shown = img.getClientRects().length > 0;  // an empty, hidden Image widget is fine
    if (shown && img.complete && img.naturalWidth === 0) {
      problems.push(`image cassée : ${img.src.slice(0, 80)}`);
    }
  }
  if (panel.content.node.innerText.includes('Error displaying widget')) {
    problems.push('« Error displaying widget » dans la page');
  }
  return {shown, problems};
}"""


def workspace_name(path: str) -> str:
    return "test-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")


class LabNotebook:
    """A notebook opened in JupyterLab, in its own browser context."""

    def __init__(self, page, journal, path: str, server) -> None:
        self.page = page
        self.journal = journal
        self.path = path
        self.server = server
        self.run_ok: bool | None = None
        self.run_problems: list[str] = []

    # -- opening and running ------------------------------------------------------------------

    def open(self) -> None:
        # A workspace of its own, reset: JupyterLab must not restore other notebooks' tabs.
        url = f"{self.server.url}lab/workspaces/{workspace_name(self.path)}/tree/{self.path}?reset"
        self.page.goto(self.server.login(url), wait_until="domcontentloaded")
        self.page.wait_for_function(_READY, arg=self.path, timeout=120_000)

    def run_all(self) -> None:
        """Run every cell (Run ▸ Run All Cells), then wait until the widgets are drawn."""
        try:
            self.run_ok = bool(self.page.evaluate(_RUN_ALL))
        except Exception as exc:  # the page timed out or crashed: say so in the test
            self.run_ok = False
            self.run_problems = [f"exécution interrompue : {exc}"]
            return
        self.run_problems = self.page.evaluate(_RUN_REPORT)
        self.page.wait_for_function(_WIDGETS_SETTLED, timeout=60_000)
        self.page.wait_for_timeout(300)

    def widget_report(self) -> dict:
        return self.page.evaluate(_WIDGET_REPORT)

    def clipped_text(self) -> list[str]:
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").evaluate(
            CLIPPED_TEXT
        )

    def overflowing(self) -> list[str]:
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").evaluate(
            OVERFLOWING
        )

    def cell_output(self, css: str, nth: int = 0):
        """The ``nth`` element matching ``css`` in the notebook's outputs (a Playwright locator)."""
        return self.page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea {css}").nth(
            nth
        )

    # -- screenshots and closing --------------------------------------------------------------

    def show_file_browser(self) -> None:
        self.page.evaluate("window.jupyterapp.shell.activateById('filebrowser')")

    def capture(self, folder: Path, keep_left: bool = False) -> list[Path]:
        """Screenshots of the notebook, screen by screen (the left panel closed, unless
        ``keep_left``)."""
        if not keep_left:
            self.page.evaluate(f"{_CURRENT} && window.jupyterapp.shell.collapseLeft()")
        self.page.wait_for_timeout(300)
        return capture_scrolling(
            self.page, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer", folder
        )

    def shut_down(self) -> None:
        """Stop the notebook's kernel (it would otherwise live on in the server)."""
        with contextlib.suppress(Exception):  # the page may already be gone
            self.page.evaluate(
                f"async () => {{ if ({_CURRENT}) await "
                "window.jupyterapp.shell.currentWidget.sessionContext.shutdown(); }"
            )
