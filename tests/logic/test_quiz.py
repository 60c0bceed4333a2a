"""Quiz scoring: each choice is explained, partial answers are told apart from wrong ones."""

from __future__ import annotations

import pytest

from tanmia_course.content.model import Option, Question, Quiz, Text
from tanmia_course.errors import IdentifiantInconnu
from tanmia_course.exercises.quiz.analysis import evaluate, normalise, score

SINGLE = Question(
    "q1",
    "single",
    Text("Qui ?"),
    (
        Option("a", Text("La population"), True, Text("Oui : elle est actrice.")),
        Option("b", Text("Personne"), False, Text("Non : tous les acteurs comptent.")),
    ),
)
MULTIPLE = Question(
    "q2",
    "multiple",
    Text("Lesquels ?"),
    (
        Option("a", Text("A"), True, Text("Oui, A.")),
        Option("b", Text("B"), True, Text("Oui, B.")),
        Option("c", Text("C"), False, Text("Non, pas C.")),
    ),
)
QUIZ = Quiz("demo", Text("Démo"), (SINGLE, MULTIPLE), "course")


def test_no_choice_asks_for_an_answer():
    result = evaluate(SINGLE, None)
    assert (result.status, result.feedback) == ("sans_reponse", ())


def test_a_single_choice_gets_its_own_explanation():
    right, wrong = evaluate(SINGLE, "a"), evaluate(SINGLE, "b")
    assert right.status == "juste" and right.feedback[0].message == "Oui : elle est actrice."
    assert wrong.status == "faux" and wrong.feedback[0].message.startswith("Non")


@pytest.mark.parametrize(
    ("chosen", "status"),
    [(["a"], "incomplet"), (["a", "b"], "juste"), (["a", "b", "c"], "faux"), (["c"], "faux")],
)
def test_multiple_choice_statuses(chosen, status):
    result = evaluate(MULTIPLE, chosen)
    assert result.status == status
    assert [f.option_id for f in result.feedback] == chosen


def test_incomplete_says_how_many_are_missing():
    assert "il reste 1 bonne réponse à trouver" in evaluate(MULTIPLE, ["b"]).summary


def test_unknown_options_and_two_answers_to_a_single_question_are_refused_in_french():
    with pytest.raises(IdentifiantInconnu, match="« z »"):
        normalise(MULTIPLE, ["a", "z"])
    with pytest.raises(ValueError, match="qu’une seule réponse"):
        normalise(SINGLE, ["a", "b"])


def test_repeated_choices_count_once():
    assert normalise(MULTIPLE, ["a", "a", "b"]) == ("a", "b")


def test_score_counts_only_complete_right_answers():
    assert score(QUIZ, {"q1": "a", "q2": ["a"]}) == (1, 2)
    assert score(QUIZ, {"q1": "a", "q2": ["a", "b"]}) == (2, 2)
    assert score(QUIZ, {}) == (0, 2)


def test_a_question_result_says_its_level_and_icon():
    from tanmia_course.content.model import Option, Question, Text
    from tanmia_course.exercises.quiz.analysis import evaluate

    q = Question(
        "q",
        "multiple",
        Text("?"),
        (
            Option("a", Text("A"), True, Text("Oui.")),
            Option("b", Text("B"), True, Text("Oui aussi.")),
            Option("c", Text("C"), False, Text("Non.")),
        ),
    )
    shown = {
        choice: (evaluate(q, choice).level, evaluate(q, choice).icon)
        for choice in ((), ("a",), ("a", "b"), ("c",))
    }
    assert shown == {
        (): ("info", ""),
        ("a",): ("warning", "◐"),
        ("a", "b"): ("ok", "✓"),
        ("c",): ("error", "✗"),
    }
