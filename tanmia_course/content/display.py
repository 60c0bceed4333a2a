"""Readable displays for the notebooks: full-text tables, and the credits and licences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..display import html
from ..display.palette import OK, TEXT_MUTED
from ..display.text import clip, hours
from ..errors import IdentifiantInconnu
from .model import FULL_TEXT, Content

if TYPE_CHECKING:  # pandas loads with the first table, not with the content
    import pandas as pd

    from .model import Activity, Agenda, AgendaBlock

GUIDE_TITLE = "Construction de partenariat — guide pratique pour les associations"
GUIDE_AUTHOR = "Association Tanmia.ma"


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
        return "\n".join(f"{index} : {' | '.join(map(str, row))}" for index, *row in rows)


def afficher(tableau: pd.DataFrame, *colonnes: str) -> Tableau:
    """Show a table in full, keeping only ``colonnes`` if given.

    >>> import pandas as pd
    >>> afficher(pd.DataFrame({"nom": ["Les Médias"]}, index=["medias"]))
    medias : Les Médias
    """
    unknown = [c for c in colonnes if c not in tableau.columns]
    if unknown:
        raise IdentifiantInconnu(
            "Colonne", unknown[0], [str(c) for c in tableau.columns], feminin=True
        )
    return Tableau(tableau[list(colonnes)] if colonnes else tableau)


# French spacing in the credits' own text: before « : » and inside « », and before « ; ? ! ».
GUIDE_PUBLISHED = "23 mars 2022"
GUIDE_NOTICE = "gratuit pour un usage personnel, attribution requise"
CONTENT_LICENCE = "CC BY 4.0"
CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENCE = "MIT"

# Where the guide's items are in the course: (where, the call that lists them, what, with the
# field of the content whose guide items are counted in ``{n}``).
GUIDE_PLACES = (
    (
        "Leçons 01 et 02",
        "tc.definitions()",
        "definitions",
        "les {n} définitions du développement, du développement local et du partenariat",
    ),
    ("Leçon 01, exercice 01", "tc.acteurs()", "actors", "les {n} acteurs du développement local"),
    ("Leçon 01", "tc.mecanismes()", "mechanisms", "les {n} mécanismes et dispositifs"),
    ("Leçon 02", "tc.origines()", "origins", "les {n} origines d’un partenariat"),
    ("Leçon 02, exercice 02", "tc.avantages()", "benefits", "les {n} avantages du partenariat"),
    ("Leçon 03, exercice 03", "tc.bonnes_pratiques()", "practices", "les {n} bonnes pratiques"),
    ("Leçon 03, exercice 03", "tc.criteres()", "criteria", "les {n} critères de qualité"),
    (
        "Leçon 03, exercice 03",
        "tc.signes_alerte()",
        "warning_signs",
        "les {n} signes qu’il n’y a pas de véritable partenariat",
    ),
)


@dataclass(frozen=True)
class Credits:
    """Who wrote what, and under which licence: the guide's items are © Association
    Tanmia.ma, quoted with attribution; the course's texts are CC BY 4.0, its code MIT.
    ``places`` says where the guide's items are; ``corrections``, the guide's typos the
    course corrects (each: what it is, the guide's words, the course's)."""

    places: tuple[str, ...]
    corrections: tuple[tuple[str, str, str], ...]

    def sections(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """The credits as (title, text, list) sections, for the HTML and the plain text."""
        fixes = tuple(
            f"« {guide} » devient « {course} » ({what})" for what, guide, course in self.corrections
        )
        return [
            (
                "Le guide",
                f"« {GUIDE_TITLE} », © {GUIDE_AUTHOR} (Maroc), publié le {GUIDE_PUBLISHED}. "
                f"Sa seule mention d’usage : « {GUIDE_NOTICE} ». Ses éléments ne sont ni "
                f"sous licence {CODE_LICENCE} ni sous {CONTENT_LICENCE} : le cours les cite "
                "avec cette attribution.",
                (),
            ),
            (
                "Ce que cette mention permet, selon la lecture du cours",
                "lire et utiliser le guide pour soi, et citer ses éléments avec l’attribution "
                "pour former : projeter les leçons, imprimer pour un atelier les cartes et les "
                "fiches du cours qui les reprennent.",
                (),
            ),
            (
                f"Ce qui demande l’accord de l’{GUIDE_AUTHOR}",
                "tout usage commercial de ses éléments (par exemple vendre des cartes, des "
                "fiches ou des dossiers imprimés qui les reprennent), republier le guide en "
                "entier ou en grande partie, publier une traduction de ses éléments.",
                (),
            ),
            (
                "Où sont ses éléments dans le cours",
                "leurs libellés gardent la formulation du guide et sont marqués « source"
                " : guide » dans les données ; dans les leçons, les passages cités sont "
                "en retrait, suivis de la mention du guide.",
                self.places,
            ),
            (
                "Les fautes du guide",
                "le cours corrige les fautes de frappe évidentes du guide et note chacune dans "
                "l’élément qui la porte ; il garde tout le reste tel quel, majuscules sans "
                "accent (« L’Etat ») et tournures au sens incertain comprises.",
                fixes,
            ),
            (
                "Le cours",
                "les explications, les exemples, les thèmes, les niveaux des critères, la "
                "leçon 04, les études de cas (fictives), les quiz et les exercices sont écrits "
                f"pour le cours et n’engagent pas l’{GUIDE_AUTHOR} ; ces textes sont sous "
                f"licence {CONTENT_LICENCE} ({CONTENT_LICENCE_URL}), le code sous licence "
                f"{CODE_LICENCE}. Détails : LICENCE-CONTENU.md et LICENSE.",
                (),
            ),
        ]

    def _repr_html_(self) -> str:
        parts = []
        for title, text, items in self.sections():
            parts.append(f"<p><strong>{html.escape(title)} :</strong> {html.escape(text)}</p>")
            if items:
                parts.append(f"<ul>{''.join(f'<li>{html.escape(i)}</li>' for i in items)}</ul>")
        return (
            f"<div class='tanmia-credits' style='border-left:4px solid {OK};padding:0.4em 1em'>"
            f"{''.join(parts)}</div>"
        )

    def __repr__(self) -> str:
        lines = []
        for title, text, items in self.sections():
            lines.append(f"{title} : {text}")
            lines.extend(f"  – {item}" for item in items)
        return "\n".join(lines)


def credit_line() -> str:
    """The one-line credit at the foot of every printed page.

    >>> line = credit_line()
    >>> "© Association Tanmia.ma" in line and "attribution requise" in line and "CC BY 4.0" in line
    True
    """
    return (
        f"Éléments cités de « {GUIDE_TITLE} », © {GUIDE_AUTHOR} ({GUIDE_NOTICE}) ; "
        f"textes du cours sous licence {CONTENT_LICENCE} ; code sous licence {CODE_LICENCE}."
    )


def credits() -> Credits:
    """Les crédits du cours : d’où viennent ses textes, sous quelle licence, où sont les
    éléments du guide et quelles fautes du guide le cours corrige."""
    from .loader import KINDS, load_content

    content = load_content()
    places = tuple(
        f"{where} : {what.format(n=_from_guide(content, field))} ({call})"
        for where, call, field, what in GUIDE_PLACES
    )
    nouns = dict(KINDS.values())
    corrections = tuple(
        (f"{nouns[field]} « {clip(item.label.fr, 48)} »", fix.guide, fix.course)
        for field, _ in KINDS.values()
        for item in getattr(content, field)
        for fix in getattr(item, "corrections", ())
    )
    return Credits(places, corrections)


def _from_guide(content: Content, field: str) -> int:
    """How many items of a list of the content come from the guide."""
    return sum(item.source == "guide" for item in getattr(content, field))


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
        return f"activités : {hours(work)} · pauses : {hours(pauses)}"

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
