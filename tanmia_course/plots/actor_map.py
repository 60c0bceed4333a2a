"""The actor map as pictures: the influence / interest grid and the links between actors.

:func:`draw_actor_map` draws the grid with its four quadrants named by their strategy,
every actor as a disc (colour: stance, from vermillion for opposed to blue for active
support, Okabe-Ito colours; size: how many resources it brings) with a label that never
overlaps another label (:mod:`tanmia_course.plots.labels`). :class:`ActorMapView` keeps the
figure between redraws for the widget: the grid is rendered to SVG once, and each change
only writes the discs, labels and leader lines on top of it (a few kilobytes of SVG, no
figure drawn again). :func:`draw_links` draws who funds, informs, supervises or supports
whom, actors on a circle.

Label boxes are computed for the axes' current position in the figure: lay the figure out
before drawing (the default figure here has a fixed layout).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from . import OKABE_ITO
from .labels import SCALES, PlacementImpossible, place_labels, spread_points
from .picture import as_typed, new_figure, svg

FIGSIZE = (9.0, 7.2)
DPI = 96
AXES_RECT = (0.08, 0.17, 0.9, 0.76)  # left, bottom, width, height: room for the legends
FONT_SIZE = 9.0
LIMITS = (-0.6, 5.6)
SPREAD = 0.22  # data units between actors that share the same place
STANCE_COLOURS = {
    -2: OKABE_ITO[5],  # vermillion: opposed
    -1: OKABE_ITO[0],  # orange: reserved
    0: OKABE_ITO[3],  # yellow: neutral
    1: OKABE_ITO[1],  # sky blue: favourable
    2: OKABE_ITO[4],  # blue: active support
}
LINK_COLOURS = (OKABE_ITO[4], OKABE_ITO[2], OKABE_ITO[6], OKABE_ITO[5], OKABE_ITO[0], "#000000")
LINK_STYLES = ("-", "--", ":", "-.")
_LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}
_LABEL_PAD = 0.2  # the box's pad, in font sizes
_LINE_SPACING = 1.2  # between the lines of a label, in font sizes (matplotlib's)


def marker_area(n_resources: int) -> float:
    """Area of an actor's disc (points²): grows with the number of resources it brings."""
    return 60.0 + 45.0 * n_resources


def stance_colour(value: int) -> str:
    return STANCE_COLOURS[max(-2, min(2, int(value)))]


@dataclass(frozen=True)
class MapStyle:
    """What the map names: strategies by quadrant ``(influence, interest)`` →  label, the
    stances for the legend as ``(label, value)``, and the threshold of « high »."""

    quadrants: Mapping[tuple[str, str], str] = field(default_factory=dict)
    stances: Sequence[tuple[str, int]] = ()
    threshold: int = 3
    title: str = "Carte des acteurs : influence et intérêt"


