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
  Summing points (or ranks) assumes the same distance between two neighbouring places,
  which a ranking does not say: the course says so wherever a total is shown.
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
from functools import cache
from itertools import chain

import numpy as np
import pandas as pd

from ...content.model import AgreementLevel
from ...content.ranking import DEFAULT_TOP as DEFAULT_TOP
from ...content.ranking import (
    DIAMOND_ROWS,
    DIAMOND_SIZE,
    MODES,
    order_problem,
)
from ...display import html
from ...display.text import fr_number, french_list

# The answer's type, also reachable here by the code that reads a ranking with its analysis.
from .answer import check_order, check_unranked_justifications, normalise_answer  # noqa: F401

TOP_JUSTIFIED = 3

# Row of each place of the diamond (0-based), and where each row starts and ends.
_DIAMOND_ROW_OF = np.repeat(np.arange(len(DIAMOND_ROWS)), DIAMOND_ROWS)
_DIAMOND_START = np.cumsum((0, *DIAMOND_ROWS[:-1]))
_DIAMOND_END = np.cumsum(DIAMOND_ROWS) - 1

EVEN_SPACING_NOTE = (
    "Les points de Borda (la place i sur n rapporte n − i points) et le rang moyen "
    "additionnent des places : ils supposent que l’écart entre deux places voisines est "
    "toujours le même, entre la 1re et la 2e comme entre la 20e et la 21e. Un classement ne "
    "dit pas cela ; lisez ces totaux comme un ordre, pas comme une mesure."
)
COMPARISON_NOTE = (
    "Écart = votre rang − rang moyen du groupe : négatif, vous placez l’avantage plus haut "
    "que le groupe. « — » : avantage que vous n’avez pas placé (il compte comme ex aequo avec "
    "les autres non placés)."
)


# --------------------------------------------------------------------------- one ranking


def tiers(order: Sequence[str], mode: str) -> list[list[str]]:
    """The groups of equally important benefits, most important first.

    >>> tiers(list("abcdef"), "diamant")
    [['a'], ['b', 'c'], ['d', 'e', 'f']]
    >>> tiers(["a", "b"], "complet")
    [['a'], ['b']]
    """
    if mode != "diamant":
        return [[item] for item in order]
    return [
        list(order[start : end + 1])
        for start, end in zip(_DIAMOND_START, _DIAMOND_END, strict=True)
        if start < len(order)
    ]


def shown_places(order: Sequence[str], mode: str) -> list[int]:
    """The place a learner sees for each card: its position, or its row in a diamond.

    >>> shown_places(list("abcd"), "diamant")
    [1, 2, 2, 3]
    """
    if mode == "diamant":
        return [int(r) + 1 for r in _DIAMOND_ROW_OF[: len(order)]]
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
    ranks = rank_vector(order, mode, ids)
    position = {b: i for i, b in enumerate(ids)}
    justifications = justifications or {}
    frame = pd.DataFrame(
        {
            "place": shown_places(order, mode),
            "rang": [float(ranks[position[b]]) for b in order],
            "nom": [avantages.at[b, "nom"] for b in order],
            "theme_nom": [avantages.at[b, "theme_nom"] for b in order],
            "justification": [justifications.get(b, "") for b in order],
        },
        index=pd.Index(list(order), name="id", dtype=object),
    )
    return frame


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
        raise ValueError(f"Déplacement inconnu : « {action} » ; possibles : {', '.join(MOVES)}.")
    items = list(order)
    if not 0 <= index < len(items):
        raise ValueError(f"Aucune carte à la position {index + 1} (il y en a {len(items)}).")
    target = {
        "monter": max(index - 1, 0),
        "descendre": min(index + 1, len(items) - 1),
        "en_haut": 0,
        "en_bas": len(items) - 1,
    }[action]
    card = items.pop(index)
    items.insert(target, card)
    return tuple(items), target


