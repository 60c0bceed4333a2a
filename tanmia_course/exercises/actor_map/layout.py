"""Where the actor map puts things, in pixels, whatever draws it.

The map is drawn two ways from the same layout: as SVG written directly for the widget and
the map result (:mod:`~.map_svg`, no matplotlib figure made), and as a
matplotlib figure for a plot of one's own or a PNG (:mod:`~.charts`).
Both take from here the grid's frame (:class:`Frame`), the quadrant names' boxes, and each
actor's disc and label (:func:`lay_out_actors`), so they show the same map.

Sizes of text are measured as matplotlib's Agg renderer measures them (hinted), without a
figure (:class:`TextMeasure`): a label's box is the size its text has on a figure.
Pixels here have their origin at the bottom left, y upwards, as matplotlib's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from ...display.palette import OKABE_ITO
from .labels import SCALES, PlacementImpossible, place_labels, spread_points

FIGSIZE = (9.0, 7.2)
DPI = 96
AXES_RECT = (0.08, 0.17, 0.9, 0.76)  # left, bottom, width, height: room for the legends
FONT_SIZE = 9.0  # the actors' names, at full size
TITLE_SIZE = 10.0  # the quadrants' names (italic)
SCALE = (0, 5)  # the influence and interest scales
LIMITS = (-0.6, 5.6)
SPREAD = 0.22  # data units between actors that share the same place
CORNER = 0.08  # data units between a quadrant's name and the grid's corner
STANCE_COLOURS = {
    -2: OKABE_ITO[5],  # vermillion: opposed
    -1: OKABE_ITO[0],  # orange: reserved
    0: OKABE_ITO[3],  # yellow: neutral
    1: OKABE_ITO[1],  # sky blue: favourable
    2: OKABE_ITO[4],  # blue: active support
}
LINK_COLOURS = (OKABE_ITO[4], OKABE_ITO[2], OKABE_ITO[6], OKABE_ITO[5], OKABE_ITO[0], "#000000")
LINK_STYLES = ("-", "--", ":", "-.")  # by link type, as matplotlib names them
LINKS_FIGSIZE = (10.0, 6.6)  # the links picture
LINKS_RECT = (0.01, 0.12, 0.98, 0.8)
LINKS_LIMITS = ((-2.45, 2.45), (-1.3, 1.3))  # the actors on a circle of radius 1
ARC = 0.12  # how much a link's arrow bends, as matplotlib's « arc3 » curve
LABEL_PAD = 0.2  # the label box's pad, in font sizes
LINE_SPACING = 1.2  # between the lines of a label, in font sizes (matplotlib's)


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


def px(points: float, dpi: float) -> float:
    return points * dpi / 72.0


@dataclass(frozen=True)
class Frame:
    """The grid's place in the picture: ``to_px`` turns data (interest, influence) into
    pixels; ``bounds`` is the grid's box in pixels; ``height`` the picture's."""

    to_px: Callable[[Any], np.ndarray]
    bounds: tuple[float, float, float, float]
    dpi: float
    height: float

    @classmethod
    def fixed(
        cls,
        figsize: tuple[float, float] = FIGSIZE,
        rect: tuple[float, float, float, float] = AXES_RECT,
        limits: tuple[float, float] = LIMITS,
        dpi: float = DPI,
    ) -> Frame:
        """The frame of a ``figsize`` picture whose grid fills ``rect`` (fractions of the
        picture) and shows ``limits`` on both axes: as a matplotlib Axes at ``rect``."""
        width, height = figsize[0] * dpi, figsize[1] * dpi
        x0, y0 = rect[0] * width, rect[1] * height
        w, h = rect[2] * width, rect[3] * height
        low, span = limits[0], limits[1] - limits[0]
        scale = np.array([w / span, h / span])
        origin = np.array([x0, y0]) - low * scale
        return cls(_linear(scale, origin), (x0, y0, x0 + w, y0 + h), dpi, height)

    @classmethod
    def equal(
        cls,
        figsize: tuple[float, float] = LINKS_FIGSIZE,
        rect: tuple[float, float, float, float] = LINKS_RECT,
        limits: tuple[tuple[float, float], tuple[float, float]] = LINKS_LIMITS,
        dpi: float = DPI,
    ) -> Frame:
        """The frame of a picture at the same scale on both axes: as a matplotlib Axes at
        ``rect`` with an equal aspect, its box shrunk to fit and centred."""
        width, height = figsize[0] * dpi, figsize[1] * dpi
        (x_low, x_high), (y_low, y_high) = limits
        box_w, box_h = rect[2] * width, rect[3] * height
        scale = min(box_w / (x_high - x_low), box_h / (y_high - y_low))
        w, h = scale * (x_high - x_low), scale * (y_high - y_low)
        x0 = rect[0] * width + (box_w - w) / 2
        y0 = rect[1] * height + (box_h - h) / 2
        origin = np.array([x0 - x_low * scale, y0 - y_low * scale])
        return cls(_linear(scale, origin), (x0, y0, x0 + w, y0 + h), dpi, height)

    @classmethod
    def of(cls, ax: Any) -> Frame:
        """The frame of a matplotlib Axes as it is now laid out."""
        x0, y0, x1, y1 = ax.bbox.extents
        figure = ax.get_figure(root=True)
        return cls(ax.transData.transform, (x0, y0, x1, y1), figure.dpi, figure.bbox.height)


def _linear(scale: Any, origin: np.ndarray) -> Callable[[Any], np.ndarray]:
    """Data to pixels: each coordinate scaled, then moved to the origin."""

    def to_px(xy: Any) -> np.ndarray:
        return np.asarray(xy, dtype=float) * scale + origin

    return to_px


class TextMeasure:
    """Sizes of text in pixels at ``dpi``, each text measured once.

    ``hinted``: as matplotlib's Agg renderer lays text out (a figure drawn to PNG or on
    screen); otherwise from the font's glyphs as SVG draws them unhinted
    (:mod:`tanmia_course.display.glyphs`), several times faster. A text the glyph table cannot
    measure (a character missing from the font) is measured by Agg.
    """

    def __init__(self, dpi: float = DPI, hinted: bool = True) -> None:
        self.dpi = dpi
        self.hinted = hinted
        self.sizes: dict[tuple[str, float], tuple[float, float]] = {}
        self.widths: dict[tuple[str, float], list[float]] = {}  # each line's, in pixels
        self._renderer: Any = None
        self._several: Any = None  # a text artist, for names of several lines

    @property
    def renderer(self) -> Any:
        if self._renderer is None:
            from matplotlib.backends.backend_agg import RendererAgg

            self._renderer = RendererAgg(1, 1, self.dpi)
        return self._renderer

    def _measure(self, text: str, face: Any) -> tuple[float, float, float]:
        """Width, height and descent of a line, in pixels."""
        if not self.hinted:
            from ...display.glyphs import _glyphs

            line = _glyphs(font_file(face)).line(text)
            if line is not None:
                scale = face.get_size_in_points() * self.dpi / 72
                return line[0] * scale, line[1] * scale, line[2] * scale
        return self.renderer.get_text_width_height_descent(text, face, False)

    def line(
        self, text: str, size: float, style: str = "normal", weight: str = "normal"
    ) -> tuple[float, float, float]:
        """Width, ascent and descent of one line, as a matplotlib text of one line has them:
        its own extent, and at least the font's usual ascent and descent."""
        face = font(size, style, weight)
        width, height, below = self._measure(text, face)
        ascent, descent = line_extent(face, self.dpi)
        return width, max(height - below, ascent), max(below, descent)

    def label(self, name: str, fontsize: float) -> tuple[float, float]:
        """An actor label's box (width, height in pixels): its text and the box's pad."""
        key = (name, fontsize)
        if key not in self.sizes:
            pad = 2 * px(LABEL_PAD * fontsize, self.dpi) + 1
            lines = name.split("\n")
            self.widths[key] = [self._measure(line, font(fontsize))[0] for line in lines]
            if len(lines) == 1:
                width, ascent, descent = self.line(name, fontsize)
                height = ascent + descent
            else:  # matplotlib's own layout of several lines
                text = self._text()
                text.set_text(name)
                text.set_fontsize(fontsize)
                extent = text.get_window_extent(self.renderer)
                width, height = max(extent.width, *self.widths[key]), extent.height
            self.sizes[key] = (width + pad, height + pad)
        return self.sizes[key]

    def _text(self) -> Any:
        if self._several is None:
            from matplotlib.figure import Figure

            self._several = Figure(dpi=self.dpi).text(
                0, 0, "", ha="center", va="center", parse_math=False
            )
        return self._several


