"""The agreement widget (exercise 04), driven headless: parties, committee, articles, the
live review, bad input refused with the previous state kept, autosave, the parties taken
from the learner's saved actor map, the documents."""

from __future__ import annotations

import base64
import io
import re

import pytest

import tanmia_course as tc
from tanmia_course.content.loader import load_content
from tanmia_course.errors import IdentifiantInconnu
from tanmia_course.work import store
from tanmia_course.work.handins import check_answers

SCENARIO = "minibus_des_collegiennes"


def _party(widget, n):
    return widget.views[n]


def _fill_every_party(widget):
    for n, view in enumerate(widget.views):
        view.contributions["nature"].value = f"apport en nature n° {n}"
        view.gains.value = f"ce que gagne la partie n° {n}"


def test_a_new_draft_starts_from_the_scenarios_parties_and_secures_nothing():
    convention = tc.convention(SCENARIO)
    assert convention.exercise_id == f"convention_{SCENARIO}"
    names = [p["nom"] for p in convention.answer["parties"]]
    assert names[:2] == [
        "Association Tifawin pour le développement (Tifawin)",
        "Commune d’Aït Sidi Brahim",
    ]
    assert len(names) == 4
    assert "Critères protégés\u00a0: 0 sur 11" in convention.summary.value
    assert convention.tabs.titles == (
        "1. Parties",
        "2. Comité",
        "3. Articles",
        "4. Analyse",
        "5. Documents",
    )
    # one text box per clause of the content, in its order
    assert list(convention.clauses) == [c.id for c in load_content().clauses]


def test_the_review_follows_each_change_on_screen():
    convention = tc.convention(SCENARIO)
    before = convention.resultat().revue
    before_summary = convention.summary.value
    assert not {c.id: c for c in before.checks}["reciprocite"].secured
    _fill_every_party(convention)
    after = {c.id: c for c in convention.resultat().revue.checks}
    assert after["reciprocite"].secured
    # what the learner sees follows: the count above the tabs and the analysis tab
    assert convention.summary.value != before_summary
    row = re.search(
        r"<tr>(?:(?!</tr>).)*Réciprocité(?:(?!</tr>).)*</tr>", convention.analysis.value
    )
    assert row and "✓ protégé" in row.group(0)
    # the committee deciding alone is the warning sign « une personne qui détient tous les
    # pouvoirs »: the analysis says it, with the guide's words
    convention.decision.value = "une_partie"
    assert "Une personne qui détient tous les pouvoirs" in convention.analysis.value
    sign = {c.id: c for c in convention.resultat().revue.checks}["pouvoir_concentre"]
    assert not sign.secured
    assert any("consensus ou par vote" in hint for hint in sign.hints)
    convention.decision.value = "consensus"
    convention.frequency.value = "une fois par trimestre"
    assert {c.id: c for c in convention.resultat().revue.checks}["relation_humaine"].hints == (
        tuple(
            str(c.hint)
            for r in load_content().agreement_rules
            if r.id == "relation_humaine"
            for c in r.requires
            if c.filled
        )
    )


def test_an_empty_or_duplicate_name_is_refused_and_the_previous_name_stays():
    convention = tc.convention(SCENARIO)
    commune = _party(convention, 1)
    old = commune.name.value
    commune.name.value = "   "
    assert commune.name.value == old
    assert "le nom est vide" in convention.message.value
    commune.name.value = "Collège Al Amal"
    assert commune.name.value == old
    assert "déjà" in convention.message.value
    commune.name.value = "Commune rurale d’Aït Sidi Brahim"
    assert convention.answer["parties"][1]["nom"] == "Commune rurale d’Aït Sidi Brahim"
    assert convention.message.value == ""


