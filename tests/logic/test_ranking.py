"""Ranking maths: Kendall's W (with ties), its χ² test, τ-b, Borda, partial rankings.

Worked examples come from sources whose numbers these tests reproduce; each is cited where
it is used, with a hand computation where the numbers are small enough.
"""

from __future__ import annotations

import math
from itertools import combinations, pairwise

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tanmia_course.content.loader import load_content
from tanmia_course.content.ranking import MODES, capacity
from tanmia_course.errors import IdentifiantInconnu
from tanmia_course.exercises.ranking import analysis as rk

# --------------------------------------------------------------------- worked examples

# The `anxiety` ratings (20 subjects rated 1–6 by 3 raters), as printed in the examples of
# the R package DescTools, function KendallW (data from the R package irr). Its
# documented output, with the tie correction: W = 0.5396569, "Kendall chi-squared = 30.76,
# df = 19, subjects = 20, raters = 3, p-value = 0.04288".
ANXIETY = [
    [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3],
    [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4],
    [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
]

# Siegel & Castellan (1988), Nonparametric Statistics for the Behavioral Sciences, 2nd ed.:
# three raters (ids 4, 21, 11) rank 8 attributes, as reproduced in the DescTools KendallW
# examples, whose output is W = 0.6560847, "Kendall chi-squared = 13.778, df = 7,
# p-value = 0.05528". We reproduce DescTools' numbers; we did not check the book itself.
ATTRIBUTES = [
    [5, 6, 7, 1, 2, 4, 3, 8],  # rater 4: airfare, climate, season, people, program,
    [1, 7, 6, 2, 3, 5, 4, 8],  # rater 21   publicity, present, interest
    [4, 5, 1, 3, 2, 7, 6, 8],  # rater 11
]


def test_kendall_w_with_ties_reproduces_the_descTools_anxiety_example():
    result = rk.kendall_w(rk.midranks(ANXIETY))
    assert result.w == pytest.approx(0.5396569, abs=5e-8)
    assert result.chi2 == pytest.approx(30.76, abs=0.005)
    assert result.ddl == 19
    assert result.p_valeur == pytest.approx(0.04288, abs=5e-6)
    assert result.correction_ex_aequo > 0  # the ratings are full of ties


def test_kendall_w_reproduces_the_siegel_castellan_attributes_example():
    """By hand: rank sums Rⱼ = 10, 18, 14, 6, 7, 16, 13, 24 (total 108 = 3·8·9/2), mean 13.5;
    S = 3.5² + 4.5² + 0.5² + 7.5² + 6.5² + 2.5² + 0.5² + 10.5² = 248;
    W = 12 · 248 / (3² · (8³ − 8)) = 2976 / 4536 = 0.656085; χ² = 3 · 7 · W = 13.778."""
    result = rk.kendall_w(ATTRIBUTES)
    assert result.s == 248
    assert result.w == pytest.approx(2976 / 4536) == pytest.approx(0.6560847, abs=5e-8)
    assert result.chi2 == pytest.approx(13.778, abs=5e-4)
    assert result.p_valeur == pytest.approx(0.05528, abs=5e-6)
    assert result.correction_ex_aequo == 0


def test_tau_b_with_ties_reproduces_the_scipy_example():
    """SciPy's documentation of scipy.stats.kendalltau gives τ-b = −0.47140452079103173 for
    x = [12, 2, 1, 12, 2], y = [1, 4, 7, 1, 0]. By hand: of the 10 pairs, 2 concordant,
    6 discordant, 1 tied in both (0, 3), 1 tied in x only (1, 4); n₁ = 2 pairs tied in x,
    n₂ = 1 in y; τ-b = (2 − 6) / √((10 − 2)(10 − 1)) = −4 / √72."""
    assert rk.tau_b([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) == pytest.approx(-4 / math.sqrt(72))
    assert rk.tau_b([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]) == pytest.approx(-0.47140452079103173)


# Upper-tail critical values of the chi-square distribution, as tabulated in the
# NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.4 (three decimals).
CHI2_TABLE = [
    (1, 0.05, 3.841),
    (1, 0.01, 6.635),
    (2, 0.05, 5.991),
    (5, 0.05, 11.070),
    (10, 0.05, 18.307),
    (10, 0.01, 23.209),
    (19, 0.05, 30.144),
    (20, 0.05, 31.410),
    (20, 0.01, 37.566),
    (30, 0.10, 40.256),
    (100, 0.05, 124.342),
]


@pytest.mark.parametrize(("df", "alpha", "critical"), CHI2_TABLE)
def test_chi2_survival_matches_the_published_table(df, alpha, critical):
    # the table's values are rounded to 1e-3, which moves p by less than 1e-4 here
    assert rk.chi2_sf(critical, df) == pytest.approx(alpha, abs=1e-4)


@settings(deadline=None)
@given(st.floats(min_value=0.0, max_value=200.0))
def test_chi2_survival_matches_the_closed_forms(x):
    # df = 2: P(χ² ≥ x) = e^(−x/2); df = 1: erfc(√(x/2)); df = 6: e^(−x/2)(1 + x/2 + x²/8)
    assert rk.chi2_sf(x, 2) == pytest.approx(math.exp(-x / 2), rel=1e-12, abs=1e-300)
    assert rk.chi2_sf(x, 1) == pytest.approx(math.erfc(math.sqrt(x / 2)), rel=1e-10, abs=1e-300)
    poisson = math.exp(-x / 2) * sum((x / 2) ** k / math.factorial(k) for k in range(3))
    assert rk.chi2_sf(x, 6) == pytest.approx(poisson, rel=1e-10, abs=1e-300)


def test_chi2_survival_limits_and_errors():
    assert rk.chi2_sf(0, 7) == 1.0
    assert rk.chi2_sf(10_000, 20) == pytest.approx(0.0, abs=1e-300)
    values = [rk.chi2_sf(x, 20) for x in np.linspace(0, 80, 41)]
    assert all(a >= b for a, b in pairwise(values))
    assert math.isnan(rk.chi2_sf(math.nan, 3))
    with pytest.raises(ValueError, match="degrés de liberté"):
        rk.chi2_sf(1.0, 0)


# ----------------------------------------------------------------------- exact cases


@settings(deadline=None)
@given(st.integers(2, 30), st.permutations(list(range(1, 13))))
def test_identical_rankings_agree_perfectly(m, permutation):
    result = rk.kendall_w([permutation] * m)
    assert result.w == pytest.approx(1.0)
    assert result.p_valeur < 0.05 or m < 3


def test_identical_partial_rankings_agree_perfectly_thanks_to_the_tie_correction():
    ids = [f"b{i}" for i in range(21)]
    diamond = ids[:9]
    ranks, _ = rk.rank_matrix([diamond] * 5, "diamant", ids)
    assert rk.kendall_w(ranks).w == pytest.approx(1.0)
    without_correction = 12 * rk.kendall_w(ranks).s / (25 * (21**3 - 21))
    assert without_correction < 1  # what forgetting the correction would give


def test_two_opposite_raters_do_not_agree_at_all():
    assert rk.kendall_w([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]]).w == 0


@settings(deadline=None)
@given(st.permutations(list(range(1, 9))), st.permutations(list(range(1, 9))))
def test_two_raters_w_is_spearman_rho_rescaled(a, b):
    n = len(a)
    rho = 1 - 6 * sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) / (n * (n**2 - 1))
    assert rk.kendall_w([a, b]).w == pytest.approx((rho + 1) / 2)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.permutations(list(range(1, 8))), min_size=3, max_size=8))
