"""Plots of an audit: a radar of the criteria (learner against reference) and the
traffic-light table. Both take the comparison table of :func:`tanmia_course.logic.audit.compare`
(columns ``critere``, ``votre_niveau``, ``niveau_reference``) and an optional ``ax``.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.projections.polar import PolarAxes

from ..logic.audit import FEU_COLOURS, FEU_LABELS, feu
from . import OKABE_ITO

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


def radar(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Radar of the criteria: the learner's levels (blue, solid) and the reference's
    (orange, dashed), from 0 at the centre to 3. Criteria not rated are marked « non noté »."""
    _check(table)
    if ax is None:
        ax = Figure(figsize=(7.5, 7.5)).add_subplot(projection="polar")
    elif not isinstance(ax, PolarAxes):
        raise ValueError("Le radar se dessine sur des axes polaires (projection='polar').")
    n = len(table)
    ax.set_theta_offset(math.pi / 2)  # first criterion at the top, then clockwise
    ax.set_theta_direction(-1)
    angles = [2 * math.pi * i / n for i in range(n)]
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
    labels = []
    for name, mine in zip(table["critere"], table["votre_niveau"], strict=True):
        text = textwrap.fill(str(name), 16)
        labels.append(text + ("\n(non noté)" if pd.isna(mine) else ""))
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=8)
    ax.tick_params(axis="x", pad=14)
    ax.set_ylim(0, 3)
    ax.set_yticks([0, 1, 2, 3])
    ax.set_yticklabels(["0", "1", "2", "3"], fontsize=7, color="#555555")
    ax.set_title("Niveau de chaque critère (0 à 3) : votre audit et la référence", pad=30)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2, fontsize=9)
    return ax


def tableau_feux(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Traffic-light table: one row per criterion, the learner's level and the reference's
    in coloured cells (green, amber, red), each with its level and the light's name written
    in it, so the table reads without colour too. A reference level not shown yet (the
    criterion is not rated) is a grey « — »."""
    _check(table)
    n = len(table)
    if ax is None:
        ax = Figure(figsize=(7.5, 0.42 * n + 1.2)).add_subplot()
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
    for row, name in enumerate(table["critere"]):
        ax.text(0.65, row, str(name), ha="right", va="center", fontsize=8)
    ax.set_xlim(-2.6, 2.9)
    ax.set_ylim(n - 0.5, -1.0)
    ax.axis("off")
    ax.set_title("Feux par critère (vert : 3 ; ambre : 2 ; rouge : 0 ou 1)")
    return ax
