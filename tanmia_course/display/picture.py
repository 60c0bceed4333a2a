"""Figures as notebooks and reports show them: SVG, with the text kept as text.

SVG rather than PNG: about a third of the size for a learner on a slow connection, sharp
at any zoom on a projector, and about twice as fast to produce (no glyph rasterising, no
PNG compression). The text stays text (``svg.fonttype: none``): the browser draws it with
DejaVu Sans, or the nearest sans-serif font it has (Verdana, Arial, Helvetica…).
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from contextvars import ContextVar
from html import escape
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from .glyphs import _glyphs
from .sheet import axes_box

_SVG_SETTINGS = {"svg.fonttype": "none", "svg.hashsalt": "tanmia-course"}
_DRAWING_SVG: ContextVar[bool] = ContextVar("tanmia_drawing_svg", default=False)


def svg(figure: Any) -> str:
    """The whole figure as SVG text (no date inside: the same figure gives the same text).
    The page is the figure: plots lay themselves out to fit it (cropping to what is drawn
    would draw everything twice)."""
    buffer = io.StringIO()
    drawing = _DRAWING_SVG.set(True)
    try:
        with matplotlib.rc_context(_SVG_SETTINGS):
            figure.savefig(
                buffer,
                format="svg",
                metadata={"Date": None},
            )
    finally:
        _DRAWING_SVG.reset(drawing)
    return buffer.getvalue()


class CourseFigure(Figure):
    """A matplotlib figure whose texts are measured from a table of the font's glyphs when
    :func:`svg` draws it.

    matplotlib lays every text out with FreeType to measure it, about 10 µs a character,
    text after text and figure after figure: a third of a chart's drawing time. Here each
    character's advance and height, and each kerning pair, is read from the font once and
    kept (:class:`_Glyphs`). The SVG keeps its text as text, drawn by the browser, so the
    measure only places the lines of a text of several lines and sizes the legends. Heights
    are matplotlib's, widths within half a point on a label, and letters the font joins
    into one glyph (« fi », « ff »…) are counted as joined. Maths and characters the font
    lacks are measured by matplotlib as usual, and so is everything when the figure is
    drawn any other way (PNG, a figure on screen).
    """

    def draw(self, renderer: Any) -> None:
        if _DRAWING_SVG.get():
            # The renderer was made for this one SVG: it measures with the glyph table.
            renderer.get_text_width_height_descent = _measure_with_glyphs(
                renderer.get_text_width_height_descent
            )
        super().draw(renderer)


def new_figure(width: float, height: float, dpi: float | None = None) -> CourseFigure:
    """A figure of the course, ``width`` × ``height`` inches."""
    return CourseFigure(figsize=(width, height), dpi=dpi)


def _measure_with_glyphs(matplotlib_measure: Callable) -> Callable:
    from matplotlib.font_manager import findfont

    def measure(text: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
        if not ismath:
            line = _glyphs(findfont(prop)).line(text)
            if line is not None:
                size = prop.get_size_in_points()
                return line[0] * size, line[1] * size, line[2] * size
        return matplotlib_measure(text, prop, ismath)

    return measure


def data_uri(svg_text: str) -> str:
    """The SVG as a ``data:`` URI, to embed in a standalone HTML page."""
    payload = base64.b64encode(svg_text.encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{payload}"


def img_html(svg_text: str, alt: str, css_class: str | None = None) -> str:
    """An ``<img>`` element showing the SVG, with its French description as ``alt``; as
    wide as the page at most, unless ``css_class`` says otherwise."""
    look = f"class='{escape(css_class, quote=True)}'" if css_class else "style='max-width:100%'"
    return f"<img {look} alt='{escape(alt, quote=True)}' src='{data_uri(svg_text)}'>"


def axes_for(ax: Any, width: float, height: float) -> tuple[Any, bool]:
    """The Axes to draw on (``ax``, or that of a new ``width`` × ``height`` inches figure),
    and whether the plot made its figure: then it sets the margins (:func:`set_margins`);
    an Axes passed in keeps the layout of its own figure."""
    if ax is not None:
        return ax, False
    return new_figure(width, height).add_subplot(), True


def label_rows(ax: Any, labels: Any, fontsize: float = 8, pad: float = 3.5) -> list[Any]:
    """Write one label left of the Axes beside each row ``0, 1, 2…`` (data units), in place
    of tick labels, and return the texts. A chart of twenty rows has twenty labels, not
    twenty ticks: each matplotlib tick is two lines, two texts and a grid line, and they
    were most of the drawing time. ``pad`` is the gap to the Axes, in points. Labels are
    data (names a trainer or learner wrote): a ``$`` in one is shown as typed, never read
    as maths."""
    from matplotlib.transforms import ScaledTranslation

    ax.set_yticks([])
    shift = ScaledTranslation(-pad / 72, 0, ax.figure.dpi_scale_trans)
    where = ax.get_yaxis_transform() + shift
    return [
        ax.text(
            0,
            row,
            label,
            transform=where,
            ha="right",
            va="center",
            fontsize=fontsize,
            parse_math=False,
        )
        for row, label in enumerate(labels)
    ]


def label_columns(ax: Any, labels: Any, fontsize: float = 8, pad: float = 3.5) -> list[Any]:
    """Write one label under the Axes below each column ``0, 1, 2…``, read bottom to top
    (turned a quarter), in place of tick labels; see :func:`label_rows`."""
    from matplotlib.transforms import ScaledTranslation

    ax.set_xticks([])
    shift = ScaledTranslation(0, -pad / 72, ax.figure.dpi_scale_trans)
    where = ax.get_xaxis_transform() + shift
    return [
        ax.text(
            column,
            0,
            label,
            transform=where,
            ha="center",
            va="top",
            rotation=90,
            fontsize=fontsize,
            parse_math=False,
        )
        for column, label in enumerate(labels)
    ]


def as_typed(legend: Any) -> Any:
    """The legend, its entries shown as written in the content (a « $ » is no maths)."""
    for text in legend.get_texts():
        text.set_parse_math(False)
    return legend


def set_margins(figure: Any, left: float, right: float, top: float, bottom: float) -> None:
    """Place the figure's Axes with these margins, in inches (a fixed layout is much
    faster than matplotlib's constrained layout, which measures every text twice)."""
    x0, x1, y0, y1 = axes_box(*figure.get_size_inches(), left, right, top, bottom)
    figure.subplots_adjust(left=x0, right=x1, top=1 - y0, bottom=1 - y1)


