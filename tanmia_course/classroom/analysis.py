"""The trainer's class view: a folder of hand-in files → class tables, figures, HTML report.

::

    classe = tc.classe("rendus_atelier")   # every file read, accepted or refused with why
    classe.participation()                 # who handed in what
    classe.resume()                        # one line per exercise
    classe.carte_acteurs()                 # median position and spread of each actor
    classe.classement()                    # the benefits' consensus (Kendall's W…)
    classe.audit("minibus_des_collegiennes")   # learners × criteria against the reference
    classe.enregistrer_rapport("rapport.html") # one standalone HTML file, figures inside

Every file of the folder is accounted for: accepted, accepted in part (some exercise's
answer refused, with why), or refused with its reason in French (not JSON, another schema,
unknown format version, duplicate participant, over the size limit, unknown exercise,
actor, benefit or criterion…); the class view renders whatever is accepted. Nothing in a
file is ever executed (a JSON parser only), and every learner text is escaped before it
reaches HTML.

Each file goes through the one reader of hand-ins (:func:`~tanmia_course.work.handins.read_handin`:
JSON, envelope, then each exercise's answer type), and the class tables are built from the
normalised answers.
"""

from __future__ import annotations

import gc
import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ..content.model import Content
from ..work import handins, store
from ..work.registry import (
    ACTOR_MAP,
    AUDIT_PREFIX,
    KIND_ORDER,
    QUIZ_PREFIX,
    RANKING,
    known_exercises,
)

DEMO_FOLDER = Path(__file__).parents[1] / "content" / "demo" / "classe"
CHECK = "✓"
REFUSED = "✗"
ABSENT = "—"
STATUS = {"accepte": "accepté", "partiel": "accepté en partie", "refuse": "refusé"}
MAX_SHOWN = 60  # learners shown by name in a figure; the tables keep everyone


def _fr(x: float, digits: int = 1) -> str:
    """A number the French way (decimal comma).

    >>> _fr(2.25, 2), _fr(3.0, 1), _fr(float("nan"))
    ('2,25', '3,0', '—')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ABSENT
    return f"{x:.{digits}f}".replace(".", ",").replace("-", "−")


def _percent(x: float) -> str:
    return ABSENT if x is None or math.isnan(x) else f"{round(100 * x)} %"


def _moment(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.astimezone()


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


# ------------------------------------------------------------------------------ files


class Fichier(NamedTuple):
    """What became of one file: accepted, accepted in part, or refused — and why."""

    fichier: str
    participant: str | None
    statut: str  # "accepte", "partiel" or "refuse"
    raison: str = ""


Source = str | os.PathLike[str] | tuple[str, bytes]


def _sources(source: Source | Iterable[Source]) -> list[tuple[str, str | bytes]]:
    """(label, path or content) of every file: a folder's files, paths, or uploads."""
    if isinstance(source, str | os.PathLike):
        folder = Path(source).expanduser()
        if folder.is_dir():
            return list(store.handin_files(folder))
        if folder.is_file():
            return [(folder.name, str(folder))]
        raise FileNotFoundError(
            f"Dossier introuvable : « {folder} ». Indiquez le dossier où vous avez rangé les "
            "fichiers de travaux des participants."
        )
    if isinstance(source, tuple) and len(source) == 2 and isinstance(source[1], bytes):
        return [(str(source[0]), source[1])]
    out: list[tuple[str, str | bytes]] = []
    for item in source:
        out += _sources(item)
    return out


# ------------------------------------------------------------------------ class parts


