"""Plots of the ranking exercise: the group's consensus, the class at a glance, you vs them.

Each function takes a result of :mod:`~.analysis` and an optional ``ax``,
returns the Axes, and never calls ``plt.show()``. Figures are built without pyplot (no
global state). What each chart shows is computed in :mod:`~.ranking_parts`,
which the SVG charts of the notebook share (:mod:`tanmia_course.exercises.ranking.ranking_svg`).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ...display.picture import as_typed, axes_for, label_columns, label_rows, set_margins
from ...display.sheet import lines_height, whole_numbers
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


def consensus_chart(result: GroupResult, ax: Axes | None = None) -> Axes:
    """The group's order as horizontal bars of mean Borda points, most important on top;
    the black line spans the middle half of the participants (first to third quartile)."""
    bars = consensus_bars(result)
    n = len(bars.labels)
    ax, owned = axes_for(ax, *bars.size)
    y = np.arange(n)
    ax.barh(y, bars.points, color=bars.colours, edgecolor="white")
    ax.errorbar(
        bars.points,
        y,
        xerr=[bars.points - bars.low, bars.high - bars.points],
        fmt="none",
        ecolor="black",
        elinewidth=1.2,
        capsize=3,
    )
    label_rows(ax, bars.labels, fontsize=8)
    ax.set_ylim(n - 0.5, -0.5)  # the first on top
    ax.set_xlim(0, n - 0.5)
    ax.xaxis.set_major_locator(whole_numbers(CONSENSUS_TICKS))
    ax.set_xlabel(bars.xlabel)
    ax.set_title(
        bars.title,
        fontsize=10,
        y=1.0,  # nothing above the Axes: no need to measure it
        parse_math=False,  # the class's title as the trainer named it
    )
    handles = [Patch(color=colour, label=name) for name, colour in bars.themes.items()]
    if owned:
        set_margins(ax.figure, *bars.margins)
        height, bottom = bars.size[1], bars.margins[3]
        below = (_BELOW + 0.1) / (height - bottom - lines_height(2, 10) - 0.3)
    else:
        below = 0.09
    legend = ax.legend(
        handles=handles,
        title=CONSENSUS_LEGEND,
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
    cells = heatmap_cells(result)
    n = len(cells.labels)
    ax, owned = axes_for(ax, *cells.size)
    cmap, norm = rank_colours(n)
    ax.imshow(
        np.ma.masked_array(cells.ranks, mask=~cells.placed),
        cmap=cmap,
        norm=norm,
        aspect="auto",
        interpolation="none",  # SVG: the cells themselves, scaled by the browser, crisp
    )
    label_rows(ax, cells.labels, fontsize=8)
    label_columns(ax, cells.names, fontsize=8)
    ax.set_xlabel("Participants", labelpad=cells.names_height * 72 + 6)
    ax.set_title(cells.title, fontsize=10, y=1.0)
    # The scale: the colour of the first rank and of every fifth, and the grey of a benefit
    # not placed (a legend, read like the rest of the chart; whole ranks only).
    if owned:
        set_margins(ax.figure, *cells.margins)
    legend = ax.legend(
        handles=[
            *(Patch(facecolor=cmap(norm(r)), label=str(r)) for r in cells.marked),
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


def comparison_chart(comparison: Comparison, ax: Axes | None = None) -> Axes:
    """Your rank of each benefit beside the group's mean rank (with the middle half of the
    group as a line); benefits in the group's order."""
    marks = comparison_marks(comparison)
    n = len(marks.labels)
    ax, owned = axes_for(ax, *marks.size)
    y = np.arange(n)
    mean, mine = marks.mean, marks.mine
    middle, average, yours, left_out = COMPARISON_LEGEND
    ax.hlines(y, marks.q1, marks.q3, color=_GROUP, alpha=0.35, linewidth=6, label=middle)
    ax.plot(mean, y, "o", color=_GROUP, label=average)
    placed = ~np.isnan(mine)
    if placed.any():
        ax.hlines(y[placed], mean[placed], mine[placed], color="#777777", linewidth=1)
        ax.plot(mine[placed], y[placed], "D", color=_LEARNER, label=yours)
    if (~placed).any() and placed.any():
        ax.plot(
            np.full((~placed).sum(), marks.tied),
            y[~placed],
            "D",
            markerfacecolor="none",
            color=_NOT_PLACED,
            label=left_out,
        )
    label_rows(ax, marks.labels, fontsize=8)
    ax.set_ylim(n - 0.5, -0.5)  # the first on top
    ax.set_xlim(0.5, n + 0.5)
    ax.set_xticks(rank_ticks(n))
    ax.set_xlabel(COMPARISON_XLABEL)
    ax.set_title(marks.title, fontsize=10, y=1.0, parse_math=False)
    if owned:
        set_margins(ax.figure, *marks.margins)
        below = (_BELOW - 0.2) / (marks.size[1] - marks.margins[3] - lines_height(2, 10) - 0.3)
    else:
        below = 0.06
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=4)
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_axisbelow(True)
    return ax
