"""Feedback as data, below every exercise's analysis: the result of a check (:class:`Retour`),
the registry of the lessons' challenges, and the small helpers their checks share.

A check takes the learner's answer and returns a :class:`Retour` whose message teaches: it
says what is expected and, when the answer is wrong, where to look. A blank answer is
« à compléter », never a crash. The HTML is built only when a notebook shows a result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_STATUSES = {  # a check's status: its icon, its word, its level (its colour)
    "a_completer": ("✏", "À compléter", "info"),
    "correct": ("✓", "Correct", "ok"),
    "incorrect": ("✗", "Pas encore", "error"),
}
BLANK = "remplacez « ... » par votre réponse."


@dataclass(frozen=True)
class Retour:
    """The result of a check: ``statut`` is ``a_completer``, ``correct`` or ``incorrect``."""

    question: str
    statut: str
    message: str

    @property
    def correct(self) -> bool:
        return self.statut == "correct"

    @property
    def level(self) -> str:
        """``ok``, ``error``, or ``info`` while the answer is still to write."""
        return _STATUSES[self.statut][2]

    def __repr__(self) -> str:
        icon, word, _ = _STATUSES[self.statut]
        return f"{icon} {word} ({self.question}) : {self.message}"

    def _repr_html_(self) -> str:
        from ..display.html import feedback

        icon, word, level = _STATUSES[self.statut]
        return feedback(self.message, level, word, icon, alone=True)


def blank(question: str) -> Retour:
    """The result of a check whose answer is still the placeholder."""
    return Retour(question, "a_completer", BLANK)


def is_blank(answer: Any) -> bool:
    """A placeholder left by the exercise generator (``...``) or nothing at all."""
    return answer is Ellipsis or answer is None


def as_ids(answer: Any) -> list[str] | None:
    """An answer given as one id or as any iterable of ids, as a list; None if neither.

    >>> as_ids("confiance"), as_ids(("a", "b")), as_ids(3)
    (['confiance'], ['a', 'b'], None)
    """
    if isinstance(answer, str):
        return [answer]
    try:
        return [str(x) for x in answer]
    except TypeError:
        return None


Check = Callable[[Any], Retour]
CHECKS: dict[str, Check] = {}


def check(question: str) -> Callable[[Callable[[Any], tuple[bool, str]]], Check]:
    """Register a check: the decorated function gets a non-blank answer and returns
    (correct?, message)."""

    def register(func: Callable[[Any], tuple[bool, str]]) -> Check:
        def run(answer: Any) -> Retour:
            if is_blank(answer):
                return blank(question)
            ok, message = func(answer)
            return Retour(question, "correct" if ok else "incorrect", message)

        CHECKS[question] = run
        return run

    return register
