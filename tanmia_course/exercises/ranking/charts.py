"""Charts of the ranking exercise: the group's consensus, the class at a glance, you vs them.

Each function takes a result of :mod:`~.analysis` and an optional ``ax``, returns the Axes,
and never calls ``plt.show()``; without ``ax`` it makes a figure of the right size (no
pyplot, no global state), laid out by matplotlib. A trainer can draw them into their own
figure. Benefit labels are long: they are wrapped, and shortened with « … » only when they
would take more than their lines. Names written by people (the class's title, themes,
participants) are shown as typed: a « $ » is no maths.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import ScaledTranslation

from ...display.palette import FAINT, OKABE_ITO, RULE, colours_for
from ...display.picture import as_typed, axes_for, typed
from ...display.text import fr_number
from .analysis import BORDA_LABEL, W_SCALE, ComparaisonClassement, ResultatGroupe

MAX_PARTICIPANTS_SHOWN = 60
_GROUP = OKABE_ITO[4]  # blue
_LEARNER = OKABE_ITO[5]  # vermillion
_NOT_PLACED = "#BBBBBB"

CONSENSUS_XLABEL = (
    f"{BORDA_LABEL} : la place i sur n rapporte n − i points\n"
    "Additionner des places suppose des écarts réguliers entre elles : lisez l’ordre, "
    "pas la taille des écarts."
)
CONSENSUS_LEGEND = "Thème (regroupement du cours)"
HEATMAP_LEGEND = "Rang donné\n(1 = le plus important)"
NOT_PLACED_LABEL = "non placé"
COMPARISON_XLABEL = "Rang (1 = le plus important)"
COMPARISON_LEGEND = (
    "Moitié centrale du groupe",
    "Rang moyen du groupe",
    "Votre rang",
    "Non placé par vous (ex aequo)",
)


def short_label(text: str, width: int = 34, lines: int = 2) -> str:
    """Wrap a label on at most ``lines`` lines of ``width`` characters, ending with « … » if
    it had to be cut.

    >>> short_label("Sensibiliser d’autres acteurs sur les enjeux du développement local", 30)
    'Sensibiliser d’autres acteurs\\nsur les enjeux du…'
    >>> short_label("Elargir la réflexion")
    'Elargir la réflexion'
    """
    wrapped = textwrap.wrap(
        str(text), width, max_lines=lines, placeholder="…", break_on_hyphens=False
    )
    return "\n".join(wrapped)


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


def rank_colours(n: int) -> Any:
    """The colour map of ranks 1 to ``n`` (dark: placed on top), grey for « not placed »;
    and its norm."""
    import matplotlib as mpl
    from matplotlib.colors import Normalize

    return mpl.colormaps["cividis"].with_extremes(bad=_NOT_PLACED), Normalize(1, n)


def _row_labels(ax: Axes, labels: list[str]) -> None:
    """One label beside each row, the first on top, with no tick mark (names as typed)."""
    n = len(labels)
    ax.set_yticks(range(n), [typed(label) for label in labels], fontsize=8)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(n - 0.5, -0.5)


def legend_below(ax: Axes, inches: float, **kwargs: Any) -> Any:
    """A legend centred under the Axes, ``inches`` below them (under the scale and its
    name), whatever the Axes' height."""
    below = ax.transAxes + ScaledTranslation(0, -inches, ax.figure.dpi_scale_trans)
    return ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, fontsize=8, **kwargs
    )


def consensus_chart(result: ResultatGroupe, ax: Axes | None = None) -> Axes:
    """The group's order as horizontal bars of its Borda points (the consensus table's
    ``points_borda``: the mean per participant), most important on top, coloured by theme;
    the black line spans the middle half of the participants (first to third quartile)."""
    table = result.consensus
    n = len(table)
    ax = axes_for(ax, 10, 0.42 * n + 2.2)
    points = table["points_borda"].to_numpy(dtype=float)
    q1, q3 = np.percentile(result.rangs[table.index].to_numpy(), [25, 75], axis=0)
    themes = colours_for(list(table["theme_nom"]))  # a theme keeps its colour
    y = np.arange(n)
    ax.barh(y, points, color=[themes[t] for t in table["theme_nom"]], edgecolor="white")
    ax.errorbar(
        points,
        y,
        # (the points are rounded as in the table: a quartile on the mean stays 0, not −0.004)
        xerr=np.clip([points - (n - q3), (n - q1) - points], 0, None),
        fmt="none",
        ecolor="black",
        elinewidth=1.2,
        capsize=3,
    )
    _row_labels(ax, list(table["rang"].astype(str) + ". " + table["nom"].map(short_label)))
    ax.set_xlim(0, n - 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))  # never « 2.5 »
    ax.set_xlabel(CONSENSUS_XLABEL)
    ax.set_title(
        f"Ce que le groupe attend d’un partenariat — {result.titre}\n"
        f"{result.concordance.nb_classements} classements ; "
        f"W de Kendall = {fr_number(result.w, 2)} ({W_SCALE})\n"
        "trait noir : la moitié centrale des participants",
        fontsize=10,
        parse_math=False,  # the class's title as the trainer named it
    )
    legend = legend_below(
        ax,
        0.85,
        handles=[Patch(color=colour, label=name) for name, colour in themes.items()],
        title=CONSENSUS_LEGEND,
        ncol=3,
    )
    as_typed(legend)
    ax.grid(axis="x", color=RULE)
    ax.set_axisbelow(True)
    return ax


