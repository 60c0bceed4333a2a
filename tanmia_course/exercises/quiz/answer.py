"""The answer's type of a lesson's quiz: the options chosen, question by question.

**The answer.** ``{question id: option id, or a list of option ids, or None}``.
:func:`normalise_answer` takes the raw JSON answer (from the widget, a saved file or a
hand-in), checks it against the quiz and returns ``{question id: (option ids…)}``, or raises
one French message naming the first defect. The widget, restore, « Mes travaux » and the
class view all go through it. Only the content is imported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...content.model import Question, Quiz
from ...errors import IdentifiantInconnu

Selection = str | Iterable[str] | None
_MAPPING = (dict, Mapping)  # a dict, as JSON gives, is recognised at once (not so a Mapping)


def normalise(question: Question, selected: Selection) -> tuple[str, ...]:
    """The chosen option ids, checked: unknown ids and several choices on a
    single-choice question raise a French error."""
    if selected is None:
        chosen: tuple[str, ...] = ()
    elif isinstance(selected, str):
        chosen = (selected,)
    elif isinstance(selected, list | tuple) and all(isinstance(o, str) for o in selected):
        chosen = tuple(dict.fromkeys(selected))
    else:
        raise ValueError(f"Question « {question.id} » : choix illisible ({selected!r:.40}).")
    known = [o.id for o in question.options]
    for option_id in chosen:
        if option_id not in known:
            raise IdentifiantInconnu(
                f"Option de la question « {question.id} »", option_id, known, feminin=True
            )
    if question.type == "single" and len(chosen) > 1:
        raise ValueError(
            f"La question « {question.id} » n’admet qu’une seule réponse ; "
            f"reçu : {', '.join(chosen)}."
        )
    return chosen


def normalise_answer(value: Any, quiz: Quiz) -> dict[str, tuple[str, ...]]:
    """Check a whole quiz answer: question id → the option ids chosen (none, one, or several
    for a multiple-choice question).

    >>> from tanmia_course.content.model import Option, Question, Quiz, Text
    >>> q = Question("q1", "single", Text("?"), (Option("a", Text("A"), True, Text("Oui.")),))
    >>> normalise_answer({"q1": "a"}, Quiz("essai", Text("Essai"), (q,), "course"))
    {'q1': ('a',)}
    """
    if not isinstance(value, _MAPPING):
        raise ValueError(
            "La réponse d’un quiz est un dictionnaire question → choix ; "
            f"reçu : {type(value).__name__}."
        )
    questions = {q.id: q for q in quiz.questions}
    unknown = [qid for qid in value if qid not in questions]
    if unknown:
        raise IdentifiantInconnu(
            f"Question du quiz « {quiz.id} »", unknown[0], list(questions), feminin=True
        )
    return {qid: normalise(questions[qid], selection) for qid, selection in value.items()}
