"""The quiz widget driven headless, as a learner would: click, read the feedback."""

from __future__ import annotations

import pytest

import tanmia_course as tc
from tanmia_course.content.loader import load_content
from tanmia_course.errors import IdentifiantInconnu


def first_of(kind):
    quiz = tc.quiz("lecon_01")
    view = next(v for v in quiz.questions.values() if v.question.type == kind)
    return quiz, view


def test_choosing_an_option_shows_its_feedback_at_once():
    quiz, view = first_of("single")
    wrong = next(o for o in view.question.options if not o.correct)
    view.radio.value = wrong.id
    assert "✗ Non" in view.feedback[wrong.id].value
    assert wrong.feedback.fr.split("’")[0] in view.feedback[wrong.id].value
    assert "Score\xa0: 0 /" in quiz.score_line.value
    right = next(o for o in view.question.options if o.correct)
    view.radio.value = right.id
    assert view.feedback[wrong.id].value == ""
    assert "✓ Oui" in view.feedback[right.id].value
    assert "Score\xa0: 1 /" in quiz.score_line.value


def test_multiple_choice_explains_each_ticked_box():
    _, view = first_of("multiple")
    for option in view.question.options:
        view.boxes[option.id].value = True
        assert view.feedback[option.id].value != ""
    assert "✗" in view.summary.value or "✓" in view.summary.value
    for option in view.question.options:
        view.boxes[option.id].value = option.correct
    assert "Bravo" in view.summary.value


def test_answer_round_trips_and_restores_a_fresh_widget():
    quiz = tc.quiz("lecon_02")
    answer = {}
    for qid, view in quiz.questions.items():
        correct = [o.id for o in view.question.options if o.correct]
        answer[qid] = correct[0] if view.question.type == "single" else correct
    quiz.answer = answer
    again = tc.quiz("lecon_02")
    again.answer = quiz.answer
    assert again.answer == answer
    total = len(quiz.questions)
    assert f"Score\xa0: {total} / {total}" in again.score_line.value


def test_a_bad_answer_is_refused_and_the_previous_choices_stay():
    quiz = tc.quiz("lecon_03")
    qid, view = next(iter(quiz.questions.items()))
    good = view.question.options[0].id
    quiz.answer = {qid: good if view.question.type == "single" else [good]}
    before = quiz.answer
    with pytest.raises(IdentifiantInconnu):
        quiz.answer = {qid: "option_qui_n_existe_pas"}
    with pytest.raises(IdentifiantInconnu, match="Question du quiz"):
        quiz.answer = {"q99": "a"}
    assert quiz.answer == before


def test_every_shipped_quiz_builds_and_shows_each_question():
    for q in load_content().quizzes:
        widget = tc.quiz(q.id)
        assert len(widget.questions) == len(q.questions)


def test_an_unknown_quiz_names_the_known_ones():
    with pytest.raises(IdentifiantInconnu, match="lecon_01"):
        tc.quiz("lecon_99")


def test_the_verdict_is_said_once_even_when_the_feedback_starts_with_it():
    from tanmia_course.exercises.quiz.analysis import OptionFeedback
    from tanmia_course.exercises.quiz.widget import _feedback_html

    said = OptionFeedback("a", False, "Non : l’État est le premier des dix acteurs.")
    assert said.word == "" and said.level == "error"
    shown = _feedback_html(said)
    assert "✗ Non : l’État" in shown and "Non — Non" not in shown
    unsaid = OptionFeedback("b", True, "Le guide le dit en toutes lettres.")
    assert unsaid.word == "Oui" and unsaid.level == "ok"
    assert "<strong>✓ Oui</strong> — Le guide" in _feedback_html(unsaid)


def test_the_multiple_choice_hint_is_shown_once():
    for quiz in load_content().quizzes:
        for view in tc.quiz(quiz.id).questions.values():
            prompt = view.children[0].value.lower()
            expected = 1 if view.question.type == "multiple" else prompt.count("plusieurs réponses")
            assert prompt.count("plusieurs réponses possibles") == expected <= 1, prompt
