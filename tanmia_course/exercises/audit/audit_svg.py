"""The audit's pictures written directly as SVG: the radar of the criteria and the
traffic-light table, for the notebook, the result's display and the printable report.

The same pictures as :mod:`~.charts` draws with matplotlib, from the same
computed parts (:mod:`~.audit_parts`): same size and margins, same circle,
labels, cells and titles, several times faster to make. Coordinates are in points, y
downwards.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from ...display.sheet import Sheet, axes_box, baseline_drop, disc, path, rect, segment, text
from .audit_parts import (
    FEU_UNIT,
    FEUX_TITLE,
    FEUX_TOP,
    LABEL_RADIUS,
    RADAR_DIAMETER,
    RADAR_LINES,
    RADAR_TITLE,
    feux_parts,
    label_alignment,
    levels,
    radar_parts,
)

GRID = "#B0B0B0"  # matplotlib's grid colour
R_LABELS_AT = math.radians(22.5)  # where a polar chart writes its levels, from the top
DASHES = {"--": "7.4,3.2"}  # matplotlib's « -- » at a line width of 2


def _block(sheet: Sheet, lines: Sequence[str], size: float, va: str, y: float) -> float:
    """The first baseline of lines of text set against ``y`` as matplotlib aligns them:
    ``top``, ``bottom`` or ``center``."""
    _, ascent, _ = sheet.extent(lines[0], size)
    _, _, descent = sheet.extent(lines[-1], size)
    height = 1.2 * size * (len(lines) - 1) + ascent + descent
    top = {"top": y, "bottom": y - height, "center": y - height / 2}[va]
    return top + ascent


def radar_svg(table: pd.DataFrame) -> str:
    """Radar of the criteria, the learner's levels (blue, solid) against the reference's
    (orange, dashed), from 0 at the centre to 3 (as :func:`~.charts.radar`
    lays itself out)."""
    parts = radar_parts(table)
    width, height = parts.size
    left, right, top, bottom = axes_box(*parts.size, *parts.margins)
    sheet = Sheet(width * 72, height * 72)
    cx, cy = (left + right) / 2 * sheet.width, (top + bottom) / 2 * sheet.height
    radius = RADAR_DIAMETER / 2 * 72

    def at(angle: float, level: float) -> tuple[float, float]:  # clockwise from the top
        r = radius * level / 3
        return cx + r * math.sin(angle), cy - r * math.cos(angle)

    out = [sheet.start(), '<g id="grille">']
    out += [disc(cx, cy, radius * level / 3, "none", 0.8, GRID) for level in (1, 2)]
    out.append(path([(cx, cy, *at(a, 3)) for a in parts.angles], GRID, 0.8))
    out.append(disc(cx, cy, radius, "none", 0.8))  # the circle of level 3
    for level in (1, 2, 3):  # the centre's 0 is hidden by the lines, as matplotlib's is
        x, y = at(R_LABELS_AT, level)
        out.append(text(x, y, str(level), 7, extra=";fill:#555555"))
    out.append("</g>")
    entries = []
    for column, colour, style, label in RADAR_LINES:
        values = levels(table[column])
        if all(math.isnan(v) for v in values):
            continue
        out.append(_closed_line(parts.angles, values, at, colour, DASHES.get(style)))
        if column == "votre_niveau" and not any(math.isnan(v) for v in values):
            corners = " ".join(
                f"{x:.2f},{y:.2f}"
                for x, y in (at(a, v) for a, v in zip(parts.angles, values, strict=True))
            )
            out.append(f'<polygon points="{corners}" fill="{colour}" fill-opacity="0.12"/>')
        for angle, value in zip(parts.angles, values, strict=True):
            if not math.isnan(value):
                out.append(disc(*at(angle, value), 2.5, colour, 1.0, colour))
        entries.append((label, segment(colour, 2, DASHES.get(style), 9)))
    for angle, label in zip(parts.angles, parts.labels, strict=True):
        ha, va = label_alignment(angle)
        x, y = at(angle, LABEL_RADIUS)
        lines = label.split("\n")
        anchor = {"left": "start", "right": "end", "center": "middle"}[ha]
        out.append(sheet.lines(x, _block(sheet, lines, 8, va, y), lines, 8, anchor))
    circle_top = cy - radius
    out.append(
        text(cx, circle_top - parts.room_y * 72 - 8, RADAR_TITLE, 12, "middle"),
    )
    if entries:
        legend_top = cy + radius + (parts.room_y + 0.15) * 72
        out.append(sheet.legend("", entries, cx, legend_top, 0.8, 2.0, "middle", framed=True))
    out.append("</svg>")
    return "".join(out)


def _closed_line(angles, values, at, colour: str, dashes: str | None) -> str:
    """The levels joined round the circle, back to the first; a criterion not rated breaks
    the line, as matplotlib leaves a gap at a missing value."""
    points = [None if math.isnan(v) else at(a, v) for a, v in zip(angles, values, strict=True)]
    points.append(points[0])
    runs, current = [], []
    for point in points:
        if point is None:
            if len(current) > 1:
                runs.append(current)
            current = []
        else:
            current.append(point)
    if len(current) > 1:
        runs.append(current)
    d = " ".join("M " + " L ".join(f"{x:.2f} {y:.2f}" for x, y in run) for run in runs)
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return (
        f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2" '
        f'stroke-linejoin="round"{dash}/>'
    )


def feux_svg(table: pd.DataFrame) -> str:
    """Traffic-light table: one row per criterion, the learner's level and the reference's
    in coloured cells, each with its level and the light's name (as
    :func:`tanmia_course.exercises.audit.charts.tableau_feux` lays itself out)."""
    parts = feux_parts(table)
    width, height = parts.size
    n = len(parts.names)
    _, _, top, bottom = axes_box(width, height, 0.0, 0.0, FEUX_TOP, 0.05)
    sheet = Sheet(width * 72, height * 72)
    x_low = 2.9 - width / FEU_UNIT
    box_top, box_bottom = top * sheet.height, bottom * sheet.height

    def x(value: float) -> float:
        return (value - x_low) / (2.9 - x_low) * sheet.width

    def y(value: float) -> float:  # rows downwards, from -1 at the top to n - 0.5
        return box_top + (value + 1.0) / (n + 0.5) * (box_bottom - box_top)

    drop = baseline_drop()
    out = [sheet.start()]
    for col, (header, cells) in enumerate(parts.columns):
        middle = x(1.2 + col * 1.1)
        out.append(text(middle, y(-0.6) + drop * 10, header, 10, "middle", ";font-weight:700"))
        for row, (label, colour) in enumerate(cells):
            out.append(
                rect(
                    x(0.7 + col * 1.1),
                    y(row - 0.4),
                    x(1.7) - x(0.7),
                    y(0.8) - y(0.0),
                    colour,
                    ' stroke="#FFFFFF" stroke-width="1"',
                )
            )
            out.append(text(middle, y(row) + drop * 8, label, 8, "middle"))
    for row, name in enumerate(parts.names):
        out.append(text(x(0.65), y(row) + drop * 8, name, 8, "end"))
    out.append(text(sheet.width / 2, box_top - 6, FEUX_TITLE, 12, "middle"))
    out.append("</svg>")
    return "".join(out)
