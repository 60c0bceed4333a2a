"""The actor map and the links between actors written directly as SVG, for the widget and
the map result.

No matplotlib figure is made: the pictures are written from the layout of
:mod:`tanmia_course.plots.map_layout`, in the places a matplotlib figure of the map gives
them (:mod:`tanmia_course.plots.actor_map`). The map's grid (axes, quadrant names, legends)
is written once, and each change only writes the actors on top of it. The text stays
text, drawn by the browser in DejaVu Sans or the nearest sans-serif font it has; each
actor's name is stretched to the width measured for its box, so it fits whatever the font.

Coordinates are in points (1/72 inch), y downwards, as matplotlib's SVG has them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from html import escape

import numpy as np
import pandas as pd

from .map_layout import (
    ARC,
    FIGSIZE,
    LABEL_PAD,
    LINE_SPACING,
    LINK_COLOURS,
    LINK_STYLES,
    LINKS_FIGSIZE,
    TITLE_SIZE,
    ActorsLayout,
    Frame,
    MapStyle,
    TextMeasure,
    arc_control,
    arrow_boxes,
    circle_places,
    disc_radii,
    font,
    lay_out_actors,
    leaders,
    line_extent,
    marker_area,
    place_names,
    quadrant_boxes,
    quadrant_names,
    stance_colour,
)

TICKS = range(6)
TICK_LENGTH = 3.5  # points, as matplotlib's
TICK_PAD = 3.5
LABEL_GAP = 4.0  # between the tick labels and an axis's name
TITLE_GAP = 6.0  # between the grid and the title
LEGEND_SIZE = 9.0
LEGEND_DROP = 0.09  # the legends' top, below the grid, in grid heights
LINK_WIDTH = 1.6
HEAD_LENGTH, HEAD_WIDTH = 0.4 * 14, 0.2 * 14  # points: matplotlib's « -|> » at scale 14


@cache
def font_family() -> str:
    """The font list for SVG text: the figure's font first, as matplotlib names it."""
    from matplotlib import rcParams

    names = dict.fromkeys([*rcParams["font.sans-serif"], "sans-serif"])
    return escape(", ".join(n if n == "sans-serif" else f"'{n}'" for n in names))


@cache
def baseline_drop() -> float:
    """How far below a line's middle its baseline sits, in font sizes (as matplotlib centres
    text)."""
    ascent, descent = line_extent(font(1), 72)  # at 1 pt, in points
    return (ascent - descent) / 2


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    anchor: str = "start",
    extra: str = "",
    rotate: bool = False,
) -> str:
    """A line of text, its baseline at ``y``; turned a quarter to read upwards
    (``rotate``)."""
    turn = f' transform="rotate(-90 {x:.2f} {y:.2f})"' if rotate else ""
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" text-anchor="{anchor}"{turn} '
        f'style="font-size:{size:g}px;font-family:{font_family()}{extra}">{escape(text)}</text>'
    )


def _path(
    segments: Iterable[tuple[float, float, float, float]],
    stroke: str,
    width: float,
    dashes: str | None = None,
) -> str:
    """Straight segments ``(x0, y0, x1, y1)`` as one path."""
    d = " ".join(f"M {a:.2f} {b:.2f} L {c:.2f} {d:.2f}" for a, b, c, d in segments)
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return f'<path d="{d}" fill="none" stroke="{stroke}" stroke-width="{width:g}"{dash}/>'


def _disc(x: float, y: float, radius: float, fill: str, edge: float) -> str:
    return (
        f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{radius:.2f}" fill="{fill}" stroke="#000000" '
        f'stroke-width="{edge:g}"/>'
    )


