"""The content as pandas tables with French column names, one call per list of the guide.

Each table is indexed by the items' stable ids; ``source`` tells where an item's wording
comes from: ``guide`` (the guide of Association Tanmia.ma), ``cours`` or ``formateur``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pandas as pd

from ..errors import by_id
from .display import Programme
from .loader import load_content
from .model import SOURCE_LABELS, Criterion, Territory, Text


def _frame(
    field: str, sourced: bool = True, **columns: str | Callable[[Any], object]
) -> pd.DataFrame:
    """One row per item of a ``field`` of the content, indexed by its id: the ``columns`` in
    order, each an attribute of the item (a text in French, an absent one empty) or computed
    from it, then (if ``sourced``) where its wording comes from."""
    if sourced:
        columns["source"] = lambda item: SOURCE_LABELS[item.source]
    rows = {
        item.id: [_cell(item, get) for get in columns.values()]
        for item in getattr(load_content(), field)
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(columns)).rename_axis("id")


def _cell(item: Any, get: str | Callable[[Any], object]) -> object:
    value = getattr(item, get) if isinstance(get, str) else get(item)
    return "" if value is None else str(value) if isinstance(value, Text) else value


def definitions() -> pd.DataFrame:
    """Les définitions du guide (développement, développement local, partenariat)."""
    return _frame("definitions", concept="concept", texte="label")


def acteurs() -> pd.DataFrame:
    """Les acteurs du développement local : le nom du guide, leur rôle et leur apport.

    >>> acteurs().loc["etat", "nom"]
    'L’Etat'
    """
    return _frame("actors", nom="label", categorie="category", role="role", apport="contribution")


def mecanismes() -> pd.DataFrame:
    """Les trois mécanismes et dispositifs du développement selon le guide."""
    return _frame("mechanisms", nom="label", explication="explanation")


def bonnes_pratiques() -> pd.DataFrame:
    """Les bonnes pratiques (valeurs et principes) d’un partenariat selon le guide."""
    return _frame("practices", nom="label", explication="explanation")


def clauses() -> pd.DataFrame:
    """Les clauses usuelles d’une convention de partenariat (complément du cours)."""
    return _frame("clauses", nom="label", explication="explanation")


def modeles() -> pd.DataFrame:
    """Les modèles vierges des outils de la leçon 04 (fiche partenaire, note de cadrage,
    protocole d’accord, plan de sortie) : à écrire en Word avec ``tc.modele_vierge(id)``."""
    return _frame("templates", nom="label", objectif="purpose")


def origines() -> pd.DataFrame:
    """D’où peut émaner un partenariat, selon le guide, avec un exemple du cours."""
    return _frame("origins", nom="label", explication="explanation", exemple="example")


def themes() -> pd.DataFrame:
    """Les thèmes (du cours) qui regroupent les avantages du partenariat."""
    counts = Counter(b.theme for b in load_content().benefits)
    return _frame(
        "themes",
        sourced=False,
        nom="label",
        description="description",
        nb_avantages=lambda t: counts[t.id],
    )


def avantages() -> pd.DataFrame:
    """Les avantages du partenariat cités par le guide, avec leur thème.

    >>> len(avantages())
    21
    """
    names = {t.id: str(t.label) for t in load_content().themes}
    return _frame(
        "benefits",
        nom="label",
        theme="theme",
        theme_nom=lambda b: names[b.theme],
        explication="explanation",
    )


def criteres() -> pd.DataFrame:
    """Les critères de qualité d’un partenariat, avec leur question et leurs niveaux 0 à 3."""
    return _frame(
        "criteria",
        nom="label",
        intitule_court="short",
        question="question",
        **{f"niveau_{n}": lambda c, n=n: str(c.levels[n]) for n in range(4)},
    )


def critere(identifiant: str) -> Criterion:
    """La fiche d’un critère : sa question et ce que l’on observe à chaque niveau.

    >>> critere("transparence").short.fr != ""
    True
    """
    return by_id(load_content().criteria, identifiant, "Critère")


def signes_alerte() -> pd.DataFrame:
    """Les signes qu’il n’y a pas de véritable partenariat (le texte du guide s’arrête au
    cinquième, coupé : ``texte_coupe`` le signale)."""
    return _frame("warning_signs", nom="label", explication="explanation", texte_coupe="truncated")


def etapes() -> pd.DataFrame:
    """Les étapes d’un projet de partenariat (complément du cours : le guide s’arrête avant)."""
    return _frame(
        "steps",
        nom="label",
        objectif="purpose",
        activites=lambda s: " ; ".join(map(str, s.activities)),
        outils=lambda s: " ; ".join(map(str, s.tools)),
    )


def territoire(identifiant: str = "ait_sidi_brahim") -> Territory:
    """La fiche du territoire fictif du cours (Aït Sidi Brahim, l’Association Tifawin) : les
    chiffres, dates et noms que les leçons, les études de cas et les exercices répètent.

    >>> territoire().id
    'ait_sidi_brahim'
    """
    return by_id(load_content().territories, identifiant, "Territoire")


def programme(identifiant: str = "journee") -> Programme:
    """Le déroulé d’un atelier\u00a0: chaque séance, bloc par bloc, avec ses horaires, ses
    durées, ses activités et leurs carnets (« journee », « deux_demi_journees », ou celui
    d’un dossier de contenu du formateur).

    >>> programme("deux_demi_journees").agenda.sessions[1].label.fr
    'Jour 2 — matin'
    """
    content = load_content()
    agenda = by_id(content.agendas, identifiant, "Programme")
    return Programme(agenda, {a.id: a for a in content.activities})
