"""The one reader of hand-ins: each exercise's answer through its answer type.

Property tests throw valid and damaged answers (as a hand-edited or damaged file may hold)
at each exercise's answer type, through :func:`~tanmia_course.work.handins.normalise`: each
gives a normalised answer, which reads back as itself, or one French message — never a
crash. Then a whole hand-in: accepted answers normalised, refused ones with their reason.
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tanmia_course.content.loader import load_content
from tanmia_course.content.model import ACTOR_ANSWER_KEYS
from tanmia_course.errors import IdentifiantInconnu
from tanmia_course.exercises.actor_map import answer as actor_map
from tanmia_course.exercises.actor_map.analysis import reference_answer as reference_map
from tanmia_course.exercises.audit.analysis import reference_answer as reference_audit
from tanmia_course.exercises.quiz.answer import normalise
from tanmia_course.work import handins, store
from tanmia_course.work.registry import known_exercises

from ..conftest import FIXTURES

CONTENT = load_content()
VOCAB = actor_map.vocabulary(CONTENT)
BENEFITS = [b.id for b in CONTENT.benefits]
CASE = next(c for c in CONTENT.case_studies if c.id == "minibus_des_collegiennes")
EXERCISES = known_exercises(CONTENT)
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


def outcome(exercise_id, answer):
    """The answer type's verdict: ("ok", normalised answer) or ("refus", French reason)."""
    try:
        return "ok", handins.normalise(EXERCISES[exercise_id], answer, CONTENT)
    except (ValueError, IdentifiantInconnu) as exc:
        assert str(exc).strip()
        return "refus", str(exc)


def assert_normalised_or_refused(exercise_id, answer):
    """A normalised answer reads back as itself; a refusal is one French message."""
    verdict, result = outcome(exercise_id, answer)
    if verdict == "ok":
        assert json.loads(json.dumps(result)) is not None  # JSON-ready, as saved
        again = handins.normalise(EXERCISES[exercise_id], json.loads(json.dumps(result)), CONTENT)
        assert again == result
    return verdict, result


# ----------------------------------------------------------------------------- maps

MAP_FIELDS = [*ACTOR_ANSWER_KEYS, "autre"]  # every field of an actor, and one unknown


@st.composite
def damaged_maps(draw):
    answer = reference_map("tifawin", VOCAB)
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


@settings(max_examples=150, deadline=None)
@given(answer=damaged_maps())
def test_a_damaged_map_is_normalised_or_refused_in_french(answer):
    assert_normalised_or_refused("cartographie_acteurs", answer)


def test_a_refused_map_carries_the_answer_types_french_message():
    answer = reference_map("tifawin", VOCAB)
    answer["actors"][0]["influence"] = 9
    verdict, why = outcome("cartographie_acteurs", answer)
    assert verdict == "refus" and "entre 0 et 5" in why and "(reçu : 9)" in why
    assert "dictionnaire" in outcome("cartographie_acteurs", "pas une carte")[1]


def test_values_equal_in_python_but_not_in_json_are_told_apart():
    answers = []
    for value in (1, True, 1.0):
        answer = reference_map("tifawin", VOCAB)
        answer["actors"][0]["influence"] = value
        answers.append(outcome("cartographie_acteurs", answer))
    assert [verdict for verdict, _ in answers] == ["ok", "refus", "ok"]
    assert answers[0] == answers[2]  # 1.0 is read as 1, as the map does; true is no number
    quiz = f"quiz_{QUIZ.id}"
    assert outcome(quiz, {"q1": ["a"]}) == outcome(quiz, {"q1": "a"}) == ("ok", {"q1": ("a",)})
    assert outcome(quiz, {"q1": [True]})[0] == "refus"


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
@given(answer=damaged_rankings())
def test_a_damaged_ranking_is_normalised_or_refused_in_french(answer):
    verdict, result = assert_normalised_or_refused("classement_avantages", answer)
    if verdict == "ok":
        assert set(result) <= {"mode", "ordre", "justifications", "justifications_hors_classement"}
        assert set(result["justifications"]) <= set(result["ordre"])


def test_a_ranking_with_an_unknown_benefit_is_refused_in_french():
    verdict, why = outcome("classement_avantages", {"mode": "complet", "ordre": ["inconnu"]})
    assert verdict == "refus" and "inconnu" in why and "Avantage" in why


def test_a_hand_in_may_rank_any_number_of_first_choices():
    answer = {"mode": "premiers", "ordre": BENEFITS[:8], "justifications": {}}
    assert outcome("classement_avantages", answer) == ("ok", answer)