class _Sheet:
    """A picture's frame and text measure, in points (y downwards) for SVG."""

    def __init__(self, frame: Frame, figsize: tuple[float, float]) -> None:
        self.frame = frame
        self.measure = TextMeasure(frame.dpi, hinted=False)
        self.width, self.height = figsize[0] * 72, figsize[1] * 72
        self.scale = 72 / frame.dpi

    def pt(self, x_px: float, y_px: float) -> tuple[float, float]:
        return x_px * self.scale, (self.frame.height - y_px) * self.scale

    def data(self, xy: tuple[float, float]) -> tuple[float, float]:
        return self.pt(*self.frame.to_px(xy))

    def extent(self, text: str, size: float, style: str = "normal", weight: str = "normal"):
        """Width, ascent and descent of a line, in points."""
        width, ascent, descent = self.measure.line(text, size, style, weight)
        return width * self.scale, ascent * self.scale, descent * self.scale

    def start(self) -> str:
        w, h = f"{self.width:g}", f"{self.height:g}"
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
            f'width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">'
            f'<rect width="{w}" height="{h}" fill="#FFFFFF"/>'
        )

    def title(self, text: str) -> str:
        """The picture's title, centred above its frame."""
        (x0, _), (x1, top) = self.pt(*self.frame.bounds[:2]), self.pt(*self.frame.bounds[2:])
        return _text((x0 + x1) / 2, top - TITLE_GAP, text, 12, "middle", ";font-weight:700")

    def legend(self, title, entries, x, top, text_pad, spacing, align="left") -> str:
        """A legend of one row under its title, ``entries`` as (label, handle) where the
        handle writes its SVG at a point; from ``x`` as its left edge, right edge or middle
        (``align``), as matplotlib sets a legend out (sizes in font sizes)."""
        size = LEGEND_SIZE
        handle, text_pad, inset = 2.0 * size, text_pad * size, 0.9 * size
        widths = [self.extent(label, size)[0] for label, _ in entries]
        row = sum(handle + text_pad + w for w in widths) + spacing * size * (len(entries) - 1)
        start = {"left": x + inset, "right": x - inset - row, "middle": x - row / 2}[align]
        _, ascent, descent = self.extent(title, size)
        title_y = top + inset + ascent
        baseline = title_y + descent + 0.55 * size + ascent
        parts = ['<g class="legende">', _text(start + row / 2, title_y, title, size, "middle")]
        for (label, draw), label_width in zip(entries, widths, strict=True):
            parts.append(draw(start + handle / 2, baseline - 0.35 * size))
            parts.append(_text(start + handle + text_pad, baseline, label, size))
            start += handle + text_pad + label_width + spacing * size
        parts.append("</g>")
        return "".join(parts)

    def labels(self, names, boxes, fontsize) -> str:
        """Each label as a white rounded box holding its name, the name stretched to the
        width measured here, so that it fits its box whatever font the browser has."""
        middle, out = baseline_drop(), []
        for name, (x0, y0, x1, y1) in zip(names, boxes, strict=True):
            left, upper = self.pt(x0 + 0.5, y1 - 0.5)
            box_w, box_h = (x1 - x0 - 1) * self.scale, (y1 - y0 - 1) * self.scale
            out.append(
                f'<rect x="{left:.2f}" y="{upper:.2f}" width="{box_w:.2f}" '
                f'height="{box_h:.2f}" rx="{LABEL_PAD * fontsize:.2f}" fill="#FFFFFF" '
                f'fill-opacity="0.85"/>'
            )
            lines = name.split("\n")  # a name of several lines: one text a line, centred
            step = LINE_SPACING * fontsize
            first = upper + box_h / 2 - step * (len(lines) - 1) / 2 + middle * fontsize
            widths = self.measure.widths[(name, fontsize)]
            for n, (line, width) in enumerate(zip(lines, widths, strict=True)):
                out.append(
                    f'<text x="{left + box_w / 2:.2f}" y="{first + n * step:.2f}" '
                    f'text-anchor="middle" textLength="{width * self.scale:.2f}" '
                    f'lengthAdjust="spacingAndGlyphs" style="font-size:{fontsize:g}px;'
                    f'font-family:{font_family()}">{escape(line)}</text>'
                )
        return "".join(out)

    def discs(self, points, areas, colours) -> str:
        return "".join(
            _disc(*self.pt(x, y), math.sqrt(area / math.pi), colour, 0.8)
            for (x, y), area, colour in zip(points, areas, colours, strict=True)
        )

    def leaders(self, segments) -> str:
        if not segments:
            return ""
        return _path([(*self.pt(*a), *self.pt(*b)) for a, b in segments], "#555555", 0.7)


