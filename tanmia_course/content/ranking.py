"""The forms of a ranking of benefits, and what makes one valid.

A ranking (a learner's, or one of a class kept in a content file) is a list of benefit ids,
most important first, in one of three forms: ``complet``, ``premiers`` (the first k) or
``diamant`` (nine cards in rows 1-2-3-2-1). The content's rankings are checked with
:func:`order_problem` when they load; the ranking exercise checks a learner's the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..display.text import french_list, plural

MODES = ("complet", "diamant", "premiers")
MODE_NAMES = {
    "complet": "classement complet",
    "diamant": "diamant de neuf",
    "premiers": "premiers choix",
}
DIAMOND_ROWS = (1, 2, 3, 2, 1)
DIAMOND_SIZE = sum(DIAMOND_ROWS)
DEFAULT_TOP = 5  # « premiers » : about a quarter of 21, as in dot voting


def capacity(mode: str, n: int, k: int | None = None) -> int:
    """How many benefits a ranking of this form holds.

    >>> capacity("complet", 21), capacity("diamant", 21), capacity("premiers", 21, 5)
    (21, 9, 5)
    """
    _check_mode(mode)
    room = {"complet": n, "diamant": DIAMOND_SIZE, "premiers": DEFAULT_TOP if k is None else k}
    return min(room[mode], n)


def _check_mode(mode: object) -> None:
    if mode not in MODES:
        raise ValueError(
            f"Forme de classement inconnue : « {mode} ». Formes possibles : "
            f"{', '.join(MODES)} (diamant = neuf cartes en rangées 1-2-3-2-1)."
        )


def order_problem(
    order: object, mode: object, known: Sequence[str], k: int | None = None
) -> str | None:
    """What is wrong with a ranking, in French, or ``None`` when it is valid (partial is fine).

    The problem is a clause without a final full stop: the caller ends the sentence.

    >>> order_problem(["a", "b", "a"], "complet", ["a", "b", "c"])
    '«\xa0a\xa0» apparaît 2 fois\xa0: chaque avantage n’a qu’une place dans un classement'
    >>> order_problem(["a", "z"], "complet", ["a", "b"]) is not None
    True
    """
    if mode not in MODES:
        return f"forme de classement inconnue : « {mode} » ; formes possibles : {', '.join(MODES)}"
    if isinstance(order, str) or not isinstance(order, Sequence):
        return (
            "un classement est une liste d’identifiants d’avantages, le plus important "
            f'd’abord (par exemple ["{known[0] if known else "identifiant"}", …]) ; '
            f"reçu : {type(order).__name__}"
        )
    not_text = [x for x in order if not isinstance(x, str)]
    if not_text:
        return f"« {not_text[0]!r} » n’est pas un identifiant d’avantage (texte attendu)"
    unknown = [x for x in order if x not in known]  # about twenty benefits: a list will do
    if unknown:
        names = french_list(dict.fromkeys(unknown), last=", ")
        what = plural(
            len(set(unknown)),
            "identifiant d’avantage inconnu",
            "identifiants d’avantage inconnus",
            False,
        )
        return f"{names} : {what} ; identifiants possibles : {', '.join(known)}"
    twice = next((item for item in order if order.count(item) > 1), None)
    if twice is not None:
        return (
            f"« {twice} » apparaît {order.count(twice)} fois : chaque avantage n’a "
            "qu’une place dans un classement"
        )
    room = capacity(mode, len(known), k)
    if len(order) > room:
        what = {
            "complet": f"il n’y a que {room} avantages",
            "diamant": f"un diamant compte {room} places (rangées 1-2-3-2-1)",
            "premiers": f"ce classement garde les {room} premiers",
        }[mode]
        return f"{len(order)} avantages placés, mais {what}"
    return None
