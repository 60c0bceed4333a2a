"""Plots of the ranking exercise: the group's consensus, the class at a glance, you vs them.

Each function takes a result of :mod:`tanmia_course.logic.ranking` and an optional ``ax``,
returns the Axes, and never calls ``plt.show()``. Figures are built without pyplot (no
global state). Benefit labels are long: they are wrapped, and shortened with « … » only
when they would take more than their lines.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..logic.ranking import Comparison, GroupResult
from . import OKABE_ITO
from .picture import (
    Graphique,
    as_typed,
    axes_for,
    label_columns,
    label_rows,
    lines_height,
    set_margins,
    text_width,
)

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


def _whole_numbers() -> Any:
    """Ticks on whole numbers only, five or so: points, never « 2.5 » (a decimal point where
    French readers expect a comma)."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=5, integer=True)


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


def consensus_chart(result: GroupResult, ax: Axes | None = None) -> Axes:
    """The group's order as horizontal bars of mean Borda points, most important on top;
    the black line spans the middle half of the participants (first to third quartile)."""
    table = result.consensus
    n = len(table)
    ax, owned = axes_for(ax, 10, 0.42 * n + 2.2)
    ranks = result.rangs[table.index].to_numpy()
    points = n - table["rang_moyen"].to_numpy()
    q1, q3 = np.percentile(ranks, [25, 75], axis=0)
    low, high = n - q3, n - q1
    colours = theme_colours(list(table["theme_nom"]))
    y = np.arange(n)
    ax.barh(y, points, color=[colours[t] for t in table["theme_nom"]], edgecolor="white")
    ax.errorbar(
        points,
        y,
        xerr=[points - low, high - points],
        fmt="none",
        ecolor="black",
        elinewidth=1.2,
        capsize=3,
    )
    labels = [
        f"{int(r)}. {short_label(nm)}" for r, nm in zip(table["rang"], table["nom"], strict=True)
    ]
    label_rows(ax, labels, fontsize=8)
    ax.set_ylim(n - 0.5, -0.5)  # the first on top
    ax.set_xlim(0, n - 0.5)
    ax.xaxis.set_major_locator(_whole_numbers())
    ax.set_xlabel(
        "Points de Borda moyens (la place i sur n rapporte n − i points)\n"
        "Additionner des places suppose des écarts réguliers entre elles : lisez l’ordre, "
        "pas la taille des écarts."
    )
    w = f"{result.w:.2f}".replace(".", ",")  # the decimal comma, in this number only
    ax.set_title(
        f"Ce que le groupe attend d’un partenariat — {result.titre}\n"
        f"{result.concordance.nb_classements} classements ; W de Kendall = {w} ; "
        "trait noir : la moitié centrale des participants",
        fontsize=10,
        y=1.0,  # nothing above the Axes: no need to measure it
        parse_math=False,  # the class's title as the trainer named it
    )
    handles = [Patch(color=colour, label=name) for name, colour in colours.items()]
    legend_rows = -(-len(handles) // 3) + 1  # the entries, three a row, and the title
    if owned:
        height = ax.figure.get_size_inches()[1]
        bottom = _BELOW + lines_height(legend_rows, 8) * 1.5 + 0.3
        set_margins(ax.figure, text_width(labels, 8) + 0.25, 0.3, lines_height(2, 10) + 0.3, bottom)
        below = (_BELOW + 0.1) / (height - bottom - lines_height(2, 10) - 0.3)
    else:
        below = 0.09
    legend = ax.legend(
        handles=handles,
        title="Thème (regroupement du cours)",
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -below),
        ncol=3,
    )
    as_typed(legend)
    ax.grid(axis="x", color="#DDDDDD")
    ax.set_axisbelow(True)
    return ax


