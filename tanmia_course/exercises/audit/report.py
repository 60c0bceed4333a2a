"""The result of an audit: verdict, comparison with the reference, figures, printable report.

The report is one standalone HTML file: no external resource (styles inline, figures as
SVG images), every text the learner typed escaped, so that it opens and prints offline.
matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ...content.display import GUIDE_AUTHOR, GUIDE_TITLE
from ...content.model import UNTICKED_EVIDENCE, CaseStudy, Content
from ...content.verdict import FEU_LABELS, Verdict, feu
from ...display import html
from ...display.palette import FEU_COLOURS
from .analysis import Comparaison, compare

if TYPE_CHECKING:
    from ...display.picture import Graphique

COMPACT_COLUMNS = ["critere", "votre_niveau", "niveau_reference", "ecart", "accord"]


@dataclass(frozen=True)
class RapportEcrit:
    """Where a report was written, with a link to open it."""

    chemin: Path

    def _repr_html_(self) -> str:
        from ...work.store import shown_path

        # The page resolves a link from the notebook's folder (the kernel's current one).
        href = escape(Path(os.path.relpath(self.chemin.absolute(), Path.cwd())).as_posix())
        name = escape(shown_path(self.chemin))
        return (
            f"<p>Rapport écrit : <a href='{href}' target='_blank' download>{name}</a> — "
            "ouvrez-le dans le navigateur, puis « Imprimer » (Ctrl+P) pour l’imprimer ou "
            "l’enregistrer en PDF.</p>"
        )

    def __repr__(self) -> str:
        return f"Rapport écrit : {self.chemin} (ouvrez-le dans un navigateur pour l’imprimer)"


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
        return self.details.tableau[COMPACT_COLUMNS]

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
        return f"Audit du cas « {self.cas.title} »\n{self.details!r}"

    def _repr_html_(self) -> str:
        details = self.details
        return (
            f"<div class='tanmia-resultat'><h3>Audit du cas « {escape(str(self.cas.title))} »</h3>"
            f"{self.verdict._repr_html_()}<div>{self.radar().img()}</div>"
            + html.section(
                "tanmia-comparaison",
                html.facts(
                    [
                        ("Votre verdict", self.verdict.ligne()),
                        ("Verdict de la référence", details.libelle_reference),
                    ]
                ),
                html.paragraph(details.resume()),
                comparison_table(details),
                html.heading("Retours"),
                feedback_html(details),
            )
            + "</div>"
        )

    def rapport_html(self, chemin: str | Path | None = None, auteur: str | None = None):
        """The printable report: returned as a string, or written to ``chemin`` (UTF-8),
        which returns a link to the file (like ``DataFrame.to_csv``)."""
        page = render_report(self, auteur)
        if chemin is None:
            return page
        path = Path(chemin)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
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


_CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; max-width: 52em; margin: 1.5em auto;
       color: #111; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em;
     border-bottom: 2px solid #0072B2; } table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; } .note { white-space: pre-wrap; } .petit { font-size: 0.85em;
     color: #444; } img { max-width: 100%; }
@media print { h2 { page-break-after: avoid; } tr, img { page-break-inside: avoid; }
               .annexe { page-break-before: always; } }
"""


def level_chip(level: Any, empty: str) -> str:
    """A level in the colour of its traffic light, the light's name after it (the colour is
    never the only sign); ``empty`` when the level is not rated or not shown."""
    if pd.isna(level):
        return html.escape(empty)
    light = feu(int(level))
    return html.chip(str(int(level)), FEU_COLOURS[light], FEU_LABELS[light].lower())


def comparison_table(details: Comparaison) -> str:
    """Per criterion: your level and the reference's in their lights, the gap, the agreement."""
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
    return html.table(header, rows, left=range(5), css_class="tanmia-comparaison")


def feedback_html(details: Comparaison) -> str:
    """The feedback messages, each in the colour of its light."""
    return "".join(
        html.feedback(r.message, "info", r.sujet, r.icon, colour=FEU_COLOURS[r.feu])
        for r in details.retours
    )


