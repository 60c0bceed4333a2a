"""Figures as pages show them: one SVG per figure, text kept as text, the same every time."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

import tanmia_course
from tanmia_course.display.picture import (
    Graphique,
    as_typed,
    axes_for,
    data_uri,
    img_html,
    svg,
    typed,
)


def _figure() -> Figure:
    ax = axes_for(None, 4, 2)
    ax.plot([0, 1], [0, 1], label="Cotisation de 10 $ <b>")
    as_typed(ax.legend())
    ax.set_title("Réciprocité « confiance »")
    return ax.figure


def test_a_figure_gives_the_same_svg_every_time_with_its_text_as_text():
    first, again = svg(_figure()), svg(_figure())
    assert first == again  # no date, no random ids: a report is the same for the same class
    assert first.lstrip().startswith("<?xml") and "<svg" in first
    assert "Réciprocité « confiance »" in first  # as text: sharp, searchable, no glyph paths
    assert "Cotisation de 10 $ &lt;b&gt;" in first  # escaped for SVG, no maths
    assert "<dc:date>" not in first and "lengthAdjust" not in first


def test_saving_a_figure_keeps_its_layout_engine():
    figure = _figure()
    engine = figure.get_layout_engine()
    assert engine is not None  # a figure a chart makes is laid out by matplotlib
    svg(figure)
    assert figure.get_layout_engine() is engine  # a trainer can still resize and redraw
    with matplotlib.rc_context({"figure.autolayout": True}):  # a trainer's own settings
        assert svg(_figure()) == svg(_figure())
        svg(figure)
    assert figure.get_layout_engine() is engine


def test_a_chart_draws_into_the_given_axes_or_makes_a_figure_of_the_right_size():
    mine = Figure().add_subplot()
    assert axes_for(mine, 4, 2) is mine
    made = axes_for(None, 5, 3, projection="polar")
    assert tuple(made.figure.get_size_inches()) == (5, 3) and made.name == "polar"


def test_a_dollar_is_shown_as_typed_not_read_as_maths():
    ax = axes_for(None, 3, 2)
    ax.set_yticks([0, 1], [typed("10 $ et 20 $"), typed("$\\frac{1}{0}$")])
    drawn = svg(ax.figure)  # invalid maths would raise
    assert "10 $ et 20 $" in drawn and "$\\frac{1}{0}$" in drawn


def test_a_picture_embeds_in_a_page_as_an_img_with_its_description():
    text = svg(_figure())
    uri = data_uri(text)
    assert base64.b64decode(uri.removeprefix("data:image/svg+xml;base64,")).decode() == text
    assert img_html(text, "L’avis « 1 »") == (
        f"<img style='max-width:100%' alt='L’avis «\xa01\xa0»' src='{uri}'>"
    )
    assert img_html(text, "x", "tanmia-figure").startswith("<img class='tanmia-figure' alt='x'")


def test_a_graphique_is_drawn_once_and_again_on_request():
    picture = Graphique(_figure(), "un essai")
    first = picture.svg
    assert picture._repr_svg_() is first and picture.img() == img_html(first, "un essai")
    picture.figure.axes[0].set_title("Un autre titre")
    assert picture.svg is first  # the same picture for every display…
    assert "Un autre titre" in picture.redessiner().svg  # …until asked to draw it again
    assert repr(picture) == "Graphique : un essai"


def test_charts_use_no_pyplot_and_no_measures_of_their_own():
    package = Path(tanmia_course.__file__).parent
    for path in [
        package / "display" / "picture.py",
        package / "classroom" / "charts.py",
        package / "exercises" / "ranking" / "charts.py",
        package / "exercises" / "audit" / "charts.py",
    ]:
        source = path.read_text(encoding="utf-8")
        assert not re.search(
            r"matplotlib\.pyplot|import pyplot|glyphs|lengthAdjust|display\.sheet", source
        ), path
