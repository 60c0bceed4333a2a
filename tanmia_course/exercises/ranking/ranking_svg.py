"""The ranking charts written directly as SVG, for the notebook and the class report.

The same charts as :mod:`~.charts` draws with matplotlib, from the same
computed parts (:func:`~tanmia_course.exercises.ranking.charts.consensus_bars`,
:func:`~tanmia_course.exercises.ranking.charts.heatmap_cells`,
:func:`~tanmia_course.exercises.ranking.charts.comparison_marks`): same size, same margins, same
scales, titles and legends, several times faster to make. Coordinates are in points, y
downwards.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence

import numpy as np

from ...display.sheet import LABEL_GAP, Chart, baseline_drop, disc, path, rect, swatch, text
from .analysis import Comparison, GroupResult
from .ranking_parts import (
    _BELOW,
    _GROUP,
    _LEARNER,
    _NOT_PLACED,
    COMPARISON_LEGEND,
    COMPARISON_XLABEL,
    CONSENSUS_LEGEND,
    CONSENSUS_TICKS,
    HEATMAP_LEGEND,
    NOT_PLACED_LABEL,
    comparison_marks,
    consensus_bars,
    heatmap_cells,
    rank_colours,
    rank_ticks,
)


def _legend_below(
    chart: Chart,
    title: str,
    entries: Sequence[tuple[str, Callable[[float, float], str]]],
    top: float,
    columns: int,
) -> str:
    """A framed legend centred under the Axes, from ``top`` (points)."""
    middle = (chart.left + chart.right) / 2
    return chart.legend(
        title,
        entries,
        middle,
        top,
        0.8,
        2.0,
        "middle",
        columns=columns,
        size=8,
        framed=True,
        title_size=10,  # matplotlib's legend title, at the figure's usual size
    )


def consensus_svg(result: GroupResult) -> str:
    """The group's order as horizontal bars of mean Borda points, most important on top,
    with the span of the middle half of the participants (as
    :func:`~tanmia_course.exercises.ranking.charts.consensus_chart`)."""
    bars = consensus_bars(result)
    n = len(bars.labels)
    chart = Chart(bars.size, bars.margins, (0, n - 0.5), n)
    ticks = chart.whole_ticks(CONSENSUS_TICKS)
    height = 0.8 * (chart.bottom - chart.top) / n
    parts = [chart.start(), chart.grid(ticks, "#DDDDDD"), '<g id="barres">']
    zero = float(chart.x(0))
    for i, (points, colour) in enumerate(zip(bars.points, bars.colours, strict=True)):
        middle = float(chart.row(i))
        parts.append(
            rect(
                zero,
                middle - height / 2,
                float(chart.x(points)) - zero,
                height,
                colour,
                ' stroke="#FFFFFF" stroke-width="1"',
            )
        )
    spans = []
    for i, (low, high) in enumerate(zip(bars.low, bars.high, strict=True)):
        y, x0, x1 = float(chart.row(i)), float(chart.x(low)), float(chart.x(high))
        spans += [(x0, y, x1, y), (x0, y - 3, x0, y + 3), (x1, y - 3, x1, y + 3)]
    parts += [path(spans, "#000000", 1.2), "</g>", chart.frame()]
    parts.append(chart.x_scale(ticks, bars.xlabel))
    parts.append(chart.row_labels(bars.labels))
    parts.append(chart.title(bars.title))
    legend_top = chart.bottom + (_BELOW + 0.1) * 72
    entries = [(name, swatch(colour, 8)) for name, colour in bars.themes.items()]
    parts.append(_legend_below(chart, CONSENSUS_LEGEND, entries, legend_top, 3))
    parts.append("</svg>")
    return "".join(parts)


def heatmap_svg(result: GroupResult) -> str:
    """Participants (columns) × benefits (rows, in the group's order), coloured by the rank
    each gave, grey where not placed (as :func:`~.charts.heatmap`). The
    cells are a small PNG inside the SVG, drawn crisp at any size."""
    cells = heatmap_cells(result)
    n, m = cells.ranks.shape
    chart = Chart(cells.size, cells.margins, (-0.5, m - 0.5), n)
    cmap, norm = rank_colours(n)
    colours = np.where(
        cells.placed[..., None],
        cmap(norm(cells.ranks))[..., :3],
        np.array(cmap.get_bad())[:3],
    )
    parts = [chart.start(), _image(colours, chart), chart.frame()]
    size, drop = 8, baseline_drop()
    for j, name in enumerate(cells.names):  # under each column, read bottom to top
        x = float(chart.x(j)) + drop * size
        y = chart.bottom + LABEL_GAP
        parts.append(text(x, y, name, size, "end", rotate=True))
    _, ascent, _ = chart.extent("P", 10)
    name_y = chart.bottom + cells.names_height * 72 + 6 + ascent
    parts.append(text((chart.left + chart.right) / 2, name_y, "Participants", 10, "middle"))
    parts.append(chart.row_labels(cells.labels))
    parts.append(chart.title(cells.title))
    entries = [(str(r), swatch(_hex(cmap(norm(r))), 8)) for r in cells.marked]
    entries.append((NOT_PLACED_LABEL, swatch(_NOT_PLACED, 8)))
    x = chart.right + 0.02 * (chart.right - chart.left)
    parts.append(  # without frame, right of the Axes, one entry a line
        chart.legend(HEATMAP_LEGEND, entries, x, chart.top, 0.8, 2.0, columns=1, size=8)
    )
    parts.append("</svg>")
    return "".join(parts)


def _hex(colour: Sequence[float]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in colour[:3]))


def _image(colours: np.ndarray, chart: Chart) -> str:
    """The cells as a PNG of one pixel each, stretched over the Axes without smoothing."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.round(colours * 255).astype(np.uint8), "RGB").save(buffer, "PNG")
    payload = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<image x="{chart.left:.2f}" y="{chart.top:.2f}" '
        f'width="{chart.right - chart.left:.2f}" height="{chart.bottom - chart.top:.2f}" '
        'preserveAspectRatio="none" style="image-rendering:pixelated" '
        f'href="data:image/png;base64,{payload}"/>'
    )


