"""The tables notebooks show: French columns, ids as index, honest sources."""

from __future__ import annotations

import pytest

import tanmia_course as tc
from tanmia_course.errors import IdentifiantInconnu

COLUMNS = {
    tc.definitions: ["concept", "texte", "source"],
    tc.acteurs: ["nom", "categorie", "role", "apport", "source"],
    tc.mecanismes: ["nom", "explication", "source"],
    tc.origines: ["nom", "explication", "exemple", "source"],
    tc.avantages: ["nom", "theme", "theme_nom", "explication", "source"],
    tc.themes: ["nom", "description", "nb_avantages"],
    tc.bonnes_pratiques: ["nom", "explication", "source"],
    tc.criteres: [
        "nom",
        "intitule_court",
        "question",
        "niveau_0",
        "niveau_1",
        "niveau_2",
        "niveau_3",
        "source",
    ],
    tc.signes_alerte: ["nom", "explication", "texte_coupe", "source"],
    tc.etapes: ["nom", "objectif", "activites", "outils", "source"],
    tc.clauses: ["nom", "explication", "source"],
}


@pytest.mark.parametrize("table", COLUMNS, ids=lambda f: f.__name__)
def test_each_table_has_french_columns_and_unique_ids(table):
    frame = table()
    assert list(frame.columns) == COLUMNS[table]
    assert frame.index.name == "id" and frame.index.is_unique
    if "source" in frame:
        assert set(frame["source"]) <= {"guide", "cours", "formateur"}


def test_guide_items_are_credited_and_course_items_are_not():
    assert set(tc.acteurs()["source"]) == {"guide"}
    assert set(tc.etapes()["source"]) == {"cours"}


def test_benefit_counts_per_theme_add_up_to_the_guides_list():
    assert tc.themes()["nb_avantages"].sum() == len(tc.avantages()) == 21
    assert set(tc.avantages()["theme"]) == set(tc.themes().index)


def test_a_criterion_card_shows_its_question_and_four_levels():
    card = tc.critere("reciprocite")
    html = card._repr_html_()
    assert card.question.fr in html
    assert all(level.fr in html for level in card.levels)
    assert "Guide Tanmia.ma" in html


def test_an_unknown_criterion_lists_the_known_ids():
    with pytest.raises(IdentifiantInconnu) as caught:
        tc.critere("transparance")
    assert "« transparance »" in str(caught.value) and "transparence" in str(caught.value)


def test_afficher_shows_full_texts_escaped_and_refuses_unknown_columns():
    shown = tc.afficher(tc.acteurs(), "nom", "role")
    html = shown._repr_html_()
    longest = max(tc.acteurs()["role"], key=len)
    assert longest.replace("’", "’") in html.replace("&#x27;", "'")
    assert "apport" not in html
    with pytest.raises(IdentifiantInconnu, match="Colonne inconnue : « roles »"):
        tc.afficher(tc.acteurs(), "roles")


def test_afficher_escapes_text_that_looks_like_html():
    import pandas as pd

    html = tc.afficher(pd.DataFrame({"nom": ["<script>alert(1)</script>"]}))._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_credits_name_the_guide_and_the_association():
    credits = tc.credits()
    for text in (credits._repr_html_(), repr(credits)):
        assert "Association Tanmia.ma" in text
        assert "Construction de partenariat" in text