def font(size: float, style: str = "normal", weight: str = "normal") -> Any:
    """The course's font (matplotlib's sans-serif) at ``size`` points."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=size, style=style, weight=weight)


def font_file(face: Any) -> str:
    """The file of a font, whatever its size: matplotlib looks each font up once, not once
    per size."""
    from matplotlib.font_manager import FontProperties, findfont

    return findfont(
        FontProperties(family=face.get_family(), style=face.get_style(), weight=face.get_weight())
    )


@cache
def _typo_extent(path: str) -> tuple[float, float]:
    """A font file's usual ascent and descent, in ems."""
    from matplotlib.font_manager import get_font

    face = get_font(path)
    typo, em = face.get_sfnt_table("OS/2"), face.get_sfnt_table("head")["unitsPerEm"]
    return typo["sTypoAscender"] / em, -typo["sTypoDescender"] / em


def line_extent(face: Any, dpi: float) -> tuple[float, float]:
    """The font's usual ascent and descent (pixels), which a line of text always takes at
    least, as matplotlib lays text out."""
    ascent, descent = _typo_extent(font_file(face))
    scale = face.get_size_in_points() * dpi / 72
    return ascent * scale, descent * scale


@dataclass(frozen=True)
class QuadrantName:
    """A quadrant's name, in a corner of the grid: where (data), and how it is anchored."""

    text: str
    xy: tuple[float, float]
    ha: str
    va: str