def test_w_and_the_mean_spearman_rho_agree(rankings):
    """Without ties, the mean Spearman ρ over all pairs of raters is (mW − 1)/(m − 1)."""
    m = len(rankings)
    rhos = [np.corrcoef(a, b)[0, 1] for a, b in combinations(rankings, 2)]
    w = rk.kendall_w(rankings).w
    assert np.mean(rhos) == pytest.approx((m * w - 1) / (m - 1), abs=1e-9)


def test_ties_by_hand():
    """Three raters, four items, ties averaged.
    Ranks: A = (1, 2.5, 2.5, 4), B = (1, 2, 3, 4), C = (2, 2, 2, 4)... with C's three tied
    items getting (1 + 2 + 3)/3 = 2. Rank sums: 4, 6.5, 7.5, 12 (total 30 = 3·4·5/2);
    mean 7.5; S = 3.5² + 1² + 0² + 4.5² = 33.5. Ties: A has one pair (2³ − 2 = 6), C a
    triple (3³ − 3 = 24): ΣT = 30. W = 12 · 33.5 / (9 · 60 − 3 · 30) = 402 / 450."""
    ranks = [[1, 2.5, 2.5, 4], [1, 2, 3, 4], [2, 2, 2, 4]]
    result = rk.kendall_w(ranks)
    assert result.s == 33.5
    assert result.correction_ex_aequo == 30
    assert result.w == pytest.approx(402 / 450)


