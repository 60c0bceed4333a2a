"""Case studies and audit rules for the notebooks, one call each, in French.

>>> "minibus_des_collegiennes" in etudes_de_cas().index
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ...content.loader import load_content
from ...content.model import SOURCE_LABELS, CaseStudy
from ...content.verdict import FEU_MEANINGS, VERDICTS, Verdict, verdict_rules
from ...errors import by_id
from .analysis import audit_verdict, reference_answer
from .answer import normalise_answer
from .report import ResultatAudit, build_result


def etudes_de_cas() -> pd.DataFrame:
    """Les études de cas à auditer : titre, résumé, longueur (en mots) et source."""
    rows = [
        (c.id, str(c.title), str(c.summary), c.word_count(), SOURCE_LABELS[c.source])
        for c in load_content().case_studies
    ]
    frame = pd.DataFrame(rows, columns=["id", "titre", "resume", "nb_mots", "source"])
    return frame.set_index("id")


def etude_de_cas(identifiant: str) -> CaseStudy:
    """Le texte d’une étude de cas, paragraphes numérotés (§ 1, § 2…), sans la référence."""
    return by_id(load_content().case_studies, identifiant, "Étude de cas", feminin=True)


def analyser_audit(identifiant: str, reponse: Mapping[str, Any]) -> ResultatAudit:
    """Le résultat d’un audit donné comme un dictionnaire (la forme de ``audit.answer``) :
    verdict, comparaison avec la référence, figures et rapport, sans formulaire."""
    content = load_content()
    case = etude_de_cas(identifiant)
    answer = normalise_answer(reponse, content)
    return build_result(case, answer, content)


def audit_reference(identifiant: str) -> ResultatAudit:
    """L’audit de référence d’un cas, complet (pour le formateur : à montrer après l’exercice)."""
    return analyser_audit(identifiant, reference_answer(etude_de_cas(identifiant)))


def feux_audit() -> pd.DataFrame:
    """Les bandes des feux (vert, ambre, rouge) appliquées au niveau de chaque critère."""
    bands = [
        ("vert", "3", "niveau ≥ 2,5"),
        ("ambre", "2", "1,5 ≤ niveau < 2,5"),
        ("rouge", "0 ou 1", "niveau < 1,5"),
    ]
    rows = [(light, levels, rule, FEU_MEANINGS[light]) for light, levels, rule in bands]
    return pd.DataFrame(rows, columns=["feu", "niveaux", "regle", "sens"]).set_index("feu")


def regles_audit() -> pd.DataFrame:
    """Les règles du verdict d’un audit, dans l’ordre où on les applique."""
    rows = [(n, rule, VERDICTS[v]) for n, (rule, v) in enumerate(verdict_rules(), start=1)]
    return pd.DataFrame(rows, columns=["ordre", "condition", "verdict"]).set_index("ordre")


def verdict_audit(
    niveaux: Mapping[str, int | None], signes: Mapping[str, str] | Iterable[str] | None = None
) -> Verdict:
    """Le verdict que donnent les règles à des niveaux (critère → 0 à 3) et à des signes
    d’alerte (signe → preuve ; un signe sans preuve n’est pas confirmé).

    Les critères absents de ``niveaux`` comptent comme non notés.

    >>> verdict_audit({"transparence": 3, "convergence": 3}).libelle
    'Partenariat solide'
    """
    content = load_content()
    answer = {"criteres": niveaux, "signes_alerte": signes or {}}
    checked = normalise_answer(answer, content)
    return audit_verdict(checked, content)