@dataclass(frozen=True, eq=False)
class AuditClasse:
    """The class's audits of one case against its reference audit.

    ``niveaux``: learners × criteria (levels, <NA> when not rated); ``reference``: the
    reference level of each criterion; ``participants``: per learner, criteria rated, exact
    and adjacent agreement with the reference, verdict; ``criteres``: per criterion, mean
    level, reference, share of exact agreement; ``signes``: per warning sign, how many
    confirmed it (with evidence) and whether the reference does.
    """

    cas: str
    titre: str
    niveaux: pd.DataFrame
    reference: pd.Series
    participants: pd.DataFrame
    criteres: pd.DataFrame
    signes: pd.DataFrame
    verdicts: pd.Series
    verdict_reference: str
    recommandations: pd.Series = field(repr=False)

    @property
    def ecarts(self) -> pd.DataFrame:
        """Learner level − reference level, per learner and criterion."""
        return self.niveaux - self.reference

    def accord_moyen(self) -> float:
        values = self.participants["accord_exact"].dropna()
        return float(values.mean()) if len(values) else math.nan

    def __repr__(self) -> str:
        return (
            f"Audits de la classe — {self.titre} : {len(self.niveaux)} audit(s) ; accord "
            f"exact moyen avec la référence : {_percent(self.accord_moyen())} ; verdict de "
            f"la référence : {self.verdict_reference}"
        )


@dataclass(frozen=True, eq=False)
class _Placed:
    """Every placed actor of every map, as numbers: map owner, actor code, influence,
    interest, stance value (codes index ``ids``)."""

    owner: np.ndarray
    code: np.ndarray
    influence: np.ndarray
    interest: np.ndarray
    stance: np.ndarray
    ids: list[str]
    stances: list[str]


def _placed(rows: dict[int, dict[str, Any]], content: Content) -> _Placed:
    """The placed actors of the normalised maps ``rows`` (by participant)."""
    from ..exercises.actor_map.answer import vocabulary

    stances = list(vocabulary(content).stances)
    fields = itemgetter("id", "influence", "interest", "stance")
    maps = [list(map(fields, answer["actors"])) for answer in rows.values()]
    sizes = np.fromiter(map(len, maps), np.int64, len(maps))
    owner = np.repeat(np.fromiter(rows, np.int64, len(rows)), sizes)
    flat = list(chain.from_iterable(maps))  # (id, influence, interest, stance) tuples
    # A class repeats the same actors: each distinct one is looked at once.
    index = {actor: n for n, actor in enumerate(dict.fromkeys(flat))}
    which = np.fromiter(map(index.__getitem__, flat), np.int64, len(flat))
    ids, infl, inter, stance = zip(*index, strict=True) if index else ((), (), (), ())
    codes, uniques = pd.factorize(np.array(ids, dtype=object))
    stance_code = {s: n for n, s in enumerate(stances)}
    code = codes.astype(np.int64)[which]
    infl = np.array(infl, dtype=np.int64)[which]
    inter = np.array(inter, dtype=np.int64)[which]
    stance = np.array([stance_code[s] for s in stance], dtype=np.int64)[which]
    keep = (infl > 0) | (inter > 0)  # an actor left at 0 / 0 is not placed
    return _Placed(
        owner=owner[keep],
        code=code[keep],
        influence=infl[keep],
        interest=inter[keep],
        stance=stance[keep],
        ids=[str(i) for i in uniques],
        stances=stances,
    )


def _group_quartiles(code: np.ndarray, values: np.ndarray, n: int) -> list[np.ndarray]:
    """First quartile, median and third quartile of the small integers ``values`` in each
    group ``0 … n−1`` given by ``code``, interpolated as pandas' ``quantile`` does (NaN for
    an empty group): counted per group and value, then read off the cumulative counts.

    >>> [q.tolist() for q in _group_quartiles(np.array([0, 0, 0, 1]), np.array([1, 4, 2, 3]), 2)]
    [[1.5, 3.0], [2.0, 3.0], [3.0, 3.0]]
    """
    low = int(values.min(initial=0))
    width = int(values.max(initial=0)) - low + 1
    counts = np.bincount(code * width + (values - low), minlength=n * width)
    below = counts.reshape(n, width).cumsum(axis=1)  # values ≤ low + j, per group
    size = below[:, -1]
    out = []
    for q in (0.25, 0.5, 0.75):
        at = q * (size - 1)  # the rank to read, between two values when not whole
        lo, hi = np.floor(at), np.ceil(at)
        value_lo = (below <= lo[:, None]).sum(axis=1) + low
        value_hi = (below <= hi[:, None]).sum(axis=1) + low
        with np.errstate(invalid="ignore"):
            out.append(np.where(size > 0, value_lo + (value_hi - value_lo) * (at - lo), np.nan))
    return out


