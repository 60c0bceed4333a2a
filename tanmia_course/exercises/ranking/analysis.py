"""Rank the benefits of partnership, then measure where a group agrees.

Pure functions over numpy and pandas: no widget, no plot. A ranking is a list of benefit
ids, most important first, in one of three forms (``mode``):

- ``complet``: every benefit, each at its own place;
- ``premiers``: only the first k benefits, each at its own place;
- ``diamant``: nine cards in rows 1-2-3-2-1 (diamond ranking); cards in the same row are
  equally important, so they are tied.

**Partial rankings.** Benefits a ranking leaves out are tied together at the average of the
ranks left over: in a diamond of 9 among 21 benefits, each of the 12 others gets rank
(10 + 21) / 2 = 15.5. Every ranking then uses the ranks 1…n with the same total
n(n + 1)/2, so rank sums stay comparable across forms, and Kendall's W accounts for these
ties through its tie correction. Cards in one row of the diamond get the mean of the places
they fill (row 2 holds places 2 and 3, so rank 2.5 each).

**Group maths** (one rater = one participant's ranking, m raters, n items):

- Borda points: the item in place i of n gets n − i points; with ties, n − (mean rank).
  The group's table and its chart both show the *mean* points per participant, n − (mean
  rank), so that classes of any size read on the same 0…n − 1 scale. Averaging (or summing)
  places assumes the same distance between two neighbouring places, which a ranking does
  not say: the course says so wherever these points are shown.
- Kendall's W with the tie correction: S = Σⱼ (Rⱼ − m(n + 1)/2)²,
  W = 12 S / (m²(n³ − n) − m Σ T), T = Σ (t³ − t) over each rater's groups of t ties;
  significance χ² = m(n − 1)W with n − 1 degrees of freedom (asymptotic; fair for n > 7).
- Each participant's agreement with the others: Kendall's τ-b between their ranks and the
  mean ranks of the *rest* of the group (leaving them out, so that nobody agrees with
  themselves).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby

import numpy as np
import pandas as pd

from ...content.model import AgreementLevel
from ...content.ranking import DIAMOND_ROWS, order_problem
from ...display import html
from ...display.text import fr_number, french_list, plural
from .answer import check_order

TOP_JUSTIFIED = 3

# Row of each place of the diamond (0-based): 0, 1, 1, 2, 2, 2, 3, 3, 4.
_DIAMOND_ROW_OF = [row for row, size in enumerate(DIAMOND_ROWS) for _ in range(size)]

W_SCALE = "proche de 0 : chacun son ordre ; 1 : le même ordre pour tous"
"""What the ends of Kendall's W mean: W is close to 0, not 0, when everyone ranks their own
way (random rankings give about 1 / the number of rankings)."""
BORDA_LABEL = "Points de Borda (moyenne)"
"""The name of the Borda points wherever the group's are shown (table and chart): the mean
over the participants, not their total."""
EVEN_SPACING_NOTE = (
    "Les points de Borda (la place i sur n rapporte n − i points), en moyenne sur les "
    "participants, et le rang moyen font la moyenne de places : ils supposent que l’écart "
    "entre deux places voisines est toujours le même, entre la 1re et la 2e comme entre la "
    "20e et la 21e. Un classement ne dit pas cela ; lisez ces moyennes comme un ordre, pas "
    "comme une mesure."
)
COMPARISON_NOTE = (
    "Écart = votre rang − rang moyen du groupe : négatif, vous placez l’avantage plus haut "
    "que le groupe. « — » : avantage que vous n’avez pas placé (il compte comme ex aequo avec "
    "les autres non placés)."
)

# The columns of the group's consensus (here and in the class report) and of a learner's
# comparison with it, with their French headings; their means are shown to one decimal.
CONSENSUS_COLUMNS = {
    "rang": "Rang",
    "nom": "Avantage",
    "theme_nom": "Thème",
    "rang_moyen": "Rang moyen",
    "points_borda": BORDA_LABEL,
    "ecart_interquartile": "Écart interquartile",
    "nb_places": "Placé par",
}
_COMPARISON_COLUMNS = {
    "nom": "Avantage",
    "votre_rang": "Votre rang",
    "rang_groupe": "Rang du groupe",
    "rang_moyen_groupe": "Rang moyen du groupe",
    "ecart": "Écart",
}
_MEANS = ("rang_moyen", "points_borda", "ecart_interquartile", "rang_moyen_groupe")
_ONE_DECIMAL = dict.fromkeys(  # the means and gaps (« — »: a benefit you did not place)
    (*_MEANS, "votre_rang", "ecart"), lambda x: fr_number(x, 1, missing="—")
)


# --------------------------------------------------------------------------- one ranking


def tiers(order: Sequence[str], mode: str) -> list[list[str]]:
    """The groups of equally important benefits, most important first.

    >>> tiers(list("abcdef"), "diamant")
    [['a'], ['b', 'c'], ['d', 'e', 'f']]
    >>> tiers(["a", "b"], "complet")
    [['a'], ['b']]
    """
    # the cards that share a shown place (a row of the diamond) go together
    pairs = zip(shown_places(order, mode), order, strict=False)
    return [[item for _, item in row] for _, row in groupby(pairs, key=lambda pair: pair[0])]


def shown_places(order: Sequence[str], mode: str) -> list[int]:
    """The place a learner sees for each card: its position, or its row in a diamond.

    >>> shown_places(list("abcd"), "diamant")
    [1, 2, 2, 3]
    """
    if mode == "diamant":
        return [row + 1 for row in _DIAMOND_ROW_OF[: len(order)]]
    return list(range(1, len(order) + 1))


def rank_vector(order: Sequence[str], mode: str, ids: Sequence[str]) -> np.ndarray:
    """The rank of every benefit of ``ids`` (1 = most important), ties averaged.

    Unranked benefits share the average of the ranks left over.

    >>> rank_vector(["c", "a"], "premiers", ["a", "b", "c", "d"]).tolist()
    [2.0, 3.5, 1.0, 3.5]
    """
    ranks, _ = rank_matrix([order], [mode], ids)
    return ranks[0]


def learner_table(
    order: Sequence[str],
    mode: str,
    avantages: pd.DataFrame,
    justifications: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A learner's ranking as a table: the benefits placed, most important first.

    ``place`` is what the learner sees (position in the list, or row of the diamond);
    ``rang`` is the rank the group maths use (ties of a diamond row averaged).
    """
    ids = list(avantages.index)
    order = check_order(order, ids, mode)
    rank = dict(zip(ids, rank_vector(order, mode, ids).tolist(), strict=True))
    justifications = justifications or {}
    return pd.DataFrame(
        {
            "place": shown_places(order, mode),
            "rang": [rank[b] for b in order],
            "nom": [avantages.at[b, "nom"] for b in order],
            "theme_nom": [avantages.at[b, "theme_nom"] for b in order],
            "justification": [justifications.get(b, "") for b in order],
        },
        index=pd.Index(list(order), name="id", dtype=object),
    )


