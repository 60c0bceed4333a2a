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
from ..display.html import cell_text, escape, frame_table, heading, paragraph, section
from ..display.text import fr_percent, french_spacing, plural

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


# A draft's counts in ``ConventionsClasse.participants``, by the review's kind of item, and
# the French words of each in a sentence.
AGREEMENT_COUNTS = {
    "criteres": "criterion",
    "pratiques": "practice",
    "signes_evites": "warning_sign",
}
AGREEMENT_COUNT_WORDS = ("critères", "bonnes pratiques", "signes d’alerte évités")


@dataclass(frozen=True, eq=False)
class ConventionsClasse:
    """The class's drafts of one scenario's agreement (exercise 04), each read with the same
    review as the learner's (:func:`~tanmia_course.exercises.agreement.analysis.review`).

    ``participants``: per learner, the parties, the clauses filled, and the criteria,
    practices and warning signs the draft secures (a sign: guards against); ``elements``: per
    item of the guide, how many drafts secure it and the share; ``clauses``: per clause, how
    many drafts fill it and, of those, the share that secure every item whose rules read it;
    ``clauses_elements``: the same, one row per clause and item (« most drafts write the
    finances clause, few make it transparent »); ``protections``: learners × items, secured
    or not; ``refus``: the drafts refused, with why. Items are keyed as in the learner's
    table: a criterion or a sign by its id, a practice by ``pratique_<id>``.
    """

    scenario: str
    titre: str
    participants: pd.DataFrame
    elements: pd.DataFrame
    clauses: pd.DataFrame
    clauses_elements: pd.DataFrame
    protections: pd.DataFrame = field(repr=False)
    refus: pd.Series = field(repr=False)

    def medianes(self) -> dict[str, tuple[float, int]]:
        """Per group (``criteres``, ``pratiques``, ``signes_evites``): the median number of
        items a draft secures, and how many items the rules check."""
        totals = self.elements["type"].value_counts()
        return {
            column: (float(self.participants[column].median()), int(totals.get(kind, 0)))
            for column, kind in AGREEMENT_COUNTS.items()
        }

    def lecture(self) -> str:
        """One French sentence: drafts read, and what the median draft secures."""
        n = len(self.participants)
        if not n:
            return "Aucun projet de convention accepté pour ce scénario."
        said = [
            f"{word} : {cell_text(median)} sur {total}"
            for (median, total), word in zip(
                self.medianes().values(), AGREEMENT_COUNT_WORDS, strict=True
            )
            if total
        ]
        return french_spacing(
            f"{plural(n, 'projet de convention', 'projets de convention')} ; "
            f"un projet médian protège — {' · '.join(said)}."
        )

    def detail_clauses(self) -> pd.DataFrame:
        """The clause-by-clause table as a trainer reads it: each clause, how many drafts
        fill it, and, of those, how many secure each item whose rules read it, in words."""
        n = len(self.participants)
        said: dict[str, list[str]] = {}
        for row in self.clauses_elements.itertuples():
            if row.nb_remplies:
                said.setdefault(row.clause_id, []).append(
                    french_spacing(
                        f"{row.element} : {row.nb_protegent} sur {row.nb_remplies} "
                        f"({fr_percent(row.part)})"
                    )
                )
        return pd.DataFrame(
            {
                "clause": self.clauses["clause"],
                "remplie_par": [f"{k} sur {n}" for k in self.clauses["nb_remplies"]],
                "protegent": [" · ".join(said.get(c, [])) or "—" for c in self.clauses.index],
            }
        )

    def html(self) -> str:
        """The tables of the drafts (the report adds the figure): item by item, clause by
        clause, learner by learner, and the drafts refused with why. Every learner text is
        escaped."""
        if not len(self.participants) and not len(self.refus):
            return section("tanmia-note", escape("Aucun projet de convention pour ce scénario."))
        parts = [section("tanmia-note", escape(self.lecture()))]
        if len(self.participants):
            parts += [
                heading("Élément par élément du guide"),
                frame_table(
                    self.elements, _ELEMENT_COLUMNS, {"part": fr_percent}, left=(0, 1, 2, 3)
                ),
                heading("Clause par clause"),
                section("tanmia-note", escape(CLAUSE_READING)),
                frame_table(self.detail_clauses(), _CLAUSE_COLUMNS, left=(0, 2)),
                heading("Participant par participant"),
                frame_table(self.participants, _DRAFT_COLUMNS, index="Participant"),
            ]
        if len(self.refus):
            parts += [
                heading("Projets refusés"),
                frame_table(self.refus.to_frame(), {"raison": "Raison"}, index="Participant"),
            ]
        parts.append(paragraph(AGREEMENT_CREDIT, italic=True))
        return "".join(parts)

    def _repr_html_(self) -> str:
        return section("tanmia-classe", heading(f"Conventions — {self.titre}", 3), self.html())

    def __repr__(self) -> str:
        return french_spacing(f"Conventions de la classe — {self.titre} : {self.lecture()}")


