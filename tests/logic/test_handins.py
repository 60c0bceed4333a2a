"""Many answers checked at once give exactly what each exercise's own check gives.

The batch checks of the class view take a fast path for answers they are sure of; these
property tests throw valid and damaged answers at them, mixed in one batch, and compare
every outcome with the exercise's own normaliser: same rows for accepted answers, a refusal
(with the normaliser's French message) for the others — also when the verdicts on the items
a class repeats are carried from call to call.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tanmia_course.content.loader import load_content
from tanmia_course.content.model import ACTOR_ANSWER_KEYS
from tanmia_course.exercises.actor_map import analysis as actor_map
from tanmia_course.exercises.audit import analysis as audit
from tanmia_course.exercises.quiz.analysis import normalise
from tanmia_course.work import handins

CONTENT = load_content()
VOCAB = actor_map.vocabulary(CONTENT)
BENEFITS = [b.id for b in CONTENT.benefits]
CASE = next(c for c in CONTENT.case_studies if c.id == "minibus_des_collegiennes")
CRITERIA = [c.id for c in CONTENT.criteria]
SIGNS = [s.id for s in CONTENT.warning_signs]
QUIZ = next(q for q in CONTENT.quizzes if q.id == "lecon_02")

# Values a damaged or hand-edited file may hold where an id, a number or a text is expected.
ODD = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        3,
        3.0,
        2.5,
        -1,
        6,
        10**30,
        "",
        " ",
        "inconnu",
        "population",
        "neutre",
        "favorable",
        "aucune",
        "financier",
        "finance",
        "commune_x",
        "Commune X",
        [],
        ["financier"],
        ["inconnu"],
        [["financier"]],
        {},
        {"financier": 1},
        "<script>alert(1)</script>",
        "x" * 81,  # a name one character too long
    ]
).map(copy.deepcopy)  # a fresh list or dict at each draw: never shared, never cyclic


def outcome(check, answer):
    """The exercise's own verdict: ("ok", row) or ("refus", None)."""
    try:
        return "ok", check(answer)
    except (ValueError, LookupError, TypeError, AttributeError):
        return "refus", None


def assert_batch_agrees(rows, errors, answers, exact):
    for i, answer in enumerate(answers):
        verdict, row = outcome(exact, answer)
        if verdict == "ok":
            assert i not in errors, (errors.get(i), answer)
            assert rows[i] is not None
        else:
            assert errors.get(i), answer
            assert rows[i] is None
        yield i, row


# ----------------------------------------------------------------------------- maps

MAP_FIELDS = [*ACTOR_ANSWER_KEYS, "autre"]  # every field of an actor, and one unknown


@st.composite
def damaged_maps(draw):
    answer = actor_map.reference_answer("tifawin", VOCAB)
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["set", "delete", "duplicate", "link", "links", "actors"]))
        actors = answer["actors"] if isinstance(answer["actors"], list) else []
        entries = [a for a in actors if isinstance(a, dict)]
        if kind == "set" and entries:
            actor = draw(st.sampled_from(entries))
            actor[draw(st.sampled_from(MAP_FIELDS))] = draw(ODD)
        elif kind == "delete" and entries:
            actor = draw(st.sampled_from(entries))
            actor.pop(draw(st.sampled_from(MAP_FIELDS)), None)
        elif kind == "duplicate" and entries:
            actors.append(copy.deepcopy(draw(st.sampled_from(entries))))
        elif kind == "link" and isinstance(answer.get("links"), list):
            ids = [a.get("id") for a in entries] + ["inconnu"]
            answer["links"].append(
                {
                    "source": draw(st.sampled_from(ids)),
                    "target": draw(st.sampled_from(ids)),
                    "type": draw(st.sampled_from([*VOCAB.link_types, "inconnu"])),
                }
            )
        elif kind == "links":
            answer["links"] = draw(st.sampled_from([None, [], {}, "x", [1], [{"source": "x"}]]))
        elif kind == "actors":
            answer["actors"] = draw(st.sampled_from([[], {}, "x", None, [1], [{}]]))
    return answer


def exact_map(answer):
    return handins.map_row(actor_map.normalise_answer(answer, VOCAB)["actors"])


@settings(max_examples=150, deadline=None)
@given(answers=st.lists(damaged_maps(), min_size=1, max_size=6))
def test_batch_map_checks_agree_with_the_actor_map_normaliser(answers):
    rows, errors = handins.check_maps(answers, VOCAB)
    for i, expected in assert_batch_agrees(rows, errors, answers, exact_map):
        if expected is not None:
            assert rows[i] == expected


def test_a_refused_map_carries_the_normalisers_french_message():
    answer = actor_map.reference_answer("tifawin", VOCAB)
    answer["actors"][0]["influence"] = 9
    good = actor_map.reference_answer("tifawin", VOCAB)
    rows, errors = handins.check_maps([good, answer, "pas une carte"], VOCAB)
    assert rows[0] is not None and list(errors) == [1, 2]
    assert "entre 0 et 5" in errors[1] and "(reçu : 9)" in errors[1]
    assert "dictionnaire" in errors[2]


