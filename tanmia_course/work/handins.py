"""The one reader of a hand-in file: bytes → JSON → envelope → each exercise's answer type.

Every tool that reads a hand-in goes through :func:`read_handin`: resuming one in « Mes
travaux » (:mod:`~tanmia_course.work.widget`), and the class view (``tc.classe()``, its
widget and ``tanmia-course classe``, :mod:`~tanmia_course.classroom.analysis`). The steps:

1. the bytes, at most :data:`~tanmia_course.work.store.MAX_BYTES` (:func:`~.store.read_bytes`);
2. JSON, by the standard library, refusing what JSON has not (NaN, infinities), a value
   nested too deep, text that cannot be written out (:func:`~tanmia_course.work.store.loads`);
3. the envelope — schema, format version (older versions migrated), name, dates — checked
   (:func:`~tanmia_course.work.store.parse_handin`);
4. each exercise's answer through its answer type (``exercises/<exercise>/answer.py``),
   which gives the normalised answer or the French reason it is refused.

A participant's work folder — each ``classe/<nom>/`` of a workshop on the local network —
is read as a hand-in exported at the moment (:func:`read_work_folder`): each saved answer
through steps 1, 2 and its own envelope (:func:`~tanmia_course.work.store.saved_answers`),
then step 4.

Nothing in a file is ever executed: it is only parsed as JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from ..content.model import Content
from ..display.text import clip
from ..errors import IdentifiantInconnu
from ..exercises.actor_map import answer as actor_map
from ..exercises.agreement import answer as agreement
from ..exercises.audit import answer as audit
from ..exercises.quiz import answer as quiz
from ..exercises.ranking import answer as ranking
from . import store
from .registry import Exercise, known_exercises
from .store import read_bytes as read_bytes  # step 1: every reader takes a file's bytes here

# What an answer type raises on a damaged answer: a French ValueError (IdentifiantInconnu
# is one), and, on a hostile one, whatever Python raises first.
_ANSWER_ERRORS = (ValueError, LookupError, TypeError, AttributeError, RecursionError)


def read_handin(data: bytes, label: str, content: Content) -> store.Handin:
    """Read one hand-in file (its bytes): a :class:`~.store.Handin` whose ``reponses`` are the
    normalised answers, by exercise id, and ``refus`` the French reason of each answer
    refused. A file that cannot be read at all raises :class:`~.store.UnreadableWork`."""
    rendu = store.parse_handin(data, label)
    rendu.reponses, rendu.refus = check_answers(rendu.reponses, content)
    return rendu


def read_work_folder(folder: Path, label: str, content: Content) -> store.Handin:
    """Read a participant's work folder as one hand-in (:func:`~.store.gather_handin`): each
    answer saved there through its answer type, as :func:`read_handin` does; a saved file
    that cannot be read is refused with its French reason, the others are kept."""
    rendu, problems = store.gather_handin(folder, label)
    rendu.reponses, rendu.refus = check_answers(rendu.reponses, content)
    for problem in problems:
        eid = Path(problem.fichier).name.removesuffix(".json")
        rendu.refus[eid] = f"sauvegarde illisible : {problem.raison}"
    return rendu


def check_answers(
    answers: Mapping[str, Any], content: Content
) -> tuple[dict[str, Any], dict[str, str]]:
    """Each answer through its exercise's answer type: the normalised answers, and the
    French reason of each refusal, by exercise id."""
    answer_types = _answer_types(content)
    clean: dict[str, Any] = {}
    refused: dict[str, str] = {}
    for eid, answer in answers.items():
        answer_type = answer_types.get(eid)
        if answer_type is None:
            refused[eid] = f"exercice inconnu de ce cours : « {eid[:60]} »"
            continue
        try:
            clean[eid] = answer_type(answer)
        except _ANSWER_ERRORS as exc:
            refused[eid] = _reason(exc)
    return clean, refused


def normalise(exercise: Exercise, answer: Any, content: Content) -> Any:
    """One answer through its exercise's answer type."""
    return _answer_types(content)[exercise.id](answer)


_last: list[Any] = [None, None]  # the content last read with, and its answer types


def _answer_types(content: Content) -> dict[str, Callable[[Any], Any]]:
    """The answer type of each exercise of ``content``, by id, given once what it checks
    against (a class of 10,000 hand-ins is read with one content). A ranking of the form
    ``premiers`` may hold any number of benefits: the number is the widget's setting."""
    if _last[0] is content:
        return _last[1]
    vocab = actor_map.vocabulary(content)
    ids = [b.id for b in content.benefits]
    quizzes = {q.id: q for q in content.quizzes}

    def answer_type(exercise: Exercise) -> Callable[[Any], Any]:
        if exercise.kind == "carte":
            return partial(actor_map.normalise_answer, vocab=vocab)
        if exercise.kind == "classement":
            return partial(ranking.normalise_answer, known=ids, k=len(ids))
        if exercise.kind == "audit":
            return partial(audit.normalise_answer, content=content)
        if exercise.kind == "convention":
            return partial(agreement.normalise_answer, content=content, scenario=exercise.cible)
        return partial(quiz.normalise_answer, quiz=quizzes[exercise.cible])

    _last[:] = [content, {eid: answer_type(e) for eid, e in known_exercises(content).items()}]
    return _last[1]


def _reason(exc: BaseException) -> str:
    """The French reason of a refused answer, at most 400 characters."""
    if isinstance(exc, RecursionError):
        return "réponse imbriquée trop profondément"
    text = str(exc) if isinstance(exc, ValueError | IdentifiantInconnu) else ""
    # « Réponse refusée : » opens a widget's refusal; here the exercise's name comes first.
    text = text.removeprefix("Réponse refusée : ") or f"réponse mal formée ({type(exc).__name__})"
    return clip(text, 400)  # on one line, its no-break spaces kept
