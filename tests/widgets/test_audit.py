"""The audit widget, driven headless: levels, evidence, signs, live verdict, answer, report."""

from __future__ import annotations

import base64
import json
import re

import pytest

import tanmia_course as tc
from tanmia_course.content.verdict import LEVEL_NAMES
from tanmia_course.errors import IdentifiantInconnu
from tanmia_course.exercises.audit.analysis import reference_answer

from ..conftest import FIXTURES

CASE = "couscous_bahja"


def _decoded_report(widget) -> str:
    match = re.search(r"base64,([A-Za-z0-9+/=]+)'", widget.download.value)
    assert match, widget.download.value
    return base64.b64decode(match.group(1)).decode("utf-8")


def test_the_widget_shows_the_case_and_every_criterion_practice_and_sign():
    audit = tc.audit_cas(CASE)
    assert audit.exercise_id == "audit_couscous_bahja"
    assert "Bahja Food" in audit.reading.children[0].value
    assert "§ 8" in audit.reading.children[0].value
    assert list(audit.criteria) == list(tc.criteres().index)
    assert list(audit.practices) == list(tc.bonnes_pratiques().index)
    assert list(audit.signs) == list(tc.signes_alerte().index)
    # short titles: long ones are cut off in JupyterLab's tab bar at 1024 px
    assert audit.tabs.titles == (
        "1. Critères",
        "2. Pratiques",
        "3. Alertes",
        "4. Conseils",
        "5. Résultat",
    )
    assert "Audit à compléter" in audit.verdict_line.value


def test_choosing_a_level_highlights_its_description_and_updates_the_verdict():
    audit = tc.audit_cas(CASE)
    view = audit.criteria["transparence"]
    view.level.value = 2
    described = tc.critere("transparence").levels[2].fr
    shown = view.levels_help.value.replace("&#x27;", "'")
    assert f"Niveau 2 — réalisé en partie (ambre) : {described}" in shown
    # every level says what it means, not only its number
    for n, meaning in enumerate(LEVEL_NAMES):
        assert f"Niveau {n} — {meaning}" in shown
    assert "Partenariat à consolider (provisoire)" in audit.verdict_line.value
    assert "1 critère noté sur 11" in audit.verdict_line.value
    view.level.value = 3
    assert "Partenariat solide (provisoire)" in audit.verdict_line.value


def test_a_sign_counts_only_once_its_evidence_is_written():
    audit = tc.audit_cas(CASE)
    for view in audit.criteria.values():
        view.level.value = 3
    assert "Partenariat solide —" in audit.verdict_line.value
    sign = audit.signs["motivation_secrete"]
    sign.box.value = True
    assert "Partenariat solide" in audit.verdict_line.value
    assert "À prouver" in sign.status.value
    sign.evidence.value = "§ 6 : « permet d’utiliser l’image de la coopérative »"
    assert "Pas un véritable partenariat" in audit.verdict_line.value
    assert "Confirmé" in sign.status.value


def test_writing_evidence_for_a_sign_ticks_it_so_that_nothing_is_lost():
    audit = tc.audit_cas(CASE)
    audit.signs["entente_apparente"].evidence.value = "§ 7 : trois réponses différentes"
    assert audit.signs["entente_apparente"].box.value
    assert audit.answer["signes_alerte"] == {
        "entente_apparente": "§ 7 : trois réponses différentes"
    }
    assert "Pas un véritable partenariat" in audit.verdict_line.value


def test_an_unticked_signs_evidence_stays_on_screen_in_the_answer_and_after_a_restart(
    tmp_path, monkeypatch
):
    from tanmia_course.work import store

    monkeypatch.setenv("TANMIA_TRAVAUX", str(tmp_path))
    audit = tc.audit_cas(CASE)
    for view in audit.criteria.values():
        view.level.value = 3
    sign = audit.signs["motivation_secrete"]
    sign.evidence.value = "§ 6 : « permet d’utiliser l’image de la coopérative »"
    assert sign.box.value and "Pas un véritable partenariat" in audit.verdict_line.value
    sign.box.value = False  # on second thought: not retained, but the text stays
    assert sign.evidence.value.startswith("§ 6")
    assert "Non retenu" in sign.status.value
    assert "Partenariat solide" in audit.verdict_line.value  # it does not count
    assert audit.answer["signes_alerte"] == {}
    assert audit.answer["preuves_signes_non_retenus"] == {
        "motivation_secrete": "§ 6 : « permet d’utiliser l’image de la coopérative »"
    }
    assert store.load_answer(audit.exercise_id).reponse == audit.answer  # autosaved
    sign.evidence.value += " (à discuter)"  # editing a note does not tick the sign again
    assert not sign.box.value
    # The kernel restarts: the audit comes back as it was on screen.
    again = tc.audit_cas(CASE)
    assert "Réponse reprise" in again.enregistrement.value
    back = again.signs["motivation_secrete"]
    assert back.evidence.value.endswith("(à discuter)") and not back.box.value
    assert "Non retenu" in back.status.value
    assert again.answer == audit.answer
    assert "Partenariat solide" in again.verdict_line.value
    back.box.value = True  # ticked again: it counts, with its evidence
    assert "Pas un véritable partenariat" in again.verdict_line.value
    assert "preuves_signes_non_retenus" not in again.answer