# --------------------------------------------------------------------------- audits


@st.composite
def damaged_audits(draw):
    answer = reference_audit(CASE)
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


@settings(max_examples=200, deadline=None)
@given(answer=damaged_audits())
def test_a_damaged_audit_is_normalised_or_refused_in_french(answer):
    assert_normalised_or_refused(f"audit_{CASE.id}", answer)


def test_an_audit_with_an_unknown_criterion_is_refused_and_names_it():
    answer = reference_audit(CASE)
    answer["criteres"]["honnetete"] = {"niveau": 2, "preuve": ""}
    verdict, why = outcome(f"audit_{CASE.id}", answer)
    assert verdict == "refus" and "honnetete" in why and "Critère" in why


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


@settings(max_examples=200, deadline=None)
@given(answer=damaged_quizzes())
def test_a_damaged_quiz_answer_is_normalised_or_refused_in_french(answer):
    verdict, result = assert_normalised_or_refused(f"quiz_{QUIZ.id}", answer)
    if verdict == "ok":
        for qid, chosen in result.items():
            question = next(q for q in QUIZ.questions if q.id == qid)
            assert normalise(question, list(chosen)) == chosen


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (["a"], "La réponse d’un quiz est un dictionnaire"),
        ({"q99": "a"}, "Question du quiz « lecon_02 » inconnue"),
        ({"q1": 3}, "Question « q1 » : choix illisible"),
        ({"q1": ["a", "b"]}, "n’admet qu’une seule réponse"),
    ],
)
def test_a_wrong_quiz_answer_is_refused_in_french(answer, words):
    verdict, why = outcome(f"quiz_{QUIZ.id}", answer)
    assert verdict == "refus" and words in why


# ------------------------------------------------------------------- a whole hand-in


def test_a_hand_in_is_read_whole_each_answer_normalised_or_refused():
    doc = {
        "schema": store.HANDIN_SCHEMA,
        "version": store.FORMAT_VERSION,
        "nom": "  Groupe   6 ",
        "version_cours": "0.1.0",
        "cree": "2025-03-14T10:00:00+01:00",
        "modifie": "2025-03-14T10:42:00+01:00",
        "reponses": {
            eid: {"modifie": "2025-03-14T10:40:00+01:00", "reponse": answer}
            for eid, answer in {
                "cartographie_acteurs": reference_map("tifawin", VOCAB),
                "classement_avantages": {"ordre": BENEFITS[:2]},
                f"quiz_{QUIZ.id}": {"q1": "z"},
                "exercice_fantome": {},
            }.items()
        },
    }
    rendu = handins.read_handin(json.dumps(doc).encode(), "rendu.json", CONTENT)
    assert rendu.nom == "Groupe 6" and rendu.fichier == "rendu.json"
    assert rendu.reponses["classement_avantages"] == {
        "mode": "complet",
        "ordre": BENEFITS[:2],
        "justifications": {},
    }
    assert rendu.reponses["cartographie_acteurs"] == reference_map("tifawin", VOCAB)
    assert set(rendu.refus) == {f"quiz_{QUIZ.id}", "exercice_fantome"}
    assert "« z »" in rendu.refus[f"quiz_{QUIZ.id}"]
    assert rendu.refus["exercice_fantome"] == "exercice inconnu de ce cours : « exercice_fantome »"


def test_a_deeply_nested_answer_is_refused_not_a_crash():
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    clean, refused = handins.check_answers({"classement_avantages": {"ordre": deep}}, CONTENT)
    assert clean == {}
    assert refused == {"classement_avantages": "réponse imbriquée trop profondément"}


@pytest.mark.parametrize("path", sorted((FIXTURES / "ok" / "rendus_classe").iterdir()))
def test_hand_ins_written_by_the_first_format_still_load(path):
    rendu = handins.read_handin(path.read_bytes(), path.name, CONTENT)
    assert rendu.refus == {} and rendu.reponses


def test_a_refusal_in_the_class_view_names_the_exercise_once_and_not_the_widget_wording():
    """The class view writes « <exercise> : <reason> »: the « Réponse refusée : » that opens a
    widget's refusal is left out there."""
    from tanmia_course.work.handins import _reason

    reason = _reason(ValueError("Réponse refusée : justification pour « x », hors classement."))
    assert reason == "justification pour « x », hors classement."
    assert _reason(TypeError("x")) == "réponse mal formée (TypeError)"
