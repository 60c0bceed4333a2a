"""The actor map and the links between actors, drawn with matplotlib: the one renderer of
both pictures, for the widget, the map's result, a report or a trainer's own notebook.

:func:`draw_actor_map` draws the grid with its four quadrants named by their strategy,
every actor as a disc (colour: stance, from vermillion for opposed to blue for active
support, Okabe-Ito colours; size: how many resources it brings) with a label that never
overlaps another label (:mod:`~.labels`, geometry in :mod:`~.layout`). :func:`draw_links`
draws who funds, informs, supervises or supports whom, actors on a circle.

The widget keeps one map figure (:class:`ActorMap`) and updates its artists at each change
(``set_offsets``, ``set_text``, ``set_position``…); :class:`LiveMap` renders what changed
as SVG whose text stays text (``svg.fonttype: none``), laid out by the browser.

Why matplotlib and no SVG writer of our own (the issue allows one only if matplotlib cannot
meet the budget: a widget change visible in Chromium within 100 ms at p95, of which the
browser takes 20-30 ms). Measured server side over 200 changes of a 13-actor map, on a
2-core machine shared with other work (ranges: quiet to busy runs):

- the hand-written SVG writer this replaced: 1.8 ms median, 2-7 ms p95 a map update;
  in the widget (table, feedback, autosave included) 6 ms median for a slider step;
- matplotlib, this kept figure updated and rendered to SVG: 42-48 ms median, 47-60 ms p95
  when quiet (74-100 ms p95 when busy); to PNG about twice as slow; a new figure each
  time: 78-88 ms median;
- in the widget, with this module: a slider step 47-56 ms median, 55-77 ms p95; adding or
  removing a link 37-45 ms median; a stance or resources change, which redraws the map and
  the links, 80-88 ms median, about 100 ms p95, the map shown first (about 50 ms).

A slider step, the most frequent change, stays within the budget on a quiet machine (about
80 ms in all at p95), so matplotlib is the map's one renderer; a change that redraws both
pictures is at the budget's edge, and ``bench/actor_map.py`` measures it in Chromium.

Label boxes are computed for the axes' current position in the figure: lay the figure out
before drawing (the default figure here has a fixed layout).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from ...display.picture import as_typed, svg
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
    ActorsLayout,
    Frame,
    MapStyle,
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
    text_measure,
)

_LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}


def _new_axes(figsize: tuple[float, float] = FIGSIZE) -> Axes:
    """The Axes of a new figure of the course's size, on a canvas that can draw it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=figsize, dpi=DPI)
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


def _label(ax: Axes) -> Text:
    """An actor's label: its name on a white rounded box, centred on a point."""
    return ax.text(
        0,
        0,
        "",
        ha="center",
        va="center",
        zorder=5,
        bbox=_LABEL_BOX,
        clip_on=False,
        parse_math=False,  # a name as typed: a « $ » is no maths
    )


def _leader_lines(ax: Axes) -> LineCollection:
    """The lines from a disc to its label when the label stands apart (none yet)."""
    lines = LineCollection([], colors="#555555", linewidths=0.7, zorder=3)
    ax.add_collection(lines, autolim=False)
    return lines


def _show_labels(ax: Axes, texts: list[Text], names: Sequence[str], boxes, fontsize) -> None:
    """Write each name in the middle of its box (pixels), with as many ``texts`` as names:
    the texts of the last picture are reused, the ones left over removed."""
    while len(texts) > len(names):
        texts.pop().remove()
    while len(texts) < len(names):
        texts.append(_label(ax))
    centres = np.column_stack([boxes[:, [0, 2]].mean(1), boxes[:, [1, 3]].mean(1)])
    centres = ax.transData.inverted().transform(centres.reshape(-1, 2))
    for text, name, centre in zip(texts, names, centres, strict=True):
        text.set_text(name)
        text.set_position(centre)
        text.set_fontsize(fontsize)


def _segments(ax: Axes, segments: Sequence[Any]) -> list[np.ndarray]:
    """Segments in pixels as data coordinates."""
    to_data = ax.transData.inverted()
    return [to_data.transform(np.array(s)) for s in segments]


