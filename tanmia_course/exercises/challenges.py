"""Answer checks for the exercise notebooks: a blank answer is "à compléter", never a crash.

Each check takes the learner's answer and returns a :class:`Retour` whose message teaches:
it says what is expected and, when the answer is wrong, where to look.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from ..errors import IdentifiantInconnu

_ICONS = {"a_completer": "✏", "correct": "✓", "incorrect": "✗"}
_WORDS = {"a_completer": "À compléter", "correct": "Correct", "incorrect": "Pas encore"}


@dataclass(frozen=True)
class Retour:
    """The result of a check: ``statut`` is ``a_completer``, ``correct`` or ``incorrect``."""

    question: str
    statut: str
    message: str

    @property
    def correct(self) -> bool:
        return self.statut == "correct"

    def __repr__(self) -> str:
        return f"{_ICONS[self.statut]} {_WORDS[self.statut]} ({self.question}) : {self.message}"

    def _repr_html_(self) -> str:
        colour = {"a_completer": "#999999", "correct": "#0072B2", "incorrect": "#D55E00"}
        return (
            f"<div style='border-left:4px solid {colour[self.statut]};padding:0.3em 0.8em'>"
            f"<strong>{_ICONS[self.statut]} {_WORDS[self.statut]}</strong> — "
            f"{escape(self.message)}</div>"
        )


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
                return Retour(question, "a_completer", "remplacez « ... » par votre réponse.")
            ok, message = func(answer)
            return Retour(question, "correct" if ok else "incorrect", message)

        CHECKS[question] = run
        return run

    return register


def verifier(question: str, reponse: Any) -> Retour:
    """Check the answer to an exercise question, e.g. ``verifier("nb_avantages", n)``."""
    from .actor_map import challenges as actor_map_challenges  # noqa: F401  (they register their checks)
    from .ranking import challenges as ranking_challenges  # noqa: F401

    if question not in CHECKS:
        raise IdentifiantInconnu("Question d’exercice", question, sorted(CHECKS), feminin=True)
    return CHECKS[question](reponse)
