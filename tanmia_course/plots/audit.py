"""Plots of an audit: a radar of the criteria (learner against reference) and the
traffic-light table. Both take the comparison table of :func:`tanmia_course.logic.audit.compare`
(columns ``critere``, ``votre_niveau``, ``niveau_reference``) and an optional ``ax``.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.projections.polar import PolarAxes

from ..logic.audit import FEU_COLOURS, FEU_LABELS, feu
from . import OKABE_ITO
from .picture import new_figure, set_margins
from .sheet import lines_height, text_width

LEARNER_COLOUR = OKABE_ITO[4]  # blue
REFERENCE_COLOUR = OKABE_ITO[0]  # orange
_COLUMNS = ("critere", "votre_niveau", "niveau_reference")


def _check(table: pd.DataFrame) -> None:
    missing = [c for c in _COLUMNS if c not in getattr(table, "columns", ())]
    if missing:
        raise ValueError(
            "Le tableau de comparaison doit avoir les colonnes "
            f"{', '.join(_COLUMNS)} ; il manque : {', '.join(missing)}."
        )


def _levels(series: pd.Series) -> list[float]:
    return [math.nan if pd.isna(v) else float(v) for v in series]


_FEU_UNIT = 1.36  # inches per data unit across the traffic-light table
_RADAR_DIAMETER = 4.6  # inches: the circle of a radar the function lays out itself
_LABEL_RADIUS = 3.3  # where criteria are written, in levels (the circle is 3)


def radar(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Radar of the criteria: the learner's levels (blue, solid) and the reference's
    (orange, dashed), from 0 at the centre to 3. Criteria not rated are marked « non noté ».

    Each criterion is written outside the circle, turned away from it: to the left of the
    circle on the left, to the right on the right. On a figure it makes itself, the
    margins are measured from the labels, so that nothing is cut and nothing needs
    cropping."""
    _check(table)
    n = len(table)
    angles = [2 * math.pi * i / n for i in range(n)]
    labels = []
    for name, mine in zip(table["critere"], table["votre_niveau"], strict=True):
        text = textwrap.fill(str(name), 16)
        labels.append(text + ("\n(non noté)" if pd.isna(mine) else ""))
    title = "Niveau de chaque critère (0 à 3) : votre audit et la référence"
    gap = (_LABEL_RADIUS - 3) / 3 * _RADAR_DIAMETER / 2  # inches from circle to labels
    # Inches from the circle to the far edge of the widest label, and of the tallest.
    room_x = gap + text_width(labels, 8)
    room_y = gap + lines_height(max(label.count("\n") + 1 for label in labels), 8)
    if ax is None:
        ax = _radar_axes(room_x, room_y, title)
    elif not isinstance(ax, PolarAxes):
        raise ValueError("Le radar se dessine sur des axes polaires (projection='polar').")
    ax.set_theta_offset(math.pi / 2)  # first criterion at the top, then clockwise
    ax.set_theta_direction(-1)
    closed = [*angles, angles[0]]
    for column, colour, style, label in (
        ("niveau_reference", REFERENCE_COLOUR, "--", "Audit de référence"),
        ("votre_niveau", LEARNER_COLOUR, "-", "Votre audit"),
    ):
        values = _levels(table[column])
        if all(math.isnan(v) for v in values):
            continue
        ax.plot(closed, [*values, values[0]], style, color=colour, linewidth=2, label=label)
        ax.plot(angles, values, "o", color=colour, markersize=5)
        if column == "votre_niveau" and not any(math.isnan(v) for v in values):
            ax.fill(closed, [*values, values[0]], color=colour, alpha=0.12)
    ax.set_xticks(angles, [""] * n)  # one spoke per criterion; the names are texts
    for angle, label in zip(angles, labels, strict=True):
        across, up = math.sin(angle), math.cos(angle)  # clockwise from the top
        ax.text(
            angle,
            _LABEL_RADIUS,
            label,
            fontsize=8,
            ha="left" if across > 0.2 else "right" if across < -0.2 else "center",
            va="bottom" if up > 0.5 else "top" if up < -0.5 else "center",
            clip_on=False,
            parse_math=False,  # names as written in the content: a « $ » is no maths
        )
    ax.set_ylim(0, 3)
    ax.set_yticks([0, 1, 2, 3])
    ax.set_yticklabels(["0", "1", "2", "3"], fontsize=7, color="#555555")
    ax.set_title(title, pad=room_y * 72 + 8, y=1.0)
    if ax.get_legend_handles_labels()[0]:
        below = (room_y + 0.15) / _RADAR_DIAMETER
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -below), ncol=2, fontsize=9)
    return ax


def _radar_axes(room_x: float, room_y: float, title: str) -> PolarAxes:
    """A figure sized to hold the circle, the labels around it (``room_x`` and ``room_y``
    inches beyond the circle), the title and legend."""
    side = room_x + 0.2
    above = room_y + lines_height(1, 12) + 0.35
    below = room_y + lines_height(1, 9) + 0.5
    width = max(_RADAR_DIAMETER + 2 * side, text_width([title], 12) + 0.4)
    height = _RADAR_DIAMETER + above + below
    figure = new_figure(width, height)
    ax = figure.add_subplot(projection="polar")
    set_margins(figure, (width - _RADAR_DIAMETER) / 2, (width - _RADAR_DIAMETER) / 2, above, below)
    return ax


def tableau_feux(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Traffic-light table: one row per criterion, the learner's level and the reference's
    in coloured cells (green, amber, red), each with its level and the light's name written
    in it, so the table reads without colour too. A reference level not shown yet (the
    criterion is not rated) is a grey « — »."""
    _check(table)
    n = len(table)
    names = [str(name) for name in table["critere"]]
    title = "Feux par critère (vert : 3 ; ambre : 2 ; rouge : 0 ou 1)"
    # Data units: the two columns of cells span 0.7 to 2.9; names end at 0.65, on the left.
    left = 0.65 - (text_width(names, 8) + 0.3) / _FEU_UNIT
    if ax is None:
        width = max((2.9 - left) * _FEU_UNIT, text_width([title], 12) + 0.3)
        height = 0.42 * n + 1.2
        ax = new_figure(width, height).add_subplot()
        top = lines_height(1, 12) + 0.25
        set_margins(ax.figure, 0.0, 0.0, top, 0.05)
        left = 2.9 - width / _FEU_UNIT
    columns = (("votre_niveau", "Votre audit"), ("niveau_reference", "Référence"))
    for col, (column, header) in enumerate(columns):
        ax.text(1.2 + col * 1.1, -0.6, header, ha="center", va="center", fontweight="bold")
        for row, value in enumerate(table[column]):
            level = None if pd.isna(value) else int(value)
            light = feu(level)
            ax.add_patch(
                Rectangle(
                    (0.7 + col * 1.1, row - 0.4),
                    1.0,
                    0.8,
                    facecolor=FEU_COLOURS[light],
                    edgecolor="white",
                )
            )
            empty = "non noté" if column == "votre_niveau" else "—"
            text = empty if light is None else f"{level} · {FEU_LABELS[light].lower()}"
            ax.text(1.2 + col * 1.1, row, text, ha="center", va="center", fontsize=8)
    for row, name in enumerate(names):
        ax.text(0.65, row, name, ha="right", va="center", fontsize=8, parse_math=False)
    ax.set_xlim(left, 2.9)
    ax.set_ylim(n - 0.5, -1.0)
    ax.axis("off")
    ax.set_title(title, y=1.0)
    return ax