def test_w_needs_two_rankings_and_is_undefined_when_nothing_is_ranked():
    with pytest.raises(ValueError, match="au moins deux classements"):
        rk.kendall_w([[1, 2, 3]])
    all_tied = rk.kendall_w([[2, 2, 2], [2, 2, 2]])
    assert math.isnan(all_tied.w) and math.isnan(all_tied.p_valeur)
    assert "pas calculable" in rk.read_concordance(all_tied)


def test_midranks_and_tie_sums_match_a_brute_force_count():
    rng = np.random.default_rng(7)
    scores = rng.integers(0, 5, size=(50, 9))
    ranks = rk.midranks(scores)
    for row, r in zip(scores, ranks, strict=True):
        for j, value in enumerate(row):
            below = (row < value).sum()
            equal = (row == value).sum()
            assert r[j] == below + (equal + 1) / 2
        groups = pd.Series(row).value_counts()
        assert rk.tie_sums(r[None, :])[0] == sum(t**3 - t for t in groups)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=2, max_size=9), st.data())
def test_tau_b_matches_the_definition_pair_by_pair(x, data):
    y = data.draw(st.lists(st.integers(0, 3), min_size=len(x), max_size=len(x)))
    concordant = discordant = tied_x = tied_y = 0
    for i, j in combinations(range(len(x)), 2):
        dx, dy = np.sign(x[i] - x[j]), np.sign(y[i] - y[j])
        concordant += dx * dy > 0
        discordant += dx * dy < 0
        tied_x += dx == 0
        tied_y += dy == 0
    pairs = len(x) * (len(x) - 1) / 2
    denominator = math.sqrt((pairs - tied_x) * (pairs - tied_y))
    got = rk.tau_b(x, y)
    if denominator == 0:
        assert math.isnan(got)
    else:
        assert got == pytest.approx((concordant - discordant) / denominator)


def test_tau_b_extremes():
    assert rk.tau_b([1, 2, 3, 4], [1, 2, 3, 4]) == 1
    assert rk.tau_b([1, 2, 3, 4], [4, 3, 2, 1]) == -1
    with pytest.raises(ValueError, match="même longueur"):
        rk.tau_b([1, 2], [1, 2, 3])


# ------------------------------------------------------------- partial rankings, Borda

IDS = [f"b{i:02d}" for i in range(21)]


def test_unranked_benefits_share_the_average_of_the_remaining_ranks():
    top5 = rk.rank_vector(IDS[:5], "premiers", IDS)
    assert top5[:5].tolist() == [1, 2, 3, 4, 5]
    assert set(top5[5:]) == {(6 + 21) / 2}
    diamond = rk.rank_vector(IDS[:9], "diamant", IDS)
    assert diamond[:9].tolist() == [1, 2.5, 2.5, 5, 5, 5, 7.5, 7.5, 9]
    assert set(diamond[9:]) == {15.5}
    # every form uses the ranks 1…n with the same total, so rank sums stay comparable
    for ranks in (top5, diamond, rk.rank_vector(IDS, "complet", IDS)):
        assert ranks.sum() == 21 * 22 / 2


