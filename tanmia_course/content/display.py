"""Readable displays for the notebooks: full-text tables and the credits of the guide."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..display.html import escape
from ..display.palette import OK
from ..errors import IdentifiantInconnu

GUIDE_TITLE = "Construction de partenariat — guide pratique pour les associations"
GUIDE_AUTHOR = "Association Tanmia.ma"


@dataclass(frozen=True)
class Tableau:
    """A table shown in full (long texts wrap instead of being cut), in HTML and as text."""

    frame: pd.DataFrame

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th style='text-align:left'>{escape(str(c))}</th>" for c in self.frame.columns
        )
        body = "".join(
            "<tr>"
            + f"<th style='text-align:left;vertical-align:top'>{escape(str(idx))}</th>"
            + "".join(
                f"<td style='text-align:left;vertical-align:top;white-space:normal'>"
                f"{escape(str(v))}</td>"
                for v in row
            )
            + "</tr>"
            for idx, row in zip(self.frame.index, self.frame.itertuples(index=False), strict=True)
        )
        return (
            "<table class='tanmia-tableau'><thead><tr>"
            f"<th style='text-align:left'>{escape(str(self.frame.index.name or ''))}</th>"
            f"{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def __repr__(self) -> str:
        lines = []
        for idx, row in zip(self.frame.index, self.frame.itertuples(index=False), strict=True):
            values = " | ".join(str(v) for v in row)
            lines.append(f"{idx} : {values}")
        return "\n".join(lines)


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
            f"<p><strong>Source :</strong> <em>{escape(GUIDE_TITLE)}</em>, "
            f"{escape(GUIDE_AUTHOR)} (Maroc). Licence indiquée : gratuit pour un usage "
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


def credits() -> Credits:
    """Les crédits du cours : le guide et l’Association Tanmia.ma."""
    return Credits()
