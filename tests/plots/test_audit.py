"""Charts of an audit: the radar of the criteria and the traffic-light table."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

import tanmia_course as tc
from tanmia_course.content.verdict import feu
from tanmia_course.display.palette import FEU_COLOURS
from tanmia_course.display.picture import svg
from tanmia_course.exercises.audit.analysis import reference_answer
from tanmia_course.exercises.audit.charts import (
    LEARNER_COLOUR,
    REFERENCE_COLOUR,
    radar,
    tableau_feux,
)


def test_the_radar_draws_both_audits_on_the_eleven_criteria(audit_table):
    ax = radar(audit_table)
    lines = [
        line for line in ax.get_lines() if line.get_label() in ("Votre audit", "Audit de référence")
    ]
    assert {line.get_label() for line in lines} == {"Votre audit", "Audit de référence"}
    colours = {line.get_label(): line.get_color() for line in lines}
    assert colours == {"Votre audit": LEARNER_COLOUR, "Audit de référence": REFERENCE_COLOUR}
    labels = [t.get_text() for t in ax.texts]  # one per criterion, clockwise from the top
    assert len(labels) == 11 and len(ax.get_xticks()) == 11  # and one spoke each
    assert labels[0].replace("\n", " ") == "Convergence des finalités"
    assert sum("(non noté)" in label for label in labels) == 1
    assert ax.get_ylim() == (0, 3)
    assert "votre audit et la référence" in ax.get_title()


def test_each_criterion_is_a_point_at_its_level_and_a_gap_where_not_rated(audit_table):
    ax = radar(audit_table)
    lines = {line.get_label(): line for line in ax.get_lines()}
    angles = [2 * math.pi * i / len(audit_table) for i in range(len(audit_table))]
    for label, column in (
        ("Votre audit", "votre_niveau"),
        ("Audit de référence", "niveau_reference"),
    ):
        line = lines[label]
        levels = [math.nan if pd.isna(v) else float(v) for v in audit_table[column]]
        assert list(line.get_xdata()) == pytest.approx([*angles, angles[0]])  # round, closed
        assert list(line.get_ydata()) == pytest.approx([*levels, levels[0]], nan_ok=True)
        assert sum(math.isnan(v) for v in levels) == 1  # « duree » not rated: the line breaks
    assert lines["Audit de référence"].get_linestyle() == "--"  # the reference, dashed
    assert lines["Votre audit"].get_linestyle() == "-"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Audit de référence",
        "Votre audit",
    ]


def _drawn(ax):
    canvas = FigureCanvasAgg(ax.figure)
    canvas.draw()
    return canvas.get_renderer()


def test_the_radar_labels_stay_clear_of_the_circle_and_inside_the_figure(audit_table, texts_inside):
    ax = radar(audit_table)
    texts_inside(ax.figure)
    renderer = _drawn(ax)
    circle = ax.get_window_extent(renderer)
    centre, radius = ((circle.x0 + circle.x1) / 2, (circle.y0 + circle.y1) / 2), circle.width / 2
    for text in ax.texts:  # the box's nearest point to the centre is outside the circle
        box = text.get_window_extent(renderer)
        nearest_x = min(max(centre[0], box.x0), box.x1)
        nearest_y = min(max(centre[1], box.y0), box.y1)
        assert math.hypot(nearest_x - centre[0], nearest_y - centre[1]) > radius, text
    title = ax.title.get_window_extent(renderer)
    legend = ax.get_legend().get_window_extent(renderer)
    for text in ax.texts:
        box = text.get_window_extent(renderer)
        assert not title.overlaps(box) and not legend.overlaps(box), text


def test_the_traffic_light_table_holds_every_name_inside_the_figure(audit_table, texts_inside):
    ax = tableau_feux(audit_table)
    boxes = texts_inside(ax.figure)
    title = boxes[ax.title]
    assert not any(title.overlaps(boxes[t]) for t in ax.get_xticklabels())


def test_the_radar_uses_the_callers_polar_axes_and_refuses_flat_ones(audit_table):
    figure = Figure()
    polar = figure.add_subplot(projection="polar")
    assert radar(audit_table, ax=polar) is polar
    with pytest.raises(ValueError, match="axes polaires"):
        radar(audit_table, ax=Figure().add_subplot())


def test_a_table_without_the_levels_is_refused_in_french(audit_table):
    with pytest.raises(ValueError, match="il manque\xa0: niveau_reference"):
        radar(audit_table.drop(columns="niveau_reference"))


def test_the_traffic_light_table_colours_and_writes_each_level(audit_table):
    ax = tableau_feux(audit_table)
    n = len(audit_table)
    cells = [p for p in ax.patches if isinstance(p, Rectangle)]
    texts = [t.get_text() for t in ax.texts]
    assert len(cells) == len(texts) == 2 * n  # your audit, then the reference
    for i, (column, empty) in enumerate((("votre_niveau", "non noté"), ("niveau_reference", "—"))):
        for row, value in enumerate(audit_table[column]):
            level = None if pd.isna(value) else int(value)
            light = feu(level)
            assert to_hex(cells[i * n + row].get_facecolor()) == FEU_COLOURS[light].lower()
            shown = empty if light is None else f"{level} · {light}"
            assert texts[i * n + row] == shown
    assert "0 · rouge" in texts and "3 · vert" in texts
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Votre audit", "Référence"]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(audit_table["critere"])
    assert ax.get_title().startswith("Feux par critère")


def test_criterion_names_with_dollars_are_drawn_as_typed(audit_table):
    named = audit_table.assign(
        critere=["Budget de 10 $ \\nope{ par an $", *audit_table["critere"][1:]]
    )
    for ax in (radar(named), tableau_feux(named)):
        assert "\\nope{ par an $" in svg(ax.figure)  # as typed: invalid maths would raise


def test_the_results_pictures_are_drawn_once_and_shown_as_svg():
    answer = reference_answer(tc.etude_de_cas("minibus_des_collegiennes"))
    result = tc.analyser_audit("minibus_des_collegiennes", answer)
    assert result.radar() is result.radar() and result.feux() is result.feux()
    assert "<svg" in result.radar()._repr_svg_() and "<svg" in result.feux()._repr_svg_()
    assert result.radar().figure.axes[0].name == "polar"
    assert "data:image/svg+xml" in result._repr_html_()


def test_the_pictures_of_levels_say_what_the_levels_mean(audit_table):
    """0 to 3 is not enough: the radar and the class's heatmap name the ends of the scale."""
    from tanmia_course.classroom.charts import audit_heatmap
    from tanmia_course.content.verdict import LEVEL_RANGE

    assert LEVEL_RANGE in radar(audit_table).get_title()
    audit = tc.classe().audit("minibus_des_collegiennes")
    assert LEVEL_RANGE in audit_heatmap(audit.niveaux, audit.reference).get_title()