@dataclass(frozen=True)
class Avancement:
    """How far a learner has got: cards placed, places left, justifications written."""

    places: int
    capacite: int
    justifiees: int
    a_justifier: int

    @property
    def complet(self) -> bool:
        return self.places == self.capacite and self.justifiees == self.a_justifier

    @property
    def message(self) -> str:
        left = self.capacite - self.places
        if self.places == 0:
            return (
                f"Choisissez l’avantage le plus important pour vous et placez-le en premier "
                f"({self.capacite} places à remplir)."
            )
        parts = [f"{self.places} avantage(s) placé(s) sur {self.capacite}"]
        parts.append(f"encore {left} à placer" if left else "toutes les places sont prises")
        text = " ; ".join(parts) + "."
        missing = self.a_justifier - self.justifiees
        if missing:
            text += (
                f" Justifiez en une phrase chacun de vos {self.a_justifier} premiers choix "
                f"(il en manque {missing})."
            )
        if self.complet:
            text = (
                "Classement terminé et justifié. Comparez-le maintenant avec celui de la "
                "classe : tc.comparer_classement(classement)."
            )
        return text


def progress(order: Sequence[str], room: int, justifications: Mapping[str, str]) -> Avancement:
    """Where a learner stands: the first three placed cards need a written justification.

    >>> progress(["a", "b"], 9, {"a": "Parce que…"}).message.split(" ;")[0]
    '2 avantage(s) placé(s) sur 9'
    """
    top = list(order[:TOP_JUSTIFIED])
    done = sum(bool(str(justifications.get(b, "")).strip()) for b in top)
    return Avancement(len(order), room, done, min(TOP_JUSTIFIED, room))


# ------------------------------------------------------------------------ rank maths


