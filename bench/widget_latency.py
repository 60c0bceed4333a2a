"""Widget latency in Chromium: from a user's action to the updated picture or feedback on screen.

JupyterLab is started exactly as the browser tests start it (``tests/browser/harness.py``:
``make lab`` on a copy of the course, headless Chromium driven by Playwright). Two notebooks
are added to the copy and run with Run All:

- the course's: ``tc.carte_acteurs()``, ``tc.classement_avantages("diamant")``,
  ``tc.audit_cas("couscous_bahja")``, ``tc.quiz("lecon_01")``, ``tc.convention(…)`` — one
  line each, as the notebooks call them;
- a plain one: ``ipywidgets.interact`` with a slider that moves a point on a matplotlib figure
  of the actor map's size in pixels (measured in the page; the inline backend's tight crop
  turned off so that the PNG keeps that size) — the baseline.

Then, turn by turn (so that the machine's noise falls on all alike), one action on each:

- actor map: ← / → on the « Influence » slider → the map is redrawn (any picture mutation in
  the widget: an SVG or PNG, in an Image or an Output widget);
- ranking: « Monter » on the second card → the diamond shows the new order;
- audit: level 3 / 0 of the first criterion → the verdict line changes;
- quiz: one answer, then another, of the first question → its feedback changes;
- agreement (the reference draft): the committee's way of deciding, « Vote » / « Une seule
  partie décide » → the line counting what the draft secures changes (the whole review is
  computed again and its table redrawn);
- baseline: ← / → on interact's slider → its figure is redrawn.

The measuring logic runs in the page (``bench/_latency.js``): the action's time is its first
DOM event, the update's time is the last matching mutation (pictures decoded) before the
widget goes quiet for 250 ms. p50 and p95 over ``ROUNDS`` actions each. Budget: p95 ≤ 100 ms.
Beside the baseline, a floor for information: a button that writes one line of HTML (the cost
of any widget's round trip to the kernel, in this run). ``--raw`` prints every latency, until
the first and the last change, with how the update was seen (picture or text); ``--rounds N``
sets the number of actions.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.browser: the harness
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import median, percentile, row, size

from tests.browser.harness import (
    CHROMIUM_FLAGS,
    browser_unavailable,
    chromium_path,
    copy_course,
    jupyterlab_server,
    new_watched_page,
)
from tests.browser.lab import LabNotebook

BENCH = "widget latency"
ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else size(30, 3)
BUDGET_MS = 100.0
ARM = (Path(__file__).parent / "_latency.js").read_text(encoding="utf-8")

COURSE_NOTEBOOK = "bench_widgets.ipynb"
BASELINE_NOTEBOOK = "bench_interact.ipynb"
COURSE_CELLS = [
    "import tanmia_course as tc",
    "tc.carte_acteurs()",
    'tc.classement_avantages("diamant")',
    'tc.audit_cas("couscous_bahja")',
    'tc.quiz("lecon_01")',
    'tc.convention("minibus_des_collegiennes", '
    'reponse=tc.convention_reference("minibus_des_collegiennes"))',
]
BASELINE_CELL = """%config InlineBackend.print_figure_kwargs = {{"bbox_inches": None}}
import matplotlib.pyplot as plt
from ipywidgets import IntSlider, interact

WIDTH, HEIGHT = {width}, {height}  # pixels: the actor map's picture in the course's page


def draw(x=0):
    dpi = plt.rcParams["figure.dpi"]
    fig, ax = plt.subplots(figsize=(WIDTH / dpi, HEIGHT / dpi))
    ax.scatter([x], [x], s=200)
    ax.set(xlim=(-0.5, 5.5), ylim=(-0.5, 5.5), xlabel="Intérêt", ylabel="Influence")
    plt.show()


interact(draw, x=IntSlider(min=0, max=5, description="Influence", continuous_update=False));
"""
# The floor: a button that writes one line of HTML, nothing computed — what any widget's
# round trip to the kernel costs on this machine, in this run.
FLOOR_CELL = """from ipywidgets import HTML, ToggleButtons, VBox

