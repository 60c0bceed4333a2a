"""Where the actor map and the links picture put things, in pixels: the geometry that
:mod:`~.charts` draws with matplotlib.

From an Axes' frame (:class:`Frame`): the quadrant names' boxes, each actor's disc and
label (:func:`lay_out`), the actors on a circle and the boxes along the links' arrows, for
labels to keep clear of them. Sizes of text are matplotlib's own (:func:`text_size`): a
label's box is the size its text has on a figure. Pixels here have their origin at the
bottom left, y upwards, as matplotlib's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from ...content.actor_map import HIGH_FROM, Vocabulary
from ...display.palette import INK, OKABE_ITO
from .labels import PlacementImpossible, boxes_around, place_labels, spread_points

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
LINK_COLOURS = (OKABE_ITO[4], OKABE_ITO[2], OKABE_ITO[6], OKABE_ITO[5], OKABE_ITO[0], INK)
LINK_STYLES = ("-", "--", ":", "-.")  # by link type, as matplotlib names them
LINKS_FIGSIZE = (10.0, 6.6)  # the links picture
LINKS_RECT = (0.01, 0.12, 0.98, 0.8)
LINKS_LIMITS = ((-2.45, 2.45), (-1.3, 1.3))  # the actors on a circle of radius 1
ARC = 0.12  # how much a link's arrow bends, as matplotlib's « arc3 » curve
LABEL_PAD = 0.2  # the label box's pad, in font sizes


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
    threshold: int = HIGH_FROM
    title: str = "Carte des acteurs : influence et intérêt"


def map_style(vocab: Vocabulary) -> MapStyle:
    """What the map names (quadrants, stances) for this vocabulary."""
    return MapStyle(
        quadrants={(s.influence, s.interest): str(s.label) for s in vocab.strategies.values()},
        stances=[(str(s.label), s.value) for s in vocab.stances.values()],
    )


def px(points: float, dpi: float) -> float:
    return points * dpi / 72.0


@dataclass(frozen=True)
class Frame:
    """The grid's place in the picture: ``to_px`` turns data (interest, influence) into
    pixels; ``bounds`` is the grid's box in pixels."""

    to_px: Callable[[Any], np.ndarray]
    bounds: tuple[float, float, float, float]
    dpi: float

    @classmethod
    def of(cls, ax: Any) -> Frame:
        """The frame of a matplotlib Axes as it is now laid out."""
        x0, y0, x1, y1 = ax.bbox.extents
        return cls(ax.transData.transform, (x0, y0, x1, y1), ax.get_figure(root=True).dpi)


@cache
def _probe(dpi: float) -> tuple[Any, Any]:
    """A text and a renderer to measure texts with at ``dpi``, as matplotlib lays them out."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure

    text = Figure(dpi=dpi).text(0, 0, "", ha="center", va="center", parse_math=False)
    return text, RendererAgg(1, 1, dpi)


@lru_cache(maxsize=4096)  # the names of a few large maps: a learner may type many
def text_size(
    text: str, size: float, style: str = "normal", dpi: float = DPI
) -> tuple[float, float]:
    """Width and height (pixels at ``dpi``) of a text of one line or several, as
    matplotlib lays it out on a figure (its Agg renderer, which draws figures on screen
    and to PNG); each text is measured once (the last 4,096 texts are kept).

    The SVG the widget shows keeps its text as text, laid out by the browser: there a
    label's box is the size matplotlib gives the text in DejaVu Sans, and another
    sans-serif font may run a little over its edge.
    """
    probe, renderer = _probe(dpi)
    probe.set_text(text)
    probe.set_fontsize(size)
    probe.set_fontstyle(style)
    box = probe.get_window_extent(renderer)
    return box.width, box.height


def label_size(name: str, fontsize: float, dpi: float = DPI) -> tuple[float, float]:
    """An actor label's box (width, height in pixels): its text and the box's pad."""
    width, height = text_size(name, fontsize, dpi=dpi)
    pad = 2 * px(LABEL_PAD * fontsize, dpi) + 1
    return width + pad, height + pad


@dataclass(frozen=True)
class QuadrantName:
    """A quadrant's name, in a corner of the grid: where (data), and how it is anchored."""

    text: str
    xy: tuple[float, float]
    ha: str
    va: str


def quadrant_names(style: MapStyle) -> list[QuadrantName]:
    """Each quadrant's name in its outer corner: a high value on the high end of its axis."""

    def corner(high: bool) -> float:
        return LIMITS[1] - CORNER if high else LIMITS[0] + CORNER

    return [
        QuadrantName(
            label,
            (corner(interest == "high"), corner(influence == "high")),
            "right" if interest == "high" else "left",
            "top" if influence == "high" else "bottom",
        )
        for (influence, interest), label in style.quadrants.items()
    ]


