"""Redraw of the actor map after one change, against a bare matplotlib draw of a figure of
the same size, both measured in the same run.

Task: in the widget filled with the Tifawin reference map (11 actors, 8 links), move one
slider; the widget recomputes the table and the feedback, redraws the map and writes it as
SVG (autosave on, into a temporary folder). Baselines, same size, same format:

- « figure nue » : create a Figure with one Axes, scatter the same 11 points, savefig SVG;
- « savefig nu » : savefig SVG of such a figure built beforehand (the render alone).

Target: ≤ 1.5× each. The map is written as SVG directly, no matplotlib figure made: the grid
once, then each redraw places the labels and writes the actors (discs, labels, leader
lines) on it.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _harness import interleaved, report

TARGET = 1.5


def main() -> int:
    os.environ["TANMIA_TRAVAUX"] = tempfile.mkdtemp(prefix="bench_carte_")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from tanmia_course.exercises.actor_map.layout import DPI, FIGSIZE

    import tanmia_course as tc

    carte = tc.carte_acteurs(reponse="tifawin")
    carte.choix.value = "population"
    table = carte.tableau()
    xs, ys = list(table["interet"]), list(table["influence"])
    values = iter(range(10**9))

    def change() -> None:
        carte.influence.value = 3 + next(values) % 2  # 3, 4, 3, 4…: always a real change

    def bare_figure() -> str:
        figure = Figure(figsize=FIGSIZE, dpi=DPI)
        FigureCanvasAgg(figure)
        figure.add_subplot().scatter(xs, ys)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", dpi=DPI)
        return buffer.getvalue()

    built = Figure(figsize=FIGSIZE, dpi=DPI)
    FigureCanvasAgg(built)
    built.add_subplot().scatter(xs, ys)

    def bare_savefig() -> str:
        buffer = io.StringIO()
        built.savefig(buffer, format="svg", dpi=DPI)
        return buffer.getvalue()

    print(
        f"Carte de référence : {len(table)} acteurs, {len(carte.answer['links'])} liens ; "
        f"figure {FIGSIZE[0]}×{FIGSIZE[1]} pouces à {DPI} ppp"
    )
    ok = True
    task, base = interleaved(change, bare_figure, repeats=15)
    ok &= report("carte : redessin après un changement", task, base, TARGET, "figure nue")
    task, base = interleaved(change, bare_savefig, repeats=15)
    ok &= report("carte : redessin après un changement", task, base, TARGET, "savefig nu")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
