"""Many learners' answers to one exercise, checked at once for the class view.

A class folder may hold hundreds of hand-ins (thousands when a trainer gathers several
workshops), and reading them must cost about what reading the JSON costs. Each ``check_*``
function takes the raw answers of one exercise (as read from the files) and returns, for
each, its *row* — the compact form the class view uses — or the French reason it was
refused.

Two paths, one verdict. A fast path checks the answers column by column with set and
sequence operations; it accepts an answer only when the exercise's own check (the
``normalise_answer`` of :mod:`~.actor_map` and :mod:`~.audit`, :func:`~.ranking.check_order`,
:func:`~.quiz.normalise`) certainly accepts it too, and then builds the same row. Whatever
the fast path is not sure of goes through the exercise's own check, which gives the row or
the exact French message. ``tests/logic/test_handins.py`` checks on random and hostile
answers that both paths always agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import Any

from ..errors import IdentifiantInconnu

Row = Any
Result = tuple[list[Row | None], dict[int, str]]
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_NONE = type(None)
_CHECK_ERRORS = (ValueError, LookupError, TypeError, AttributeError, RecursionError)


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


# ------------------------------------------------------------------------ actor map

# A map's row is compact: ``(actors, added)``; ``actors`` is one ``(id, influence, interest,
# stance)`` per actor, in the map's order, and ``added`` gives the learner's name and the
# guide category of each actor the learner added (``{id: (label, category)}``).
MapRow = tuple[tuple[tuple[str, int, int, str], ...], dict[str, tuple[str, str]]]
_ACTOR_REQUIRED = itemgetter(
    "id", "influence", "interest", "stance", "resources", "current", "target"
)
_ACTOR_ROW = itemgetter("id", "influence", "interest", "stance")
_N_REQUIRED = 7
_ACTOR_KEYS = frozenset(
    (
        "id",
        "label",
        "category",
        "influence",
        "interest",
        "stance",
        "resources",
        "current",
        "target",
        "note",
    )
)
_LINK = itemgetter("source", "target", "type")
_SCORES = frozenset(range(6))


def map_row(actors: Sequence[Mapping[str, Any]]) -> MapRow:
    """The row of a normalised map's actors (:func:`~.actor_map.normalise_answer`)."""
    return (
        tuple(map(_ACTOR_ROW, actors)),
        {a["id"]: (a["label"], a["category"]) for a in actors if "label" in a},
    )


def _subset(values: Any, known: Any) -> bool:
    """Whether every value is one of ``known`` (False on unhashable values)."""
    try:
        return set(values) <= known
    except TypeError:
        return False