def test_a_half_filled_diamond_row_averages_only_the_places_it_fills():
    ranks = rk.rank_vector(IDS[:5], "diamant", IDS)  # rows 1, 2 (full), 3 (two of three)
    assert ranks[:5].tolist() == [1, 2.5, 2.5, 4.5, 4.5]
    assert set(ranks[5:]) == {(6 + 21) / 2}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(MODES), st.permutations(IDS)), min_size=1, max_size=12),
    st.data(),
)
def test_each_tier_of_a_ranking_shares_the_mean_of_its_places(drawn, data):
    orders, modes = [], []
    for mode, permutation in drawn:
        room = capacity(mode, len(IDS))
        length = data.draw(st.integers(1, room))
        orders.append(permutation[:length])
        modes.append(mode)
    ranks, placed = rk.rank_matrix(orders, modes, IDS)
    for i, (order, mode) in enumerate(zip(orders, modes, strict=True)):
        expected = np.full(len(IDS), (len(order) + 1 + len(IDS)) / 2)
        for group_start, group in _groups(order, mode):
            for item in group:
                expected[IDS.index(item)] = group_start + (len(group) + 1) / 2
        assert ranks[i].tolist() == expected.tolist()
        assert placed[i].sum() == len(order)


def _groups(order, mode):
    start = 0
    for group in rk.tiers(order, mode):
        yield start, group
        start += len(group)


def test_borda_points_are_n_minus_the_place_averaged_over_the_participants():
    """Two full rankings of 3 items: places give 2, 1, 0 points. A, B, C then C, A, B:
    A = (2 + 1) / 2 = 1.5, B = (1 + 0) / 2 = 0.5, C = (0 + 2) / 2 = 1 point on average —
    the mean, the measure the consensus chart draws, under the same heading."""
    table = pd.DataFrame({"nom": ["A", "B", "C"], "theme_nom": ["t"] * 3}, index=["a", "b", "c"])
    result = rk.aggregate([["a", "b", "c"], ["c", "a", "b"]], "complet", table)
    assert result.consensus["points_borda"].to_dict() == {"a": 1.5, "c": 1, "b": 0.5}
    assert rk.CONSENSUS_COLUMNS["points_borda"] == rk.BORDA_LABEL == "Points de Borda (moyenne)"
    assert list(result.consensus.index) == ["a", "c", "b"]
    assert result.consensus["rang"].tolist() == [1, 2, 3]


def test_two_raters_each_agree_with_the_other_by_their_tau_b():
    table = pd.DataFrame({"nom": list("ABCDE"), "theme_nom": ["t"] * 5}, index=list("abcde"))
    first, second = list("abcde"), list("bacde")
    result = rk.aggregate([first, second], "complet", table, participants=["x", "y"])
    expected = rk.tau_b([1, 2, 3, 4, 5], [2, 1, 3, 4, 5])
    assert result.participants["accord_tau_b"].tolist() == [round(expected, 3)] * 2


# --------------------------------------------------------------------- group results


@pytest.fixture(scope="module")
def avantages():
    import tanmia_course as tc

    return tc.avantages()


@pytest.fixture(scope="module")
def levels():
    return load_content().agreement_levels


def test_a_group_result_has_a_consensus_a_w_and_a_reading(avantages, levels):
    rng = np.random.default_rng(3)
    ids = list(avantages.index)
    shared = ids[:5]
    orders = [shared + list(rng.permutation(ids[5:])) for _ in range(12)]
    result = rk.aggregate(orders, "complet", avantages, niveaux=levels)
    assert list(result.consensus.index[:5]) == shared
    assert list(result.consensus.columns) == [
        "rang",
        "nom",
        "theme_nom",
        "rang_moyen",
        "points_borda",
        "ecart_interquartile",
        "ecart_type",
        "nb_places",
    ]
    assert result.consensus["ecart_interquartile"].iloc[:5].eq(0).all()
    assert 0 < result.w < 1 and result.p_valeur < 0.001
    assert result.lecture.startswith(f"W = {rk.fr_number(result.w, 2)}")
    assert "p < 0,001" in result.lecture
    assert "écart" in result._repr_html_() and "Borda" in result._repr_html_()
    assert repr(result).splitlines()[0].endswith("12 classements")