def _actor_table(
    placed: _Placed, rows: dict[int, dict[str, Any]], content: Content
) -> pd.DataFrame:
    """One row per actor of the class (see :meth:`Classe.carte_acteurs`)."""
    from ..exercises.actor_map.answer import HIGH_FROM, vocabulary

    vocab = vocabulary(content)
    if not len(placed.code):
        return pd.DataFrame()
    support = np.array([vocab.stances[s].value for s in placed.stances], dtype=np.int64)
    n = len(placed.ids)
    count = np.bincount(placed.code, minlength=n)  # an actor is on a map at most once
    codes = np.flatnonzero(count)
    ids = [placed.ids[c] for c in codes]
    infl = [q[codes] for q in _group_quartiles(placed.code, placed.influence, n)]
    inter = [q[codes] for q in _group_quartiles(placed.code, placed.interest, n)]
    stance = _group_quartiles(placed.code, support[placed.stance], n)[1][codes]
    table = pd.DataFrame(
        {
            "nb_cartes": count[codes],
            "influence": infl[1],
            "interet": inter[1],
            "ecart_influence": infl[2] - infl[0],
            "ecart_interet": inter[2] - inter[0],
            "soutien": stance,
        },
        index=pd.Index(ids, name="id"),
    )
    # Names and categories: the course's, or the most common among learners who added it.
    course_names = {a.id: str(a.label) for a in vocab.actors.values()}
    own_category = {a.id: a.category for a in vocab.actors.values()}
    given: dict[str, Counter[tuple[str, str]]] = {}
    pairs = Counter(
        (a["id"], (a["label"], a["category"]))
        for answer in rows.values()
        for a in answer["actors"]
        if "label" in a
    )
    for (actor_id, pair), n in pairs.items():
        given.setdefault(actor_id, Counter())[pair] = n
    names, categories = [], []
    for actor_id in ids:
        common = given[actor_id].most_common(1)[0][0] if actor_id in given else None
        names.append(course_names.get(actor_id) or (common[0] if common else actor_id))
        category = common[1] if common else own_category.get(actor_id, actor_id)
        categories.append(course_names.get(category, category))
    table.insert(0, "nom", names)
    table.insert(1, "categorie", categories)
    # The strategy of the median point (a median on the dividing line, 2.5, counts as high,
    # like a value on the threshold), and the share of maps in that same quadrant.
    median_high = np.floor(table[["influence", "interet"]].to_numpy() + 0.5) >= HIGH_FROM
    quadrant_of_code = np.zeros(len(placed.ids), dtype=np.int64)
    quadrant_of_code[codes] = median_high[:, 0] * 2 + median_high[:, 1]
    quadrant = (placed.influence >= HIGH_FROM) * 2 + (placed.interest >= HIGH_FROM)
    same = quadrant == quadrant_of_code[placed.code]
    agree = np.bincount(placed.code, weights=same, minlength=len(placed.ids))
    count = np.bincount(placed.code, minlength=len(placed.ids))
    table["accord_strategie"] = agree[codes] / count[codes]
    strategy_label = {
        q: str(
            vocab.strategies[vocab.strategy_for(HIGH_FROM * (q // 2), HIGH_FROM * (q % 2))].label
        )
        for q in range(4)
    }
    table["strategie"] = [strategy_label[q] for q in quadrant_of_code[codes]]
    table["influence_q1"] = infl[0]
    table["influence_q3"] = infl[2]
    table["interet_q1"] = inter[0]
    table["interet_q3"] = inter[2]
    return table.sort_values(
        ["nb_cartes", "influence", "interet", "nom"], ascending=[False, False, False, True]
    )


def _audit_class(
    case: Any, names: Sequence[str], rows: dict[int, dict[str, Any]], content: Content
) -> AuditClasse:
    from ..exercises.audit.analysis import VERDICTS, decide, levels_of, reference_verdict

    criteria = [c.id for c in content.criteria]
    people = [names[i] for i in rows]
    audits = list(rows.values())
    given = [tuple(a["criteres"][c]["niveau"] for c in criteria) for a in audits]
    # The warning signs each learner confirmed (ticked, with evidence), in the content's order.
    confirmed_by = [
        tuple(s.id for s in content.warning_signs if a["signes_alerte"].get(s.id, "").strip())
        for a in audits
    ]
    # Levels as floats (None: not rated, NaN), and as integers (not rated: −1).
    mine = np.array(given, dtype=float).reshape(len(audits), len(criteria))
    matrix = np.where(np.isnan(mine), -1, mine).astype(np.int64)
    levels = pd.DataFrame(matrix, index=pd.Index(people, name="participant"), columns=criteria)
    levels = levels.where(levels >= 0).astype("Int64")
    reference = pd.Series(
        {c: (r.level if (r := case.reference.rating(c)) else pd.NA) for c in criteria},
        dtype="Int64",
        name="reference",
    )
    ref = reference.to_numpy(dtype=float, na_value=np.nan)
    gaps = mine - ref
    compared = ~np.isnan(gaps)
    n_compared = compared.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        exact = np.where(n_compared > 0, (gaps == 0).sum(axis=1) / n_compared, np.nan)
        adjacent = np.where(n_compared > 0, (np.abs(gaps) <= 1).sum(axis=1) / n_compared, np.nan)
    # The audit rules (decide), once per distinct pair of levels and confirmed signs.
    keys = list(zip(given, confirmed_by, strict=True))
    verdict_of: dict[tuple[Any, ...], str] = {}
    for answer, key in zip(audits, keys, strict=True):
        if key not in verdict_of:
            verdict_of[key] = decide(levels_of(answer), answer["signes_alerte"]).id
    verdict_ids = [verdict_of[key] for key in keys]
    participants = pd.DataFrame(
        {
            "criteres_notes": (matrix >= 0).sum(axis=1),
            "accord_exact": exact.round(3),
            "accord_adjacent": adjacent.round(3),
            "verdict": [VERDICTS[v] for v in verdict_ids],
        },
        index=levels.index,
    )
    short = {c.id: str(c.short) for c in content.criteria}
    with np.errstate(invalid="ignore"):
        per_criterion = pd.DataFrame(
            {
                "critere": [short[c] for c in criteria],
                "niveau_moyen": np.nanmean(mine, axis=0).round(2)
                if len(audits)
                else np.full(len(criteria), np.nan),
                "reference": reference.to_numpy(),
                "accord_exact": [
                    float((gaps[compared[:, j], j] == 0).mean()) if compared[:, j].any() else np.nan
                    for j in range(len(criteria))
                ],
                "nb_notes": (matrix >= 0).sum(axis=0),
            },
            index=pd.Index(criteria, name="id"),
        )
    ref_signs = {s.id for s in case.reference.warning_signs}
    counts = Counter(chain.from_iterable(confirmed_by))
    sign_names = {s.id: str(s.label) for s in content.warning_signs}
    signs = pd.DataFrame(
        {
            "signe": [sign_names[s] for s in sign_names],
            "confirme_par": [counts.get(s, 0) for s in sign_names],
            "retenu_par_la_reference": [s in ref_signs for s in sign_names],
        },
        index=pd.Index(list(sign_names), name="id"),
    )
    verdicts = pd.Series(Counter(participants["verdict"]), name="nb", dtype="int64")
    verdicts = verdicts.reindex([v for v in VERDICTS.values() if v in verdicts.index])
    return AuditClasse(
        cas=case.id,
        titre=str(case.title),
        niveaux=levels,
        reference=reference,
        participants=participants,
        criteres=per_criterion,
        signes=signs,
        verdicts=verdicts,
        verdict_reference=reference_verdict(case, content).libelle,
        recommandations=pd.Series(
            [a["recommandations"] for a in audits], index=levels.index, name="recommandations"
        ),
    )


def _quiz_scores(answers: Sequence[dict[str, tuple[str, ...]]], quiz: Any) -> list[int]:
    """How many questions each learner got right (:func:`~.quiz.analysis.score`), each
    distinct answer scored once."""
    from ..exercises.quiz.analysis import score

    scored: dict[tuple[Any, ...], int] = {}
    out = []
    for answer in answers:
        key = tuple(answer.items())
        if key not in scored:
            scored[key] = score(quiz, answer)[0]
        out.append(scored[key])
    return out


# ------------------------------------------------------------------------------ class


@dataclass(frozen=True, eq=False)
class Classe:
    """A class's hand-ins, read and checked: who handed in what, and each exercise's rows.

    Build it with :func:`classe`. ``reponses[exercise id][participant index]`` is the
    answer, normalised by its exercise's answer type; ``refus`` the same for answers that
    were refused, with why.
    """

    titre: str
    participants: tuple[str, ...]
    fichiers_lus: tuple[Fichier, ...]
    reponses: dict[str, dict[int, Any]]
    refus: dict[str, dict[int, str]]
    content: Content = field(repr=False)

    # -- files and participation

    def fichiers(self) -> pd.DataFrame:
        """Every file read, and what became of it (statut, raison)."""
        frame = pd.DataFrame(
            [
                {
                    "fichier": f.fichier,
                    "participant": f.participant or ABSENT,
                    "statut": STATUS[f.statut],
                    "raison": f.raison,
                }
                for f in self.fichiers_lus
            ],
            columns=["fichier", "participant", "statut", "raison"],
        )
        return frame.set_index("fichier")

    def exercices(self) -> list[str]:
        """The exercises someone answered (or tried to), in the course's order."""
        known = known_exercises(self.content)
        ids = set(self.reponses) | set(self.refus)
        return sorted(
            ids,
            key=lambda e: (KIND_ORDER[known[e].kind] if e in known else 9, e),
        )

    def participation(self) -> pd.DataFrame:
        """Who handed in what: ✓ answer accepted, ✗ answer refused, — nothing handed in."""
        columns = {}
        for eid in self.exercices():
            done = self.reponses.get(eid, {})
            refused = self.refus.get(eid, {})
            columns[eid] = [
                CHECK if i in done else REFUSED if i in refused else ABSENT
                for i in range(len(self.participants))
            ]
        frame = pd.DataFrame(columns, index=pd.Index(self.participants, name="participant"))
        frame["nb_exercices"] = (frame == CHECK).sum(axis=1).astype("int64")
        return frame

    # -- exercises

    def carte_acteurs(self) -> pd.DataFrame:
        """Each actor of the class's maps: name, category, how many maps place it, median
        influence and interest (0–5), their spread (interquartile range: the middle half
        of the class), median stance (−2 opposed … +2 driving force), the share of maps
        that put it in the quadrant of its median point, and that quadrant's strategy.

        Actors left at influence 0 and interest 0 count as not placed.
        """
        cache = self.__dict__.setdefault("_cache", {})
        if "actor_table" not in cache:
            cache["actor_table"] = _actor_table(
                self._placed(), self.reponses.get(ACTOR_MAP, {}), self.content
            )
        return cache["actor_table"]

    def positions_acteurs(self) -> pd.DataFrame:
        """Every placed actor of every map, one row each (participant, actor, influence,
        interest, stance)."""
        placed = self._placed()
        return pd.DataFrame(
            {
                "participant": [self.participants[i] for i in placed.owner],
                "id": [placed.ids[c] for c in placed.code],
                "influence": placed.influence,
                "interet": placed.interest,
                "position": [placed.stances[s] for s in placed.stance],
            }
        )

    def _placed(self) -> _Placed:
        cache = self.__dict__.setdefault("_cache", {})
        if "placed" not in cache:
            cache["placed"] = _placed(self.reponses.get(ACTOR_MAP, {}), self.content)
        return cache["placed"]

    def classement(self) -> Any:
        """The benefits' ranking of the class (a :class:`~.logic.ranking.GroupResult`:
        consensus, Kendall's W, who agrees); None with fewer than two non-empty rankings."""
        cache = self.__dict__.setdefault("_cache", {})
        if "ranking" not in cache:
            cache["ranking"] = self._ranking()
        return cache["ranking"]

    def _ranking(self) -> Any:
        from ..exercises.ranking.analysis import aggregate

        rows = {i: r for i, r in self.reponses.get(RANKING, {}).items() if r["ordre"]}
        if len(rows) < 2:
            return None
        theme_names = {t.id: str(t.label) for t in self.content.themes}
        table = pd.DataFrame(
            {
                "nom": [str(b.label) for b in self.content.benefits],
                "theme_nom": [theme_names.get(b.theme, b.theme) for b in self.content.benefits],
            },
            index=pd.Index([b.id for b in self.content.benefits], name="id"),
        )
        return aggregate(
            [r["ordre"] for r in rows.values()],
            [r["mode"] for r in rows.values()],
            table,
            participants=[f"r{i:05d}" for i in rows],
            noms=[self.participants[i] for i in rows],
            niveaux=self.content.agreement_levels,
            titre=f"Classement de la classe — {self.titre}",
        )

    def justifications(self, nombre: int = 3) -> pd.DataFrame:
        """What learners wrote about the class's first ``nombre`` benefits."""
        result = self.classement()
        rows = []
        if result is not None:
            top = list(result.consensus.index[:nombre])
            for i, answer in self.reponses.get(RANKING, {}).items():
                for benefit in top:
                    text = answer["justifications"].get(benefit, "").strip()
                    if text:
                        rows.append(
                            {
                                "avantage": result.consensus.at[benefit, "nom"],
                                "participant": self.participants[i],
                                "justification": text,
                            }
                        )
        return pd.DataFrame(rows, columns=["avantage", "participant", "justification"])

    def audit(self, cas: str) -> AuditClasse:
        """The class's audits of the case ``cas`` against its reference audit."""
        cache = self.__dict__.setdefault("_cache", {})
        key = f"audit_{cas}"
        if key not in cache:
            case = next((c for c in self.content.case_studies if c.id == cas), None)
            if case is None:
                from ..errors import IdentifiantInconnu

                raise IdentifiantInconnu(
                    "Étude de cas", cas, [c.id for c in self.content.case_studies], feminin=True
                )
            cache[key] = _audit_class(
                case, self.participants, self.reponses.get(f"{AUDIT_PREFIX}{cas}", {}), self.content
            )
        return cache[key]

    def audits(self) -> dict[str, AuditClasse]:
        """The class's audits, for every case someone audited."""
        return {
            eid[len(AUDIT_PREFIX) :]: self.audit(eid[len(AUDIT_PREFIX) :])
            for eid in self.exercices()
            if eid.startswith(AUDIT_PREFIX) and self.reponses.get(eid)
        }

    def quiz(self, identifiant: str) -> pd.Series:
        """Each learner's score (questions right) on a lesson's quiz."""
        cache = self.__dict__.setdefault("_cache", {})
        key = f"quiz_{identifiant}"
        if key not in cache:
            quiz = next(q for q in self.content.quizzes if q.id == identifiant)
            rows = self.reponses.get(f"{QUIZ_PREFIX}{identifiant}", {})
            cache[key] = pd.Series(
                _quiz_scores(list(rows.values()), quiz),
                index=pd.Index(list(map(self.participants.__getitem__, rows)), name="participant"),
                name=f"score sur {len(quiz.questions)}",
                dtype="int64",
            )
        return cache[key]

    # -- summary

    def resume(self) -> pd.DataFrame:
        """One line per exercise: answers accepted and refused, and the figure to discuss."""
        known = known_exercises(self.content)
        rows = []
        for eid in self.exercices():
            n = len(self.reponses.get(eid, {}))
            indicator, value = "", ABSENT
            if eid == ACTOR_MAP and n:
                placed = self._placed()
                per_map = np.bincount(placed.owner, minlength=len(self.participants))
                per_map = per_map[list(self.reponses[ACTOR_MAP])]
                indicator = "acteurs placés par carte (médiane)"
                value = _fr(float(np.median(per_map)), 0)
            elif eid == RANKING:
                indicator = "accord de la classe (W de Kendall)"
                result = self.classement()
                value = _fr(result.w, 2) if result is not None else ABSENT
            elif eid.startswith(AUDIT_PREFIX) and n:
                indicator = "accord exact avec la référence (moyenne)"
                value = _percent(self.audit(eid[len(AUDIT_PREFIX) :]).accord_moyen())
            elif eid.startswith(QUIZ_PREFIX) and eid in known and n:
                scores = self.quiz(eid[len(QUIZ_PREFIX) :])
                total = scores.name.rsplit(" ", 1)[-1]
                indicator = "score moyen"
                value = f"{_fr(float(scores.mean()), 1)} / {total}"
            rows.append(
                {
                    "exercice": eid,
                    "titre": known[eid].titre if eid in known else eid,
                    "rendus": n,
                    "refuses": len(self.refus.get(eid, {})),
                    "indicateur": indicator,
                    "valeur": value,
                }
            )
        return pd.DataFrame(
            rows, columns=["exercice", "titre", "rendus", "refuses", "indicateur", "valeur"]
        ).set_index("exercice")

    def bilan(self) -> str:
        """One French sentence: files read, accepted, refused; participants."""
        counts = Counter(f.statut for f in self.fichiers_lus)
        return (
            f"{len(self.fichiers_lus)} fichier(s) lu(s) : {counts['accepte']} accepté(s), "
            f"{counts['partiel']} accepté(s) en partie, {counts['refuse']} refusé(s) ; "
            f"{len(self.participants)} participant(s) ou groupe(s)."
        )

    # -- display

    def rapport_html(self, figures: bool = True) -> str:
        """The whole class view as one standalone HTML page (figures embedded as SVG)."""
        from .report import class_report

        return class_report(self, figures=figures)

    def enregistrer_rapport(self, chemin: str | os.PathLike[str]) -> Path:
        """Write the HTML report to ``chemin`` (atomically); returns the path."""
        path = Path(chemin)
        store.atomic_write_bytes(path, self.rapport_html().encode("utf-8", "replace"))
        return path

    def __repr__(self) -> str:
        return f"Classe « {self.titre} » — {self.bilan()}"

    def _repr_html_(self) -> str:
        from .report import class_summary_html

        return class_summary_html(self)


# ----------------------------------------------------------------------------- reading


def read_class(
    sources: Source | Iterable[Source], content: Content | None = None, titre: str | None = None
) -> Classe:
    """Read hand-in files (a folder, paths, or uploaded (name, bytes) pairs) into a class."""
    if content is None:
        from ..content.loader import load_content

        content = load_content()
    if titre is None:
        titre = Path(sources).name if isinstance(sources, str | os.PathLike) else "fichiers chargés"
    # Reading builds many small containers and no reference cycle; Python's cycle collector
    # would walk them all again each time the class grows by a quarter (a third of the time
    # of 10,000 hand-ins), so it waits until the class is read.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read(_sources(sources), content, titre)
    finally:
        if paused:
            gc.enable()


class _Entry(NamedTuple):
    """A readable hand-in: whose, when, where from, its answers and refusals."""

    slot: int
    nom: str
    key: str  # the name as compared between hand-ins (_name_key)
    modifie: str
    fichier: str
    source: str | bytes
    rows: dict[str, Any]
    refused: dict[str, str]


def _read(items: list[tuple[str, str | bytes]], content: Content, titre: str) -> Classe:
    outcomes: list[Fichier | None] = [None] * len(items)
    entries: list[_Entry] = []
    for slot, (label, source) in enumerate(items):
        try:
            rendu = handins.read_handin(_bytes(source, label), label, content)
        except store.TravauxIllisibles as exc:
            outcomes[slot] = Fichier(label, None, "refuse", exc.raison)
            continue
        key = _name_key(rendu.nom)
        entries.append(
            _Entry(slot, rendu.nom, key, rendu.modifie, label, source, rendu.reponses, rendu.refus)
        )
    kept = _most_recent(entries, outcomes)
    answers: dict[str, dict[int, Any]] = {}
    refused: dict[str, dict[int, str]] = {}
    for who, entry in enumerate(kept):
        for eid, row in entry.rows.items():
            answers.setdefault(eid, {})[who] = row
        if not entry.refused:
            outcomes[entry.slot] = Fichier(entry.fichier, entry.nom, "accepte")
            continue
        for eid, why in entry.refused.items():
            refused.setdefault(eid, {})[who] = why
        problems = " ; ".join(f"{eid} : {why}" for eid, why in sorted(entry.refused.items()))
        outcomes[entry.slot] = Fichier(entry.fichier, entry.nom, "partiel", problems)
    return Classe(
        titre=titre,
        participants=tuple(e.nom for e in kept),
        fichiers_lus=tuple(outcomes),  # type: ignore[arg-type]  # every slot is filled
        reponses=answers,
        refus=refused,
        content=content,
    )


def _most_recent(entries: list[_Entry], outcomes: list[Fichier | None]) -> list[_Entry]:
    """One hand-in per participant, the most recent, sorted by name; the others are
    refused in ``outcomes`` with why."""
    best: dict[str, _Entry] = {}
    for entry in entries:
        kept = best.setdefault(entry.key, entry)
        if kept is not entry and _moment(entry.modifie) > _moment(kept.modifie):
            best[entry.key] = entry
    if len(best) < len(entries):
        for entry in entries:
            kept = best[entry.key]
            if kept is not entry:
                outcomes[entry.slot] = Fichier(
                    entry.fichier, entry.nom, "refuse", _why_not(entry, kept)
                )
    return sorted(best.values(), key=attrgetter("key", "nom"))


def _why_not(entry: _Entry, kept: _Entry) -> str:
    """Why a participant's other hand-in does not count."""
    mine = _content(entry.source)
    if mine is not None and mine == _content(kept.source):
        return f"copie identique de « {kept.fichier} »"
    return (
        f"doublon : « {entry.nom} » a aussi rendu « {kept.fichier} », plus récent "
        f"(modifié le {_moment(kept.modifie).strftime('%d/%m/%Y à %H:%M')}) ; "
        "seul le plus récent compte"
    )


def _bytes(source: str | bytes, label: str) -> bytes:
    return source if isinstance(source, bytes) else handins.read_bytes(source, label)


def _content(source: str | bytes) -> bytes | None:
    try:
        return _bytes(source, "")
    except store.TravauxIllisibles:
        return None


def classe(dossier: str | os.PathLike[str] | Iterable[Source] = DEMO_FOLDER) -> Classe:
    """La classe : les fichiers de travaux rendus par les participants, lus et vérifiés.

    ``dossier`` : le dossier où vous avez rangé les fichiers reçus (par messagerie, clé
    USB…), ou une liste de fichiers. Sans argument : la classe de démonstration du cours.
    """
    titre = None
    if isinstance(dossier, str | os.PathLike) and Path(dossier).resolve() == DEMO_FOLDER.resolve():
        titre = "classe de démonstration"
    return read_class(dossier, titre=titre)
