"""What the ranking charts show, whoever draws them: the bars of the consensus, the cells
of the rankings heatmap, the marks of a comparison, with their titles, sizes and margins.

Pure computing (numpy, the font's glyph table for label widths): the matplotlib charts
(:mod:`tanmia_course.exercises.ranking.charts`) and the charts written as SVG
(:mod:`~.ranking_svg`) draw the same parts. Benefit labels are long: they
are wrapped, and shortened with « … » only when they would take more than their lines.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...display.palette import OKABE_ITO
from ...display.sheet import lines_height, text_width
from .analysis import Comparison, GroupResult

MAX_PARTICIPANTS_SHOWN = 60
_GROUP = OKABE_ITO[4]  # blue
_LEARNER = OKABE_ITO[5]  # vermillion
_NOT_PLACED = "#BBBBBB"


def short_label(text: str, width: int = 34, lines: int = 2) -> str:
    """Wrap a label on at most ``lines`` lines of ``width`` characters, ending with « … » if
    it had to be cut.

    >>> short_label("Sensibiliser d’autres acteurs sur les enjeux du développement local", 30)
    'Sensibiliser d’autres acteurs\\nsur les enjeux du…'
    >>> short_label("Elargir la réflexion")
    'Elargir la réflexion'
    """
    wrapped = textwrap.wrap(str(text), width=width, break_on_hyphens=False)
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1] if len(kept[-1]) < width else kept[-1][: width - 1]
    words = last.split(" ")
    if len(words) > 1 and len(last) >= width - 1:
        last = " ".join(words[:-1])
    kept[-1] = last.rstrip(" ,;:’'") + "…"
    return "\n".join(kept)


_BELOW = 0.75  # inches under the Axes for tick labels and a two-line axis label


def rank_ticks(n: int) -> list[int]:
    """The ranks marked on a scale of ``n`` ranks: the first, then every fifth; every rank
    when there are few.

    >>> rank_ticks(21)
    [1, 5, 10, 15, 20]
    >>> rank_ticks(6)
    [1, 2, 3, 4, 5, 6]
    """
    if n <= 7:
        return list(range(1, n + 1))
    return [1, *range(5, n + 1, 5)]


def theme_colours(names: list[str]) -> dict[str, str]:
    """One Okabe-Ito colour per theme (in sorted order, so a theme keeps its colour)."""
    palette = [c for c in OKABE_ITO if c != "#000000"]
    return {name: palette[i % len(palette)] for i, name in enumerate(sorted(set(names)))}


@dataclass(frozen=True)
class ConsensusBars:
    """What the consensus chart shows, whoever draws it: one bar per benefit, most points
    on top, each with the span of the middle half of the participants."""

    labels: list[str]
    points: np.ndarray
    low: np.ndarray
    high: np.ndarray
    colours: list[str]  # each bar's, by its theme
    themes: dict[str, str]  # theme → colour, for the legend
    title: str
    xlabel: str
    size: tuple[float, float]  # inches
    margins: tuple[float, float, float, float]  # left, right, top, bottom (inches)


CONSENSUS_XLABEL = (
    "Points de Borda moyens (la place i sur n rapporte n − i points)\n"
    "Additionner des places suppose des écarts réguliers entre elles : lisez l’ordre, "
    "pas la taille des écarts."
)
CONSENSUS_LEGEND = "Thème (regroupement du cours)"
CONSENSUS_TICKS = 5  # whole numbers of points marked, or so


def consensus_bars(result: GroupResult) -> ConsensusBars:
    table = result.consensus
    n = len(table)
    ranks = result.rangs[table.index].to_numpy()
    points = n - table["rang_moyen"].to_numpy()
    q1, q3 = np.percentile(ranks, [25, 75], axis=0)
    themes = theme_colours(list(table["theme_nom"]))
    labels = [
        f"{int(r)}. {short_label(nm)}" for r, nm in zip(table["rang"], table["nom"], strict=True)
    ]
    w = f"{result.w:.2f}".replace(".", ",")  # the decimal comma, in this number only
    legend_rows = -(-len(themes) // 3) + 1  # the entries, three a row, and the title
    return ConsensusBars(
        labels,
        points,
        n - q3,
        n - q1,
        [themes[t] for t in table["theme_nom"]],
        themes,
        f"Ce que le groupe attend d’un partenariat — {result.titre}\n"
        f"{result.concordance.nb_classements} classements ; W de Kendall = {w} ; "
        "trait noir : la moitié centrale des participants",
        CONSENSUS_XLABEL,
        (10, 0.42 * n + 2.2),
        (
            text_width(labels, 8) + 0.25,
            0.3,
            lines_height(2, 10) + 0.3,
            _BELOW + lines_height(legend_rows, 8) * 1.5 + 0.3,
        ),
    )


@dataclass(frozen=True)
class HeatmapCells:
    """What the rankings heatmap shows: benefits (rows, in the group's order) × participants
    (columns), the rank each gave (``placed`` false: not placed, shown grey), and its scale."""

    labels: list[str]
    names: list[str]
    ranks: np.ndarray
    placed: np.ndarray
    title: str
    marked: list[int]  # the ranks the legend shows
    size: tuple[float, float]
    margins: tuple[float, float, float, float]
    names_height: float  # inches, the names turned a quarter


HEATMAP_LEGEND = "Rang donné\n(1 = le plus important)"
NOT_PLACED_LABEL = "non placé"


def heatmap_cells(result: GroupResult) -> HeatmapCells:
    table = result.consensus
    people = result.participants.index[:MAX_PARTICIPANTS_SHOWN]
    ranks = result.rangs.loc[people, table.index].to_numpy().T
    placed = result.places.loc[people, table.index].to_numpy().T
    n, m = ranks.shape
    labels = [
        f"{int(r)}. {short_label(nm, 44, 1)}"
        for r, nm in zip(table["rang"], table["nom"], strict=True)
    ]
    names = [str(p).upper() for p in people]
    names_height = text_width(names, 8)  # the names are turned a quarter
    shown = (
        ""
        if len(result.participants) <= MAX_PARTICIPANTS_SHOWN
        else (f" ({m} premiers sur {len(result.participants)})")
    )
    marked = rank_ticks(n)
    entries = [*map(str, marked), NOT_PLACED_LABEL]
    right = max(text_width([HEATMAP_LEGEND], 8), text_width(entries, 8) + 0.45) + 0.5
    return HeatmapCells(
        labels,
        names,
        ranks,
        placed,
        f"Le classement de chaque participant{shown}\n"
        "Foncé : placé en haut ; clair : placé en bas ; gris : non placé (diamant ou premiers "
        "choix)",
        marked,
        (max(7.0, 0.32 * m + 5), 0.32 * n + 2),
        (
            text_width(labels, 8) + 0.25,
            right,
            lines_height(2, 10) + 0.3,
            names_height + lines_height(1, 10) + 0.35,
        ),
        names_height,
    )


def rank_colours(n: int) -> Any:
    """The colour map of ranks 1 to ``n`` (dark: placed on top), grey for « not placed »;
    and its norm."""
    import matplotlib as mpl
    from matplotlib.colors import Normalize

    return mpl.colormaps["cividis"].with_extremes(bad=_NOT_PLACED), Normalize(1, n)


@dataclass(frozen=True)
class ComparisonMarks:
    """What the comparison chart shows, benefits in the group's order: the middle half of
    the group (``q1`` to ``q3``), its mean rank, your rank (NaN: not placed by you, shown at
    ``tied``, the rank shared by what you left out)."""

    labels: list[str]
    q1: np.ndarray
    q3: np.ndarray
    mean: np.ndarray
    mine: np.ndarray
    tied: float
    title: str
    size: tuple[float, float]
    margins: tuple[float, float, float, float]


COMPARISON_XLABEL = "Rang (1 = le plus important)"
COMPARISON_LEGEND = (
    "Moitié centrale du groupe",
    "Rang moyen du groupe",
    "Votre rang",
    "Non placé par vous (ex aequo)",
)


def comparison_marks(comparison: Comparison) -> ComparisonMarks:
    table = comparison.tableau
    group = comparison.groupe
    n = len(table)
    ranks = group.rangs[table.index].to_numpy()
    q1, q3 = np.percentile(ranks, [25, 75], axis=0)
    mine = table["votre_rang"].to_numpy(dtype=float)
    placed = ~np.isnan(mine)
    labels = [short_label(nm) for nm in table["nom"]]
    tau = (
        "non calculable"
        if np.isnan(comparison.tau_b)
        else f"{comparison.tau_b:.2f}".replace(".", ",")
    )
    return ComparisonMarks(
        labels,
        q1,
        q3,
        table["rang_moyen_groupe"].to_numpy(dtype=float),
        mine,
        (placed.sum() + 1 + n) / 2,
        f"Votre classement à côté de celui du groupe — {group.titre}\n"
        f"Accord avec le groupe : τ-b de Kendall = {tau}",
        (10, 0.42 * n + 2),
        (
            text_width(labels, 8) + 0.25,
            0.3,
            lines_height(2, 10) + 0.3,
            _BELOW + lines_height(1, 8) * 1.5 + 0.3,
        ),
    )