CLAUSE_READING = (
    "Pour chaque clause : combien de projets l’écrivent, puis, parmi ces projets, combien "
    "protègent chacun des éléments du guide que la clause aide à protéger. Une clause écrite "
    "par presque tous mais qui protège peu est à reprendre avec la classe : la clause est là, "
    "son contenu ne suffit pas (par exemple une clause financière sans rapports ni accès aux "
    "comptes)."
)
AGREEMENT_CREDIT = (
    "Les intitulés du guide sont ceux de « Construction de partenariat » de l’Association "
    "Tanmia.ma ; le lien entre les clauses et le guide est une lecture du cours (les règles "
    "de l’exercice 04)."
)
_ELEMENT_COLUMNS = {
    "groupe": "Groupe",
    "nom": "Élément",
    "intitule_guide": "Dans le guide",
    "clauses": "Clauses lues",
    "nb_protegent": "Projets qui le protègent",
    "part": "Part",
}
_CLAUSE_COLUMNS = {
    "clause": "Clause",
    "remplie_par": "Écrite par",
    "protegent": "Parmi ces projets, protègent…",
}
_DRAFT_COLUMNS = {
    "parties": "Parties",
    "clauses_remplies": "Clauses écrites",
    "criteres": "Critères protégés",
    "pratiques": "Bonnes pratiques",
    "signes_evites": "Signes d’alerte évités",
}


def _agreement_class(
    scenario: Any,
    names: Sequence[str],
    rows: dict[int, dict[str, Any]],
    refused: dict[int, str],
    content: Content,
) -> ConventionsClasse:
    from ..exercises.agreement.analysis import GROUPS, empty_answer, review

    reviews = [review(answer, content) for answer in rows.values()]
    people = pd.Index([names[i] for i in rows], name="participant")
    # The items the rules check, and their labels, whatever the class wrote.
    checks = review(empty_answer(content, scenario.id), content).checks
    keys = [c.key for c in checks]
    secured = pd.DataFrame(
        [[c.secured for c in r.checks] for r in reviews],
        index=people,
        columns=keys,
        dtype=bool,
    )
    clause_ids = [c.id for c in content.clauses]
    filled = pd.DataFrame(
        [[cid in r.filled for cid in clause_ids] for r in reviews],
        index=people,
        columns=clause_ids,
        dtype=bool,
    )
    kinds = pd.Series([c.kind for c in checks], index=keys)
    participants = pd.DataFrame(
        {
            "parties": [len(a["parties"]) for a in rows.values()],
            "clauses_remplies": filled.sum(axis=1).to_numpy(),
            **{
                column: secured.loc[:, kinds == kind].sum(axis=1).to_numpy()
                for column, kind in AGREEMENT_COUNTS.items()
            },
        },
        index=people,
        dtype="int64",
    )
    labels = {c.id: str(c.label) for c in content.clauses}
    n = len(reviews)
    protected = secured.sum()
    elements = pd.DataFrame(
        {
            "type": kinds.to_numpy(),
            "groupe": [GROUPS[c.kind] for c in checks],
            "nom": [c.short for c in checks],
            "intitule_guide": [c.label for c in checks],
            "clauses": [", ".join(labels.get(x, x) for x in c.clauses) for c in checks],
            "nb_protegent": protected.to_numpy(dtype="int64"),
            "part": (protected / n).to_numpy() if n else float("nan"),
        },
        index=pd.Index(keys, name="id"),
    )
    # Clause by clause: the drafts that fill it, and of those, how many secure each item
    # whose rules read it.
    pairs, per_clause = [], []
    for cid in clause_ids:
        fills = filled[cid].to_numpy()
        n_fill = int(fills.sum())
        reading = [k for k, c in zip(keys, checks, strict=True) if cid in c.clauses]
        for key in reading:
            n_safe = int(secured[key].to_numpy()[fills].sum())
            pairs.append(
                (
                    cid,
                    key,
                    labels[cid],
                    elements.at[key, "nom"],
                    elements.at[key, "groupe"],
                    n_fill,
                    n_safe,
                    n_safe / n_fill if n_fill else float("nan"),
                )
            )
        all_safe = int(secured[reading].to_numpy()[fills].all(axis=1).sum()) if reading else 0
        per_clause.append(
            (
                cid,
                labels[cid],
                n_fill,
                n_fill / n if n else float("nan"),
                len(reading),
                all_safe / n_fill if n_fill and reading else float("nan"),
            )
        )
    clauses = pd.DataFrame(
        per_clause,
        columns=["id", "clause", "nb_remplies", "part_remplies", "nb_elements", "protegent_tout"],
    ).set_index("id")
    by_pair = pd.DataFrame(
        pairs,
        columns=[
            "clause_id",
            "element_id",
            "clause",
            "element",
            "groupe",
            "nb_remplies",
            "nb_protegent",
            "part",
        ],
    )
    return ConventionsClasse(
        scenario=scenario.id,
        titre=str(scenario.title),
        participants=participants,
        elements=elements,
        clauses=clauses,
        clauses_elements=by_pair,
        protections=secured,
        refus=pd.Series(
            [refused[i] for i in refused],
            index=pd.Index([names[i] for i in refused], name="participant"),
            name="raison",
            dtype="object",
        ),
    )
