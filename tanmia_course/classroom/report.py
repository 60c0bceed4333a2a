"""The class view as HTML: one section per part, for the notebook's tabs and the report.

Every text that comes from a hand-in (names, notes, justifications, recommendations,
drafts, file names, refusal reasons that quote them) goes through :func:`html.escape`;
figures are the charts of :mod:`.charts` and of the exercises, drawn with matplotlib and
embedded as SVG ``data:`` URIs, so the report is one standalone file (no network).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..display.html import escape, frame_table, heading, page, paragraph, section, table
from ..display.text import fr_datetime, fr_percent, plural
from .analysis import PROBLEM_HEADINGS

if TYPE_CHECKING:
    from .result import Classe


def figure_html(ax: Any, alt: str) -> str:
    """The figure of a chart's Axes as an ``<img>`` of the page, described by ``alt``."""
    from ..display.picture import img_html, svg

    return img_html(svg(ax.figure), alt, "tanmia-figure")


def _note(text: str, alert: bool = False) -> str:
    return section("tanmia-alerte" if alert else "tanmia-note", escape(text))


# The columns each table shows, with their French headings.
_SUMMARY_COLUMNS = {
    "titre": "Exercice",
    "rendus": "Rendus",
    "refuses": "Refusés",
    "indicateur": "Indicateur",
    "valeur": "Valeur",
}
_ACTOR_COLUMNS = {
    "nom": "Acteur",
    "categorie": "Catégorie du guide",
    "nb_cartes": "Cartes",
    "influence": "Influence (médiane)",
    "interet": "Intérêt (médiane)",
    "ecart_influence": "Écart influence",
    "ecart_interet": "Écart intérêt",
    "soutien": "Position (médiane, −2 à +2)",
    "strategie": "Stratégie",
    "accord_strategie": "Même quadrant",
}
_CRITERIA_COLUMNS = {
    "critere": "Critère",
    "niveau_moyen": "Niveau moyen",
    "reference": "Référence",
    "accord_exact": "Même niveau que la référence",
    "nb_notes": "Noté par",
}
_SIGN_COLUMNS = {
    "signe": "Signe d’alerte",
    "confirme_par": "Confirmé (avec preuve) par",
    "retenu_par_la_reference": "Retenu par la référence",
}
_PARTICIPANT_COLUMNS = {
    "criteres_notes": "Critères notés",
    "accord_exact": "Accord exact",
    "accord_adjacent": "Accord adjacent",
    "verdict": "Verdict",
}


# ---------------------------------------------------------------------------- sections


def participation_section(classe: Classe, figures: bool = True) -> str:
    from ..work.registry import exercise_title

    table = classe.participation()
    parts = [paragraph(classe.bilan())]
    if figures and len(table):
        from .charts import participation_chart

        parts.append(figure_html(participation_chart(table), "Qui a rendu quoi"))
    legend = " ; ".join(
        f"{eid} : {exercise_title(eid, classe.content)}" for eid in classe.exercices()
    )
    parts += [
        _note(
            f"✓ réponse acceptée · ✗ réponse refusée (voir « Fichiers reçus ») · — rien rendu. "
            f"Exercices : {legend}."
        )
        if legend
        else _note("Aucun exercice rendu pour l’instant."),
        frame_table(table, index="participant"),
        heading("Résumé par exercice", 3),
        frame_table(classe.resume(), _SUMMARY_COLUMNS),
    ]
    return "".join(parts)


