"""The notebook calls of the ranking exercise: the demo class, a trainer's class, checks."""

from __future__ import annotations

import pytest

import tanmia_course as tc
from tanmia_course.errors import ContenuInvalide, IdentifiantInconnu

from .conftest import FIXTURES


def test_the_demo_ranking_is_the_demo_class_hand_ins():
    """The demo class exists once, as hand-in files: exercise 02's group ranking is the one the
    class view computes from them, and no content file holds a copy of it."""
    from tanmia_course.content.loader import load_content

    ranking = tc.classement_classe()
    from_class = tc.classe().classement()
    assert ranking.w == from_class.w
    assert list(ranking.consensus.index) == list(from_class.consensus.index)
    assert len(ranking.participants) == 24  # P25 and P26 handed in no ranking
    assert not load_content().ranking_groups  # the course's content holds no copy of it


def test_the_demo_class_has_shared_priorities_noise_and_partial_rankings():
    classe = tc.classement_classe()
    people = classe.participants
    assert 20 <= len(people) <= 30
    assert set(people["forme"]) == {"complet", "diamant", "premiers"}
    assert (people["forme"] != "complet").sum() >= 5
    # shared priorities: a clear agreement that chance alone would not give…
    assert 0.2 < classe.w < 0.6 and classe.p_valeur < 0.001
    # …but nobody copies the consensus, and some benefits divide the class
    assert people["accord_tau_b"].max() < 0.9
    assert classe.contestes(1)["ecart_interquartile"].iloc[0] >= 8
    assert classe.titre == "Classe de démonstration"


def test_a_class_from_given_answers(monkeypatch):
    ids = list(tc.avantages().index)
    answers = {
        "amina": {"mode": "diamant", "ordre": ids[:9], "justifications": {}},
        "brahim": {"mode": "complet", "ordre": ids[::-1]},
        "chama": ids[:5],
    }
    classe = tc.classement_classe(answers)
    assert list(classe.participants.index) == ["amina", "brahim", "chama"]
    assert classe.participants["forme"].tolist() == ["diamant", "complet", "complet"]
    widget = tc.classement_avantages("premiers", reponse={"mode": "premiers", "ordre": ids[:3]})
    assert tc.classement_classe([widget, answers["amina"]]).participants.index[0] == "p01"
    with pytest.raises(ValueError, match="Classement « x » : une réponse de classement"):
        tc.classement_classe({"x": {"mode": "diamant"}, "y": ids[:2]})
    with pytest.raises(ValueError, match="attendu\xa0: un classement"):
        tc.classement_classe([3, ids[:2]])


def test_a_trainer_adds_the_rankings_of_their_workshop():
    tc.utiliser_contenu(FIXTURES / "ok" / "classement_atelier")
    classe = tc.classement_classe(groupe="atelier_tiznit")
    assert classe.titre == "Atelier de Tiznit, mars"
    assert classe.participants.loc["fatima", "nom"] == "Fatima (association de femmes)"
    assert classe.participants.loc["youssef", "nom"] == "youssef"
    assert classe.consensus.index[0] == "ressources_supplementaires"
    assert tc.classement_classe().titre == "Classe de démonstration"
    with pytest.raises(IdentifiantInconnu, match="atelier_tiznit"):
        tc.classement_classe(groupe="atelier_agadir")


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "classement_avantage_inconnu",
            [
                "classements.yaml",
                "élément « atelier_x »",
                "champ « rankings.1.order »",
                "classement de « brahim »",
                "« trouver_des_fonds »",
            ],
        ),
        (
            "classement_forme_inconnue",
            ["élément « atelier_x »", "rankings.0.mode", "valeurs possibles\xa0: complet, diamant"],
        ),
        (
            "niveaux_sans_base",
            ["niveaux.yaml", "élément « w_tres_faible »", "ne commence à 0.0", "champ « min »"],
        ),
    ],
)
def test_broken_ranking_content_is_refused_in_french(case, expected):
    with pytest.raises(ContenuInvalide) as caught:
        tc.utiliser_contenu(FIXTURES / "ko" / case)
    for part in expected:
        assert part in str(caught.value)
    assert tc.classement_classe().titre == "Classe de démonstration"


def test_comparing_accepts_the_widget_its_answer_or_a_list():
    ids = list(tc.avantages().index)
    widget = tc.classement_avantages("diamant", reponse={"mode": "diamant", "ordre": ids[:9]})
    from_widget = tc.comparer_classement(widget)
    from_answer = tc.comparer_classement(widget.answer)
    assert from_widget.tau_b == from_answer.tau_b
    assert tc.comparer_classement(ids[:9]).forme == "complet"
    with pytest.raises(ValueError, match="attendu\xa0: un classement"):
        tc.comparer_classement(42)


# ----------------------------------------------------------------- tc.verifier checks


@pytest.mark.parametrize(
    "question",
    [
        "classement_avantages",
        "premier_de_la_classe",
        "avantage_le_plus_conteste",
        "accord_significatif",
    ],
)
def test_a_blank_is_to_complete(question):
    assert tc.verifier(question, ...).statut == "a_completer"


def test_the_learners_ranking_is_checked_for_completeness_and_justifications():
    ids = list(tc.avantages().index)
    check = tc.verifier
    assert (
        "aucun avantage" in check("classement_avantages", {"mode": "diamant", "ordre": []}).message
    )
    assert (
        "encore 4" in check("classement_avantages", {"mode": "diamant", "ordre": ids[:5]}).message
    )
    full = {"mode": "diamant", "ordre": ids[:9], "justifications": {}}
    assert "justifiez" in check("classement_avantages", full).message
    full["justifications"] = dict.fromkeys(ids[:3], "Parce que.")
    assert "très courte" in check("classement_avantages", full).message
    full["justifications"] = dict.fromkeys(ids[:3], "Nos familles des douars en ont besoin.")
    assert check("classement_avantages", full).correct
    assert "apparaît 2 fois" in check("classement_avantages", {"ordre": [ids[0]] * 2}).message
    assert "classement.answer" in check("classement_avantages", "durabilite_actions").message


def test_the_questions_on_the_class_are_computed_from_its_data():
    classe = tc.classement_classe()
    first = classe.consensus.index[0]
    assert tc.verifier("premier_de_la_classe", first).correct
    second = tc.verifier("premier_de_la_classe", classe.consensus.index[1])
    assert not second.correct and "consensus.index[0]" in second.message
    by_name = tc.verifier("premier_de_la_classe", classe.consensus.iloc[0]["nom"])
    assert f"« {first} »" in by_name.message
    contested = classe.contestes(1).index[0]
    assert tc.verifier("avantage_le_plus_conteste", contested).correct
    calm = classe.consensus["ecart_interquartile"].idxmin()
    assert "contestes()" in tc.verifier("avantage_le_plus_conteste", calm).message
    assert tc.verifier("accord_significatif", bool(classe.p_valeur < 0.05)).correct
    assert not tc.verifier("accord_significatif", classe.p_valeur >= 0.05).correct
    assert "True ou False" in tc.verifier("accord_significatif", "oui").message