# ------------------------------------------------------------------ moves of the widget

MOVES = ("monter", "descendre", "en_haut", "en_bas")


def move(order: Sequence[str], index: int, action: str) -> tuple[tuple[str, ...], int]:
    """Move the card at ``index`` one place up or down, or to the top or the bottom.

    Returns the new order and the card's new index; a move past an end changes nothing.

    >>> move(["a", "b", "c"], 2, "en_haut")
    (('c', 'a', 'b'), 0)
    >>> move(["a", "b", "c"], 0, "monter")
    (('a', 'b', 'c'), 0)
    """
    if action not in MOVES:
        raise ValueError(f"Déplacement inconnu : « {action} » ; possibles : {', '.join(MOVES)}.")
    items = list(order)
    if not 0 <= index < len(items):
        raise ValueError(f"Aucune carte à la position {index + 1} (il y en a {len(items)}).")
    target = {
        "monter": max(index - 1, 0),
        "descendre": min(index + 1, len(items) - 1),
        "en_haut": 0,
        "en_bas": len(items) - 1,
    }[action]
    items.insert(target, items.pop(index))
    return tuple(items), target


def progress(order: Sequence[str], room: int, texts: Mapping[str, str]) -> tuple[bool, str]:
    """Where a learner stands: is the ranking finished (its ``room`` places taken, the first
    three placed cards justified in ``texts``), and what to tell them.

    >>> progress(["a", "b"], 9, {"a": "Parce que…"})[1].split("\u202f;")[0]
    '2 avantages placés sur 9'
    """
    asked, left = min(TOP_JUSTIFIED, room), room - len(order)
    missing = asked - sum(bool(str(texts.get(b, "")).strip()) for b in order[:TOP_JUSTIFIED])
    if not (left or missing):
        return True, (
            "Classement terminé et justifié. Comparez-le maintenant avec celui de la "
            "classe : tc.comparer_classement(classement)."
        )
    if not order:
        return False, (
            f"Choisissez l’avantage le plus important pour vous et placez-le en premier "
            f"({room} places à remplir)."
        )
    rest = f"encore {left} à placer" if left else "toutes les places sont prises"
    text = f"{plural(len(order), 'avantage placé', 'avantages placés')} sur {room} ; {rest}."
    if missing:
        text += (
            f" Justifiez en une phrase chacun de vos {asked} premiers choix "
            f"(il en manque {missing})."
        )
    return False, text