def midranks(scores: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
    """Rank each row from 1 (smallest score) to n, tied scores sharing their mean rank.

    >>> midranks([[10, 20, 20, 5]]).tolist()
    [[2.0, 3.5, 3.5, 1.0]]
    """
    x = np.asarray(scores, dtype=float)
    if x.ndim == 1:
        x = x[None, :]
    m, n = x.shape
    order = np.argsort(x, axis=1, kind="stable")
    sorted_x = np.take_along_axis(x, order, axis=1)
    starts = np.ones((m, n), dtype=bool)
    starts[:, 1:] = sorted_x[:, 1:] != sorted_x[:, :-1]
    flat_starts = np.flatnonzero(starts.ravel())
    lengths = np.diff(np.append(flat_starts, m * n))
    first = flat_starts % n  # 0-based position of each run in its row
    mean_rank = first + (lengths + 1) / 2
    sorted_ranks = np.repeat(mean_rank, lengths).reshape(m, n)
    ranks = np.empty_like(sorted_ranks)
    np.put_along_axis(ranks, order, sorted_ranks, axis=1)
    return ranks


def tie_sums(ranks: np.ndarray) -> np.ndarray:
    """Σ (t³ − t) over each row's groups of t tied values (0 for a row without ties).

    >>> tie_sums(np.array([[1, 2.5, 2.5, 4], [2, 2, 2, 4]])).tolist()
    [6.0, 24.0]
    """
    r = np.asarray(ranks, dtype=float)
    m, n = r.shape
    sorted_r = np.sort(r, axis=1)
    starts = np.ones((m, n), dtype=bool)
    starts[:, 1:] = sorted_r[:, 1:] != sorted_r[:, :-1]
    flat_starts = np.flatnonzero(starts.ravel())
    lengths = np.diff(np.append(flat_starts, m * n)).astype(float)
    return np.bincount(flat_starts // n, weights=lengths**3 - lengths, minlength=m)


def _upper_gamma_q(a: float, x: float) -> float:
    """Regularised upper incomplete gamma Q(a, x), by series or continued fraction."""
    if x <= 0:
        return 1.0
    log_prefix = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:  # series for P(a, x), then Q = 1 − P
        term = total = 1.0 / a
        denom = a
        for _ in range(10_000):
            denom += 1
            term *= x / denom
            total += term
            if abs(term) < abs(total) * 1e-16:
                break
        return max(0.0, 1.0 - total * math.exp(log_prefix))
    # Continued fraction for Q(a, x) (modified Lentz).
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16:
            break
    return min(1.0, math.exp(log_prefix) * h)


def chi2_sf(x: float, df: float) -> float:
    """P(χ² ≥ x) for a chi-square variable with ``df`` degrees of freedom.

    Written here (no scipy): Q(df/2, x/2), the regularised upper incomplete gamma.

    >>> round(chi2_sf(3.841458820694124, 1), 6)
    0.05
    >>> round(chi2_sf(4.0, 2), 12) == round(math.exp(-2.0), 12)
    True
    """
    if df <= 0:
        raise ValueError(f"Le nombre de degrés de liberté doit être positif (reçu : {df}).")
    if math.isnan(x):
        return math.nan
    return _upper_gamma_q(df / 2, x / 2)


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
            f"{self.nb_elements} éléments ; χ² = {fr_number(self.chi2, 2)}, {self.ddl} ddl, "
            f"{_p_text(self.p_valeur)})"
        )


def kendall_w(
    ranks: np.ndarray | Sequence[Sequence[float]], ties: float | None = None
) -> Concordance:
    """Kendall's coefficient of concordance, corrected for ties, with its χ² test.

    ``ranks`` has one row per rater and one column per item (ties as mean ranks);
    ``ties`` is Σ T when already known (else counted from the ranks).

    >>> kendall_w([[1, 2, 3], [1, 2, 3]]).w
    1.0
    """
    r = np.asarray(ranks, dtype=float)
    if r.ndim != 2 or r.shape[0] < 2 or r.shape[1] < 2:
        raise ValueError(
            "Il faut au moins deux classements d’au moins deux éléments pour mesurer un "
            f"accord (reçu : {r.shape[0] if r.ndim == 2 else 0} classement(s))."
        )
    m, n = r.shape
    sums = r.sum(axis=0)
    s = float(((sums - m * (n + 1) / 2) ** 2).sum())
    ties = float(tie_sums(r).sum()) if ties is None else float(ties)
    denominator = m**2 * (n**3 - n) - m * ties
    w = 12 * s / denominator if denominator > 0 else math.nan
    chi2 = m * (n - 1) * w
    p = chi2_sf(chi2, n - 1) if not math.isnan(w) else math.nan
    return Concordance(w, chi2, n - 1, p, m, n, s, ties)


def _pair_signs(r: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    a, b = r[..., first], r[..., second]
    return (a > b).astype(np.int8) - (a < b).astype(np.int8)


def tau_b_rows(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Kendall's τ-b between each row of ``x`` and ``y`` (one vector, or one row per row).

    τ-b = (P − Q) / √((n₀ − n₁)(n₀ − n₂)): P concordant and Q discordant pairs, n₀ all
    pairs, n₁ and n₂ the pairs tied in x and in y. NaN when one side is all tied.
    """
    x = np.atleast_2d(np.asarray(x, dtype=float))
    y = np.asarray(y, dtype=float)
    n = x.shape[1]
    first, second = np.triu_indices(n, 1)
    sx = _pair_signs(x, first, second)
    sy = _pair_signs(y, first, second)
    if sy.ndim == 1:
        numerator = sx.astype(np.float64) @ sy.astype(np.float64)
        untied_y = np.full(x.shape[0], float(np.count_nonzero(sy)))
    else:
        numerator = np.einsum("ij,ij->i", sx, sy, dtype=np.float64)
        untied_y = np.count_nonzero(sy, axis=1).astype(float)
    untied_x = np.count_nonzero(sx, axis=1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return numerator / np.sqrt(untied_x * untied_y)


def tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    """Kendall's τ-b between two rankings (or two lists of scores) of the same items.

    >>> round(tau_b([1, 2, 3, 4], [1, 3, 2, 4]), 4)
    0.6667
    """
    if len(x) != len(y):
        raise ValueError(f"Les deux classements n’ont pas la même longueur ({len(x)} et {len(y)}).")
    return float(tau_b_rows(np.asarray(x, dtype=float), np.asarray(y, dtype=float))[0])


def _doubled(ranks: np.ndarray) -> np.ndarray:
    """Ranks × 2 as integers: mean ranks of ties are multiples of ½, so this is exact."""
    return np.rint(2 * np.asarray(ranks, dtype=float)).astype(np.int64)


def quartiles(
    ranks: np.ndarray, doubled: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """First and third quartiles of each column of ranks (linear interpolation, as
    ``np.percentile``), by counting: ranks take at most 2n values, so no sort is needed.
    ``doubled`` is ``ranks`` × 2 as integers, when already computed."""
    r2 = _doubled(ranks) if doubled is None else doubled
    m, n = r2.shape
    width = 2 * n + 1
    codes = r2 + width * np.arange(n)[None, :]
    counts = np.bincount(codes.ravel(), minlength=n * width).reshape(n, width)
    cumulative = counts.cumsum(axis=1)
    out = []
    for q in (0.25, 0.75):
        position = q * (m - 1)
        low = math.floor(position)
        frac = position - low
        at_low = (cumulative > low).argmax(axis=1)
        at_high = (cumulative > min(low + 1, m - 1)).argmax(axis=1)
        out.append((at_low + frac * (at_high - at_low)) / 2)
    return out[0], out[1]


def agreement_with_others(
    ranks: np.ndarray, tied_pairs: np.ndarray | None = None, doubled: np.ndarray | None = None
) -> np.ndarray:
    """Each row's Kendall τ-b with the rank sums of all the *other* rows.

    The same numbers as ``tau_b_rows(ranks, ranks.sum(0) - ranks)``, fast for big groups.
    Items are put in the group's order (rank sums S ascending). For two items a before b,
    the others' difference is C − D, with C = S_a − S_b ≤ 0 the whole group's and D the
    row's own (ranks doubled, so all integers). When −C exceeds the largest possible |D|,
    the others order the pair like the group for every row; over those pairs τ-b's
    numerator is (untied pairs − 2 × inversions), so it only takes counting the row's
    inversions. The few close pairs are worked out row by row. ``tied_pairs`` (per row)
    spares counting the row's own ties when they are known; ``doubled`` is ``ranks`` × 2
    as integers, when already computed.
    """
    r2 = _doubled(ranks) if doubled is None else doubled
    m, n = r2.shape
    whole = r2.sum(axis=0)
    order = np.argsort(whole, kind="stable")
    x = np.ascontiguousarray(r2[:, order].T.astype(np.int16))  # items × rows: fast slices
    sums = whole[order]
    pairs = n * (n - 1) // 2
    inversions = np.zeros(m, dtype=np.int64)
    ties = np.zeros(m, dtype=np.int64)
    for a in range(n - 1):
        for b in range(a + 1, n):
            inversions += x[b] < x[a]
            if tied_pairs is None:
                ties += x[b] == x[a]
    untied_own = pairs - (ties if tied_pairs is None else np.asarray(tied_pairs, dtype=float))
    first, second = np.triu_indices(n, 1)
    group = sums[first] - sums[second]
    close = np.flatnonzero(-group <= 2 * (n - 1))
    numerator = (untied_own - 2 * inversions).astype(float)
    untied_others = np.full(m, float(pairs))
    if len(close):
        own = x[first[close]].astype(np.int64) - x[second[close]]  # close pairs × rows
        own_sign = np.sign(own)
        others_sign = np.sign(group[close][:, None] - own)
        # these pairs were counted as if the others ordered them like the group: redo them
        numerator += own_sign.sum(axis=0) + (own_sign * others_sign).sum(axis=0)
        untied_others -= (others_sign == 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return numerator / np.sqrt(untied_own * untied_others)


# ------------------------------------------------------------------ many rankings at once


@cache
def _place_ranks(n: int) -> np.ndarray:
    """table[kind, L, p]: the rank of place p (0-based) in a ranking holding L benefits,
    kind 0 a list (rank p + 1), kind 1 a diamond (mean of the places its row fills)."""
    table = np.zeros((2, n + 1, n))
    table[0] = np.arange(1, n + 1)[None, :]
    for length in range(min(DIAMOND_SIZE, n) + 1):
        for place in range(length):
            row = _DIAMOND_ROW_OF[place]
            last = min(_DIAMOND_END[row], length - 1)
            table[1, length, place] = (_DIAMOND_START[row] + last) / 2 + 1
    return table


@dataclass(frozen=True, eq=False)
class RankStructure:
    """Rankings as numbers: ranks (m × n, ties averaged), which benefits each ranking placed,
    and, per ranking, Σ (t³ − t) and the number of tied pairs over its groups of ties."""

    ranks: np.ndarray
    placed: np.ndarray
    tie_cubes: np.ndarray
    tied_pairs: np.ndarray


def rank_matrix(
    orders: Sequence[Sequence[str]],
    modes: Sequence[str] | str,
    ids: Sequence[str],
    names: Sequence[str] | None = None,
    k: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Ranks (m × n, ties averaged) and a mask of the benefits each ranking placed itself.

    Vectorised: ten thousand rankings take a few milliseconds. Every ranking is checked; a
    French error names the first bad one (by ``names`` when given, else by its number).
    """
    structure = rank_structure(orders, modes, ids, names, k)
    return structure.ranks, structure.placed


def rank_structure(
    orders: Sequence[Sequence[str]],
    modes: Sequence[str] | str,
    ids: Sequence[str],
    names: Sequence[str] | None = None,
    k: int | None = None,
) -> RankStructure:
    """:func:`rank_matrix`, plus the ties of each ranking, known from its form: the
    benefits it leaves out form one group, and so does each row of a diamond."""
    m, n = len(orders), len(ids)
    label = (lambda i: f"« {names[i]} »") if names is not None else (lambda i: f"n° {i + 1}")
    mode_arr = np.asarray([modes] * m if isinstance(modes, str) else list(modes), dtype=object)
    if len(mode_arr) != m:
        raise ValueError(f"{len(mode_arr)} formes données pour {m} classements.")
    bad_mode = ~np.isin(mode_arr, MODES)
    if bad_mode.any():
        i = int(np.flatnonzero(bad_mode)[0])
        raise ValueError(
            f"Classement {label(i)} : forme inconnue « {mode_arr[i]} » ; formes possibles : "
            f"{', '.join(MODES)}."
        )
    plain = set(map(type, orders)) <= {list, tuple}  # the fast, usual case
    not_lists = (
        []
        if plain
        else [i for i, o in enumerate(orders) if isinstance(o, str) or not isinstance(o, Sequence)]
    )
    if not_lists:
        i = not_lists[0]
        raise ValueError(f"Classement {label(i)} : {order_problem(orders[i], 'complet', ids)}.")
    lengths = np.fromiter(map(len, orders), dtype=np.int64, count=m)
    is_diamond = mode_arr == "diamant"
    room = np.where(is_diamond, min(DIAMOND_SIZE, n), n)
    if k is not None:
        room = np.where(mode_arr == "premiers", min(k, n), room)
    column = {benefit: j for j, benefit in enumerate(ids)}
    table = _place_ranks(n)
    ranks = np.empty((m, n))
    ranks[:] = ((lengths + 1 + n) / 2)[:, None]  # the benefits left out: tied
    # Rankings of one kind (list or diamond) and one length form a block: one look-up of
    # their ids, then one assignment of the ranks of their places.
    key = is_diamond * (n + 1) + np.minimum(lengths, n)
    starts = np.cumsum(lengths) - lengths
    try:
        if (lengths > room).any():
            raise KeyError
        flat = np.fromiter(
            map(column.__getitem__, chain.from_iterable(orders)),
            dtype=np.int64,
            count=int(lengths.sum()),
        )
        for value in np.unique(key):
            length = int(value % (n + 1))
            if length == 0:
                continue
            rows = np.flatnonzero(key == value)
            block = flat[starts[rows][:, None] + np.arange(length)]
            ranks[rows[:, None], block] = table[int(value // (n + 1)), length, :length]
        # A placed benefit's rank is at most L, a left-out one's (L + 1 + n) / 2 > L; a
        # benefit placed twice leaves fewer than L ranks at most L.
        placed = ranks <= lengths[:, None]
        if (np.count_nonzero(placed, axis=1) != lengths).any():
            raise KeyError
    except (KeyError, TypeError):
        i = next(i for i, o in enumerate(orders) if order_problem(o, mode_arr[i], ids, k))
        raise ValueError(
            f"Classement {label(i)} : {order_problem(orders[i], mode_arr[i], ids, k)}."
        ) from None
    # Groups of ties: the benefits left out, and each row of a diamond.
    left_out = (n - lengths).astype(float)
    tie_cubes = left_out**3 - left_out
    tied_pairs = left_out * (left_out - 1) / 2
    if is_diamond.any():
        filled = np.clip(
            lengths[is_diamond, None] - _DIAMOND_START[None, :], 0, np.asarray(DIAMOND_ROWS)
        ).astype(float)
        tie_cubes[is_diamond] += (filled**3 - filled).sum(axis=1)
        tied_pairs[is_diamond] += (filled * (filled - 1) / 2).sum(axis=1)
    return RankStructure(ranks, placed, tie_cubes, tied_pairs)


def _p_text(p: float) -> str:
    if math.isnan(p):
        return "p non calculable"
    if p < 0.001:
        return "p < 0,001"
    return f"p = {fr_number(p, 3)}"


def _band(value: float, measure: str, levels: Sequence[AgreementLevel]) -> AgreementLevel | None:
    bands = sorted((lv for lv in levels if lv.measure == measure), key=lambda lv: lv.minimum)
    chosen = None
    for level in bands:
        if value >= level.minimum:
            chosen = level
    return chosen


def read_concordance(c: Concordance, levels: Sequence[AgreementLevel] = ()) -> str:
    """What W says, in plain French, for a trainer to read aloud."""
    if math.isnan(c.w):
        return (
            "W n’est pas calculable : aucun classement ne départage les avantages (tous "
            "ex aequo). Demandez à chacun de placer au moins quelques avantages."
        )
    band = _band(c.w, "w", levels)
    head = f"W = {fr_number(c.w, 2)}"
    if band is not None:
        head += f" : {str(band.label).lower()}. {band.reading}"
    else:
        head += "."
    if c.p_valeur < 0.05:
        test = (
            f" Avec {c.nb_classements} classements de {c.nb_elements} avantages, un accord au "
            f"moins aussi fort serait très rare si chacun avait classé au hasard "
            f"(χ² = {fr_number(c.chi2, 1)} ; {c.ddl} degrés de liberté ; {_p_text(c.p_valeur)}) : "
            "les priorités communes sont réelles."
        )
    else:
        test = (
            f" Avec {c.nb_classements} classements, un accord de cette taille pourrait venir du "
            f"seul hasard (χ² = {fr_number(c.chi2, 1)} ; {c.ddl} degrés de liberté ; "
            f"{_p_text(c.p_valeur)}) : ne parlez pas encore de priorités communes."
        )
    if c.nb_elements <= 7:
        test += " Avec si peu d’éléments, ce test n’est qu’une approximation."
    return head + test


def read_tau(tau: float, levels: Sequence[AgreementLevel] = ()) -> str:
    """What a learner's τ-b with the group says, in plain French."""
    if math.isnan(tau):
        return "Accord non calculable : placez d’abord quelques avantages."
    band = _band(tau, "tau_b", levels)
    head = f"τ-b = {fr_number(tau, 2)}"
    return f"{head} : {str(band.label).lower()}. {band.reading}" if band else head + "."


@dataclass(frozen=True, eq=False)
class GroupResult:
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
            f"{self.titre} : {self.concordance.nb_classements} classements",
            self.lecture,
            "Les cinq premiers pour le groupe :",
            *(
                f"  {int(row.rang)}. {row.nom} (rang moyen {fr_number(row.rang_moyen, 1)})"
                for row in top.itertuples()
            ),
        ]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = (
            (
                str(int(r.rang)),
                html.escape(str(r.nom)),
                html.escape(str(r.theme_nom)),
                fr_number(r.rang_moyen, 1),
                fr_number(r.points_borda, 1),
                fr_number(r.ecart_interquartile, 1),
                str(int(r.nb_places)),
            )
            for r in self.consensus.itertuples()
        )
        contested = french_list(self.contestes(3)["nom"].astype(str), last=", ")
        header = ("Rang", "Avantage", "Thème", "Rang moyen", "Points de Borda")
        return html.section(
            "tanmia-classement",
            html.heading(f"{self.titre} — {self.concordance.nb_classements} classements"),
            html.feedback(self.lecture, "ok"),
            html.facts([("Ce qui divise le plus", f"{contested}.")]),
            html.table((*header, "Écart interquartile", "Placé par"), rows, left=(1, 2)),
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
    k: int | None = None,
) -> GroupResult:
    """Put many rankings of the benefits together (vectorised).

    ``avantages`` is the benefits table (index = ids, columns ``nom`` and ``theme_nom``,
    like ``tc.avantages()``); ``participants`` are the rankings' ids and ``noms`` their
    display names (both default to numbers).
    """
    ids = list(avantages.index)
    m, n = len(orders), len(ids)
    if m < 2:
        raise ValueError(
            f"Il faut au moins deux classements pour parler d’accord dans un groupe (reçu : {m})."
        )
    if participants is None:  # numbered 1…m (cheap for big groups)
        rows: pd.Index = pd.RangeIndex(1, m + 1, name="participant")
    else:
        participants = list(participants)
        if len(participants) != m or len(set(participants)) != m:
            raise ValueError("Chaque classement doit avoir un identifiant de participant unique.")
        rows = pd.Index(participants, name="participant", dtype=object)
    structure = rank_structure(orders, modes, ids, names=participants, k=k)
    ranks, placed = structure.ranks, structure.placed
    empty = np.flatnonzero(~placed.any(axis=1))
    if len(empty):
        who = f"« {participants[int(empty[0])]} »" if participants else f"n° {int(empty[0]) + 1}"
        raise ValueError(
            f"Le classement {who} est vide : il ne dit rien des priorités ; retirez-le ou "
            "complétez-le."
        )
    concordance = kendall_w(ranks, ties=structure.tie_cubes.sum())
    sums = ranks.sum(axis=0)
    mean = sums / m
    doubled = _doubled(ranks)
    q1, q3 = quartiles(ranks, doubled)
    std = ranks.std(axis=0, ddof=1)
    consensus = pd.DataFrame(
        {
            "nom": avantages["nom"].to_numpy(),
            "theme_nom": avantages["theme_nom"].to_numpy(),
            "rang_moyen": mean.round(2),
            "points_borda": (m * n - sums).round(1),
            "ecart_interquartile": (q3 - q1).round(2),
            "ecart_type": std.round(2),
            "nb_places": placed.sum(axis=0),
        },
        index=pd.Index(ids, name="id", dtype=object),
    )
    consensus.insert(
        0, "rang", pd.Series(mean, index=consensus.index).rank(method="min").astype(int)
    )
    consensus = consensus.iloc[np.argsort(mean, kind="stable")]
    # each participant against the rest of the group, never against themselves
    tau = agreement_with_others(ranks, structure.tied_pairs, doubled)
    mode_list = [modes] * m if isinstance(modes, str) else list(modes)
    people = pd.DataFrame(
        {
            "nom": list(noms) if noms is not None else rows,
            "forme": pd.Series(mode_list, index=rows, dtype=object),
            "nb_places": placed.sum(axis=1),
            "accord_tau_b": tau.round(3),
        },
        index=rows,
    )
    columns = pd.Index(ids, name="id", dtype=object)
    levels = tuple(niveaux)
    return GroupResult(
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
class Comparison:
    """A learner's ranking beside the group's: ranks side by side, τ-b, what differs most."""

    forme: str
    tableau: pd.DataFrame
    tau_b: float
    lecture: str
    groupe: GroupResult = field(repr=False)

    def __repr__(self) -> str:
        return f"Votre classement et celui du groupe « {self.groupe.titre} »\n{self.lecture}"

    def _repr_html_(self) -> str:
        rows = (
            (
                html.escape(str(r.nom)),
                fr_number(r.votre_rang, 1, missing="—"),
                str(int(r.rang_groupe)),
                fr_number(r.rang_moyen_groupe, 1),
                fr_number(r.ecart, 1, missing="—"),
            )
            for r in self.tableau.itertuples()
        )
        header = ("Avantage", "Votre rang", "Rang du groupe", "Rang moyen du groupe", "Écart")
        return html.section(
            "tanmia-comparaison",
            html.heading(f"Votre classement et celui du groupe « {self.groupe.titre} »"),
            html.feedback(self.lecture, "warning"),
            html.table(header, rows, left=(0,)),
            html.paragraph(COMPARISON_NOTE, italic=True),
        )


def compare(order: Sequence[str], mode: str, group: GroupResult) -> Comparison:
    """Compare one learner's ranking (possibly partial, even empty) with a group's result."""
    ids = list(group.rangs.columns)
    order = check_order(order, ids, mode)
    consensus = group.consensus.reindex(ids)
    table = pd.DataFrame(
        {
            "nom": consensus["nom"],
            "theme_nom": consensus["theme_nom"],
            "votre_rang": np.nan,
            "rang_groupe": consensus["rang"],
            "rang_moyen_groupe": consensus["rang_moyen"],
        },
        index=pd.Index(ids, name="id", dtype=object),
    )
    if not order:
        table["ecart"] = np.nan
        return Comparison(
            mode,
            table.loc[group.consensus.index],
            math.nan,
            "Vous n’avez encore placé aucun avantage : classez-en d’abord quelques-uns, puis "
            "relancez la comparaison.",
            group,
        )
    mine = rank_vector(order, mode, ids)
    table.loc[list(order), "votre_rang"] = mine[[ids.index(b) for b in order]]
    table["ecart"] = (table["votre_rang"] - table["rang_moyen_groupe"]).round(2)
    tau = float(tau_b_rows(mine, group.rangs.to_numpy().sum(axis=0))[0])
    text = read_tau(tau, group.niveaux)
    gap = pd.Series(mine, index=ids) - consensus["rang_moyen"]
    higher = gap.idxmin()
    lower = gap.idxmax()
    n_shown = len(order)

    def your(b: str) -> str:
        return "non placé" if b not in order else fr_number(float(mine[ids.index(b)]), 1)

    if gap[higher] <= -3:
        text += (
            f" Vous placez « {consensus.at[higher, 'nom']} » bien plus haut que le groupe "
            f"(vous : {your(higher)} ; groupe : {fr_number(consensus.at[higher, 'rang_moyen'], 1)} "
            "en moyenne) : dites pourquoi."
        )
    if gap[lower] >= 3:
        if lower in order:
            text += (
                f" À l’inverse, « {consensus.at[lower, 'nom']} » est plus bas chez vous "
                f"(vous : {your(lower)} ; groupe : "
                f"{fr_number(consensus.at[lower, 'rang_moyen'], 1)})."
            )
        else:
            text += (
                f" À l’inverse, « {consensus.at[lower, 'nom']} » n’est pas parmi vos "
                f"{n_shown} choix, alors que le groupe le place en moyenne au rang "
                f"{fr_number(consensus.at[lower, 'rang_moyen'], 1)}."
            )
    return Comparison(mode, table.loc[group.consensus.index], tau, text, group)
