"""Checks of the exercise « Classement des avantages » (solutions/02_classement_avantages).

There is no right ranking: the check of the learner's own ranking only asks that it be
finished and its first three choices justified. The questions about the demo class are
computed from the class's data, never written down here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ...content.ranking import capacity
from ...display.text import fr_number, french_list, plural
from ...errors import IdentifiantInconnu
from ..feedback import check
from .analysis import TOP_JUSTIFIED
from .answer import check_order
from .result import classement_classe

MIN_WORDS = 5


def _benefit_of_demo(answer: Any) -> tuple[Any, str | None, str]:
    """The demo class, and the id of the benefit the learner means with its name — or None
    and a message saying what to give instead."""
    classe = classement_classe()
    names: Mapping[str, str] = dict(classe.consensus["nom"])
    if isinstance(answer, str) and answer in names:
        return classe, answer, names[answer]
    named = {v.lower(): k for k, v in names.items()}.get(str(answer).strip().lower())
    if not isinstance(answer, str):
        problem = (
            f"attendu : l’identifiant d’un avantage (un texte) ; reçu : {type(answer).__name__}."
        )
    elif named:
        problem = (
            f"c’est le nom de l’avantage ; donnez son identifiant, « {named} » (l’index du "
            "tableau, à gauche)."
        )
    else:
        problem = (
            f"« {answer} » n’est pas l’identifiant d’un avantage (voir l’index de tc.avantages())."
        )
    return classe, None, problem


@check("classement_avantages")
def _classement(answer: Any) -> tuple[bool, str]:
    """A widget knows its number of places; a bare answer in ``premiers`` form is taken
    as the default five first choices."""
    room = getattr(answer, "capacite", None)
    answer = getattr(answer, "answer", answer)
    if not isinstance(answer, Mapping) or "ordre" not in answer:
        return False, "attendu : la réponse du widget, classement.answer."
    from ...content.tables import avantages

    table = avantages()
    ids = list(table.index)
    mode = answer.get("mode", "complet")
    try:
        order = check_order(answer["ordre"], ids, mode)
    except (ValueError, IdentifiantInconnu) as exc:
        return False, str(exc)
    room = room or capacity(mode, len(ids))
    if not order:
        return False, (
            "vous n’avez encore placé aucun avantage : choisissez dans la liste de gauche "
            "celui qui compte le plus pour votre association, puis cliquez sur « Placer → »."
        )
    if len(order) < room:
        return (
            False,
            f"encore {plural(room - len(order), 'avantage', 'avantages')} à placer sur {room}.",
        )
    texts = answer.get("justifications") or {}
    for benefit in order[:TOP_JUSTIFIED]:
        text = str(texts.get(benefit, "")).strip()
        name = table.at[benefit, "nom"]
        if not text:
            return False, f"justifiez « {name} » en une phrase : pourquoi compte-t-il pour vous ?"
        if len(text.split()) < MIN_WORDS:
            return False, (
                f"la justification de « {name} » est très courte : écrivez une phrase qui part "
                "d’une situation réelle (un besoin, une faiblesse, un échec passé)."
            )
    first = french_list(table.loc[list(order[:TOP_JUSTIFIED]), "nom"], last=", ")
    return True, (
        f"classement terminé, vos trois premiers choix sont justifiés ({first}). Comparez-le "
        "maintenant avec celui de la classe."
    )


@check("premier_de_la_classe")
def _premier(answer: Any) -> tuple[bool, str]:
    classe, benefit, name = _benefit_of_demo(answer)
    if benefit is None:
        return False, name
    rank = int(classe.consensus.at[benefit, "rang"])
    mean = classe.consensus.at[benefit, "rang_moyen"]
    if rank == 1:
        return True, (
            f"« {name} » a le plus petit rang moyen ({fr_number(mean, 1)}) : c’est la "
            "première priorité de la classe."
        )
    return False, (
        f"« {name} » est au rang {rank} pour la classe. Le tableau classe.consensus "
        "est trié du plus important au moins important : prenez l’identifiant de sa première "
        "ligne (classe.consensus.index[0])."
    )


@check("avantage_le_plus_conteste")
def _conteste(answer: Any) -> tuple[bool, str]:
    classe, benefit, name = _benefit_of_demo(answer)
    if benefit is None:
        return False, name
    spread = classe.consensus["ecart_interquartile"]
    ranks = classe.rangs[benefit]
    q1, q3 = ranks.quantile(0.25), ranks.quantile(0.75)
    if math.isclose(spread[benefit], spread.max()):
        return True, (
            f"« {name} » a le plus grand écart interquartile : la moitié centrale de "
            f"la classe le place entre les rangs {fr_number(q1, 1)} et {fr_number(q3, 1)}. "
            "C’est là que la discussion sera la plus riche."
        )
    return False, (
        f"l’écart interquartile de « {name} » est de "
        f"{fr_number(spread[benefit], 1)} ; d’autres avantages divisent davantage la classe. "
        "Triez classe.consensus sur la colonne ecart_interquartile, ou utilisez "
        "classe.contestes()."
    )


@check("accord_significatif")
def _significatif(answer: Any) -> tuple[bool, str]:
    classe = classement_classe()
    if not isinstance(answer, bool):
        return False, "attendu : True ou False (par exemple classe.p_valeur < 0.05)."
    expected = bool(classe.p_valeur < 0.05)
    if answer == expected:
        return True, (
            "oui : si chacun avait classé au hasard, un W aussi grand serait très rare "
            "(p < 0,05). Les priorités communes de la classe sont réelles, même si l’accord "
            "n’est pas parfait."
            if expected
            else "non : un accord de cette taille pourrait venir du hasard (p ≥ 0,05)."
        )
    return False, (
        "comparez classe.p_valeur au seuil de 0,05 : en dessous, un accord aussi fort serait "
        "très rare si chacun avait classé au hasard."
    )
