"""The display room: French numbers and lists, HTML escaping and blocks, the palette."""

from __future__ import annotations

import subprocess
import sys

from tanmia_course.display import html, palette, text


def test_numbers_the_french_way():
    assert text.fr_number(2.75, 1) == "2,8" and text.fr_number(3, 0) == "3"
    assert text.fr_number(-1234567.891, 2) == "−1\u202f234\u202f567,89"
    assert text.fr_number(None) == "non calculable"
    assert text.fr_number(float("nan"), missing="—") == "—"
    assert text.fr_percent(0.5) == "50\u202f%" and text.fr_percent(float("nan")) == "—"


def test_lists_in_french_quotes():
    assert text.french_list([]) == ""
    assert text.french_list(["a"]) == "« a »"
    assert text.french_list(["a", "b", "c"]) == "« a », « b » et « c »"


def test_every_text_is_escaped():
    shown = html.feedback("<b>", "error", "Non <i>", "✗", detail="&")
    assert "&lt;b&gt;" in shown and "Non &lt;i&gt;" in shown and "&amp;" in shown
    assert palette.ERROR in shown
    cells = html.table(["<h>"], [["<td>"]], left=[0])
    assert "&lt;h&gt;" in cells and "<td style='text-align:left'><td></td>" in cells


def test_a_feedback_colour_comes_from_its_level():
    for level, colour in palette.LEVEL_COLOURS.items():
        assert colour in html.feedback("texte", level)
    assert palette.GOOD in html.feedback("texte", "ok", colour=palette.GOOD)


def test_the_text_helpers_load_no_heavy_library():
    code = (
        "import sys\n"
        "import tanmia_course.display.text, tanmia_course.display.html\n"
        "print(sorted(m for m in ('pandas', 'ipywidgets', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_column_of_decimal_numbers_keeps_its_decimals_in_a_table():
    import pandas as pd

    from tanmia_course.display.html import frame_table

    shown = frame_table(pd.DataFrame({"rang_moyen": [2.5, 2.75, 3.0], "n": [1, 2, 3]}))
    assert "<td>2,50</td>" in shown and "<td>2,75</td>" in shown and "<td>3,00</td>" in shown
    assert "<td>1</td>" in shown  # whole numbers stay whole
