"""What the audit's pictures show, whoever draws them: the radar of the criteria and the
traffic-light table, with their titles, sizes and margins.

Pure computing (the font's glyph table for label widths): the matplotlib pictures
(:mod:`tanmia_course.exercises.audit.charts`) and the pictures written as SVG
(:mod:`~.audit_svg`) draw the same parts. Both take the comparison table of
:func:`tanmia_course.exercises.audit.analysis.compare` (columns ``critere``, ``votre_niveau``,
``niveau_reference``).
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import pandas as pd

from ...display.palette import OKABE_ITO
from ...display.sheet import lines_height, text_width
from .analysis import FEU_COLOURS, FEU_LABELS, feu

LEARNER_COLOUR = OKABE_ITO[4]  # blue
REFERENCE_COLOUR = OKABE_ITO[0]  # orange
_COLUMNS = ("critere", "votre_niveau", "niveau_reference")

FEU_UNIT = 1.36  # inches per data unit across the traffic-light table
RADAR_DIAMETER = 4.6  # inches: the circle of a radar the function lays out itself
LABEL_RADIUS = 3.3  # where criteria are written, in levels (the circle is 3)
RADAR_TITLE = "Niveau de chaque critère (0 à 3) : votre audit et la référence"
FEUX_TITLE = "Feux par critère (vert : 3 ; ambre : 2 ; rouge : 0 ou 1)"
# The radar's two lines, drawn in this order: column, colour, line style, legend.
RADAR_LINES = (
    ("niveau_reference", REFERENCE_COLOUR, "--", "Audit de référence"),
    ("votre_niveau", LEARNER_COLOUR, "-", "Votre audit"),
)
FEUX_COLUMNS = (("votre_niveau", "Votre audit"), ("niveau_reference", "Référence"))


def check(table: pd.DataFrame) -> None:
    missing = [c for c in _COLUMNS if c not in getattr(table, "columns", ())]
    if missing:
        raise ValueError(
            "Le tableau de comparaison doit avoir les colonnes "
            f"{', '.join(_COLUMNS)} ; il manque : {', '.join(missing)}."
        )


def levels(series: pd.Series) -> list[float]:
    return [math.nan if pd.isna(v) else float(v) for v in series]


@dataclass(frozen=True)
class RadarParts:
    """A radar: each criterion's label and angle (radians, clockwise from the top), the
    room the labels take beyond the circle (inches), and the picture's size and margins
    when the radar lays itself out."""

    labels: list[str]
    angles: list[float]
    room_x: float
    room_y: float
    size: tuple[float, float]
    margins: tuple[float, float, float, float]


def radar_parts(table: pd.DataFrame) -> RadarParts:
    check(table)
    n = len(table)
    labels = []
    for name, mine in zip(table["critere"], table["votre_niveau"], strict=True):
        text = textwrap.fill(str(name), 16)
        labels.append(text + ("\n(non noté)" if pd.isna(mine) else ""))
    gap = (LABEL_RADIUS - 3) / 3 * RADAR_DIAMETER / 2  # inches from circle to labels
    # Inches from the circle to the far edge of the widest label, and of the tallest.
    room_x = gap + text_width(labels, 8)
    room_y = gap + lines_height(max((label.count("\n") + 1 for label in labels), default=1), 8)
    side = room_x + 0.2
    above = room_y + lines_height(1, 12) + 0.35
    below = room_y + lines_height(1, 9) + 0.5
    width = max(RADAR_DIAMETER + 2 * side, text_width([RADAR_TITLE], 12) + 0.4)
    margin = (width - RADAR_DIAMETER) / 2
    return RadarParts(
        labels,
        [2 * math.pi * i / n for i in range(n)],
        room_x,
        room_y,
        (width, RADAR_DIAMETER + above + below),
        (margin, margin, above, below),
    )


def label_alignment(angle: float) -> tuple[str, str]:
    """How a criterion's label sits at its angle: turned away from the circle."""
    across, up = math.sin(angle), math.cos(angle)  # clockwise from the top
    return (
        "left" if across > 0.2 else "right" if across < -0.2 else "center",
        "bottom" if up > 0.5 else "top" if up < -0.5 else "center",
    )


@dataclass(frozen=True)
class FeuxParts:
    """A traffic-light table: criteria names, and for each column (your audit, the
    reference) its header and each row's text and colour; where the names begin (data
    units, the cells span 0.7 to 2.9) and the picture's size when it lays itself out."""

    names: list[str]
    columns: list[tuple[str, list[tuple[str, str]]]]
    left: float
    size: tuple[float, float]


def feux_parts(table: pd.DataFrame) -> FeuxParts:
    check(table)
    names = [str(name) for name in table["critere"]]
    columns = []
    for column, header in FEUX_COLUMNS:
        cells = []
        for value in table[column]:
            level = None if pd.isna(value) else int(value)
            light = feu(level)
            empty = "non noté" if column == "votre_niveau" else "—"
            text = empty if light is None else f"{level} · {FEU_LABELS[light].lower()}"
            cells.append((text, FEU_COLOURS[light]))
        columns.append((header, cells))
    left = 0.65 - (text_width(names, 8) + 0.3) / FEU_UNIT
    width = max((2.9 - left) * FEU_UNIT, text_width([FEUX_TITLE], 12) + 0.3)
    return FeuxParts(names, columns, left, (width, 0.42 * len(names) + 1.2))


FEUX_TOP = lines_height(1, 12) + 0.25  # inches above the table, for its title
