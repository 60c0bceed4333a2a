"""The audit's pictures written as SVG: the same radar and traffic-light table as the
matplotlib ones, no figure made."""

from __future__ import annotations

import math
import re
from xml.etree import ElementTree

import pandas as pd
import pytest

import tanmia_course as tc
from tanmia_course.exercises.audit.analysis import FEU_COLOURS, FEU_LABELS, feu, reference_answer
from tanmia_course.exercises.audit.audit_parts import LEARNER_COLOUR, REFERENCE_COLOUR
from tanmia_course.exercises.audit.audit_svg import feux_svg, radar_svg
from tanmia_course.exercises.audit.charts import radar, tableau_feux

SVG = "{http://www.w3.org/2000/svg}"


def parse(picture: str) -> ElementTree.Element:
    return ElementTree.fromstring(picture.encode("utf-8"))  # well-formed XML, or it raises


def page_size(root: ElementTree.Element) -> tuple[float, float]:
    return tuple(float(root.get(k).removesuffix("pt")) for k in ("width", "height"))


def test_the_radars_circle_is_where_the_figure_has_its_polar_axes(audit_table):
    root = parse(radar_svg(audit_table))
    figure = radar(audit_table).figure
    width, height = figure.get_size_inches() * 72
    assert page_size(root) == pytest.approx((width, height), abs=0.01)
    box = figure.axes[0].get_position()
    outer = next(c for c in root.iter(f"{SVG}circle") if c.get("stroke") == "#000000")
    assert float(outer.get("cx")) == pytest.approx((box.x0 + box.x1) / 2 * width, abs=0.01)
    assert float(outer.get("cy")) == pytest.approx((1 - (box.y0 + box.y1) / 2) * height, abs=0.01)
    assert float(outer.get("r")) == pytest.approx(box.width * width / 2, abs=0.01)


def test_each_rated_criterion_is_a_point_at_its_level_and_a_gap_where_not_rated(audit_table):
    root = parse(radar_svg(audit_table))
    outer = next(c for c in root.iter(f"{SVG}circle") if c.get("stroke") == "#000000")
    cx, cy, radius = (float(outer.get(k)) for k in ("cx", "cy", "r"))
    lines = (("votre_niveau", LEARNER_COLOUR), ("niveau_reference", REFERENCE_COLOUR))
    for column, colour in lines:
        points = [c for c in root.iter(f"{SVG}circle") if c.get("fill") == colour]
        rated = [
            (2 * math.pi * i / len(audit_table), float(v))
            for i, v in enumerate(audit_table[column])
            if not pd.isna(v)
        ]
        assert len(points) == len(rated)
        for circle, (angle, level) in zip(points, rated, strict=True):
            expected = (
                cx + radius * level / 3 * math.sin(angle),
                cy - radius * level / 3 * math.cos(angle),
            )
            assert (float(circle.get("cx")), float(circle.get("cy"))) == pytest.approx(
                expected, abs=0.01
            )
    paths = list(root.iter(f"{SVG}path"))  # the levels' lines first, the legend's after
    for column, colour in lines:
        d = next(p.get("d") for p in paths if p.get("stroke") == colour)
        rated = int(audit_table[column].notna().sum())
        assert rated == len(audit_table) - 1  # « duree » not rated (nor shown for the reference)
        assert d.count("M") == 2  # so the line breaks there…
        assert d.count("M") + d.count("L") == rated + 1  # …and joins the others, round
    dashed = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == REFERENCE_COLOUR]
    assert all(p.get("stroke-dasharray") for p in dashed)  # the reference, dashed
    written = [t.text for t in root.iter(f"{SVG}text")]
    assert written.count("(non noté)") == 1
    assert {"Votre audit", "Audit de référence"} <= set(written)  # the legend
    assert any("votre audit et la référence" in t for t in written)


def test_the_traffic_light_cells_have_each_levels_colour_and_name(audit_table):
    root = parse(feux_svg(audit_table))
    figure = tableau_feux(audit_table).figure
    assert page_size(root) == pytest.approx(tuple(figure.get_size_inches() * 72), abs=0.01)
    cells = [r for r in root.iter(f"{SVG}rect") if r.get("stroke") == "#FFFFFF"]
    assert len(cells) == 2 * len(audit_table)
    written = [t.text for t in root.iter(f"{SVG}text")]
    for n, value in enumerate(audit_table["votre_niveau"]):
        level = None if pd.isna(value) else int(value)
        assert cells[n].get("fill") == FEU_COLOURS[feu(level)]
        shown = "non noté" if level is None else f"{level} · {FEU_LABELS[feu(level)].lower()}"
        assert shown in written
    assert {"Votre audit", "Référence"} <= set(written)
    assert set(map(str, audit_table["critere"])) <= set(written)
    assert re.search(r"font-weight:700\">Votre audit<", feux_svg(audit_table))


def test_the_results_pictures_are_written_without_a_figure_until_one_is_asked_for(
    figures_made,
):
    answer = reference_answer(tc.etude_de_cas("minibus_des_collegiennes"))
    result = tc.analyser_audit("minibus_des_collegiennes", answer)
    assert "<svg" in result.radar()._repr_svg_() and "<svg" in result.feux()._repr_svg_()
    assert "data:image/svg+xml" in result._repr_html_()
    assert figures_made == []
    assert result.radar().figure.axes[0].name == "polar" and figures_made == [1]
