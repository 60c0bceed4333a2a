"""Case studies and audit rules as the notebooks call them."""

from __future__ import annotations

import pytest

import tanmia_course as tc
from tanmia_course.errors import IdentifiantInconnu


def test_the_cases_are_listed_with_title_summary_and_length():
    table = tc.etudes_de_cas()
    assert list(table.columns) == ["titre", "resume", "nb_mots", "source"]
    assert {"minibus_des_collegiennes", "programme_femmes_actrices", "couscous_bahja"} <= set(
        table.index
    )
    assert table.loc["couscous_bahja", "source"] == "cours"
    assert table.loc["couscous_bahja", "nb_mots"] == tc.etude_de_cas("couscous_bahja").word_count()


def test_a_case_shows_its_numbered_paragraphs_but_not_its_reference():
    case = tc.etude_de_cas("programme_femmes_actrices")
    html = case._repr_html_()
    assert "§ 1" in html and "§ 8" in html
    assert "Qui est qui\u202f?" in html and "Cas fictif" in html
    assert "rationale" not in html and "La relation va dans un seul sens" not in html
    assert repr(case).splitlines()[0] == str(case.title)
    with pytest.raises(IdentifiantInconnu, match="Étude de cas inconnue"):
        tc.etude_de_cas("inconnu")


def test_the_verdict_helper_counts_missing_criteria_as_not_rated():
    verdict = tc.verdict_audit({"transparence": 3, "convergence": 3})
    assert verdict.id == "partenariat_solide" and verdict.provisoire
    assert verdict.nb_criteres == 11 and verdict.nb_notes == 2
    assert tc.verdict_audit({"transparence": 3}, {"pouvoir_concentre": "§ 3"}).libelle == (
        "Pas un véritable partenariat"
    )
    assert tc.verdict_audit({"transparence": 3}, ["pouvoir_concentre"]).id == "partenariat_solide"


@pytest.mark.parametrize(
    ("niveaux", "signes", "message"),
    [
        ({"transparance": 2}, None, "Critère inconnu"),
        ({"transparence": 4}, None, "0, 1, 2 ou 3"),
        ({"transparence": 2}, {"pouvoir": "x"}, "Signe d’alerte inconnu"),
    ],
)
def test_the_verdict_helper_refuses_bad_input_in_french(niveaux, signes, message):
    with pytest.raises((ValueError, IdentifiantInconnu), match=message):
        tc.verdict_audit(niveaux, signes)


def test_the_rules_are_tables_for_the_lesson():
    assert list(tc.feux_audit().index) == ["vert", "ambre", "rouge"]
    assert len(tc.regles_audit()) == 5


def test_an_audit_can_be_analysed_without_the_widget():
    result = tc.analyser_audit("minibus_des_collegiennes", {"criteres": {"duree": 3}})
    assert result.verdict.id == "partenariat_solide" and result.verdict.provisoire
    with pytest.raises(ValueError, match="0, 1, 2 ou 3"):
        tc.analyser_audit("minibus_des_collegiennes", {"criteres": {"duree": 7}})


def test_the_trainer_can_show_the_complete_reference_audit():
    result = tc.audit_reference("programme_femmes_actrices")
    assert result.details.reference_visible
    assert result.details.accord_exact == 1.0
    assert result.verdict.id == "pas_un_partenariat"
    assert result.details.signes_trouves == ("pouvoir_concentre", "desequilibre_risques")