def _diamond(x: float, y: float, radius: float, fill: str, edge: str) -> str:
    points = f"{x:.2f},{y - radius:.2f} {x + radius:.2f},{y:.2f} {x:.2f},{y + radius:.2f} "
    points += f"{x - radius:.2f},{y:.2f}"
    return f'<polygon points="{points}" fill="{fill}" stroke="{edge}" stroke-width="1"/>'


def comparison_svg(comparison: Comparison) -> str:
    """Your rank of each benefit beside the group's mean rank and its middle half, benefits
    in the group's order (as :func:`~tanmia_course.exercises.ranking.charts.comparison_chart`)."""
    marks = comparison_marks(comparison)
    n = len(marks.labels)
    chart = Chart(marks.size, marks.margins, (0.5, n + 0.5), n)
    ticks = rank_ticks(n)
    rows = [float(chart.row(i)) for i in range(n)]
    placed = ~np.isnan(marks.mine)
    middle, average, yours, left_out = COMPARISON_LEGEND
    parts = [chart.start(), chart.grid(ticks, "#EEEEEE"), '<g id="marques">']
    spans = [
        (float(chart.x(a)), y, float(chart.x(b)), y)
        for a, b, y in zip(marks.q1, marks.q3, rows, strict=True)
    ]
    parts.append(path(spans, _GROUP, 6, opacity=0.35))
    gaps = [
        (float(chart.x(a)), y, float(chart.x(b)), y)
        for a, b, y, p in zip(marks.mean, marks.mine, rows, placed, strict=True)
        if p
    ]
    if gaps:
        parts.append(path(gaps, "#777777", 1))
    parts += [
        disc(float(chart.x(a)), y, 3, _GROUP, 0) for a, y in zip(marks.mean, rows, strict=True)
    ]
    entries = [
        (middle, lambda x, y: path([(x - 8, y, x + 8, y)], _GROUP, 6, opacity=0.35)),
        (average, lambda x, y: disc(x, y, 3, _GROUP, 0)),
    ]
    if placed.any():
        parts += [
            _diamond(float(chart.x(r)), y, 3.5, _LEARNER, _LEARNER)
            for r, y, p in zip(marks.mine, rows, placed, strict=True)
            if p
        ]
        entries.append((yours, lambda x, y: _diamond(x, y, 3.5, _LEARNER, _LEARNER)))
        if (~placed).any():
            parts += [
                _diamond(float(chart.x(marks.tied)), y, 3.5, "none", _NOT_PLACED)
                for y, p in zip(rows, placed, strict=True)
                if not p
            ]
            entries.append((left_out, lambda x, y: _diamond(x, y, 3.5, "none", _NOT_PLACED)))
    parts += ["</g>", chart.frame(), chart.x_scale(ticks, COMPARISON_XLABEL)]
    parts.append(chart.row_labels(marks.labels))
    parts.append(chart.title(marks.title))
    parts.append(_legend_below(chart, "", entries, chart.bottom + (_BELOW - 0.2) * 72, 4))
    parts.append("</svg>")
    return "".join(parts)
