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
from ...content.verdict import Verdict, decide
from ...errors import IdentifiantInconnu
from .analysis import feux_table, reference_answer, rules_table
from .answer import normalise_answer
from .report import ResultatAudit, build_result


def etudes_de_cas() -> pd.DataFrame:
    """Les études de cas à auditer : titre, résumé, longueur (en mots) et source."""
    rows = [
        {
            "id": c.id,
            "titre": str(c.title),
            "resume": str(c.summary),
            "nb_mots": c.word_count(),
            "source": SOURCE_LABELS[c.source],
        }
        for c in load_content().case_studies
    ]
    frame = pd.DataFrame(rows, columns=["id", "titre", "resume", "nb_mots", "source"])
    return frame.set_index("id")


def case_by_id(identifiant: str) -> CaseStudy:
    cases = {c.id: c for c in load_content().case_studies}
    if identifiant not in cases:
        raise IdentifiantInconnu("Étude de cas", identifiant, list(cases), feminin=True)
    return cases[identifiant]


def etude_de_cas(identifiant: str) -> CaseStudy:
    """Le texte d’une étude de cas, paragraphes numérotés (§ 1, § 2…), sans la référence."""
    return case_by_id(identifiant)


def analyser_audit(identifiant: str, reponse: Mapping[str, Any]) -> ResultatAudit:
    """Le résultat d’un audit donné comme un dictionnaire (la forme de ``audit.answer``) :
    verdict, comparaison avec la référence, figures et rapport, sans formulaire."""
    content = load_content()
    case = case_by_id(identifiant)
    answer = normalise_answer(reponse, content.criteria, content.practices, content.warning_signs)
    return build_result(case, answer, content)


def audit_reference(identifiant: str) -> ResultatAudit:
    """L’audit de référence d’un cas, complet (pour le formateur : à montrer après l’exercice)."""
    return analyser_audit(identifiant, reference_answer(case_by_id(identifiant)))


def feux_audit() -> pd.DataFrame:
    """Les bandes des feux (vert, ambre, rouge) appliquées au niveau de chaque critère."""
    return feux_table()


def regles_audit() -> pd.DataFrame:
    """Les règles du verdict d’un audit, dans l’ordre où on les applique."""
    return rules_table()


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
    criteria = [c.id for c in content.criteria]
    unknown = [c for c in niveaux if c not in criteria]
    if unknown:
        raise IdentifiantInconnu("Critère", unknown[0], criteria)
    for cid, level in niveaux.items():
        if level is not None and (
            isinstance(level, bool) or not isinstance(level, int) or level not in (0, 1, 2, 3)
        ):
            raise ValueError(
                f"Critère « {cid} » : le niveau doit être 0, 1, 2 ou 3 ; reçu : {level!r}."
            )
    given = signes or {}
    signs = dict(given) if isinstance(given, Mapping) else dict.fromkeys(given, "")
    sign_ids = [s.id for s in content.warning_signs]
    unknown = [s for s in signs if s not in sign_ids]
    if unknown:
        raise IdentifiantInconnu("Signe d’alerte", unknown[0], sign_ids)
    full = {cid: niveaux.get(cid) for cid in criteria}
    return decide(full, signs, {s.id: str(s.label) for s in content.warning_signs})
