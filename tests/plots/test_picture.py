"""Figure helpers: text widths for margins, row and column labels, SVG pictures."""

from __future__ import annotations

import io
from itertools import pairwise

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.textpath import text_to_path

import tanmia_course as tc
from tanmia_course.content.loader import load_content
from tanmia_course.display.picture import (
    _SVG_SETTINGS,
    _glyphs,
    label_columns,
    label_rows,
    new_figure,
    set_margins,
    svg,
)
from tanmia_course.display.sheet import text_width
from tanmia_course.exercises.ranking.charts import comparison_chart, consensus_chart, heatmap

LABELS = [
    "1. Mobiliser des ressources\nsupplémentaires",
    "2. Assurer la durabilité des actions",
    "Échanger les expériences — « à l’écoute »",
    "P01",
]


@pytest.mark.parametrize("fontsize", [8, 10.5])
def test_text_width_is_within_a_point_of_matplotlibs_own_measure(fontsize):
    font = FontProperties(size=fontsize)
    for label in LABELS:
        measured = max(
            text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]
            for line in label.split("\n")
        )
        assert text_width([label], fontsize) * 72 == pytest.approx(measured, abs=1.0)


def test_text_width_is_the_widest_line_and_zero_for_nothing():
    assert text_width(LABELS, 8) == max(text_width([x], 8) for x in LABELS)
    assert text_width(["a\n" + "b" * 40], 8) == text_width(["b" * 40], 8)
    assert text_width([], 8) == 0.0


def _boxes(figure, texts):
    """Where the texts end up once the figure is drawn (pixels)."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return [t.get_window_extent(canvas.get_renderer()) for t in texts], canvas.get_renderer()


def test_row_labels_sit_left_of_the_axes_each_beside_its_row():
    figure = Figure(figsize=(6, 4))
    ax = figure.add_subplot()
    ax.set_ylim(len(LABELS) - 0.5, -0.5)
    texts = label_rows(ax, LABELS)
    set_margins(figure, text_width(LABELS, 8) + 0.2, 0.2, 0.2, 0.3)
    boxes, _ = _boxes(figure, texts)
    axes_box = ax.get_window_extent()
    assert [t.get_text() for t in texts] == LABELS and not ax.get_yticks().size
    for row, box in enumerate(boxes):
        centre = ax.transData.transform((0, row))[1]
        assert box.x1 < axes_box.x0 and box.x0 >= 0  # beside the Axes, inside the figure
        assert box.y0 < centre < box.y1
    tops = sorted(boxes, key=lambda b: b.y0)
    assert all(a.y1 <= b.y0 + 0.5 for a, b in pairwise(tops))


def test_column_labels_sit_under_the_axes_read_bottom_to_top():
    figure = Figure(figsize=(6, 4))
    ax = figure.add_subplot()
    ax.set_xlim(-0.5, 3.5)
    names = ["P01", "P02", "P03", "PARTICIPANT 4"]
    texts = label_columns(ax, names)
    boxes, _ = _boxes(figure, texts)
    axes_box = ax.get_window_extent()
    assert all(t.get_rotation() == 90 for t in texts) and not ax.get_xticks().size
    for column, box in enumerate(boxes):
        assert box.y1 < axes_box.y0
        assert box.x0 < ax.transData.transform((column, 0))[0] < box.x1


def test_a_dollar_in_a_label_is_shown_as_typed_not_read_as_maths():
    figure = Figure(figsize=(4, 2))
    ax = figure.add_subplot()
    rows = label_rows(ax, ["Cotisation de 10$ et de 20$", "$\\frac{1}{0}$"])
    columns = label_columns(ax, ["$x"])
    assert not any(t.get_parse_math() for t in [*rows, *columns])
    drawn = svg(figure)  # invalid maths would raise
    assert "Cotisation de 10$ et de 20$" in drawn and "$\\frac{1}{0}$" in drawn


@pytest.mark.parametrize("chart", ["consensus", "heatmap", "comparison"])
def test_every_text_of_the_ranking_charts_is_inside_the_figure(chart):
    classe = tc.classement_classe()
    if chart == "consensus":
        ax = consensus_chart(classe)
    elif chart == "heatmap":
        ax = heatmap(classe)
    else:
        ids = list(classe.consensus.index)
        ax = comparison_chart(tc.comparer_classement({"mode": "premiers", "ordre": ids[:3]}))
    figure = ax.figure
    legend = ax.get_legend()
    texts = [*ax.texts, ax.title, ax.xaxis.label, *(legend.get_texts() if legend else [])]
    boxes, _ = _boxes(figure, [t for t in texts if t.get_text()])
    width, height = figure.bbox.width, figure.bbox.height
    for box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height
    label = ax.xaxis.label.get_window_extent()
    assert all(not label.overlaps(b) for b in boxes[: len(ax.texts)])


def _course_texts() -> set[str]:
    """Every line of text in the course's content: names, labels, explanations…"""
    texts: set[str] = set()

    def walk(value):
        if isinstance(value, str):
            texts.update(line for line in value.split("\n") if line.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))

    walk(load_content())
    return texts