def heatmap(result: GroupResult, ax: Axes | None = None) -> Axes:
    """Participants (columns) × benefits (rows, in the group's order): the colour is the rank
    each person gave; grey marks a benefit the person did not place."""
    table = result.consensus
    people = result.participants.index[:MAX_PARTICIPANTS_SHOWN]
    ranks = result.rangs.loc[people, table.index].to_numpy().T
    placed = result.places.loc[people, table.index].to_numpy().T
    n, m = ranks.shape
    ax, owned = axes_for(ax, max(7.0, 0.32 * m + 5), 0.32 * n + 2)
    import matplotlib as mpl

    cmap = mpl.colormaps["cividis"].with_extremes(bad=_NOT_PLACED)
    image = ax.imshow(
        np.ma.masked_array(ranks, mask=~placed),
        cmap=cmap,
        vmin=1,
        vmax=n,
        aspect="auto",
        interpolation="none",  # SVG: the cells themselves, scaled by the browser, crisp
    )
    labels = [
        f"{int(r)}. {short_label(nm, 44, 1)}"
        for r, nm in zip(table["rang"], table["nom"], strict=True)
    ]
    label_rows(ax, labels, fontsize=8)
    names = [str(p).upper() for p in people]
    label_columns(ax, names, fontsize=8)
    names_height = text_width(names, 8)  # the names are turned a quarter
    ax.set_xlabel("Participants", labelpad=names_height * 72 + 6)
    shown = (
        ""
        if len(result.participants) <= MAX_PARTICIPANTS_SHOWN
        else (f" ({m} premiers sur {len(result.participants)})")
    )
    ax.set_title(
        f"Le classement de chaque participant{shown}\n"
        "Foncé : placé en haut ; clair : placé en bas ; gris : non placé (diamant ou premiers "
        "choix)",
        fontsize=10,
        y=1.0,
    )
    # The scale: the colour of the first rank and of every fifth, and the grey of a benefit
    # not placed (a legend, read like the rest of the chart; whole ranks only).
    marked = rank_ticks(n)
    entries = [*map(str, marked), "non placé"]
    title = "Rang donné\n(1 = le plus important)"
    if owned:
        bottom = names_height + lines_height(1, 10) + 0.35
        right = max(text_width([title], 8), text_width(entries, 8) + 0.45) + 0.5
        set_margins(
            ax.figure, text_width(labels, 8) + 0.25, right, lines_height(2, 10) + 0.3, bottom
        )
    legend = ax.legend(
        handles=[
            *(Patch(facecolor=cmap(image.norm(r)), label=str(r)) for r in marked),
            Patch(facecolor=_NOT_PLACED, label="non placé"),
        ],
        title=title,
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize=8,
        title_fontsize=8,
        frameon=False,
    )
    legend.get_title().set_multialignment("center")
    return ax


def comparison_chart(comparison: Comparison, ax: Axes | None = None) -> Axes:
    """Your rank of each benefit beside the group's mean rank (with the middle half of the
    group as a line); benefits in the group's order."""
    table = comparison.tableau
    group = comparison.groupe
    n = len(table)
    ax, owned = axes_for(ax, 10, 0.42 * n + 2)
    ranks = group.rangs[table.index].to_numpy()
    q1, q3 = np.percentile(ranks, [25, 75], axis=0)
    y = np.arange(n)
    mean = table["rang_moyen_groupe"].to_numpy(dtype=float)
    mine = table["votre_rang"].to_numpy(dtype=float)
    ax.hlines(y, q1, q3, color=_GROUP, alpha=0.35, linewidth=6, label="Moitié centrale du groupe")
    ax.plot(mean, y, "o", color=_GROUP, label="Rang moyen du groupe")
    placed = ~np.isnan(mine)
    if placed.any():
        ax.hlines(y[placed], mean[placed], mine[placed], color="#777777", linewidth=1)
        ax.plot(mine[placed], y[placed], "D", color=_LEARNER, label="Votre rang")
    if (~placed).any() and placed.any():
        tied = (placed.sum() + 1 + n) / 2
        ax.plot(
            np.full((~placed).sum(), tied),
            y[~placed],
            "D",
            markerfacecolor="none",
            color=_NOT_PLACED,
            label="Non placé par vous (ex aequo)",
        )
    labels = [short_label(nm) for nm in table["nom"]]
    label_rows(ax, labels, fontsize=8)
    ax.set_ylim(n - 0.5, -0.5)  # the first on top
    ax.set_xlim(0.5, n + 0.5)
    ax.set_xticks(rank_ticks(n))
    ax.set_xlabel("Rang (1 = le plus important)")
    tau = (
        "non calculable"
        if np.isnan(comparison.tau_b)
        else f"{comparison.tau_b:.2f}".replace(".", ",")
    )
    ax.set_title(
        f"Votre classement à côté de celui du groupe — {group.titre}\n"
        f"Accord avec le groupe : τ-b de Kendall = {tau}",
        fontsize=10,
        y=1.0,
        parse_math=False,
    )
    if owned:
        bottom = _BELOW + lines_height(1, 8) * 1.5 + 0.3
        set_margins(ax.figure, text_width(labels, 8) + 0.25, 0.3, lines_height(2, 10) + 0.3, bottom)
        below = (_BELOW - 0.2) / (
            ax.figure.get_size_inches()[1] - bottom - lines_height(2, 10) - 0.3
        )
    else:
        below = 0.06
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=4)
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_axisbelow(True)
    return ax


def as_picture(ax: Axes, titre: str) -> Graphique:
    """Wrap the Axes' figure for the notebook."""
    figure: Any = ax.figure
    return Graphique(figure, titre)
