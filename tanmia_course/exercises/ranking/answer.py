"""The answer's type of the ranking of benefits (exercise 02): a form, an order, reasons.

**The answer.** ``{"mode": …, "ordre": [ids…], "justifications": {id: text}}``, plus
``"justifications_hors_classement"`` (:data:`~tanmia_course.content.model.UNRANKED_JUSTIFICATIONS`:
{id: text}) when a card taken out of the ranking had one, kept so that the text comes back
with its card. A ranking is a list of benefit ids, most important first, in one of three
forms (``mode``): ``complet`` (every benefit), ``premiers`` (the first k), ``diamant`` (nine
cards in rows 1-2-3-2-1).

:func:`normalise_answer` takes the raw JSON answer (from the widget, a saved file or a
hand-in), checks it against the content's benefit ids and returns the clean answer, or
raises one French message naming the first defect. The widget, restore, « Mes travaux » and
the class view all go through it. Only the content is imported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...content.model import RANKING_ANSWER_KEYS, UNRANKED_JUSTIFICATIONS
from ...content.ranking import _check_mode, order_problem
from ...display.text import plural
from ...errors import IdentifiantInconnu

ANSWER_KEYS = RANKING_ANSWER_KEYS
_MAPPING = (dict, Mapping)  # a dict, as JSON gives, is recognised at once (not so a Mapping)


def check_order(
    order: object,
    known: Sequence[str],
    mode: str = "complet",
    *,
    k: int | None = None,
) -> tuple[str, ...]:
    """The ranking as a tuple of ids, after checking it (partial is fine); a French error
    names the problem.

    >>> check_order(["b", "a"], ["a", "b", "c"], "premiers", k=2)
    ('b', 'a')
    """
    _check_mode(mode)
    problem = order_problem(order, mode, known, k)
    if problem:  # an unknown id is named first, as in the other answers
        if isinstance(order, Sequence) and not isinstance(order, str):
            unknown = [x for x in order if isinstance(x, str) and x not in known]
            if unknown:
                raise IdentifiantInconnu("Avantage", unknown[0], list(known))
        raise ValueError(f"Classement refusé : {problem}.")
    return tuple(order)  # type: ignore[arg-type]


def check_unranked_justifications(
    texts: object, order: Sequence[str], known: Sequence[str]
) -> dict[str, str]:
    """The justifications a learner wrote for benefits since taken out of the ranking
    (``justifications_hors_classement``: benefit id → text), after checking them: kept so
    that the text comes back with its card, counted nowhere. Blank ones are left out; the
    rest comes in the content's order. A French error names the problem.

    >>> check_unranked_justifications({"c": "Oui.", "a": " "}, ["b"], ["a", "b", "c"])
    {'c': 'Oui.'}
    """
    if not texts:  # None, or left empty
        return {}
    if not isinstance(texts, Mapping):
        raise ValueError(
            f"« {UNRANKED_JUSTIFICATIONS} » doit être un dictionnaire avantage → phrase"
        )
    placed = set(order)
    for benefit, text in texts.items():
        if benefit not in known:
            raise IdentifiantInconnu("Avantage", benefit, list(known))
        if not isinstance(text, str):
            raise ValueError(f"la justification de « {benefit} » doit être un texte")
        if benefit in placed:
            raise ValueError(
                f"« {benefit} » est dans le classement : sa justification va dans "
                f"« justifications », pas dans « {UNRANKED_JUSTIFICATIONS} »"
            )
    return {b: texts[b] for b in known if b in texts and texts[b].strip()}


def normalise_answer(
    value: Any, known: Sequence[str], mode: str = "complet", k: int | None = None
) -> dict[str, Any]:
    """Check a whole ranking answer and return it clean: ``mode``, ``ordre`` (a list),
    ``justifications`` of ranked benefits, and ``justifications_hors_classement`` when some
    card out of the ranking keeps a text. ``mode`` is the form when the answer names none;
    ``k`` the places of ``premiers`` (:func:`~tanmia_course.content.ranking.capacity`). A
    French error names the problem.

    >>> normalise_answer({"ordre": ["b"], "justifications": {"b": "Oui."}}, ["a", "b"])
    {'mode': 'complet', 'ordre': ['b'], 'justifications': {'b': 'Oui.'}}
    """
    if not isinstance(value, _MAPPING):
        raise ValueError(
            'Réponse refusée : attendu un dictionnaire {"mode": …, "ordre": […], '
            f'"justifications": {{…}}}} ; reçu : {type(value).__name__}.'
        )
    extra = [str(key) for key in value if key not in ANSWER_KEYS]
    if extra:
        raise ValueError(
            f"Réponse refusée : {plural(len(extra), 'clé inconnue', 'clés inconnues', False)} "
            f"{', '.join(extra)} ; clés possibles : "
            f"{', '.join(ANSWER_KEYS)}."
        )
    mode = value.get("mode", mode)
    order = check_order(value.get("ordre", []), known, mode, k=k)
    texts = value.get("justifications") or {}
    if not isinstance(texts, _MAPPING):
        raise ValueError(
            "Réponse refusée : « justifications » doit être un dictionnaire "
            f"{{identifiant: phrase}} ; reçu : {type(texts).__name__}."
        )
    for benefit, text in texts.items():
        if not isinstance(text, str):
            raise ValueError(
                f"Réponse refusée : la justification de « {benefit} » doit être un texte."
            )
        if benefit not in order:
            raise ValueError(
                f"Réponse refusée : justification pour « {benefit} », qui n’est pas dans le "
                f"classement (sa place est dans « {UNRANKED_JUSTIFICATIONS} »)."
            )
    try:
        unranked = check_unranked_justifications(value.get(UNRANKED_JUSTIFICATIONS), order, known)
    except ValueError as exc:
        raise ValueError(f"Réponse refusée : {exc}.") from None
    answer: dict[str, Any] = {"mode": mode, "ordre": list(order), "justifications": dict(texts)}
    if unranked:
        answer[UNRANKED_JUSTIFICATIONS] = unranked
    return answer
