"""Autosave of every exercise widget, one call in the widget: save, restore, say where."""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as widgets

import tanmia_course as tc
from tanmia_course.exercises.base_widget import ExerciseWidget, refresh_shown
from tanmia_course.work import store


class Notes(ExerciseWidget):
    """A tiny exercise: one text field; its answer is ``{"texte": …}``."""

    def __init__(self, reponse: dict[str, Any] | None = None, exercice: str = "essai_notes"):
        self.text = widgets.Text()
        super().__init__([self.text], exercise_id=exercice)
        self.text.observe(lambda _: self._answer_changed(), names="value")
        if reponse is not None:
            self.answer = reponse
        self._start_autosave(prefill=reponse)

    @property
    def answer(self) -> dict[str, Any]:
        return {"texte": self.text.value}

    @answer.setter
    def answer(self, value: dict[str, Any]) -> None:
        if set(value) != {"texte"} or not isinstance(value["texte"], str):
            raise ValueError("Réponse attendue : {'texte': un texte}.")
        self.text.value = value["texte"]


def saved_file(exercise_id="essai_notes"):
    return store.work_folder() / f"{exercise_id}.json"


def test_each_change_is_saved_under_the_exercise_id_and_the_widget_says_where():
    widget = Notes()
    assert widget.enregistrement in widget.children
    assert "s’enregistrent automatiquement" in widget.enregistrement.value
    assert not saved_file().exists()
    widget.text.value = "La commune apporte le local."
    doc = json.loads(saved_file().read_text(encoding="utf-8"))
    assert doc["exercice"] == "essai_notes"
    assert doc["reponse"] == {"texte": "La commune apporte le local."}
    assert "✓ Enregistré à " in widget.enregistrement.value
    assert "essai_notes.json" in widget.enregistrement.value
    assert widget.model_id not in saved_file().read_text(encoding="utf-8")


def test_a_new_widget_picks_up_the_saved_answer_and_an_explicit_one_wins():
    Notes().text.value = "première session"
    again = Notes()
    assert again.answer == {"texte": "première session"}
    assert "Réponse reprise" in again.enregistrement.value
    prefilled = Notes(reponse={"texte": "donné par le carnet"})
    assert prefilled.answer == {"texte": "donné par le carnet"}
    assert "préremplie" in prefilled.enregistrement.value
    # Building a pre-filled widget does not overwrite the learner's saved answer…
    assert store.load_answer("essai_notes").reponse == {"texte": "première session"}
    # …changing it does.
    prefilled.text.value = "changé"
    assert store.load_answer("essai_notes").reponse == {"texte": "changé"}


def test_the_quiz_is_saved_as_quiz_and_its_id_and_comes_back():
    quiz = tc.quiz("lecon_01")
    qid, view = next((q, v) for q, v in quiz.questions.items() if v.question.type == "single")
    choice = view.question.options[1].id
    view.radio.value = choice
    assert store.load_answer("quiz_lecon_01").reponse[qid] == choice
    assert tc.quiz("lecon_01").answer[qid] == choice
    assert not store.answer_path("quiz_lecon_02").exists()


def test_a_damaged_save_is_set_aside_and_the_learner_starts_afresh():
    saved_file().parent.mkdir(parents=True, exist_ok=True)
    saved_file().write_text('{"schema": "tanmia-course/reponse", "vers', encoding="utf-8")
    widget = Notes()
    assert widget.answer == {"texte": ""}
    assert "⚠ Sauvegarde illisible" in widget.enregistrement.value
    (aside,) = saved_file().parent.glob("essai_notes.non_repris-*.json")
    assert aside.read_text(encoding="utf-8").startswith('{"schema"')
    widget.text.value = "nouveau départ"
    assert store.load_answer("essai_notes").reponse == {"texte": "nouveau départ"}
    assert aside.exists()


def test_a_saved_answer_the_exercise_no_longer_accepts_is_kept_aside():
    store.save_answer("essai_notes", {"ancien_champ": 3})
    widget = Notes()
    assert widget.answer == {"texte": ""}
    assert "ne correspond plus" in widget.enregistrement.value
    (aside,) = saved_file().parent.glob("essai_notes.non_repris-*.json")
    assert json.loads(aside.read_text(encoding="utf-8"))["reponse"] == {"ancien_champ": 3}


def test_a_save_that_fails_warns_and_the_widget_keeps_working(monkeypatch):
    widget = Notes()

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")  # the system speaks English

    monkeypatch.setattr(store, "atomic_write_bytes", disk_full)
    widget.text.value = "texte non enregistré"
    assert widget.answer == {"texte": "texte non enregistré"}
    assert "⚠ Enregistrement impossible (disque plein)" in (widget.enregistrement.value)
    assert "tc.mes_travaux()" in widget.enregistrement.value


def test_a_widget_class_can_turn_autosave_off():
    class Private(Notes):
        autosave = False

    widget = Private()
    widget.text.value = "rien sur le disque"
    assert not saved_file().exists()
    assert widget.enregistrement not in widget.children


def test_the_save_line_escapes_what_it_shows(monkeypatch, tmp_path):
    folder = tmp_path / "<img src=x onerror=alert(1)>"
    monkeypatch.setenv(store.ENV_VAR, str(folder))
    widget = Notes()
    widget.text.value = "x"
    assert "<img" not in widget.enregistrement.value
    assert "&lt;img" in widget.enregistrement.value


def test_a_closed_widget_is_no_longer_refreshed_by_a_resumed_hand_in():
    shown, closed = Notes(exercice="essai_ferme"), Notes(exercice="essai_ferme")
    closed.close()
    refreshed, refused = refresh_shown({"essai_ferme": {"texte": "repris"}})
    assert refreshed == ["essai_ferme"] and refused == []
    assert shown.answer == {"texte": "repris"}
    assert closed.answer == {"texte": ""}
    shown.close()


def test_a_widget_on_screen_that_refuses_a_resumed_answer_says_why():
    widget = Notes(exercice="essai_refus")
    refreshed, refused = refresh_shown({"essai_refus": {"autre": 1}})
    assert refreshed == []
    assert refused == [("essai_refus", "Réponse attendue : {'texte': un texte}.")]
    widget.close()


def test_a_save_over_a_file_another_kernel_wrote_keeps_both_and_warns():
    """Two kernels on one exercise (two tabs, two notebooks): the later save does not
    silently win; the other version is kept beside, and the learner is told."""
    mine = Notes()
    mine.text.value = "première version"
    store.save_answer("essai_notes", {"texte": "écrit par un autre noyau"})  # the other kernel
    mine.text.value = "deuxième version"
    assert json.loads(saved_file().read_text(encoding="utf-8"))["reponse"] == {
        "texte": "deuxième version"
    }
    (kept,) = saved_file().parent.glob("essai_notes.non_repris-*.json")
    assert json.loads(kept.read_text(encoding="utf-8"))["reponse"] == {
        "texte": "écrit par un autre noyau"
    }
    line = mine.enregistrement.value
    assert "⚠ Enregistré" in line and "un autre onglet ou un autre carnet" in line
    mine.text.value = "troisième version"  # its own file since: no warning again
    assert "✓ Enregistré" in mine.enregistrement.value


def test_two_views_of_one_exercise_in_one_kernel_are_not_taken_for_two_writers():
    first, second = Notes(), Notes()
    first.text.value = "vu ici"
    second.text.value = "vu là"
    first.text.value = "et encore ici"
    assert "✓ Enregistré" in first.enregistrement.value
    assert not list(saved_file().parent.glob("essai_notes.non_repris-*.json"))