def quadrant_names(style: MapStyle) -> list[QuadrantName]:
    names = []
    for (influence, interest), label in style.quadrants.items():
        high_x, high_y = interest == "high", influence == "high"
        names.append(
            QuadrantName(
                label,
                (
                    LIMITS[1] - CORNER if high_x else LIMITS[0] + CORNER,
                    LIMITS[1] - CORNER if high_y else LIMITS[0] + CORNER,
                ),
                "right" if high_x else "left",
                "top" if high_y else "bottom",
            )
        )
    return names


def quadrant_boxes(names: Sequence[QuadrantName], frame: Frame, measure: TextMeasure):
    """The quadrant names' boxes in pixels, for labels to keep clear of them."""
    boxes = []
    for name in names:
        width, ascent, descent = measure.line(name.text, TITLE_SIZE, "italic")
        height = ascent + descent
        x, y = frame.to_px(name.xy)
        x0 = x - width if name.ha == "right" else x
        y0 = y - height if name.va == "top" else y
        boxes.append((x0, y0, x0 + width, y0 + height))
    return np.array(boxes, dtype=float).reshape(-1, 4)


@dataclass(frozen=True)
class ActorsLayout:
    """The actors as drawn, in the order drawn (most influential and interested first):
    names, places (data and pixels), disc areas (points²), colours and radii (pixels), label
    boxes (pixels), the labels' font size and the leader lines from disc to label."""

    names: list[str]
    data: np.ndarray
    points: np.ndarray
    areas: np.ndarray
    colours: list[str]
    radii: np.ndarray
    boxes: np.ndarray
    fontsize: float
    leaders: list[tuple[tuple[float, float], tuple[float, float]]]