# ------------------------------------------------------------------------ rank maths


def midranks(scores: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
    """Rank each row from 1 (smallest score) to n, tied scores sharing their mean rank.

    >>> midranks([[10, 20, 20, 5]]).tolist()
    [[2.0, 3.5, 3.5, 1.0]]
    """
    table = pd.DataFrame(np.atleast_2d(np.asarray(scores, dtype=float)))
    return table.rank(axis=1, method="average").to_numpy()


def tie_sums(ranks: np.ndarray) -> np.ndarray:
    """Σ (t³ − t) over each row's groups of t tied values (0 for a row without ties).

    >>> tie_sums(np.array([[1, 2.5, 2.5, 4], [2, 2, 2, 4]])).tolist()
    [6.0, 24.0]
    """
    ties = (np.unique(row, return_counts=True)[1].astype(float) for row in np.asarray(ranks))
    return np.array([(t**3 - t).sum() for t in ties])


def chi2_sf(x: float, df: int) -> float:
    """P(χ² ≥ x) for a chi-square variable with ``df`` (a whole number) degrees of freedom.

    Written here (no scipy), by the closed form of Q(df/2, x/2): with y = x/2, it is
    e^(−y) Σ y^j / j! over j < df/2 for an even ``df``, and
    erfc(√y) + e^(−y) Σ y^(j − ½) / Γ(j + ½) over 1 ≤ j < (df + 1)/2 for an odd one.

    >>> round(chi2_sf(3.841458820694124, 1), 6)
    0.05
    >>> round(chi2_sf(4.0, 2), 12) == round(math.exp(-2.0), 12)
    True
    """
    if df <= 0 or df != int(df):
        raise ValueError(
            f"Le nombre de degrés de liberté doit être un entier positif (reçu : {df})."
        )
    if math.isnan(x):
        return math.nan
    y = x / 2
    if y <= 0:  # x ≤ 0, or too small to halve
        return 1.0
    if df % 2 == 0:
        total, powers = 0.0, list(range(df // 2))
    else:
        total, powers = math.erfc(math.sqrt(y)), [j - 0.5 for j in range(1, (df + 1) // 2)]
    # each term in logarithms: y^j and e^(−y) alone could overflow or vanish
    terms = (math.exp(j * math.log(y) - y - math.lgamma(j + 1)) for j in powers)
    return min(1.0, total + math.fsum(terms))


@dataclass(frozen=True)
class Concordance:
    """Kendall's W for a group: how much the rankings agree, from 0 (none) to 1 (all equal)."""

    w: float
    chi2: float
    ddl: int
    p_valeur: float
    nb_classements: int
    nb_elements: int
    s: float
    correction_ex_aequo: float

    def __repr__(self) -> str:
        return (
            f"W de Kendall = {fr_number(self.w, 3)} ({self.nb_classements} classements de "
            f"{self.nb_elements} éléments ; χ² = {fr_number(self.chi2, 2)}, {self.ddl} ddl, "
            f"{_p_text(self.p_valeur)})"
        )


def kendall_w(ranks: np.ndarray | Sequence[Sequence[float]]) -> Concordance:
    """Kendall's coefficient of concordance, corrected for ties, with its χ² test.

    ``ranks`` has one row per rater and one column per item (ties as mean ranks); the
    ties are counted from them.

    >>> kendall_w([[1, 2, 3], [1, 2, 3]]).w
    1.0
    """
    r = np.asarray(ranks, dtype=float)
    if r.ndim != 2 or r.shape[0] < 2 or r.shape[1] < 2:
        raise ValueError(
            "Il faut au moins deux classements d’au moins deux éléments pour mesurer un "
            "accord (reçu : "
            f"{plural(r.shape[0] if r.ndim == 2 else 0, 'classement', 'classements')})."
        )
    m, n = r.shape
    sums = r.sum(axis=0)
    s = float(((sums - m * (n + 1) / 2) ** 2).sum())
    ties = float(tie_sums(r).sum())
    denominator = m**2 * (n**3 - n) - m * ties
    w = 12 * s / denominator if denominator > 0 else math.nan
    chi2 = m * (n - 1) * w
    p = chi2_sf(chi2, n - 1) if not math.isnan(w) else math.nan
    return Concordance(w, chi2, n - 1, p, m, n, s, ties)


def tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's τ-b between two rankings (or two lists of scores) of the same items.

    τ-b = (P − Q) / √((n₀ − n₁)(n₀ − n₂)): P concordant and Q discordant pairs, n₀ all
    pairs, n₁ and n₂ the pairs tied in x and in y. NaN when one side is all tied.

    >>> round(tau_b([1, 2, 3, 4], [1, 3, 2, 4]), 4)
    0.6667
    """
    if len(x) != len(y):
        raise ValueError(f"Les deux classements n’ont pas la même longueur ({len(x)} et {len(y)}).")
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    first, second = np.triu_indices(len(x), 1)
    sx = np.sign(x[first] - x[second])  # +1, −1, or 0 for a pair tied in x
    sy = np.sign(y[first] - y[second])
    untied = np.count_nonzero(sx) * np.count_nonzero(sy)
    return float(sx @ sy) / math.sqrt(untied) if untied else math.nan


# ------------------------------------------------------------------ many rankings at once


def rank_matrix(
    orders: Sequence[Sequence[str]],
    modes: Sequence[str] | str,
    ids: Sequence[str],
    names: Sequence[str] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Ranks (m × n, ties averaged) and a mask of the benefits each ranking placed itself.

    Each placed benefit scores the place the learner sees (:func:`shown_places`: its
    position, or its row of the diamond), the benefits left out score after all of them;
    the ranks are the :func:`midranks` of these scores. Every ranking is checked; a French
    error names the first bad one (by ``names`` when given, else by its number). First
    choices (``premiers``) may hold any number of benefits here.
    """
    m = len(orders)
    mode_list = [modes] * m if isinstance(modes, str) else list(modes)
    if len(mode_list) != m:
        raise ValueError(f"{len(mode_list)} formes données pour {m} classements.")
    column = {benefit: j for j, benefit in enumerate(ids)}
    places = np.full((m, len(ids)), np.inf)
    for i, (order, mode) in enumerate(zip(orders, mode_list, strict=True)):
        problem = order_problem(order, mode, ids, len(ids))
        if problem:
            raise ValueError(f"Classement {_label(names, i)} : {problem}.")
        places[i, [column[benefit] for benefit in order]] = shown_places(order, mode)
    return midranks(places), np.isfinite(places)


def _label(names: Sequence[str] | None, i: int) -> str:
    """How an error names the ranking number ``i`` (from 0): by its name, else its number."""
    return f"« {names[i]} »" if names is not None else f"n° {i + 1}"


def _p_text(p: float) -> str:
    if math.isnan(p):
        return "p non calculable"
    if p < 0.001:
        return "p < 0,001"
    return f"p = {fr_number(p, 3)}"


def _with_band(head: str, value: float, measure: str, levels: Sequence[AgreementLevel]) -> str:
    """``head``, then what the highest level of ``measure`` whose minimum ``value`` reaches
    says (its name and reading), if any."""
    reached = [lv for lv in levels if lv.measure == measure and value >= lv.minimum]
    band = max(reached, key=lambda lv: lv.minimum, default=None)
    return f"{head} : {str(band.label).lower()}. {band.reading}" if band else f"{head}."


def read_concordance(c: Concordance, levels: Sequence[AgreementLevel] = ()) -> str:
    """What W says, in plain French, for a trainer to read aloud."""
    if math.isnan(c.w):
        return (
            "W n’est pas calculable : aucun classement ne départage les avantages (tous "
            "ex aequo). Demandez à chacun de placer au moins quelques avantages."
        )
    head = _with_band(f"W = {fr_number(c.w, 2)}", c.w, "w", levels)
    stats = f"(χ² = {fr_number(c.chi2, 1)} ; {c.ddl} degrés de liberté ; {_p_text(c.p_valeur)})"
    if c.p_valeur < 0.05:
        test = (
            f" Avec {c.nb_classements} classements de {c.nb_elements} avantages, un accord au "
            f"moins aussi fort serait très rare si chacun avait classé au hasard {stats} : "
            "les priorités communes sont réelles."
        )
    else:
        test = (
            f" Avec {c.nb_classements} classements, un accord de cette taille pourrait venir du "
            f"seul hasard {stats} : ne parlez pas encore de priorités communes."
        )
    if c.nb_elements <= 7:
        test += " Avec si peu d’éléments, ce test n’est qu’une approximation."
    return head + test


def read_tau(tau: float, levels: Sequence[AgreementLevel] = ()) -> str:
    """What a learner's τ-b with the group says, in plain French."""
    if math.isnan(tau):
        return "Accord non calculable : placez d’abord quelques avantages."
    return _with_band(f"τ-b = {fr_number(tau, 2)}", tau, "tau_b", levels)


@dataclass(frozen=True, eq=False)
class ResultatGroupe:
    """A group's rankings put together: consensus, agreement (W), who agrees, what divides.

    ``consensus`` (one row per benefit, most important first), ``participants`` (one row
    per ranking), ``rangs`` (ranks, participants × benefits), ``places`` (True where the
    participant placed the benefit themselves), ``concordance`` (W and its test) and
    ``lecture`` (what to say aloud).
    """

    titre: str
    consensus: pd.DataFrame
    participants: pd.DataFrame
    rangs: pd.DataFrame
    places: pd.DataFrame
    concordance: Concordance
    lecture: str
    niveaux: tuple[AgreementLevel, ...] = field(default=(), repr=False)

    @property
    def w(self) -> float:
        return self.concordance.w

    @property
    def p_valeur(self) -> float:
        return self.concordance.p_valeur

    @property
    def chi2(self) -> float:
        return self.concordance.chi2

    def contestes(self, nombre: int = 5) -> pd.DataFrame:
        """The benefits that divide the group most: widest interquartile range of ranks
        (then largest standard deviation)."""
        table = self.consensus.sort_values(
            ["ecart_interquartile", "ecart_type"], ascending=False, kind="stable"
        )
        return table.head(nombre)[
            ["nom", "theme_nom", "rang_moyen", "ecart_interquartile", "ecart_type"]
        ]

    def __repr__(self) -> str:
        top = self.consensus.head(5)
        lines = [
            f"{self.titre} : {self.concordance.nb_classements} classements",
            self.lecture,
            "Les cinq premiers pour le groupe :",
            *(
                f"  {int(row.rang)}. {row.nom} (rang moyen {fr_number(row.rang_moyen, 1)})"
                for row in top.itertuples()
            ),
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        contested = french_list(self.contestes(3)["nom"].astype(str), last=", ")
        return html.section(
            "tanmia-classement",
            html.heading(f"{self.titre} — {self.concordance.nb_classements} classements"),
            html.feedback(self.lecture, "ok"),
            html.facts([("Ce qui divise le plus", f"{contested}.")]),
            html.frame_table(self.consensus, CONSENSUS_COLUMNS, _ONE_DECIMAL, left=(1, 2)),
            html.paragraph(EVEN_SPACING_NOTE, italic=True),
        )


def aggregate(
    orders: Sequence[Sequence[str]],
    modes: Sequence[str] | str,
    avantages: pd.DataFrame,
    *,
    participants: Sequence[str] | None = None,
    noms: Sequence[str] | None = None,
    niveaux: Sequence[AgreementLevel] = (),
    titre: str = "Classement de la classe",
) -> ResultatGroupe:
    """Put many rankings of the benefits together.

    ``avantages`` is the benefits table (index = ids, columns ``nom`` and ``theme_nom``,
    like ``tc.avantages()``); ``participants`` are the rankings' ids and ``noms`` their
    display names (both default to numbers).
    """
    ids = list(avantages.index)
    m, n = len(orders), len(ids)
    if m < 2:
        raise ValueError(
            f"Il faut au moins deux classements pour parler d’accord dans un groupe (reçu : {m})."
        )
    if participants is None:  # numbered 1…m
        rows: pd.Index = pd.RangeIndex(1, m + 1, name="participant")
    else:
        participants = list(participants)
        if len(participants) != m or len(set(participants)) != m:
            raise ValueError("Chaque classement doit avoir un identifiant de participant unique.")
        rows = pd.Index(participants, name="participant", dtype=object)
    ranks, placed = rank_matrix(orders, modes, ids, names=participants)
    empty = np.flatnonzero(~placed.any(axis=1))
    if len(empty):
        raise ValueError(
            f"Le classement {_label(participants, int(empty[0]))} est vide : il ne dit rien "
            "des priorités ; retirez-le ou complétez-le."
        )
    concordance = kendall_w(ranks)
    sums = ranks.sum(axis=0)
    mean = sums / m
    q1, q3 = np.percentile(ranks, [25, 75], axis=0)
    std = ranks.std(axis=0, ddof=1)
    consensus = pd.DataFrame(
        {
            "rang": pd.Series(mean).rank(method="min").astype(int).to_numpy(),
            "nom": avantages["nom"].to_numpy(),
            "theme_nom": avantages["theme_nom"].to_numpy(),
            "rang_moyen": mean.round(2),
            "points_borda": (n - mean).round(2),  # the mean, as the chart shows it
            "ecart_interquartile": (q3 - q1).round(2),
            "ecart_type": std.round(2),
            "nb_places": placed.sum(axis=0),
        },
        index=pd.Index(ids, name="id", dtype=object),
    )
    consensus = consensus.iloc[np.argsort(mean, kind="stable")]
    # each participant against the rest of the group, never against themselves
    tau = np.array([tau_b(mine, sums - mine) for mine in ranks])
    people = pd.DataFrame(
        {
            "nom": list(noms) if noms is not None else rows,
            "forme": pd.Series(modes, index=rows, dtype=object),  # one form for all, or each's
            "nb_places": placed.sum(axis=1),
            "accord_tau_b": tau.round(3),
        },
        index=rows,
    )
    columns = pd.Index(ids, name="id", dtype=object)
    levels = tuple(niveaux)
    return ResultatGroupe(
        titre=titre,
        consensus=consensus,
        participants=people,
        rangs=pd.DataFrame(ranks, index=rows, columns=columns),
        places=pd.DataFrame(placed, index=rows, columns=columns),
        concordance=concordance,
        lecture=read_concordance(concordance, levels),
        niveaux=levels,
    )


# ------------------------------------------------------------- one learner vs the group


@dataclass(frozen=True, eq=False)
class ComparaisonClassement:
    """A learner's ranking beside the group's: ranks side by side, τ-b, what differs most."""

    forme: str
    tableau: pd.DataFrame
    tau_b: float
    lecture: str
    groupe: ResultatGroupe = field(repr=False)

    def __repr__(self) -> str:
        return f"Votre classement et celui du groupe « {self.groupe.titre} »\n{self.lecture}"

    def _repr_html_(self) -> str:
        return html.section(
            "tanmia-comparaison",
            html.heading(f"Votre classement et celui du groupe « {self.groupe.titre} »"),
            html.feedback(self.lecture, "warning"),
            html.frame_table(self.tableau, _COMPARISON_COLUMNS, _ONE_DECIMAL, left=(0,)),
            html.paragraph(COMPARISON_NOTE, italic=True),
        )


def compare(order: Sequence[str], mode: str, group: ResultatGroupe) -> ComparaisonClassement:
    """Compare one learner's ranking (possibly partial, even empty) with a group's result."""
    ids = list(group.rangs.columns)
    order = check_order(order, ids, mode)
    consensus = group.consensus  # in the group's order
    table = consensus[["nom", "theme_nom"]].assign(
        votre_rang=np.nan, rang_groupe=consensus["rang"], rang_moyen_groupe=consensus["rang_moyen"]
    )
    if not order:
        table["ecart"] = np.nan
        return ComparaisonClassement(
            mode,
            table,
            math.nan,
            "Vous n’avez encore placé aucun avantage : classez-en d’abord quelques-uns, puis "
            "relancez la comparaison.",
            group,
        )
    mine = rank_vector(order, mode, ids)
    table.loc[list(order), "votre_rang"] = mine[[ids.index(b) for b in order]]
    table["ecart"] = (table["votre_rang"] - table["rang_moyen_groupe"]).round(2)
    tau = tau_b(mine, group.rangs.to_numpy().sum(axis=0))
    text = read_tau(tau, group.niveaux)
    gap = pd.Series(mine, index=ids) - consensus["rang_moyen"].reindex(ids)
    higher = gap.idxmin()
    lower = gap.idxmax()

    def your(b: str) -> str:
        return "non placé" if b not in order else fr_number(float(mine[ids.index(b)]), 1)

    if gap[higher] <= -3:
        text += (
            f" Vous placez « {consensus.at[higher, 'nom']} » bien plus haut que le groupe "
            f"(vous : {your(higher)} ; groupe : {fr_number(consensus.at[higher, 'rang_moyen'], 1)} "
            "en moyenne) : dites pourquoi."
        )
    if gap[lower] >= 3:
        if lower in order:
            text += (
                f" À l’inverse, « {consensus.at[lower, 'nom']} » est plus bas chez vous "
                f"(vous : {your(lower)} ; groupe : "
                f"{fr_number(consensus.at[lower, 'rang_moyen'], 1)})."
            )
        else:
            text += (
                f" À l’inverse, « {consensus.at[lower, 'nom']} » n’est pas parmi vos "
                f"{len(order)} choix, alors que le groupe le place en moyenne au rang "
                f"{fr_number(consensus.at[lower, 'rang_moyen'], 1)}."
            )
    return ComparaisonClassement(mode, table, tau, text, group)
