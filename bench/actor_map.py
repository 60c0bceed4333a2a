"""Redraw of the actor map after one change, against a bare matplotlib draw of a figure of
the same size, both measured in the same run.

Task: in the widget filled with the Tifawin reference map (11 actors, 8 links), move one
slider; the widget recomputes the table and the feedback, redraws the map and renders it to
PNG (autosave on, into a temporary folder). Baselines, same size and resolution:

- « figure nue » : create a Figure with one Axes, scatter the same 11 points, savefig PNG;
- « savefig nu » : savefig PNG of such a figure built beforehand (the render alone).

Target: ≤ 1.5× each. The map keeps its figure: the grid is rendered once, each redraw pastes
the actors and their (pre-rendered) labels on it and encodes the PNG once.
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

    import tanmia_course as tc
    from tanmia_course.plots.actor_map import DPI, FIGSIZE

    carte = tc.carte_acteurs(reponse="tifawin")
    carte.choix.value = "population"
    table = carte.tableau()
    xs, ys = list(table["interet"]), list(table["influence"])
    values = iter(range(10**9))

    def change() -> None:
        carte.influence.value = 3 + next(values) % 2  # 3, 4, 3, 4…: always a real change

    def bare_figure() -> bytes:
        figure = Figure(figsize=FIGSIZE, dpi=DPI)
        FigureCanvasAgg(figure)
        figure.add_subplot().scatter(xs, ys)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI)
        return buffer.getvalue()

    built = Figure(figsize=FIGSIZE, dpi=DPI)
    FigureCanvasAgg(built)
    built.add_subplot().scatter(xs, ys)

    def bare_savefig() -> bytes:
        buffer = io.BytesIO()
        built.savefig(buffer, format="png", dpi=DPI)
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