def actor_map_section(classe: Classe, figures: bool = True) -> str:
    table = classe.carte_acteurs()
    if table.empty:
        return _note("Aucune carte des acteurs rendue (ou aucun acteur placé).")
    parts = [
        _note(
            "Chaque acteur est placé à la médiane de la classe : la moitié des cartes le "
            "placent plus haut, l’autre moitié plus bas. L’écart (interquartile) couvre la "
            "moitié centrale des cartes : plus il est grand, plus la classe est partagée — "
            "c’est là qu’il faut discuter. Une médiane sur la ligne (2,5) compte comme "
            "élevée. Les acteurs laissés à 0 / 0 ne sont pas comptés."
        )
    ]
    if figures:
        from ..exercises.actor_map.analysis import vocabulary
        from ..exercises.actor_map.layout import map_style
        from .charts import class_actor_map

        quadrants = map_style(vocabulary(classe.content)).quadrants
        parts.append(
            figure_html(class_actor_map(table, quadrants), "La carte des acteurs de la classe")
        )
    parts.append(frame_table(table, _ACTOR_COLUMNS, {"accord_strategie": fr_percent}))
    return "".join(parts)


def ranking_section(classe: Classe, figures: bool = True) -> str:
    from ..exercises.ranking.analysis import CONSENSUS_COLUMNS, EVEN_SPACING_NOTE

    result = classe.classement()
    if result is None:
        return _note("Il faut au moins deux classements non vides pour parler de consensus.")
    parts = [_note(result.lecture)]
    if figures:
        from ..exercises.ranking.charts import consensus_chart

        parts.append(figure_html(consensus_chart(result), "Le consensus de la classe"))
    parts += [
        frame_table(result.consensus, CONSENSUS_COLUMNS),
        paragraph(EVEN_SPACING_NOTE, italic=True),
        heading("Ce qui divise le plus la classe", 3),
        frame_table(
            result.contestes(5),
            {"nom": "Avantage", "rang_moyen": "Rang moyen", "ecart_interquartile": "Écart"},
        ),
    ]
    words = classe.justifications()
    if len(words):
        parts += [
            heading("Pourquoi les premiers choix de la classe ? Les mots des participants", 3),
            frame_table(words, {c: c.capitalize() for c in words.columns}),
        ]
    return "".join(parts)


def audit_section(classe: Classe, figures: bool = True) -> str:
    audits = classe.audits()
    if not audits:
        return _note("Aucun audit d’étude de cas rendu.")
    from ..content.verdict import LEVEL_KEY

    short = {c.id: str(c.short) for c in classe.content.criteria}
    percent = {"accord_exact": fr_percent, "accord_adjacent": fr_percent}
    parts = []
    for audit in audits.values():
        parts += [
            heading(audit.titre, 3),
            _note(
                f"{plural(len(audit.niveaux), 'audit', 'audits')}. "
                "Accord exact moyen avec la référence : "
                f"{fr_percent(audit.accord_moyen())}. Verdict de la référence : "
                f"{audit.verdict_reference}. Niveaux : {LEVEL_KEY}."
            ),
        ]
        if figures:
            from .charts import audit_heatmap

            parts.append(
                figure_html(
                    audit_heatmap(audit.niveaux, audit.reference, short),
                    f"Audits de la classe — {audit.titre}",
                )
            )
        verdicts = audit.verdicts.rename("participants").to_frame()
        parts += [
            heading("Verdicts de la classe"),
            frame_table(verdicts, {"participants": "Participants"}, index="Verdict"),
            heading("Critère par critère"),
            frame_table(audit.criteres, _CRITERIA_COLUMNS, percent),
            heading("Signes d’alerte"),
            frame_table(audit.signes, _SIGN_COLUMNS),
            heading("Participant par participant"),
            frame_table(audit.participants, _PARTICIPANT_COLUMNS, percent, index="Participant"),
        ]
        said = audit.recommandations[audit.recommandations.str.strip() != ""]
        if len(said):
            parts += [
                heading("Recommandations des participants"),
                frame_table(
                    said.to_frame(), {"recommandations": "Recommandation"}, index="Participant"
                ),
            ]
    return "".join(parts)


