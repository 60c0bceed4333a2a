"""Plots of an audit: a radar of the criteria (learner against reference) and the
traffic-light table. Both take the comparison table of :func:`~.analysis.compare`
(columns ``critere``, ``votre_niveau``, ``niveau_reference``) and an optional ``ax``. What each
shows is computed in :mod:`tanmia_course.exercises.audit.audit_parts`, which the SVG pictures of the
notebook share (:mod:`tanmia_course.exercises.audit.audit_svg`).
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.projections.polar import PolarAxes

from ...display.picture import new_figure, set_margins
from .audit_parts import (
    FEU_UNIT,
    FEUX_TITLE,
    FEUX_TOP,
    LABEL_RADIUS,
    LEARNER_COLOUR,
    RADAR_LINES,
    RADAR_TITLE,
    REFERENCE_COLOUR,
    feux_parts,
    label_alignment,
    levels,
    radar_parts,
)

__all__ = ["LEARNER_COLOUR", "REFERENCE_COLOUR", "radar", "tableau_feux"]


def radar(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Radar of the criteria: the learner's levels (blue, solid) and the reference's
    (orange, dashed), from 0 at the centre to 3. Criteria not rated are marked « non noté ».

    Each criterion is written outside the circle, turned away from it: to the left of the
    circle on the left, to the right on the right. On a figure it makes itself, the
    margins are measured from the labels, so that nothing is cut and nothing needs
    cropping."""
    parts = radar_parts(table)
    n = len(parts.labels)
    if ax is None:
        figure = new_figure(*parts.size)
        ax = figure.add_subplot(projection="polar")
        set_margins(figure, *parts.margins)
    elif not isinstance(ax, PolarAxes):
        raise ValueError("Le radar se dessine sur des axes polaires (projection='polar').")
    ax.set_theta_offset(math.pi / 2)  # first criterion at the top, then clockwise
    ax.set_theta_direction(-1)
    angles = parts.angles
    closed = [*angles, angles[0]]
    for column, colour, style, label in RADAR_LINES:
        values = levels(table[column])
        if all(math.isnan(v) for v in values):
            continue
        ax.plot(closed, [*values, values[0]], style, color=colour, linewidth=2, label=label)
        ax.plot(angles, values, "o", color=colour, markersize=5)
        if column == "votre_niveau" and not any(math.isnan(v) for v in values):
            ax.fill(closed, [*values, values[0]], color=colour, alpha=0.12)
    ax.set_xticks(angles, [""] * n)  # one spoke per criterion; the names are texts
    for angle, label in zip(angles, parts.labels, strict=True):
        ha, va = label_alignment(angle)
        ax.text(
            angle,
            LABEL_RADIUS,
            label,
            fontsize=8,
            ha=ha,
            va=va,
            clip_on=False,
            parse_math=False,  # names as written in the content: a « $ » is no maths
        )
    ax.set_ylim(0, 3)
    ax.set_yticks([0, 1, 2, 3])
    ax.set_yticklabels(["0", "1", "2", "3"], fontsize=7, color="#555555")
    ax.set_title(RADAR_TITLE, pad=parts.room_y * 72 + 8, y=1.0)
    if ax.get_legend_handles_labels()[0]:
        below = (parts.room_y + 0.15) / (parts.size[0] - 2 * parts.margins[0])
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -below), ncol=2, fontsize=9)
    return ax


def tableau_feux(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Traffic-light table: one row per criterion, the learner's level and the reference's
    in coloured cells (green, amber, red), each with its level and the light's name written
    in it, so the table reads without colour too. A reference level not shown yet (the
    criterion is not rated) is a grey « — »."""
    parts = feux_parts(table)
    n = len(parts.names)
    left = parts.left
    if ax is None:
        width = parts.size[0]
        ax = new_figure(*parts.size).add_subplot()
        set_margins(ax.figure, 0.0, 0.0, FEUX_TOP, 0.05)
        left = 2.9 - width / FEU_UNIT
    for col, (header, cells) in enumerate(parts.columns):
        ax.text(1.2 + col * 1.1, -0.6, header, ha="center", va="center", fontweight="bold")
        for row, (text, colour) in enumerate(cells):
            ax.add_patch(
                Rectangle(
                    (0.7 + col * 1.1, row - 0.4), 1.0, 0.8, facecolor=colour, edgecolor="white"
                )
            )
            ax.text(1.2 + col * 1.1, row, text, ha="center", va="center", fontsize=8)
    for row, name in enumerate(parts.names):
        ax.text(0.65, row, name, ha="right", va="center", fontsize=8, parse_math=False)
    ax.set_xlim(left, 2.9)
    ax.set_ylim(n - 0.5, -1.0)
    ax.axis("off")
    ax.set_title(FEUX_TITLE, y=1.0)
    return ax