def test_the_most_contested_benefits_have_the_widest_spread(avantages):
    ids = list(avantages.index)
    split = ids[10]
    base = [i for i in ids if i != split]
    orders = [[split, *base] if k % 2 else [*base, split] for k in range(10)]
    result = rk.aggregate(orders, "complet", avantages)
    assert result.contestes(1).index[0] == split
    assert list(result.contestes(3).columns) == [
        "nom",
        "theme_nom",
        "rang_moyen",
        "ecart_interquartile",
        "ecart_type",
    ]


def test_a_reading_names_the_band_and_the_test(levels):
    strong = rk.Concordance(0.82, 150.0, 20, 1e-20, 10, 21, 0.0, 0.0)
    weak = rk.Concordance(0.05, 12.0, 20, 0.92, 12, 21, 0.0, 0.0)
    assert "accord très fort" in rk.read_concordance(strong, levels)
    text = rk.read_concordance(weak, levels)
    assert "accord très faible" in text and "hasard" in text and "p = 0,920" in text
    small = rk.Concordance(0.6, 9.0, 4, 0.06, 3, 5, 0.0, 0.0)
    assert "approximation" in rk.read_concordance(small, levels)
    assert "très proche du groupe" in rk.read_tau(0.7, levels)
    assert "à contre-courant" in rk.read_tau(-0.5, levels)


def test_aggregating_names_the_bad_ranking(avantages):
    ids = list(avantages.index)
    good = ids[:9]
    with pytest.raises(ValueError, match=r"« p02 ».*« zzz »"):
        rk.aggregate([good, [*ids[:3], "zzz"]], "diamant", avantages, participants=["p01", "p02"])
    with pytest.raises(ValueError, match=r"« p02 ».*apparaît 2 fois"):
        rk.aggregate([good, [ids[0], ids[0]]], "diamant", avantages, participants=["p01", "p02"])
    with pytest.raises(ValueError, match=r"n° 2.*un diamant compte 9 places"):
        rk.aggregate([good, ids[:10]], "diamant", avantages)
    with pytest.raises(ValueError, match="forme de classement inconnue : « pyramide »"):
        rk.aggregate([good, good], ["diamant", "pyramide"], avantages)
    with pytest.raises(ValueError, match="« p01 » est vide"):
        rk.aggregate([[], good], "diamant", avantages, participants=["p01", "p02"])
    with pytest.raises(ValueError, match="n° 2 est vide"):
        rk.aggregate([good, []], "diamant", avantages)
    with pytest.raises(ValueError, match="identifiant de participant unique"):
        rk.aggregate([good, good], "diamant", avantages, participants=["a", "a"])
    with pytest.raises(ValueError, match="au moins deux classements"):
        rk.aggregate([good], "diamant", avantages)


# ---------------------------------------------------------------- one learner's ranking


def test_checking_a_ranking_names_each_problem():
    known = ["a", "b", "c", "d"]
    assert rk.check_order(["b", "a"], known) == ("b", "a")
    with pytest.raises(ValueError, match="« a » apparaît 2 fois"):
        rk.check_order(["a", "b", "a"], known)
    with pytest.raises(IdentifiantInconnu, match="Avantage inconnu : « z »"):
        rk.check_order(["a", "z"], known)
    with pytest.raises(ValueError, match="garde les 2 premiers"):
        rk.check_order(["a", "b", "c"], known, "premiers", k=2)
    with pytest.raises(ValueError, match="liste d’identifiants"):
        rk.check_order("a,b", known)
    with pytest.raises(ValueError, match="Formes possibles : complet, diamant, premiers"):
        rk.check_order(["a"], known, "pyramide")


