"""Charts of an audit: a radar of the criteria (learner against reference) and the
traffic-light table.

Both take the comparison table of :func:`~.analysis.compare` (columns ``critere``,
``votre_niveau``, ``niveau_reference``) and an optional ``ax``, return the Axes and never
call ``plt.show()``; without ``ax`` they make a figure of the right size (no pyplot),
laid out by matplotlib. Criteria names are shown as written in the content: a « $ » is no
maths.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.projections.polar import PolarAxes
from matplotlib.transforms import ScaledTranslation

from ...content.verdict import LEVEL_RANGE, feu
from ...display.palette import FEU_COLOURS, OKABE_ITO, TEXT_MUTED
from ...display.picture import axes_for, typed

LEARNER_COLOUR = OKABE_ITO[4]  # blue
REFERENCE_COLOUR = OKABE_ITO[0]  # orange
_COLUMNS = ("critere", "votre_niveau", "niveau_reference")

RADAR_TITLE = f"Niveau de chaque critère, {LEVEL_RANGE} :\nvotre audit et la référence"
FEUX_TITLE = "Feux par critère (vert : 3 ; ambre : 2 ; rouge : 0 ou 1)"
# The radar's two lines, drawn in this order: column, colour, line style, legend.
RADAR_LINES = (
    ("niveau_reference", REFERENCE_COLOUR, "--", "Audit de référence"),
    ("votre_niveau", LEARNER_COLOUR, "-", "Votre audit"),
)
FEUX_COLUMNS = (("votre_niveau", "Votre audit"), ("niveau_reference", "Référence"))
LABEL_GAP = 10  # points between the circle and a criterion's name
LABEL_SIZE = 8


def check(table: pd.DataFrame) -> None:
    """Refuse, in French, a table without the columns the charts read."""
    missing = [c for c in _COLUMNS if c not in getattr(table, "columns", ())]
    if missing:
        raise ValueError(
            "Le tableau de comparaison doit avoir les colonnes "
            f"{', '.join(_COLUMNS)} ; il manque : {', '.join(missing)}."
        )


def label_alignment(angle: float) -> tuple[str, str]:
    """How a criterion's name sits at its angle (radians, clockwise from the top): turned
    away from the circle, to the left of it on the left, to the right on the right."""
    across, up = math.sin(angle), math.cos(angle)
    return (
        "left" if across > 0.2 else "right" if across < -0.2 else "center",
        "bottom" if up > 0.5 else "top" if up < -0.5 else "center",
    )


def radar(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Radar of the criteria: the learner's levels (blue, solid) and the reference's
    (orange, dashed), from 0 at the centre to 3. Criteria not rated are marked « non noté ».

    Each criterion is written just outside the circle, turned away from it; the title and
    the legend keep clear of the names above and below."""
    check(table)
    if ax is None:
        ax = axes_for(None, 7.4, 7.2, projection="polar")
    elif not isinstance(ax, PolarAxes):
        raise ValueError("Le radar se dessine sur des axes polaires (projection='polar').")
    labels = [
        textwrap.fill(str(name), 16) + ("\n(non noté)" if pd.isna(mine) else "")
        for name, mine in zip(table["critere"], table["votre_niveau"], strict=True)
    ]
    angles = [2 * math.pi * i / len(labels) for i in range(len(labels))]
    ax.set_theta_offset(math.pi / 2)  # first criterion at the top, then clockwise
    ax.set_theta_direction(-1)
    closed = [*angles, angles[0]]
    for column, colour, style, label in RADAR_LINES:
        values = [math.nan if pd.isna(v) else float(v) for v in table[column]]
        if all(math.isnan(v) for v in values):
            continue
        ax.plot(closed, [*values, values[0]], style, color=colour, linewidth=2, label=label)
        ax.plot(angles, values, "o", color=colour, markersize=5)
        if column == "votre_niveau" and not any(math.isnan(v) for v in values):
            ax.fill(closed, [*values, values[0]], color=colour, alpha=0.12)
    ax.set_xticks(angles, [""] * len(labels))  # one spoke per criterion; the names are texts
    for angle, label in zip(angles, labels, strict=True):
        ha, va = label_alignment(angle)
        ax.annotate(
            label,
            (angle, 3),
            xytext=(LABEL_GAP * math.sin(angle), LABEL_GAP * math.cos(angle)),
            textcoords="offset points",
            fontsize=LABEL_SIZE,
            ha=ha,
            va=va,
            annotation_clip=False,
            parse_math=False,  # names as written in the content: a « $ » is no maths
        )
    ax.set_ylim(0, 3)
    ax.set_yticks([0, 1, 2, 3], ["0", "1", "2", "3"], fontsize=7, color=TEXT_MUTED)
    # The names above and below the circle take this much room (points).
    room = LABEL_GAP + LABEL_SIZE * 1.2 * max(label.count("\n") + 1 for label in labels)
    ax.set_title(RADAR_TITLE, pad=room + 8)
    if ax.get_legend_handles_labels()[0]:
        below = ax.transAxes + ScaledTranslation(0, -(room + 10) / 72, ax.figure.dpi_scale_trans)
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, ncol=2, fontsize=9
        )
    return ax


def tableau_feux(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Traffic-light table: one row per criterion, the learner's level and the reference's
    in coloured cells (green, amber, red), each with its level and the light's name written
    in it, so the table reads without colour too. A reference level not shown yet (the
    criterion is not rated) is a grey « — »."""
    check(table)
    n = len(table)
    ax = axes_for(ax, 7.2, 0.42 * n + 1.2)  # room for the title over the cells
    for col, (column, _) in enumerate(FEUX_COLUMNS):
        for row, value in enumerate(table[column]):
            level = None if pd.isna(value) else int(value)
            light = feu(level)
            empty = "non noté" if column == "votre_niveau" else "—"
            text = empty if light is None else f"{level} · {light}"
            cell = Rectangle((col - 0.45, row - 0.4), 0.9, 0.8, facecolor=FEU_COLOURS[light])
            ax.add_patch(cell)
            ax.text(col, row, text, ha="center", va="center", fontsize=8)
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.xaxis.tick_top()
    ax.set_xticks([0, 1], [header for _, header in FEUX_COLUMNS], fontweight="bold")
    ax.set_yticks(range(n), [typed(name) for name in table["critere"]], fontsize=8)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(FEUX_TITLE)
    return ax
