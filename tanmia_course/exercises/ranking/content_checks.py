"""Checks of the ranking content across files: a class's rankings and the agreement levels.

Called by the loader once every file is read, so that a ranking naming a benefit that no
file defines, or a scale of agreement levels with a hole, is refused with a French message
naming the file, the item and the field — and nothing is loaded.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...errors import Probleme

# Each measure's scale: a level must start at its bottom so that every value has a reading.
SCALES = {"w": (0.0, 1.0), "tau_b": (-1.0, 1.0)}
MEASURE_NAMES = {"w": "W de Kendall", "tau_b": "τ-b de Kendall"}


def ranking_problems(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    from .analysis import order_problem

    problems: list[Probleme] = []
    benefits = list(merged.get("benefits", {}))
    for group in merged.get("ranking_groups", {}).values():
        label = where[("ranking_groups", group.id)]
        seen = Counter(r.id for r in group.rankings)
        for ranking_id, count in seen.items():
            if count > 1:
                problems.append(
                    Probleme(
                        label,
                        f"le participant « {ranking_id} » a {count} classements dans ce groupe",
                        group.id,
                        "rankings",
                    )
                )
        for number, ranking in enumerate(group.rankings, start=1):
            problem = order_problem(list(ranking.order), ranking.mode, benefits)
            if problem:
                problems.append(
                    Probleme(
                        label,
                        f"classement de « {ranking.id} » : {problem}",
                        group.id,
                        f"rankings.{number - 1}.order",
                    )
                )
        if len(group.rankings) < 2:
            problems.append(
                Probleme(
                    label,
                    "un groupe doit réunir au moins deux classements pour mesurer un accord",
                    group.id,
                    "rankings",
                )
            )
    levels = list(merged.get("agreement_levels", {}).values())
    for level in levels:
        scale = SCALES.get(level.measure)
        label = where[("agreement_levels", level.id)]
        if scale is None:
            problems.append(
                Probleme(
                    label,
                    f"mesure « {level.measure} » inconnue ; mesures possibles : "
                    f"{', '.join(SCALES)}",
                    level.id,
                    "measure",
                )
            )
        elif not scale[0] <= level.minimum <= scale[1]:
            problems.append(
                Probleme(
                    label,
                    f"le seuil {level.minimum} sort de l’échelle du {MEASURE_NAMES[level.measure]} "
                    f"({scale[0]} à {scale[1]})",
                    level.id,
                    "min",
                )
            )
    for measure, (bottom, _) in SCALES.items():
        mine = [lv for lv in levels if lv.measure == measure]
        if not mine:
            continue
        minima = Counter(lv.minimum for lv in mine)
        for value, count in minima.items():
            if count > 1:
                twins = [lv.id for lv in mine if lv.minimum == value]
                problems.append(
                    Probleme(
                        where[("agreement_levels", twins[-1])],
                        f"deux niveaux du {MEASURE_NAMES[measure]} commencent au même seuil "
                        f"{value} ({', '.join(twins)})",
                        twins[-1],
                        "min",
                    )
                )
        lowest = min(mine, key=lambda lv: lv.minimum)
        if lowest.minimum > bottom:
            problems.append(
                Probleme(
                    where[("agreement_levels", lowest.id)],
                    f"aucun niveau du {MEASURE_NAMES[measure]} ne commence à {bottom} : les "
                    f"valeurs sous {lowest.minimum} n’auraient pas de lecture",
                    lowest.id,
                    "min",
                )
            )
    return problems
