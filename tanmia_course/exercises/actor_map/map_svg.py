"""The actor map and the links between actors written directly as SVG, for the widget and
the map result.

No matplotlib figure is made: the pictures are written from the layout of
:mod:`tanmia_course.exercises.actor_map.layout`, in the places a matplotlib figure of the map gives
them (:mod:`~.charts`). The map's grid (axes, quadrant names, legends)
is written once, and each change only writes the actors on top of it. The text stays
text, drawn by the browser in DejaVu Sans or the nearest sans-serif font it has; each
actor's name is stretched to the width measured for its box, so it fits whatever the font.

Coordinates are in points (1/72 inch), y downwards, as matplotlib's SVG has them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

import numpy as np
import pandas as pd

from ...display.sheet import (
    NAME_GAP,
    TICK_LENGTH,
    TICK_PAD,
    TITLE_GAP,
    Sheet,
    baseline_drop,
    disc,
    font_family,
    marker,
    path,
    segment,
    text,
)
from .layout import (
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
    arc_control,
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

TICKS = range(6)
LEGEND_DROP = 0.09  # the legends' top, below the grid, in grid heights
LINK_WIDTH = 1.6
HEAD_LENGTH, HEAD_WIDTH = 0.4 * 14, 0.2 * 14  # points: matplotlib's « -|> » at scale 14


class _Sheet(Sheet):
    """A picture of the map: its frame (pixels, y upwards) and the points SVG is written in."""

    def __init__(self, frame: Frame, figsize: tuple[float, float]) -> None:
        super().__init__(figsize[0] * 72, figsize[1] * 72, frame.dpi)
        self.frame = frame

    def pt(self, x_px: float, y_px: float) -> tuple[float, float]:
        return x_px * self.scale, (self.frame.height - y_px) * self.scale

    def data(self, xy: tuple[float, float]) -> tuple[float, float]:
        return self.pt(*self.frame.to_px(xy))

    def title(self, words: str) -> str:
        """The picture's title, centred above its frame."""
        (x0, _), (x1, top) = self.pt(*self.frame.bounds[:2]), self.pt(*self.frame.bounds[2:])
        return text((x0 + x1) / 2, top - TITLE_GAP, words, 12, "middle", ";font-weight:700")

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
            disc(*self.pt(x, y), math.sqrt(area / math.pi), colour, 0.8)
            for (x, y), area, colour in zip(points, areas, colours, strict=True)
        )

    def leaders(self, segments) -> str:
        if not segments:
            return ""
        return path([(*self.pt(*a), *self.pt(*b)) for a, b in segments], "#555555", 0.7)


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
            path(
                [(x, top, x, bottom) for x in xs] + [(left, y, right, y) for y in ys],
                "#DDDDDD",
                0.6,
            ),
            path(
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
                text(
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
            path(
                [(x, bottom, x, bottom + TICK_LENGTH) for x in xs]
                + [(left, y, left - TICK_LENGTH, y) for y in ys],
                "#000000",
                0.8,
            ),
        ]
        below = bottom + TICK_LENGTH + TICK_PAD
        tick_width = 0.0
        for k, x, y in zip(TICKS, xs, ys, strict=True):
            parts.append(text(x, below + ascent, str(k), 10, "middle"))
            parts.append(text(left - TICK_LENGTH - TICK_PAD, y + ascent / 2, str(k), 10, "end"))
            tick_width = max(tick_width, sheet.extent(str(k), 10)[0])
        parts.append(
            text(
                middle_x,
                below + ascent + descent + NAME_GAP + ascent,
                "Intérêt pour le projet (de 0 à 5)",
                10,
                "middle",
            )
        )
        y_name = left - TICK_LENGTH - TICK_PAD - tick_width - NAME_GAP - descent
        parts.append(
            text(
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
            entries = [(label, marker(4.5, stance_colour(v))) for label, v in style.stances]
            parts.append(
                sheet.legend("Position envers le projet", entries, left, legend_top, 0.3, 1.0)
            )
        sizes = [(str(n), marker(math.sqrt(marker_area(n)) / 2, "#FFFFFF")) for n in (0, 2, 4)]
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
    id → label), as :func:`tanmia_course.exercises.actor_map.charts.draw_links` draws them."""
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
            segment(
                LINK_COLOURS[kinds.index(t) % len(LINK_COLOURS)],
                LINK_WIDTH,
                _dashes(LINK_STYLES[kinds.index(t) % len(LINK_STYLES)]),
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
