"""The actor map pictures: legible labels, colours by stance, sizes by resources, fast redraw;
the widget's SVG and the matplotlib figure laid out alike."""

from __future__ import annotations

import itertools
from xml.etree import ElementTree

import numpy as np
import pytest

from tanmia_course.content.loader import load_content
from tanmia_course.display.picture import svg
from tanmia_course.exercises.actor_map import analysis as am
from tanmia_course.exercises.actor_map.charts import _new_axes, draw_actor_map, draw_links
from tanmia_course.exercises.actor_map.layout import (
    LINK_COLOURS,
    LINKS_FIGSIZE,
    LINKS_RECT,
    Frame,
    TextMeasure,
    marker_area,
    quadrant_boxes,
    quadrant_names,
    stance_colour,
)
from tanmia_course.exercises.actor_map.map_svg import ActorMapView, links_svg
from tanmia_course.exercises.actor_map.result import link_names, map_style

SVG = "{http://www.w3.org/2000/svg}"
LONG_NAMES = [
    "Délégation provinciale de l’Entraide nationale",
    "Fondation d’entreprise pour l’éducation des filles",
    "Association des anciennes élèves du collège",
    "Commune de Tafraout",
    "Caïdat",
]


@pytest.fixture
def vocab():
    return am.vocabulary(load_content())


def crowded_table(vocab):
    """The Tifawin map plus five local actors with long names, all piled on busy places."""
    answer = am.reference_answer("tifawin", vocab)
    for name, (influence, interest) in zip(
        LONG_NAMES, [(4, 4), (4, 4), (2, 5), (5, 4), (4, 4)], strict=True
    ):
        answer, new_id = am.add_actor(answer, name, "associations", vocab)
        answer = am.update_actor(answer, new_id, vocab, influence=influence, interest=interest)
    return am.answer_table(answer, vocab)


def label_boxes(ax):
    renderer = ax.figure.canvas.get_renderer()
    return [
        t.get_bbox_patch().get_window_extent(renderer)
        for t in ax.texts
        if t.get_visible() and t.get_bbox_patch() is not None
    ]


def test_no_two_labels_overlap_on_a_crowded_map(vocab):
    table = crowded_table(vocab)
    assert len(table) == 16
    ax = draw_actor_map(table, style=map_style(vocab))
    ax.figure.canvas.draw()
    boxes = label_boxes(ax)
    assert len(boxes) == len(table)
    for a, b in itertools.combinations(boxes, 2):
        overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_w <= 0 or overlap_h <= 0, "deux étiquettes se chevauchent"
    frame = ax.bbox
    for box in boxes:
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1
        assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1
    texts = {t.get_text() for t in ax.texts if t.get_visible()}
    assert set(table["nom"]) <= texts


def test_discs_show_stance_by_colour_and_resources_by_size(vocab):
    table = am.answer_table(am.reference_answer("tifawin", vocab), vocab)
    view = ActorMapView(map_style(vocab))
    view.update(table)
    layout = view.layout
    for name, (x, y), colour, size in zip(
        layout.names, layout.data, layout.colours, layout.areas, strict=True
    ):
        row = table[table["nom"] == name].iloc[0]
        assert abs(row["interet"] - x) < 0.3 and abs(row["influence"] - y) < 0.3
        assert colour == stance_colour(row["soutien"]), row["nom"]
        assert size == marker_area(row["nb_ressources"])
    ax = draw_actor_map(table, style=map_style(vocab))  # the figure: the same discs
    (discs,) = ax.collections[:1]
    assert np.allclose(discs.get_offsets(), layout.data)
    assert np.allclose(discs.get_sizes(), layout.areas)
    assert stance_colour(-2) != stance_colour(2)
    assert marker_area(3) > marker_area(1)


def test_quadrants_are_named_by_their_strategy(vocab):
    names = {str(s.label) for s in vocab.strategies.values()}
    ax = draw_actor_map(am.answer_table(am.blank_answer(vocab), vocab), style=map_style(vocab))
    assert names <= {t.get_text() for t in ax.texts}
    assert ax.get_xlabel().startswith("Intérêt") and ax.get_ylabel().startswith("Influence")
    root = ElementTree.fromstring(ActorMapView(map_style(vocab)).svg().encode("utf-8"))
    written = {t.text for t in root.iter(f"{SVG}text")}
    assert names <= written
    assert {"Intérêt pour le projet (de 0 à 5)", "Influence sur le projet (de 0 à 5)"} <= written
    assert {label for label, _ in map_style(vocab).stances} <= written  # the legend


