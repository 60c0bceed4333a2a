"""Checks of the exercise « Explorer le guide avec pandas » (solutions/00_explorer_le_guide)."""

from __future__ import annotations

from typing import Any

from ...content.loader import load_content
from ...content.tables import themes
from ...display.text import plural
from ..feedback import check
from .analysis import compare_ids


@check("nb_avantages")
def _nb_avantages(answer: Any) -> tuple[bool, str]:
    expected = len(load_content().benefits)
    if not isinstance(answer, int) or isinstance(answer, bool):
        return (
            False,
            f"attendu : un nombre entier ; reçu : {type(answer).__name__}. Essayez len(...).",
        )
    if answer == expected:
        return True, f"le guide cite bien {expected} avantages du partenariat."
    return False, (
        f"{answer} n’est pas le bon compte. Chaque ligne de tc.avantages() est un avantage : "
        "comptez les lignes avec len(...)."
    )


@check("theme_principal")
def _theme_principal(answer: Any) -> tuple[bool, str]:
    table = themes()  # what the learner reads: its column nb_avantages
    counts, names = dict(table["nb_avantages"]), dict(table["nom"])
    top = max(counts.values())
    best = [t for t, n in counts.items() if n == top]
    if answer in best:
        return True, f"« {names[answer]} » regroupe {top} avantages, le plus grand nombre."
    if answer in counts:
        return False, (
            f"« {names[answer]} » ne regroupe que "
            f"{plural(counts[answer], 'avantage', 'avantages')}. Regardez la "
            "colonne nb_avantages de tc.themes() et cherchez le maximum (idxmax())."
        )
    return False, (
        f"« {answer} » n’est pas l’identifiant d’un thème. Les identifiants sont dans l’index "
        f"de tc.themes() : {', '.join(counts)}."
    )


@check("pratiques_partage")
def _pratiques_partage(answer: Any) -> tuple[bool, str]:
    practices = load_content().practices
    expected = [p.id for p in practices if "partage" in str(p.label).lower()]
    return compare_ids(
        answer,
        expected,
        {p.id for p in practices},
        "list(tableau.index)",
        "n’est pas l’identifiant d’une bonne pratique : prenez les identifiants dans l’index de "
        "tc.bonnes_pratiques()",
        right=(
            f"les {len(expected)} bonnes pratiques qui parlent de partage : le partenariat "
            "suppose de partager décisions, expériences et risques, pas seulement des moyens."
        ),
        missing=lambda n: (
            f"il en manque {n} (un filtre sensible aux majuscules ? essayez "
            'str.contains("partage", case=False))'
        ),
        extra=lambda practice: f"« {practice} » ne contient pas le mot « partage »",
    )
