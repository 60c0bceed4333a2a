"""Readable displays for the notebooks: full-text tables and the credits of the guide."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..display import html
from ..display.palette import OK
from ..errors import IdentifiantInconnu

if TYPE_CHECKING:  # pandas loads with the first table, not with the content
    import pandas as pd

GUIDE_TITLE = "Construction de partenariat — guide pratique pour les associations"
GUIDE_AUTHOR = "Association Tanmia.ma"


# The cells of a table shown in full (a criterion's levels, a table given to afficher): long
# texts wrap, left-aligned, from the top of their row.
FULL_TEXT = "vertical-align:top;white-space:normal"


@dataclass(frozen=True)
class Tableau:
    """A table shown in full (long texts wrap instead of being cut), in HTML and as text."""

    frame: pd.DataFrame

    def _repr_html_(self) -> str:
        header = [str(self.frame.index.name or ""), *map(str, self.frame.columns)]
        return html.table(
            header,
            ([html.escape(str(cell)) for cell in row] for row in self.frame.itertuples(name=None)),
            left=range(len(header)),
            css_class="tanmia-tableau",
            index=True,
            cell_style=FULL_TEXT,
        )

    def __repr__(self) -> str:
        rows = self.frame.itertuples(name=None)
        return "\n".join(f"{index} : {' | '.join(map(str, row))}" for index, *row in rows)


def afficher(tableau: pd.DataFrame, *colonnes: str) -> Tableau:
    """Show a table in full, keeping only ``colonnes`` if given.

    >>> import pandas as pd
    >>> afficher(pd.DataFrame({"nom": ["Les Médias"]}, index=["medias"]))
    medias : Les Médias
    """
    unknown = [c for c in colonnes if c not in tableau.columns]
    if unknown:
        raise IdentifiantInconnu(
            "Colonne", unknown[0], [str(c) for c in tableau.columns], feminin=True
        )
    return Tableau(tableau[list(colonnes)] if colonnes else tableau)


@dataclass(frozen=True)
class Credits:
    """Who wrote what: the guide's items are Association Tanmia.ma's, the rest the course's."""

    def _repr_html_(self) -> str:
        return (
            f"<div class='tanmia-credits' style='border-left:4px solid {OK};padding:0.4em 1em'>"
            f"<p><strong>Source :</strong> <em>{html.escape(GUIDE_TITLE)}</em>, "
            f"{html.escape(GUIDE_AUTHOR)} (Maroc). Licence indiquée : gratuit pour un usage "
            "personnel, attribution requise.</p>"
            "<p>Les définitions et les listes du guide (acteurs, mécanismes, origines, avantages, "
            "bonnes pratiques, critères, signes d’alerte) gardent la formulation du guide. Les "
            "explications, les thèmes, les niveaux des critères, la leçon 04, les quiz et les "
            "exercices sont écrits pour le cours.</p></div>"
        )

    def __repr__(self) -> str:
        return (
            f"Source : « {GUIDE_TITLE} », {GUIDE_AUTHOR} (Maroc). "
            "Les éléments du guide gardent sa formulation ; le reste est écrit pour le cours."
        )


def credit_line() -> str:
    """The one-line credit at the foot of every printed page."""
    return (
        f"D’après « {GUIDE_TITLE} », © {GUIDE_AUTHOR} : éléments du guide cités avec "
        "attribution ; le reste est écrit par le cours."
    )


def credits() -> Credits:
    """Les crédits du cours : le guide et l’Association Tanmia.ma."""
    return Credits()