def _marker(radius: float, colour: str):
    return lambda x, y: _disc(x, y, radius, colour, 1.0)


class ActorMapView:
    """The map kept between redraws: call :meth:`update` with the computed table after
    each change, then :meth:`svg` for the picture."""

    def __init__(self, style: MapStyle | None = None) -> None:
        self.style = style or MapStyle()
        self.sheet = _Sheet(Frame.fixed(), FIGSIZE)
        self.frame, self.measure = self.sheet.frame, self.sheet.measure
        self.quadrants = quadrant_names(self.style)
        self.obstacles = quadrant_boxes(self.quadrants, self.frame, self.measure)
        self.layout: ActorsLayout | None = None
        self._grid: str | None = None  # the picture without the actors

    def update(self, table: pd.DataFrame) -> None:
        """Place the actors of a computed table (columns ``nom``, ``interet``,
        ``influence``, ``soutien``, ``nb_ressources``)."""
        self.layout = lay_out_actors(table, self.frame, self.obstacles, self.measure)

    def svg(self) -> str:
        """The map as SVG text: the grid, written once, and the actors written on it."""
        if self._grid is None:
            self._grid = self._grid_svg()
        end = self._grid.rindex("</svg>")
        return self._grid[:end] + self._actors_svg() + self._grid[end:]

    def _grid_svg(self) -> str:
        style, sheet, frame = self.style, self.sheet, self.frame
        left, bottom = sheet.pt(*frame.bounds[:2])
        right, top = sheet.pt(*frame.bounds[2:])
        middle_x, middle_y = (left + right) / 2, (top + bottom) / 2
        xs = [sheet.data((k, 0))[0] for k in TICKS]
        ys = [sheet.data((0, k))[1] for k in TICKS]
        threshold_x, threshold_y = sheet.data((style.threshold - 0.5,) * 2)
        _, ascent, descent = sheet.extent("0", 10)
        parts = [
            sheet.start(),
            '<g id="grille">',
            _path(
                [(x, top, x, bottom) for x in xs] + [(left, y, right, y) for y in ys],
                "#DDDDDD",
                0.6,
            ),
            _path(
                [(threshold_x, top, threshold_x, bottom), (left, threshold_y, right, threshold_y)],
                "#777777",
                1.0,
                "3.7,1.6",
            ),
        ]
        for name in self.quadrants:
            x, y = sheet.data(name.xy)
            _, up, down = sheet.extent(name.text, TITLE_SIZE, "italic")
            parts.append(
                _text(
                    x,
                    y + up if name.va == "top" else y - down,
                    name.text,
                    TITLE_SIZE,
                    "end" if name.ha == "right" else "start",
                    ";font-style:italic;fill:#444444",
                )
            )
        parts += [
            f'<rect x="{left:.2f}" y="{top:.2f}" width="{right - left:.2f}" '
            f'height="{bottom - top:.2f}" fill="none" stroke="#000000" stroke-width="0.8"/>',
            _path(
                [(x, bottom, x, bottom + TICK_LENGTH) for x in xs]
                + [(left, y, left - TICK_LENGTH, y) for y in ys],
                "#000000",
                0.8,
            ),
        ]
        below = bottom + TICK_LENGTH + TICK_PAD
        tick_width = 0.0
        for k, x, y in zip(TICKS, xs, ys, strict=True):
            parts.append(_text(x, below + ascent, str(k), 10, "middle"))
            parts.append(_text(left - TICK_LENGTH - TICK_PAD, y + ascent / 2, str(k), 10, "end"))
            tick_width = max(tick_width, sheet.extent(str(k), 10)[0])
        parts.append(
            _text(
                middle_x,
                below + ascent + descent + LABEL_GAP + ascent,
                "Intérêt pour le projet (de 0 à 5)",
                10,
                "middle",
            )
        )
        y_name = left - TICK_LENGTH - TICK_PAD - tick_width - LABEL_GAP - descent
        parts.append(
            _text(
                y_name,
                middle_y,
                "Influence sur le projet (de 0 à 5)",
                10,
                "middle",
                rotate=True,
            )
        )
        parts.append(sheet.title(style.title))
        legend_top = bottom + LEGEND_DROP * (bottom - top)
        if style.stances:
            entries = [(label, _marker(4.5, stance_colour(v))) for label, v in style.stances]
            parts.append(
                sheet.legend("Position envers le projet", entries, left, legend_top, 0.3, 1.0)
            )
        sizes = [(str(n), _marker(math.sqrt(marker_area(n)) / 2, "#FFFFFF")) for n in (0, 2, 4)]
        parts.append(
            sheet.legend("Ressources apportées", sizes, right, legend_top, 0.3, 2.0, "right")
        )
        parts.append("</g></svg>")
        return "".join(parts)

    def _actors_svg(self) -> str:
        """The leader lines, discs and labels, drawn above the grid in that order."""
        layout = self.layout
        if layout is None:
            return '<g id="acteurs"></g>'
        return (
            '<g id="acteurs">'
            + self.sheet.leaders(layout.leaders)
            + self.sheet.discs(layout.points, layout.areas, layout.colours)
            + self.sheet.labels(layout.names, layout.boxes, layout.fontsize)
            + "</g>"
        )