def test_adding_removing_and_restoring_a_party():
    convention = tc.convention(SCENARIO)
    convention.new_name.value = ""
    convention._add()
    assert "le nom est vide" in convention.message.value
    assert len(convention.views) == 4
    convention.new_name.value = "Association de la diaspora d’Aït Sidi Brahim"
    convention._add()
    assert len(convention.views) == 5 and convention.new_name.value == ""
    removed = _party(convention, 2)
    removed.gains.value = "des trajets sûrs"
    name = removed.name.value
    removed.remove.click()
    assert name not in [p["nom"] for p in convention.answer["parties"]]
    assert convention.undo_button.layout.display is None
    convention.undo_button.click()
    restored = convention.answer["parties"][-1]
    assert restored["nom"] == name and restored["gains"] == "des trajets sûrs"


def test_a_text_over_the_limit_is_refused_and_the_previous_text_stays():
    convention = tc.convention(SCENARIO)
    convention.clauses["objet"].value = "Le transport des filles des douars vers le collège."
    convention.clauses["objet"].value = "x" * 10_000
    assert convention.clauses["objet"].value.startswith("Le transport")
    assert "10\u202f000 caractères" in convention.message.value
    saved = store.load_answer(convention.exercise_id)
    assert saved.reponse["clauses"]["objet"].startswith("Le transport")


def test_html_emoji_and_arabic_are_kept_as_typed_and_escaped_on_screen():
    convention = tc.convention(SCENARIO)
    text = "<script>alert('x')</script> & 🤝 اتفاقية شراكة"
    convention.clauses["communication"].value = text
    assert convention.answer["clauses"]["communication"] == text
    # a party's name is shown as its heading, and in the messages
    first = _party(convention, 0)
    first.name.value = "<b>Tifawin</b> & 🤝"
    assert convention.answer["parties"][0]["nom"] == "<b>Tifawin</b> & 🤝"
    assert "&lt;b&gt;Tifawin&lt;/b&gt; &amp; 🤝" in first.heading.value
    first.remove.click()
    assert "<b>" not in convention.message.value and "&lt;b&gt;" in convention.message.value


def test_the_draft_is_saved_and_restored_in_a_new_widget():
    first = tc.convention(SCENARIO)
    _fill_every_party(first)
    first.clauses["duree"].value = "Trois ans à compter de la signature, puis un bilan commun."
    first.decision.value = "vote"
    second = tc.convention(SCENARIO)
    assert second.answer == first.answer
    assert "Réponse reprise" in second.enregistrement.value


def test_a_draft_of_another_scenario_is_refused_and_the_view_is_unchanged():
    convention = tc.convention(SCENARIO)
    before = convention.answer
    with pytest.raises(ValueError, match="scénario"):
        convention.answer = {"scenario": "couscous_bahja"}
    assert convention.answer == before
    with pytest.raises(IdentifiantInconnu, match="Scénario"):
        tc.convention("nulle_part")


def test_a_hand_in_reads_the_draft_and_refuses_one_filed_under_another_scenario():
    content = load_content()
    draft = tc.convention_reference(SCENARIO)
    clean, refused = check_answers(
        {f"convention_{SCENARIO}": draft, "convention_couscous_bahja": draft}, content
    )
    assert clean[f"convention_{SCENARIO}"] == draft
    assert "minibus_des_collegiennes" in refused["convention_couscous_bahja"]


def _save_map(actors):
    store.save_answer("cartographie_acteurs", {"actors": actors, "links": []})


def test_the_tifawin_parties_come_from_the_learners_saved_actor_map():
    reference = tc.convention("tifawin")
    assert reference.answer["parties"][0]["nom"] == "Association Tifawin pour le développement"
    reference.close()  # nothing typed: nothing saved
    base = {"stance": "favorable", "resources": [], "current": "aucune"}
    _save_map(
        [
            {
                "id": "commune_x",
                "label": "Commune de Tizi",
                "category": "collectivites_locales",
                "influence": 5,
                "interest": 4,
                "target": "collaboration",
                **base,
            },
            {"id": "medias", "influence": 2, "interest": 1, "target": "reseautage", **base},
            {
                "id": "radio",
                "label": "Radio Souss",
                "category": "medias",
                "influence": 2,
                "interest": 2,
                "target": "reseautage",
                **base,
            },
        ]
    )
    convention = tc.convention("tifawin")
    names = [p["nom"] for p in convention.answer["parties"]]
    assert names == ["Association Tifawin pour le développement", "Commune de Tizi"]
    assert "votre carte des acteurs" in convention.message.value


