"""Many learners' answers to one exercise, checked at once for the class view.

A class folder may hold hundreds of hand-ins (thousands when a trainer gathers several
workshops), and reading them must cost about what reading the JSON costs. Each ``check_*``
function takes the raw answers of one exercise, as read from the files (JSON values: dicts,
lists, texts, numbers, true/false, null), and returns, for each, its *row* — the compact
form the class view uses — or the French reason it was refused.

Two paths, one verdict. A fast path checks the answers with set and sequence operations,
column by column, or item by item for the items a class repeats (below); it accepts an
answer only when the exercise's own check (the ``normalise_answer`` of :mod:`~.actor_map`
and :mod:`~.audit`, :func:`~.ranking.check_order`, :func:`~.quiz.normalise`) certainly
accepts it too, and then builds the same row. Whatever
the fast path is not sure of goes through the exercise's own check, which gives the row or
the exact French message. ``tests/logic/test_handins.py`` checks on random and hostile
answers that both paths always agree.

Each distinct item is checked once. Learners start from the same map and choose among the
same options, so a class repeats the same actors, links and quiz answers again and again:
the fast path tells them apart by their JSON text (``orjson.dumps``, which keeps types and
key order, so equal texts are equal JSON values), checks each distinct one, and gives its
verdict to every item with that text. A :class:`Shared` passed to every call of one reading
carries these verdicts from call to call, and keeps equal row values as one object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain, compress, repeat
from operator import add, is_, itemgetter, methodcaller
from typing import Any, NamedTuple

import orjson

from ..content.model import (
    ACTOR_ANSWER_KEYS,
    AUDIT_ANSWER_KEYS,
    ID,
    RANKING_ANSWER_KEYS,
    UNRANKED_JUSTIFICATIONS,
    UNTICKED_EVIDENCE,
)
from ..errors import IdentifiantInconnu

Row = Any
Result = tuple[list[Row | None], dict[int, str]]
_NONE = type(None)
_DICT, _STR, _TEXT = {dict}, {str}, {str, _NONE}
_ABSENT = object()  # a field left out (dict.get's default)
_CHECK_ERRORS = (ValueError, LookupError, TypeError, AttributeError, RecursionError)


class Shared:
    """What the checks of one reading share, call after call: the verdict on each distinct
    item already checked, and equal row values kept as one object (a class keeps thousands
    of rows: sharing keeps its memory, and the garbage collector's work, small)."""

    def __init__(self) -> None:
        self.values: dict[Any, Any] = {}
        self._verdicts: dict[tuple[str, int], tuple[Any, dict[Any, Any]]] = {}

    def share(self, value: Any) -> Any:
        """The equal value already kept, if any, else ``value`` (then kept)."""
        return self.values.setdefault(value, value)

    def verdicts(self, kind: str, basis: Any) -> dict[Any, Any]:
        """The verdicts on the items of ``kind`` checked against ``basis`` (the vocabulary,
        content or quiz they are checked with), by JSON text or typed record."""
        key = (kind, id(basis))
        if key not in self._verdicts:
            self._verdicts[key] = (basis, {})  # ``basis`` kept: its id stays its own
        return self._verdicts[key][1]


def _each_once(
    items: list[Any], verdicts: dict[bytes, Any], check: Callable[[list[Any]], list[Any]]
) -> list[Any]:
    """The verdict of ``check`` on each item, each distinct item (by JSON text) checked once
    and its verdict kept in ``verdicts``."""
    try:
        texts = list(map(orjson.dumps, items))
    except TypeError:  # orjson.JSONEncodeError: not a JSON value, every item checked
        return check(items)
    firsts = dict(zip(texts, items, strict=True))
    new = [text for text in firsts if text not in verdicts]
    if new:
        verdicts.update(zip(new, check(list(map(firsts.__getitem__, new))), strict=True))
    return list(map(verdicts.__getitem__, texts))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "réponse imbriquée trop profondément"
    text = str(exc) if isinstance(exc, ValueError | IdentifiantInconnu) else ""
    text = text or f"réponse mal formée ({type(exc).__name__})"
    return text if len(text) <= 400 else text[:399].rstrip(" ,") + "…"


def _finish(answers: Sequence[Any], rows: list[Row | None], exact: Callable[[Any], Row]) -> Result:
    """Send every answer the fast path left (None) through the exact check."""
    errors: dict[int, str] = {}
    for i, row in enumerate(rows):
        if row is not None:
            continue
        try:
            rows[i] = exact(answers[i])
        except _CHECK_ERRORS as exc:
            errors[i] = _reason(exc)
    return rows, errors


def _types(values: Any) -> set[type]:
    return set(map(type, values))


def owners(included: Sequence[int], groups: list[Any]) -> list[int]:
    """The answer each item of the flattened ``groups`` comes from."""
    return list(chain.from_iterable(map(repeat, included, map(len, groups))))


def repeated(keys: Iterable[Any]) -> set[int]:
    """The indexes of keys already seen."""
    seen: set[Any] = set()
    out = set()
    for i, key in enumerate(keys):
        if key in seen:
            out.add(i)
        seen.add(key)
    return out


def _refused_items(
    included: list[int],
    groups: list[Any],
    all_ok: Callable[[list[Any]], bool],
    ok: Callable[[Any], bool],
) -> set[int]:
    """The answers (of ``included``) with an item of their group that ``ok`` refuses;
    ``all_ok`` first checks all the items at once."""
    items = list(chain.from_iterable(groups))
    if all_ok(items):
        return set()
    owner = owners(included, groups)
    return {owner[i] for i, item in enumerate(items) if not ok(item)}


# ------------------------------------------------------------------------ actor map

# A map's row is compact: ``(actors, added)``; ``actors`` is one ``(id, influence, interest,
# stance)`` per actor, in the map's order, and ``added`` gives the learner's name and the
# guide category of each actor the learner added (``{id: (label, category)}``).
MapRow = tuple[tuple[tuple[str, int, int, str], ...], dict[str, tuple[str, str]]]
_MAP_KEYS = frozenset(("actors", "links"))
_ACTOR_REQUIRED = itemgetter(
    "id", "influence", "interest", "stance", "resources", "current", "target"
)
_ACTOR_ROW = itemgetter("id", "influence", "interest", "stance")
_ACTOR_KEYS = frozenset(ACTOR_ANSWER_KEYS)
_LINK = itemgetter("source", "target", "type")
# The verdict on one actor: whether the fast path is sure of it, its id, its row, and its
# (name, category) when the learner added it; every actor it is not sure of gets _UNSURE.
_ACTOR_ID, _ROW, _ADDED = map(itemgetter, range(1, 4))
_UNSURE = (False, None, None, None)
_SOURCE, _TARGET = itemgetter(0), itemgetter(1)


def map_row(actors: Sequence[Mapping[str, Any]]) -> MapRow:
    """The row of a normalised map's actors (:func:`~.actor_map.normalise_answer`)."""
    return (
        tuple(map(_ACTOR_ROW, actors)),
        {a["id"]: (a["label"], a["category"]) for a in actors if "label" in a},
    )


class _Known(NamedTuple):
    """The ids a map may use, as sets."""

    actors: frozenset[str]
    categories: frozenset[str]
    resources: frozenset[str]
    stances: frozenset[str]
    levels: frozenset[str]
    link_types: frozenset[str]

    @classmethod
    def of(cls, vocab: Any) -> _Known:
        parts = (
            vocab.actors,
            vocab.categories,
            vocab.resources,
            vocab.stances,
            vocab.levels,
            vocab.link_types,
        )
        return cls(*map(frozenset, parts))


def check_maps(answers: Sequence[Any], vocab: Any, shared: Shared | None = None) -> Result:
    """Check many actor-map answers (see :func:`~.actor_map.normalise_answer`); a map's row
    is a :data:`MapRow`."""
    from ..exercises.actor_map.analysis import normalise_answer

    exact = lambda a: map_row(normalise_answer(a, vocab)["actors"])  # noqa: E731
    shared = Shared() if shared is None else shared
    known = _Known.of(vocab)
    rows: list[Row | None] = [None] * len(answers)
    included = _plain_maps(answers)
    maps = [answers[k]["actors"] for k in included]
    flat = list(chain.from_iterable(maps))
    owner = owners(included, maps)
    verdicts = _each_once(
        flat, shared.verdicts("actors", vocab), lambda items: _actor_verdicts(items, known, shared)
    )
    ids = list(map(_ACTOR_ID, verdicts))
    refused = (
        set(compress(owner, map(is_, verdicts, repeat(_UNSURE)))) if _UNSURE in verdicts else set()
    )
    placed = set(zip(owner, ids, strict=True))
    if len(placed) != len(flat):  # an actor twice on one map
        refused.update(map(owner.__getitem__, repeated(zip(owner, ids, strict=True))))
    links = [answers[k].get("links") or () for k in included]
    refused.update(_refused_links(included, links, placed, vocab, known, shared))
    actor_rows = list(map(_ROW, verdicts))
    added = list(map(_ADDED, verdicts))
    end = 0
    for k, size in zip(included, map(len, maps), strict=True):
        start, end = end, end + size
        if k not in refused:
            mine = added[start:end]
            rows[k] = (
                tuple(actor_rows[start:end]),
                dict(compress(zip(ids[start:end], mine, strict=True), mine)),
            )
    return _finish(answers, rows, exact)


def _plain_maps(answers: Sequence[Any]) -> list[int]:
    """The maps with the usual shape: a non-empty list of actors, and a list of links or
    none (each actor and link is checked on its own)."""
    return [
        k
        for k, answer in enumerate(answers)
        if type(answer) is dict
        and answer.keys() <= _MAP_KEYS
        and type(answer.get("actors")) is list
        and answer["actors"]
        and type(answer.get("links") or []) is list
    ]


def _actor_verdicts(actors: list[Any], known: _Known, shared: Shared) -> list[tuple[Any, ...]]:
    return [_actor_verdict(actor, known, shared) for actor in actors]


def _actor_verdict(actor: dict[str, Any], known: _Known, shared: Shared) -> tuple[Any, ...]:
    """The verdict on one actor (see ``_UNSURE``)."""
    if type(actor) is not dict:
        return _UNSURE
    try:
        actor_id, infl, inter, stance, resources, current, target = _ACTOR_REQUIRED(actor)
    except KeyError:
        return _UNSURE
    label, category, note = map(actor.get, ("label", "category", "note"), repeat(_ABSENT))
    added = label is not _ABSENT or category is not _ABSENT
    sure = (
        actor.keys() <= _ACTOR_KEYS
        and type(actor_id) is str
        and _is_score(infl)
        and _is_score(inter)
        and type(stance) is str
        and stance in known.stances
        and type(resources) is list
        and all(type(r) is str and r in known.resources for r in resources)
        and type(current) is str
        and current in known.levels
        and type(target) is str
        and target in known.levels
        and (note is _ABSENT or note is None or type(note) is str)
        and (_added_ok(actor_id, label, category, known) if added else actor_id in known.actors)
    )
    if not sure:
        return _UNSURE
    pair = shared.share((label.strip(), category)) if added else None
    return (True, actor_id, shared.share((actor_id, infl, inter, stance)), pair)


def _added_ok(actor_id: str, label: Any, category: Any, known: _Known) -> bool:
    """Whether an actor the learner added is right: a name, a guide category, an id."""
    return (
        type(label) is str
        and bool(label.strip())
        and bool(ID.match(actor_id))
        and type(category) is str
        and category in known.categories
    )


def _is_score(value: Any) -> bool:
    return type(value) is int and 0 <= value <= 5


def _refused_links(
    included: list[int],
    links: list[Any],
    placed: set[tuple[int, str]],
    vocab: Any,
    known: _Known,
    shared: Shared,
) -> set[int]:
    """The maps with a link the fast path is not sure of: both ends must be actors of the
    same map, the type known, no loop, no link twice."""
    flat = list(chain.from_iterable(links))
    if not flat:
        return set()
    owner = owners(included, links)
    triples = _each_once(
        flat,
        shared.verdicts("links", vocab),
        lambda items: [_link_verdict(link, known, shared) for link in items],
    )
    refused = set(compress(owner, map(is_, triples, repeat(None))))
    if refused:
        kept = [i for i, k in enumerate(owner) if k not in refused]
        owner = list(map(owner.__getitem__, kept))
        triples = list(map(triples.__getitem__, kept))
    return refused | misplaced_links(owner, triples, placed)


def misplaced_links(
    owner: list[int], triples: list[tuple[str, str, str]], placed: set[tuple[int, str]]
) -> set[int]:
    """The maps (``owner`` of each link) with a link ``(source, target, type)`` that ends
    off its own map (``placed``: its (map, actor id) pairs) or that is there twice."""
    ends = chain(
        zip(owner, map(_SOURCE, triples), strict=True),
        zip(owner, map(_TARGET, triples), strict=True),
    )
    if placed.issuperset(ends) and len(set(zip(owner, triples, strict=True))) == len(owner):
        return set()
    bad, seen = set(), set()
    for k, triple in zip(owner, triples, strict=True):
        source, target, _ = triple
        if (k, source) not in placed or (k, target) not in placed or (k, triple) in seen:
            bad.add(k)
        seen.add((k, triple))
    return bad


def _link_verdict(
    link: dict[str, Any], known: _Known, shared: Shared
) -> tuple[str, str, str] | None:
    """A link's (source, target, type) when the fast path is sure of it, else None."""
    if type(link) is not dict:
        return None
    try:
        source, target, kind = triple = _LINK(link)
    except KeyError:
        return None
    if (
        type(source) is str
        and type(target) is str
        and type(kind) is str
        and kind in known.link_types
        and source != target
    ):
        return shared.share(triple)
    return None


# -------------------------------------------------------------------------- ranking

RANKING_KEYS = frozenset(RANKING_ANSWER_KEYS)


def ranking_row(answer: Any, ids: Sequence[str]) -> dict[str, Any]:
    """Check one ranking answer exactly (:func:`~.ranking.check_order`, any number of places
    for ``premiers``) and return it normalised: mode, order, justifications (the
    justifications of benefits out of the ranking are checked, and left out of the row)."""
    from ..exercises.ranking.analysis import check_order, check_unranked_justifications

    if not isinstance(answer, Mapping):
        raise ValueError("la réponse d’un classement est un dictionnaire")
    extra = [str(key) for key in answer if key not in RANKING_KEYS]
    if extra:
        raise IdentifiantInconnu("Clé du classement", extra[0], sorted(RANKING_KEYS), feminin=True)
    mode = answer.get("mode", "complet")
    order = check_order(answer.get("ordre", []), ids, mode, k=len(ids))
    texts = answer.get("justifications") or {}
    if not isinstance(texts, Mapping):
        raise ValueError("« justifications » doit être un dictionnaire avantage → phrase")
    for benefit, text in texts.items():
        if benefit not in order:
            raise ValueError(f"justification pour « {benefit} », qui n’est pas classé")
        if not isinstance(text, str):
            raise ValueError(f"la justification de « {benefit} » doit être un texte")
    check_unranked_justifications(answer.get(UNRANKED_JUSTIFICATIONS), order, ids)
    return {"mode": mode, "ordre": list(order), "justifications": dict(texts)}


def ranking_room(ids: Sequence[str]) -> dict[str, int]:
    """How many benefits a ranking of each form may place."""
    from ..exercises.ranking.analysis import DIAMOND_SIZE

    return {"complet": len(ids), "premiers": len(ids), "diamant": min(DIAMOND_SIZE, len(ids))}


def check_rankings(answers: Sequence[Any], ids: Sequence[str]) -> Result:
    """Check many ranking answers (``{"mode", "ordre", "justifications"}``, and
    ``justifications_hors_classement`` if any)."""
    room = ranking_room(ids)
    rows: list[Row | None] = [None] * len(answers)
    included = [k for k, answer in enumerate(answers) if _plain_ranking(answer, room)]
    texts = [answers[k].get("justifications") or {} for k in included]
    unranked = [answers[k].get(UNRANKED_JUSTIFICATIONS) or {} for k in included]
    refused: set[int] = set()
    for parts in (texts, unranked):
        refused |= _refused_items(
            included,
            list(map(dict.values, parts)),
            lambda items: _types(items) <= _STR,
            lambda v: type(v) is str,
        )
    # Each order with the content's own texts for its ids (None if one is not an id).
    same = {i: i for i in ids}.__getitem__
    orders = [answers[k].get("ordre", []) for k in included]
    try:
        known = [list(map(same, order)) for order in orders]
    except (KeyError, TypeError):  # an unknown id, or a value that is no id at all
        known = [_known_ids(order, same) for order in orders]
    every = frozenset(ids)
    for k, order, given, kept in zip(included, known, texts, unranked, strict=True):
        if k in refused or order is None:
            continue
        placed = set(order)
        if (
            len(placed) == len(order)
            and given.keys() <= placed
            and kept.keys() <= every
            and kept.keys().isdisjoint(placed)
        ):
            mode = answers[k].get("mode", "complet")
            rows[k] = {"mode": mode, "ordre": order, "justifications": dict(given)}
    return _finish(answers, rows, lambda a: ranking_row(a, ids))


def _known_ids(order: list[Any], same: Callable[[Any], str]) -> list[str] | None:
    try:
        return list(map(same, order))
    except (KeyError, TypeError):
        return None


def _plain_ranking(answer: Any, room: Mapping[str, int]) -> bool:
    """Whether a ranking answer has the usual shape: a known mode, an order (a list that
    fits the mode's places), justifications (dicts) or none."""
    if type(answer) is not dict or not answer.keys() <= RANKING_KEYS:
        return False
    mode = answer.get("mode", "complet")
    order = answer.get("ordre", [])
    return (
        type(mode) is str
        and mode in room
        and type(order) is list
        and len(order) <= room[mode]
        and type(answer.get("justifications") or {}) is dict
        and type(answer.get(UNRANKED_JUSTIFICATIONS) or {}) is dict
    )


# ---------------------------------------------------------------------------- audit


class AuditRow(NamedTuple):
    """One learner's audit, compactly: levels in the content's order of criteria (None when
    not rated), practices and warning signs ticked (content order), signs backed by
    evidence, recommendations."""

    niveaux: tuple[int | None, ...]
    pratiques: tuple[str, ...]
    signes: tuple[str, ...]
    signes_confirmes: tuple[str, ...]
    recommandations: str


def audit_row(clean: Mapping[str, Any], criteria: Sequence[str], signs: Sequence[str]) -> AuditRow:
    """The row of a normalised audit answer (:func:`~.audit.normalise_answer`)."""
    ratings = clean["criteres"]
    ticked = clean["signes_alerte"]
    return AuditRow(
        tuple(ratings[c]["niveau"] for c in criteria),
        tuple(clean["bonnes_pratiques"]),
        tuple(ticked),
        tuple(s for s in signs if s in ticked and ticked[s].strip()),
        clean["recommandations"],
    )


_AUDIT_KEYS = frozenset(AUDIT_ANSWER_KEYS)
_RATING_KEYS = frozenset(("niveau", "preuve"))
_LEVEL, _PROOF = itemgetter("niveau"), itemgetter("preuve")
_LEVELS = frozenset((None, 0, 1, 2, 3))
_LEVEL_TYPES = {int, _NONE}
_UNSURE_LEVEL = object()  # the verdict on a rating the fast path is not sure of


def check_audits(answers: Sequence[Any], content: Any, shared: Shared | None = None) -> Result:
    """Check many audit answers (see :func:`~.audit.normalise_answer`)."""
    from ..exercises.audit.analysis import normalise_answer

    shared = Shared() if shared is None else shared
    criteria = tuple(c.id for c in content.criteria)
    practices = [p.id for p in content.practices]
    signs = [s.id for s in content.warning_signs]
    known_criteria, known_practices, known_signs = map(frozenset, (criteria, practices, signs))
    rows: list[Row | None] = [None] * len(answers)
    included = [
        k for k, answer in enumerate(answers) if _plain_audit(answer, known_criteria, known_signs)
    ]
    plain = [answers[k] for k in included]
    ratings = [a.get("criteres") or {} for a in plain]
    chosen = [a.get("bonnes_pratiques") or () for a in plain]
    ticked = [a.get("signes_alerte") or {} for a in plain]
    levels, refused = _check_ratings(included, ratings)
    refused |= _refused_items(
        included,
        chosen,
        lambda items: _types(items) <= _STR and known_practices.issuperset(items),
        lambda v: type(v) is str and v in known_practices,
    )
    refused |= _refused_items(
        included,
        list(map(dict.values, ticked)),
        lambda items: _types(items) <= _TEXT,
        lambda v: v is None or type(v) is str,
    )
    for k, row in zip(
        included,
        audit_rows(
            ratings,
            levels,
            chosen,
            ticked,
            [a.get("recommandations") or "" for a in plain],
            criteria,
            practices,
            signs,
            shared,
            skip={n for n, k in enumerate(included) if k in refused},
        ),
        strict=True,
    ):
        rows[k] = row
    crit, prac, sign = content.criteria, content.practices, content.warning_signs
    return _finish(
        answers,
        rows,
        lambda a: audit_row(normalise_answer(a, crit, prac, sign), criteria, signs),
    )


def audit_rows(
    ratings: list[Mapping[str, Any]],
    levels: list[Any],
    chosen: list[Sequence[str]],
    ticked: list[Mapping[str, str | None]],
    recommendations: list[str],
    criteria: Sequence[str],
    practices: Sequence[str],
    signs: Sequence[str],
    shared: Shared,
    skip: set[int] = frozenset(),  # type: ignore[assignment]
) -> list[AuditRow | None]:
    """The rows of audits whose parts are certainly right: ``ratings`` (criterion →
    rating), ``levels`` (every rating's level, audit after audit), the practices and warning
    signs ticked, the recommendations; None for the audits of ``skip``."""
    rows: list[AuditRow | None] = [None] * len(ratings)
    in_order = list(chain.from_iterable(ratings)) == list(criteria) * len(ratings)
    in_content_order: dict[tuple[str, ...], tuple[str, ...]] = {}  # practices ticked
    end = 0
    for n, (given, picked, signed, text) in enumerate(
        zip(ratings, chosen, ticked, recommendations, strict=True)
    ):
        start, end = end, end + len(given)
        if n in skip:
            continue
        if in_order:
            row_levels = shared.share(tuple(levels[start:end]))
        else:
            mine = dict(zip(given, levels[start:end], strict=True))
            row_levels = shared.share(tuple(map(mine.get, criteria)))
        key = tuple(picked)
        if key not in in_content_order:
            row = tuple(filter(set(key).__contains__, practices))
            in_content_order[key] = shared.share(row)
        row_signs = confirmed = ()
        if signed:
            row_signs = shared.share(tuple(filter(signed.__contains__, signs)))
            confirmed = tuple(s for s in row_signs if signed[s] and not signed[s].isspace())
            confirmed = shared.share(confirmed)
        rows[n] = AuditRow(row_levels, in_content_order[key], row_signs, confirmed, text)
    return rows


def _plain_audit(answer: Any, criteria: frozenset[str], signs: frozenset[str]) -> bool:
    """Whether an audit answer has the usual shape: known parts, each of its type, known
    criteria and warning signs, and the evidence of unticked signs (texts, for known signs
    that are not ticked), which the row leaves out."""
    if type(answer) is not dict or not answer.keys() <= _AUDIT_KEYS:
        return False
    ratings = answer.get("criteres") or {}
    text = answer.get("recommandations")
    ticked = answer.get("signes_alerte") or {}
    unticked = answer.get(UNTICKED_EVIDENCE) or {}
    return (
        type(ratings) is dict
        and type(answer.get("bonnes_pratiques") or []) is list
        and type(ticked) is dict
        and (text is None or type(text) is str)
        and ratings.keys() <= criteria
        and ticked.keys() <= signs
        and type(unticked) is dict
        and unticked.keys() <= signs
        and unticked.keys().isdisjoint(ticked)
        and _types(unticked.values()) <= _TEXT
    )


def _check_ratings(
    included: list[int], ratings: list[dict[str, Any]]
) -> tuple[list[Any], set[int]]:
    """Every rating of a chunk's audits, checked across all audits: the levels, and the
    answers with a rating the fast path is not sure of."""
    flat = list(chain.from_iterable(map(dict.values, ratings)))
    if _types(flat) == _DICT and set(map(len, flat)) == {2}:
        try:
            levels = list(map(_LEVEL, flat))
            proofs = list(map(_PROOF, flat))
        except KeyError:  # another field than a level and a proof
            pass
        else:
            if (
                _types(levels) <= _LEVEL_TYPES
                and _LEVELS.issuperset(levels)
                and _types(proofs) <= _TEXT
            ):
                return levels, set()
    verdicts = list(map(_rating_verdict, flat))
    unsure = map(is_, verdicts, repeat(_UNSURE_LEVEL))
    return verdicts, set(compress(owners(included, ratings), unsure))


def _rating_verdict(rating: Any) -> Any:
    """The level of one criterion's rating (None: not rated) when the fast path is sure of
    it, else ``_UNSURE_LEVEL``."""
    if type(rating) is not dict or not rating.keys() <= _RATING_KEYS:
        return _UNSURE_LEVEL
    level, proof = rating.get("niveau"), rating.get("preuve")
    if (level is None or (type(level) is int and 0 <= level <= 3)) and (
        proof is None or type(proof) is str
    ):
        return level
    return _UNSURE_LEVEL


# ----------------------------------------------------------------------------- quiz


def quiz_row(answer: Any, quiz: Any) -> dict[str, tuple[str, ...]]:
    """Check one quiz answer exactly (:func:`~.quiz.normalise`): question → options chosen."""
    from ..exercises.quiz.analysis import normalise

    if not isinstance(answer, Mapping):
        raise ValueError("la réponse d’un quiz est un dictionnaire question → choix")
    questions = {q.id: q for q in quiz.questions}
    row = {}
    for qid, selection in answer.items():
        if qid not in questions:
            raise IdentifiantInconnu(
                f"Question du quiz « {quiz.id} »", qid, list(questions), feminin=True
            )
        if selection is not None and not isinstance(selection, str | list):
            raise ValueError(f"question « {qid} » : choix illisible")
        row[qid] = normalise(questions[qid], selection)
    return row


def check_quizzes(answers: Sequence[Any], quiz: Any, shared: Shared | None = None) -> Result:
    """Check many answers to one quiz."""
    shared = Shared() if shared is None else shared
    options = {q.id: (frozenset(o.id for o in q.options), q.type) for q in quiz.questions}
    verdicts = _each_once(
        list(answers),
        shared.verdicts("quiz", quiz),
        lambda items: [_quiz_verdict(answer, options, shared) for answer in items],
    )
    rows: list[Row | None] = [None if row is None else dict(row) for row in verdicts]
    return _finish(answers, rows, lambda a: quiz_row(a, quiz))


def _quiz_verdict(
    answer: Any, options: Mapping[str, tuple[frozenset[str], str]], shared: Shared
) -> dict[str, tuple[str, ...]] | None:
    """The row of one quiz answer when the fast path is sure of it, else None."""
    if type(answer) is not dict or not answer.keys() <= options.keys():
        return None
    row = {}
    for qid, selection in answer.items():
        known, kind = options[qid]
        if selection is None:
            chosen: tuple[str, ...] = ()
        elif type(selection) is str and selection in known:
            chosen = (selection,)
        elif (
            type(selection) is list
            and _types(selection) <= _STR
            and known.issuperset(selection)
            and (kind == "multiple" or len(set(selection)) <= 1)
        ):
            chosen = tuple(dict.fromkeys(selection))
        else:
            return None
        row[qid] = shared.share(chosen)
    return row


def quiz_scores(rows: Sequence[Mapping[str, tuple[str, ...]]], quiz: Any) -> list[int]:
    """How many questions each learner got right (all the right options, no wrong one)."""
    scores = [0] * len(rows)
    for question in quiz.questions:
        good = frozenset(o.id for o in question.options if o.correct)
        verdicts: dict[tuple[str, ...], bool] = {}  # each distinct choice judged once
        chosen = list(map(methodcaller("get", question.id, ()), rows))
        for choice in set(chosen):
            verdicts[choice] = frozenset(choice) == good
        scores = list(map(add, scores, map(verdicts.__getitem__, chosen)))
    return scores