def render_report(result: ResultatAudit, auteur: str | None = None) -> str:
    """The standalone HTML report of ``result`` (see the module's docstring)."""
    case, answer, details = result.cas, result.reponse, result.details
    content = result.contenu
    practices = {p.id: str(p.label) for p in content.practices}
    signs = {s.id: str(s.label) for s in content.warning_signs}

    criteria_rows = "".join(
        f"<tr><td>{escape(row.critere)}</td><td>{level_chip(row.niveau, 'non noté')}</td>"
        f"<td class='note'>{escape(row.preuve) or '<em>(pas de preuve)</em>'}</td></tr>"
        for row in result.audit.itertuples()
    )
    chosen = answer["bonnes_pratiques"]
    practice_list = (
        "<ul>" + "".join(f"<li>{escape(practices[p])}</li>" for p in chosen) + "</ul>"
        if chosen
        else "<p><em>Aucune bonne pratique relevée.</em></p>"
    )
    unticked = answer.get(UNTICKED_EVIDENCE, {})
    if answer["signes_alerte"] or unticked:
        statuses = [
            (s, evidence, "confirmé" if evidence.strip() else "à prouver (pas de preuve)")
            for s, evidence in answer["signes_alerte"].items()
        ]
        statuses += [
            (s, evidence, "non retenu (pas coché : ne compte pas dans le verdict)")
            for s, evidence in unticked.items()
        ]
        sign_rows = "".join(
            f"<tr><td>{escape(signs[s])}</td><td class='note'>{escape(evidence)}</td>"
            f"<td>{status}</td></tr>"
            for s, evidence, status in statuses
        )
        sign_table = (
            "<table><thead><tr><th>Signe d’alerte</th><th>Preuve</th><th>Statut</th></tr>"
            f"</thead><tbody>{sign_rows}</tbody></table>"
        )
    else:
        sign_table = "<p><em>Aucun signe d’alerte relevé.</em></p>"
    reco = answer["recommandations"].strip()
    reco_html = (
        f"<p class='note'>{escape(reco)}</p>" if reco else "<p><em>Pas de recommandation.</em></p>"
    )
    reference_reco = (
        "".join(f"<li>{escape(str(r))}</li>" for r in case.reference.recommendations)
        if details.reference_visible
        else "<li><em>Visibles quand tous les critères sont notés.</em></li>"
    )
    reference_rows = "".join(
        f"<tr><td>{escape(row.critere)}</td>"
        f"<td>{level_chip(row.niveau_reference, '—')}</td>"
        f"<td>{escape(row.justification_reference)}"
        + (
            f"<br><span class='petit'>{escape(row.passage_reference)}</span>"
            if row.passage_reference
            else ""
        )
        + "</td></tr>"
        for row in details.tableau.itertuples()
    )
    author = f"<p><strong>Auteur·e :</strong> {escape(auteur)}</p>" if auteur else ""
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport d’audit — {escape(str(case.title))}</title>
<style>{_CSS}</style></head><body>
<h1>Rapport d’audit d’un partenariat</h1>
<p><strong>Cas :</strong> {escape(str(case.title))}</p>{author}
<p class="petit">{escape(str(case.notice))}</p>
<h2>1. Verdict</h2>
{result.verdict._repr_html_()}
<p><strong>Verdict de l’audit de référence :</strong> {escape(details.libelle_reference)}</p>
<p>{escape(details.resume())}</p>
<h2>2. Les critères en un coup d’œil</h2>
{result.radar().img()}
{result.feux().img()}
<h2>3. Votre audit, critère par critère</h2>
<table><thead><tr><th>Critère</th><th>Niveau</th><th>Preuve</th></tr></thead>
<tbody>{criteria_rows}</tbody></table>
<h2>4. Bonnes pratiques observées</h2>
{practice_list}
<h2>5. Signes d’alerte</h2>
{sign_table}
<h2>6. Vos recommandations</h2>
{reco_html}
<h2>7. Comparaison avec l’audit de référence</h2>
{comparison_table(details)}
<h3>Retours</h3>
{feedback_html(details)}
<h3>L’audit de référence, critère par critère</h3>
<table><thead><tr><th>Critère</th><th>Niveau</th><th>Justification et passage</th></tr></thead>
<tbody>{reference_rows}</tbody></table>
<h3>Recommandations de la référence</h3>
<ul>{reference_reco}</ul>
<div class="annexe"><h2>Annexe : le texte du cas</h2>
<h3>{escape(str(case.title))}</h3>
{case.narrative_html()}</div>
<p class="petit">Règles du verdict : un signe d’alerte confirmé (coché et prouvé) donne « Pas un
véritable partenariat » quelles que soient les notes ; sinon, indice = moyenne des niveaux notés
divisée par 3 ; « Partenariat solide » à partir de 0,75 sans critère au rouge, « à consolider » à
partir de 0,50, « fragile » en dessous. Feux : vert 3, ambre 2, rouge 0 ou 1.</p>
<p class="petit">Critères, bonnes pratiques et signes d’alerte : guide « {escape(GUIDE_TITLE)} »,
{escape(GUIDE_AUTHOR)}. Niveaux des critères, étude de cas et règles du verdict : écrits pour le
cours.</p>
</body></html>
"""