def test_a_saved_map_naming_the_association_itself_or_an_actor_twice_starts_without_doubles():
    base = {"stance": "favorable", "resources": [], "current": "aucune", "influence": 4,
            "interest": 4, "target": "collaboration"}  # fmt: skip
    _save_map(
        [
            {"id": "moi", "label": "Association Tifawin pour le développement ",
             "category": "associations", **base},
            {"id": "c1", "label": "Commune de Tizi", "category": "collectivites_locales", **base},
            {"id": "c2", "label": "commune de tizi", "category": "collectivites_locales", **base},
        ]
    )  # fmt: skip
    convention = tc.convention("tifawin")
    names = [p["nom"] for p in convention.answer["parties"]]
    assert names == ["Association Tifawin pour le développement", "Commune de Tizi"]
    assert "Critères protégés" in convention.summary.value


def test_a_saved_map_that_no_longer_matches_the_course_is_said_and_the_reference_used():
    _save_map([{"id": "acteur_disparu", "influence": 9}])
    convention = tc.convention("tifawin")
    assert "ne correspond plus au cours" in convention.message.value
    names = [p["nom"] for p in convention.answer["parties"]]
    assert names[0] == "Association Tifawin pour le développement"
    assert "Commune d’Aït Sidi Brahim" in names  # from the reference map


def test_the_objectives_recall_the_benefits_ranked_first_in_exercise_02():
    ids = list(tc.avantages().index)
    store.save_answer("classement_avantages", {"mode": "complet", "ordre": ids[::-1]})
    convention = tc.convention(SCENARIO)
    labels = tc.avantages()["nom"]
    articles = " ".join(
        w.value for w in convention.tabs.children[2].children if hasattr(w, "value")
    )
    assert "exercice 02" in articles
    assert labels[ids[-1]] in articles


def _downloaded(widget) -> bytes:
    match = re.search(r"base64,([A-Za-z0-9+/=]+)'", widget.download.value)
    assert match, widget.download.value
    return base64.b64decode(match.group(1))


def test_the_word_document_is_offered_and_written_into_the_work_folder():
    docx = pytest.importorskip("docx")
    convention = tc.convention(SCENARIO)
    convention.answer = tc.convention_reference(SCENARIO)
    convention.word_button.click()
    assert "convention_minibus_des_collegiennes.docx" in convention.download.value
    document = docx.Document(io.BytesIO(_downloaded(convention)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Commune d’Aït Sidi Brahim" in text
    path = convention.enregistrer_word()
    assert path.name == "convention_minibus_des_collegiennes.docx" and path.is_file()
    # the learner edits it in Word; writing again never replaces it
    path.write_bytes(b"ce que le participant a ajoute dans Word")
    again = convention.enregistrer_word()
    assert again.name == "convention_minibus_des_collegiennes-2.docx"
    assert path.read_bytes() == b"ce que le participant a ajoute dans Word"
    assert docx.Document(str(again)).paragraphs
    convention.print_button.click()
    assert "<html" in _downloaded(convention).decode("utf-8").lower()
    # a change on screen takes an older document away
    convention.clauses["objet"].value += " Modifié."
    assert convention.download.value == ""


def test_a_party_bringing_neant_brings_nothing():
    convention = tc.convention(SCENARIO)
    _fill_every_party(convention)
    assert {c.id: c for c in convention.resultat().revue.checks}["reciprocite"].secured
    _party(convention, 1).gains.value = "Néant."
    check = {c.id: c for c in convention.resultat().revue.checks}["reciprocite"]
    assert not check.secured and any("gagne" in hint for hint in check.hints)


def test_a_draft_with_fewer_than_two_parties_is_not_exported():
    convention = tc.convention("libre")
    assert convention.answer["parties"] == []
    convention.word_button.click()
    assert "deux parties" in convention.download.value
