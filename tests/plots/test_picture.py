"""Figure helpers: text widths for margins, row and column labels, SVG pictures."""

from __future__ import annotations

from itertools import pairwise

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

import tanmia_course as tc
from tanmia_course.plots.picture import (
    label_columns,
    label_rows,
    set_margins,
    svg,
    text_width,
)
from tanmia_course.plots.ranking import comparison_chart, consensus_chart, heatmap

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
