"""The audit rules: traffic lights, index, verdict, answer checks, comparison and feedback."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tanmia_course.content.loader import load_content
from tanmia_course.content.verdict import decide, feu
from tanmia_course.errors import IdentifiantInconnu
from tanmia_course.exercises.audit.analysis import (
    audit_verdict,
    compare,
    empty_answer,
    normalise_answer,
    reference_answer,
    reference_verdict,
)
from tanmia_course.exercises.audit.result import feux_audit, regles_audit

RANK = {"partenariat_fragile": 0, "partenariat_a_consolider": 1, "partenariat_solide": 2}


def _levels(*values):
    return {f"c{n}": v for n, v in enumerate(values)}


def _normalise(value):
    content = load_content()
    return normalise_answer(value, content)


def _case(case_id):
    return next(c for c in load_content().case_studies if c.id == case_id)


# ------------------------------------------------------------------ traffic lights


@pytest.mark.parametrize(
    ("level", "light"),
    [
        (0, "rouge"),
        (1, "rouge"),
        (1.49, "rouge"),
        (1.5, "ambre"),  # edge: amber starts at 1.5
        (2, "ambre"),
        (2.49, "ambre"),
        (2.5, "vert"),  # edge: green starts at 2.5
        (3, "vert"),
        (None, None),
        (math.nan, None),
    ],
)
def test_traffic_light_bands_and_their_edges(level, light):
    assert feu(level) == light


@pytest.mark.parametrize("bad", [-0.1, 3.01, 4, "2", True])
def test_a_level_outside_0_to_3_is_refused_in_french(bad):
    with pytest.raises(ValueError, match=r"Un niveau va de 0 \(absent\) à 3 \(pleinement"):
        feu(bad)


def test_index_is_the_mean_of_rated_levels_over_three():
    assert decide({"a": 3, "b": 0, "c": None}).indice == pytest.approx(0.5)
    assert decide({"a": 2, "b": 2, "c": 2}).indice == pytest.approx(2 / 3)
    assert decide({"a": None}).indice is None


# ------------------------------------------------------------------ verdict rules


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ((3, 2, 2, 2), "partenariat_solide"),  # index exactly 0.75, no red
        ((3, 3, 3, 3), "partenariat_solide"),
        ((3, 2, 2, 2, 2), "partenariat_a_consolider"),  # 11/15 = 0.733, just under 0.75
        ((3, 3, 3, 0), "partenariat_a_consolider"),  # 0.75 but one criterion red
        ((3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1), "partenariat_a_consolider"),  # 0.94, one red
        ((2, 1), "partenariat_a_consolider"),  # index exactly 0.5
        ((2, 1, 1), "partenariat_fragile"),  # 4/9 = 0.444, under 0.5
        ((0, 0, 0), "partenariat_fragile"),
        ((None, None), "a_completer"),
    ],
)
def test_verdict_rules_at_every_band_edge(levels, expected):
    assert decide(_levels(*levels)).id == expected


def test_a_confirmed_warning_sign_overrides_the_best_levels():
    verdict = decide(_levels(3, 3, 3), {"pouvoir_concentre": "§ 3 : « décide de tout »"})
    assert verdict.id == "pas_un_partenariat"
    assert verdict.libelle == "Pas un véritable partenariat"
    assert verdict.signes == ("pouvoir_concentre",)
    assert "quels que soient les niveaux" in verdict.explication


def test_a_sign_without_evidence_does_not_count_but_is_reported():
    verdict = decide(_levels(3, 3), {"pouvoir_concentre": "   "})
    assert verdict.id == "partenariat_solide"
    assert verdict.signes_a_prouver == ("pouvoir_concentre",)
    assert "sans preuve" in verdict.ligne()


def test_a_confirmed_sign_counts_even_before_any_level_is_given():
    assert decide(_levels(None, None), {"motivation_secrete": "§ 6"}).id == "pas_un_partenariat"


def test_a_verdict_is_provisional_while_criteria_are_missing():
    partial = decide(_levels(3, None))
    assert partial.id == "partenariat_solide" and partial.provisoire
    assert "(provisoire)" in partial.ligne() and "1 critère noté sur 2" in partial.ligne()
    assert not decide(_levels(3, 3)).provisoire
    assert not decide(_levels(3, None), {"pouvoir_concentre": "x"}).provisoire


def test_verdict_shows_itself_in_french():
    verdict = decide(_levels(3, 2, 2, 2))
    assert repr(verdict).startswith("Partenariat solide — indice 0,75")
    assert "Partenariat solide" in verdict._repr_html_()


@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=11),
    st.data(),
)
def test_raising_one_level_never_worsens_the_verdict(levels, data):
    i = data.draw(st.integers(0, len(levels) - 1))
    raised = list(levels)
    raised[i] = min(3, raised[i] + 1)
    assert RANK[decide(_levels(*raised)).id] >= RANK[decide(_levels(*levels)).id]


@given(st.lists(st.integers(0, 3), min_size=0, max_size=11))
def test_any_confirmed_sign_gives_no_true_partnership_whatever_the_levels(levels):
    assert decide(_levels(*levels), {"entente_apparente": "§ 7"}).id == "pas_un_partenariat"


def test_the_rule_tables_say_the_thresholds():
    rules = regles_audit()
    assert list(rules["verdict"]) == [
        "Pas un véritable partenariat",
        "Audit à compléter",
        "Partenariat solide",
        "Partenariat à consolider",
        "Partenariat fragile",
    ]
    assert "0,75" in rules.loc[3, "condition"] and "0,50" in rules.loc[4, "condition"]
    lights = feux_audit()
    assert list(lights.index) == ["vert", "ambre", "rouge"]
    assert list(lights["niveaux"]) == ["3", "2", "0 ou 1"]


# ------------------------------------------------------------------ the learner's answer


def test_an_empty_answer_lists_every_criterion_unrated():
    answer = _normalise({})
    assert list(answer["criteres"]) == [c.id for c in load_content().criteria]
    assert all(r == {"niveau": None, "preuve": ""} for r in answer["criteres"].values())
    assert answer == empty_answer(load_content().criteria)
    json.dumps(answer)  # plain, JSON-ready


def test_a_bare_level_is_accepted_and_lists_are_put_in_the_contents_order():
    answer = _normalise(
        {
            "criteres": {"duree": 2, "transparence": {"niveau": 1, "preuve": "§ 5"}},
            "bonnes_pratiques": ["partage_risques", "transparence"],
            "signes_alerte": ["desequilibre_risques", "pouvoir_concentre"],
        }
    )
    assert answer["criteres"]["duree"] == {"niveau": 2, "preuve": ""}
    assert answer["criteres"]["transparence"] == {"niveau": 1, "preuve": "§ 5"}
    assert answer["bonnes_pratiques"] == ["transparence", "partage_risques"]
    assert answer["signes_alerte"] == {"pouvoir_concentre": "", "desequilibre_risques": ""}


def test_the_evidence_of_unticked_signs_is_kept_but_never_counted():
    answer = _normalise(
        {
            "criteres": {c.id: 3 for c in load_content().criteria},
            "preuves_signes_non_retenus": {
                "desequilibre_risques": "§ 3 : « la commune ne paie rien »",
                "pouvoir_concentre": "§ 4 : le président signe seul",
                "motivation_secrete": "  ",
            },
        }
    )
    # Blank evidence is left out; the rest in the content's order, as written.
    assert answer["preuves_signes_non_retenus"] == {
        "pouvoir_concentre": "§ 4 : le président signe seul",
        "desequilibre_risques": "§ 3 : « la commune ne paie rien »",
    }
    assert answer["signes_alerte"] == {}
    assert audit_verdict(answer, load_content()).id == "partenariat_solide"
    assert _normalise(answer) == answer
    # An answer without unticked evidence has no such part (older answers look the same).
    assert "preuves_signes_non_retenus" not in _normalise({"preuves_signes_non_retenus": {}})


@pytest.mark.parametrize(
    ("value", "error", "words"),
    [
        (
            {"criteres": {"transparance": 2}},
            IdentifiantInconnu,
            ["Critère inconnu", "transparence"],
        ),
        ({"criteres": {"duree": 4}}, ValueError, ["« duree »", "0, 1, 2 ou 3"]),
        ({"criteres": {"duree": True}}, ValueError, ["0, 1, 2 ou 3"]),
        ({"criteres": {"duree": 2.0}}, ValueError, ["0, 1, 2 ou 3"]),
        ({"criteres": {"duree": {"niveau": 2, "note": "x"}}}, IdentifiantInconnu, ["note"]),
        ({"criteres": {"duree": {"niveau": 2, "preuve": 3}}}, ValueError, ["doit être un texte"]),
        ({"bonnes_pratiques": ["honnetete"]}, IdentifiantInconnu, ["Bonne pratique inconnue"]),
        ({"bonnes_pratiques": "transparence"}, ValueError, ["liste"]),
        ({"signes_alerte": {"pouvoir": "x"}}, IdentifiantInconnu, ["Signe d’alerte inconnu"]),
        ({"recommandations": ["a"]}, ValueError, ["« recommandations »"]),
        ({"preuves_signes_non_retenus": ["x"]}, ValueError, ["« preuves_signes_non_retenus »"]),
        (
            {"preuves_signes_non_retenus": {"pouvoir": "x"}},
            IdentifiantInconnu,
            ["Signe d’alerte inconnu"],
        ),
        (
            {"preuves_signes_non_retenus": {"pouvoir_concentre": 3}},
            ValueError,
            ["non retenu « pouvoir_concentre »", "doit être un texte"],
        ),
        (
            {
                "signes_alerte": ["pouvoir_concentre"],
                "preuves_signes_non_retenus": {"pouvoir_concentre": "§ 4"},
            },
            ValueError,
            ["« pouvoir_concentre »", "à la fois coché"],
        ),
        ({"niveaux": {}}, IdentifiantInconnu, ["Partie de l’audit", "criteres"]),
        (["duree"], ValueError, ["dictionnaire"]),
    ],
)
def test_a_bad_answer_gets_a_french_error_naming_the_culprit(value, error, words):
    with pytest.raises(error) as caught:
        _normalise(value)
    for word in words:
        assert word in str(caught.value)


# ------------------------------------------------------------------ comparison


def test_the_reference_compared_with_itself_agrees_everywhere():
    content = load_content()
    for case in content.case_studies:
        result = compare(_normalise(reference_answer(case)), case, content)
        assert result.accord_exact == 1.0 and result.accord_adjacent == 1.0
        assert result.nb_compares == 11
        assert result.signes_manques == () and result.signes_en_trop == ()
        assert result.verdict.id == result.verdict_reference.id == case.reference.verdict
        assert result.retours[0].statut == "juste"


def test_gaps_agreements_and_feedback_that_quotes_the_case():
    content = load_content()
    case = _case("couscous_bahja")
    answer = reference_answer(case)
    answer["criteres"]["convergence"]["niveau"] = 3  # reference 1: gap +2
    answer["criteres"]["duree"]["niveau"] = 3  # reference 2: gap +1
    answer["signes_alerte"] = {"motivation_secrete": "§ 6 : le rapport annuel"}
    result = compare(_normalise(answer), case, content)

    table = result.tableau
    assert table.loc["convergence", "ecart"] == 2 and table.loc["convergence", "accord"] == "écart"
    assert table.loc["duree", "ecart"] == 1 and table.loc["duree", "accord"] == "adjacent"
    assert result.nb_compares == 11
    assert result.accord_exact == pytest.approx(9 / 11)
    assert result.accord_adjacent == pytest.approx(10 / 11)
    assert result.signes_trouves == ("motivation_secrete",)
    assert result.signes_manques == ("entente_apparente",)

    messages = {r.sujet: r.message for r in result.retours}
    missed = messages[
        "Signe d’alerte manqué : « Une entente apparente mais des intentions différentes »"
    ]
    assert "Relisez le § 7 : « Samira demande à chacun de dire, sans se consulter" in missed
    gap = messages["Convergence des finalités"]
    assert "Vous avez mis 3, la référence 1" in gap
    assert "« donner une image authentique à notre gamme terroir »" in gap
    assert "Au niveau 1, on observe" in gap  # a gap of 2 shows the level's description
    assert "Au niveau" not in messages["Inscription dans la durée"]
    assert result.verdict.id == "pas_un_partenariat"  # one confirmed sign is enough


def test_the_reference_stays_hidden_until_the_learner_has_committed():
    content = load_content()
    case = _case("couscous_bahja")
    answer = reference_answer(case)
    answer["criteres"]["autonomie"] = {"niveau": None, "preuve": ""}
    answer["criteres"]["duree"]["niveau"] = 3
    answer["signes_alerte"] = {}
    partial = compare(_normalise(answer), case, content)
    assert not partial.reference_visible
    table = partial.tableau
    assert table["niveau_reference"].isna().sum() == 1  # only the unrated criterion is hidden
    assert table.loc["autonomie", "accord"] == "non noté"
    assert table.loc["autonomie", "justification_reference"] == ""
    assert table.loc["duree", "justification_reference"].startswith("La convention porte")
    assert partial.nb_compares == 10 and partial.accord_exact == pytest.approx(9 / 10)
    assert partial.signes_manques == () and partial.pratiques_manquees == ()
    assert "encore 1" in partial.retours[0].message
    assert "Autonomie des partenaires" in next(
        r.message for r in partial.retours if r.sujet == "Critères non notés"
    )
    assert "visible quand tous les critères sont notés" in repr(partial)
    assert "Pas un véritable" not in repr(partial)

    answer["criteres"]["autonomie"]["niveau"] = 1
    complete = compare(_normalise(answer), case, content)
    assert complete.reference_visible
    assert complete.signes_manques == ("motivation_secrete", "entente_apparente")


def test_a_sign_ticked_without_evidence_is_reported_with_the_passage_to_quote():
    content = load_content()
    case = _case("programme_femmes_actrices")
    answer = reference_answer(case)
    answer["signes_alerte"] = {"pouvoir_concentre": "", "desequilibre_risques": "§ 2"}
    result = compare(_normalise(answer), case, content)
    assert result.signes_non_prouves == ("pouvoir_concentre",)
    unproven = next(r for r in result.retours if "sans preuve" in r.sujet)
    assert "Karim Benjelloun décide de tout." in unproven.message
    assert unproven.statut == "proche"


def test_an_extra_sign_and_a_missed_verdict_are_explained():
    content = load_content()
    case = _case("minibus_des_collegiennes")
    answer = reference_answer(case)
    answer["signes_alerte"] = {"pouvoir_concentre": "la présidente a tout réorganisé"}
    result = compare(_normalise(answer), case, content)
    assert result.signes_en_trop == ("pouvoir_concentre",)
    assert result.verdict.id == "pas_un_partenariat"
    verdict = result.retours[0]
    assert verdict.statut == "a_revoir" and "Partenariat solide" in verdict.message
    extra = next(r for r in result.retours if r.sujet.startswith("Signe d’alerte en plus"))
    assert "« la présidente a tout réorganisé »" in extra.message


def test_missing_the_signs_is_the_verdict_error_the_feedback_names():
    content = load_content()
    case = _case("couscous_bahja")
    answer = reference_answer(case)
    answer["signes_alerte"] = {}
    result = compare(_normalise(answer), case, content)
    assert result.verdict.id == "partenariat_a_consolider"  # the levels alone look fine
    verdict = result.retours[0]
    assert verdict.statut == "a_revoir"
    assert "l’emporte sur toutes les notes" in verdict.message


def test_levels_without_evidence_and_missed_practices_get_advice():
    content = load_content()
    case = _case("minibus_des_collegiennes")
    levels = {c.id: 3 for c in content.criteria}
    result = compare(_normalise({"criteres": levels}), case, content)
    subjects = [r.sujet for r in result.retours]
    assert "Niveaux sans preuve" in subjects
    practice = next(r for r in result.retours if "Bonne pratique non relevée" in r.sujet)
    assert practice.message.startswith("La référence la voit au § ")


def test_a_comparison_shows_itself():
    content = load_content()
    case = _case("couscous_bahja")
    result = compare(_normalise({}), case, content)
    assert result.accord_exact is None and "rien à comparer" in result.resume()
    assert result.verdict.id == "a_completer"
    complete = compare(_normalise(reference_answer(case)), case, content)
    assert "Verdict de la référence : Pas un véritable partenariat" in repr(complete)
    assert "Signes d’alerte : 2 trouvés, 0 manqué, 0 en plus." in complete.resume()


def test_every_shipped_case_gives_its_stored_reference_verdict():
    content = load_content()
    assert len(content.case_studies) >= 3
    for case in content.case_studies:
        assert case.reference.verdict is not None
        assert reference_verdict(case, content).id == case.reference.verdict, case.id


def test_the_audit_as_a_table_has_one_row_per_criterion_with_its_light():
    from tanmia_course.exercises.audit.report import build_result

    content = load_content()
    answer = _normalise({"criteres": {"duree": {"niveau": 1, "preuve": "§ 3"}, "autonomie": 3}})
    table = build_result(_case("couscous_bahja"), answer, content).audit
    assert list(table.columns) == ["critere", "niveau", "feu", "preuve"]
    assert list(table.index) == [c.id for c in content.criteria]
    assert str(table["niveau"].dtype) == "Int64"
    assert table.loc["duree", "feu"] == "rouge" and table.loc["duree", "preuve"] == "§ 3"
    assert table.loc["autonomie", "feu"] == "vert"
    assert table["niveau"].isna().sum() == 9


def test_feedback_messages_are_data_with_an_icon_and_a_light():
    from tanmia_course.display.palette import FEU_COLOURS
    from tanmia_course.exercises.audit.analysis import RetourAudit

    message = RetourAudit("Verdict", "proche", "Vous concluez <b>.")
    assert (message.icon, message.feu) == ("◐", "ambre")
    assert RetourAudit("Verdict", "info", "").feu is None
    from tanmia_course.exercises.audit import report

    assert report.FEU_COLOURS is FEU_COLOURS  # the palette's


def test_a_level_written_as_text_is_told_to_be_a_number():
    answer = {"criteres": {"transparence": {"niveau": "2", "preuve": ""}}}
    with pytest.raises(ValueError, match="le niveau est un nombre, pas un texte : écrivez 2 sans"):
        _normalise(answer)


# ----------------------------------------------------------------- the levels' scale


def test_each_level_of_the_scale_says_what_it_means_in_the_words_of_the_content():
    """The audit's 0–3 scale is named once (content/verdict.py), in the words the criteria's
    description and the traffic lights' meanings already use."""
    from tanmia_course.content.verdict import (
        FEU_MEANINGS,
        LEVEL_KEY,
        LEVEL_NAMES,
        LEVEL_RANGE,
        LEVELS,
        feu,
    )

    assert len(LEVEL_NAMES) == len(LEVELS) == 4
    for level, name in zip(LEVELS, LEVEL_NAMES, strict=True):
        assert name in FEU_MEANINGS[feu(level)]  # 0 and 1 red, 2 amber, 3 green
        assert f"{level}\xa0: {name}" in LEVEL_KEY
    assert LEVEL_RANGE == "de 0 (absent) à 3 (pleinement réalisé)"
    import yaml

    from tanmia_course.content.loader import PACKAGE_CONTENT

    criteria = yaml.safe_load((PACKAGE_CONTENT / "guide" / "criteria.yaml").read_text("utf-8"))
    described = criteria["description"]["fr"].replace("\u00a0", " ")
    assert f"0, {LEVEL_NAMES[0]}, à 3, {LEVEL_NAMES[3]}" in described


def test_the_audit_report_and_the_class_report_give_the_levels_meaning():
    import tanmia_course as tc
    from tanmia_course.classroom.report import audit_section
    from tanmia_course.content.verdict import LEVEL_KEY

    case = "minibus_des_collegiennes"
    result = tc.analyser_audit(case, reference_answer(tc.etude_de_cas(case)))
    assert f"Niveaux\xa0: {LEVEL_KEY}." in result.rapport_html()
    assert f"Niveaux\xa0: {LEVEL_KEY}." in audit_section(tc.classe(), figures=False)