@pytest.mark.parametrize(
    "weight, style", [("normal", "normal"), ("bold", "normal"), ("normal", "italic")]
)
def test_the_glyph_table_measures_the_courses_texts_as_matplotlib_does(weight, style):
    font = FontProperties(size=10, weight=weight, style=style)
    glyphs = _glyphs(findfont(font))
    texts = _course_texts()
    assert len(texts) > 500
    for text in texts:
        line = glyphs.line(text)
        if line is None:  # a character the font lacks: left to matplotlib
            assert any(glyphs.char(c) is None for c in text) or not text.strip()
            continue
        width, height, descent = text_to_path.get_text_width_height_descent(text, font, False)
        assert line[1] * 10 == pytest.approx(height) and line[2] * 10 == pytest.approx(descent)
        # Under half a point on a name or a label, a thousandth of the width on a paragraph.
        assert line[0] * 10 == pytest.approx(width, abs=max(0.5, width / 1000)), text


def test_the_font_lacking_a_character_or_maths_leaves_the_measure_to_matplotlib():
    glyphs = _glyphs(findfont(FontProperties()))
    assert glyphs.line("Tanmia 社区") is None and glyphs.line("   ") is None
    figure = new_figure(4, 2)
    figure.text(0.1, 0.5, "Tanmia 社区\net sa commune")
    figure.text(0.1, 0.2, "$x^2$ et $\\sqrt{y}$")
    with pytest.warns(UserWarning, match="missing from font"):  # matplotlib measured it
        drawn = svg(figure)
    assert "社区" in drawn and "sa commune" in drawn


def _texts_placed(picture: str) -> list[tuple[str, float, float]]:
    """Each text of an SVG, with where it is written (x, y, in points)."""
    import re

    placed = []
    for attributes, text in re.findall(r"<text ([^>]*)>([^<]*)</text>", picture):
        if "translate(" in attributes:
            x, y = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", attributes).groups()
        else:
            x = re.search(r'\bx="([-\d.]+)"', attributes).group(1)
            y = re.search(r'\by="([-\d.]+)"', attributes).group(1)
        placed.append((text, float(x), float(y)))
    return placed


def test_a_course_figure_in_svg_places_its_texts_where_matplotlibs_measure_puts_them():
    ax = consensus_chart(tc.classement_classe())
    fast = _texts_placed(svg(ax.figure))
    buffer = io.StringIO()
    with matplotlib.rc_context(_SVG_SETTINGS):
        ax.figure.savefig(buffer, format="svg")  # drawn without the glyph table
    slow = _texts_placed(buffer.getvalue())
    assert [t for t, _, _ in fast] == [t for t, _, _ in slow] and len(fast) > 40
    for (text, x, y), (_, x0, y0) in zip(fast, slow, strict=True):
        assert x == pytest.approx(x0, abs=0.5) and y == pytest.approx(y0, abs=0.5), text


def test_only_the_svg_drawing_measures_with_the_glyph_table():
    figure = new_figure(3, 2)
    figure.text(0.1, 0.5, "Réciprocité\net confiance")
    svg(figure)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    assert "get_text_width_height_descent" not in vars(canvas.get_renderer())
