"""The exercises whose answers are saved, handed in and gathered: id, French title, check.

Exercise ids (stable, the keys of saved answers and of hand-in files):

- ``cartographie_acteurs``: the actor map (exercise 01, :mod:`~.exercises.actor_map`);
- ``classement_avantages``: the ranking of the benefits (exercise 02, :mod:`~.exercises.ranking`);
- ``audit_<case id>``: the audit of a case study (exercise 03, :mod:`~.exercises.audit`);
- ``convention_<scenario id>``: the draft of a partnership agreement for a scenario
  (exercise 04, :mod:`~.exercises.agreement`);
- ``quiz_<quiz id>``: a lesson's self-check quiz (:mod:`~.exercises.quiz`).

Each answer is checked by its exercise's answer type (``exercises/<exercise>/answer.py``),
through :func:`tanmia_course.work.handins.normalise`. Nothing here imports a widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.agreement import scenarios
from ..content.model import Content

ACTOR_MAP = "cartographie_acteurs"
RANKING = "classement_avantages"
AUDIT_PREFIX = "audit_"
AGREEMENT_PREFIX = "convention_"
QUIZ_PREFIX = "quiz_"
KIND_ORDER = {"carte": 0, "classement": 1, "audit": 2, "convention": 3, "quiz": 4}


@dataclass(frozen=True)
class Exercise:
    """An exercise a hand-in may answer: its id, kind, French title, and target (the case
    study of an audit, the scenario of an agreement, the quiz of a quiz)."""

    id: str
    kind: str  # "carte", "classement", "audit", "convention" or "quiz"
    titre: str
    cible: str | None = None


def known_exercises(content: Content) -> dict[str, Exercise]:
    """Every exercise of ``content``, by id, in the course's order."""
    found = [
        Exercise(ACTOR_MAP, "carte", "Cartographie des acteurs"),
        Exercise(RANKING, "classement", "Classement des avantages"),
    ]
    found += [
        Exercise(f"{AUDIT_PREFIX}{case.id}", "audit", f"Audit : {case.title}", case.id)
        for case in content.case_studies
    ]
    found += [
        Exercise(f"{AGREEMENT_PREFIX}{s.id}", "convention", f"Convention : {s.title}", s.id)
        for s in scenarios(content).values()
    ]
    found += [
        Exercise(f"{QUIZ_PREFIX}{q.id}", "quiz", f"Quiz : {q.title}", q.id) for q in content.quizzes
    ]
    return {e.id: e for e in found}


def exercise_title(exercise_id: str, content: Content) -> str:
    """The French title of an exercise id, or the id itself if the content has no such one."""
    found = known_exercises(content).get(exercise_id)
    return found.titre if found else exercise_id