def check_maps(answers: Sequence[Any], vocab: Any) -> Result:
    """Check many actor-map answers (see :func:`~.actor_map.normalise_answer`); a map's row
    is a :data:`MapRow`."""
    from .actor_map import normalise_answer

    n = len(answers)
    rows: list[Row | None] = [None] * n
    sure = [False] * n
    included: list[int] = []
    for k, answer in enumerate(answers):
        if type(answer) is not dict or not answer.keys() <= {"actors", "links"}:
            continue
        actors = answer.get("actors")
        links = answer.get("links")
        if type(actors) is not list or not actors or not (links is None or type(links) is list):
            continue
        if _types(actors) != {dict} or (links and _types(links) != {dict}):
            continue
        sure[k] = True
        included.append(k)

    def refuse(owners: Any) -> None:
        for k in owners:
            sure[k] = False

    # Actors of all maps at once: who owns each, then each field as a column.
    maps = [answers[k]["actors"] for k in included]
    owner = [k for k, actors in zip(included, maps, strict=True) for _ in actors]
    flat = [a for actors in maps for a in actors]
    exact = lambda a: map_row(normalise_answer(a, vocab)["actors"])  # noqa: E731
    if not flat:
        return _finish(answers, rows, exact)
    try:
        fields = [_ACTOR_REQUIRED(a) for a in flat]
    except KeyError:
        fields = []
        for i, a in enumerate(flat):
            try:
                fields.append(_ACTOR_REQUIRED(a))
            except KeyError:
                fields.append((None,) * _N_REQUIRED)
                refuse([owner[i]])
    ids, infl, inter, stance, resources, current, target = zip(*fields, strict=True)
    # Actors with more than the required fields: an added actor (label, category), a note.
    more = [i for i, size in enumerate(map(len, flat)) if size != _N_REQUIRED]
    bad: set[int] = set()  # indexes in ``flat``

    def mark(ok: Callable[[int], bool]) -> None:
        bad.update(i for i in range(len(flat)) if not ok(i))

    if not (_types(chain(infl, inter)) == {int} and _subset(chain(infl, inter), _SCORES)):
        mark(lambda i: all(type(x) is int and 0 <= x <= 5 for x in (infl[i], inter[i])))
    for column, known in ((stance, vocab.stances), (current, vocab.levels), (target, vocab.levels)):
        if not _subset(column, known.keys()):
            mark(lambda i, c=column, kn=known: type(c[i]) is str and c[i] in kn)
    if not (
        _types(resources) == {list}
        and _subset(chain.from_iterable(resources), vocab.resources.keys())
    ):
        mark(
            lambda i: (
                type(resources[i]) is list
                and all(type(r) is str and r in vocab.resources for r in resources[i])
            )
        )
    extra = [flat[i] for i in more]
    if not set().union(*extra) <= _ACTOR_KEYS:
        bad.update(i for i, a in zip(more, extra, strict=True) if not a.keys() <= _ACTOR_KEYS)
    notes = [a.get("note") for a in extra]
    if not _types(notes) <= {str, _NONE}:
        bad.update(i for i, v in zip(more, notes, strict=True) if not (v is None or type(v) is str))
    custom = [i for i, a in zip(more, extra, strict=True) if "label" in a or "category" in a]
    custom_set = set(custom)
    plain = [ids[i] for i in range(len(flat)) if i not in custom_set] if custom else ids
    if not _subset(plain, vocab.actors.keys()):
        mark(lambda i: i in custom_set or (type(ids[i]) is str and ids[i] in vocab.actors))
    if custom:
        labels = [flat[i].get("label") for i in custom]
        categories = [flat[i].get("category") for i in custom]
        custom_ids = [ids[i] for i in custom]
        if not (
            _types(chain(labels, custom_ids)) == {str}
            and all(map(str.strip, labels))
            and all(map(_ID.match, custom_ids))
            and _subset(categories, vocab.categories.keys())
        ):
            for i, label, category in zip(custom, labels, categories, strict=True):
                if not (
                    type(label) is str
                    and label.strip()
                    and type(ids[i]) is str
                    and _ID.match(ids[i])
                    and type(category) is str
                    and category in vocab.categories
                ):
                    bad.add(i)
    refuse({owner[i] for i in bad})
    # Each actor once per map.
    try:
        placed = set(zip(owner, ids, strict=True))
    except TypeError:
        placed = {key for key in zip(owner, ids, strict=True) if type(key[1]) is str}
        refuse({owner[i] for i, v in enumerate(ids) if type(v) is not str})
    if len(placed) != len(flat):
        seen: set[Any] = set()
        for key in zip(owner, ids, strict=True):
            if type(key[1]) is not str or key in seen:
                refuse([key[0]])
            else:
                seen.add(key)
    # Links: both ends on the same map, a known type, no loop, no repeat.
    link_owner = [k for k in included for _ in answers[k].get("links") or ()]
    link_flat = [x for k in included for x in answers[k].get("links") or ()]
    if link_flat:
        try:
            triples = [_LINK(x) for x in link_flat]
        except KeyError:
            triples = []
            for k, x in zip(link_owner, link_flat, strict=True):
                try:
                    triples.append(_LINK(x))
                except KeyError:
                    triples.append((None, None, None))
                    refuse([k])
        sources, dests, kinds = zip(*triples, strict=True)
        try:
            ok = (
                _types(chain(sources, dests)) == {str}
                and set(zip(link_owner, sources, strict=True)) <= placed
                and set(zip(link_owner, dests, strict=True)) <= placed
                and set(kinds) <= vocab.link_types.keys()
                and not any(map(str.__eq__, sources, dests))
                and len(set(zip(link_owner, sources, dests, kinds, strict=True))) == len(triples)
            )
        except TypeError:
            ok = False
        if not ok:
            seen_links: set[Any] = set()
            for k, (source, dest, kind) in zip(link_owner, triples, strict=True):
                key = (k, source, dest, kind)
                if not (
                    type(source) is str
                    and type(dest) is str
                    and type(kind) is str
                    and (k, source) in placed
                    and (k, dest) in placed
                    and kind in vocab.link_types
                    and source != dest
                    and key not in seen_links
                ):
                    refuse([k])
                else:
                    seen_links.add(key)
    added: dict[int, dict[str, tuple[str, str]]] = {}
    for i in custom:
        if sure[owner[i]]:
            actor = flat[i]
            added.setdefault(owner[i], {})[actor["id"]] = (
                actor["label"].strip(),
                actor["category"],
            )
    for k, actors in zip(included, maps, strict=True):
        if sure[k]:
            rows[k] = (tuple(map(_ACTOR_ROW, actors)), added.get(k, {}))
    return _finish(answers, rows, exact)


