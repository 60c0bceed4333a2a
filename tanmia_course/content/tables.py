"""The content as pandas tables with French column names, one call per list of the guide.

Each table is indexed by the items' stable ids; ``source`` tells where an item's wording
comes from: ``guide`` (the guide of Association Tanmia.ma), ``cours`` or ``formateur``.
"""

from __future__ import annotations

import pandas as pd

from ..errors import IdentifiantInconnu
from .loader import load_content
from .model import SOURCE_LABELS, Criterion, Text


def _t(text: Text | None) -> str:
    return "" if text is None else str(text)


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows).set_index("id")
    frame.index.name = "id"
    return frame


def definitions() -> pd.DataFrame:
    """Les définitions du guide (développement, développement local, partenariat)."""
    return _frame(
        [
            {
                "id": d.id,
                "concept": d.concept,
                "texte": _t(d.label),
                "source": SOURCE_LABELS[d.source],
            }
            for d in load_content().definitions
        ]
    )


def acteurs() -> pd.DataFrame:
    """Les acteurs du développement local : le nom du guide, leur rôle et leur apport.

    >>> acteurs().loc["etat", "nom"]
    'L’Etat'
    """
    return _frame(
        [
            {
                "id": a.id,
                "nom": _t(a.label),
                "categorie": a.category,
                "role": _t(a.role),
                "apport": _t(a.contribution),
                "source": SOURCE_LABELS[a.source],
            }
            for a in load_content().actors
        ]
    )


def _simple(items: tuple) -> pd.DataFrame:
    return _frame(
        [
            {
                "id": i.id,
                "nom": _t(i.label),
                "explication": _t(i.explanation),
                "source": SOURCE_LABELS[i.source],
            }
            for i in items
        ]
    )


def mecanismes() -> pd.DataFrame:
    """Les trois mécanismes et dispositifs du développement selon le guide."""
    return _simple(load_content().mechanisms)


def bonnes_pratiques() -> pd.DataFrame:
    """Les bonnes pratiques (valeurs et principes) d’un partenariat selon le guide."""
    return _simple(load_content().practices)


def clauses() -> pd.DataFrame:
    """Les clauses usuelles d’une convention de partenariat (complément du cours)."""
    return _simple(load_content().clauses)


def origines() -> pd.DataFrame:
    """D’où peut émaner un partenariat, selon le guide, avec un exemple du cours."""
    return _frame(
        [
            {
                "id": o.id,
                "nom": _t(o.label),
                "explication": _t(o.explanation),
                "exemple": _t(o.example),
                "source": SOURCE_LABELS[o.source],
            }
            for o in load_content().origins
        ]
    )


def themes() -> pd.DataFrame:
    """Les thèmes (du cours) qui regroupent les avantages du partenariat."""
    content = load_content()
    counts = pd.Series([b.theme for b in content.benefits]).value_counts()
    return _frame(
        [
            {
                "id": t.id,
                "nom": _t(t.label),
                "description": _t(t.description),
                "nb_avantages": int(counts.get(t.id, 0)),
            }
            for t in content.themes
        ]
    )


def avantages() -> pd.DataFrame:
    """Les avantages du partenariat cités par le guide, avec leur thème.

    >>> len(avantages())
    21
    """
    content = load_content()
    theme_names = {t.id: _t(t.label) for t in content.themes}
    return _frame(
        [
            {
                "id": b.id,
                "nom": _t(b.label),
                "theme": b.theme,
                "theme_nom": theme_names[b.theme],
                "explication": _t(b.explanation),
                "source": SOURCE_LABELS[b.source],
            }
            for b in content.benefits
        ]
    )


def criteres() -> pd.DataFrame:
    """Les critères de qualité d’un partenariat, avec leur question et leurs niveaux 0 à 3."""
    return _frame(
        [
            {
                "id": c.id,
                "nom": _t(c.label),
                "intitule_court": _t(c.short),
                "question": _t(c.question),
                **{f"niveau_{n}": _t(level) for n, level in enumerate(c.levels)},
                "source": SOURCE_LABELS[c.source],
            }
            for c in load_content().criteria
        ]
    )


def critere(identifiant: str) -> Criterion:
    """La fiche d’un critère : sa question et ce que l’on observe à chaque niveau.

    >>> critere("transparence").short.fr != ""
    True
    """
    criteria = {c.id: c for c in load_content().criteria}
    if identifiant not in criteria:
        raise IdentifiantInconnu("Critère", identifiant, list(criteria))
    return criteria[identifiant]


def signes_alerte() -> pd.DataFrame:
    """Les signes qu’il n’y a pas de véritable partenariat (le texte du guide s’arrête au
    cinquième, coupé : ``texte_coupe`` le signale)."""
    return _frame(
        [
            {
                "id": s.id,
                "nom": _t(s.label),
                "explication": _t(s.explanation),
                "texte_coupe": s.truncated,
                "source": SOURCE_LABELS[s.source],
            }
            for s in load_content().warning_signs
        ]
    )


def etapes() -> pd.DataFrame:
    """Les étapes d’un projet de partenariat (complément du cours : le guide s’arrête avant)."""
    return _frame(
        [
            {
                "id": s.id,
                "nom": _t(s.label),
                "objectif": _t(s.purpose),
                "activites": " ; ".join(map(str, s.activities)),
                "outils": " ; ".join(map(str, s.tools)),
                "source": SOURCE_LABELS[s.source],
            }
            for s in load_content().steps
        ]
    )
