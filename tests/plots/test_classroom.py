"""Figures of the class view: they draw what the tables say, and learner text stays text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

import tanmia_course as tc
from tanmia_course.classroom.charts import (
    audit_heatmap,
    class_actor_map,
    participation_chart,
    plain,
    svg,
)


@pytest.fixture(scope="module")
def demo():
    return tc.classe()


def test_the_class_map_puts_each_actor_at_its_medians(demo):
    table = demo.carte_acteurs()
    ax = class_actor_map(table, {("high", "high"): "Associer étroitement"})
    assert isinstance(ax, Axes)
    (points,) = ax.collections[-1:]
    offsets = points.get_offsets()
    assert np.allclose(offsets[:, 0], table["interet"]) and np.allclose(
        offsets[:, 1], table["influence"]
    )
    texts = {t.get_text() for t in ax.texts}
    assert "Associer étroitement" in texts
    assert {plain(n, 28) for n in table["nom"]} <= texts
    drawn = svg(ax)
    assert drawn.lstrip().startswith("<?xml") and "<svg" in drawn
    assert "Associer étroitement" in drawn  # the text stays text: sharp, searchable


def test_the_heatmap_writes_every_level_and_the_reference_first(demo):
    audit = demo.audit("minibus_des_collegiennes")
    ax = audit_heatmap(audit.niveaux, audit.reference)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Référence" and labels[1:] == [plain(n, 30) for n in audit.niveaux.index]
    written = [t.get_text() for t in ax.texts]
    assert len(written) == audit.niveaux.size + audit.niveaux.shape[1]


def test_learner_names_never_turn_into_matplotlib_maths():
    levels = pd.DataFrame([[1, 2]], index=["Groupe $\\frac{1}{0}$ $x"], columns=["a", "b"])
    ax = audit_heatmap(levels.astype("Int64"), pd.Series({"a": 2, "b": 2}, dtype="Int64"))
    assert "Groupe $\\frac{1}{0}$ $x" in svg(ax)  # shown as typed; invalid maths would raise
    assert ax.get_yticklabels()[1].get_text().count("\\$") == 3


def test_the_participation_chart_counts_accepted_and_refused_answers(demo):
    ax = participation_chart(demo.participation())
    accepted, refused = ax.containers
    assert [int(b.get_width()) for b in accepted] == [
        int((demo.participation()[c] == "✓").sum()) for c in demo.exercices()
    ]
    assert int(refused[0].get_width()) == 1  # P25's map


def test_learner_text_is_escaped_inside_the_svg():
    levels = pd.DataFrame([[1, 2]], index=["<script>alert(1)</script>"], columns=["a", "b"])
    drawn = svg(audit_heatmap(levels.astype("Int64"), pd.Series({"a": 2, "b": 2}, dtype="Int64")))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in drawn and "<script" not in drawn


def test_the_participation_svg_counts_the_same_as_the_figure_without_one(demo, figures_made):
    from xml.etree import ElementTree

    from tanmia_course.classroom.classroom_svg import PARTICIPATION_LEGEND, participation_svg

    table = demo.participation().rename(columns={"quiz_lecon_02": "quiz <$2$> & co"})
    figure = participation_chart(table).figure
    width, height = figure.get_size_inches() * 72
    figures_made.clear()  # the figure above, to compare with
    root = ElementTree.fromstring(participation_svg(table).encode("utf-8"))
    assert figures_made == []
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("width") == f"{width:.2f}pt" and root.get("height") == f"{height:.2f}pt"
    frame = next(r for r in root.iter(f"{ns}rect") if r.get("fill") == "none")
    per_participant = float(frame.get("width")) / len(table)
    bars = list(root.find(f"{ns}g[@id='barres']").iter(f"{ns}rect"))
    (_, green), (_, red) = PARTICIPATION_LEGEND
    exercises = [c for c in table.columns if c != "nb_exercices"]
    accepted = [round(float(b.get("width")) / per_participant) for b in bars[0::2]]
    refused = [round(float(b.get("width")) / per_participant) for b in bars[1::2]]
    assert {b.get("fill") for b in bars[0::2]} == {green}
    assert {b.get("fill") for b in bars[1::2]} == {red}
    assert accepted == [int((table[c] == "✓").sum()) for c in exercises]
    assert refused == [int((table[c] == "✗").sum()) for c in exercises]
    written = [t.text for t in root.iter(f"{ns}text")]
    assert "quiz <$2$> & co" in written  # as typed: no maths, escaped for SVG
    assert {label for label, _ in PARTICIPATION_LEGEND} <= set(written)
    legend = next(r for r in root.iter(f"{ns}rect") if r.get("stroke") == "#CCCCCC")
    axes_bottom = float(frame.get("y")) + float(frame.get("height"))
    legend_bottom = float(legend.get("y")) + float(legend.get("height"))
    assert legend_bottom == pytest.approx(axes_bottom - 4, abs=0.02)  # inside, lower right