def test_the_svg_grid_is_where_the_figure_has_its_axes_and_quadrant_names(vocab):
    ax = _new_axes()
    draw_actor_map(am.answer_table(am.blank_answer(vocab), vocab), ax, map_style(vocab))
    fixed, real = Frame.fixed(), Frame.of(ax)
    assert np.allclose(fixed.bounds, real.bounds)
    corners = np.array([[-0.6, -0.6], [5.6, 5.6], [2.5, 3.0]])
    assert np.allclose(fixed.to_px(corners), real.to_px(corners))
    renderer = ax.figure.canvas.get_renderer()
    texts = {t.get_text(): t for t in ax.texts}
    names = quadrant_names(map_style(vocab))
    for name, box in zip(names, quadrant_boxes(names, real, TextMeasure(96)), strict=True):
        extent = texts[name.text].get_window_extent(renderer)
        assert np.allclose(box, extent.extents), name.text


def test_the_links_svg_frame_is_the_figures_after_its_aspect_is_set(vocab):
    answer = am.reference_answer("tifawin", vocab)
    kinds = link_names(vocab)
    ax = draw_links(am.answer_table(answer, vocab), answer["links"], kinds)
    assert tuple(ax.figure.get_size_inches()) == LINKS_FIGSIZE
    assert np.allclose(ax.get_position(original=True).bounds, LINKS_RECT)
    fixed, real = Frame.equal(), Frame.of(ax)
    assert np.allclose(fixed.bounds, real.bounds)
    ring = np.array([[0.0, 1.0], [-1.0, 0.0], [0.7, -0.7]])
    assert np.allclose(fixed.to_px(ring), real.to_px(ring))


def test_the_widgets_picture_is_written_without_any_matplotlib_figure(vocab, figures_made):
    answer = am.reference_answer("tifawin", vocab)
    table = am.answer_table(answer, vocab)
    view = ActorMapView(map_style(vocab))
    view.update(table)
    assert len(actors_layer(view.svg())) > 0
    kinds = link_names(vocab)
    assert "<svg" in links_svg(table, answer["links"], kinds)
    assert figures_made == []


def actors_layer(picture: str):
    """The actors written on the map's grid: discs, labels (with their boxes) and lines."""
    root = ElementTree.fromstring(picture.encode("utf-8"))  # well-formed XML, or it raises
    layer = root.find(f"{SVG}g[@id='acteurs']")
    assert layer is not None
    return layer


def svg_boxes(layer):
    return [
        (float(r.get("x")), float(r.get("y")), float(r.get("width")), float(r.get("height")))
        for r in layer.iter(f"{SVG}rect")
    ]


def assert_labels_fit_apart(layer, names):
    """Every name written once, on its own box, inside it, and no two boxes overlapping."""
    texts = {t.text: t for t in layer.iter(f"{SVG}text")}
    assert set(texts) == set(names)
    boxes = svg_boxes(layer)
    assert len(boxes) == len(names)
    for shown in texts.values():
        x, y = float(shown.get("x")), float(shown.get("y"))
        box = next(b for b in boxes if b[0] <= x <= b[0] + b[2] and b[1] <= y <= b[1] + b[3])
        assert float(shown.get("x")) == pytest.approx(box[0] + box[2] / 2, abs=0.01)
        assert float(shown.get("textLength")) < box[2]  # stretched to fit, never beyond
    for (x0, y0, w0, h0), (x1, y1, w1, h1) in itertools.combinations(boxes, 2):
        assert x0 + w0 <= x1 or x1 + w1 <= x0 or y0 + h0 <= y1 or y1 + h1 <= y0