class ActorMap:
    """The influence / interest map on an Axes (``ax``, or that of a new figure), kept
    between changes: the grid, quadrant names and legends are drawn once, and
    :meth:`update` places the actors of a table by updating the same artists."""

    def __init__(self, style: MapStyle | None = None, ax: Axes | None = None) -> None:
        self.style = style or MapStyle()
        self.ax = ax if ax is not None else _new_axes()
        _draw_grid(self.ax, self.style)
        self.frame = Frame.of(self.ax)
        self.measure = text_measure(self.frame.dpi)
        self.obstacles = quadrant_boxes(quadrant_names(self.style), self.frame, self.measure)
        self.discs = self.ax.scatter(
            [], [], zorder=4, edgecolors="#000000", linewidths=0.8, clip_on=False
        )
        self.lines = _leader_lines(self.ax)
        self.labels: list[Text] = []
        self.layout: ActorsLayout | None = None

    def update(self, table: pd.DataFrame) -> None:
        """Place the actors of a computed table (columns ``nom``, ``interet``,
        ``influence``, ``soutien``, ``nb_ressources``). A map too full to be labelled
        raises :class:`~.labels.PlacementImpossible`, in French, and stays as it was."""
        layout = lay_out_actors(table, self.frame, self.obstacles, self.measure)
        self.discs.set_offsets(layout.data)
        self.discs.set_sizes(layout.areas)
        self.discs.set_facecolor(layout.colours)
        self.lines.set_segments(_segments(self.ax, layout.leaders))
        _show_labels(self.ax, self.labels, layout.names, layout.boxes, layout.fontsize)
        self.layout = layout


def draw_actor_map(
    table: pd.DataFrame, ax: Axes | None = None, style: MapStyle | None = None
) -> Axes:
    """Draw the influence / interest map of a computed table (see
    :func:`tanmia_course.exercises.actor_map.analysis.answer_table`); returns the Axes."""
    picture = ActorMap(style, ax)
    picture.update(table)
    return picture.ax