level = ToggleButtons(options=["0", "3"], value=None, description="Niveau :")
said = HTML()
level.observe(lambda change: setattr(said, "value", f"<p>Niveau {change['new']}</p>"), "value")
VBox([level, said]).add_class("bench-floor")
"""

# The largest picture shown inside a widget: its size in pixels (natural size for an image).
PICTURE_SIZE = """(root) => {
  const sizes = [...root.querySelectorAll('img, svg, canvas')]
    .filter((e) => e.getClientRects().length && !e.parentElement.closest('svg'))
    .map((e) => {
      const box = e.getBoundingClientRect();
      return [Math.round(e.naturalWidth || box.width), Math.round(e.naturalHeight || box.height)];
    })
    .sort((a, b) => b[0] * b[1] - a[0] * a[1]);
  return sizes[0] || null;
}"""

KERNEL_IDLE = """() => {
  const kernel = window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
  return kernel && kernel.status === 'idle';
}"""


def notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nb


def opened(browser, server, path: str) -> LabNotebook:
    """``path`` opened in JupyterLab in a page of its own, and run (Run All)."""
    _, page, journal = new_watched_page(browser)
    nb = LabNotebook(page, journal, path, server)
    nb.open()
    nb.run_all()
    if not nb.run_ok or nb.run_problems:
        raise RuntimeError(f"{path} did not run in JupyterLab: {nb.run_problems}")
    return nb


@dataclass
class Probe:
    """One kind of action on one widget: ``prepare(i)`` sets up the ``i``-th action (not
    timed), ``act(i)`` is the user's action; ``root()`` is the element watched."""

    name: str
    nb: LabNotebook
    root: Callable[[], object]
    watch: dict
    act: Callable[[int], None]
    prepare: Callable[[int], None] = lambda i: None
    latencies: list[float] = field(default_factory=list)
    first: list[float] = field(default_factory=list)
    modes: set[str] = field(default_factory=set)

    def measure(self, i: int) -> None:
        page = self.nb.page
        self.prepare(i)
        page.wait_for_function(KERNEL_IDLE, timeout=30_000)
        self.root().evaluate(ARM, self.watch)
        self.act(i)
        result = page.evaluate("() => window.tanmiaBenchDone")
        if "error" in result:
            raise RuntimeError(f"{self.name}: {result['error']}")
        self.modes.add(result["mode"])
        self.latencies.append(result["last"] - result["start"])
        self.first.append(result["first"] - result["start"])
        page.wait_for_function(KERNEL_IDLE, timeout=30_000)


def slider_keys(nb: LabNotebook, slider) -> Callable[[int], None]:
    """An action: ← or → on ``slider`` (→ unless at the top of its scale), as the keyboard."""
    handle = slider.locator(".noUi-handle")

    def act(_i: int) -> None:
        now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
        handle.focus()
        nb.page.keyboard.press("ArrowLeft" if float(now) >= float(top) else "ArrowRight")

    return act


def course_probes(nb: LabNotebook) -> list[Probe]:
    carte = nb.cell_output(".tanmia-carte-acteurs")
    influence = carte.locator(".widget-hslider", has_text="Influence")

    ranking = nb.cell_output(".tanmia-classement-widget")
    pool, ranked = ranking.locator("select").nth(0), ranking.locator("select").nth(1)
    place = ranking.get_by_role("button", name="Placer →")
    up = ranking.get_by_role("button", name="Monter", exact=True)
    while ranked.locator("option").count() < 2:  # two cards in the diamond, with the mouse
        count = ranked.locator("option").count()
        pool.locator("option").first.click()
        nb.page.wait_for_function(KERNEL_IDLE)
        place.click()
        ranked.locator("option").nth(count).wait_for()

    def second_card(_i: int) -> None:
        ranked.select_option(index=1)

    audit = nb.cell_output(".tanmia-audit")
    levels = audit.locator(".widget-toggle-buttons").first

    def level(i: int) -> None:
        levels.get_by_role("button", name="3" if i % 2 == 0 else "0", exact=True).click()

    quiz = nb.cell_output(".tanmia-quiz")
    answers = quiz.locator("input[type=radio], input[type=checkbox]")

    def question():  # the first question's own box: its options and their feedback
        return answers.first.evaluate_handle("i => i.closest('.widget-vbox')")

    agreement = nb.cell_output(".tanmia-convention-widget")
    agreement.locator(".lm-TabBar-tab", has_text="2. Comité").click()  # its controls shown
    decision = agreement.locator("select").first
    alone = "Une seule partie décide"

    def decide(_i: int) -> None:  # one party deciding alone, or back to a shared decision
        # ipywidgets writes the options' spaces as no-break spaces
        now = decision.evaluate("s => s.options[s.selectedIndex].text.replace(/\\s/g, ' ')")
        decision.select_option(label="Consensus" if now == alone else alone)

    return [
        Probe("actor map: slider → map", nb, lambda: carte, {}, slider_keys(nb, influence)),
        Probe(
            "ranking: « Monter » → diamond",
            nb,
            lambda: ranking,
            {"selector": ".widget-html", "contains": "Votre diamant"},
            lambda i: up.click(),
            second_card,
        ),
        Probe(
            "audit: level → verdict",
            nb,
            lambda: audit,
            {"selector": ".widget-html", "contains": "Verdict :"},
            level,
        ),
        Probe(
            "quiz: answer → feedback",
            nb,
            question,
            {"selector": ".widget-html"},
            lambda i: answers.nth(i % 2).click(),
        ),
        Probe(
            "agreement: decision → review",
            nb,
            lambda: agreement,
            {"selector": ".widget-html", "contains": "Critères protégés"},
            decide,
        ),
    ]


