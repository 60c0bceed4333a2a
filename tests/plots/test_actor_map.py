"""The actor map pictures: legible labels, colours by stance, sizes by resources, and the
widget's kept figure, updated at each change, giving the picture a new figure gives."""

from __future__ import annotations

import itertools
from xml.etree import ElementTree

import numpy as np
import pytest

from tanmia_course.content.loader import load_content
from tanmia_course.display.picture import svg
from tanmia_course.exercises.actor_map import analysis as am
from tanmia_course.exercises.actor_map.charts import ActorMap, LiveMap, draw_actor_map, draw_links
from tanmia_course.exercises.actor_map.labels import PlacementImpossible
from tanmia_course.exercises.actor_map.layout import (
    LINK_COLOURS,
    Frame,
    label_size,
    map_style,
    marker_area,
    quadrant_boxes,
    quadrant_names,
    stance_colour,
)
from tanmia_course.exercises.actor_map.result import link_names

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


def svg_texts(picture: str) -> list[str]:
    """The texts of an SVG picture, kept as text for the browser to lay out (the picture
    must be well-formed XML, or this raises)."""
    root = ElementTree.fromstring(picture.encode("utf-8"))
    return [t.text for t in root.iter(f"{SVG}text")]


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
    written = svg_texts(svg(ax.figure))
    assert all(written.count(name) == 1 for name in table["nom"])  # each name once


def test_discs_show_stance_by_colour_and_resources_by_size(vocab):
    table = am.answer_table(am.reference_answer("tifawin", vocab), vocab)
    picture = ActorMap(map_style(vocab))
    picture.update(table)
    layout = picture.layout
    for name, (x, y), colour, size in zip(
        layout.names, layout.data, layout.colours, layout.areas, strict=True
    ):
        row = table[table["nom"] == name].iloc[0]
        assert abs(row["interet"] - x) < 0.3 and abs(row["influence"] - y) < 0.3
        assert colour == stance_colour(row["soutien"]), row["nom"]
        assert size == marker_area(row["nb_ressources"])
    assert np.allclose(picture.discs.get_offsets(), layout.data)  # the figure's own discs
    assert np.allclose(picture.discs.get_sizes(), layout.areas)
    assert stance_colour(-2) != stance_colour(2)
    assert marker_area(3) > marker_area(1)


def test_quadrants_are_named_by_their_strategy(vocab):
    names = {str(s.label) for s in vocab.strategies.values()}
    ax = draw_actor_map(am.answer_table(am.blank_answer(vocab), vocab), style=map_style(vocab))
    assert names <= {t.get_text() for t in ax.texts}
    assert ax.get_xlabel().startswith("Intérêt") and ax.get_ylabel().startswith("Influence")
    written = set(svg_texts(svg(ax.figure)))
    assert names <= written
    assert {
        "Intérêt pour le projet (de 0 (aucun) à 5 (très fort))",
        "Influence sur le projet (de 0 (aucune) à 5 (décisive))",
    } <= written  # each scale says what its ends mean
    assert {label for label, _ in map_style(vocab).stances} <= written  # the legend


def test_labels_keep_clear_of_the_quadrant_names_where_the_figure_writes_them(vocab):
    picture = ActorMap(map_style(vocab))
    ax = picture.ax
    renderer = ax.figure.canvas.get_renderer()
    texts = {t.get_text(): t for t in ax.texts}
    names = quadrant_names(map_style(vocab))
    boxes = quadrant_boxes(names, Frame.of(ax))
    assert np.allclose(boxes, picture.obstacles)
    for name, box in zip(names, boxes, strict=True):
        extent = texts[name.text].get_window_extent(renderer)
        assert np.allclose(box, extent.extents), name.text


def test_the_live_map_keeps_its_figure_and_redraws_only_what_changed(vocab, figures_made):
    answer = am.reference_answer("tifawin", vocab)
    live = LiveMap(map_style(vocab), link_names(vocab))
    drawn = dict(live.update(am.answer_table(answer, vocab), answer["links"]))
    assert set(drawn) == {"map", "links"} and len(figures_made) == 2
    assert (live.svg, live.links_svg) == (drawn["map"], drawn["links"])
    for influence in (1, 5, 3):  # a slider: the same figure, the map alone redrawn
        answer = am.update_actor(answer, "population", vocab, influence=influence)
        table = am.answer_table(answer, vocab)
        assert [name for name, _ in live.update(table, answer["links"])] == ["map"]
    assert len(figures_made) == 2
    assert list(live.update(table, answer["links"])) == []  # nothing changed, nothing drawn
    # The kept figure shows what a new figure of the same map shows, in two layers: what
    # never changes, and the actors alone.
    assert svg(live.map.ax.figure) == svg(draw_actor_map(table, style=map_style(vocab)).figure)
    assert sorted(svg_texts(live.svg)) == sorted(table["nom"])
    background = svg_texts(live.background)
    assert "Position envers le projet" in background and not set(table["nom"]) & set(background)
    answer = am.update_actor(answer, "population", vocab, stance="moteur")  # both pictures
    table = am.answer_table(answer, vocab)
    assert [name for name, _ in live.update(table, answer["links"])] == ["map", "links"]
    assert len(live.map.labels) == len(table)
    assert len(figures_made) == 3  # the two kept, and the new one just compared
    answer, _ = am.remove_actor(answer, "medias", vocab)
    table = am.answer_table(answer, vocab)
    list(live.update(table, answer["links"]))
    assert [t.get_text() for t in live.map.labels] == live.map.layout.names  # none left over
    assert len(live.links.arrows) == len(answer["links"])
    assert svg(live.map.ax.figure) == svg(draw_actor_map(table, style=map_style(vocab)).figure)
    assert live.links_svg == svg(draw_links(table, answer["links"], link_names(vocab)).figure)


