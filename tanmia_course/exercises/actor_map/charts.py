"""The actor map as matplotlib figures: the influence / interest grid and the links
between actors.

:func:`draw_actor_map` draws the grid with its four quadrants named by their strategy,
every actor as a disc (colour: stance, from vermillion for opposed to blue for active
support, Okabe-Ito colours; size: how many resources it brings) with a label that never
overlaps another label (:mod:`tanmia_course.exercises.actor_map.labels`). It lays the map out as the
widget's SVG does (:mod:`tanmia_course.exercises.actor_map.layout`), on a figure to save or to draw
on. :func:`draw_links` draws who funds, informs, supervises or supports whom, actors on a
circle.

Label boxes are computed for the axes' current position in the figure: lay the figure out
before drawing (the default figure here has a fixed layout).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from ...display.picture import as_typed, new_figure
from .layout import (
    ARC,
    AXES_RECT,
    DPI,
    FIGSIZE,
    LIMITS,
    LINK_COLOURS,
    LINK_STYLES,
    LINKS_FIGSIZE,
    LINKS_LIMITS,
    LINKS_RECT,
    TITLE_SIZE,
    Frame,
    MapStyle,
    TextMeasure,
    arrow_boxes,
    circle_places,
    disc_radii,
    lay_out_actors,
    leaders,
    marker_area,
    place_names,
    quadrant_boxes,
    quadrant_names,
    stance_colour,
)

_LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}


def _new_axes(figsize: tuple[float, float] = FIGSIZE) -> Axes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = new_figure(*figsize, dpi=DPI)
    FigureCanvasAgg(figure)
    return figure.add_axes(AXES_RECT)


def _draw_grid(ax: Axes, style: MapStyle) -> None:
    """The grid, the quadrant names and the legends."""
    ax.set_xlim(*LIMITS)
    ax.set_ylim(*LIMITS)
    ax.set_xticks(range(6))
    ax.set_yticks(range(6))
    ax.grid(True, color="#DDDDDD", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    line = style.threshold - 0.5
    for draw in (ax.axvline, ax.axhline):
        draw(line, color="#777777", linestyle="--", linewidth=1.0, zorder=1)
    ax.set_xlabel("Intérêt pour le projet (de 0 à 5)")
    ax.set_ylabel("Influence sur le projet (de 0 à 5)")
    ax.set_title(style.title, fontsize=12, fontweight="bold", y=1.0)  # nothing above
    for name in quadrant_names(style):
        ax.text(
            *name.xy,
            name.text,
            ha=name.ha,
            va=name.va,
            fontsize=TITLE_SIZE,
            fontstyle="italic",
            color="#444444",
            zorder=2,
            parse_math=False,
        )
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=9,
            markerfacecolor=stance_colour(value),
            markeredgecolor="#000000",
            label=label,
        )
        for label, value in style.stances
    ]
    if handles:
        stances = ax.legend(
            handles=handles,
            title="Position envers le projet",
            loc="upper left",
            bbox_to_anchor=(0.0, -0.09),
            ncol=len(handles),
            frameon=False,
            fontsize=9,
            title_fontsize=9,
            handletextpad=0.3,
            columnspacing=1.0,
        )
        ax.add_artist(as_typed(stances))
    sizes = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=math.sqrt(marker_area(n)),
            markerfacecolor="#FFFFFF",
            markeredgecolor="#000000",
            label=str(n),
        )
        for n in (0, 2, 4)
    ]
    ax.legend(
        handles=sizes,
        title="Ressources apportées",
        loc="upper right",
        bbox_to_anchor=(1.0, -0.09),
        ncol=3,
        frameon=False,
        fontsize=9,
        title_fontsize=9,
        handletextpad=0.3,
    )


def _show_labels(ax: Axes, names: Sequence[str], boxes: np.ndarray, fontsize: float) -> None:
    """Each name in the middle of its box (pixels), on a white rounded box, and a leader
    line from its disc when the label stands apart."""
    to_data = ax.transData.inverted()
    centres = np.column_stack([boxes[:, [0, 2]].mean(1), boxes[:, [1, 3]].mean(1)])
    for name, centre in zip(names, to_data.transform(centres.reshape(-1, 2)), strict=True):
        ax.text(
            *centre,
            name,
            ha="center",
            va="center",
            fontsize=fontsize,
            zorder=5,
            bbox=dict(_LABEL_BOX, alpha=0.85),
            clip_on=False,
            parse_math=False,  # a name as typed: a « $ » is no maths
        )


def _leader_lines(ax: Axes, segments: Sequence[Any]) -> None:
    to_data = ax.transData.inverted()
    ax.add_collection(
        LineCollection(
            [to_data.transform(np.array(s)) for s in segments],
            colors="#555555",
            linewidths=0.7,
            zorder=3,
        )
    )


def draw_actor_map(
    table: pd.DataFrame, ax: Axes | None = None, style: MapStyle | None = None
) -> Axes:
    """Draw the influence / interest map of a computed table (see
    :func:`tanmia_course.exercises.actor_map.analysis.answer_table`); returns the Axes."""
    style = style or MapStyle()
    ax = ax if ax is not None else _new_axes()
    _draw_grid(ax, style)
    frame = Frame.of(ax)
    measure = TextMeasure(frame.dpi)
    obstacles = quadrant_boxes(quadrant_names(style), frame, measure)
    layout = lay_out_actors(table, frame, obstacles, measure)
    if layout.names:
        ax.scatter(
            layout.data[:, 0],
            layout.data[:, 1],
            s=layout.areas,
            c=layout.colours,
            zorder=4,
            edgecolors="#000000",
            linewidths=0.8,
            clip_on=False,
        )
    _leader_lines(ax, layout.leaders)
    _show_labels(ax, layout.names, layout.boxes, layout.fontsize)
    return ax


def draw_links(
    table: pd.DataFrame,
    links: Sequence[Mapping[str, str]],
    link_types: Mapping[str, str],
    ax: Axes | None = None,
) -> Axes:
    """Who funds, informs, supervises or supports whom: the actors of ``table`` on a circle
    and one arrow per link, coloured and dashed by type (``link_types``: id → label)."""
    if ax is None:
        ax = _new_axes(LINKS_FIGSIZE)
        ax.set_position(LINKS_RECT)
    figure = ax.figure
    n = len(table)
    angles, where = circle_places(table.index)
    ax.set_xlim(*LINKS_LIMITS[0])
    ax.set_ylim(*LINKS_LIMITS[1])
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    ax.apply_aspect()
    ax.set_title(
        "Qui finance, informe, encadre ou soutient qui ?", fontsize=12, fontweight="bold", y=1.0
    )
    areas = np.array([marker_area(k) for k in table["nb_ressources"]])
    xy = np.array([where[a] for a in table.index]).reshape(-1, 2)
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=areas,
        c=[stance_colour(v) for v in table["soutien"]],
        edgecolors="#000000",
        linewidths=0.8,
        zorder=4,
    )
    kinds = list(link_types)
    radius_pt = {a: math.sqrt(s / math.pi) for a, s in zip(table.index, areas, strict=True)}
    for link in links:
        k = kinds.index(link["type"]) if link["type"] in kinds else len(kinds)
        # add_artist, not add_patch: the limits are set, and add_patch would work each
        # curved arrow out in display space only to widen them.
        ax.add_artist(
            FancyArrowPatch(
                where[link["source"]],
                where[link["target"]],
                arrowstyle="-|>",
                mutation_scale=14,
                connectionstyle=f"arc3,rad={ARC}",
                color=LINK_COLOURS[k % len(LINK_COLOURS)],
                linestyle=LINK_STYLES[k % len(LINK_STYLES)],
                linewidth=1.6,
                shrinkA=radius_pt[link["source"]] + 2,
                shrinkB=radius_pt[link["target"]] + 2,
                zorder=3,
            )
        )
    used = [t for t in kinds if any(link["type"] == t for link in links)]
    legend = ax.legend(
        handles=[
            Line2D(
                [],
                [],
                color=LINK_COLOURS[kinds.index(t) % len(LINK_COLOURS)],
                linestyle=LINK_STYLES[kinds.index(t) % len(LINK_STYLES)],
                linewidth=1.6,
                label=link_types[t],
            )
            for t in used
        ],
        title="Type de lien (la flèche va de qui agit vers qui reçoit)",
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=max(1, len(used)),
        frameon=False,
        fontsize=9,
        title_fontsize=9,
    )
    as_typed(legend)
    figure_px = ax.transData.transform(xy) if n else np.zeros((0, 2))
    radii = disc_radii(areas, figure.dpi)
    arrows = arrow_boxes(
        [(where[k["source"]], where[k["target"]]) for k in links], ax.transData.transform
    )
    names = [str(name) for name in table["nom"]]
    boxes, fontsize = place_names(
        names,
        figure_px,
        radii,
        ax.bbox.extents,
        arrows,
        TextMeasure(figure.dpi),
        preferred=list(angles),
    )
    _leader_lines(ax, leaders(figure_px, radii, boxes))
    _show_labels(ax, names, boxes, fontsize)
    return ax
