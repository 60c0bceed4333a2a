"""The answer's type of the partnership agreement (exercise 04): a draft, checked once.

**The answer.** ``{"scenario": id, "titre": text, "parties": [party…], "gouvernance":
{"frequence": text, "decision": mode}, "clauses": {clause id: text}}``. Each party is
``{"nom", "statut", "signataire", "apports": {"argent", "nature", "competences", "temps"},
"gains", "comite"}``: its name, status, who signs for it, what it brings by kind, what it
gains, and whether it sits on the steering committee. ``decision`` is one of
:data:`~tanmia_course.content.agreement.DECISION_MODES`, or empty while not chosen.

:func:`normalise_answer` takes the raw JSON answer (from the widget, a saved file or a
hand-in), checks it against the content's clauses and scenarios and returns it complete,
in the content's order, or raises one French message naming the first defect. The widget,
restore, « Mes travaux » and the class view all go through it. Only the content is imported
here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...content.agreement import (
    CONTRIBUTION_KINDS,
    DECISION_MODES,
    MAX_PARTIES,
    MAX_TEXT,
    OWN_CASE,
    scenarios,
)
from ...content.model import AGREEMENT_ANSWER_KEYS, GOVERNANCE_KEYS, PARTY_KEYS, Content
from ...display.text import fr_number
from ...errors import IdentifiantInconnu

ANSWER_KEYS = AGREEMENT_ANSWER_KEYS
# The longest name of a party (« Direction provinciale du ministère de l’Éducation
# nationale… » is about a hundred characters), and of its status or signatory.
MAX_PARTY_NAME = 200
MAX_SHORT = 300
_MAPPING = (dict, Mapping)
_ITERABLE = (list, Iterable)


def empty_answer(content: Content, scenario: str = OWN_CASE) -> dict[str, Any]:
    """A draft with nothing written yet: every clause empty, no party."""
    return normalise_answer({"scenario": scenario}, content)


def new_party(name: str, status: str = "") -> dict[str, Any]:
    """A party with only its name (and status): nothing brought or gained yet, on the
    committee."""
    return {
        "nom": name,
        "statut": status,
        "signataire": "",
        "apports": dict.fromkeys(CONTRIBUTION_KINDS, ""),
        "gains": "",
        "comite": True,
    }


def check_text(value: Any, where: str, limit: int = MAX_TEXT) -> str:
    """A text of the draft (None: empty), at most ``limit`` characters; else a French
    message naming ``where``."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{where} doit être un texte ; reçu : {type(value).__name__}.")
    if len(value) > limit:
        raise ValueError(
            f"{where} : {fr_number(len(value), 0)} caractères, c’est trop ; "
            f"{fr_number(limit, 0)} au plus. Raccourcissez le texte ou mettez le détail en annexe."
        )
    return value


def check_name(value: Any, number: int) -> str:
    """A party's name: a text, not blank, at most :data:`MAX_PARTY_NAME` characters."""
    name = check_text(value, f"Partie n° {number} : le nom", MAX_PARTY_NAME).strip()
    if not name:
        raise ValueError(
            f"Partie n° {number} : le nom est vide. Écrivez le nom exact de la structure "
            "(association, commune, coopérative…)."
        )
    return name


def _party(value: Any, number: int) -> dict[str, Any]:
    if not isinstance(value, _MAPPING):
        raise ValueError(
            f"Partie n° {number} : une partie est un dictionnaire avec les clés "
            f"{', '.join(PARTY_KEYS)} ; reçu : {type(value).__name__}."
        )
    unknown = [k for k in value if k not in PARTY_KEYS]
    if unknown:
        raise IdentifiantInconnu(f"Champ de la partie n° {number}", unknown[0], list(PARTY_KEYS))
    name = check_name(value.get("nom"), number)
    brought = value.get("apports") or {}
    if not isinstance(brought, _MAPPING):
        raise ValueError(
            f"Partie « {name} » : « apports » doit être un dictionnaire : "
            f"{', '.join(CONTRIBUTION_KINDS)} → texte."
        )
    for kind in brought:
        if kind not in CONTRIBUTION_KINDS:
            raise IdentifiantInconnu(
                f"Sorte d’apport de « {name} »", kind, list(CONTRIBUTION_KINDS), feminin=True
            )
    on_committee = value.get("comite", True)
    if not isinstance(on_committee, bool):
        raise ValueError(
            f"Partie « {name} » : « comite » vaut true ou false ; reçu : {on_committee!r}."
        )
    return {
        "nom": name,
        "statut": check_text(value.get("statut"), f"Partie « {name} » : le statut", MAX_SHORT),
        "signataire": check_text(
            value.get("signataire"), f"Partie « {name} » : le signataire", MAX_SHORT
        ),
        "apports": {
            kind: check_text(brought.get(kind), f"Partie « {name} » : l’apport « {label} »")
            for kind, (_, label) in CONTRIBUTION_KINDS.items()
        },
        "gains": check_text(value.get("gains"), f"Partie « {name} » : ce qu’elle gagne"),
        "comite": on_committee,
    }


