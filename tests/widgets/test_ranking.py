"""The ranking widget driven headless, with the mouse (clicks) and the keyboard's actions."""

from __future__ import annotations

import pytest

import tanmia_course as tc
from tanmia_course.errors import IdentifiantInconnu


@pytest.fixture
def ids():
    return list(tc.avantages().index)


def labels(select):
    return [label for label, _ in select.options]


def values(select):
    return [value for _, value in select.options]


def test_a_new_widget_lists_every_benefit_with_its_theme(ids):
    widget = tc.classement_avantages()
    assert widget.exercise_id == "classement_avantages"
    assert values(widget.pool) == ids and values(widget.ranking) == []
    table = tc.avantages()
    assert labels(widget.pool)[0] == f"{table.iloc[0]['nom']} — {table.iloc[0]['theme_nom']}"
    assert widget.answer == {"mode": "complet", "ordre": [], "justifications": {}}
    widget.buttons["placer"].click()  # nothing chosen yet: it says so, and nothing changes
    assert "Choisissez d’abord un avantage" in widget.message.value
    assert "21 places" in widget.status.value


def test_placing_and_moving_with_the_mouse(ids):
    widget = tc.classement_avantages()
    heard = []
    widget.on_answer_change(lambda exercise, answer: heard.append((exercise, answer["ordre"])))
    for benefit in ids[:3]:
        widget.pool.value = benefit
        widget.buttons["placer"].click()
    assert widget.ordre == tuple(ids[:3])
    assert labels(widget.ranking)[0].startswith("1. ")
    assert heard[-1] == ("classement_avantages", ids[:3])
    widget.ranking.value = ids[2]
    widget.buttons["monter"].click()
    assert widget.ordre == (ids[0], ids[2], ids[1])
    widget.buttons["en_haut"].click()
    assert widget.ordre == (ids[2], ids[0], ids[1])
    widget.buttons["monter"].click()  # already first: nothing moves, and the line says why
    assert widget.ordre == (ids[2], ids[0], ids[1])
    assert "déjà en haut" in widget.message.value
    widget.buttons["en_bas"].click()
    assert widget.ordre == (ids[0], ids[1], ids[2])
    widget.buttons["descendre"].click()
    assert "déjà en bas" in widget.message.value
    widget.ranking.value = ids[0]
    widget.buttons["descendre"].click()
    assert widget.ordre == (ids[1], ids[0], ids[2])
    widget.buttons["retirer"].click()
    assert widget.ordre == (ids[1], ids[2])
    assert ids[0] in values(widget.pool)
    assert len(heard) == 8  # the refused moves changed nothing and told nobody


def test_the_keyboard_actions_do_the_same_without_a_mouse(ids):
    """Arrow keys choose in a list, Entrée on a focused button clicks it: each of these
    actions is a method."""
    widget = tc.classement_avantages("premiers", nombre=4)
    widget.selection_suivante("avantages")  # ↓ in the list of benefits: the first one
    assert widget.pool.value == ids[0]
    widget.selection_suivante("avantages")
    widget.placer()  # Entrée on « Placer → »
    assert widget.ordre == (ids[1],)
    assert widget.pool.value == ids[2]  # the next benefit is ready to be placed
    widget.placer()
    widget.placer()
    assert widget.ordre == (ids[1], ids[2], ids[3])
    widget.selection_precedente()  # ↑ in the ranking: from the last placed card
    assert widget.ranking.value == ids[2]
    widget.monter()
    widget.monter()
    assert widget.ordre == (ids[2], ids[1], ids[3])
    widget.descendre()
    widget.en_bas()
    assert widget.ordre == (ids[1], ids[3], ids[2])
    widget.en_haut(ids[3])
    assert widget.ordre == (ids[3], ids[1], ids[2])
    widget.retirer(ids[1])
    assert widget.ordre == (ids[3], ids[2])
    widget.selection_precedente()
    widget.selection_precedente()
    assert widget.ranking.value == ids[3]  # stays on the first
    with pytest.raises(ValueError, match="Liste inconnue"):
        widget.selection_suivante("gauche")


