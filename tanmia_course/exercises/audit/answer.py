"""The answer's type of the audit of a case study (exercise 03): ratings, ticks, advice.

**The answer.** ``{"criteres": {id: {"niveau": 0–3 or None, "preuve": text}},
"bonnes_pratiques": [ids], "signes_alerte": {id: evidence}, "recommandations": text}``,
plus ``"preuves_signes_non_retenus"`` (:data:`~tanmia_course.content.model.UNTICKED_EVIDENCE`)
when evidence was written for a sign left unticked.

:func:`normalise_answer` takes the raw JSON answer (from the widget, a saved file or a
hand-in), checks it against the content's criteria, practices and warning signs and returns
it complete, in the content's order, or raises one French message naming the first defect.
The widget, restore, « Mes travaux » and the class view all go through it. Only the content
is imported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ...content.model import AUDIT_ANSWER_KEYS, UNTICKED_EVIDENCE, Content, Criterion
from ...content.verdict import LEVELS as LEVELS
from ...errors import IdentifiantInconnu

ANSWER_KEYS = AUDIT_ANSWER_KEYS
_ANSWER_KEY_SET = frozenset(ANSWER_KEYS)
# The abstract types of an answer's parts, each after the concrete type JSON gives, which
# ``isinstance`` recognises at once (the abstract check alone costs ten times more).
_MAPPING = (dict, Mapping)
_ITERABLE = (list, Iterable)


def empty_answer(criteria: Sequence[Criterion]) -> dict[str, Any]:
    return {
        "criteres": {c.id: _UNRATED.copy() for c in criteria},
        "bonnes_pratiques": [],
        "signes_alerte": {},
        "recommandations": "",
    }


_UNRATED = {"niveau": None, "preuve": ""}
_RATING_KEYS = frozenset(_UNRATED)


def _level(value: Any, cid: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip() in {str(n) for n in LEVELS}:
        raise ValueError(
            f"Critère « {cid} » : le niveau est un nombre, pas un texte : écrivez "
            f"{value.strip()} sans guillemets (0, 1, 2 ou 3)."
        )
    if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
        raise ValueError(
            f"Critère « {cid} » : le niveau doit être 0, 1, 2 ou 3 (ou None si non noté) ; "
            f"reçu : {value!r}."
        )
    return value


def _text(value: Any, where: str, *about: str) -> str:
    """The text ``value`` (None: empty); else a French message naming ``where``, completed
    with ``about`` only then."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{where.format(*about)} doit être un texte ; reçu : {value!r}.")
    return value


def normalise_answer(value: Any, content: Content) -> dict[str, Any]:
    """Check a whole answer against the content's criteria, practices and warning signs, and
    return it complete, in the content's order.

    Missing parts are empty; a criterion may be given as a bare level (``{"duree": 2}``).
    ``preuves_signes_non_retenus`` (:data:`~tanmia_course.content.model.UNTICKED_EVIDENCE`), the
    evidence written for signs left unticked, is optional: it may name only signs that are
    not ticked, blank texts are left out, and the part itself when nothing is left; the
    verdict and the comparison never read it.
    Raises a French :class:`ValueError` (or :class:`IdentifiantInconnu`) naming what is wrong.
    """
    if not isinstance(value, _MAPPING):
        raise ValueError(
            "La réponse d’un audit est un dictionnaire avec les clés "
            f"{', '.join(ANSWER_KEYS)} ; reçu : {type(value).__name__}."
        )
    if not value.keys() <= _ANSWER_KEY_SET:
        unknown = [k for k in value if k not in _ANSWER_KEY_SET]
        raise IdentifiantInconnu("Partie de l’audit", unknown[0], list(ANSWER_KEYS), feminin=True)
    criterion_ids = [c.id for c in content.criteria]

    given = value.get("criteres") or {}
    if not isinstance(given, _MAPPING):
        raise ValueError("« criteres » doit être un dictionnaire : identifiant → niveau et preuve.")
    rated = {}
    for cid, rating in given.items():
        if not isinstance(cid, str) or cid not in criterion_ids:
            raise IdentifiantInconnu("Critère", cid, criterion_ids)
        if isinstance(rating, _MAPPING):
            if not rating.keys() <= _RATING_KEYS:
                extra = [k for k in rating if k not in _RATING_KEYS]
                raise IdentifiantInconnu(
                    f"Champ du critère « {cid} »", extra[0], ["niveau", "preuve"]
                )
            level = _level(rating.get("niveau"), cid)
            evidence = _text(rating.get("preuve"), "Critère « {} » : la preuve", cid)
        else:
            level, evidence = _level(rating, cid), ""
        rated[cid] = {"niveau": level, "preuve": evidence}

    practice_ids = [p.id for p in content.practices]
    chosen = value.get("bonnes_pratiques") or []
    if isinstance(chosen, str) or not isinstance(chosen, _ITERABLE):
        raise ValueError("« bonnes_pratiques » doit être une liste d’identifiants de pratiques.")
    chosen = list(chosen)
    for pid in chosen:
        if not isinstance(pid, str):
            raise ValueError(f"« bonnes_pratiques » : « {pid!r} » n’est pas un identifiant.")
        if pid not in practice_ids:
            raise IdentifiantInconnu("Bonne pratique", pid, practice_ids, feminin=True)
    answer: dict[str, Any] = {
        "criteres": {c: rated[c] if c in rated else _UNRATED.copy() for c in criterion_ids},
        "bonnes_pratiques": [p for p in practice_ids if p in chosen],
    }

    sign_ids = [s.id for s in content.warning_signs]
    ticked = value.get("signes_alerte") or {}
    if isinstance(ticked, str):
        raise ValueError("« signes_alerte » doit être un dictionnaire : identifiant → preuve.")
    if not isinstance(ticked, _MAPPING):
        if not isinstance(ticked, _ITERABLE) or not all(isinstance(s, str) for s in ticked):
            raise ValueError("« signes_alerte » doit être un dictionnaire : identifiant → preuve.")
        ticked = dict.fromkeys(ticked, "")
    for sid, evidence in ticked.items():
        if sid not in sign_ids:
            raise IdentifiantInconnu("Signe d’alerte", sid, sign_ids)
        _text(evidence, "Signe d’alerte « {} » : la preuve", sid)
    answer["signes_alerte"] = {s: ticked[s] or "" for s in sign_ids if s in ticked}

    answer["recommandations"] = _text(value.get("recommandations"), "« recommandations »")

    kept = value.get(UNTICKED_EVIDENCE) or {}
    if not isinstance(kept, _MAPPING):
        raise ValueError(
            f"« {UNTICKED_EVIDENCE} » doit être un dictionnaire : identifiant d’un signe non "
            "coché → preuve."
        )
    for sid, evidence in kept.items():
        if sid not in sign_ids:
            raise IdentifiantInconnu("Signe d’alerte", sid, sign_ids)
        _text(evidence, "Signe d’alerte non retenu « {} » : la preuve", sid)
        if sid in ticked:
            raise ValueError(
                f"Signe d’alerte « {sid} » : il est à la fois coché (« signes_alerte ») et non "
                f"retenu (« {UNTICKED_EVIDENCE} ») ; gardez-le dans une seule des deux parties."
            )
    unticked = {s: kept[s] for s in sign_ids if s in kept and (kept[s] or "").strip()}
    if unticked:
        answer[UNTICKED_EVIDENCE] = unticked
    return answer