def heatmap(result: ResultatGroupe, ax: Axes | None = None) -> Axes:
    """Participants (columns) × benefits (rows, in the group's order): the colour is the rank
    each person gave; grey marks a benefit the person did not place."""
    table = result.consensus
    people = result.participants.index[:MAX_PARTICIPANTS_SHOWN]
    ranks = result.rangs.loc[people, table.index].to_numpy().T
    placed = result.places.loc[people, table.index].to_numpy().T
    n, m = ranks.shape
    ax = axes_for(ax, max(7.0, 0.32 * m + 5), 0.32 * n + 2)
    cmap, norm = rank_colours(n)
    ax.imshow(
        np.ma.masked_array(ranks, mask=~placed),
        cmap=cmap,
        norm=norm,
        aspect="auto",
        interpolation="none",  # SVG: the cells themselves, scaled by the browser, crisp
    )
    benefits = table["nom"].map(lambda name: short_label(name, 44, 1))
    _row_labels(ax, list(table["rang"].astype(str) + ". " + benefits))
    names = result.participants.loc[people, "nom"]
    ax.set_xticks(
        range(m), [typed(short_label(nm, 20, 1)) for nm in names], fontsize=8, rotation=90
    )
    ax.tick_params(axis="x", length=0)
    ax.set_xlabel("Participants")
    shown = (
        ""
        if len(result.participants) <= MAX_PARTICIPANTS_SHOWN
        else f" ({m} premiers sur {len(result.participants)})"
    )
    ax.set_title(
        f"Le classement de chaque participant{shown}\n"
        "Foncé : placé en haut ; clair : placé en bas ; gris : non placé (diamant ou premiers "
        "choix)",
        fontsize=10,
    )
    # The scale: the colour of the first rank and of every fifth, and the grey of a benefit
    # not placed (a legend, read like the rest of the chart; whole ranks only).
    legend = ax.legend(
        handles=[
            *(Patch(facecolor=cmap(norm(r)), label=str(r)) for r in rank_ticks(n)),
            Patch(facecolor=_NOT_PLACED, label=NOT_PLACED_LABEL),
        ],
        title=HEATMAP_LEGEND,
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize=8,
        title_fontsize=8,
        frameon=False,
    )
    legend.get_title().set_multialignment("center")
    return ax


def comparison_chart(comparison: ComparaisonClassement, ax: Axes | None = None) -> Axes:
    """Your rank of each benefit beside the group's mean rank (with the middle half of the
    group as a line); benefits in the group's order. A benefit you did not place is shown
    at the rank it shares with all you left out."""
    table = comparison.tableau
    group = comparison.groupe
    n = len(table)
    ax = axes_for(ax, 10, 0.42 * n + 2)
    q1, q3 = np.percentile(group.rangs[table.index].to_numpy(), [25, 75], axis=0)
    mean = table["rang_moyen_groupe"].to_numpy(dtype=float)
    mine = table["votre_rang"].to_numpy(dtype=float)
    placed = ~np.isnan(mine)
    y = np.arange(n)
    middle, average, yours, left_out = COMPARISON_LEGEND
    ax.hlines(y, q1, q3, color=_GROUP, alpha=0.35, linewidth=6, label=middle)
    ax.plot(mean, y, "o", color=_GROUP, label=average)
    if placed.any():
        ax.hlines(y[placed], mean[placed], mine[placed], color=FAINT, linewidth=1)
        ax.plot(mine[placed], y[placed], "D", color=_LEARNER, label=yours)
        if (~placed).any():
            tied = (placed.sum() + 1 + n) / 2
            ax.plot(
                np.full((~placed).sum(), tied),
                y[~placed],
                "D",
                markerfacecolor="none",
                color=_NOT_PLACED,
                label=left_out,
            )
    _row_labels(ax, [short_label(nm) for nm in table["nom"]])
    ax.set_xlim(0.5, n + 0.5)
    ax.set_xticks(rank_ticks(n))
    ax.set_xlabel(COMPARISON_XLABEL)
    ax.set_title(
        f"Votre classement à côté de celui du groupe — {group.titre}\n"
        f"Accord avec le groupe : τ-b de Kendall = {fr_number(comparison.tau_b, 2)}",
        fontsize=10,
        parse_math=False,  # the class's title as the trainer named it
    )
    legend_below(ax, 0.55, ncol=4)
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_axisbelow(True)
    return ax
