"""« Mes travaux »: export the saved answers to a file to hand in, resume them from one."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime

import tanmia_course as tc
from tanmia_course.work import store


def upload(widget, name, data):
    widget.reprendre.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime(2025, 3, 15, tzinfo=UTC),
        },
    )


def exported_bytes(widget):
    match = re.search(r"href='data:application/json;base64,([^']+)'", widget.lien.value)
    assert match, widget.lien.value
    return base64.b64decode(match[1])


def test_export_needs_a_name_and_some_saved_work():
    widget = tc.mes_travaux()
    widget.exporter.click()
    assert "✗" in widget.lien.value
    assert "nom du participant ou du groupe est vide" in widget.lien.value
    widget.nom.value = "Groupe 2"
    widget.exporter.click()
    assert "Rien à exporter" in widget.lien.value
    assert not list(store.work_folder().glob("travaux_*.json"))


def test_export_gives_a_download_link_and_a_file_with_every_answer():
    quiz = tc.quiz("lecon_01")
    qid, view = next((q, v) for q, v in quiz.questions.items() if v.question.type == "single")
    view.radio.value = view.question.options[0].id
    ranking = tc.classement_avantages()
    ranking.placer(ranking.ids[2])
    widget = tc.mes_travaux()
    assert "quiz_lecon_01" in widget.sommaire.value
    assert "classement_avantages" in widget.sommaire.value
    widget.nom.value = "Groupe 2 — Fatima & Youssef"
    widget.exporter.click()
    assert "✓ 2 exercices de «\xa0Groupe 2" in widget.lien.value
    assert "download='travaux_groupe_2_fatima_youssef.json'" in widget.lien.value
    data = exported_bytes(widget)
    assert data == (store.work_folder() / "travaux_groupe_2_fatima_youssef.json").read_bytes()
    rendu = store.parse_handin(data, "x.json")
    assert rendu.nom == "Groupe 2 — Fatima & Youssef"
    assert rendu.reponses["quiz_lecon_01"][qid] == view.question.options[0].id
    assert rendu.reponses["classement_avantages"]["ordre"] == [ranking.ids[2]]
    # The name is remembered for the next session.
    assert tc.mes_travaux().nom.value == "Groupe 2 — Fatima & Youssef"


def test_resume_writes_the_answers_and_refreshes_the_widgets_already_shown(tmp_path, monkeypatch):
    ranking = tc.classement_avantages()
    ranking.placer(ranking.ids[0])
    ranking.placer(ranking.ids[1])
    widget = tc.mes_travaux()
    widget.nom.value = "Amina"
    widget.exporter.click()
    data = exported_bytes(widget)
    # A fresh session on another computer (another work folder).
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "autre"))
    shown = tc.classement_avantages()
    assert shown.ordre == ()
    fresh = tc.mes_travaux()
    upload(fresh, "travaux_amina.json", data)
    said = fresh.message.value
    assert "✓ Travaux de « Amina » repris : 1 exercice (classement_avantages)." in said
    assert shown.ordre == (ranking.ids[0], ranking.ids[1])  # already displayed: refreshed
    assert tc.classement_avantages().ordre == (ranking.ids[0], ranking.ids[1])
    assert fresh.nom.value == "Amina"
    assert fresh.reprendre.value == ()


def test_a_bad_file_is_refused_in_french_and_nothing_changes():
    store.save_answer("classement_avantages", {"mode": "complet", "ordre": ["durabilite_actions"]})
    before = store.load_answer("classement_avantages").reponse
    widget = tc.mes_travaux()
    for name, data, reason in [
        ("photo.jpg", b"\xff\xd8\xff\xe0", "UTF-8"),
        ("coupé.json", b'{"schema": "tanmia-course/travaux", "vers', "pas un fichier JSON"),
        (
            "futur.json",
            json.dumps({"schema": store.HANDIN_SCHEMA, "version": 7}).encode(),
            "format version 7",
        ),
        ("gros.json", b" " * (store.MAX_BYTES + 10), "trop volumineux"),
    ]:
        upload(widget, name, data)
        assert "✗" in widget.message.value and reason in widget.message.value, widget.message.value
        assert "Vos travaux actuels n’ont pas changé" in widget.message.value
        assert ".." not in widget.message.value.replace("…", ""), widget.message.value
    assert store.load_answer("classement_avantages").reponse == before


def test_a_hostile_name_is_shown_as_text():
    store.save_answer("quiz_lecon_01", {"q1": None})
    widget = tc.mes_travaux()
    widget.nom.value = "<img src=x onerror=alert(1)>"
    widget.exporter.click()
    assert "<img src=x" not in widget.lien.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in widget.lien.value
    data = exported_bytes(widget)
    other = tc.mes_travaux()
    upload(other, "<script>.json", data)
    assert "<img src=x" not in other.message.value and "&lt;img" in other.message.value


def test_a_hand_in_with_an_answer_that_does_not_fit_is_refused_whole():
    store.save_answer("quiz_lecon_01", {"q1": None})
    widget = tc.mes_travaux()
    widget.nom.value = "Groupe 4"
    widget.exporter.click()
    doc = json.loads(exported_bytes(widget))
    doc["reponses"]["audit_minibus_des_collegiennes"] = {
        "modifie": doc["modifie"],
        "reponse": {"criteres": {"honnetete": 2}},
    }
    doc["reponses"]["quiz_lecon_01"]["reponse"] = {"q1": "a"}
    other = tc.mes_travaux()
    upload(other, "modifie.json", json.dumps(doc).encode())
    assert "Critère inconnu : « honnetete »" in other.message.value
    assert "Vos travaux actuels n’ont pas changé" in other.message.value
    assert ".." not in other.message.value, other.message.value
    assert store.load_answer("quiz_lecon_01").reponse == {"q1": None}
    assert store.load_answer("audit_minibus_des_collegiennes") is None


def test_answers_saved_after_the_widget_is_shown_appear_when_exporting():
    widget = tc.mes_travaux()
    assert "Aucune réponse enregistrée" in widget.sommaire.value
    ranking = tc.classement_avantages()
    ranking.placer(ranking.ids[0])
    widget.nom.value = "Groupe 5"
    widget.exporter.click()
    assert "✓ 1 exercice de «\xa0Groupe 5\xa0» exporté" in widget.lien.value
    assert "classement_avantages" in widget.sommaire.value
    assert "fichier ignoré" not in widget.sommaire.value


def test_a_resumption_the_disk_stops_midway_says_what_was_taken(tmp_path, monkeypatch):
    tc.classement_avantages().placer("durabilite_actions")
    store.save_answer("quiz_lecon_01", {})
    widget = tc.mes_travaux()
    widget.nom.value = "Amina"
    widget.exporter.click()
    data = exported_bytes(widget)
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "autre"))
    real, calls = store.save_answer, []

    def full_after_one(*args, **kwargs):
        calls.append(args[0])
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "save_answer", full_after_one)
    fresh = tc.mes_travaux()
    upload(fresh, "travaux_amina.json", data)
    said = fresh.message.value
    taken = f"exercice repris\xa0: {calls[0]}\u202f;"
    assert f"✗ Reprise interrompue (disque plein)\xa0: {taken}" in said
    assert "n’ont pas changé" not in said