def test_the_fast_redraw_writes_the_grid_once_and_the_actors_where_the_figure_has_them(
    vocab, monkeypatch
):
    written = []
    real_grid = ActorMapView._grid_svg
    monkeypatch.setattr(ActorMapView, "_grid_svg", lambda v: written.append(1) or real_grid(v))
    answer = am.reference_answer("tifawin", vocab)
    view = ActorMapView(map_style(vocab))
    for influence in (1, 5, 3):
        answer = am.update_actor(answer, "population", vocab, influence=influence)
        table = am.answer_table(answer, vocab)
        view.update(table)
        picture = view.svg()
    assert len(written) == 1  # the grid, once; each redraw only writes the actors
    layer = actors_layer(picture)
    ax = draw_actor_map(table, style=map_style(vocab))
    figure = ax.figure
    scale, top = 72 / figure.dpi, figure.bbox.height

    def to_points(xy):
        x, y = ax.transData.transform(xy)
        return round(x * scale, 1), round((top - y) * scale, 1)

    discs = {
        (round(float(c.get("cx")), 1), round(float(c.get("cy")), 1)): c
        for c in layer.iter(f"{SVG}circle")
    }
    assert len(discs) == len(table)
    scatter = ax.collections[0]
    for xy, area in zip(scatter.get_offsets(), scatter.get_sizes(), strict=True):
        disc = discs[to_points(xy)]  # where the figure has it
        assert float(disc.get("r")) == pytest.approx(np.sqrt(area / np.pi), abs=0.01)
    population = table.loc["population"]
    assert discs[to_points((population["interet"], 3))].get("fill") == stance_colour(
        population["soutien"]
    )
    assert_labels_fit_apart(layer, table["nom"])


def test_the_links_svg_draws_one_arrow_per_link_in_its_types_colour(vocab):
    answer = am.reference_answer("tifawin", vocab)
    table = am.answer_table(answer, vocab)
    kinds = link_names(vocab)
    root = ElementTree.fromstring(links_svg(table, answer["links"], kinds).encode("utf-8"))
    arrows = root.find(f"{SVG}g[@id='liens']")
    curves = [p for p in arrows.iter(f"{SVG}path") if " Q " in p.get("d")]
    heads = [p for p in arrows.iter(f"{SVG}path") if p.get("d").endswith("Z")]
    assert len(curves) == len(heads) == len(answer["links"])
    order = list(kinds)
    for link, curve, head in zip(answer["links"], curves, heads, strict=True):
        colour = LINK_COLOURS[order.index(link["type"])]
        assert curve.get("stroke") == head.get("fill") == colour
    legend = {t.text for t in root.iter(f"{SVG}text")}
    assert {kinds[k["type"]] for k in answer["links"]} <= legend
    assert len(list(root.find(f"{SVG}g[@id='acteurs']").iter(f"{SVG}circle"))) == len(table)
    assert_labels_fit_apart(root.find(f"{SVG}g[@id='acteurs']"), table["nom"])