def test_impossible_actions_explain_themselves_and_change_nothing(ids):
    widget = tc.classement_avantages("diamant")
    widget.monter()
    assert "Choisissez d’abord une carte" in widget.message.value
    for benefit in ids[:9]:
        widget.placer(benefit)
    before = widget.answer
    widget.pool.value = ids[9]
    assert not widget.buttons["placer"].disabled  # never disabled: it would lose the focus
    widget.placer()
    assert "plein (9 places)" in widget.message.value
    widget.placer(ids[0])
    assert "déjà dans votre classement" in widget.message.value
    widget.ranking.value = ids[0]
    widget.monter()
    assert "déjà en haut" in widget.message.value
    assert widget.answer == before
    with pytest.raises(IdentifiantInconnu):
        widget.selectionner("inconnu")


def test_the_diamond_shows_its_rows_and_ties(ids):
    widget = tc.classement_avantages("diamant")
    for benefit in ids[:4]:
        widget.placer(benefit)
    assert labels(widget.ranking)[1].startswith("Rangée 2. ")
    assert labels(widget.ranking)[3].startswith("Rangée 3. ")
    html = widget.diamond.value
    assert html.count("tanmia-carte vide") == 5
    name = tc.avantages().loc[ids[3], "nom"]
    assert name.replace("’", "&#x27;") in html or name in html
    assert widget.tableau()["rang"].tolist() == [1, 2.5, 2.5, 4]


def test_justifications_follow_their_benefit_when_it_moves(ids):
    widget = tc.classement_avantages("premiers", nombre=5)
    for benefit in ids[:4]:
        widget.placer(benefit)
    assert "1. " in widget.justification_labels[0].value
    widget.justifications[0].value = "Nos familles attendent un transport qui dure."
    widget.justifications[1].value = "Le local de la coopérative nous manque."
    assert widget.answer["justifications"] == {
        ids[0]: "Nos familles attendent un transport qui dure.",
        ids[1]: "Le local de la coopérative nous manque.",
    }
    widget.en_bas(ids[0])
    assert widget.justifications[0].value == "Le local de la coopérative nous manque."
    assert widget.justifications[2].value == ""
    widget.en_haut(ids[0])
    assert widget.justifications[0].value == "Nos familles attendent un transport qui dure."
    widget.retirer(ids[3])
    assert widget.justifications[2].disabled is False
    assert "il en manque 1" in widget.status.value


def test_a_justification_comes_back_with_its_card_even_after_a_restart(ids, tmp_path, monkeypatch):
    monkeypatch.setenv("TANMIA_TRAVAUX", str(tmp_path))
    widget = tc.classement_avantages("premiers", nombre=5)
    for benefit in ids[:4]:
        widget.placer(benefit)
    widget.justifications[0].value = "Nos familles attendent un transport qui dure."
    widget.en_bas(ids[0])  # out of the first three: its text is kept, not shown
    assert [area.value for area in widget.justifications] == ["", "", ""]
    assert widget.answer["justifications"] == {
        ids[0]: "Nos familles attendent un transport qui dure."
    }
    widget.retirer(ids[0])  # out of the ranking: its text is still kept
    assert widget.answer["justifications"] == {}
    assert widget.answer["justifications_hors_classement"] == {
        ids[0]: "Nos familles attendent un transport qui dure."
    }
    # The kernel restarts; put back at the top, the card comes back with its text.
    again = tc.classement_avantages("premiers", nombre=5)
    assert again.answer == widget.answer
    again.placer(ids[0])
    again.en_haut(ids[0])
    assert again.justifications[0].value == "Nos familles attendent un transport qui dure."
    assert again.answer["justifications"] == {
        ids[0]: "Nos familles attendent un transport qui dure."
    }
    assert "justifications_hors_classement" not in again.answer


def test_a_finished_ranking_says_so(ids):
    widget = tc.classement_avantages("premiers", nombre=3)
    for benefit in ids[:3]:
        widget.placer(benefit)
    for area in widget.justifications:
        area.value = "Une phrase qui part de notre situation réelle."
    assert "✓" in widget.status.value and "Classement terminé" in widget.status.value
    assert tc.verifier("classement_avantages", widget).correct


