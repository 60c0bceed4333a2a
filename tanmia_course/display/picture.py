"""Figures as notebooks and reports show them: SVG, with the text kept as text.

Every chart of the course is one matplotlib function, ``draw_x(data, ax=None) -> Axes``;
this module turns its figure into what a page shows. SVG rather than PNG: about a third of
the size for a learner on a slow connection, sharp at any zoom on a projector. The text
stays text (``svg.fonttype: none``): the browser draws it with DejaVu Sans, or the nearest
sans-serif font it has (Verdana, Arial, Helvetica…). No date is written into the file, so
the same figure always gives the same SVG.
"""

from __future__ import annotations

import base64
import io
import re
from functools import cached_property
from html import unescape
from typing import Any

from .html import escape

_SVG_SETTINGS = {
    "svg.fonttype": "none",
    "svg.hashsalt": "tanmia-course",
    # While it is saved, a figure laid out already is left without a layout engine (these
    # settings, when a user turns them on, would give it one again).
    "figure.autolayout": False,
    "figure.constrained_layout.use": False,
}


_TEXT = re.compile(r"(<text\b[^>]*>)([^<]*)(?=</text>)")


def _french_texts(svg_text: str) -> str:
    """Each text of the picture with its French spacing (tick labels included, which
    matplotlib writes only when it draws)."""
    return _TEXT.sub(lambda m: m[1] + escape(unescape(m[2]), quote=False), svg_text)


def svg(figure: Any) -> str:
    """The whole figure as SVG text (no date inside: the same figure gives the same text),
    each of its texts with French spacing.

    A figure with a layout engine is laid out once, then drawn once: left to itself,
    ``savefig`` draws the whole figure a first time to lay it out, then again, which takes
    a third longer for a chart of many texts (a class report draws several)."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context(_SVG_SETTINGS):
        engine = figure.get_layout_engine()
        if engine is not None:
            engine.execute(figure)
            figure.set_layout_engine(None)  # laid out: draw it as it is now
        try:
            figure.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            if engine is not None:
                figure.set_layout_engine(engine)
    return _french_texts(buffer.getvalue())


def data_uri(svg_text: str) -> str:
    """The SVG as a ``data:`` URI, to embed in a standalone HTML page."""
    payload = base64.b64encode(svg_text.encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{payload}"


def img_html(svg_text: str, alt: str, css_class: str | None = None) -> str:
    """An ``<img>`` element showing the SVG, with its French description as ``alt``; as
    wide as the page at most, unless ``css_class`` says otherwise."""
    look = f"class='{escape(css_class, quote=True)}'" if css_class else "style='max-width:100%'"
    return f"<img {look} alt='{escape(alt, quote=True)}' src='{data_uri(svg_text)}'>"


def axes_for(
    ax: Any,
    width: float,
    height: float,
    margins: tuple[float, float, float, float] | None = None,
    **kwargs: Any,
) -> Any:
    """The Axes to draw on: ``ax``, or that of a new ``width`` × ``height`` inches figure,
    made without pyplot (no global state, nothing shown by itself), whose layout matplotlib
    fits to what is drawn (``kwargs`` go to ``add_subplot``, for example
    ``projection="polar"``). An Axes passed in keeps the layout of its own figure.

    ``margins`` (left, right, top, bottom, in inches) fix the room around the Axes instead,
    for a chart whose texts have a known greatest size (labels cut to a length): fitting
    the layout measures every text, which takes about as long as drawing the chart."""
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    if margins is None:
        return Figure(figsize=(width, height), layout="constrained").add_subplot(**kwargs)
    figure = Figure(figsize=(width, height))
    left, right, top, bottom = margins
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height
    )
    return figure.add_subplot(**kwargs)


def typed(text: object) -> str:
    """A text matplotlib shows as written: a « $ » is no maths (for tick labels, which
    cannot switch maths off).

    >>> typed("Cotisation de 10 $ et 20 $")
    'Cotisation de 10 \\\\$ et 20 \\\\$'
    """
    return str(text).replace("$", r"\$")


def as_typed(legend: Any) -> Any:
    """The legend, its entries shown as written in the content (a « $ » is no maths)."""
    for text in legend.get_texts():
        text.set_parse_math(False)
    return legend


class Graphique:
    """A chart as a notebook shows it (SVG), with a French description (``titre``).

    The figure is turned into SVG once, when first shown, and the same picture serves every
    later display or report. The figure stays available (``.figure``) to change or save as
    you like: after changing it, call :meth:`redessiner` to see the change.
    """

    def __init__(self, figure: Any, titre: str = "") -> None:
        self.figure = figure
        self.titre = titre

    @cached_property
    def svg(self) -> str:
        """The picture as SVG text (made on first use)."""
        return svg(self.figure)

    def redessiner(self) -> Graphique:
        """Draw the figure again (after a change to ``.figure``); returns the picture."""
        self.__dict__.pop("svg", None)
        return self

    def _repr_svg_(self) -> str:
        return self.svg

    def data_uri(self) -> str:
        return data_uri(self.svg)

    def img(self) -> str:
        return img_html(self.svg, self.titre)

    def __repr__(self) -> str:
        return f"Graphique : {self.titre}"
