"""Case-study files: the documented format loads, and each mistake gets a precise French error."""

from __future__ import annotations

import re

import pytest

import tanmia_course as tc
from tanmia_course.errors import ContenuInvalide
from tanmia_course.exercises.audit.analysis import reference_verdict

from .conftest import FIXTURES, ROOT

KO = FIXTURES / "ko"
DOC = ROOT / "docs" / "etudes_de_cas.md"


def test_the_complete_example_of_the_documentation_loads_and_gives_its_verdict(tmp_path):
    block = re.search(r"```yaml\n(kind: case_study\b.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert block, "exemple YAML introuvable dans docs/etudes_de_cas.md"
    (tmp_path / "journee.yaml").write_text(block.group(1), encoding="utf-8")
    content = tc.utiliser_contenu(tmp_path)
    case = tc.etude_de_cas("journee_sante")
    assert case.source == "trainer"
    assert reference_verdict(case, content).id == case.reference.verdict == "pas_un_partenariat"
    assert tc.audit_cas("journee_sante").exercise_id == "audit_journee_sante"


def test_the_documentation_lists_every_id_a_trainer_needs():
    text = DOC.read_text(encoding="utf-8")
    content = tc.contenu()
    for items in (content.criteria, content.practices, content.warning_signs, content.actors):
        for item in items:
            assert f"`{item.id}`" in text, item.id


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "cas_citation_apostrophe",
            [
                "champ « reference.criteria.co_elaboration.quote »",
                "n’est pas recopiée exactement",
                "§ 2 (paragraphe « decision »)",
                "apostrophes",
            ],
        ),
        (
            "cas_citation_absente",
            [
                "élément « journee_sante »",
                "champ « reference.criteria.reciprocite.quote »",
                "« qui ne répond jamais » ne se trouve dans aucun paragraphe",
            ],
        ),
        (
            "cas_citation_deux_paragraphes",
            ["reference.criteria.duree.quote", "chevauche deux paragraphes"],
        ),
        (
            "cas_critere_manquant",
            [
                "champ « reference.criteria »",
                "niveau de référence manquant pour 1 critère : duree (Inscription dans la durée)",
            ],
        ),
        (
            "cas_critere_inconnu",
            ["champ « reference.criteria.transparance »", "critère « transparance » inconnu"],
        ),
        (
            "cas_niveau_hors_echelle",
            [
                "champ « reference.criteria.duree.level »",
                "« 4 » n’est pas une valeur permise",
                "0, 1, 2, 3",
            ],
        ),
        (
            "cas_verdict_incoherent",
            [
                "champ « reference.verdict »",
                "« partenariat_a_consolider » n’est pas celui que donnent les règles",
                "« pas_un_partenariat »",
                "Une personne qui détient tous les pouvoirs",
            ],
        ),
        (
            "cas_paragraphe_doublon",
            ["champ « paragraphs »", "le § 3 reprend l’identifiant « decision »"],
        ),
        (
            "cas_signe_inconnu",
            ["reference.warning_signs.pouvoir_absolu", "signe d’alerte « pouvoir_absolu » inconnu"],
        ),
        (
            "cas_champ_non_prevu",
            ["reference.practices.respect_engagements", "champ non prévu « quotes »"],
        ),
        ("cas_sans_mention", ["cas.yaml", "champ « notice »", "obligatoire"]),
    ],
)
def test_a_broken_case_is_refused_with_file_field_and_reason(case, expected):
    before = tc.contenu()
    with pytest.raises(ContenuInvalide) as caught:
        tc.utiliser_contenu(KO / case)
    message = str(caught.value)
    assert f"ko/{case}/cas.yaml" in message
    for part in expected:
        assert part in message
    assert tc.contenu() is before  # nothing half-loaded


def test_a_quote_may_span_a_line_break_of_the_yaml_file(tmp_path):
    text = (FIXTURES / "ok" / "cas_formateur" / "bibliotheque_tamazirt.yaml").read_text(
        encoding="utf-8"
    )
    assert "ne partage jamais le rapport de stage de ses étudiants" in text
    broken = text.replace(
        'quote: "ne partage jamais le rapport de stage de ses étudiants"',
        'quote: "ne partage jamais   le rapport\\n de stage de ses étudiants"',
    )
    (tmp_path / "cas.yaml").write_text(broken, encoding="utf-8")
    tc.utiliser_contenu(tmp_path)
    case = tc.etude_de_cas("bibliotheque_tamazirt")
    assert case.locate(case.reference.rating("transparence").quote) == "p3"


def test_a_trainer_criterion_is_offered_without_breaking_the_existing_cases(tmp_path):
    (tmp_path / "critere.yaml").write_text(
        'kind: criteria\nitems:\n  - id: ancrage_local\n    label: {fr: "Ancrage local"}\n'
        '    short: {fr: "Ancrage local"}\n    question: {fr: "Le projet part-il du douar ?"}\n'
        '    levels: [{fr: "a"}, {fr: "b"}, {fr: "c"}, {fr: "d"}]\n',
        encoding="utf-8",
    )
    tc.utiliser_contenu(tmp_path)
    audit = tc.audit_cas("minibus_des_collegiennes")
    assert "ancrage_local" in audit.criteria
    audit.criteria["ancrage_local"].level.value = 3
    table = audit.resultat().comparaison
    assert table.loc["ancrage_local", "accord"] == "pas de référence"