def lay_out_actors(
    table: pd.DataFrame, frame: Frame, obstacles: np.ndarray, measure: TextMeasure
) -> ActorsLayout:
    """Discs and labels for the actors of a computed table (columns ``nom``, ``interet``,
    ``influence``, ``soutien``, ``nb_ressources``): actors at the same place are spread on
    a small circle (inside the grid for those on its edges, clear of the quadrants' names),
    and no two labels overlap (:class:`PlacementImpossible` otherwise)."""
    order = np.argsort(
        -(table["influence"].to_numpy() + table["interet"].to_numpy()), kind="stable"
    )
    rows = table.iloc[order]
    data = spread_points(
        rows["interet"].to_numpy(), rows["influence"].to_numpy(), SPREAD, inside=SCALE
    )
    data = data if len(data) else np.zeros((0, 2))
    areas = np.array([marker_area(n) for n in rows["nb_ressources"]], dtype=float)
    points = frame.to_px(data) if len(data) else np.zeros((0, 2))
    radii = disc_radii(areas, frame.dpi)
    names = [str(n) for n in rows["nom"]]
    boxes, fontsize = place_names(names, points, radii, frame.bounds, obstacles, measure)
    return ActorsLayout(
        names,
        data,
        points,
        areas,
        [stance_colour(v) for v in rows["soutien"]],
        radii,
        boxes,
        fontsize,
        leaders(points, radii, boxes),
    )


def disc_radii(areas: np.ndarray, dpi: float) -> np.ndarray:
    """Each disc's radius in pixels, its edge included."""
    return px(np.sqrt(np.asarray(areas, dtype=float) / math.pi), dpi) + px(0.4, dpi)


def place_names(
    names: Sequence[str],
    points: np.ndarray,
    radii: np.ndarray,
    bounds: Sequence[float],
    obstacles: np.ndarray,
    measure: TextMeasure,
    preferred: Sequence[float | None] | None = None,
) -> tuple[np.ndarray, float]:
    """Boxes (pixels) for the names next to their points, none overlapping, and the font
    size they fit at: full size, or smaller step by step."""
    inside = np.asarray(bounds, dtype=float) + np.array([2, 2, -2, -2])
    for scale in SCALES:
        fontsize = FONT_SIZE * scale
        sizes = np.array([measure.label(n, fontsize) for n in names], dtype=float)
        try:
            boxes, _ = place_labels(
                points,
                sizes.reshape(-1, 2),
                inside,
                radii,
                obstacles,
                preferred=preferred,
                scales=(1.0,),
            )
        except PlacementImpossible:
            continue
        return boxes, fontsize
    raise PlacementImpossible(
        "Trop d’acteurs pour une carte lisible : retirez des acteurs ou raccourcissez leurs noms."
    )


def leaders(points: np.ndarray, radii: np.ndarray, boxes: np.ndarray, gap: float = 3.0):
    """Segments (pixels) from a disc's edge to its label, for labels set apart."""
    segments = []
    for (x, y), r, (x0, y0, x1, y1) in zip(points, radii, boxes, strict=True):
        nx, ny = min(max(x, x0), x1), min(max(y, y0), y1)
        distance = math.hypot(nx - x, ny - y)
        if distance > r + gap + 2:
            ux, uy = (nx - x) / distance, (ny - y) / distance
            segments.append(((x + ux * r, y + uy * r), (nx, ny)))
    return segments


def circle_places(actors: Sequence[Any]) -> tuple[np.ndarray, dict[Any, tuple[float, float]]]:
    """The actors on a circle of radius 1, the first at the top, clockwise: each one's angle
    (radians) and place."""
    angles = np.pi / 2 - 2 * np.pi * np.arange(len(actors)) / max(len(actors), 1)
    where = {a: (math.cos(t), math.sin(t)) for a, t in zip(actors, angles, strict=True)}
    return angles, where


def arc_control(a: np.ndarray, b: np.ndarray, rad: float = ARC) -> np.ndarray:
    """The control point of the curved arrow from ``a`` to ``b`` (pixels), as matplotlib's
    « arc3 » curve has it."""
    (dx, dy), middle = b - a, (a + b) / 2
    return middle + rad * np.array([dy, -dx])


def arrow_boxes(pairs, to_px, rad: float = ARC, size: float = 8.0) -> np.ndarray:
    """Small boxes along each curved arrow (pixels), for labels to keep clear of them."""
    boxes = []
    for start, end in pairs:
        a, b = to_px(np.array([start, end], dtype=float))
        control = arc_control(a, b, rad)
        for t in np.linspace(0.15, 0.85, 12):
            x, y = (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b
            boxes.append((x - size / 2, y - size / 2, x + size / 2, y + size / 2))
    return np.array(boxes, dtype=float).reshape(-1, 4)
