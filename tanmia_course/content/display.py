"""Readable displays for the notebooks: full-text tables and the credits of the guide."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..display import html
from ..display.palette import OK, TEXT_MUTED
from ..errors import IdentifiantInconnu

if TYPE_CHECKING:  # pandas loads with the first table, not with the content
    import pandas as pd

    from .model import Activity, Agenda, AgendaBlock

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


def hours(minutes: int) -> str:
    """A duration in hours and minutes, as a French reader writes it.

    >>> hours(45), hours(60), hours(390)
    ('45\u00a0min', '1\u00a0h', '6\u00a0h\u00a030')
    """
    h, m = divmod(minutes, 60)
    if not h:
        return f"{m}\u00a0min"
    return f"{h}\u00a0h" + (f"\u00a0{m:02d}" if m else "")


@dataclass(frozen=True)
class Programme:
    """An agenda shown as the trainer reads it: each session's blocks with their clock times,
    durations, activities and notebooks, then the time spent working and on breaks."""

    agenda: Agenda
    activities: dict[str, Activity]

    def _name(self, block: AgendaBlock) -> str:
        if block.label is not None:
            return str(block.label)
        return str(self.activities[block.activity].label) if block.activity else ""

    def _notebooks(self, block: AgendaBlock) -> tuple[str, ...]:
        activity = self.activities.get(block.activity or "")
        return activity.notebooks if activity and not block.pause else ()

    def _totals(self, blocks: tuple[AgendaBlock, ...]) -> str:
        pauses = sum(b.minutes for b in blocks if b.pause)
        work = sum(b.minutes for b in blocks) - pauses
        return f"activités\u00a0: {hours(work)} · pauses\u00a0: {hours(pauses)}"

    def _repr_html_(self) -> str:
        parts = [html.heading(f"Programme\u00a0: {self.agenda.label}", 3)]
        if self.agenda.description is not None:
            parts.append(html.paragraph(str(self.agenda.description)))
        for session in self.agenda.sessions:
            title = f"{session.label} ({session.start}–{session.end})"
            rows = []
            for start, end, block in session.timeline():
                name = html.escape(self._name(block))
                books = "<br>".join(
                    f"<code>{html.escape(n)}</code>" for n in self._notebooks(block)
                )
                if block.pause:
                    name = f"<em style='color:{TEXT_MUTED}'>{name}</em>"
                rows.append([f"{start}–{end}", html.escape(hours(block.minutes)), name, books])
            parts += [
                html.heading(title),
                html.table(
                    ["Horaire", "Durée", "Activité", "Carnets"],
                    rows,
                    left=(0, 2, 3),
                    css_class="tanmia-programme",
                    cell_style=FULL_TEXT,
                ),
                html.paragraph(self._totals(session.blocks).capitalize(), italic=True),
            ]
        return html.section("tanmia-programme", *parts)

    def __repr__(self) -> str:
        lines = [f"Programme\u00a0: {self.agenda.label}"]
        for session in self.agenda.sessions:
            lines.append(f"{session.label} ({session.start}–{session.end})")
            for start, end, block in session.timeline():
                books = ", ".join(self._notebooks(block))
                lines.append(
                    f"  {start}–{end}  {hours(block.minutes):>9}  {self._name(block)}"
                    + (f" ({books})" if books else "")
                )
            lines.append(f"  {self._totals(session.blocks).capitalize()}")
        return "\n".join(lines)