def _renderer(figure: Figure):
    canvas = figure.canvas
    if not hasattr(canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(figure)
    return canvas.get_renderer()


def _new_axes(figsize: tuple[float, float] = FIGSIZE) -> Axes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = new_figure(*figsize, dpi=DPI)
    FigureCanvasAgg(figure)
    return figure.add_axes(AXES_RECT)


def _px(points: float, figure: Figure) -> float:
    return points * figure.dpi / 72.0


class _Labels:
    """A pool of label artists on an axes, each text measured once per font size."""

    def __init__(self, ax: Axes) -> None:
        self.ax = ax
        self.texts: list[Any] = []
        self.sizes: dict[tuple[str, float], tuple[float, float]] = {}
        self.widths: dict[tuple[str, float], list[float]] = {}  # each line's, in pixels
        self.placed: list[tuple[tuple[str, float], np.ndarray]] = []

    def _text(self, i: int):
        while len(self.texts) <= i:
            self.texts.append(
                self.ax.text(
                    0,
                    0,
                    "",
                    ha="center",
                    va="center",
                    fontsize=FONT_SIZE,
                    zorder=5,
                    bbox=dict(_LABEL_BOX, alpha=0.85),
                    clip_on=False,
                    parse_math=False,  # a name as typed: a « $ » is no maths
                )
            )
        return self.texts[i]

    def measure(self, names: Sequence[str], fontsize: float, renderer) -> np.ndarray:
        """Each label's box (width, height in pixels): its text as the renderer lays it out,
        and the box's padding. A name of one line is measured by the renderer directly, as
        matplotlib lays a line out (its own extent, and at least the font's usual ascent
        and descent): the same size as the text's, without making the text lay itself
        out, in half the time."""
        from matplotlib.font_manager import FontProperties

        pad = 2 * _px(_LABEL_PAD * fontsize, self.ax.figure)
        font = FontProperties(size=fontsize)
        ascent, descent = _line_extent(font, self.ax.figure.dpi)
        out = []
        for i, name in enumerate(names):
            key = (name, fontsize)
            if key in self.sizes:
                pass
            elif "\n" in name:
                text = self._text(i)
                text.set_text(name)
                text.set_fontsize(fontsize)
                extent = text.get_window_extent(renderer)
                self.sizes[key] = (extent.width + pad + 1, extent.height + pad + 1)
                self.widths[key] = [
                    renderer.get_text_width_height_descent(line, font, False)[0]
                    for line in name.split("\n")
                ]
            else:
                width, height, below = renderer.get_text_width_height_descent(name, font, False)
                height = max(height - below, ascent) + max(below, descent)
                self.sizes[key] = (width + pad + 1, height + pad + 1)
                self.widths[key] = [width]
            out.append(self.sizes[key])
        return np.array(out, dtype=float).reshape(-1, 2)

    def place(
        self,
        names: Sequence[str],
        points_px: np.ndarray,
        radii: np.ndarray,
        obstacles: np.ndarray,
        preferred: Sequence[float | None] | None = None,
    ) -> np.ndarray:
        """Place and show the labels; returns their boxes in pixels."""
        renderer = _renderer(self.ax.figure)
        bounds = np.array(self.ax.bbox.extents) + np.array([2, 2, -2, -2])
        for scale in SCALES:
            fontsize = FONT_SIZE * scale
            sizes = self.measure(names, fontsize, renderer)
            try:
                boxes, _ = place_labels(
                    points_px, sizes, bounds, radii, obstacles, preferred=preferred, scales=(1.0,)
                )
            except PlacementImpossible:
                continue
            break
        else:
            raise PlacementImpossible(
                "Trop d’acteurs pour une carte lisible : retirez des acteurs ou raccourcissez "
                "leurs noms."
            )
        to_data = self.ax.transData.inverted()
        centres = to_data.transform(
            np.column_stack([boxes[:, [0, 2]].mean(1), boxes[:, [1, 3]].mean(1)])
        )
        for i, name in enumerate(names):
            text = self._text(i)
            text.set_text(name)
            text.set_fontsize(fontsize)
            text.set_position(centres[i])
            text.set_visible(True)
        for text in self.texts[len(names) :]:
            text.set_visible(False)
        self.placed = [((name, fontsize), box) for name, box in zip(names, boxes, strict=True)]
        return boxes

    def svg(self, scale: float, top: float) -> str:
        """The placed labels as SVG, in points (``scale``: points per pixel; ``top``: the
        figure's height in pixels): a white rounded box and the name, stretched to the
        width measured here, so that it fits its box whatever font the browser has."""
        family, middle = _label_font()
        out = []
        for (name, fontsize), (x0, y0, x1, y1) in self.placed:
            left, upper = (x0 + 0.5) * scale, (top - y1 + 0.5) * scale
            box_w, box_h = (x1 - x0 - 1) * scale, (y1 - y0 - 1) * scale
            out.append(
                f'<rect x="{left:.2f}" y="{upper:.2f}" width="{box_w:.2f}" '
                f'height="{box_h:.2f}" rx="{_LABEL_PAD * fontsize:.2f}" fill="#FFFFFF" '
                f'fill-opacity="0.85"/>'
            )
            lines = name.split("\n")  # a name of several lines: one text a line, centred
            step = _LINE_SPACING * fontsize
            first = upper + box_h / 2 - step * (len(lines) - 1) / 2 + middle * fontsize
            widths = self.widths[(name, fontsize)]
            for n, (line, width) in enumerate(zip(lines, widths, strict=True)):
                out.append(
                    f'<text x="{left + box_w / 2:.2f}" y="{first + n * step:.2f}" '
                    f'text-anchor="middle" textLength="{width * scale:.2f}" '
                    f'lengthAdjust="spacingAndGlyphs" style="font-size:{fontsize:g}px;'
                    f'font-family:{family}">{escape(line)}</text>'
                )
        return "".join(out)

    def shown(self) -> list[Any]:
        return [t for t in self.texts if t.get_visible()]


def _line_extent(font: Any, dpi: float) -> tuple[float, float]:
    """The font's usual ascent and descent (pixels), which a line of text always takes at
    least, as matplotlib lays text out."""
    from matplotlib.font_manager import findfont, get_font

    face = get_font(findfont(font))
    typo = face.get_sfnt_table("OS/2")
    scale = font.get_size_in_points() * dpi / 72 / face.get_sfnt_table("head")["unitsPerEm"]
    return typo["sTypoAscender"] * scale, -typo["sTypoDescender"] * scale


@cache
def _label_font() -> tuple[str, float]:
    """The labels' font for SVG (the figure's font first, as matplotlib names it) and how far
    below a line's middle its baseline sits, in font sizes (as matplotlib centres text)."""
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties

    names = dict.fromkeys([*rcParams["font.sans-serif"], "sans-serif"])
    family = ", ".join(n if n == "sans-serif" else f"'{n}'" for n in names)
    ascent, descent = _line_extent(FontProperties(size=1), 72)  # at 1 pt, in points
    return escape(family), (ascent - descent) / 2


def _leaders(points_px: np.ndarray, radii: np.ndarray, boxes: np.ndarray, gap: float = 3.0):
    """Segments (pixels) from a disc's edge to its label, for labels set apart."""
    segments = []
    for (px, py), r, (x0, y0, x1, y1) in zip(points_px, radii, boxes, strict=True):
        nx, ny = min(max(px, x0), x1), min(max(py, y0), y1)
        distance = math.hypot(nx - px, ny - py)
        if distance > r + gap + 2:
            ux, uy = (nx - px) / distance, (ny - py) / distance
            segments.append([(px + ux * r, py + uy * r), (nx, ny)])
    return segments


class ActorMapView:
    """The map kept between redraws: call :meth:`update` with the computed table after
    each change, then :meth:`svg` for the picture."""

    def __init__(self, style: MapStyle | None = None, ax: Axes | None = None) -> None:
        self.style = style or MapStyle()
        self.ax = ax if ax is not None else _new_axes()
        self.figure = self.ax.figure
        self._draw_grid()
        self.discs = self.ax.scatter(
            [], [], s=[], zorder=4, edgecolors="#000000", linewidths=0.8, clip_on=False
        )
        self.lines = LineCollection([], colors="#555555", linewidths=0.7, zorder=3)
        self.ax.add_collection(self.lines)
        self.labels = _Labels(self.ax)
        self.boxes = np.zeros((0, 4))
        self._grid: str | None = None  # the grid without the actors, as SVG

    def _draw_grid(self) -> None:
        ax, style = self.ax, self.style
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
        self.titles = []
        for (influence, interest), label in style.quadrants.items():
            high_x, high_y = interest == "high", influence == "high"
            self.titles.append(
                ax.text(
                    LIMITS[1] - 0.08 if high_x else LIMITS[0] + 0.08,
                    LIMITS[1] - 0.08 if high_y else LIMITS[0] + 0.08,
                    label,
                    ha="right" if high_x else "left",
                    va="top" if high_y else "bottom",
                    fontsize=10,
                    fontstyle="italic",
                    color="#444444",
                    zorder=2,
                    parse_math=False,
                )
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
        self._title_boxes: np.ndarray | None = None

    def _obstacles(self, renderer) -> np.ndarray:
        if self._title_boxes is None:
            boxes = [t.get_window_extent(renderer).extents for t in self.titles]
            self._title_boxes = np.array(boxes, dtype=float).reshape(-1, 4)
        return self._title_boxes

    def update(self, table: pd.DataFrame) -> None:
        """Show the actors of a computed table (columns ``nom``, ``interet``, ``influence``,
        ``soutien``, ``nb_ressources``)."""
        order = np.argsort(
            -(table["influence"].to_numpy() + table["interet"].to_numpy()), kind="stable"
        )
        rows = table.iloc[order]
        data = spread_points(rows["interet"].to_numpy(), rows["influence"].to_numpy(), SPREAD)
        areas = np.array([marker_area(n) for n in rows["nb_ressources"]])
        self.discs.set_offsets(data if len(data) else np.zeros((0, 2)))
        self.discs.set_sizes(areas)
        self.discs.set_facecolors([stance_colour(v) for v in rows["soutien"]])
        points_px = self.ax.transData.transform(data) if len(data) else np.zeros((0, 2))
        radii = _px(np.sqrt(areas / math.pi), self.figure) + _px(0.4, self.figure)
        renderer = _renderer(self.figure)
        self.boxes = self.labels.place(
            list(rows["nom"]), points_px, radii, self._obstacles(renderer)
        )
        to_data = self.ax.transData.inverted()
        segments = _leaders(points_px, radii, self.boxes)
        self.lines.set_segments([to_data.transform(np.array(s)) for s in segments])

    def svg(self) -> str:
        """The map as SVG text: the grid, rendered once, and the actors written on it."""
        if self._grid is None:
            moving = [self.discs, self.lines, *self.labels.texts]
            shown = [a.get_visible() for a in moving]
            for artist in moving:
                artist.set_visible(False)
            try:
                self._grid = svg(self.figure)
            finally:
                for artist, visible in zip(moving, shown, strict=True):
                    artist.set_visible(visible)
        end = self._grid.rindex("</svg>")
        return self._grid[:end] + self._actors_svg() + self._grid[end:]

    def _actors_svg(self) -> str:
        """The leader lines, discs and labels as SVG elements, in the figure's units (points,
        y downwards), drawn above the grid in the figure's order."""
        scale = 72 / self.figure.dpi
        top = self.figure.bbox.height
        to_px = self.ax.transData.transform
        parts = ['<g id="acteurs">']
        for segment in self.lines.get_segments():
            (x0, y0), (x1, y1) = to_px(segment)
            parts.append(
                f'<path d="M {x0 * scale:.2f} {(top - y0) * scale:.2f} L {x1 * scale:.2f} '
                f'{(top - y1) * scale:.2f}" fill="none" stroke="#555555" stroke-width="0.7"/>'
            )
        offsets = self.discs.get_offsets()
        points = to_px(offsets) if len(offsets) else np.zeros((0, 2))
        sizes, colours = self.discs.get_sizes(), self.discs.get_facecolors()
        for i, (x, y) in enumerate(points):  # sizes and colours repeat, as matplotlib's do
            area, colour = sizes[i % len(sizes)], colours[i % len(colours)]
            parts.append(
                f'<circle cx="{x * scale:.2f}" cy="{(top - y) * scale:.2f}" '
                f'r="{math.sqrt(area / math.pi):.2f}" fill="{_hex(colour)}" stroke="#000000" '
                'stroke-width="0.8"/>'
            )
        parts.append(self.labels.svg(scale, top))
        parts.append("</g>")
        return "".join(parts)


def _hex(colour: Sequence[float]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in colour[:3]))


def draw_actor_map(
    table: pd.DataFrame, ax: Axes | None = None, style: MapStyle | None = None
) -> Axes:
    """Draw the influence / interest map of a computed table (see
    :func:`tanmia_course.logic.actor_map.answer_table`); returns the Axes."""
    view = ActorMapView(style, ax)
    view.update(table)
    return view.ax


def draw_links(
    table: pd.DataFrame,
    links: Sequence[Mapping[str, str]],
    link_types: Mapping[str, str],
    ax: Axes | None = None,
) -> Axes:
    """Who funds, informs, supervises or supports whom: the actors of ``table`` on a circle
    and one arrow per link, coloured and dashed by type (``link_types``: id → label)."""
    if ax is None:
        ax = _new_axes((10.0, 6.6))
        ax.set_position((0.01, 0.12, 0.98, 0.8))
    figure = ax.figure
    n = len(table)
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / max(n, 1)
    where = {
        actor: (math.cos(a), math.sin(a)) for actor, a in zip(table.index, angles, strict=True)
    }
    ax.set_xlim(-2.45, 2.45)
    ax.set_ylim(-1.3, 1.3)
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
                connectionstyle="arc3,rad=0.12",
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
    radii = _px(np.sqrt(areas / math.pi), figure) + _px(0.4, figure)
    labels = _Labels(ax)
    arrows = _arrow_boxes(
        [(where[k["source"]], where[k["target"]]) for k in links], ax.transData.transform
    )
    boxes = labels.place(list(table["nom"]), figure_px, radii, arrows, preferred=list(angles))
    to_data = ax.transData.inverted()
    segments = [to_data.transform(np.array(s)) for s in _leaders(figure_px, radii, boxes)]
    ax.add_collection(LineCollection(segments, colors="#555555", linewidths=0.7, zorder=3))
    return ax


def _arrow_boxes(pairs, to_px, rad: float = 0.12, size: float = 8.0) -> np.ndarray:
    """Small boxes along each curved arrow (pixels), for labels to keep clear of them."""
    boxes = []
    for start, end in pairs:
        a, b = to_px(np.array([start, end], dtype=float))
        (dx, dy), middle = b - a, (a + b) / 2
        control = middle + rad * np.array([dy, -dx])  # as matplotlib's « arc3 » curve
        for t in np.linspace(0.15, 0.85, 12):
            x, y = (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b
            boxes.append((x - size / 2, y - size / 2, x + size / 2, y + size / 2))
    return np.array(boxes, dtype=float).reshape(-1, 4)