# ------------------------------------------------------------------------- rankings


@st.composite
def damaged_rankings(draw):
    mode = draw(st.sampled_from(["complet", "diamant", "premiers", "autre", None, 3]))
    size = draw(st.integers(0, 22))
    order = draw(st.permutations(BENEFITS))[:size]
    answer = {"mode": mode, "ordre": list(order)}
    if mode is None:
        del answer["mode"]
    if draw(st.booleans()) and order:
        answer["ordre"][draw(st.integers(0, len(order) - 1))] = draw(ODD)
    if draw(st.booleans()) and order:
        answer["ordre"].append(order[0])
    texts = {b: "Parce que." for b in order[:3]}
    if draw(st.booleans()):
        texts[draw(st.sampled_from(BENEFITS))] = draw(ODD)
    answer["justifications"] = draw(st.sampled_from([texts, None, [], "x"]))
    if draw(st.booleans()):  # the justifications of benefits taken out of the ranking
        kept = {b: "Plus tard." for b in BENEFITS[-2:] if b not in order}
        if draw(st.booleans()):
            kept[draw(st.sampled_from([*BENEFITS, "inconnu"]))] = draw(ODD)
        answer["justifications_hors_classement"] = draw(st.sampled_from([kept, None, [], "x"]))
    if draw(st.integers(0, 9)) == 0:
        answer["autre"] = 1
    return answer


@settings(max_examples=200, deadline=None)
@given(answers=st.lists(damaged_rankings(), min_size=1, max_size=6))
def test_batch_ranking_checks_agree_with_check_order(answers):
    rows, errors = handins.check_rankings(answers, BENEFITS)
    exact = lambda a: handins.ranking_row(a, BENEFITS)  # noqa: E731
    for i, expected in assert_batch_agrees(rows, errors, answers, exact):
        if expected is not None:
            assert rows[i] == expected


def test_a_ranking_with_an_unknown_benefit_is_refused_in_french():
    rows, errors = handins.check_rankings([{"mode": "complet", "ordre": ["inconnu"]}], BENEFITS)
    assert rows == [None] and "inconnu" in errors[0] and "Avantage" in errors[0]


# --------------------------------------------------------------------------- audits


@st.composite
def damaged_audits(draw):
    answer = audit.reference_answer(CASE)
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(
            st.sampled_from(["level", "proof", "bare", "drop", "part", "sign", "unticked", "key"])
        )
        criterion = draw(st.sampled_from([*CRITERIA, "inconnu"]))
        rating = answer["criteres"].get(criterion)
        if kind == "level" and isinstance(rating, dict):
            rating["niveau"] = draw(ODD)
        elif kind == "proof" and isinstance(rating, dict):
            rating["preuve"] = draw(ODD)
        elif kind == "bare":
            answer["criteres"][criterion] = draw(ODD)
        elif kind == "drop":
            answer["criteres"].pop(criterion, None)
        elif kind == "part":
            answer[
                draw(st.sampled_from(["bonnes_pratiques", "signes_alerte", "recommandations"]))
            ] = draw(ODD)
        elif kind == "sign":
            signs = answer["signes_alerte"]
            if isinstance(signs, dict):
                signs[draw(st.sampled_from([*SIGNS, "inconnu"]))] = draw(ODD)
        elif kind == "unticked":  # evidence of a sign left unticked, or of a ticked one
            kept = answer.setdefault("preuves_signes_non_retenus", {})
            if isinstance(kept, dict):
                kept[draw(st.sampled_from([*SIGNS, "inconnu"]))] = draw(
                    st.one_of(ODD, st.just("§ 2 : une preuve"))
                )
            else:
                answer["preuves_signes_non_retenus"] = draw(ODD)
        elif kind == "key":
            answer["criteres"][draw(st.sampled_from(CRITERIA))] = {"niveau": 2, "autre": 1}
    return answer


def exact_audit(answer):
    clean = audit.normalise_answer(
        answer, CONTENT.criteria, CONTENT.practices, CONTENT.warning_signs
    )
    return handins.audit_row(clean, CRITERIA, SIGNS)


@settings(max_examples=200, deadline=None)
@given(answers=st.lists(damaged_audits(), min_size=1, max_size=6))
def test_batch_audit_checks_agree_with_the_audit_normaliser(answers):
    rows, errors = handins.check_audits(answers, CONTENT)
    for i, expected in assert_batch_agrees(rows, errors, answers, exact_audit):
        if expected is not None:
            assert rows[i] == expected


def test_an_audit_with_an_unknown_criterion_is_refused_and_names_it():
    answer = audit.reference_answer(CASE)
    answer["criteres"]["honnetete"] = {"niveau": 2, "preuve": ""}
    _, errors = handins.check_audits([answer], CONTENT)
    assert "honnetete" in errors[0] and "Critère" in errors[0]


# ---------------------------------------------------------------------------- quiz


@st.composite
def damaged_quizzes(draw):
    answer = {}
    for question in QUIZ.questions:
        ids = [o.id for o in question.options]
        answer[question.id] = draw(
            st.one_of(
                st.sampled_from(ids),
                st.lists(st.sampled_from([*ids, "z"]), max_size=3),
                ODD,
            )
        )
    if draw(st.integers(0, 5)) == 0:
        answer["q99"] = "a"
    return answer


