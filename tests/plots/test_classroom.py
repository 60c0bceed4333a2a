"""Figures of the class view: they draw what the tables say, and learner text stays text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex

import tanmia_course as tc
from tanmia_course.classroom.charts import (
    AGREEMENT_GROUP_COLOURS,
    PARTICIPATION_LEGEND,
    agreement_chart,
    audit_heatmap,
    class_actor_map,
    participation_chart,
    plain,
)
from tanmia_course.display.picture import svg


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
    drawn = svg(ax.figure)
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
    assert "Groupe $\\frac{1}{0}$ $x" in svg(ax.figure)  # shown as typed; invalid maths would raise
    assert ax.get_yticklabels()[1].get_text().count("\\$") == 3


def test_the_participation_chart_counts_accepted_and_refused_answers(demo):
    table = demo.participation().rename(columns={"quiz_lecon_02": "quiz <$2$> & co"})
    exercises = [c for c in table.columns if c != "nb_exercices"]
    ax = participation_chart(table)
    accepted, refused = ax.containers
    assert [int(b.get_width()) for b in accepted] == [
        int((table[c] == "✓").sum()) for c in exercises
    ]
    assert [int(b.get_width()) for b in refused] == [
        int((table[c] == "✗").sum()) for c in exercises
    ]
    assert int(refused[0].get_width()) == 1  # P25's map
    assert [b.get_x() for b in refused] == [b.get_width() for b in accepted]  # after them
    (_, green), (_, red) = PARTICIPATION_LEGEND
    assert {to_hex(b.get_facecolor()) for b in accepted} == {green.lower()}
    assert {to_hex(b.get_facecolor()) for b in refused} == {red.lower()}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        label for label, _ in PARTICIPATION_LEGEND
    ]
    assert ax.get_xlim() == (0, len(table))
    assert "quiz &lt;$2$&gt; &amp; co" in svg(ax.figure)  # as typed: no maths, escaped


@pytest.mark.parametrize("everyone", [False, True], ids=["classe de démo", "tout rendu"])
def test_the_participation_legend_covers_no_bar(demo, everyone, texts_inside):
    """The legend sits outside the bars, also when every learner handed in everything (the
    bars then reach the right edge, where a legend inside the Axes used to cover one)."""
    table = demo.participation()
    if everyone:
        exercises = [c for c in table.columns if c != "nb_exercices"]
        table[exercises] = "✓"
        table.iloc[0, 0] = "✗"  # one refused answer: both colours are drawn
    ax = participation_chart(table)
    texts_inside(ax.figure)  # lays the figure out, and the legend's texts are on it
    legend = ax.get_legend().get_window_extent()
    bars = [bar for container in ax.containers for bar in container if bar.get_width() > 0]
    assert bars
    for bar in bars:
        assert not legend.overlaps(bar.get_window_extent()), bar
    assert legend.y1 <= ax.get_window_extent().y0  # under the Axes
    assert legend.y1 <= ax.xaxis.label.get_window_extent().y0  # and under the scale's name


@pytest.mark.parametrize("chart", ["participation", "map", "audits", "conventions"])
def test_every_text_of_the_class_charts_is_inside_the_figure(demo, chart, texts_inside):
    if chart == "conventions":
        drafts = demo.convention("minibus_des_collegiennes")
        ax = agreement_chart(drafts.elements, len(drafts.participants))
    elif chart == "participation":
        ax = participation_chart(demo.participation())
    elif chart == "map":
        ax = class_actor_map(demo.carte_acteurs(), {("high", "high"): "Associer étroitement"})
    else:
        audit = demo.audit("minibus_des_collegiennes")
        ax = audit_heatmap(audit.niveaux, audit.reference)
    texts_inside(ax.figure)


def test_learner_text_is_escaped_inside_the_svg():
    levels = pd.DataFrame([[1, 2]], index=["<script>alert(1)</script>"], columns=["a", "b"])
    ax = audit_heatmap(levels.astype("Int64"), pd.Series({"a": 2, "b": 2}, dtype="Int64"))
    drawn = svg(ax.figure)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in drawn and "<script" not in drawn


def test_the_class_report_embeds_each_figure_once_as_svg_with_its_text(demo):
    import base64
    import re

    html = demo.rapport_html()
    images = re.findall(
        r"<img class='tanmia-figure' alt='([^']*)' src='data:image/svg\+xml;base64,([^']+)'", html
    )
    described = [alt for alt, _ in images]
    assert described == [
        "Qui a rendu quoi",
        "La carte des acteurs de la classe",
        "Le consensus de la classe",
        *(f"Audits de la classe — {a.titre}" for a in demo.audits().values()),
        *(
            f"Ce que protègent les projets de convention — {c.titre}"
            for c in demo.conventions().values()
        ),
    ]
    pictures = [base64.b64decode(data).decode("utf-8") for _, data in images]
    assert all(p.lstrip().startswith("<?xml") for p in pictures)
    assert "réponse acceptée" in pictures[0] and "Ce que le groupe attend" in pictures[2]
    # The same class gives the same pictures: a report can be compared with the last one.
    again = re.findall(r"src='data:image/svg\+xml;base64,([^']+)'", demo.rapport_html())
    assert again == [data for _, data in images]
    assert "<img" not in demo.rapport_html(figures=False)


def test_the_drafts_chart_draws_each_items_share_with_its_label_and_count(demo):
    drafts = demo.convention("minibus_des_collegiennes")
    items, n = drafts.elements, len(drafts.participants)
    ax = agreement_chart(items, n)
    (bars,) = ax.containers
    assert [b.get_width() for b in bars] == pytest.approx(list(items["part"] * 100))
    assert [t.get_text() for t in ax.get_yticklabels()] == [plain(x, 48) for x in items["nom"]]
    counts = [t.get_text() for t in ax.texts]
    assert counts == [f"{k} sur {n}" for k in items["nb_protegent"]]
    # the group of each bar: its colour, and the legend names the groups in the guide's order
    assert [to_hex(b.get_facecolor()) for b in bars] == [
        AGREEMENT_GROUP_COLOURS[k].lower() for k in items["type"]
    ]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(
        dict.fromkeys(items["groupe"])
    )
    drawn = svg(ax.figure)
    assert "Transparence" in drawn and f"{n} projets" in drawn
