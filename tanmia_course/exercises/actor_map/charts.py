"""The actor map and the links between actors, drawn with matplotlib: the one renderer of
both pictures, for the widget, the map's result, a report or a trainer's own notebook.

:func:`draw_actor_map` draws the grid with its four quadrants named by their strategy,
every actor as a disc (colour: stance, from vermillion for opposed to blue for active
support, Okabe-Ito colours; size: how many resources it brings) with a label that never
overlaps another label (:mod:`~.labels`, geometry in :mod:`~.layout`). :func:`draw_links`
draws who funds, informs, supervises or supports whom, actors on a circle.

The widget keeps one figure of each picture (:class:`ActorMap`, :class:`LinksMap`) and
updates its artists at each change (``set_offsets``, ``set_text``, ``set_position``…);
:class:`LiveMap` renders them as SVG whose text stays text (``svg.fonttype: none``), laid
out by the browser. The map is shown in two layers of the same size, one over the other:
the grid, quadrant names and legends rendered once (:attr:`LiveMap.background`), and at each
change only the artists that change — discs, labels, leader lines — on a transparent
ground (:attr:`LiveMap.svg`). Rendering the whole figure took 40-46 ms a slider step (a
13-actor map), most of it the axes' ticks and the legends, drawn again each time; the
changing layer alone takes about a third of that.

Label boxes are computed for the axes' current position in the figure: lay the figure out
before drawing (the default figure here has a fixed layout).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text

from ...content.actor_map import scale
from ...display.palette import FAINT, INK, PAPER, RULE, TEXT_MUTED, TEXT_SOFT
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
    lay_out,
    lay_out_actors,
    marker_area,
    quadrant_boxes,
    quadrant_names,
    stance_colour,
)

_LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
_LEGEND = {"frameon": False, "fontsize": 9, "title_fontsize": 9}


def _new_axes(figsize: tuple[float, float], rect: Sequence[float]) -> Axes:
    """The Axes of a new figure, on a canvas that can draw it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = Figure(figsize=figsize, dpi=DPI)
    FigureCanvasAgg(figure)
    return figure.add_axes(rect)


def _disc(label: str, colour: str, size: float) -> Line2D:
    """A legend's entry: a disc of ``colour`` and ``size`` (points)."""
    return Line2D(
        [],
        [],
        linestyle="",
        marker="o",
        markersize=size,
        markerfacecolor=colour,
        markeredgecolor=INK,
        label=label,
    )


def _link_style(k: int) -> dict[str, object]:
    """The colour, dash and width of the ``k``-th type of link."""
    return {
        "color": LINK_COLOURS[k % len(LINK_COLOURS)],
        "linestyle": LINK_STYLES[k % len(LINK_STYLES)],
        "linewidth": 1.6,
    }