def test_a_map_too_full_to_label_raises_and_keeps_its_last_pictures(vocab):
    answer = am.reference_answer("tifawin", vocab)
    live = LiveMap(map_style(vocab), link_names(vocab))
    list(live.update(am.answer_table(answer, vocab), answer["links"]))
    before = (live.svg, live.links_svg, [t.get_text() for t in live.map.labels])
    for k in range(70):
        name = f"{k:02d} " + "Coopérative des femmes du douar " * 2
        answer, _ = am.add_actor(answer, name, "cooperatives", vocab)
    with pytest.raises(PlacementImpossible, match="Trop d’acteurs"):
        live.update(am.answer_table(answer, vocab), answer["links"])
    assert (live.svg, live.links_svg, [t.get_text() for t in live.map.labels]) == before


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
    kinds = link_names(vocab)
    for ax in (
        draw_actor_map(table, style=map_style(vocab)),
        draw_links(table, answer["links"], kinds),
    ):
        assert name in svg_texts(svg(ax.figure))


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
    ax = draw_actor_map(am.answer_table(answer, vocab), style=map_style(vocab))
    assert name in svg_texts(svg(ax.figure))


def test_the_map_before_any_actor_is_the_grid_alone(vocab):
    picture = ActorMap(map_style(vocab))
    assert picture.labels == [] and len(picture.discs.get_offsets()) == 0
    assert picture.lines.get_segments() == []
    assert "Position envers le projet" in svg_texts(svg(picture.ax.figure))


def test_a_labels_box_is_measured_to_the_size_of_its_text():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from tanmia_course.exercises.actor_map.layout import FONT_SIZE, LABEL_PAD

    figure = Figure(dpi=96)
    renderer = FigureCanvasAgg(figure).get_renderer()
    names = [*LONG_NAMES, "Caïdat", "Pères du douar d’Igherm", "Tontine $\\nope{$", "Deux\nlignes"]
    for fontsize in (FONT_SIZE, FONT_SIZE * 0.7):
        pad = 2 * LABEL_PAD * fontsize * 96 / 72 + 1
        text = figure.text(0, 0, "", fontsize=fontsize, parse_math=False)
        for name in names:
            text.set_text(name)
            extent = text.get_window_extent(renderer)
            expected = (extent.width + pad, extent.height + pad)
            assert label_size(name, fontsize) == pytest.approx(expected)  # as on a figure


def test_a_name_of_two_lines_is_written_line_under_line_inside_its_box(vocab):
    answer, _ = am.add_actor(am.blank_answer(vocab), "Coopérative\nNour", "secteur_prive", vocab)
    ax = draw_actor_map(am.answer_table(answer, vocab), style=map_style(vocab))
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    (label,) = [t for t in ax.texts if t.get_text() == "Coopérative\nNour"]
    box = label.get_bbox_patch().get_window_extent(renderer)
    text = label.get_window_extent(renderer)
    assert box.x0 < text.x0 < text.x1 < box.x1 and box.y0 < text.y0 < text.y1 < box.y1
    written = svg_texts(svg(ax.figure))
    assert written.index("Coopérative") + 1 == written.index("Nour")  # line under line


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
    picture = ActorMap(map_style(vocab))
    picture.update(am.answer_table(answer, vocab))
    layout = picture.layout
    assert len(layout.names) == len(answer["actors"]) >= 12
    for x0, y0, x1, y1 in picture.obstacles:
        nearest_x = np.clip(layout.points[:, 0], x0, x1)
        nearest_y = np.clip(layout.points[:, 1], y0, y1)
        gap = np.hypot(layout.points[:, 0] - nearest_x, layout.points[:, 1] - nearest_y)
        assert (gap > layout.radii).all(), "un disque recouvre le nom d’un quadrant"