def test_the_learners_table_shows_places_ranks_and_justifications(avantages):
    ids = list(avantages.index)
    table = rk.learner_table(ids[:4], "diamant", avantages, {ids[0]: "Parce que."})
    assert list(table.columns) == ["place", "rang", "nom", "theme_nom", "justification"]
    assert table["place"].tolist() == [1, 2, 2, 3]
    assert table["rang"].tolist() == [1, 2.5, 2.5, 4]
    assert table.loc[ids[0], "justification"] == "Parce que."
    assert table.loc[ids[0], "nom"] == avantages.loc[ids[0], "nom"]


def test_moves_and_progress():
    assert rk.move("abcd", 1, "descendre") == (("a", "c", "b", "d"), 2)
    assert rk.move("abcd", 1, "en_bas") == (("a", "c", "d", "b"), 3)
    assert rk.move("abcd", 3, "descendre") == (("a", "b", "c", "d"), 3)
    with pytest.raises(ValueError, match="Déplacement inconnu"):
        rk.move("ab", 0, "gauche")
    with pytest.raises(ValueError, match="Aucune carte à la position 5"):
        rk.move("ab", 4, "monter")
    done, message = rk.progress(["a", "b", "c"], 3, {"a": "x", "b": " ", "c": "y"})
    assert not done and message.startswith("3 avantages placés sur 3 ; toutes les places")
    assert "il en manque 1" in message
    assert rk.progress(["a", "b", "c"], 3, dict.fromkeys("abc", "ok"))[0]


def test_comparing_a_learner_with_the_group(avantages, levels):
    ids = list(avantages.index)
    swapped = [ids[1], ids[0], *ids[2:]]
    orders = [ids, ids, swapped, ids[:9]]
    modes = ["complet", "complet", "complet", "diamant"]
    group = rk.aggregate(orders, modes, avantages, niveaux=levels)
    assert group.consensus["rang_moyen"].is_unique
    same = rk.compare(list(group.consensus.index), "complet", group)
    assert same.tau_b == pytest.approx(1.0)
    assert same.tableau["ecart"].abs().max() < 3
    contrary = rk.compare(list(group.consensus.index[::-1]), "complet", group)
    assert contrary.tau_b < 0 and "à contre-courant" in contrary.lecture
    assert "bien plus haut que le groupe" in contrary.lecture
    partial = rk.compare([ids[20]], "premiers", group)
    assert math.isnan(partial.tableau.loc[ids[0], "votre_rang"])
    assert partial.tableau.loc[ids[20], "votre_rang"] == 1
    assert "n’est pas parmi vos 1 choix" in partial.lecture
    empty = rk.compare([], "diamant", group)
    assert math.isnan(empty.tau_b) and "aucun avantage" in empty.lecture
    assert "Votre rang" in same._repr_html_()


# ------------------------------------------------------------- what a learner reads

BAD_ORDERS = {
    "en double": ["a", "b", "a"],
    "pas une liste": "abc",
    "pas du texte": ["a", 3],
}


@pytest.mark.parametrize("bad", BAD_ORDERS.values(), ids=BAD_ORDERS)
def test_a_refused_ranking_is_one_sentence_with_one_full_stop(bad):
    """The checks say what is wrong as a clause; each message that holds one ends it once
    (« … dans un classement.. » was shown to learners)."""
    from tanmia_course.exercises.ranking.answer import check_order

    ids = ["a", "b", "c"]
    table = pd.DataFrame({"nom": ["A", "B", "C"], "theme_nom": ["t"] * 3}, index=ids)
    with pytest.raises(ValueError) as refused:
        check_order(bad, ids, "premiers", k=3)
    with pytest.raises(ValueError) as in_group:
        rk.aggregate([bad, ["a", "b", "c"]], "complet", table)
    for message in (str(refused.value), str(in_group.value)):
        assert message.endswith(".") and ".." not in message.replace("…", ""), message
