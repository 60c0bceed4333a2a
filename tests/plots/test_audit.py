"""Plots of an audit: the radar of the criteria and the traffic-light table."""

from __future__ import annotations

import math

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from tanmia_course.exercises.audit.analysis import FEU_COLOURS
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


def _drawn(ax):
    canvas = FigureCanvasAgg(ax.figure)
    canvas.draw()
    return canvas.get_renderer()


def test_the_radar_labels_stay_clear_of_the_circle_and_inside_the_figure(audit_table):
    ax = radar(audit_table)
    renderer = _drawn(ax)
    circle = ax.get_window_extent(renderer)
    centre, radius = ((circle.x0 + circle.x1) / 2, (circle.y0 + circle.y1) / 2), circle.width / 2
    page = ax.figure.bbox
    for text in [*ax.texts, ax.title, *ax.get_legend().get_texts()]:
        box = text.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1
    for text in ax.texts:  # the box's nearest point to the centre is outside the circle
        box = text.get_window_extent(renderer)
        nearest_x = min(max(centre[0], box.x0), box.x1)
        nearest_y = min(max(centre[1], box.y0), box.y1)
        assert math.hypot(nearest_x - centre[0], nearest_y - centre[1]) > radius, text
    title = ax.title.get_window_extent(renderer)
    assert all(not title.overlaps(t.get_window_extent(renderer)) for t in ax.texts)


def test_the_traffic_light_table_holds_every_name_inside_the_figure(audit_table):
    ax = tableau_feux(audit_table)
    renderer = _drawn(ax)
    page = ax.figure.bbox
    for text in [*ax.texts, ax.title]:
        box = text.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1


def test_the_radar_uses_the_callers_polar_axes_and_refuses_flat_ones(audit_table):
    figure = Figure()
    polar = figure.add_subplot(projection="polar")
    assert radar(audit_table, ax=polar) is polar
    with pytest.raises(ValueError, match="axes polaires"):
        radar(audit_table, ax=Figure().add_subplot())


def test_a_table_without_the_levels_is_refused_in_french(audit_table):
    with pytest.raises(ValueError, match="il manque : niveau_reference"):
        radar(audit_table.drop(columns="niveau_reference"))


def test_the_traffic_light_table_colours_and_writes_each_level(audit_table):
    ax = tableau_feux(audit_table)
    cells = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(cells) == 22
    texts = [t.get_text() for t in ax.texts]
    assert "Votre audit" in texts and "Référence" in texts
    assert "non noté" in texts and "0 · rouge" in texts and "3 · vert" in texts
    colours = {tuple(round(c, 3) for c in p.get_facecolor()[:3]) for p in cells}
    from matplotlib.colors import to_rgb

    expected = {
        tuple(round(c, 3) for c in to_rgb(FEU_COLOURS[k])) for k in ("vert", "ambre", "rouge", None)
    }
    assert colours == expected
    assert ax.get_title().startswith("Feux par critère")


def test_criterion_names_with_dollars_are_drawn_as_typed(audit_table):
    from tanmia_course.display.picture import svg

    named = audit_table.assign(
        critere=["Budget de 10 $ \\nope{ par an $", *audit_table["critere"][1:]]
    )
    for ax in (radar(named), tableau_feux(named)):
        assert "\\nope{ par an" in svg(ax.figure)  # invalid maths would raise