def test_answer_round_trips_into_a_fresh_widget(ids):
    widget = tc.classement_avantages("diamant")
    for benefit in ids[4:10]:
        widget.placer(benefit)
    widget.justifications[0].value = "Parce que nos actions s’arrêtent avec les financements."
    again = tc.classement_avantages()
    again.answer = widget.answer
    assert again.answer == widget.answer
    assert again.mode == "diamant" and again.capacite == 9
    assert values(again.ranking) == ids[4:10]
    assert again.justifications[0].value.startswith("Parce que")
    assert values(again.pool) == [b for b in ids if b not in ids[4:10]]


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("durabilite_actions", "attendu un dictionnaire"),
        ({"ordre": [], "note": 3}, "clé inconnue note\u202f; clés possibles\xa0: mode, ordre,"),
        ({"mode": "pyramide", "ordre": []}, "Forme de classement inconnue"),
        ({"ordre": ["durabilite_actions", "durabilite_actions"]}, "apparaît 2 fois"),
        ({"mode": "diamant", "ordre": "ALL"}, "liste d’identifiants"),
        ({"ordre": ["durabilite_actions"], "justifications": ["x"]}, "doit être un dictionnaire"),
        (
            {"ordre": ["durabilite_actions"], "justifications": {"maximiser_impact": "x"}},
            "n’est pas dans le classement",
        ),
        (
            {"ordre": ["durabilite_actions"], "justifications": {"durabilite_actions": 3}},
            "doit être un texte",
        ),
        (
            {
                "ordre": ["durabilite_actions"],
                "justifications_hors_classement": {"durabilite_actions": "x"},
            },
            "« durabilite_actions » est dans le classement",
        ),
        (
            {"ordre": [], "justifications_hors_classement": {"durabilite_actions": 3}},
            "doit être un texte",
        ),
        ({"ordre": [], "justifications_hors_classement": ["x"]}, "doit être un dictionnaire"),
    ],
)
def test_a_bad_answer_is_refused_in_french_and_the_view_stays(ids, bad, words):
    widget = tc.classement_avantages("premiers", nombre=5)
    for benefit in ids[:2]:
        widget.placer(benefit)
    widget.justifications[0].value = "Une phrase."
    before = (widget.answer, labels(widget.ranking), labels(widget.pool), widget.mode)
    with pytest.raises(ValueError) as caught:
        widget.answer = bad
    assert words in str(caught.value)
    assert (widget.answer, labels(widget.ranking), labels(widget.pool), widget.mode) == before
    assert widget.justifications[0].value == "Une phrase."


def test_unknown_ids_and_too_long_answers_are_refused(ids):
    widget = tc.classement_avantages("premiers", nombre=3)
    with pytest.raises(IdentifiantInconnu, match="Avantage inconnu : « partage_des_gateaux »"):
        widget.answer = {"ordre": ["partage_des_gateaux"]}
    with pytest.raises(ValueError, match="garde les 3 premiers"):
        widget.answer = {"ordre": ids[:4]}
    assert widget.answer["ordre"] == []


def test_comparing_from_the_widget_uses_the_demo_class(ids):
    widget = tc.classement_avantages("diamant")
    empty = widget.comparer()
    assert "aucun avantage" in empty.lecture
    widget.answer = {"mode": "diamant", "ordre": ids[:9]}
    comparison = widget.comparer()
    assert comparison.groupe.titre == "Classe de démonstration"
    assert comparison.tableau.loc[ids[0], "votre_rang"] == 1


def test_a_new_widget_resumes_the_saved_ranking_and_a_prefill_wins(ids):
    first = tc.classement_avantages("diamant")
    first.placer(ids[5])
    first.placer(ids[6])
    resumed = tc.classement_avantages("diamant")
    assert resumed.answer == first.answer
    assert "Réponse reprise" in resumed.enregistrement.value
    example = {"mode": "diamant", "ordre": ids[:2], "justifications": {}}
    prefilled = tc.classement_avantages("diamant", reponse=example)
    assert prefilled.answer == example
    with pytest.raises(ValueError, match="apparaît 2 fois"):
        tc.classement_avantages("diamant", reponse={"ordre": [ids[0], ids[0]]})