def test_every_change_reaches_the_listeners_as_a_plain_answer():
    audit = tc.audit_cas(CASE)
    heard = []
    audit.on_answer_change(lambda eid, answer: heard.append((eid, answer)))
    audit.criteria["duree"].level.value = 1
    audit.criteria["duree"].evidence.value = "§ 3 : porte sur deux ans"
    audit.practices["partage_experiences"].value = True
    audit.signs["entente_apparente"].box.value = True
    audit.recommendations.value = "Écrire un plan d’action."
    assert len(heard) == 5
    eid, last = heard[-1]
    assert eid == "audit_couscous_bahja"
    assert last["criteres"]["duree"] == {"niveau": 1, "preuve": "§ 3 : porte sur deux ans"}
    assert last["bonnes_pratiques"] == ["partage_experiences"]
    assert last["signes_alerte"] == {"entente_apparente": ""}
    assert last["recommandations"] == "Écrire un plan d’action."
    assert json.loads(json.dumps(last)) == last


def test_setting_the_answer_restores_the_whole_view_in_one_change():
    audit = tc.audit_cas(CASE)
    heard = []
    audit.on_answer_change(lambda eid, answer: heard.append(answer))
    wanted = reference_answer(tc.etude_de_cas(CASE))
    audit.answer = wanted
    assert len(heard) == 1
    assert audit.criteria["convergence"].level.value == 1
    assert audit.criteria["co_elaboration"].evidence.value.startswith("Aucun plan d’action")
    assert audit.practices["respect_engagements"].value
    assert not audit.practices["confiance"].value
    assert audit.signs["entente_apparente"].box.value
    assert "Confirmé" in audit.signs["entente_apparente"].status.value
    assert audit.answer == wanted
    assert "Pas un véritable partenariat" in audit.verdict_line.value


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"criteres": {"duree": 5}}, "0, 1, 2 ou 3"),
        ({"criteres": {"transparance": 2}}, "Critère inconnu"),
        ({"signes_alerte": {"pouvoir": "x"}}, "Signe d’alerte inconnu"),
        ({"preuves_signes_non_retenus": {"pouvoir": "x"}}, "Signe d’alerte inconnu"),
        (
            {
                "signes_alerte": {"motivation_secrete": "§ 6"},
                "preuves_signes_non_retenus": {"motivation_secrete": "§ 6"},
            },
            "à la fois coché",
        ),
        ({"criteres": {"duree": 2}, "bonnes_pratiques": ["honnetete"]}, "Bonne pratique inconnue"),
        ("tout va bien", "dictionnaire"),
    ],
)
def test_a_bad_answer_is_refused_in_french_and_nothing_changes(bad, message):
    audit = tc.audit_cas(CASE)
    audit.criteria["duree"].level.value = 3
    audit.recommendations.value = "Garder ceci."
    before, line = audit.answer, audit.verdict_line.value
    heard = []
    audit.on_answer_change(lambda eid, answer: heard.append(answer))
    with pytest.raises((ValueError, IdentifiantInconnu), match=message):
        audit.answer = bad
    assert audit.answer == before
    assert audit.verdict_line.value == line
    assert heard == []


def test_an_answer_can_be_given_when_the_widget_is_built_and_is_resumed_later():
    first = tc.audit_cas(CASE, reponse={"criteres": {"duree": 2}})
    assert first.criteria["duree"].level.value == 2
    first.criteria["transparence"].level.value = 1  # saved on change
    again = tc.audit_cas(CASE)
    assert again.answer["criteres"]["duree"]["niveau"] == 2
    assert again.answer["criteres"]["transparence"]["niveau"] == 1
    again.effacer()
    assert all(r["niveau"] is None for r in again.answer["criteres"].values())


