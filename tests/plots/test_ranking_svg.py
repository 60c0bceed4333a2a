"""The ranking charts written as SVG: the same charts as the matplotlib ones, no figure made."""

from __future__ import annotations

import base64
import io
import re
from xml.etree import ElementTree

import numpy as np
import pytest
from matplotlib.colors import to_hex

import tanmia_course as tc
from tanmia_course.exercises.ranking.charts import comparison_chart, consensus_chart, heatmap
from tanmia_course.exercises.ranking.ranking_parts import (
    COMPARISON_LEGEND,
    comparison_marks,
    consensus_bars,
    heatmap_cells,
    rank_colours,
)
from tanmia_course.exercises.ranking.ranking_svg import comparison_svg, consensus_svg, heatmap_svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def classe():
    return tc.classement_classe()


@pytest.fixture(scope="module")
def comparison(classe):
    ids = list(classe.consensus.index)
    return tc.comparer_classement({"mode": "premiers", "ordre": ids[-3:]}, classe)


def parse(picture: str) -> ElementTree.Element:
    return ElementTree.fromstring(picture.encode("utf-8"))  # well-formed XML, or it raises


def texts(root: ElementTree.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def page_size(root: ElementTree.Element) -> tuple[float, float]:
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


@pytest.mark.parametrize(
    ("write", "draw", "data"),
    [
        (consensus_svg, consensus_chart, "classe"),
        (heatmap_svg, heatmap, "classe"),
        (comparison_svg, comparison_chart, "comparison"),
    ],
)
def test_each_chart_has_the_figures_size_and_its_axes_where_the_figure_has_them(
    write, draw, data, request
):
    value = request.getfixturevalue(data)
    root = parse(write(value))
    figure = draw(value).figure
    width, height = figure.get_size_inches() * 72
    assert page_size(root) == pytest.approx((width, height), abs=0.01)
    frame = next(r for r in root.iter(f"{SVG}rect") if r.get("fill") == "none" and r.get("stroke"))
    box = figure.axes[0].get_position()  # fractions, from the bottom left
    assert float(frame.get("x")) == pytest.approx(box.x0 * width, abs=0.01)
    assert float(frame.get("width")) == pytest.approx(box.width * width, abs=0.01)
    assert float(frame.get("y")) == pytest.approx((1 - box.y1) * height, abs=0.01)
    assert float(frame.get("height")) == pytest.approx(box.height * height, abs=0.01)


def test_the_consensus_bars_are_the_groups_points_most_on_top_coloured_by_theme(classe):
    bars = consensus_bars(classe)
    root = parse(consensus_svg(classe))
    drawn = [r for r in root.find(f"{SVG}g[@id='barres']").iter(f"{SVG}rect")]
    assert len(drawn) == len(classe.consensus)
    frame = next(r for r in root.iter(f"{SVG}rect") if r.get("fill") == "none")
    per_point = float(frame.get("width")) / (len(classe.consensus) - 0.5)
    widths = [float(r.get("width")) for r in drawn]
    assert widths == pytest.approx(list(bars.points * per_point), abs=0.01)
    assert [float(r.get("y")) for r in drawn] == sorted(float(r.get("y")) for r in drawn)
    assert [r.get("fill") for r in drawn] == bars.colours
    written = texts(root)
    lines = [line for label in bars.labels for line in label.split("\n")]
    start = written.index(lines[0])
    assert lines[0].startswith("1. ") and written[start : start + len(lines)] == lines
    assert set(bars.themes) <= set(written)  # the legend
    assert "Thème (regroupement du cours)" in written
    numbers = re.findall(r">(\d[\d.,]*)</text>", consensus_svg(classe))
    assert len(numbers) >= 5 and all(n.isdigit() for n in numbers)  # whole numbers only


def test_the_heatmap_cells_are_each_rank_colour_and_grey_where_not_placed(classe):
    from PIL import Image

    cells = heatmap_cells(classe)
    root = parse(heatmap_svg(classe))
    (image,) = root.iter(f"{SVG}image")
    png = base64.b64decode(image.get("href").split(",", 1)[1])
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    n, m = cells.ranks.shape
    assert pixels.shape == (n, m, 3)
    cmap, norm = rank_colours(n)
    hexes = [["#{:02x}{:02x}{:02x}".format(*p) for p in row] for row in pixels]
    for i in range(n):
        for j in range(m):
            expected = to_hex(cmap(norm(cells.ranks[i, j]))) if cells.placed[i, j] else "#bbbbbb"
            assert hexes[i][j] == expected, (i, j)
    written = texts(root)
    assert written[: len(cells.names)] == cells.names  # under each column
    assert [t for t in written if t in {"1", "5", "10", "15", "20", "non placé"}] == [
        "1",
        "5",
        "10",
        "15",
        "20",
        "non placé",
    ]
    assert "Participants" in written and set(cells.labels) <= set(written)


def test_the_comparison_marks_your_rank_beside_the_group(comparison):
    marks = comparison_marks(comparison)
    root = parse(comparison_svg(comparison))
    layer = root.find(f"{SVG}g[@id='marques']")
    means = list(layer.iter(f"{SVG}circle"))
    assert len(means) == len(marks.labels)
    frame = next(r for r in root.iter(f"{SVG}rect") if r.get("fill") == "none")
    x0, width = float(frame.get("x")), float(frame.get("width"))
    n = len(marks.labels)
    for circle, mean in zip(means, marks.mean, strict=True):
        assert float(circle.get("cx")) == pytest.approx(x0 + (mean - 0.5) / n * width, abs=0.01)
    diamonds = list(layer.iter(f"{SVG}polygon"))
    placed = ~np.isnan(marks.mine)
    yours = [d for d in diamonds if d.get("fill") != "none"]
    left_out = [d for d in diamonds if d.get("fill") == "none"]
    assert len(yours) == placed.sum() == 3 and len(left_out) == (~placed).sum()
    assert list(COMPARISON_LEGEND) == [t for t in texts(root) if t in COMPARISON_LEGEND]


def test_names_are_written_as_typed(classe):
    import dataclasses

    named = dataclasses.replace(classe, titre="Atelier <2025> & « $\\nope{$ »")
    ids = list(classe.consensus.index)
    data = tc.comparer_classement({"mode": "premiers", "ordre": ids[:3]}, named)
    for picture in (consensus_svg(named), comparison_svg(data)):
        assert any("Atelier <2025> & « $\\nope{$ »" in t for t in texts(parse(picture)))


def test_the_notebooks_charts_are_written_without_a_figure_until_one_is_asked_for(
    classe, figures_made
):
    pictures = [
        tc.graphique_consensus(classe),
        tc.carte_classements(classe),
        tc.graphique_comparaison([classe.consensus.index[0]]),
    ]
    assert all(p._repr_svg_().startswith("<?xml") for p in pictures)
    assert figures_made == []
    figure = pictures[0].figure  # asked for: made now, and the picture follows it
    assert figures_made == [1] and figure.axes[0].get_title().startswith("Ce que le groupe attend")
    figure.axes[0].set_title("Un autre titre")
    assert "Un autre titre" in pictures[0].redessiner().svg
