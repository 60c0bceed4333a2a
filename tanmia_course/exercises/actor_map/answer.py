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
from ...content.actor_map import SCALE_MAX, SCALE_MIN, Vocabulary, scale
from ...content.actor_map import vocabulary as vocabulary
from ...content.model import ACTOR_ANSWER_KEYS, ID, MAX_NAME
from ...errors import IdentifiantInconnu

_ACTOR_KEYS = ACTOR_ANSWER_KEYS
_ACTOR_KEY_SET = frozenset(ACTOR_ANSWER_KEYS)
_LINK_KEYS = frozenset(("source", "target", "type"))
# The abstract types a part of an answer may have, each after the concrete type JSON gives,
# which ``isinstance`` recognises at once (the abstract check alone costs ten times more; a
# score is checked the same way, :func:`_score`).
_MAPPING = (dict, Mapping)
_ITERABLE = (list, Iterable)
_REQUIRED = ("influence", "interest", "stance", "resources", "current", "target")
_FIELD_FR = {
    "influence": f"l’influence ({scale('influence')})",
    "interest": f"l’intérêt ({scale('interest')})",
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


def _score(value: Any, field: str, raw: Mapping[str, Any], vocab: Vocabulary) -> int:
    """The score ``raw[field]`` (0 to 5); the French message names the actor ``raw``."""
    if type(value) is not int:  # what JSON gives passes at once
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, Integral):
            raise ValueError(
                f"Acteur « {actor_name(raw, vocab)} » : {_FIELD_FR[field]} doit être un nombre "
                f"entier de {SCALE_MIN} à {SCALE_MAX} (reçu : {value!r})."
            )
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(
            f"Acteur « {actor_name(raw, vocab)} » : {_FIELD_FR[field]} doit être compris "
            f"entre {SCALE_MIN} et {SCALE_MAX} (reçu : {value})."
        )
    return int(value)


def _known(
    value: Any, known: Mapping[str, Any], what: str, *about: object, feminine: bool = True
) -> str:
    """``value`` when it is one of the ids ``known``; else a French message naming ``what``
    (completed with ``about``, when given, only then)."""
    if isinstance(value, str) and value in known:
        return value
    what = what.format(*about) if about else what
    raise IdentifiantInconnu(what, value, list(known), feminin=feminine)


def _of_actor(
    value: Any, known: Mapping[str, Any], what: str, raw: Mapping[str, Any], vocab: Vocabulary
) -> str:
    """:func:`_known` for a field of the actor ``raw``: ``what`` is completed with the actor's
    name only when the message is needed."""
    if isinstance(value, str) and value in known:
        return value
    raise IdentifiantInconnu(what.format(actor_name(raw, vocab)), value, list(known), feminin=True)


def name_problem(label: str) -> str | None:
    """What is wrong with the name of an actor the learner adds, or None: like a learner's
    name (:func:`tanmia_course.work.store.check_name`), at most ``MAX_NAME`` characters, so that
    it fits on the map.

    >>> name_problem("Coopérative Nour") is None
    True
    >>> name_problem("x" * 95)[:30]
    'nom trop long (95 caractères\u202f;'
    """
    if len(label) > MAX_NAME:
        return f"nom trop long ({len(label)} caractères ; {MAX_NAME} au plus)"
    return None


