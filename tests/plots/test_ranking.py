"""Charts of the ranking exercise: the right bars, cells and marks, French labels, legible."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import tanmia_course as tc
from tanmia_course.display.palette import colours_for
from tanmia_course.display.picture import Graphique, svg
from tanmia_course.exercises.ranking.analysis import CONSENSUS_COLUMNS
from tanmia_course.exercises.ranking.charts import (
    comparison_chart,
    consensus_chart,
    heatmap,
    rank_colours,
    short_label,
)


@pytest.fixture(scope="module")
def classe():
    return tc.classement_classe()


@pytest.fixture(scope="module")
def comparison(classe):
    """Three benefits placed, the group's last three: the rest left out."""
    ids = list(classe.consensus.index)
    return tc.comparer_classement({"mode": "premiers", "ordre": ids[-3:]}, classe)


def labels(ticks) -> list[str]:
    return [t.get_text() for t in ticks]


def test_long_labels_are_wrapped_and_cut_only_when_needed():
    name = "Sensibiliser d’autres acteurs sur les enjeux du développement local"
    two_lines = short_label(name, 34)
    assert two_lines == "Sensibiliser d’autres acteurs sur\nles enjeux du développement local"
    cut = short_label(name, 20)
    assert cut.count("\n") == 1 and cut.endswith("…")
    assert all(len(line) <= 20 for line in cut.splitlines())
    assert short_label("Elargir la réflexion", 30, 1) == "Elargir la réflexion"


def test_the_consensus_bars_are_the_groups_points_most_on_top_coloured_by_theme(classe):
    table = classe.consensus
    n = len(table)
    ax = consensus_chart(classe)
    bars = ax.containers[0]
    # the bars are the table's Borda points (a mean), and say so with the table's heading
    assert [bar.get_width() for bar in bars] == pytest.approx(list(table["points_borda"]))
    assert list(table["points_borda"]) == pytest.approx(list(n - table["rang_moyen"]), abs=0.01)
    assert ax.get_xlabel().startswith(f"{CONSENSUS_COLUMNS['points_borda']}\xa0:")
    assert [bar.get_y() + bar.get_height() / 2 for bar in bars] == list(range(n))
    assert ax.get_ylim() == (n - 0.5, -0.5)  # the first on top
    themes = colours_for(list(table["theme_nom"]))
    assert [to_hex(bar.get_facecolor()) for bar in bars] == [
        themes[t].lower() for t in table["theme_nom"]
    ]
    rows = labels(ax.get_yticklabels())  # one label per row, top to bottom
    assert rows == [
        f"{int(r)}. {short_label(nm)}" for r, nm in zip(table["rang"], table["nom"], strict=True)
    ]
    assert "Ce que le groupe attend" in ax.get_title()
    assert "Borda" in ax.get_xlabel() and "écarts réguliers" in ax.get_xlabel()
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "Thème (regroupement du cours)"
    assert labels(legend.get_texts()) == sorted(table["theme_nom"].unique())


def test_the_heatmap_colours_each_rank_and_greys_out_what_was_not_placed(classe):
    ax = heatmap(classe)
    image = ax.get_images()[0]
    data = image.get_array()
    n, m = len(classe.consensus), len(classe.participants)
    assert data.shape == (n, m)
    first = classe.participants.index[0]
    assert list(data[:, 0].filled(0)) == list(
        classe.rangs.loc[first, classe.consensus.index].where(
            classe.places.loc[first, classe.consensus.index], 0
        )
    )
    assert data.mask.sum() == (~classe.places.to_numpy()).sum()
    assert "gris : non placé" in ax.get_title()
    assert labels(ax.get_yticklabels())[0].startswith("1. ")
    assert labels(ax.get_xticklabels())[:2] == ["P01 (association de…", "P02 (association de…"]
    assert ax.get_xlabel() == "Participants"
    legend = ax.get_legend()  # the scale: a few ranks' colours, and the grey of « not placed »
    assert labels(legend.get_texts()) == ["1", "5", "10", "15", "20", "non placé"]
    first_rank, *_, grey = legend.legend_handles
    cmap, norm = rank_colours(n)
    assert tuple(first_rank.get_facecolor()) == tuple(cmap(norm(1)))
    assert to_hex(grey.get_facecolor()) == "#bbbbbb" == to_hex(image.cmap.get_bad())


def test_the_comparison_marks_your_rank_beside_the_group(comparison):
    table = comparison.tableau
    ax = comparison_chart(comparison)
    assert "Votre classement à côté de celui du groupe" in ax.get_title()
    assert labels(ax.get_legend().get_texts()) == [
        "Moitié centrale du groupe",
        "Rang moyen du groupe",
        "Votre rang",
        "Non placé par vous (ex aequo)",
    ]
    assert ax.get_xlabel() == "Rang (1 = le plus important)"
    assert labels(ax.get_yticklabels()) == [short_label(n) for n in table["nom"]]
    marks = {line.get_label(): line for line in ax.get_lines()}
    mean = marks["Rang moyen du groupe"]
    assert list(mean.get_xdata()) == pytest.approx(list(table["rang_moyen_groupe"]))
    mine = marks["Votre rang"]
    placed = table["votre_rang"].notna().to_numpy()
    assert list(mine.get_xdata()) == list(table["votre_rang"][placed])
    assert list(mine.get_ydata()) == list(np.flatnonzero(placed))
    left_out = marks["Non placé par vous (ex aequo)"]
    assert len(left_out.get_xdata()) == (~placed).sum() == len(table) - 3


