"""Score a quiz answer and say why each chosen option is right or wrong, in French."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...content.model import Question, Quiz
from ...display.text import plural
from .answer import Selection, normalise


@dataclass(frozen=True)
class OptionFeedback:
    """Why a chosen option is right or wrong: the content's explanation, and its verdict."""

    option_id: str
    correct: bool
    message: str

    @property
    def level(self) -> str:
        return "ok" if self.correct else "error"

    @property
    def icon(self) -> str:
        return "✓" if self.correct else "✗"

    @property
    def word(self) -> str:
        """« Oui » or « Non »; empty when the explanation starts with that word itself (no
        « Non — Non : … »)."""
        word = "Oui" if self.correct else "Non"
        return "" if re.match(rf"{word}\b", self.message.strip(), re.IGNORECASE) else word


_LEVELS = {"sans_reponse": "info", "juste": "ok", "incomplet": "warning", "faux": "error"}
_ICONS = {"sans_reponse": "", "juste": "✓", "incomplet": "◐", "faux": "✗"}


@dataclass(frozen=True)
class QuestionResult:
    """What a learner's choice on one question is worth.

    ``status`` is ``"sans_reponse"``, ``"juste"``, ``"incomplet"`` (only right options
    chosen, some still missing) or ``"faux"`` (at least one wrong option chosen).
    """

    question_id: str
    status: str
    summary: str
    feedback: tuple[OptionFeedback, ...]

    @property
    def level(self) -> str:
        """``ok``, ``warning`` (incomplete), ``error``, or ``info`` before any choice."""
        return _LEVELS[self.status]

    @property
    def icon(self) -> str:
        return _ICONS[self.status]


def evaluate(question: Question, selected: Selection) -> QuestionResult:
    """Evaluate the options chosen for ``question``.

    >>> from tanmia_course.content.model import Option, Question, Text
    >>> q = Question("q", "multiple", Text("?"), (
    ...     Option("a", Text("A"), True, Text("Oui.")),
    ...     Option("b", Text("B"), True, Text("Oui aussi.")),
    ...     Option("c", Text("C"), False, Text("Non."))))
    >>> evaluate(q, ["a"]).status
    'incomplet'
    >>> evaluate(q, ["a", "c"]).status
    'faux'
    """
    chosen = normalise(question, selected)
    by_id = {o.id: o for o in question.options}
    feedback = tuple(OptionFeedback(i, by_id[i].correct, str(by_id[i].feedback)) for i in chosen)
    n_right = sum(o.correct for o in question.options)
    found = sum(f.correct for f in feedback)
    if not chosen:
        return QuestionResult(question.id, "sans_reponse", "Choisissez une réponse.", feedback)
    if any(not f.correct for f in feedback):
        summary = (
            "Ce n’est pas la bonne réponse : lisez l’explication, puis essayez une autre option."
            if question.type == "single"
            else "Au moins une option cochée ne convient pas : lisez son explication."
        )
        return QuestionResult(question.id, "faux", summary, feedback)
    if found < n_right:
        missing = n_right - found
        left = plural(missing, "bonne réponse", "bonnes réponses")
        summary = f"Juste, mais incomplet : il reste {left} à trouver."
        return QuestionResult(question.id, "incomplet", summary, feedback)
    return QuestionResult(question.id, "juste", "Bravo, c’est la bonne réponse.", feedback)


def score(quiz: Quiz, answers: dict[str, Selection]) -> tuple[int, int]:
    """How many questions are answered right, out of how many."""
    right = sum(evaluate(q, answers.get(q.id)).status == "juste" for q in quiz.questions)
    return right, len(quiz.questions)