def test_comparing_shows_the_reference_feedback_and_goes_stale_after_a_change():
    audit = tc.audit_cas(CASE)
    audit.answer = {"criteres": {"convergence": {"niveau": 3, "preuve": "§ 2"}}}
    audit.compare_button.click()
    assert "visible quand tous les critères sont notés" in audit.result_html.value
    answer = reference_answer(tc.etude_de_cas(CASE))
    answer["criteres"]["convergence"]["niveau"] = 3
    answer["signes_alerte"] = {"motivation_secrete": "§ 6"}
    audit.answer = answer
    audit.compare_button.click()
    shown = audit.result_html.value
    assert "Verdict de la référence" in shown and "Pas un véritable partenariat" in shown
    assert "Signe d’alerte manqué" in shown
    assert "data:image/svg+xml;base64," in shown  # the radar
    audit.criteria["convergence"].level.value = 1
    assert "cliquez de nouveau" in audit.result_html.value
    result = audit.resultat()
    assert result.comparaison.loc["convergence", "ecart"] == 0


def test_the_report_is_offered_as_a_download_with_the_learner_text_escaped():
    audit = tc.audit_cas(CASE)
    audit.answer = {
        "criteres": {"duree": {"niveau": 2, "preuve": "<script>alert('x')</script>"}},
        "recommandations": "<b>Plus de réunions</b>",
    }
    audit.report_button.click()
    assert "download='audit_couscous_bahja.html'" in audit.download.value
    report = _decoded_report(audit)
    assert report.startswith("<!DOCTYPE html>")
    assert "<script" not in report
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in report
    assert "&lt;b&gt;Plus de réunions&lt;/b&gt;" in report
    audit.criteria["duree"].level.value = 3
    assert audit.download.value == ""  # an old report is not left behind


def test_an_unknown_case_is_named_with_the_cases_that_exist():
    with pytest.raises(IdentifiantInconnu, match="Étude de cas inconnue : « bahja »"):
        tc.audit_cas("bahja")


def test_a_trainers_case_written_from_the_documentation_works_without_code():
    tc.utiliser_contenu(FIXTURES / "ok" / "cas_formateur")
    assert tc.etudes_de_cas().loc["bibliotheque_tamazirt", "source"] == "formateur"
    audit = tc.audit_cas("bibliotheque_tamazirt")
    assert audit.exercise_id == "audit_bibliotheque_tamazirt"
    assert "Tamazirt" in audit.reading.children[0].value
    for cid, view in audit.criteria.items():
        view.level.value = 2
        view.evidence.value = f"passage pour {cid}"
    audit.criteria["transparence"].level.value = 1
    audit.practices["transparence"].value = True
    assert "Partenariat à consolider —" in audit.verdict_line.value
    audit.compare_button.click()
    assert "Verdict de la référence" in audit.result_html.value
    result = audit.resultat()
    assert result.verdict.id == result.details.verdict_reference.id == "partenariat_a_consolider"
    assert result.comparaison.loc["transparence", "accord"] == "exact"
    assert result.comparaison.loc["convergence", "ecart"] == -1
    gap = next(r for r in result.retours if r.sujet == "Convergence des finalités")
    assert "« Les trois partenaires ont écrit ensemble les objectifs »" in gap.message
    assert result.details.pratiques_manquees == ("partage_experiences",)
    audit.report_button.click()
    assert "La bibliothèque du douar Tamazirt" in _decoded_report(audit)


def test_the_views_do_not_shadow_ipywidgets_own_attributes():
    import ipywidgets

    from tanmia_course.exercises.audit.widget import AuditWidget, CriterionView, SignView

    for cls in (AuditWidget, CriterionView, SignView):
        generated = set(vars(ipywidgets.VBox))  # what traitlets' metaclass adds to each class
        own = {name for name in vars(cls) if not name.startswith("__")} - generated
        clashes = {name for name in own if hasattr(ipywidgets.VBox, name)} - {"answer"}
        assert clashes == set(), (cls.__name__, clashes)


def test_building_and_filling_the_form_does_not_import_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, tanmia_course as tc\n"
        "a = tc.audit_cas('couscous_bahja')\n"
        "a.criteria['duree'].level.value = 2\n"
        "print('matplotlib' in sys.modules, 'jsonschema' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