def test_plots_draw_into_a_given_axes_and_the_notebook_gets_an_svg(classe):
    ax = Figure().add_subplot()
    assert consensus_chart(classe, ax=ax) is ax
    picture = tc.graphique_consensus(classe)
    assert isinstance(picture, Graphique)
    assert "<svg" in picture._repr_svg_() and not hasattr(picture, "_repr_png_")
    assert repr(picture).startswith("Graphique : consensus du groupe")
    assert picture.figure.axes[0].get_title().startswith("Ce que le groupe attend")
    assert "<svg" in tc.carte_classements()._repr_svg_()
    assert "<svg" in tc.graphique_comparaison([classe.consensus.index[0]])._repr_svg_()


def test_the_same_chart_gives_the_same_svg(classe):
    assert tc.graphique_consensus(classe).svg == tc.graphique_consensus(classe).svg
    assert tc.carte_classements(classe).svg == tc.carte_classements(classe).svg


def test_the_class_title_is_shown_as_the_trainer_named_it(classe):
    named = dataclasses.replace(classe, titre="Atelier <2025.11> & $\\nope{$")
    ids = list(classe.consensus.index)
    comparison = tc.comparer_classement({"mode": "premiers", "ordre": ids[:3]}, named)
    for ax in (consensus_chart(named), comparison_chart(comparison)):
        assert "Atelier <2025.11> & $\\nope{$" in ax.get_title()  # its dot kept, no maths
        # Escaped for SVG, and shown as typed: invalid maths would raise.
        assert "Atelier &lt;2025.11&gt; &amp; $\\nope{$" in svg(ax.figure)
    assert (
        "W de Kendall = " + f"{classe.w:.2f}".replace(".", ",")
        in consensus_chart(named).get_title()
    )


def test_theme_names_in_the_legend_are_shown_as_typed(classe):
    themes = classe.consensus["theme_nom"].where(
        classe.consensus["theme_nom"] != classe.consensus["theme_nom"].iloc[0], "Coûts $\\nope{$"
    )
    named = dataclasses.replace(classe, consensus=classe.consensus.assign(theme_nom=themes))
    ax = consensus_chart(named)
    assert "Coûts $\\nope{$" in labels(ax.get_legend().get_texts())
    assert "Coûts $\\nope{$" in svg(ax.figure)  # invalid maths would raise


@pytest.mark.parametrize("chart", [consensus_chart, heatmap, comparison_chart])
def test_scales_show_whole_numbers_never_a_decimal_point(classe, comparison, chart):
    drawn = svg(chart(comparison if chart is comparison_chart else classe).figure)
    numbers = re.findall(r">(\d[\d.,]*)</text>", drawn)
    assert len(numbers) >= 5 and all(n.isdigit() for n in numbers), numbers
    if chart is not consensus_chart:  # a scale of ranks starts at the first
        assert numbers[:5] == ["1", "5", "10", "15", "20"]


@pytest.mark.parametrize("chart", [consensus_chart, heatmap, comparison_chart])
def test_every_text_of_the_ranking_charts_is_inside_the_figure(
    classe, comparison, chart, texts_inside
):
    ax = chart(comparison if chart is comparison_chart else classe)
    boxes = texts_inside(ax.figure)
    axes = ax.get_window_extent()
    rows = [boxes[t] for t in ax.get_yticklabels()]
    assert all(box.x1 <= axes.x0 for box in rows)  # beside the Axes
    legend = ax.get_legend().get_window_extent()
    scale = boxes[ax.xaxis.label]
    assert not legend.overlaps(scale) and not any(legend.overlaps(box) for box in rows)


def test_the_consensus_says_what_w_means_close_to_0_not_0(classe):
    """W's ends: « proche de 0 » when everyone ranks their own way (random rankings give
    about 1 / m, not 0), 1 when all agree — in the chart and in the content's readings."""
    import yaml

    from tanmia_course.content.loader import PACKAGE_CONTENT
    from tanmia_course.exercises.ranking.analysis import W_SCALE

    assert W_SCALE.startswith("proche de 0") and W_SCALE in consensus_chart(classe).get_title()
    levels = yaml.safe_load(
        (PACKAGE_CONTENT / "cours" / "agreement_levels.yaml").read_text("utf-8")
    )
    described = " ".join(levels["description"]["fr"].split())
    assert "proche de 0" in described and "W de Kendall, de 0 à 1" not in described
