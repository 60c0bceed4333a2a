"""The actor map pictures: legible labels, colours by stance, sizes by resources, fast redraw."""

from __future__ import annotations

import itertools
from xml.etree import ElementTree

import numpy as np
import pytest

from tanmia_course.actor_map import map_style
from tanmia_course.loader import load_content
from tanmia_course.logic import actor_map as am
from tanmia_course.plots.actor_map import (
    LINK_COLOURS,
    ActorMapView,
    draw_actor_map,
    draw_links,
    marker_area,
    stance_colour,
)
from tanmia_course.plots.picture import svg

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
    offsets = view.discs.get_offsets()
    colours = view.discs.get_facecolors()
    sizes = view.discs.get_sizes()
    for (x, y), colour, size in zip(offsets, colours, sizes, strict=True):
        near = (abs(table["interet"] - x) < 0.3) & (abs(table["influence"] - y) < 0.3)
        row = table[near].iloc[0]
        shown = "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in colour[:3]))
        assert shown == stance_colour(row["soutien"]), row["nom"]
        assert size == marker_area(row["nb_ressources"])
    assert stance_colour(-2) != stance_colour(2)
    assert marker_area(3) > marker_area(1)


def test_quadrants_are_named_by_their_strategy(vocab):
    view = ActorMapView(map_style(vocab))
    titles = {t.get_text() for t in view.titles}
    assert titles == {str(s.label) for s in vocab.strategies.values()}
    assert view.ax.get_xlabel().startswith("Intérêt") and view.ax.get_ylabel().startswith(
        "Influence"
    )


def actors_layer(picture: str):
    """The actors written on the map's grid: discs, labels (with their boxes) and lines."""
    root = ElementTree.fromstring(picture.encode("utf-8"))  # well-formed XML, or it raises
    layer = root.find(f"{SVG}g[@id='acteurs']")
    assert layer is not None
    return layer


def test_the_fast_redraw_renders_the_grid_once_and_writes_the_actors_where_the_figure_has_them(
    vocab, monkeypatch
):
    import tanmia_course.plots.actor_map as plots

    rendered = []
    real_svg = plots.svg
    monkeypatch.setattr(plots, "svg", lambda figure: rendered.append(1) or real_svg(figure))
    answer = am.reference_answer("tifawin", vocab)
    view = ActorMapView(map_style(vocab))
    figure, n_children = view.figure, None
    for influence in (1, 5, 3):
        answer = am.update_actor(answer, "population", vocab, influence=influence)
        table = am.answer_table(answer, vocab)
        view.update(table)
        picture = view.svg()
        children = len(view.ax.get_children())
        n_children = n_children or children
        assert view.figure is figure and children == n_children
    assert len(rendered) == 1  # the grid, once; each redraw only writes the actors
    layer = actors_layer(picture)
    scale, top = 72 / figure.dpi, figure.bbox.height

    def to_points(xy):
        x, y = view.ax.transData.transform(xy)
        return round(x * scale, 1), round((top - y) * scale, 1)

    discs = {
        (round(float(c.get("cx")), 1), round(float(c.get("cy")), 1)): c
        for c in layer.iter(f"{SVG}circle")
    }
    assert len(discs) == len(table)
    for xy, area in zip(view.discs.get_offsets(), view.discs.get_sizes(), strict=True):
        disc = discs[to_points(xy)]
        assert float(disc.get("r")) == pytest.approx(np.sqrt(area / np.pi), abs=0.01)
    population = table.loc["population"]
    where = to_points((population["interet"], 3))
    assert discs[where].get("fill") == stance_colour(population["soutien"])
    texts = {t.text: t for t in layer.iter(f"{SVG}text")}
    assert set(texts) == set(table["nom"])
    boxes = [
        (float(r.get("x")), float(r.get("y")), float(r.get("width")), float(r.get("height")))
        for r in layer.iter(f"{SVG}rect")
    ]
    assert len(boxes) == len(table)
    for text in view.labels.shown():  # the figure's own labels, where a full render has them
        shown = texts[text.get_text()]
        x, y = to_points(text.get_position())
        box = next(b for b in boxes if b[0] <= x <= b[0] + b[2] and b[1] <= y <= b[1] + b[3])
        assert float(shown.get("x")) == pytest.approx(x, abs=0.1)
        assert box[1] < float(shown.get("y")) < box[1] + box[3]  # the baseline, inside
        assert float(shown.get("textLength")) < box[2]  # stretched to fit, never beyond
    for (x0, y0, w0, h0), (x1, y1, w1, h1) in itertools.combinations(boxes, 2):
        assert x0 + w0 <= x1 or x1 + w1 <= x0 or y0 + h0 <= y1 or y1 + h1 <= y0


def test_the_links_view_draws_one_arrow_per_link_with_a_legend(vocab):
    answer = am.reference_answer("tifawin", vocab)
    table = am.answer_table(answer, vocab)
    kinds = {k: str(t.label) for k, t in vocab.link_types.items()}
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
    kinds = {k: str(t.label) for k, t in vocab.link_types.items()}
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
    kinds = {k: str(t.label) for k, t in vocab.link_types.items()}
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


def test_a_labels_box_is_measured_to_the_size_of_its_text(vocab):
    from tanmia_course.plots.actor_map import _LABEL_PAD, FONT_SIZE, _px, _renderer

    view = ActorMapView(map_style(vocab))
    renderer = _renderer(view.figure)
    names = [*LONG_NAMES, "Caïdat", "Pères du douar d’Igherm", "Tontine $\\nope{$", "Deux\nlignes"]
    for fontsize in (FONT_SIZE, FONT_SIZE * 0.7):
        sizes = view.labels.measure(names, fontsize, renderer)
        pad = 2 * _px(_LABEL_PAD * fontsize, view.figure) + 1
        text = view.ax.text(0, 0, "", fontsize=fontsize, parse_math=False)
        for name, (width, height) in zip(names, sizes, strict=True):
            text.set_text(name)
            extent = text.get_window_extent(renderer)
            assert (width, height) == pytest.approx((extent.width + pad, extent.height + pad))


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