def quadrant_boxes(names: Sequence[QuadrantName], frame: Frame) -> np.ndarray:
    """The quadrant names' boxes in pixels, for labels to keep clear of them."""
    boxes = []
    for name in names:
        width, height = text_size(name.text, TITLE_SIZE, "italic", frame.dpi)
        x, y = frame.to_px(name.xy)
        x0 = x - width if name.ha == "right" else x
        y0 = y - height if name.va == "top" else y
        boxes.append((x0, y0, x0 + width, y0 + height))
    return np.array(boxes, dtype=float).reshape(-1, 4)


@dataclass(frozen=True)
class ActorsLayout:
    """The actors as drawn, in the order drawn: names, places (data and pixels), disc areas
    (points²), colours and radii (pixels), label boxes (pixels), the labels' font size and
    the leader lines from disc to label (pixels)."""

    names: list[str]
    data: np.ndarray
    points: np.ndarray
    areas: np.ndarray
    colours: list[str]
    radii: np.ndarray
    boxes: np.ndarray
    fontsize: float
    leaders: list[tuple[tuple[float, float], tuple[float, float]]]


def lay_out(
    rows: pd.DataFrame,
    data: np.ndarray,
    frame: Frame,
    obstacles: np.ndarray,
    preferred: Sequence[float | None] | None = None,
) -> ActorsLayout:
    """Discs and labels for the actors of a computed table (columns ``nom``, ``soutien``,
    ``nb_ressources``) at their places ``data``: no two labels overlap, inside the frame, and
    they keep clear of the ``obstacles`` (boxes in pixels) when they can
    (:class:`PlacementImpossible` otherwise). ``preferred``: per actor, the angle to try its
    label at first."""
    data = np.asarray(data, dtype=float).reshape(-1, 2)
    areas = np.array([marker_area(n) for n in rows["nb_ressources"]], dtype=float)
    points = frame.to_px(data) if len(data) else np.zeros((0, 2))
    radii = px(np.sqrt(areas / math.pi), frame.dpi) + px(0.4, frame.dpi)  # edge included
    names = [str(n) for n in rows["nom"]]
    # The names' boxes, at full size or smaller step by step (each size measured as drawn).
    inside = np.asarray(frame.bounds, dtype=float) + np.array([2, 2, -2, -2])

    def measured(scale: float) -> np.ndarray:
        return np.array([label_size(n, FONT_SIZE * scale, frame.dpi) for n in names])

    try:
        boxes, scale = place_labels(points, measured, inside, radii, obstacles, preferred=preferred)
    except PlacementImpossible:
        raise PlacementImpossible(
            "Trop d’acteurs pour une carte lisible : retirez des acteurs ou raccourcissez leurs "
            "noms."
        ) from None
    return ActorsLayout(
        names,
        data,
        points,
        areas,
        [stance_colour(v) for v in rows["soutien"]],
        radii,
        boxes,
        FONT_SIZE * scale,
        leaders(points, radii, boxes),
    )


def lay_out_actors(table: pd.DataFrame, frame: Frame, obstacles: np.ndarray) -> ActorsLayout:
    """The actors of a computed table on the grid (columns ``interet``, ``influence`` too),
    the most influential and interested first: actors at the same place are spread on a
    small circle (inside the grid for those on its edges, clear of the quadrants' names)."""
    order = np.argsort(-(table["influence"] + table["interet"]).to_numpy(), kind="stable")
    rows = table.iloc[order]
    data = spread_points(rows["interet"], rows["influence"], SPREAD, inside=SCALE)
    return lay_out(rows, data, frame, obstacles)


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


def arrow_boxes(pairs, to_px, rad: float = ARC, size: float = 8.0) -> np.ndarray:
    """Small boxes along each curved arrow (pixels), for labels to keep clear of them: the
    arrow is matplotlib's « arc3 » curve, a quadratic Bézier whose control point stands
    ``rad`` × the chord's length to the side of its middle."""
    centres = [np.zeros((0, 2))]
    t = np.linspace(0.15, 0.85, 12)[:, None]
    for start, end in pairs:
        a, b = to_px(np.array([start, end], dtype=float))
        (dx, dy), middle = b - a, (a + b) / 2
        control = middle + rad * np.array([dy, -dx])
        centres.append((1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b)
    return boxes_around(np.vstack(centres), size / 2)
