"""The answer's type of the actor map (exercise 01): what a map may hold, checked once.

**The answer.** ``{"actors": [...], "links": [...]}``. Each actor is
``{"id", "influence", "interest", "stance", "resources", "current", "target"}`` plus, for a
local actor the learner added, ``"label"`` (its name: at most
:data:`~tanmia_course.content.model.MAX_NAME` characters when added, as a learner's name; a
longer one saved by an earlier version of the course still loads) and ``"category"`` (a
category of the guide), and optionally ``"note"``. Each link is ``{"source", "target",
"type"}``.

:func:`normalise_answer` takes the raw JSON answer (from the widget, a saved file or a
hand-in), checks it against the content's :class:`Vocabulary` and returns the clean answer,
or raises one French message naming the first defect. The widget, restore, « Mes travaux »
and the class view all go through it. Only the content is imported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from numbers import Integral
from typing import Any

from ...content.actor_map import HIGH_FROM as HIGH_FROM
from ...content.actor_map import SCALE_MAX, SCALE_MIN, Vocabulary
from ...content.actor_map import vocabulary as vocabulary
from ...content.model import ACTOR_ANSWER_KEYS, ID, MAX_NAME
from ...errors import IdentifiantInconnu

_ACTOR_KEYS = ACTOR_ANSWER_KEYS
_REQUIRED = ("influence", "interest", "stance", "resources", "current", "target")
_FIELD_FR = {
    "influence": "l’influence (de 0 à 5)",
    "interest": "l’intérêt (de 0 à 5)",
    "stance": "la position envers le projet",
    "resources": "les ressources (une liste, éventuellement vide)",
    "current": "la relation actuelle",
    "target": "la relation visée",
}


# --- Answers: checked whole, before anything changes ----------------------------------------


def actor_name(entry: Mapping[str, Any], vocab: Vocabulary) -> str:
    if isinstance(entry.get("label"), str) and entry["label"].strip():
        return entry["label"].strip()
    actor = vocab.actors.get(entry.get("id"))  # type: ignore[arg-type]
    return str(actor.label) if actor else str(entry.get("id"))


def _score(value: Any, who: str, field: str) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(
            f"Acteur « {who} » : {_FIELD_FR[field]} doit être un nombre entier de "
            f"{SCALE_MIN} à {SCALE_MAX} (reçu : {value!r})."
        )
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(
            f"Acteur « {who} » : {_FIELD_FR[field]} doit être compris entre {SCALE_MIN} et "
            f"{SCALE_MAX} (reçu : {value})."
        )
    return int(value)


def _known(value: Any, known: Mapping[str, Any], what: str, feminine: bool = True) -> str:
    if not isinstance(value, str) or value not in known:
        raise IdentifiantInconnu(what, value, list(known), feminin=feminine)
    return value


def name_problem(label: str) -> str | None:
    """What is wrong with the name of an actor the learner adds, or None: like a learner's
    name (:func:`tanmia_course.work.store.check_name`), at most ``MAX_NAME`` characters, so that
    it fits on the map.

    >>> name_problem("Coopérative Nour") is None
    True
    >>> name_problem("x" * 95)[:30]
    'nom trop long (95 caractères ;'
    """
    if len(label) > MAX_NAME:
        return f"nom trop long ({len(label)} caractères ; {MAX_NAME} au plus)"
    return None


def _actor_entry(raw: Any, position: int, vocab: Vocabulary) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise ValueError(
            f"Acteur n° {position} : chaque acteur doit être un dictionnaire "
            f"(reçu : {type(raw).__name__})."
        )
    actor_id = raw.get("id")
    if not isinstance(actor_id, str) or not actor_id:
        raise ValueError(f"Acteur n° {position} : il manque son identifiant (« id »).")
    who = actor_name(raw, vocab)
    extra = [k for k in raw if k not in _ACTOR_KEYS]
    if extra:
        raise ValueError(
            f"Acteur « {who} » : champ non prévu « {extra[0]} » ; champs possibles : "
            f"{', '.join(_ACTOR_KEYS)}."
        )
    entry: dict[str, Any] = {"id": actor_id}
    if "label" in raw or "category" in raw:
        label = raw.get("label")
        if not isinstance(label, str) or not label.strip():
            raise ValueError(
                f"Acteur « {actor_id} » : un acteur ajouté doit avoir un nom (« label ») non vide."
            )
        label = label.strip()
        if not ID.match(actor_id):
            raise ValueError(
                f"Acteur « {label} » : « {actor_id} » n’est pas un identifiant valide (lettres "
                "minuscules sans accent, chiffres et _, en commençant par une lettre)."
            )
        if "category" not in raw:
            raise ValueError(
                f"Acteur « {label} » : indiquez sa catégorie (« category »), l’un des acteurs "
                "du guide auquel il se rattache."
            )
        category = _known(raw["category"], vocab.categories, f"Catégorie de l’acteur « {label} »")
        entry.update(label=label, category=category)
    elif actor_id not in vocab.actors:
        raise IdentifiantInconnu("Acteur", actor_id, list(vocab.actors))
    for field in _REQUIRED:
        if field not in raw or raw[field] is None:
            raise ValueError(f"Acteur « {who} » : il manque {_FIELD_FR[field]} (« {field} »).")
    entry["influence"] = _score(raw["influence"], who, "influence")
    entry["interest"] = _score(raw["interest"], who, "interest")
    entry["stance"] = _known(raw["stance"], vocab.stances, f"Position de l’acteur « {who} »")
    resources = raw["resources"]
    if isinstance(resources, str) or not isinstance(resources, Iterable):
        raise ValueError(
            f"Acteur « {who} » : les ressources doivent être une liste d’identifiants "
            f"(reçu : {resources!r})."
        )
    chosen = {_known(r, vocab.resources, f"Ressource de l’acteur « {who} »") for r in resources}
    entry["resources"] = [r for r in vocab.resources if r in chosen]
    entry["current"] = _known(raw["current"], vocab.levels, f"Relation actuelle avec « {who} »")
    entry["target"] = _known(raw["target"], vocab.levels, f"Relation visée avec « {who} »")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise ValueError(f"Acteur « {who} » : la note doit être un texte.")
    if note and note.strip():
        entry["note"] = note.strip()
    return entry


def _link_entry(raw: Any, position: int, names: Mapping[str, str], vocab: Vocabulary):
    if not isinstance(raw, Mapping) or not {"source", "target", "type"} <= set(raw):
        raise ValueError(
            f"Lien n° {position} : un lien est un dictionnaire avec « source », « target » et "
            "« type »."
        )
    source = _known(raw["source"], names, f"Acteur de départ du lien n° {position}", False)
    target = _known(raw["target"], names, f"Acteur d’arrivée du lien n° {position}", False)
    kind = _known(raw["type"], vocab.link_types, f"Type du lien n° {position}", False)
    if source == target:
        raise ValueError(
            f"Lien n° {position} : un lien relie deux acteurs différents (ici « {names[source]} » "
            "vers lui-même)."
        )
    return {"source": source, "target": target, "type": kind}


def normalise_answer(answer: Any, vocab: Vocabulary) -> dict[str, Any]:
    """Check a whole answer and return a clean copy of it; a French error names the first
    problem (the actor, the field, the value) and nothing is changed anywhere."""
    if not isinstance(answer, Mapping):
        raise ValueError(
            "La réponse doit être un dictionnaire : {'actors': [...], 'links': [...]} "
            f"(reçu : {type(answer).__name__})."
        )
    extra = [k for k in answer if k not in ("actors", "links")]
    if extra:
        raise ValueError(
            f"Clé non prévue dans la réponse : « {extra[0]} » ; clés possibles : actors, links."
        )
    raw_actors = answer.get("actors")
    if isinstance(raw_actors, str | bytes) or not isinstance(raw_actors, Iterable):
        raise ValueError("La réponse doit contenir « actors » : la liste des acteurs de la carte.")
    actors = [_actor_entry(raw, n, vocab) for n, raw in enumerate(raw_actors, start=1)]
    if not actors:
        raise ValueError("La carte doit garder au moins un acteur.")
    names: dict[str, str] = {}
    for entry in actors:
        if entry["id"] in names:
            raise ValueError(
                f"L’acteur « {entry['id']} » apparaît deux fois sur la carte ; chaque acteur n’y "
                "figure qu’une fois."
            )
        names[entry["id"]] = actor_name(entry, vocab)
    raw_links = answer.get("links") or []
    if isinstance(raw_links, str | bytes) or not isinstance(raw_links, Iterable):
        raise ValueError("« links » doit être une liste de liens.")
    links: list[dict[str, str]] = []
    for n, raw in enumerate(raw_links, start=1):
        link = _link_entry(raw, n, names, vocab)
        if link in links:
            raise ValueError(
                f"Lien n° {n} : ce lien existe déjà ({names[link['source']]} → "
                f"{vocab.link_types[link['type']].label} → {names[link['target']]})."
            )
        links.append(link)
    return {"actors": actors, "links": links}


def new_actor(actor_id: str, vocab: Vocabulary) -> dict[str, Any]:
    """An actor not placed yet: influence 0, interest 0, neutral, no resource, no relation."""
    return {
        "id": actor_id,
        "influence": 0,
        "interest": 0,
        "stance": vocab.neutral_stance,
        "resources": [],
        "current": vocab.no_relation,
        "target": vocab.no_relation,
    }


def blank_answer(vocab: Vocabulary) -> dict[str, Any]:
    """A fresh map: every actor of the course's list, none placed yet, no link."""
    return {"actors": [new_actor(a, vocab) for a in vocab.actors], "links": []}