def links_svg(
    table: pd.DataFrame,
    links: Sequence[Mapping[str, str]],
    link_types: Mapping[str, str],
) -> str:
    """Who funds, informs, supervises or supports whom, as SVG: the actors of ``table`` on
    a circle and one curved arrow per link, coloured and dashed by type (``link_types``:
    id → label), as :func:`tanmia_course.plots.actor_map.draw_links` draws them."""
    sheet = _Sheet(Frame.equal(), LINKS_FIGSIZE)
    frame = sheet.frame
    angles, where = circle_places(table.index)
    areas = np.array([marker_area(k) for k in table["nb_ressources"]], dtype=float)
    xy = np.array([where[a] for a in table.index], dtype=float).reshape(-1, 2)
    points = frame.to_px(xy) if len(xy) else np.zeros((0, 2))
    radii = disc_radii(areas, frame.dpi)
    pairs = [(where[k["source"]], where[k["target"]]) for k in links]
    names = [str(n) for n in table["nom"]]
    boxes, fontsize = place_names(
        names,
        points,
        radii,
        frame.bounds,
        arrow_boxes(pairs, frame.to_px),
        sheet.measure,
        preferred=list(angles),
    )
    kinds = list(link_types)
    radius_pt = {a: math.sqrt(s / math.pi) for a, s in zip(table.index, areas, strict=True)}
    parts = [sheet.start(), sheet.title("Qui finance, informe, encadre ou soutient qui ?")]
    parts.append('<g id="liens">')
    for link, (start, end) in zip(links, pairs, strict=True):
        k = kinds.index(link["type"]) if link["type"] in kinds else len(kinds)
        parts.append(
            _arrow(
                np.array(sheet.data(start)),
                np.array(sheet.data(end)),
                radius_pt[link["source"]] + 2,
                radius_pt[link["target"]] + 2,
                LINK_COLOURS[k % len(LINK_COLOURS)],
                LINK_STYLES[k % len(LINK_STYLES)],
            )
        )
    parts.append("</g>")
    parts += [
        '<g id="acteurs">',
        sheet.leaders(leaders(points, radii, boxes)),
        sheet.discs(points, areas, [stance_colour(v) for v in table["soutien"]]),
        sheet.labels(names, boxes, fontsize),
        "</g>",
    ]
    used = [t for t in kinds if any(link["type"] == t for link in links)]
    entries = [
        (
            link_types[t],
            _line_sample(
                LINK_COLOURS[kinds.index(t) % len(LINK_COLOURS)],
                LINK_STYLES[kinds.index(t) % len(LINK_STYLES)],
            ),
        )
        for t in used
    ]
    if entries:
        left, bottom = sheet.pt(*frame.bounds[:2])
        right = sheet.pt(*frame.bounds[2:])[0]
        parts.append(
            sheet.legend(
                "Type de lien (la flèche va de qui agit vers qui reçoit)",
                entries,
                (left + right) / 2,
                bottom,
                0.8,
                2.0,
                "middle",
            )
        )
    parts.append("</svg>")
    return "".join(parts)