def normalise_answer(value: Any, content: Content, scenario: str | None = None) -> dict[str, Any]:
    """Check a whole draft against the content's clauses and scenarios, and return it
    complete, in the content's order (every clause, empty when not written). With
    ``scenario``, the draft must be that scenario's (a widget's, a hand-in's exercise).

    Raises a French :class:`ValueError` (or :class:`IdentifiantInconnu`) naming what is
    wrong: an unknown part or clause, a party with no name, two parties of the same name,
    a text over :data:`~tanmia_course.content.agreement.MAX_TEXT` characters.
    """
    if not isinstance(value, _MAPPING):
        raise ValueError(
            "La réponse d’une convention est un dictionnaire avec les clés "
            f"{', '.join(ANSWER_KEYS)} ; reçu : {type(value).__name__}."
        )
    unknown = [k for k in value if k not in ANSWER_KEYS]
    if unknown:
        raise IdentifiantInconnu("Partie de la convention", unknown[0], list(ANSWER_KEYS), True)

    known = scenarios(content)
    given_scenario = value.get("scenario") or OWN_CASE
    if not isinstance(given_scenario, str) or given_scenario not in known:
        raise IdentifiantInconnu("Scénario", given_scenario, list(known))
    if scenario is not None and given_scenario != scenario:
        raise ValueError(
            f"Ce projet de convention est celui du scénario « {given_scenario} », pas de "
            f'« {scenario} » : ouvrez-le avec tc.convention("{given_scenario}").'
        )

    given = value.get("parties") or []
    if isinstance(given, str | bytes | Mapping) or not isinstance(given, _ITERABLE):
        raise ValueError("« parties » doit être une liste de parties.")
    given = list(given)
    if len(given) > MAX_PARTIES:
        raise ValueError(
            f"{len(given)} parties, c’est trop pour une convention : {MAX_PARTIES} au plus. "
            "Les autres acteurs peuvent être associés sans signer (comité consultatif)."
        )
    parties = [_party(p, n) for n, p in enumerate(given, 1)]
    seen: dict[str, str] = {}
    for party in parties:
        key = party["nom"].casefold()
        if key in seen:
            raise ValueError(
                f"Deux parties portent le même nom : « {party['nom']} ». Donnez à chacune "
                "son nom exact, ou retirez le doublon."
            )
        seen[key] = party["nom"]

    governance = value.get("gouvernance") or {}
    if not isinstance(governance, _MAPPING):
        raise ValueError(
            f"« gouvernance » doit être un dictionnaire avec les clés {', '.join(GOVERNANCE_KEYS)}."
        )
    extra = [k for k in governance if k not in GOVERNANCE_KEYS]
    if extra:
        raise IdentifiantInconnu("Champ de la gouvernance", extra[0], list(GOVERNANCE_KEYS))
    decision = governance.get("decision")
    if decision is None:
        decision = ""
    if not isinstance(decision, str):
        raise ValueError(
            f"Le mode de décision est un texte ({', '.join(DECISION_MODES)}) ; reçu : {decision!r}."
        )
    if decision and decision not in DECISION_MODES:
        raise IdentifiantInconnu("Mode de décision", decision, list(DECISION_MODES))

    written = value.get("clauses") or {}
    if not isinstance(written, _MAPPING):
        raise ValueError("« clauses » doit être un dictionnaire : identifiant de clause → texte.")
    labels = {c.id: str(c.label) for c in content.clauses}
    for cid in written:
        if cid not in labels:
            raise IdentifiantInconnu("Clause", cid, list(labels), feminin=True)
    return {
        "scenario": given_scenario,
        "titre": check_text(value.get("titre"), "Le titre", MAX_SHORT),
        "parties": parties,
        "gouvernance": {
            "frequence": check_text(
                governance.get("frequence"), "Le rythme des réunions du comité", MAX_SHORT
            ),
            "decision": decision,
        },
        "clauses": {
            cid: check_text(written.get(cid), f"Article « {label} »")
            for cid, label in labels.items()
        },
    }
