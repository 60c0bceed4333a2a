"""Hand-in files decoded straight into typed records, for a class of thousands.

A class folder is read in two ways that give the same result. The general way parses each
file (:func:`~tanmia_course.work.store.loads`), checks its envelope
(:func:`~tanmia_course.work.store.handins_parts`) and then each exercise's answers
(:mod:`~tanmia_course.work.handins`), and says in French what is wrong. This module is the
short way for the files that are right, which is nearly all of them: msgspec decodes a file
against types built from the course's content, so that in one pass, in C, it parses the JSON
and checks most of what the general way checks — every field's type, no unknown field,
scores and levels in range, and the ids a learner chooses among (stances, relation levels,
resources, link types, categories, benefits, criteria, practices, warning signs, quiz
options). What a type cannot say is checked here, across the files of a chunk: an actor's id
is the course's or the actor is added with a name, an actor is on a map once, links join two
actors of their own map, a benefit is ranked once, dates are dates, names are names.

A file is taken this way only when all of it is certainly right, and it then gives the same
envelope and the same rows as the general way. Any other file — JSON that does not decode to
these types, an exercise the course does not know, a doubtful answer — comes back as None and
is read the general way, which gives its rows or its reasons. The tests of
``tests/logic/test_typed_handins.py`` check on random and hostile files that both ways
always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from itertools import chain, compress, repeat
from operator import attrgetter, eq, is_, itemgetter
from typing import Annotated, Any, Literal

from ..content.model import (
    ACTOR_ANSWER_KEYS,
    AUDIT_ANSWER_KEYS,
    ID,
    RANKING_ANSWER_KEYS,
    UNRANKED_JUSTIFICATIONS,
    UNTICKED_EVIDENCE,
    Content,
)
from . import store
from .handins import AuditRow, Shared, audit_rows, misplaced_links, owners, ranking_room, repeated
from .registry import ACTOR_MAP, RANKING, known_exercises

Envelope = tuple[str, str, dict[str, Any]]  # name, date of the hand-in, row by exercise

_cache: dict[str, Any] = {"content": None, "reader": None}


def reader(content: Content) -> Reader | GeneralOnly:
    """The reader of hand-ins for ``content`` (cached while the content stays the same)."""
    if _cache["content"] is not content:
        try:
            found: Reader | GeneralOnly = Reader(content)
        except _NoChoice:
            found = GeneralOnly()
        _cache.update(content=content, reader=found)
    return _cache["reader"]


class GeneralOnly:
    """For a content with a list a learner cannot choose from (no option, say): every file
    is read the general way."""

    def read(self, datas: Sequence[bytes], shared: Shared) -> list[Envelope | None]:
        return [None] * len(datas)


class _NoChoice(Exception):
    """A list of ids to choose from is empty: no type can say « one of them »."""


def _one_of(values: Iterable[str]) -> Any:
    choices = tuple(values)
    if not choices:
        raise _NoChoice
    return Literal[choices]


class Reader:
    """Decodes hand-in files of one content, and checks what their types leave open."""

    def __init__(self, content: Content) -> None:
        import msgspec
        from msgspec import UNSET, Meta, UnsetType, defstruct

        from ..exercises.actor_map.analysis import vocabulary
        from ..exercises.ranking.analysis import MODES

        self._errors = (msgspec.DecodeError,)  # ValidationError is one of them
        self._unset = UNSET
        self._fields = msgspec.structs.astuple
        vocab = vocabulary(content)
        self._actors = frozenset(vocab.actors)
        self._room = ranking_room([b.id for b in content.benefits])
        self._criteria = tuple(c.id for c in content.criteria)
        self._practices = tuple(p.id for p in content.practices)
        self._signs = tuple(s.id for s in content.warning_signs)
        unset = UnsetType

        def record(name: str, fields: list[Any], **options: Any) -> Any:
            # Every record refuses fields it does not know. Decoded from JSON, a tree, no
            # record can be part of a cycle: the cycle collector need not track them.
            return defstruct(name, fields, forbid_unknown_fields=True, gc=False, **options)

        score = Annotated[int, Meta(ge=0, le=5)]
        actor = record(
            "Acteur",
            [
                ("id", str),
                ("influence", score),
                ("interest", score),
                ("stance", _one_of(vocab.stances)),
                ("resources", list[_one_of(vocab.resources)]),
                ("current", _one_of(vocab.levels)),
                ("target", _one_of(vocab.levels)),
                ("label", str | unset, UNSET),
                ("category", _one_of(vocab.categories) | unset, UNSET),
                ("note", str | None | unset, UNSET),
            ],
        )
        assert set(actor.__struct_fields__) == set(ACTOR_ANSWER_KEYS)
        link = record(
            "Lien", [("source", str), ("target", str), ("type", _one_of(vocab.link_types))]
        )
        actor_map = record(
            "Carte",
            [
                ("actors", Annotated[list[actor], Meta(min_length=1)]),
                ("links", list[link] | None, None),
            ],
        )
        benefit = _one_of(b.id for b in content.benefits)
        ranking = record(
            "Classement",
            [
                ("mode", _one_of(MODES), "complet"),
                ("ordre", list[benefit], []),
                ("justifications", dict[str, str] | None, None),
                (UNRANKED_JUSTIFICATIONS, dict[benefit, str] | None, None),
            ],
        )
        assert ranking.__struct_fields__ == RANKING_ANSWER_KEYS
        rating = record(
            "Notation",
            [
                ("niveau", Annotated[int, Meta(ge=0, le=3)] | None, None),
                ("preuve", str | None, None),
            ],
        )
        audit = record(
            "Audit",
            [
                ("criteres", dict[_one_of(self._criteria), rating] | None, None),
                ("bonnes_pratiques", list[_one_of(self._practices)] | None, None),
                ("signes_alerte", dict[_one_of(self._signs), str | None] | None, None),
                ("recommandations", str | None, None),
                (UNTICKED_EVIDENCE, dict[_one_of(self._signs), str | None] | None, None),
            ],
        )
        assert audit.__struct_fields__ == AUDIT_ANSWER_KEYS
        exercises = known_exercises(content)
        answer_types: dict[str, Any] = {}
        self._quizzes: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
        for eid, exercise in exercises.items():
            if eid == ACTOR_MAP:
                answer_types[eid] = actor_map
            elif eid == RANKING:
                answer_types[eid] = ranking
            elif exercise.kind == "audit":
                answer_types[eid] = audit
            else:
                quiz = next(q for q in content.quizzes if q.id == exercise.cible)
                questions = [(q.id, _one_of(o.id for o in q.options)) for q in quiz.questions]
                # Frozen, with tuples for lists: an answer is hashable, and each distinct
                # one is looked at once.
                answer_types[eid] = record(
                    "Quiz",
                    [
                        (f"q{i}", options | tuple[options, ...] | None | unset, UNSET)
                        for i, (_, options) in enumerate(questions)
                    ],
                    rename={f"q{i}": qid for i, (qid, _) in enumerate(questions)},
                    frozen=True,
                )
                self._quizzes[eid] = (
                    tuple(q.id for q in quiz.questions),
                    frozenset(q.id for q in quiz.questions if q.type != "multiple"),
                )
        self._exercises = tuple(answer_types)
        self._kinds = tuple(exercises[eid].kind for eid in self._exercises)
        # Exercise ids are the JSON names of the fields f0, f1… (an id may be a keyword).
        entries = [
            (
                f"f{i}",
                record("Entree", [("modifie", str), ("reponse", kind)]) | unset,
                UNSET,
            )
            for i, kind in enumerate(answer_types.values())
        ]
        answers = record(
            "Reponses", entries, rename={f"f{i}": eid for i, eid in enumerate(self._exercises)}
        )
        handin = record(
            "Rendu",
            [
                ("schema", Literal[store.HANDIN_SCHEMA]),
                ("version", Literal[store.FORMAT_VERSION]),
                ("nom", str),
                ("version_cours", Annotated[str, Meta(max_length=40)]),
                ("cree", str),
                ("modifie", str),
                ("reponses", answers),
            ],
        )
        self._decode = msgspec.json.Decoder(handin).decode
        # A tuple of entries per file: there are always two exercises or more (the map and
        # the ranking), so attrgetter gives a tuple.
        self._entries = attrgetter(*(f"f{i}" for i in range(len(self._exercises))))

    # ------------------------------------------------------------------------- files

    def read(self, datas: Sequence[bytes], shared: Shared) -> list[Envelope | None]:
        """For each file's bytes: (name, date, row by exercise) when the file is certainly
        right, else None (to be read the general way)."""
        docs: list[Any] = []
        for data in datas:
            try:
                docs.append(self._decode(data) if len(data) <= store.MAX_BYTES else None)
            except self._errors:
                docs.append(None)
        names = self._names(docs)
        entries = [self._entries(doc.reponses) if doc is not None else None for doc in docs]
        self._check_dates(docs, entries)
        rows: list[dict[str, Any]] = [{} for _ in docs]
        for n, (eid, kind) in enumerate(zip(self._exercises, self._kinds, strict=True)):
            owners, answers = [], []
            for k, given in enumerate(entries):
                if given is None:
                    continue
                entry = given[n]
                if entry is not self._unset:
                    owners.append(k)
                    answers.append(entry.reponse)
            if not answers:
                continue
            for k, row in zip(owners, self._rows(eid, kind, answers, shared), strict=True):
                if row is None:
                    docs[k] = None
                else:
                    rows[k][eid] = row
        return [
            None if doc is None else (name, doc.modifie, mine)
            for doc, name, mine in zip(docs, names, rows, strict=True)
        ]

    def _names(self, docs: list[Any]) -> list[str]:
        """Each name with its spaces tidied (:func:`~tanmia_course.work.store.check_name`); a
        file with an empty or too long name is left to the general way."""
        names = []
        for k, doc in enumerate(docs):
            name = " ".join(doc.nom.split()) if doc is not None else ""
            if doc is not None and not (name and len(name) <= store.MAX_NAME):
                docs[k] = None
            names.append(name)
        return names

    def _check_dates(self, docs: list[Any], entries: list[Any]) -> None:
        """Leave to the general way every file with a date that is not ISO 8601 (its
        ``entries`` then set to None too)."""
        unset = self._unset
        dates = [
            (doc.cree, doc.modifie, *(e.modifie for e in given if e is not unset))
            if doc is not None
            else ()
            for doc, given in zip(docs, entries, strict=True)
        ]
        wrong = set()
        for date in set(chain.from_iterable(dates)):
            try:
                datetime.fromisoformat(date)
            except ValueError:
                wrong.add(date)
        if wrong:
            for k, mine in enumerate(dates):
                if not wrong.isdisjoint(mine):
                    docs[k] = entries[k] = None

    # ------------------------------------------------------------------------- rows

    def _rows(self, eid: str, kind: str, answers: list[Any], shared: Shared) -> list[Any]:
        if kind == "carte":
            return self._map_rows(answers, shared)
        if kind == "classement":
            return self._ranking_rows(answers)
        if kind == "audit":
            return self._audit_rows(answers, shared)
        return self._quiz_rows(answers, *self._quizzes[eid], shared)

    def _map_rows(self, maps: list[Any], shared: Shared) -> list[Any]:
        """Each map's row (:data:`~.handins.MapRow`), or None."""
        lists = list(map(_ACTORS, maps))
        flat = list(chain.from_iterable(lists))
        owner = _owners(lists)
        keep = shared.values.setdefault
        actor_rows = list(map(_ACTOR_ROW, flat))
        actor_rows = list(map(keep, actor_rows, actor_rows))
        who = list(map(_WHO, flat))  # (id, label, category)
        verdicts = {key: self._added(key, shared) for key in set(who)}
        pairs = list(map(verdicts.__getitem__, who))  # (name, category) of an added actor
        bad = set(compress(owner, map(is_, pairs, repeat(False))))
        ids = list(map(_FIRST, who))
        placed = set(zip(owner, ids, strict=True))
        if len(placed) != len(flat):  # an actor twice on one map
            bad.update(map(owner.__getitem__, repeated(zip(owner, ids, strict=True))))
        bad |= _bad_links(maps, placed)
        rows: list[Any] = [None] * len(maps)
        end = 0
        for k, size in enumerate(map(len, lists)):
            start, end = end, end + size
            if k not in bad:
                mine = pairs[start:end]
                rows[k] = (
                    tuple(actor_rows[start:end]),
                    dict(compress(zip(ids[start:end], mine, strict=True), mine)),
                )
        return rows

    def _added(self, key: tuple[str, Any, Any], shared: Shared) -> Any:
        """None for one of the course's actors; (name, category) for an actor the learner
        added (a name, a guide category, an id); False when neither is certain."""
        actor_id, label, category = key
        if label is self._unset and category is self._unset:
            return None if actor_id in self._actors else False
        if label is self._unset or category is self._unset:
            return False
        if not label.strip():
            return False
        return shared.share((label.strip(), category)) if ID.match(actor_id) else False

    def _ranking_rows(self, rankings: list[Any]) -> list[Any]:
        rows: list[Any] = []
        room = self._room
        for answer in rankings:
            order = answer.ordre
            given = answer.justifications or {}
            placed = set(order)
            if (
                len(order) <= room[answer.mode]
                and len(placed) == len(order)
                and given.keys() <= placed
                and placed.isdisjoint(answer.justifications_hors_classement or ())
            ):
                rows.append({"mode": answer.mode, "ordre": order, "justifications": given})
            else:
                rows.append(None)
        return rows

    def _audit_rows(self, audits: list[Any], shared: Shared) -> list[AuditRow | None]:
        """Each audit's row, or None when a warning sign is both ticked and kept as
        unticked evidence."""
        ratings = [a.criteres or {} for a in audits]
        levels = list(map(_LEVEL, chain.from_iterable(map(dict.values, ratings))))
        ticked = [a.signes_alerte or {} for a in audits]
        return audit_rows(
            ratings,
            levels,
            [a.bonnes_pratiques or () for a in audits],
            ticked,
            [a.recommandations or "" for a in audits],
            self._criteria,
            self._practices,
            self._signs,
            shared,
            skip={
                n
                for n, (a, signed) in enumerate(zip(audits, ticked, strict=True))
                if a.preuves_signes_non_retenus
                and not signed.keys().isdisjoint(a.preuves_signes_non_retenus)
            },
        )

    def _quiz_rows(
        self, answers: list[Any], questions: tuple[str, ...], single: frozenset[str], shared: Shared
    ) -> list[Any]:
        known = shared.verdicts("typed quiz", questions)
        for answer in set(answers).difference(known):
            known[answer] = self._quiz_row(answer, questions, single, shared)
        return [None if row is None else dict(row) for row in map(known.__getitem__, answers)]

    def _quiz_row(
        self, answer: Any, questions: tuple[str, ...], single: frozenset[str], shared: Shared
    ) -> dict[str, tuple[str, ...]] | None:
        row = {}
        for qid, selection in zip(questions, self._fields(answer), strict=True):
            if selection is self._unset:
                continue
            if selection is None:
                chosen: tuple[str, ...] = ()
            elif type(selection) is str:
                chosen = (selection,)
            elif qid in single and len(set(selection)) > 1:
                return None
            else:
                chosen = tuple(dict.fromkeys(selection))
            row[qid] = shared.share(chosen)
        return row


_ACTORS = attrgetter("actors")
_ACTOR_ROW = attrgetter("id", "influence", "interest", "stance")
_WHO = attrgetter("id", "label", "category")
_LINK = attrgetter("source", "target", "type")
_LEVEL = attrgetter("niveau")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _owners(groups: list[Any]) -> list[int]:
    """The group each item of the flattened ``groups`` comes from."""
    return owners(range(len(groups)), groups)


def _bad_links(maps: list[Any], placed: set[tuple[int, str]]) -> set[int]:
    """The maps with a link that is a loop, or that ends off its map, or that is there
    twice (the link types are known: the types say so)."""
    lists = [m.links or () for m in maps]
    triples = list(map(_LINK, chain.from_iterable(lists)))
    if not triples:
        return set()
    owner = _owners(lists)
    loops = set(compress(owner, map(eq, map(_FIRST, triples), map(_SECOND, triples))))
    return loops | misplaced_links(owner, triples, placed)
