"""The result of an audit: verdict, comparison with the reference, figures, printable report.

The report is one standalone HTML file: no external resource (styles inline, figures as
SVG images), every text the learner typed escaped, so that it opens and prints offline.
matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ...content.display import GUIDE_AUTHOR, GUIDE_TITLE
from ...content.model import UNTICKED_EVIDENCE, CaseStudy, Content
from ...content.verdict import LEVEL_KEY, Verdict, feu, verdict_rules_text
from ...display import html
from ...display.palette import FEU_COLOURS
from ...display.text import quoted
from .analysis import Comparaison, compare

if TYPE_CHECKING:
    from ...display.picture import Graphique

# After a link to a report (written, or to download).
PRINT_HINT = (
    "— ouvrez-le dans le navigateur, puis « Imprimer » (Ctrl+P) pour l’imprimer ou "
    "l’enregistrer en PDF."
)


@dataclass(frozen=True)
class RapportEcrit:
    """Where a report was written, with a link to open it."""

    chemin: Path

    def _repr_html_(self) -> str:
        from ...work.store import shown_path

        # The page resolves a link from the notebook's folder (the kernel's current one).
        try:
            href = Path(os.path.relpath(self.chemin.absolute(), Path.cwd())).as_posix()
        except ValueError:  # another drive (Windows): no relative link, the file's address
            href = self.chemin.absolute().as_uri()
        href = html.escape(href)
        name = html.escape(shown_path(self.chemin))
        link = f"<a href='{href}' target='_blank' download>{name}</a>"
        return f"<p>Rapport écrit : {link} {PRINT_HINT}</p>"

    def __repr__(self) -> str:
        return f"Rapport écrit : {self.chemin} (ouvrez-le dans un navigateur pour l’imprimer)"


@dataclass(frozen=True)
class ResultatAudit:
    """A learner's audit of a case, with its verdict and its comparison with the reference."""

    cas: CaseStudy
    reponse: dict[str, Any] = field(repr=False)
    details: Comparaison = field(repr=False)
    contenu: Content = field(repr=False, compare=False)

    @property
    def audit(self) -> pd.DataFrame:
        """Your audit as a table: one row per criterion (index ``id``), with its short name,
        level, traffic light and evidence."""
        table = self.details.tableau
        names = {"votre_niveau": "niveau", "votre_feu": "feu"}
        frame = table[["critere", *names]].rename(columns=names)
        return frame.assign(preuve=[self.reponse["criteres"][c]["preuve"] for c in table.index])

    @property
    def verdict(self) -> Verdict:
        return self.details.verdict

    @property
    def comparaison(self) -> pd.DataFrame:
        """Per criterion: your level, the reference's, the gap and the agreement."""
        return self.details.tableau[
            ["critere", "votre_niveau", "niveau_reference", "ecart", "accord"]
        ]

    @property
    def retours(self) -> tuple:
        return self.details.retours

    def radar(self) -> Graphique:
        """Radar of the criteria, your audit against the reference (drawn once per result:
        the notebook, the result's display and the report show the same picture)."""
        return self._radar

    def feux(self) -> Graphique:
        """Traffic-light table of the criteria, your audit and the reference (drawn once
        per result)."""
        return self._feux

    @cached_property
    def _radar(self) -> Graphique:
        from ...display.picture import Graphique
        from .charts import radar

        return Graphique(radar(self.details.tableau).figure, "radar des critères")

    @cached_property
    def _feux(self) -> Graphique:
        from ...display.picture import Graphique
        from .charts import tableau_feux

        return Graphique(tableau_feux(self.details.tableau).figure, "feux par critère")

    def __repr__(self) -> str:
        return f"Audit du cas {quoted(self.cas.title)}\n{self.details!r}"

    def _repr_html_(self) -> str:
        details = self.details
        return html.section(
            "tanmia-resultat",
            html.heading(f"Audit du cas {quoted(self.cas.title)}", 3),
            self.verdict._repr_html_(),
            f"<div>{self.radar().img()}</div>",
            html.section(
                "tanmia-comparaison",
                html.facts(
                    [
                        ("Votre verdict", self.verdict.ligne()),
                        ("Verdict de la référence", details.libelle_reference),
                    ]
                ),
                html.paragraph(details.resume()),
                comparison_html(details, 4),
            ),
        )

    def rapport_html(self, chemin: str | Path | None = None, auteur: str | None = None):
        """The printable report: returned as a string, or written to ``chemin`` (UTF-8),
        which returns a link to the file (like ``DataFrame.to_csv``)."""
        page = render_report(self, auteur)
        if chemin is None:
            return page
        from ...work.store import atomic_write_bytes

        path = Path(chemin)
        atomic_write_bytes(path, page.encode("utf-8"), private=False)  # a page to share
        return RapportEcrit(path)

    def enregistrer_rapport(self, auteur: str | None = None) -> RapportEcrit:
        """Write the printable report into the work folder (``travaux/`` in the course
        folder, where answers are saved), as ``rapport_audit_<case id>.html``."""
        from ...work.store import work_folder

        return self.rapport_html(work_folder() / f"rapport_audit_{self.cas.id}.html", auteur)


def build_result(case: CaseStudy, answer: dict[str, Any], content: Content) -> ResultatAudit:
    """The result of a normalised answer (see :func:`~.answer.normalise_answer`)."""
    return ResultatAudit(
        cas=case,
        reponse=answer,
        details=compare(answer, case, content),
        contenu=content,
    )