# -------------------------------------------------------------------------- ranking

RANKING_KEYS = frozenset(("mode", "ordre", "justifications"))


def ranking_row(answer: Any, ids: Sequence[str]) -> dict[str, Any]:
    """Check one ranking answer exactly (:func:`~.ranking.check_order`, any number of places
    for ``premiers``) and return it normalised: mode, order, justifications."""
    from .ranking import check_order

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
    return {"mode": mode, "ordre": list(order), "justifications": dict(texts)}


def check_rankings(answers: Sequence[Any], ids: Sequence[str]) -> Result:
    """Check many ranking answers (``{"mode", "ordre", "justifications"}``)."""
    from .ranking import DIAMOND_SIZE, MODES

    known = frozenset(ids)
    room = {"complet": len(ids), "premiers": len(ids), "diamant": min(DIAMOND_SIZE, len(ids))}
    rows: list[Row | None] = [None] * len(answers)
    for k, answer in enumerate(answers):
        if type(answer) is not dict or not answer.keys() <= RANKING_KEYS:
            continue
        mode = answer.get("mode", "complet")
        order = answer.get("ordre", [])
        texts = answer.get("justifications") or {}
        if (
            type(mode) is not str
            or mode not in MODES
            or type(order) is not list
            or type(texts) is not dict
            or len(order) > room[mode]
            or (order and _types(order) != {str})
        ):
            continue
        placed = set(order)
        if len(placed) != len(order) or not placed <= known or not texts.keys() <= placed:
            continue
        if texts and _types(texts.values()) != {str}:
            continue
        rows[k] = {"mode": mode, "ordre": list(order), "justifications": dict(texts)}
    return _finish(answers, rows, lambda a: ranking_row(a, ids))


# ---------------------------------------------------------------------------- audit


@dataclass(frozen=True)
class AuditRow:
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


_AUDIT_KEYS = frozenset(("criteres", "bonnes_pratiques", "signes_alerte", "recommandations"))
_RATING_KEYS = frozenset(("niveau", "preuve"))
_LEVEL_VALUES = frozenset((None, 0, 1, 2, 3))