def agreement_section(classe: Classe, figures: bool = True) -> str:
    """The class's drafts of exercise 04, one part per scenario drafted: what the drafts
    secure item by item of the guide (with the figure), clause by clause, learner by
    learner, and the drafts refused."""
    drafts = classe.conventions()
    if not drafts:
        return _note("Aucun projet de convention rendu.")
    parts = []
    for conventions in drafts.values():
        parts.append(heading(conventions.titre, 3))
        n = len(conventions.participants)
        if figures and n:
            from .charts import agreement_chart

            parts.append(
                figure_html(
                    agreement_chart(conventions.elements, n),
                    f"Ce que protègent les projets de convention — {conventions.titre}",
                )
            )
        parts.append(conventions.html())
    return "".join(parts)


_FILE_COLUMNS = {"participant": "Participant", "statut": "Statut", "raison": "Raison"}
_COUNTED = {
    "refuse": ("fichier refusé", "fichiers refusés"),
    "partiel": ("fichier accepté en partie", "fichiers acceptés en partie"),
}


def files_section(classe: Classe, figures: bool = True) -> str:
    problems = classe.problemes()
    counts = " et ".join(
        plural(len(files), *_COUNTED[status]) for status, files in problems.items()
    )
    text = (
        f"{counts.capitalize()} : la raison de chacun est donnée. Un fichier refusé n’est pas "
        "perdu : demandez au participant de l’exporter de nouveau (tc.mes_travaux()) ou "
        "corrigez la cause."
        if problems
        else "Tous les fichiers ont été acceptés."
    )
    files = classe.fichiers()
    return _note(text, alert=bool(problems)) + frame_table(files, _FILE_COLUMNS, index="Fichier")


def problems_html(classe: Classe) -> str:
    """The files refused or accepted in part, under their status with their count (as
    :meth:`~.result.Classe.bilan` counts them), each with its reason."""
    parts = []
    for status, files in classe.problemes().items():
        rows = [(escape(f.fichier), escape(f.participant or "—"), escape(f.raison)) for f in files]
        parts += [
            heading(f"{PROBLEM_HEADINGS[status]} ({len(files)})", 4),
            table(("Fichier", "Participant", "Raison"), rows, left=range(3)),
        ]
    return "".join(parts)


SECTIONS = {
    "participation": ("Participation", participation_section),
    "carte": ("Carte des acteurs", actor_map_section),
    "avantages": ("Avantages du partenariat", ranking_section),
    "audits": ("Audits", audit_section),
    "conventions": ("Conventions", agreement_section),
    "fichiers": ("Fichiers reçus", files_section),
}
"""The parts of the class view by their anchor: (French title, function drawing them)."""


def class_summary_html(classe: Classe) -> str:
    """The class in a notebook cell: participation and summary tables, no figure."""
    return section(
        "tanmia-classe",
        heading(f"Classe « {classe.titre} »", 3),
        participation_section(classe, figures=False),
        problems_html(classe),
    )


def class_report(
    classe: Classe, figures: bool = True, sections: list[tuple[str, str, str]] | None = None
) -> str:
    """The standalone HTML report of a class (``sections`` reuses parts already rendered)."""
    from .. import __version__
    from ..content.display import GUIDE_AUTHOR, GUIDE_TITLE

    if sections is None:
        sections = [(key, title, draw(classe, figures)) for key, (title, draw) in SECTIONS.items()]
    now = fr_datetime(datetime.now().astimezone())
    nav = "".join(f"<a href='#{key}'>{escape(title)}</a>" for key, title, _ in sections)
    body = "".join(f"<h2 id='{key}'>{escape(title)}</h2>{html}" for key, title, html in sections)
    return page(
        f"Vue de classe — {classe.titre}",
        heading(f"Vue de classe — {classe.titre}", 1),
        paragraph(f"Rapport produit le {now} par tanmia-course {__version__}."),
        f"<nav>{nav}</nav>{body}",
        f"<footer>Cours « Construire un partenariat », d’après le guide « {escape(GUIDE_TITLE)} » "
        f"de l’{escape(GUIDE_AUTHOR)}. Les exercices, leurs règles et ce rapport sont écrits "
        "pour le cours.</footer>",
    )
