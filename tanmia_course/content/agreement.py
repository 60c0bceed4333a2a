"""What the content fixes for the partnership agreement (exercise 04): the kinds of
contribution, the ways a steering committee decides, the scenarios, and a reference draft as
an answer.

The rules that relate a draft to the guide are content (``kind: agreement_rules``); the
words here are the answer's format, which hand-in files keep: changing one would orphan
every saved draft, so they are not left to a content file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .model import Clause, Content, ReferenceDraft, Text

# What a party brings, by kind: the answer's key → (the model's field, the French label).
CONTRIBUTION_KINDS = {
    "argent": ("money", "Argent"),
    "nature": ("in_kind", "En nature"),
    "competences": ("skills", "Compétences"),
    "temps": ("time", "Temps"),
}
# How the steering committee decides: id → French words, as a sentence of the agreement ends.
DECISION_MODES = {
    "consensus": "par consensus de toutes les parties",
    "vote": "par vote, chaque partie disposant d’une voix",
    "une_partie": "par une seule partie",
}
DECISION_LABELS = {
    "consensus": "Consensus",
    "vote": "Vote (une voix par partie)",
    "une_partie": "Une seule partie décide",
}
# The longest text of one field of a draft (an article, a party's contribution…): a long
# article of a real agreement is about 3,000 characters.
MAX_TEXT = 5000
MAX_PARTIES = 12
# The scenario of a draft written for the learner's own case.
OWN_CASE = "libre"


@dataclass(frozen=True)
class Scenario:
    """What a draft is written for: a case study, a reference actor map (the fictional
    territory), or the learner's own case (:data:`OWN_CASE`). ``parties`` are the
    (name, status) a new draft starts with; ``actor_map`` is the reference map whose project
    it is, when the learner's own map of that project may give the parties instead."""

    id: str
    title: str
    summary: str
    parties: tuple[tuple[str, str], ...]
    actor_map: str | None = None


def scenarios(content: Content) -> dict[str, Scenario]:
    """Every scenario of ``content``, by id: the case studies (their actors are the
    parties), the reference actor maps (:func:`map_parties`), then the learner's own case."""
    found = [
        Scenario(
            case.id,
            str(case.title),
            str(case.summary),
            distinct((str(a.name), "") for a in case.actors),
        )
        for case in content.case_studies
    ]
    found += [
        Scenario(
            ref.id,
            str(ref.title),
            str(ref.project),
            map_parties(ref.owner, [(a.id, a.label, a.target) for a in ref.actors], content),
            actor_map=ref.id,
        )
        for ref in content.actor_maps
    ]
    own = Scenario(OWN_CASE, "Votre propre projet", "Le projet de votre association.", ())
    return {s.id: s for s in [*found, own]}


def map_parties(
    owner: Text | str | None,
    actors: Iterable[tuple[str, Text | str | None, str]],  # (id, name, target relation)
    content: Content,
) -> tuple[tuple[str, str], ...]:
    """The parties an actor map suggests: its ``owner`` (the association whose project it
    is), then each named actor (id, name, target relation) the map aims to work with
    closely: a target relation among the two highest levels (cooperation and collaboration
    in the course's levels). An actor of the course's list (no name of its own: « La
    population », « L’État ») is a kind of actor, not an organisation that signs: it is left
    out, as are unknown relation levels."""
    levels = sorted(content.relation_levels, key=lambda level: level.rank)
    close = {level.id for level in levels[-2:]}
    named = [str(label) for _id, label, target in actors if target in close and label]
    return distinct((name, "") for name in [*([str(owner)] if owner else []), *named])


def distinct(parties: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The parties a draft may start with: each name once (without regard to case or
    spaces around it: a learner may have put the association itself on its map), blank
    names left out, at most :data:`MAX_PARTIES`."""
    seen: set[str] = set()
    kept = []
    for name, status in parties:
        key = name.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append((name.strip(), status))
    return tuple(kept[:MAX_PARTIES])


def structured(content: Content, structure: str) -> Clause | None:
    """The clause that holds a structured part of a draft (``"parties"``, ``"contributions"``
    or ``"governance"``), if the content has one."""
    return next((c for c in content.clauses if c.structure == structure), None)


def _text(value: Text | None) -> str:
    return str(value) if value is not None else ""


def draft_answer(draft: ReferenceDraft) -> dict[str, Any]:
    """A reference draft as an answer of the exercise (the format of a saved draft)."""
    return {
        "scenario": draft.id,
        "titre": str(draft.title),
        "parties": [
            {
                "nom": str(p.name),
                "statut": _text(p.status),
                "signataire": _text(p.signatory),
                "apports": {
                    key: _text(getattr(p.contributions, field))
                    for key, (field, _) in CONTRIBUTION_KINDS.items()
                },
                "gains": _text(p.gains),
                "comite": p.committee,
            }
            for p in draft.parties
        ],
        "gouvernance": {"frequence": str(draft.frequency), "decision": draft.decision},
        "clauses": {cid: str(text) for cid, text in draft.clauses},
    }
