"""Writing SVG directly: text, lines, discs and legends, in points (y downwards).

The ranking, audit and class charts are written as SVG text without making a matplotlib
figure, and a figure is still made when one is asked for. Text stays text, drawn by the
browser in DejaVu Sans or the nearest sans-serif font it has, and is measured from the font's
glyphs as the browser draws it (:mod:`tanmia_course.display.glyphs`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from html import escape
from typing import Any

import numpy as np

from .glyphs import _glyphs

TICK_LENGTH = 3.5  # points, as matplotlib's
TICK_PAD = 3.5
LEGEND_SIZE = 9.0
TITLE_GAP = 6.0  # points between a chart's Axes and its title's last line
LABEL_GAP = 3.5  # between the Axes and a row's label
NAME_GAP = 4.0  # between the tick labels and the scale's name


@cache
def font_family() -> str:
    """The font list for SVG text: the figure's font first, as matplotlib names it."""
    from matplotlib import rcParams

    names = dict.fromkeys([*rcParams["font.sans-serif"], "sans-serif"])
    return escape(", ".join(n if n == "sans-serif" else f"'{n}'" for n in names))


def _font(size: float, style: str = "normal", weight: str = "normal") -> Any:
    """The course's font (matplotlib's sans-serif) at ``size`` points."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=size, style=style, weight=weight)


@cache
def _font_file(style: str, weight: str) -> str:
    """The file of the course's font in this style: looked up once, not once per size."""
    from matplotlib.font_manager import findfont

    return findfont(_font(10, style, weight))


@cache
def _typo_extent(path: str) -> tuple[float, float]:
    """A font file's usual ascent and descent, in ems: a line of text always takes at least
    that much, as matplotlib lays text out."""
    from matplotlib.font_manager import get_font

    face = get_font(path)
    typo, em = face.get_sfnt_table("OS/2"), face.get_sfnt_table("head")["unitsPerEm"]
    return typo["sTypoAscender"] / em, -typo["sTypoDescender"] / em