def exact_quiz(answer):
    return handins.quiz_row(answer, QUIZ)


@settings(max_examples=200, deadline=None)
@given(answers=st.lists(damaged_quizzes(), min_size=1, max_size=6))
def test_batch_quiz_checks_agree_with_the_quiz_normaliser(answers):
    rows, errors = handins.check_quizzes(answers, QUIZ)
    for i, expected in assert_batch_agrees(rows, errors, answers, exact_quiz):
        if expected is not None:
            assert rows[i] == expected


def test_quiz_scores_count_questions_answered_exactly_right():
    perfect = {q.id: tuple(o.id for o in q.options if o.correct) for q in QUIZ.questions}
    first = QUIZ.questions[0]
    wrong = dict(perfect, **{first.id: (next(o.id for o in first.options if not o.correct),)})
    assert handins.quiz_scores([perfect, wrong, {}], QUIZ) == [
        len(QUIZ.questions),
        len(QUIZ.questions) - 1,
        0,
    ]
    for q in QUIZ.questions:
        assert normalise(q, list(perfect[q.id])) == perfect[q.id]


@pytest.mark.parametrize("n", [0, 1])
def test_empty_batches_are_fine(n):
    answers = [actor_map.reference_answer("tifawin", VOCAB)] * n
    rows, errors = handins.check_maps(answers, VOCAB)
    assert len(rows) == n and errors == {}


# ------------------------------------------------- each distinct item checked once


@settings(max_examples=100, deadline=None)
@given(
    first=st.lists(damaged_maps(), min_size=1, max_size=4),
    then=st.lists(damaged_maps(), min_size=1, max_size=4),
)
def test_verdicts_shared_from_call_to_call_still_agree_with_the_normaliser(first, then):
    shared = handins.Shared()
    for answers in (first, then, first + then):
        rows, errors = handins.check_maps(answers, VOCAB, shared)
        for i, expected in assert_batch_agrees(rows, errors, answers, exact_map):
            if expected is not None:
                assert rows[i] == expected


def test_values_equal_in_python_but_not_in_json_are_told_apart():
    answers = []
    for value in (1, True, 1.0):
        answer = actor_map.reference_answer("tifawin", VOCAB)
        answer["actors"][0]["influence"] = value
        answers.append(answer)
    rows, errors = handins.check_maps(answers, VOCAB)
    assert list(errors) == [1]  # true is not a number; 1.0 is read as 1, as the map does
    assert rows[0] == rows[2] == exact_map(answers[0])
    quizzes = [{"q1": ["a"]}, {"q1": "a"}, {"q1": [True]}]
    rows, errors = handins.check_quizzes(quizzes, QUIZ)
    assert rows[0] == rows[1] == {"q1": ("a",)} and list(errors) == [2]


def test_usual_answers_take_the_fast_path(monkeypatch):
    from tanmia_course.exercises.audit import analysis as audit_logic

    def never(*args, **kwargs):
        raise AssertionError("the fast path should have been sure")

    maps = [actor_map.reference_answer("tifawin", VOCAB) for _ in range(3)]
    audits = [audit.reference_answer(CASE) for _ in range(3)]
    unticked = next(s for s in SIGNS if s not in audits[2]["signes_alerte"])
    audits[2]["preuves_signes_non_retenus"] = {unticked: "§ 2 : à discuter"}
    rankings = [
        {"mode": "complet", "ordre": BENEFITS[:5], "justifications": {}},
        {
            "mode": "complet",
            "ordre": BENEFITS[:5],
            "justifications": {},
            "justifications_hors_classement": {BENEFITS[6]: "Plus tard."},
        },
    ]
    quizzes = [{q.id: q.options[0].id for q in QUIZ.questions}, {}]
    expected = (
        [exact_map(a) for a in maps],
        [exact_audit(a) for a in audits],
        [handins.ranking_row(a, BENEFITS) for a in rankings],
        [handins.quiz_row(a, QUIZ) for a in quizzes],
    )
    monkeypatch.setattr(actor_map, "normalise_answer", never)
    monkeypatch.setattr(audit_logic, "normalise_answer", never)
    monkeypatch.setattr(handins, "ranking_row", never)
    monkeypatch.setattr(handins, "quiz_row", never)
    shared = handins.Shared()
    got = (
        handins.check_maps(maps, VOCAB, shared),
        handins.check_audits(audits, CONTENT, shared),
        handins.check_rankings(rankings, BENEFITS),
        handins.check_quizzes(quizzes, QUIZ, shared),
    )
    for (rows, errors), want in zip(got, expected, strict=True):
        assert errors == {} and rows == want
    # Equal parts of rows are one object: an actor of two maps, the levels of two audits.
    (map_rows, _), (audit_rows, _) = got[:2]
    assert map_rows[0][0][0] is map_rows[1][0][0]
    assert audit_rows[0].niveaux is audit_rows[1].niveaux