def _actor_entry(raw: Any, position: int, vocab: Vocabulary) -> dict[str, Any]:
    if not isinstance(raw, _MAPPING):
        raise ValueError(
            f"Acteur n° {position} : chaque acteur doit être un dictionnaire "
            f"(reçu : {type(raw).__name__})."
        )
    actor_id = raw.get("id")
    if not isinstance(actor_id, str) or not actor_id:
        raise ValueError(f"Acteur n° {position} : il manque son identifiant (« id »).")
    if not raw.keys() <= _ACTOR_KEY_SET:
        extra = [k for k in raw if k not in _ACTOR_KEY_SET]
        raise ValueError(
            f"Acteur « {actor_name(raw, vocab)} » : champ non prévu « {extra[0]} » ; champs "
            f"possibles : {', '.join(_ACTOR_KEYS)}."
        )
    entry: dict[str, Any] = {"id": actor_id}
    if "label" in raw or "category" in raw:
        label = raw.get("label")
        if not isinstance(label, str) or not (label := label.strip()):
            raise ValueError(
                f"Acteur « {actor_id} » : un acteur ajouté doit avoir un nom (« label ») non vide."
            )
        if not ID.match(actor_id):
            raise ValueError(
                f"Acteur « {label} » : « {actor_id} » n’est pas un identifiant valide (lettres "
                "minuscules sans accent, chiffres et _, en commençant par une lettre)."
            )
        if "category" not in raw:
            raise ValueError(
                f"Acteur « {label} » : indiquez sa catégorie (« category »), l’un des acteurs "
                "du guide auquel il se rattache."
            )
        category = _known(raw["category"], vocab.categories, "Catégorie de l’acteur « {} »", label)
        entry.update(label=label, category=category)
    elif actor_id not in vocab.actors:
        raise IdentifiantInconnu("Acteur", actor_id, list(vocab.actors))
    for field in _REQUIRED:
        if raw.get(field) is None:
            raise ValueError(
                f"Acteur « {actor_name(raw, vocab)} » : il manque {_FIELD_FR[field]} (« {field} »)."
            )
    entry["influence"] = _score(raw["influence"], "influence", raw, vocab)
    entry["interest"] = _score(raw["interest"], "interest", raw, vocab)
    entry["stance"] = _of_actor(
        raw["stance"], vocab.stances, "Position de l’acteur « {} »", raw, vocab
    )
    resources = raw["resources"]
    if isinstance(resources, str) or not isinstance(resources, _ITERABLE):
        raise ValueError(
            f"Acteur « {actor_name(raw, vocab)} » : les ressources doivent être une liste "
            f"d’identifiants (reçu : {resources!r})."
        )
    known = vocab.resources
    chosen = [_of_actor(r, known, "Ressource de l’acteur « {} »", raw, vocab) for r in resources]
    # In the content's order (one resource is in it already).
    entry["resources"] = [r for r in known if r in chosen] if len(chosen) > 1 else chosen
    entry["current"] = _of_actor(
        raw["current"], vocab.levels, "Relation actuelle avec « {} »", raw, vocab
    )
    entry["target"] = _of_actor(
        raw["target"], vocab.levels, "Relation visée avec « {} »", raw, vocab
    )
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise ValueError(f"Acteur « {actor_name(raw, vocab)} » : la note doit être un texte.")
    if note and note.strip():
        entry["note"] = note.strip()
    return entry


def _link_entry(
    raw: Any, position: int, actors: Mapping[str, dict[str, Any]], vocab: Vocabulary
) -> dict[str, str]:
    if not isinstance(raw, _MAPPING) or not raw.keys() >= _LINK_KEYS:
        raise ValueError(
            f"Lien n° {position} : un lien est un dictionnaire avec « source », « target » et "
            "« type »."
        )
    source = _known(
        raw["source"], actors, "Acteur de départ du lien n° {}", position, feminine=False
    )
    target = _known(
        raw["target"], actors, "Acteur d’arrivée du lien n° {}", position, feminine=False
    )
    kind = _known(raw["type"], vocab.link_types, "Type du lien n° {}", position, feminine=False)
    if source == target:
        raise ValueError(
            f"Lien n° {position} : un lien relie deux acteurs différents (ici "
            f"« {actor_name(actors[source], vocab)} » vers lui-même)."
        )
    return {"source": source, "target": target, "type": kind}


def normalise_answer(answer: Any, vocab: Vocabulary) -> dict[str, Any]:
    """Check a whole answer and return a clean copy of it; a French error names the first
    problem (the actor, the field, the value) and nothing is changed anywhere."""
    if not isinstance(answer, _MAPPING):
        raise ValueError(
            "La réponse doit être un dictionnaire : {'actors': [...], 'links': [...]} "
            f"(reçu : {type(answer).__name__})."
        )
    extra = [k for k in answer if k not in ("actors", "links")]
    if extra:
        raise ValueError(
            f"Clé non prévue dans la réponse : « {extra[0]} » ; clés possibles : actors, links."
        )
    raw_actors = answer.get("actors")
    if isinstance(raw_actors, str | bytes) or not isinstance(raw_actors, _ITERABLE):
        raise ValueError("La réponse doit contenir « actors » : la liste des acteurs de la carte.")
    actors = [_actor_entry(raw, n, vocab) for n, raw in enumerate(raw_actors, start=1)]
    if not actors:
        raise ValueError("La carte doit garder au moins un acteur.")
    by_id: dict[str, dict[str, Any]] = {}
    for entry in actors:
        if entry["id"] in by_id:
            raise ValueError(
                f"L’acteur « {entry['id']} » apparaît deux fois sur la carte ; chaque acteur n’y "
                "figure qu’une fois."
            )
        by_id[entry["id"]] = entry
    raw_links = answer.get("links") or []
    if isinstance(raw_links, str | bytes) or not isinstance(raw_links, _ITERABLE):
        raise ValueError("« links » doit être une liste de liens.")
    links: list[dict[str, str]] = []
    for n, raw in enumerate(raw_links, start=1):
        link = _link_entry(raw, n, by_id, vocab)
        if link in links:
            raise ValueError(
                f"Lien n° {n} : ce lien existe déjà ({actor_name(by_id[link['source']], vocab)} "
                f"→ {vocab.link_types[link['type']].label} → "
                f"{actor_name(by_id[link['target']], vocab)})."
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
