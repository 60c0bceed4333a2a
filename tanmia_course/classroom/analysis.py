"""The class view's computations: the hand-ins' normalised answers → the class tables
(median and spread of each actor, audits against the reference, quiz scores).

The class object a notebook gets (:class:`~tanmia_course.classroom.result.Classe`), the
reading of a folder and the report are built on these; nothing here draws or shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..content.model import Content
from ..display.text import fr_percent, plural

# The files not accepted whole, by status, under these headings (refused first).
PROBLEM_HEADINGS = {"refuse": "Fichiers refusés", "partiel": "Fichiers acceptés en partie"}

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
        return float(self.participants["accord_exact"].mean())  # NaN: none to compare

    def __repr__(self) -> str:
        return (
            f"Audits de la classe — {self.titre} : "
            f"{plural(len(self.niveaux), 'audit', 'audits')} ; accord "
            f"exact moyen avec la référence : {fr_percent(self.accord_moyen())} ; verdict de "
            f"la référence : {self.verdict_reference}"
        )


def _positions(rows: dict[int, dict[str, Any]]) -> pd.DataFrame:
    """Every placed actor of the normalised maps ``rows`` (by participant index), one row
    each: the map's owner, the actor, influence, interest, stance. An actor left at 0 / 0 is
    not placed."""
    frame = pd.DataFrame(
        [
            (who, a["id"], a["influence"], a["interest"], a["stance"])
            for who, answer in rows.items()
            for a in answer["actors"]
        ],
        columns=["owner", "id", "influence", "interet", "position"],
    ).astype({"owner": "int64", "influence": "int64", "interet": "int64"})
    return frame[(frame["influence"] > 0) | (frame["interet"] > 0)].reset_index(drop=True)


def _actor_table(
    placed: pd.DataFrame, rows: dict[int, dict[str, Any]], content: Content
) -> pd.DataFrame:
    """One row per actor of the class (see :meth:`Classe.carte_acteurs`)."""
    from ..exercises.actor_map.answer import HIGH_FROM, vocabulary

    vocab = vocabulary(content)
    if placed.empty:
        return pd.DataFrame()
    support = {s.id: s.value for s in vocab.stances.values()}
    by_actor = placed.assign(soutien=placed["position"].map(support)).groupby("id", sort=False)
    q = by_actor[["influence", "interet"]].quantile([0.25, 0.5, 0.75]).unstack()
    table = pd.DataFrame(
        {
            "nb_cartes": by_actor.size(),  # an actor is on a map at most once
            "influence": q["influence", 0.5],
            "interet": q["interet", 0.5],
            "ecart_influence": q["influence", 0.75] - q["influence", 0.25],
            "ecart_interet": q["interet", 0.75] - q["interet", 0.25],
            "soutien": by_actor["soutien"].median(),
        }
    )
    # Names and categories: the course's, or the most common among learners who added it.
    course_names = {a.id: str(a.label) for a in vocab.actors.values()}
    own_category = {a.id: a.category for a in vocab.actors.values()}
    given = Counter(
        (a["id"], a["label"], a["category"])
        for answer in rows.values()
        for a in answer["actors"]
        if "label" in a
    )
    # (the least common first, so that the most common of each actor is written last)
    common = {i: (label, category) for (i, label, category), _ in reversed(given.most_common())}
    names, categories = [], []
    for actor_id in table.index:
        label, category = common.get(actor_id, (actor_id, own_category.get(actor_id, actor_id)))
        names.append(course_names.get(actor_id) or label)
        categories.append(course_names.get(category, category))
    table.insert(0, "nom", names)
    table.insert(1, "categorie", categories)
    # The strategy of the median point (a median on the dividing line, 2.5, counts as high,
    # like a value on the threshold), and the share of maps in that same quadrant.
    median_high = np.floor(table[["influence", "interet"]] + 0.5) >= HIGH_FROM
    own_high = placed[["influence", "interet"]] >= HIGH_FROM
    same = (own_high == median_high.loc[placed["id"]].to_numpy()).all(axis=1)
    table["accord_strategie"] = same.groupby(placed["id"], sort=False).mean()
    table["strategie"] = [
        str(vocab.strategies[vocab.strategy_for(HIGH_FROM * high, HIGH_FROM * keen)].label)
        for high, keen in zip(median_high["influence"], median_high["interet"], strict=True)
    ]
    for column in ("influence", "interet"):
        table[f"{column}_q1"] = q[column, 0.25]
        table[f"{column}_q3"] = q[column, 0.75]
    return table.rename_axis("id").sort_values(
        ["nb_cartes", "influence", "interet", "nom"], ascending=[False, False, False, True]
    )


def _audit_class(
    case: Any, names: Sequence[str], rows: dict[int, dict[str, Any]], content: Content
) -> AuditClasse:
    from ..exercises.audit.analysis import VERDICTS, decide, levels_of, reference_verdict

    criteria = [c.id for c in content.criteria]
    audits = list(rows.values())
    people = pd.Index([names[i] for i in rows], name="participant")
    # Levels as floats (not rated: NaN), learners × criteria.
    mine = pd.DataFrame(
        [[a["criteres"][c]["niveau"] for c in criteria] for a in audits],
        index=people,
        columns=criteria,
        dtype=float,
    )
    reference = pd.Series(
        {c: (r.level if (r := case.reference.rating(c)) else pd.NA) for c in criteria},
        dtype="Int64",
        name="reference",
    )
    gaps = mine - reference.astype(float)
    compared, exact = gaps.notna(), gaps == 0
    verdicts = [VERDICTS[decide(levels_of(a), a["signes_alerte"]).id] for a in audits]
    participants = pd.DataFrame(
        {
            "criteres_notes": mine.notna().sum(axis=1),
            "accord_exact": (exact.sum(axis=1) / compared.sum(axis=1)).round(3),
            "accord_adjacent": ((gaps.abs() <= 1).sum(axis=1) / compared.sum(axis=1)).round(3),
            "verdict": verdicts,
        },
        index=people,
    )
    per_criterion = pd.DataFrame(
        {
            "critere": [str(c.short) for c in content.criteria],
            "niveau_moyen": mine.mean().round(2).to_numpy(),
            "reference": reference.to_numpy(),
            "accord_exact": (exact.sum() / compared.sum()).to_numpy(),
            "nb_notes": mine.notna().sum().to_numpy(),
        },
        index=pd.Index(criteria, name="id"),
    )
    # The warning signs each learner confirmed: ticked, with evidence.
    confirmed = Counter(
        s for a in audits for s, evidence in a["signes_alerte"].items() if evidence.strip()
    )
    ref_signs = {s.id for s in case.reference.warning_signs}
    signs = pd.DataFrame(
        [(s.id, str(s.label), confirmed[s.id], s.id in ref_signs) for s in content.warning_signs],
        columns=["id", "signe", "confirme_par", "retenu_par_la_reference"],
    ).set_index("id")
    counts = pd.Series(Counter(verdicts), name="nb", dtype="int64")
    return AuditClasse(
        cas=case.id,
        titre=str(case.title),
        niveaux=mine.astype("Int64"),
        reference=reference,
        participants=participants,
        criteres=per_criterion,
        signes=signs,
        verdicts=counts.reindex([v for v in VERDICTS.values() if v in counts.index]),
        verdict_reference=reference_verdict(case, content).libelle,
        recommandations=pd.Series(
            [a["recommandations"] for a in audits], index=people, name="recommandations"
        ),
    )
