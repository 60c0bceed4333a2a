"""The content as pandas tables with French column names, one call per list of the guide.

Each table is indexed by the items' stable ids; ``source`` tells where an item's wording
comes from: ``guide`` (the guide of Association Tanmia.ma), ``cours`` or ``formateur``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from ..errors import IdentifiantInconnu
from .loader import load_content
from .model import SOURCE_LABELS, Criterion, Text


def _t(text: Text | None) -> str:
    return "" if text is None else str(text)


def _frame(
    items: Iterable[Any], sourced: bool = True, **columns: Callable[[Any], object]
) -> pd.DataFrame:
    """One row per item, indexed by its id: the ``columns`` computed from it in order, then
    (if ``sourced``) where its wording comes from."""
    rows = [
        {
            "id": item.id,
            **{name: get(item) for name, get in columns.items()},
            **({"source": SOURCE_LABELS[item.source]} if sourced else {}),
        }
        for item in items
    ]
    return pd.DataFrame(rows).set_index("id")


def _label(attribute: str) -> Callable[[Any], str]:
    return lambda item: _t(getattr(item, attribute))


def definitions() -> pd.DataFrame:
    """Les définitions du guide (développement, développement local, partenariat)."""
    return _frame(load_content().definitions, concept=lambda d: d.concept, texte=_label("label"))


def acteurs() -> pd.DataFrame:
    """Les acteurs du développement local : le nom du guide, leur rôle et leur apport.

    >>> acteurs().loc["etat", "nom"]
    'L’Etat'
    """
    return _frame(
        load_content().actors,
        nom=_label("label"),
        categorie=lambda a: a.category,
        role=_label("role"),
        apport=_label("contribution"),
    )


def _simple(items: tuple) -> pd.DataFrame:
    return _frame(items, nom=_label("label"), explication=_label("explanation"))


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
        load_content().origins,
        nom=_label("label"),
        explication=_label("explanation"),
        exemple=_label("example"),
    )


def themes() -> pd.DataFrame:
    """Les thèmes (du cours) qui regroupent les avantages du partenariat."""
    content = load_content()
    counts = Counter(b.theme for b in content.benefits)
    return _frame(
        content.themes,
        sourced=False,
        nom=_label("label"),
        description=_label("description"),
        nb_avantages=lambda t: counts[t.id],
    )


def avantages() -> pd.DataFrame:
    """Les avantages du partenariat cités par le guide, avec leur thème.

    >>> len(avantages())
    21
    """
    content = load_content()
    theme_names = {t.id: _t(t.label) for t in content.themes}
    return _frame(
        content.benefits,
        nom=_label("label"),
        theme=lambda b: b.theme,
        theme_nom=lambda b: theme_names[b.theme],
        explication=_label("explanation"),
    )


def criteres() -> pd.DataFrame:
    """Les critères de qualité d’un partenariat, avec leur question et leurs niveaux 0 à 3."""
    return _frame(
        load_content().criteria,
        nom=_label("label"),
        intitule_court=_label("short"),
        question=_label("question"),
        **{f"niveau_{n}": lambda c, n=n: _t(c.levels[n]) for n in range(4)},
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
        load_content().warning_signs,
        nom=_label("label"),
        explication=_label("explanation"),
        texte_coupe=lambda s: s.truncated,
    )


def etapes() -> pd.DataFrame:
    """Les étapes d’un projet de partenariat (complément du cours : le guide s’arrête avant)."""
    return _frame(
        load_content().steps,
        nom=_label("label"),
        objectif=_label("purpose"),
        activites=lambda s: " ; ".join(map(str, s.activities)),
        outils=lambda s: " ; ".join(map(str, s.tools)),
    )
