"""Plots of the ranking exercise: French titles, legible labels, the caller's Axes."""

from __future__ import annotations

import re

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import tanmia_course as tc
from tanmia_course.display.picture import Graphique, svg
from tanmia_course.exercises.ranking.charts import comparison_chart, consensus_chart, heatmap
from tanmia_course.exercises.ranking.ranking_parts import short_label, theme_colours


@pytest.fixture(scope="module")
def classe():
    return tc.classement_classe()


def test_long_labels_are_wrapped_and_cut_only_when_needed():
    name = "Sensibiliser d’autres acteurs sur les enjeux du développement local"
    two_lines = short_label(name, 34)
    assert two_lines == "Sensibiliser d’autres acteurs sur\nles enjeux du développement local"
    cut = short_label(name, 20)
    assert cut.count("\n") == 1 and cut.endswith("…")
    assert all(len(line) <= 20 for line in cut.splitlines())
    assert short_label("Elargir la réflexion", 30, 1) == "Elargir la réflexion"


def test_the_consensus_chart_shows_every_benefit_in_the_groups_order(classe):
    ax = consensus_chart(classe)
    labels = [t.get_text() for t in ax.texts]  # one text per row, top to bottom
    assert len(labels) == len(classe.consensus)
    assert labels[0].startswith("1. ") and labels[0].endswith(
        short_label(classe.consensus.iloc[0]["nom"])
    )
    assert "Ce que le groupe attend" in ax.get_title()
    assert "Borda" in ax.get_xlabel() and "écarts réguliers" in ax.get_xlabel()
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "Thème (regroupement du cours)"
    assert len(legend.get_texts()) == classe.consensus["theme_nom"].nunique()
    widths = [bar.get_width() for bar in ax.patches]
    assert widths == sorted(widths, reverse=True)  # most points on top


def test_the_heatmap_greys_out_what_a_participant_did_not_place(classe):
    ax = heatmap(classe)
    image = ax.get_images()[0]
    data = image.get_array()
    assert data.shape == (len(classe.consensus), len(classe.participants))
    assert data.mask.sum() == (~classe.places.to_numpy()).sum()
    assert "gris : non placé" in ax.get_title()
    texts = [t.get_text() for t in ax.texts]
    assert texts[0].startswith("1. ") and len(texts) == len(classe.consensus) + len(
        classe.participants
    )
    assert texts[len(classe.consensus)] == "P01"  # then one per column
    legend = ax.get_legend()  # the scale: a few ranks' colours, and the grey of « not placed »
    assert [t.get_text() for t in legend.get_texts()] == ["1", "5", "10", "15", "20", "non placé"]
    first, *_, grey = legend.legend_handles
    assert tuple(first.get_facecolor()) == tuple(image.cmap(image.norm(1)))
    assert to_hex(grey.get_facecolor()) == "#bbbbbb"


def test_the_comparison_chart_puts_you_beside_the_group(classe):
    ids = list(classe.consensus.index)
    comparison = tc.comparer_classement({"mode": "premiers", "ordre": ids[-3:]}, classe)
    ax = comparison_chart(comparison)
    assert "Votre classement à côté de celui du groupe" in ax.get_title()
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert names == [
        "Moitié centrale du groupe",
        "Rang moyen du groupe",
        "Votre rang",
        "Non placé par vous (ex aequo)",
    ]
    assert ax.get_xlabel() == "Rang (1 = le plus important)"
    assert [t.get_text() for t in ax.texts] == [short_label(n) for n in comparison.tableau["nom"]]


def test_plots_draw_into_a_given_axes_and_the_notebook_gets_an_svg(classe):
    figure = Figure()
    ax = figure.add_subplot()
    assert consensus_chart(classe, ax=ax) is ax
    picture = tc.graphique_consensus(classe)
    assert isinstance(picture, Graphique)
    assert "<svg" in picture._repr_svg_() and not hasattr(picture, "_repr_png_")
    assert repr(picture).startswith("Graphique : consensus du groupe")
    assert "<svg" in tc.carte_classements()._repr_svg_()
    assert "<svg" in tc.graphique_comparaison([classe.consensus.index[0]])._repr_svg_()


def test_each_theme_keeps_its_colour():
    assert theme_colours(["b", "a"]) == theme_colours(["a", "b", "a"])
    assert len(set(theme_colours(list("abcde")).values())) == 5


def test_a_picture_is_drawn_once_and_again_on_request(classe):
    picture = tc.graphique_consensus(classe)
    first = picture.svg
    picture.figure.axes[0].set_title("Un autre titre")
    assert picture._repr_svg_() == first  # the same picture for every display
    assert "Un autre titre" in picture.redessiner().svg


def test_the_class_title_is_shown_as_the_trainer_named_it(classe):
    import dataclasses

    from tanmia_course.display.picture import svg

    named = dataclasses.replace(classe, titre="Atelier 2025.11 $\\nope{$")
    ids = list(classe.consensus.index)
    comparison = tc.comparer_classement({"mode": "premiers", "ordre": ids[:3]}, named)
    for ax in (consensus_chart(named), comparison_chart(comparison)):
        assert "Atelier 2025.11 $\\nope{$" in ax.get_title()  # its dot kept, no maths
        assert "Atelier 2025.11 $\\nope{$" in svg(ax.figure)  # invalid maths would raise
    assert (
        "W de Kendall = " + f"{classe.w:.2f}".replace(".", ",")
        in consensus_chart(named).get_title()
    )


def test_theme_names_in_the_legend_are_shown_as_typed(classe):
    import dataclasses

    from tanmia_course.display.picture import svg

    themes = classe.consensus["theme_nom"].where(
        classe.consensus["theme_nom"] != classe.consensus["theme_nom"].iloc[0], "Coûts $\\nope{$"
    )
    named = dataclasses.replace(classe, consensus=classe.consensus.assign(theme_nom=themes))
    ax = consensus_chart(named)
    assert "Coûts $\\nope{$" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Coûts $\\nope{$" in svg(ax.figure)  # invalid maths would raise


@pytest.mark.parametrize("chart", [consensus_chart, heatmap, comparison_chart])
def test_scales_show_whole_numbers_never_a_decimal_point(classe, chart):
    ids = list(classe.consensus.index)
    data = tc.comparer_classement({"mode": "premiers", "ordre": ids[:3]}, classe)
    drawn = svg(chart(data if chart is comparison_chart else classe).figure)
    numbers = re.findall(r">(\d[\d.,]*)</text>", drawn)
    assert len(numbers) >= 5 and all(n.isdigit() for n in numbers), numbers
    if chart is not consensus_chart:  # a scale of ranks starts at the first
        assert numbers[:5] == ["1", "5", "10", "15", "20"]