def level_chip(level: Any, empty: str) -> str:
    """A level in the colour of its traffic light, the light's name after it (the colour is
    never the only sign); ``empty`` when the level is not rated or not shown."""
    if pd.isna(level):
        return html.escape(empty)
    light = feu(int(level))
    return html.chip(str(int(level)), FEU_COLOURS[light], light)


def comparison_html(details: Comparaison, level: int) -> str:
    """Per criterion: your level and the reference's in their lights, the gap, the agreement;
    then, under a title of ``level``, the feedback messages, each in the colour of its light."""
    rows = [
        (
            html.escape(row.critere),
            level_chip(row.votre_niveau, "—"),
            level_chip(row.niveau_reference, "—"),
            "" if pd.isna(row.ecart) else f"{int(row.ecart):+d}".replace("+0", "0"),
            html.escape(row.accord),
        )
        for row in details.tableau.itertuples()
    ]
    header = ("Critère", "Votre niveau", "Référence", "Écart", "Accord")
    return (
        html.table(header, rows, left=range(5), css_class="tanmia-comparaison")
        + html.heading("Retours", level)
        + "".join(
            html.feedback(r.message, "info", r.sujet, r.icon, colour=FEU_COLOURS[r.feu])
            for r in details.retours
        )
    )


def _typed(text: str) -> str:
    """A text the learner typed, its line breaks kept."""
    return f"<span class='note'>{html.escape(text)}</span>"


def render_report(result: ResultatAudit, auteur: str | None = None) -> str:
    """The standalone HTML report of ``result`` (see the module's docstring)."""
    case, answer, details = result.cas, result.reponse, result.details
    title = str(case.title)
    practices = {p.id: str(p.label) for p in result.contenu.practices}
    signs = {s.id: str(s.label) for s in result.contenu.warning_signs}

    criteria_rows = [
        (
            html.escape(row.critere),
            level_chip(row.niveau, "non noté"),
            _typed(row.preuve) if row.preuve else "<em>(pas de preuve)</em>",
        )
        for row in result.audit.itertuples()
    ]
    chosen = answer["bonnes_pratiques"]
    practice_list = (
        "<ul>" + "".join(f"<li>{html.escape(practices[p])}</li>" for p in chosen) + "</ul>"
        if chosen
        else html.paragraph("Aucune bonne pratique relevée.", italic=True)
    )
    statuses = [
        (s, evidence, "confirmé" if evidence.strip() else "à prouver (pas de preuve)")
        for s, evidence in answer["signes_alerte"].items()
    ] + [
        (s, evidence, "non retenu (pas coché : ne compte pas dans le verdict)")
        for s, evidence in answer.get(UNTICKED_EVIDENCE, {}).items()
    ]
    sign_table = (
        html.table(
            ("Signe d’alerte", "Preuve", "Statut"),
            [(html.escape(signs[s]), _typed(evidence), status) for s, evidence, status in statuses],
        )
        if statuses
        else html.paragraph("Aucun signe d’alerte relevé.", italic=True)
    )
    reco = answer["recommandations"].strip()
    reco_html = (
        f"<p class='note'>{html.escape(reco)}</p>"
        if reco
        else html.paragraph("Pas de recommandation.", italic=True)
    )
    reference_reco = (
        "".join(f"<li>{html.escape(str(r))}</li>" for r in case.reference.recommendations)
        if details.reference_visible
        else "<li><em>Visibles quand tous les critères sont notés.</em></li>"
    )
    reference_rows = [
        (
            html.escape(row.critere),
            level_chip(row.niveau_reference, "—"),
            html.escape(row.justification_reference)
            + (
                f"<br><span class='petit'>{html.escape(row.passage_reference)}</span>"
                if row.passage_reference
                else ""
            ),
        )
        for row in details.tableau.itertuples()
    ]
    return html.page(
        f"Rapport d’audit — {title}",
        "<h1>Rapport d’audit d’un partenariat</h1>",
        html.facts([("Cas", title), *([("Auteur·e", auteur)] if auteur else [])]),
        f"<p class='petit'>{html.escape(str(case.notice))}</p>",
        html.heading("1. Verdict", 2),
        result.verdict._repr_html_(),
        html.facts([("Verdict de l’audit de référence", details.libelle_reference)]),
        html.paragraph(details.resume()),
        html.heading("2. Les critères en un coup d’œil", 2),
        result.radar().img(),
        result.feux().img(),
        html.heading("3. Votre audit, critère par critère", 2),
        html.paragraph(f"Niveaux : {LEVEL_KEY}."),
        html.table(("Critère", "Niveau", "Preuve"), criteria_rows),
        html.heading("4. Bonnes pratiques observées", 2),
        practice_list,
        html.heading("5. Signes d’alerte", 2),
        sign_table,
        html.heading("6. Vos recommandations", 2),
        reco_html,
        html.heading("7. Comparaison avec l’audit de référence", 2),
        comparison_html(details, 3),
        html.heading("L’audit de référence, critère par critère", 3),
        html.table(("Critère", "Niveau", "Justification et passage"), reference_rows),
        html.heading("Recommandations de la référence", 3),
        f"<ul>{reference_reco}</ul>",
        html.section(
            "annexe",
            html.heading("Annexe : le texte du cas", 2),
            html.heading(title, 3),
            case.narrative_html(),
        ),
        f"<p class='petit'>Règles du verdict : {html.escape(verdict_rules_text())}</p>",
        f"<p class='petit'>Critères, bonnes pratiques et signes d’alerte : guide "
        f"« {html.escape(GUIDE_TITLE)} », {html.escape(GUIDE_AUTHOR)}. Niveaux des critères, "
        "étude de cas et règles du verdict : écrits pour le cours.</p>",
    )