def check_audits(answers: Sequence[Any], content: Any) -> Result:
    """Check many audit answers (see :func:`~.audit.normalise_answer`)."""
    from .audit import normalise_answer

    criteria = [c.id for c in content.criteria]
    practices = [p.id for p in content.practices]
    signs = [s.id for s in content.warning_signs]
    known_criteria, known_practices, known_signs = set(criteria), set(practices), set(signs)
    unrated = (None,) * len(criteria)
    rows: list[Row | None] = [None] * len(answers)
    for k, answer in enumerate(answers):
        if type(answer) is not dict or not answer.keys() <= _AUDIT_KEYS:
            continue
        ratings = answer.get("criteres") or {}
        chosen = answer.get("bonnes_pratiques") or []
        ticked = answer.get("signes_alerte") or {}
        text = answer.get("recommandations")
        if (
            type(ratings) is not dict
            or type(chosen) is not list
            or type(ticked) is not dict
            or not (text is None or type(text) is str)
            or not ratings.keys() <= known_criteria
            or not ticked.keys() <= known_signs
        ):
            continue
        if ratings:
            given = ratings.values()
            if _types(given) != {dict} or not set().union(*given) <= _RATING_KEYS:
                continue
            levels = [r.get("niveau") for r in given]
            if not _types(levels) <= {int, _NONE} or not set(levels) <= _LEVEL_VALUES:
                continue
            if not _types(r.get("preuve") for r in given) <= {str, _NONE}:
                continue
            if list(ratings) != criteria:
                levels = [ratings[c].get("niveau") if c in ratings else None for c in criteria]
            row_levels = tuple(levels)
        else:
            row_levels = unrated
        if chosen:
            if _types(chosen) != {str}:
                continue
            chosen_set = set(chosen)
            if not chosen_set <= known_practices:
                continue
            row_practices = tuple(p for p in practices if p in chosen_set)
        else:
            row_practices = ()
        if ticked:
            if not _types(ticked.values()) <= {str, _NONE}:
                continue
            row_signs = tuple(s for s in signs if s in ticked)
            confirmed = tuple(s for s in row_signs if ticked[s] and not ticked[s].isspace())
        else:
            row_signs = confirmed = ()
        rows[k] = AuditRow(row_levels, row_practices, row_signs, confirmed, text or "")
    crit, prac, sign = content.criteria, content.practices, content.warning_signs
    return _finish(
        answers,
        rows,
        lambda a: audit_row(normalise_answer(a, crit, prac, sign), criteria, signs),
    )


# ----------------------------------------------------------------------------- quiz


def quiz_row(answer: Any, quiz: Any) -> dict[str, tuple[str, ...]]:
    """Check one quiz answer exactly (:func:`~.quiz.normalise`): question → options chosen."""
    from .quiz import normalise

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


def check_quizzes(answers: Sequence[Any], quiz: Any) -> Result:
    """Check many answers to one quiz."""
    options = {q.id: ({o.id for o in q.options}, q.type) for q in quiz.questions}
    rows: list[Row | None] = [None] * len(answers)
    for k, answer in enumerate(answers):
        if type(answer) is not dict or not answer.keys() <= options.keys():
            continue
        row = {}
        for qid, selection in answer.items():
            known, kind = options[qid]
            if selection is None:
                row[qid] = ()
            elif type(selection) is str and selection in known:
                row[qid] = (selection,)
            elif (
                type(selection) is list
                and (not selection or _types(selection) == {str})
                and set(selection) <= known
                and (kind == "multiple" or len(set(selection)) <= 1)
            ):
                row[qid] = tuple(dict.fromkeys(selection))
            else:
                break
        else:
            rows[k] = row
    return _finish(answers, rows, lambda a: quiz_row(a, quiz))


def quiz_scores(rows: Sequence[Mapping[str, tuple[str, ...]]], quiz: Any) -> list[int]:
    """How many questions each learner got right (all the right options, no wrong one)."""
    right = {q.id: frozenset(o.id for o in q.options if o.correct) for q in quiz.questions}
    return [sum(frozenset(row.get(qid, ())) == good for qid, good in right.items()) for row in rows]