def test_the_links_view_draws_one_arrow_per_link_with_a_legend(vocab):
    answer = am.reference_answer("tifawin", vocab)
    table = am.answer_table(answer, vocab)
    kinds = link_names(vocab)
    ax = draw_links(table, answer["links"], kinds)
    assert len(ax.patches) == len(answer["links"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert set(legend) == {kinds[k["type"]] for k in answer["links"]}
    finance = ax.patches[0]
    assert answer["links"][0]["type"] == "finance"
    expected = [int(LINK_COLOURS[0][i : i + 2], 16) / 255 for i in (1, 3, 5)]
    assert np.allclose(finance.get_edgecolor()[:3], expected)
    ax.figure.canvas.draw()
    boxes = label_boxes(ax)
    assert len(boxes) == len(table)
    for a, b in itertools.combinations(boxes, 2):
        assert min(a.x1, b.x1) <= max(a.x0, b.x0) or min(a.y1, b.y1) <= max(a.y0, b.y0)


def test_a_name_with_dollars_is_drawn_as_typed_never_as_maths(vocab):
    name = "Coopérative $\\nope{$ du douar"  # two « $ »: invalid maths, would raise
    answer, new_id = am.add_actor(
        am.reference_answer("tifawin", vocab), name, "secteur_prive", vocab
    )
    answer = am.update_actor(answer, new_id, vocab, influence=2, interest=3)
    answer["links"].append({"source": new_id, "target": "population", "type": "finance"})
    table = am.answer_table(answer, vocab)
    view = ActorMapView(map_style(vocab))
    view.update(table)
    assert name in {t.text for t in actors_layer(view.svg()).iter(f"{SVG}text")}
    kinds = link_names(vocab)
    for ax in (
        draw_actor_map(table, style=map_style(vocab)),
        draw_links(table, answer["links"], kinds),
    ):
        assert name in svg(ax.figure)


def test_stance_and_link_names_in_legends_are_shown_as_typed(vocab):
    from dataclasses import replace

    answer = am.reference_answer("tifawin", vocab)
    table = am.answer_table(answer, vocab)
    style = map_style(vocab)
    style = replace(style, stances=[("Pour $\\nope{$", 1), *style.stances[1:]])
    kinds = link_names(vocab)
    kinds[answer["links"][0]["type"]] = "Paie $\\nope{$"
    for ax, name in (
        (draw_actor_map(table, style=style), "Pour $\\nope{$"),
        (draw_links(table, answer["links"], kinds), "Paie $\\nope{$"),
    ):
        assert name in svg(ax.figure)  # invalid maths would raise


def test_a_name_with_xml_characters_is_written_as_typed_on_the_widgets_map(vocab):
    name = 'Coopérative <Nour> & fils d’"Igherm"'
    answer, _ = am.add_actor(am.blank_answer(vocab), name, "secteur_prive", vocab)
    view = ActorMapView(map_style(vocab))
    view.update(am.answer_table(answer, vocab))
    assert name in {t.text for t in actors_layer(view.svg()).iter(f"{SVG}text")}


def test_the_map_before_any_actor_is_the_grid_alone(vocab):
    layer = actors_layer(ActorMapView(map_style(vocab)).svg())
    assert len(layer) == 0  # no disc, label or line yet


def test_a_labels_box_is_measured_to_the_size_of_its_text():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from tanmia_course.exercises.actor_map.layout import FONT_SIZE, LABEL_PAD

    figure = Figure(dpi=96)
    renderer = FigureCanvasAgg(figure).get_renderer()
    names = [*LONG_NAMES, "Caïdat", "Pères du douar d’Igherm", "Tontine $\\nope{$", "Deux\nlignes"]
    hinted, svg_measure = TextMeasure(96), TextMeasure(96, hinted=False)
    for fontsize in (FONT_SIZE, FONT_SIZE * 0.7):
        pad = 2 * LABEL_PAD * fontsize * 96 / 72 + 1
        text = figure.text(0, 0, "", fontsize=fontsize, parse_math=False)
        for name in names:
            text.set_text(name)
            extent = text.get_window_extent(renderer)
            expected = (extent.width + pad, extent.height + pad)
            assert hinted.label(name, fontsize) == pytest.approx(expected)  # as on a figure
            width, height = svg_measure.label(name, fontsize)  # as SVG draws it, unhinted
            assert (width, height) == pytest.approx(expected, rel=0.06, abs=4)


def test_a_name_of_two_lines_is_written_line_under_line_inside_its_box(vocab):
    answer, _ = am.add_actor(am.blank_answer(vocab), "Coopérative\nNour", "secteur_prive", vocab)
    view = ActorMapView(map_style(vocab))
    view.update(am.answer_table(answer, vocab))
    layer = actors_layer(view.svg())
    lines = [t for t in layer.iter(f"{SVG}text") if t.text in ("Coopérative", "Nour")]
    box = next(
        r
        for r in layer.iter(f"{SVG}rect")
        if float(r.get("x")) < float(lines[0].get("x")) < float(r.get("x")) + float(r.get("width"))
        and float(r.get("y"))
        < float(lines[0].get("y"))
        < float(r.get("y")) + float(r.get("height"))
    )
    top, bottom = float(box.get("y")), float(box.get("y")) + float(box.get("height"))
    first, second = (float(t.get("y")) for t in lines)
    assert top < first < second < bottom  # the baselines, in order, inside the box
    assert all(float(t.get("textLength")) < float(box.get("width")) for t in lines)


@pytest.mark.parametrize("corner", [(0, 0), (0, 5), (5, 0), (5, 5)])
def test_actors_piled_in_a_corner_leave_its_quadrant_name_readable(vocab, corner):
    """A fresh map has every actor at 0 / 0; a busy map may pile a dozen in one corner, with
    many resources each: no disc covers the quadrant name written in that corner."""
    answer = am.blank_answer(vocab)
    for name in LONG_NAMES[:2]:
        answer, _ = am.add_actor(answer, name, "associations", vocab)
    every = list(vocab.resources)
    for actor in answer["actors"]:
        answer = am.update_actor(
            answer,
            actor["id"],
            vocab,
            influence=corner[0],
            interest=corner[1],
            resources=every,
        )
    view = ActorMapView(map_style(vocab))
    view.update(am.answer_table(answer, vocab))
    layout = view.layout
    assert len(layout.names) == len(answer["actors"]) >= 12
    for x0, y0, x1, y1 in view.obstacles:
        nearest_x = np.clip(layout.points[:, 0], x0, x1)
        nearest_y = np.clip(layout.points[:, 1], y0, y1)
        gap = np.hypot(layout.points[:, 0] - nearest_x, layout.points[:, 1] - nearest_y)
        assert (gap > layout.radii).all(), "un disque recouvre le nom d’un quadrant"