def draw_grid(ax: Axes, style: MapStyle, scores: str = "") -> None:
    """The influence / interest grid: the line between low and high, each quadrant named by
    its strategy, the axes' names with their scales (``scores``: what the scores are, before
    the scale, e.g. « médiane de la classe, »). The learner's map and the class's map are
    drawn on it."""
    ax.set(xlim=LIMITS, ylim=LIMITS, xticks=range(6), yticks=range(6))
    ax.grid(True, color=RULE, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    line = style.threshold - 0.5
    for draw in (ax.axvline, ax.axhline):
        draw(line, color=FAINT, linestyle="--", linewidth=1.0, zorder=1)
    ax.set_xlabel(f"Intérêt pour le projet ({scores}{scale('interest')})")
    ax.set_ylabel(f"Influence sur le projet ({scores}{scale('influence')})")
    for name in quadrant_names(style):
        ax.text(
            *name.xy,
            name.text,
            ha=name.ha,
            va=name.va,
            fontsize=TITLE_SIZE,
            fontstyle="italic",
            color=TEXT_SOFT,
            zorder=2,
            parse_math=False,
        )


def _draw_grid(ax: Axes, style: MapStyle) -> None:
    """The grid, its title and the legends."""
    draw_grid(ax, style)
    ax.set_title(style.title, fontsize=12, fontweight="bold", y=1.0)  # nothing above
    if style.stances:
        stances = ax.legend(
            handles=[_disc(label, stance_colour(value), 9) for label, value in style.stances],
            title="Position envers le projet",
            loc="upper left",
            bbox_to_anchor=(0.0, -0.09),
            ncol=len(style.stances),
            handletextpad=0.3,
            columnspacing=1.0,
            **_LEGEND,
        )
        ax.add_artist(as_typed(stances))
    ax.legend(
        handles=[_disc(str(n), PAPER, math.sqrt(marker_area(n))) for n in (0, 2, 4)],
        title="Ressources apportées",
        loc="upper right",
        bbox_to_anchor=(1.0, -0.09),
        ncol=3,
        handletextpad=0.3,
        **_LEGEND,
    )


class _KeptPicture:
    """What both pictures share: an Axes kept between changes, with the actors' discs,
    their labels and the lines from a disc to its label when the label stands apart,
    updated in place (:meth:`_show`)."""

    def __init__(self, ax: Axes) -> None:
        self.ax = ax
        self.frame = Frame.of(ax)
        self.discs = ax.scatter([], [], zorder=4, edgecolors=INK, linewidths=0.8, clip_on=False)
        self.lines = LineCollection([], colors=TEXT_MUTED, linewidths=0.7, zorder=3)
        ax.add_collection(self.lines, autolim=False)
        self.labels: list[Text] = []
        self.layout: ActorsLayout | None = None

    def _show(self, layout: ActorsLayout) -> None:
        """Draw the actors as ``layout`` has them: the labels of the last picture are
        reused, the ones left over removed."""
        ax = self.ax
        self.discs.set_offsets(layout.data)
        self.discs.set_sizes(layout.areas)
        self.discs.set_facecolor(layout.colours)
        to_data = ax.transData.inverted()
        self.lines.set_segments([to_data.transform(np.array(s)) for s in layout.leaders])
        while len(self.labels) > len(layout.names):
            self.labels.pop().remove()
        while len(self.labels) < len(layout.names):
            label = ax.text(0, 0, "", ha="center", va="center", zorder=5, bbox=_LABEL_BOX)
            label.set(clip_on=False, parse_math=False)  # a name as typed: « $ » is no maths
            self.labels.append(label)
        centres = to_data.transform((layout.boxes[:, :2] + layout.boxes[:, 2:]) / 2)
        for label, name, centre in zip(self.labels, layout.names, centres, strict=True):
            label.set_text(name)
            label.set_position(centre)
            label.set_fontsize(layout.fontsize)
        self.layout = layout

    @property
    def changing(self) -> list[Artist]:
        """The artists :meth:`update` changes (the discs, labels and their lines)."""
        return [self.lines, self.discs, *self.labels]


class ActorMap(_KeptPicture):
    """The influence / interest map on an Axes (``ax``, or that of a new figure), kept
    between changes: the grid, quadrant names and legends are drawn once, and
    :meth:`update` places the actors of a table by updating the same artists."""

    def __init__(self, style: MapStyle | None = None, ax: Axes | None = None) -> None:
        self.style = style or MapStyle()
        ax = ax or _new_axes(FIGSIZE, AXES_RECT)
        _draw_grid(ax, self.style)
        super().__init__(ax)
        self.obstacles = quadrant_boxes(quadrant_names(self.style), self.frame)

    def update(self, table: pd.DataFrame) -> None:
        """Place the actors of a computed table (columns ``nom``, ``interet``,
        ``influence``, ``soutien``, ``nb_ressources``). A map too full to be labelled
        raises :class:`~.labels.PlacementImpossible`, in French, and stays as it was."""
        self._show(lay_out_actors(table, self.frame, self.obstacles))


def draw_actor_map(
    table: pd.DataFrame, ax: Axes | None = None, style: MapStyle | None = None
) -> Axes:
    """Draw the influence / interest map of a computed table (see
    :func:`tanmia_course.exercises.actor_map.analysis.answer_table`); returns the Axes."""
    picture = ActorMap(style, ax)
    picture.update(table)
    return picture.ax


class LinksMap(_KeptPicture):
    """Who funds, informs, supervises or supports whom, on an Axes (``ax``, or that of a
    new figure), kept between changes: the frame and title are drawn once, and
    :meth:`update` puts the actors of a table on a circle with one arrow per link, coloured
    and dashed by type (``link_types``: id → label), updating the same discs and labels."""

    def __init__(self, link_types: Mapping[str, str], ax: Axes | None = None) -> None:
        ax = ax or _new_axes(LINKS_FIGSIZE, LINKS_RECT)
        self.link_types = list(link_types.items())
        ax.set(xlim=LINKS_LIMITS[0], ylim=LINKS_LIMITS[1])
        ax.set_aspect("equal", adjustable="box")
        ax.set_axis_off()
        ax.apply_aspect()
        ax.set_title(
            "Qui finance, informe, encadre ou soutient qui ?", fontsize=12, fontweight="bold", y=1.0
        )
        super().__init__(ax)
        self.arrows: list[FancyArrowPatch] = []

    def update(self, table: pd.DataFrame, links: Sequence[Mapping[str, str]]) -> None:
        """Draw the actors of a computed table and their ``links`` (``source``, ``target``,
        ``type``). Names that cannot be placed raise
        :class:`~.labels.PlacementImpossible`, in French, and the picture stays as it was."""
        angles, where = circle_places(table.index)
        pairs = [(where[k["source"]], where[k["target"]]) for k in links]
        data = [where[a] for a in table.index]
        obstacles = arrow_boxes(pairs, self.frame.to_px)
        layout = lay_out(table, data, self.frame, obstacles, preferred=list(angles))
        for arrow in self.arrows:
            arrow.remove()
        kinds = [kind for kind, _ in self.link_types]
        radius = {a: math.sqrt(s / math.pi) for a, s in zip(table.index, layout.areas, strict=True)}
        self.arrows = []
        for link, (start, end) in zip(links, pairs, strict=True):
            k = kinds.index(link["type"]) if link["type"] in kinds else len(kinds)
            arrow = FancyArrowPatch(
                start,
                end,
                arrowstyle="-|>",
                mutation_scale=14,
                connectionstyle=f"arc3,rad={ARC}",
                shrinkA=radius[link["source"]] + 2,
                shrinkB=radius[link["target"]] + 2,
                zorder=3,
                **_link_style(k),
            )
            # add_artist, not add_patch: the limits are set, and add_patch would work each
            # curved arrow out in display space only to widen them.
            self.arrows.append(self.ax.add_artist(arrow))
        used = {link["type"] for link in links}
        legend = self.ax.legend(  # it replaces the last one
            handles=[
                Line2D([], [], label=label, **_link_style(k))
                for k, (kind, label) in enumerate(self.link_types)
                if kind in used
            ],
            title="Type de lien (la flèche va de qui agit vers qui reçoit)",
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=max(1, len(used & set(kinds))),
            **_LEGEND,
        )
        as_typed(legend)
        self._show(layout)


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


def svg_without(figure: Figure, hidden: Iterable[Artist]) -> str:
    """The figure as SVG, the ``hidden`` artists left out (and shown again after)."""
    shown = [artist for artist in hidden if artist.get_visible()]
    for artist in shown:
        artist.set_visible(False)
    try:
        return svg(figure)
    finally:
        for artist in shown:
            artist.set_visible(True)


class LiveMap:
    """The widget's two pictures as SVG, each a kept figure (:class:`ActorMap`,
    :class:`LinksMap`) redrawn only when what it shows changes: the links do not change
    with a slider. The map comes in two layers of the same size: :attr:`background`, what
    never changes, rendered once, and :attr:`svg`, the actors alone on a transparent
    ground, to lay over it; :attr:`links_svg` is the last links picture, whole."""

    def __init__(self, style: MapStyle, link_types: Mapping[str, str]) -> None:
        self.map = ActorMap(style)
        self.links = LinksMap(link_types)
        self.background = svg_without(self.map.ax.figure, self.map.changing)
        self.svg: str | None = None
        self.links_svg: str | None = None
        self._keys: tuple[object, object] = (None, None)

    def update(
        self, table: pd.DataFrame, links: Sequence[Mapping[str, str]]
    ) -> Iterator[tuple[str, str]]:
        """Lay out the pictures that changed, then, as the result is iterated, render each
        as SVG: ``("map", svg)`` first (the actors' layer), then ``("links", svg)``, so that
        the map can be shown while the links are rendered. A map too full to be labelled
        raises :class:`~.labels.PlacementImpossible` here, before anything changes."""
        columns = ("nom", "soutien", "nb_ressources")
        actors = (tuple(table.index), *(tuple(table[c]) for c in columns))
        map_key = (*actors, tuple(table["interet"]), tuple(table["influence"]))
        links_key = (*actors, tuple((k["source"], k["target"], k["type"]) for k in links))
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
            changing = set(self.map.changing)
            still = [self.map.ax.figure.patch]
            still += [a for a in self.map.ax.get_children() if a not in changing]
            self.svg = svg_without(self.map.ax.figure, still)
            yield "map", self.svg
        if new_links:
            self.links_svg = svg(self.links.ax.figure)
            yield "links", self.links_svg