def main() -> None:
    missing = browser_unavailable()
    if missing:
        print(f"Widget latency: skipped ({missing})")
        row(BENCH, "widget latency", "skipped", missing, f"p95 ≤ {BUDGET_MS:g} ms", None)
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench_latency_") as tmp:
        course = copy_course(Path(tmp) / "cours")
        nbformat.write(notebook(*COURSE_CELLS), course / COURSE_NOTEBOOK)
        server = jupyterlab_server(course, Path(tmp) / "jupyterlab")
        server.start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
                )
                try:
                    measure(browser, server, course)
                finally:
                    browser.close()
        finally:
            server.stop()


def measure(browser, server, course: Path) -> None:
    widgets = opened(browser, server, COURSE_NOTEBOOK)
    width, height = widgets.cell_output(".tanmia-carte-acteurs").evaluate(PICTURE_SIZE)
    baseline_cell = BASELINE_CELL.format(width=width, height=height)
    nbformat.write(notebook(baseline_cell, FLOOR_CELL), course / BASELINE_NOTEBOOK)
    plain = opened(browser, server, BASELINE_NOTEBOOK)
    interact = plain.cell_output(".widget-interact")
    shown = interact.evaluate(PICTURE_SIZE)
    print(
        f"JupyterLab ({server.url}), headless Chromium; {ROUNDS} actions each, interleaved; "
        f"actor map {width}×{height} px, interact's figure {shown[0]}×{shown[1]} px"
    )
    slider = interact.locator(".widget-hslider").first
    baseline = Probe(
        "interact + matplotlib", plain, lambda: interact, {}, slider_keys(plain, slider)
    )
    floor = plain.cell_output(".bench-floor")
    probes = [
        *course_probes(widgets),
        baseline,
        Probe(
            "floor: button → one line of HTML",
            plain,
            lambda: floor,
            {"selector": ".widget-html"},
            lambda i: floor.get_by_role("button", name="3" if i % 2 == 0 else "0").click(),
        ),
    ]
    for i in range(ROUNDS):
        for probe in probes:
            probe.measure(i)
    base_p95 = percentile(baseline.latencies, 95)
    for probe in probes:
        p50, p95 = median(probe.latencies), percentile(probe.latencies, 95)
        modes = "/".join(sorted(probe.modes))
        row(
            BENCH,
            probe.name,
            f"p50 {p50:.0f} ms, p95 {p95:.0f} ms",
            "(baselines)" if probe.nb is plain else f"interact p95 {base_p95:.0f} ms",
            f"p95 ≤ {BUDGET_MS:g} ms",
            None if probe.nb is plain else p95 <= BUDGET_MS,
        )
        if "--raw" in sys.argv:
            print(f"    {modes}, until the last change: {[round(x) for x in probe.latencies]}")
            print(
                f"    {' ' * len(modes)}  until the first change: {[round(x) for x in probe.first]}"
            )
    for nb in (widgets, plain):
        nb.shut_down()


if __name__ == "__main__":
    main()