class LinksMap:
    """Who funds, informs, supervises or supports whom, on an Axes (``ax``, or that of a
    new figure), kept between changes: the frame and title are drawn once, and
    :meth:`update` puts the actors of a table on a circle with one arrow per link, coloured
    and dashed by type (``link_types``: id → label), updating the same discs and labels."""

    def __init__(self, link_types: Mapping[str, str], ax: Axes | None = None) -> None:
        if ax is None:
            ax = _new_axes(LINKS_FIGSIZE)
            ax.set_position(LINKS_RECT)
        self.ax, self.link_types = ax, link_types
        ax.set_xlim(*LINKS_LIMITS[0])
        ax.set_ylim(*LINKS_LIMITS[1])
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        ax.apply_aspect()
        ax.set_title(
            "Qui finance, informe, encadre ou soutient qui ?", fontsize=12, fontweight="bold", y=1.0
        )
        self.frame = Frame.of(ax)
        self.discs = ax.scatter([], [], edgecolors="#000000", linewidths=0.8, zorder=4)
        self.lines = _leader_lines(ax)
        self.labels: list[Text] = []
        self.arrows: list[FancyArrowPatch] = []

    def update(self, table: pd.DataFrame, links: Sequence[Mapping[str, str]]) -> None:
        """Draw the actors of a computed table and their ``links`` (``source``, ``target``,
        ``type``). Names that cannot be placed raise
        :class:`~.labels.PlacementImpossible`, in French, and the picture stays as it was."""
        ax, frame = self.ax, self.frame
        angles, where = circle_places(table.index)
        areas = np.array([marker_area(k) for k in table["nb_ressources"]], dtype=float)
        xy = np.array([where[a] for a in table.index], dtype=float).reshape(-1, 2)
        points = frame.to_px(xy) if len(xy) else np.zeros((0, 2))
        radii = disc_radii(areas, frame.dpi)
        pairs = [(where[k["source"]], where[k["target"]]) for k in links]
        names = [str(name) for name in table["nom"]]
        boxes, fontsize = place_names(
            names,
            points,
            radii,
            frame.bounds,
            arrow_boxes(pairs, frame.to_px),
            text_measure(frame.dpi),
            preferred=list(angles),
        )
        self.discs.set_offsets(xy)
        self.discs.set_sizes(areas)
        self.discs.set_facecolor([stance_colour(v) for v in table["soutien"]])
        kinds = list(self.link_types)
        radius_pt = {a: math.sqrt(s / math.pi) for a, s in zip(table.index, areas, strict=True)}
        for arrow in self.arrows:
            arrow.remove()
        self.arrows = []
        for link, (start, end) in zip(links, pairs, strict=True):
            k = kinds.index(link["type"]) if link["type"] in kinds else len(kinds)
            # add_artist, not add_patch: the limits are set, and add_patch would work each
            # curved arrow out in display space only to widen them.
            self.arrows.append(
                ax.add_artist(
                    FancyArrowPatch(
                        start,
                        end,
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
            )
        self._legend([t for t in kinds if any(link["type"] == t for link in links)])
        self.lines.set_segments(_segments(ax, leaders(points, radii, boxes)))
        _show_labels(ax, self.labels, names, boxes, fontsize)

    def _legend(self, used: Sequence[str]) -> None:
        """The legend of the link types ``used`` (it replaces the last one)."""
        kinds = list(self.link_types)
        legend = self.ax.legend(
            handles=[
                Line2D(
                    [],
                    [],
                    color=LINK_COLOURS[kinds.index(t) % len(LINK_COLOURS)],
                    linestyle=LINK_STYLES[kinds.index(t) % len(LINK_STYLES)],
                    linewidth=1.6,
                    label=self.link_types[t],
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


def draw_links(
    table: pd.DataFrame,
    links: Sequence[Mapping[str, str]],
    link_types: Mapping[str, str],
    ax: Axes | None = None,
) -> Axes:
    """Who funds, informs, supervises or supports whom: the actors of ``table`` on a circle
    and one arrow per link, coloured and dashed by type (``link_types``: id → label);
    returns the Axes."""
    picture = LinksMap(link_types, ax)
    picture.update(table, links)
    return picture.ax


class LiveMap:
    """The widget's two pictures as SVG, each a kept figure (:class:`ActorMap`,
    :class:`LinksMap`) redrawn only when what it shows changes: the links do not change
    with a slider. :attr:`svg` and :attr:`links_svg` are the last pictures drawn."""

    def __init__(self, style: MapStyle, link_types: Mapping[str, str]) -> None:
        self.map = ActorMap(style)
        self.links = LinksMap(link_types)
        self.svg: str | None = None
        self.links_svg: str | None = None
        self._keys: tuple[Any, Any] = (None, None)

    def update(
        self, table: pd.DataFrame, links: Sequence[Mapping[str, str]]
    ) -> Iterator[tuple[str, str]]:
        """Lay out the pictures that changed, then, as the result is iterated, render each
        as SVG: ``("map", svg)`` first, then ``("links", svg)``, so that the map can be shown
        while the links are rendered. A map too full to be labelled raises
        :class:`~.labels.PlacementImpossible` here, before anything changes."""
        actors = [tuple(table[c]) for c in ("nom", "soutien", "nb_ressources")]
        map_key = (tuple(table.index), *actors, tuple(table["interet"]), tuple(table["influence"]))
        links_key = (
            tuple(table.index),
            *actors,
            tuple((k["source"], k["target"], k["type"]) for k in links),
        )
        new_links = bool(links) and links_key != self._keys[1]
        if new_links:
            self.links.update(table, links)
        new_map = map_key != self._keys[0]
        if new_map:
            self.map.update(table)
        self._keys = (map_key, links_key if links else None)
        return self._render(new_map, new_links)

    def _render(self, new_map: bool, new_links: bool) -> Iterator[tuple[str, str]]:
        if new_map:
            self.svg = svg(self.map.ax.figure)
            yield "map", self.svg
        if new_links:
            self.links_svg = svg(self.links.ax.figure)
            yield "links", self.links_svg