@cache
def _agg() -> Any:
    """matplotlib's renderer at 72 dpi, for the lines the glyph table cannot measure."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, 72)


def measure_line(
    text: str, size: float, style: str = "normal", weight: str = "normal"
) -> tuple[float, float, float]:
    """Width, ascent and descent of one line, in points, as matplotlib lays it out for SVG:
    from the font's glyph table, or by matplotlib when the table cannot (a character the
    font lacks, nothing inked)."""
    path = _font_file(style, weight)
    line = _glyphs(path).line(text)
    if line is None:
        width, height, below = _agg().get_text_width_height_descent(
            text, _font(size, style, weight), False
        )
    else:
        width, height, below = (v * size for v in line)
    ascent, descent = (v * size for v in _typo_extent(path))
    return width, max(height - below, ascent), max(below, descent)


@cache
def baseline_drop() -> float:
    """How far below a line's middle its baseline sits, in font sizes (as matplotlib centres
    text)."""
    ascent, descent = _typo_extent(_font_file("normal", "normal"))
    return (ascent - descent) / 2


def text(
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


def path(
    segments: Iterable[tuple[float, float, float, float]],
    stroke: str,
    width: float,
    dashes: str | None = None,
    opacity: float | None = None,
) -> str:
    """Straight segments ``(x0, y0, x1, y1)`` as one path."""
    d = " ".join(f"M {a:.2f} {b:.2f} L {c:.2f} {d:.2f}" for a, b, c, d in segments)
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    see = f' stroke-opacity="{opacity:g}"' if opacity is not None else ""
    return f'<path d="{d}" fill="none" stroke="{stroke}" stroke-width="{width:g}"{dash}{see}/>'


def disc(x: float, y: float, radius: float, fill: str, edge: float, stroke: str = "#000000") -> str:
    return (
        f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{radius:.2f}" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="{edge:g}"/>'
    )


def text_width(texts: Any, fontsize: float) -> float:
    """The width, in inches, of the widest line of ``texts`` in the default font: what a
    margin needs to hold labels, measured without laying the whole figure out.

    A line's width is the sum of its characters' advances, each read once from the font
    (kerning, a fraction of a point, is left out: the margins have room to spare).
    """
    from matplotlib.font_manager import FontProperties, findfont

    from .glyphs import _glyphs

    glyphs = _glyphs(findfont(FontProperties()))
    widths = [
        sum(glyphs.advance(char) for char in line) * fontsize
        for text in texts
        for line in str(text).split("\n")
    ]
    return max(widths, default=0.0) / 72


def lines_height(lines: int, fontsize: float) -> float:
    """The height, in inches, of ``lines`` lines of text (matplotlib's line spacing)."""
    return lines * fontsize * 1.2 / 72


def axes_box(
    width: float, height: float, left: float, right: float, top: float, bottom: float
) -> tuple[float, float, float, float]:
    """The box of a chart's Axes in a ``width`` × ``height`` picture with these margins
    (inches), as fractions of the picture from its top left: left, right, top, bottom. A
    margin never takes more than its share (left 60 %, right 30 %, top 40 %, bottom 50 %).
    """
    return (
        min(left / width, 0.6),
        1 - min(right / width, 0.3),
        min(top / height, 0.4),
        1 - min(bottom / height, 0.5),
    )


def whole_numbers(nbins: int = 5) -> Any:
    """matplotlib's locator of ticks on whole numbers only, ``nbins`` or so: counts, never
    « 2.5 » (a decimal point where French readers expect a comma)."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=nbins, integer=True)


def rect(x: float, y: float, width: float, height: float, fill: str, extra: str = "") -> str:
    return (
        f'<rect x="{x:.2f}" y="{y:.2f}" width="{width:.2f}" height="{height:.2f}" '
        f'fill="{fill}"{extra}/>'
    )


class Sheet:
    """A picture ``width`` × ``height`` points."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height

    def extent(self, text: str, size: float, style: str = "normal", weight: str = "normal"):
        """Width, ascent and descent of a line, in points."""
        return measure_line(text, size, style, weight)

    def start(self) -> str:
        w, h = f"{self.width:.2f}", f"{self.height:.2f}"
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
            f'width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">'
            f'<rect width="{w}" height="{h}" fill="#FFFFFF"/>'
        )

    def lines(
        self, x: float, y: float, lines: Sequence[str], size: float, anchor: str, extra: str = ""
    ) -> str:
        """Lines of text one under another, the first's baseline at ``y``."""
        return "".join(
            text(x, y + n * 1.2 * size, line, size, anchor, extra) for n, line in enumerate(lines)
        )

    def legend(
        self,
        title: str,
        entries: Sequence[tuple[str, Callable[[float, float], str]]],
        x: float,
        y: float,
        text_pad: float,
        spacing: float,
        align: str = "left",
        columns: int | None = None,
        size: float = LEGEND_SIZE,
        framed: bool = False,
        title_size: float | None = None,
        upwards: bool = False,
    ) -> str:
        """A legend under its title: ``entries`` as (label, handle), where the handle writes
        its SVG centred at a point, in ``columns`` filled one after the other (all on one
        row by default). It hangs from ``y`` (or stands on it, ``upwards``) and starts at
        ``x`` as its left edge, right edge or middle (``align``), as matplotlib sets a legend
        out (``text_pad`` and ``spacing`` in font sizes); ``framed``: on white, in a rounded
        box with a light grey edge."""
        columns = min(columns or len(entries), len(entries)) or 1
        lines = -(-len(entries) // columns)
        # as matplotlib: the first columns take one entry more when they do not divide evenly
        longer = len(entries) % columns or columns
        places = []
        for c in range(columns):
            places += [(c, line) for line in range(lines if c < longer else lines - 1)]
        handle, text_pad, inset = 2.0 * size, text_pad * size, 0.9 * size
        step, pad = 1.5 * size, 0.4 * size  # from one row of entries to the next; frame's pad
        widths = [self.extent(label, size)[0] for label, _ in entries]
        cells = [
            max((w for w, (c, _) in zip(widths, places, strict=True) if c == column), default=0)
            + handle
            + text_pad
            for column in range(columns)
        ]
        row = sum(cells) + spacing * size * (columns - 1)
        title_size = title_size or size
        title_lines = title.split("\n") if title else []
        # as matplotlib: the legend is as wide as its title or its entries, both centred
        width = max([row, *(self.extent(line, title_size)[0] for line in title_lines)])
        box = {"left": x + inset, "right": x - inset - width, "middle": x - width / 2}[align]
        start = box + (width - row) / 2  # the entries'
        _, ascent, descent = self.extent("0", size)
        _, high, low = self.extent(title_lines[0] if title else "0", title_size)
        # the first row's baseline and the frame's bottom, from the legend's top
        first = inset + (high + 1.2 * title_size * (len(title_lines) - 1) + low if title else 0)
        first += (0.55 * size if title else 0) + ascent
        bottom = first + (lines - 1) * step + descent + pad
        top = y - bottom - 0.5 * size if upwards else y  # matplotlib's pad to the Axes
        parts = ['<g class="legende">']
        if framed:
            parts.append(
                f'<rect x="{box - pad:.2f}" y="{top + 0.5 * size:.2f}" '
                f'width="{width + 2 * pad:.2f}" height="{bottom - 0.5 * size:.2f}" rx="2" '
                'fill="#FFFFFF" fill-opacity="0.8" stroke="#CCCCCC" stroke-width="1"/>'
            )
        if title:  # its lines centred over the entries
            parts.append(
                self.lines(box + width / 2, top + inset + high, title_lines, title_size, "middle")
            )
        for (label, draw), (column, line) in zip(entries, places, strict=True):
            left = start + sum(cells[:column]) + spacing * size * column
            baseline = top + first + line * step
            parts.append(draw(left + handle / 2, baseline - 0.35 * size))
            parts.append(text(left + handle + text_pad, baseline, label, size))
        parts.append("</g>")
        return "".join(parts)


class Chart(Sheet):
    """A chart's picture: its Axes box (points) from the figure size and margins
    (inches), and a scale of values along x."""

    def __init__(
        self,
        size: tuple[float, float],
        margins: tuple[float, float, float, float],
        x_range: tuple[float, float],
        rows: int,
    ) -> None:
        super().__init__(size[0] * 72, size[1] * 72)
        left, right, top, bottom = axes_box(*size, *margins)
        self.left, self.right = left * self.width, right * self.width
        self.top, self.bottom = top * self.height, bottom * self.height
        self.x_range, self.rows = x_range, rows

    def x(self, value: float | np.ndarray) -> float | np.ndarray:
        low, high = self.x_range
        return self.left + (np.asarray(value, dtype=float) - low) / (high - low) * (
            self.right - self.left
        )

    def row(self, i: float | np.ndarray) -> float | np.ndarray:
        """The middle of row ``i`` (the first on top)."""
        return self.top + (np.asarray(i, dtype=float) + 0.5) / self.rows * (self.bottom - self.top)

    def frame(self) -> str:
        return (
            f'<rect x="{self.left:.2f}" y="{self.top:.2f}" width="{self.right - self.left:.2f}" '
            f'height="{self.bottom - self.top:.2f}" fill="none" stroke="#000000" '
            'stroke-width="0.8"/>'
        )

    def whole_ticks(self, nbins: int) -> list[int]:
        """The whole numbers a scale along x marks, as :func:`whole_numbers` places them on
        a figure."""
        low, high = self.x_range
        return [int(t) for t in whole_numbers(nbins).tick_values(low, high) if low <= t <= high]

    def grid(self, ticks: Sequence[float], colour: str) -> str:
        xs = [float(self.x(t)) for t in ticks]
        return path([(x, self.top, x, self.bottom) for x in xs], colour, 0.8)

    def x_scale(self, ticks: Sequence[int], name: str) -> str:
        """Ticks and their numbers under the Axes, and the scale's name (its lines) below."""
        xs = [float(self.x(t)) for t in ticks]
        _, ascent, descent = self.extent("0", 10)
        below = self.bottom + TICK_LENGTH + TICK_PAD
        parts = [path([(x, self.bottom, x, self.bottom + TICK_LENGTH) for x in xs], "#000000", 0.8)]
        parts += [
            text(x, below + ascent, str(t), 10, "middle") for x, t in zip(xs, ticks, strict=True)
        ]
        first = below + ascent + descent + NAME_GAP + ascent
        middle = (self.left + self.right) / 2
        parts.append(self.lines(middle, first, name.split("\n"), 10, "middle"))
        return "".join(parts)

    def row_labels(self, labels: Sequence[str]) -> str:
        """Each row's label left of the Axes, right-aligned, its lines centred on the row."""
        size, drop, parts = 8, baseline_drop(), []
        for i, label in enumerate(labels):
            lines = label.split("\n")
            first = float(self.row(i)) - 0.6 * size * (len(lines) - 1) + drop * size
            parts.append(self.lines(self.left - LABEL_GAP, first, lines, size, "end"))
        return "".join(parts)

    def title(self, title: str) -> str:
        """The title's lines centred above the Axes, the last one's baseline just above."""
        lines = title.split("\n")
        first = self.top - TITLE_GAP - 1.2 * 10 * (len(lines) - 1)
        return self.lines((self.left + self.right) / 2, first, lines, 10, "middle")


def marker(radius: float, colour: str) -> Callable[[float, float], str]:
    """A legend's handle: a disc with a black edge."""
    return lambda x, y: disc(x, y, radius, colour, 1.0)


def swatch(colour: str, size: float = LEGEND_SIZE) -> Callable[[float, float], str]:
    """A legend's handle: a patch of colour, as matplotlib draws one (2 × 0.7 font sizes)."""
    return lambda x, y: rect(x - size, y - 0.35 * size, 2 * size, 0.7 * size, colour)


def segment(colour: str, width: float, dashes: str | None = None, size: float = LEGEND_SIZE):
    """A legend's handle: a line sample."""
    return lambda x, y: path([(x - size, y, x + size, y)], colour, width, dashes)