class Graphique:
    """A figure as a notebook shows it (SVG), with a plain-text description.

    It is drawn once, when first shown, and the same picture serves every later display or
    report. The figure stays available (``.figure``): after changing it, call
    :meth:`redessiner` to see the change.

    A chart the course writes directly as SVG (``write``) makes its matplotlib figure only
    when ``.figure`` is asked for (``draw``); from then on the picture is the figure's.
    """

    def __init__(
        self,
        figure: Any = None,
        titre: str = "",
        *,
        draw: Callable[[], Any] | None = None,
        write: Callable[[], str] | None = None,
    ) -> None:
        if figure is None and draw is None:
            raise ValueError("Graphique : il faut une figure, ou de quoi la dessiner.")
        self._figure = figure
        self._draw = draw
        self._write = write
        self.titre = titre
        self._svg: str | None = None

    @property
    def figure(self) -> Any:
        """The matplotlib figure (made on first use when the chart is written as SVG)."""
        if self._figure is None:
            assert self._draw is not None
            self._figure = self._draw()
        return self._figure

    @property
    def svg(self) -> str:
        """The picture as SVG text (made on first use)."""
        if self._svg is None:
            written = self._figure is None and self._write is not None
            self._svg = self._write() if written else svg(self.figure)
        return self._svg

    def redessiner(self) -> Graphique:
        """Draw the figure again (after a change to ``.figure``); returns the picture."""
        self._svg = None
        return self

    def _repr_svg_(self) -> str:
        return self.svg

    def data_uri(self) -> str:
        return data_uri(self.svg)

    def img(self) -> str:
        return img_html(self.svg, self.titre)

    def __repr__(self) -> str:
        return f"Graphique : {self.titre}"


def chart_picture(titre: str, data: Any, figure: str, written: str) -> Graphique:
    """A chart of ``data`` written directly as SVG by ``written``; its matplotlib figure,
    drawn by ``figure``, is made only when asked for. Both name a function of
    :mod:`tanmia_course.display.palette` as ``"module.function"``, imported when first used (the
    figure's module imports matplotlib's Axes)."""
    return Graphique(
        titre=titre,
        draw=lambda: _plot(figure)(data).figure,
        write=lambda: _plot(written)(data),
    )


def _plot(name: str) -> Callable[[Any], Any]:
    import importlib

    module, function = name.rsplit(".", 1)
    return getattr(importlib.import_module(f"tanmia_course.{module}"), function)
