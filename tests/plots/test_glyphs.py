"""The font's glyph table (:mod:`tanmia_course.display.glyphs`) and the text widths it gives
(:func:`tanmia_course.display.sheet.text_width`): the actor map's SVG writer lays its labels
out with them."""

from __future__ import annotations

import pytest
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.textpath import text_to_path

from tanmia_course.content.loader import load_content
from tanmia_course.display.glyphs import _glyphs
from tanmia_course.display.sheet import text_width

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


def test_the_glyph_table_does_not_measure_what_the_font_lacks():
    glyphs = _glyphs(findfont(FontProperties()))
    assert glyphs.line("Tanmia 社区") is None and glyphs.line("   ") is None
