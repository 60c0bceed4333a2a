"""The class view's participation chart written directly as SVG, for the class view and
its report: who handed in each exercise, accepted answers and refused ones.

:func:`participation_parts` computes what the chart shows; the matplotlib chart
(:func:`tanmia_course.classroom.charts.participation_chart`) draws the same parts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..display.palette import OKABE_ITO
from ..display.sheet import TICK_LENGTH, TICK_PAD, Chart, baseline_drop, path, rect, swatch, text

PARTICIPATION_LEGEND = (
    ("réponse acceptée", OKABE_ITO[2]),
    ("réponse refusée", OKABE_ITO[5]),
)


@dataclass(frozen=True)
class ParticipationParts:
    """One bar per exercise: how many handed in an accepted answer, then a refused one."""

    labels: list[str]
    done: list[int]
    refused: list[int]
    total: int  # participants or groups, the scale's end
    title: str
    xlabel: str
    size: tuple[float, float]
    margins: tuple[float, float, float, float]


def cut(text: object, width: int = 30) -> str:
    """A text on one line, cut at ``width`` characters with « … ».

    >>> cut("Groupe — Aït   Sidi Brahim", 12)
    'Groupe — Aï…'
    """
    value = " ".join(str(text).split())
    if len(value) > width:
        value = value[: width - 1].rstrip() + "…"
    return value


def participation_parts(participation: pd.DataFrame) -> ParticipationParts:
    from ..display.sheet import text_width

    columns = [c for c in participation.columns if c != "nb_exercices"]
    labels = [cut(c, 40) for c in columns]
    return ParticipationParts(
        labels,
        [int((participation[c] == "✓").sum()) for c in columns],
        [int((participation[c] == "✗").sum()) for c in columns],
        max(len(participation), 1),
        "Qui a rendu quoi",
        f"Participants ou groupes (sur {len(participation)})",
        (8.0, 0.5 * len(columns) + 1.8),
        (text_width(labels, 8) + 0.2, 0.3, 0.45, 0.65),
    )


def participation_svg(participation: pd.DataFrame) -> str:
    """How many participants handed in each exercise (bars), refused answers after the
    accepted ones (as :func:`tanmia_course.classroom.charts.participation_chart`)."""
    parts = participation_parts(participation)
    n = len(parts.labels)
    chart = Chart(parts.size, parts.margins, (0, parts.total), max(n, 1))
    ticks = chart.whole_ticks(6)
    (accepted, green), (refused, red) = PARTICIPATION_LEGEND
    height = 0.8 * (chart.bottom - chart.top) / max(n, 1)
    out = [chart.start(), '<g id="barres">']
    for i, (done, wrong) in enumerate(zip(parts.done, parts.refused, strict=True)):
        middle, zero = float(chart.row(i)), float(chart.x(0))
        end = float(chart.x(done))
        out.append(rect(zero, middle - height / 2, end - zero, height, green))
        out.append(rect(end, middle - height / 2, float(chart.x(done + wrong)) - end, height, red))
    out += ["</g>", chart.frame(), chart.x_scale(ticks, parts.xlabel)]
    rows = [float(chart.row(i)) for i in range(n)]
    out.append(path([(chart.left, y, chart.left - TICK_LENGTH, y) for y in rows], "#000000", 0.8))
    label_x = chart.left - TICK_LENGTH - TICK_PAD
    for y, label in zip(rows, parts.labels, strict=True):
        out.append(text(label_x, y + baseline_drop() * 8, label, 8, "end"))
    out.append(chart.title(parts.title))
    entries = [(accepted, swatch(green, 8)), (refused, swatch(red, 8))]
    out.append(  # in the Axes' lower right corner, as matplotlib's « lower right »
        chart.legend(
            "", entries, chart.right, chart.bottom, 0.8, 2.0, "right", 1, 8, True, upwards=True
        )
    )
    out.append("</svg>")
    return "".join(out)