def _dashes(style: str) -> str | None:
    """matplotlib's dash pattern of a line style, scaled by the line's width."""
    pattern = {"--": (3.7, 1.6), ":": (1.0, 1.65), "-.": (6.4, 1.6, 1.0, 1.6)}.get(style)
    return None if pattern is None else ",".join(f"{d * LINK_WIDTH:.2f}" for d in pattern)


def _line_sample(colour: str, style: str):
    def draw(x: float, y: float) -> str:
        half = LEGEND_SIZE
        return _path([(x - half, y, x + half, y)], colour, LINK_WIDTH, _dashes(style))

    return draw


def _arrow(a, b, shrink_a: float, shrink_b: float, colour: str, style: str) -> str:
    """A curved arrow from ``a`` to ``b`` (points), stopping ``shrink_a`` and ``shrink_b``
    short of them, its head a filled triangle at ``b``'s end."""
    control = arc_control(a, b, -ARC)  # y downwards here: the curve bends the same way

    def at(t: float) -> np.ndarray:
        return (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b

    def slope(t: float) -> np.ndarray:
        return 2 * (1 - t) * (control - a) + 2 * t * (b - control)

    def reach(centre: np.ndarray, radius: float, inside: float, outside: float) -> float:
        for _ in range(30):  # where the curve leaves the circle, by halving
            t = (inside + outside) / 2
            if np.hypot(*(at(t) - centre)) < radius:
                inside = t
            else:
                outside = t
        return outside

    t0, t1 = reach(a, shrink_a, 0.0, 0.5), reach(b, shrink_b, 1.0, 0.5)
    if t0 >= t1:
        return ""
    tip, direction = at(t1), slope(t1)
    direction = direction / np.hypot(*direction)
    normal = np.array([-direction[1], direction[0]])
    base = tip - HEAD_LENGTH * direction
    t_base = reach(b, np.hypot(*(base - b)), 1.0, 0.5)  # the line stops under the head
    p0, p1 = at(t0), at(t_base)
    q = p0 + (t_base - t0) / 2 * slope(t0)  # the control point of the curve's part kept
    dash = _dashes(style)
    head = [tip, base + HEAD_WIDTH * normal, base - HEAD_WIDTH * normal]
    return (
        f'<path d="M {p0[0]:.2f} {p0[1]:.2f} Q {q[0]:.2f} {q[1]:.2f} {p1[0]:.2f} {p1[1]:.2f}" '
        f'fill="none" stroke="{colour}" stroke-width="{LINK_WIDTH:g}"'
        + (f' stroke-dasharray="{dash}"' if dash else "")
        + "/>"
        + '<path d="M '
        + " L ".join(f"{x:.2f} {y:.2f}" for x, y in head)
        + f' Z" fill="{colour}" stroke="{colour}" stroke-width="{LINK_WIDTH:g}" '
        'stroke-linejoin="miter"/>'
    )
