"""The audit of a case study: levels with evidence, good practices, warning signs,
recommendations, a live verdict, the comparison with the reference and a printable report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from ...content.model import SOURCE_LABELS, UNTICKED_EVIDENCE, CaseStudy, Content, Criterion
from ...content.verdict import LEVEL_NAMES, LEVEL_RANGE, feu
from ...display import html as h
from ...display.palette import FEU_COLOURS, RULE, TEXT_SOFT
from ...display.text import quoted
from ...display.widgets import STYLESHEET, button, checkbox, html, shared, text_area
from ..base_widget import ExerciseWidget
from .analysis import audit_verdict
from .answer import empty_answer, normalise_answer

# What a sign's line says: (ticked?, evidence written?) → HTML.
SIGN_STATES = {
    (False, False): "",
    (False, True): (
        f"<p style='margin:0;color:{TEXT_SOFT}'>Non retenu : votre texte est gardé, mais ne "
        "compte pas dans le verdict tant que le signe n’est pas coché.</p>"
    ),
    (True, True): (
        "<p style='margin:0'>✓ <strong>Confirmé</strong> : ce signe l’emporte sur les "
        "niveaux des critères.</p>"
    ),
    (True, False): (
        "<p style='margin:0'>⚠ <strong>À prouver</strong> : un signe ne compte qu’avec "
        "sa preuve ; citez le passage du cas.</p>"
    ),
}
LEVEL_OPTIONS = [("non noté", None), ("0", 0), ("1", 1), ("2", 2), ("3", 3)]
STALE = (
    "<p><em>⟳ Votre audit a changé depuis la dernière comparaison : cliquez de nouveau sur "
    "« Comparer avec l’audit de référence ».</em></p>"
)


def _levels_html(criterion: Criterion, chosen: int | None) -> str:
    """The criterion's four levels, the chosen one in bold with its light."""
    items = [
        f"<li style='border-left:5px solid {FEU_COLOURS[feu(n)]};padding-left:0.4em;"
        f"font-weight:bold'>Niveau {n} — {LEVEL_NAMES[n]} ({feu(n)}) : "
        f"{h.escape(str(text))}</li>"
        if n == chosen
        else f"<li style='color:{TEXT_SOFT}'>Niveau {n} — {LEVEL_NAMES[n]} : "
        f"{h.escape(str(text))}</li>"
        for n, text in enumerate(criterion.levels)
    ]
    return f"<ul style='list-style:none;padding-left:0.2em;margin:0.2em 0'>{''.join(items)}</ul>"


def _separated() -> Any:
    """The shared layout of a block with a line under it."""
    return shared(widgets.Layout, border_bottom=f"1px solid {RULE}", padding="0 0 0.5em 0")


class CriterionView(widgets.VBox):
    """One criterion: its question, a level from 0 to 3 with the level descriptions, evidence."""

    def __init__(self, criterion: Criterion, number: int) -> None:
        self.criterion = criterion
        origin = (
            "guide Tanmia.ma" if criterion.source == "guide" else SOURCE_LABELS[criterion.source]
        )
        header = html(
            f"<h4 style='margin-bottom:0.1em'>{number}. {h.escape(str(criterion.short))}</h4>"
            f"<p style='margin:0'><em>{h.escape(str(criterion.label))}</em> "
            f"({h.escape(origin)})<br>"
            f"<strong>Question :</strong> {h.escape(str(criterion.question))}</p>"
        )
        self.level = widgets.ToggleButtons(
            options=LEVEL_OPTIONS,
            value=None,
            description="Niveau :",
            tooltips=["pas encore noté", *(str(t) for t in criterion.levels)],
            layout=shared(widgets.Layout),
            style=shared(widgets.ToggleButtonsStyle),
        )
        self.levels_help = html(_levels_html(criterion, None))
        self.evidence = text_area(
            "Preuve : citez le passage du cas (avec son numéro de §) qui justifie ce niveau.",
            height="4.5em",
        )
        super().__init__([header, self.level, self.levels_help, self.evidence], layout=_separated())
        self.level.observe(self._show_level, names="value")

    def _show_level(self, _change: Any = None) -> None:
        self.levels_help.value = _levels_html(self.criterion, self.level.value)


class SignView(widgets.VBox):
    """One warning sign: ticked or not, and the evidence that confirms it. The evidence of
    a sign left unticked stays on screen and in the answer, but does not count."""

    def __init__(self, label: str, explanation: str) -> None:
        self.box = checkbox(label)
        self.evidence = text_area(
            "Preuve : le passage du cas (avec son § ) qui montre ce signe.", height="4em"
        )
        self.status = html()
        hint = html(
            f"<p style='margin:0;color:{TEXT_SOFT};font-size:0.9em'>{h.escape(explanation)}</p>"
        )
        super().__init__([self.box, hint, self.evidence, self.status], layout=_separated())
        self.evidence.observe(self._tick_on_evidence, names="value")

    def _tick_on_evidence(self, change: Any) -> None:
        """Starting to write evidence ticks the sign (citing a passage says the sign is
        there); editing the evidence of a sign unticked on purpose leaves it unticked."""
        if change["new"].strip() and not change["old"].strip() and not self.box.value:
            self.box.value = True

    def refresh(self) -> None:
        self.status.value = SIGN_STATES[(self.box.value, bool(self.evidence.value.strip()))]


class AuditWidget(ExerciseWidget):
    """The audit of one case study; ``answer`` reads or restores the whole audit."""

    def __init__(
        self, case: CaseStudy, content: Content, reponse: Mapping[str, Any] | None = None
    ) -> None:
        self.case = case
        self.content = content
        self._restoring = False
        title = html(
            STYLESHEET
            + h.heading(f"Audit du cas {quoted(case.title)}", 3)
            + h.paragraph(
                f"Lisez le cas, puis, onglet par onglet : notez chaque critère {LEVEL_RANGE} "
                "en citant votre preuve, cochez les bonnes pratiques observées et les signes "
                "d’alerte (avec leur preuve), écrivez vos recommandations. Le verdict se met à "
                "jour à chaque niveau."
            )
        )
        text = widgets.HTML(
            case.narrative_html(),
            layout=widgets.Layout(max_height="30em", overflow="auto", padding="0 0.5em"),
        )
        self.reading = widgets.Accordion(
            children=[text], titles=(f"Le cas : {case.title}",), selected_index=0
        )
        self.criteria = {c.id: CriterionView(c, n) for n, c in enumerate(content.criteria, start=1)}
        self.practices = {p.id: checkbox(str(p.label)) for p in content.practices}
        self.signs = {
            s.id: SignView(str(s.label), str(s.explanation)) for s in content.warning_signs
        }
        self.recommendations = text_area(
            "Vos recommandations aux partenaires : que faudrait-il changer, et par quoi "
            "commencer ?",
            height="9em",
        )
        self.verdict_line = html()
        self.compare_button = button("Comparer avec l’audit de référence", icon="balance-scale")
        self.report_button = button("Préparer le rapport imprimable", icon="file")
        self.result_html = html()
        self.download = html()
        self.compare_button.on_click(self._show_comparison)
        self.report_button.on_click(self._offer_report)

        practices_intro = html(
            "<p>Cochez les bonnes pratiques du guide que vous <strong>voyez</strong> dans le "
            "cas (un passage doit le montrer).</p>"
        )
        signs_intro = html(
            "<p>Selon le guide, il n’y a pas de véritable partenariat quand l’un de ces signes "
            "est présent. Cochez ceux que le cas montre et <strong>citez le passage</strong> : "
            "un signe confirmé l’emporte sur toutes les notes.</p>"
        )
        buttons = widgets.HBox([self.compare_button, self.report_button])
        pages = (
            self.criteria.values(),
            [practices_intro, *self.practices.values()],
            [signs_intro, *self.signs.values()],
            [self.recommendations],
            [buttons, self.download, self.result_html],
        )
        self.tabs = widgets.Tab(
            children=[widgets.VBox(list(page)) for page in pages],
            titles=("1. Critères", "2. Pratiques", "3. Alertes", "4. Conseils", "5. Résultat"),
        )
        super().__init__([title, self.reading, self.verdict_line, self.tabs], f"audit_{case.id}")
        self.add_class("tanmia-audit")
        controls = [
            *(w for view in self.criteria.values() for w in (view.level, view.evidence)),
            *self.practices.values(),
            *(w for view in self.signs.values() for w in (view.box, view.evidence)),
            self.recommendations,
        ]
        for control in controls:
            control.observe(self._changed, names="value")
        self._refresh()
        if reponse is not None:
            self.answer = reponse
        self._start_autosave(prefill=reponse)

    # -- answer ---------------------------------------------------------------------------

    @property
    def answer(self) -> dict[str, Any]:
        """The whole audit as a plain dict: ``criteres`` (id → niveau, preuve),
        ``bonnes_pratiques`` (ids), ``signes_alerte`` (id → preuve), ``recommandations``,
        and, only when some unticked sign has evidence written, ``preuves_signes_non_retenus``
        (id → preuve): every text on screen is in the answer."""
        answer: dict[str, Any] = {
            "criteres": {
                cid: {"niveau": view.level.value, "preuve": view.evidence.value}
                for cid, view in self.criteria.items()
            },
            "bonnes_pratiques": [pid for pid, box in self.practices.items() if box.value],
            "signes_alerte": {
                sid: view.evidence.value for sid, view in self.signs.items() if view.box.value
            },
            "recommandations": self.recommendations.value,
        }
        unticked = {
            sid: view.evidence.value
            for sid, view in self.signs.items()
            if not view.box.value and view.evidence.value.strip()
        }
        if unticked:
            answer[UNTICKED_EVIDENCE] = unticked
        return answer

    @answer.setter
    def answer(self, value: dict[str, Any]) -> None:
        checked = normalise_answer(value, self.content)
        self._restoring = True
        try:
            for cid, view in self.criteria.items():
                view.level.value = checked["criteres"][cid]["niveau"]
                view.evidence.value = checked["criteres"][cid]["preuve"]
            for pid, box in self.practices.items():
                box.value = pid in checked["bonnes_pratiques"]
            unticked = checked.get(UNTICKED_EVIDENCE, {})
            for sid, view in self.signs.items():
                # The evidence first: writing it would tick the sign.
                view.evidence.value = checked["signes_alerte"].get(sid, unticked.get(sid, ""))
                view.box.value = sid in checked["signes_alerte"]
            self.recommendations.value = checked["recommandations"]
        finally:
            self._restoring = False
        self._changed()

    def effacer(self) -> None:
        """Start the audit again from blank."""
        self.answer = empty_answer(self.content.criteria)

    # -- views ----------------------------------------------------------------------------

    def resultat(self):
        """The verdict, the comparison with the reference, the figures and the report."""
        from .report import build_result

        return build_result(self.case, self.answer, self.content)

    def _changed(self, _change: Any = None) -> None:
        if self._restoring:
            return
        self._refresh()
        if self.result_html.value:
            self.result_html.value = STALE
        self.download.value = ""  # a report of an older audit is not left behind
        self._answer_changed()

    def _refresh(self) -> None:
        for view in self.signs.values():
            view.refresh()
        verdict = audit_verdict(self.answer, self.content)
        self.verdict_line.value = verdict._repr_html_(title="Verdict : ")

    def _show_comparison(self, _button: Any = None) -> None:
        self.result_html.value = self.resultat()._repr_html_()

    def _offer_report(self, _button: Any = None) -> None:
        from ...display.html import download_link
        from .report import PRINT_HINT

        name = f"audit_{self.case.id}.html"
        page = self.resultat().rapport_html().encode("utf-8")
        link = download_link(
            page, name, f"Télécharger le rapport ({name})", "text/html;charset=utf-8"
        )
        self.download.value = f"<p>{link} {PRINT_HINT}</p>"


def audit_cas(identifiant: str, reponse: Mapping[str, Any] | None = None) -> AuditWidget:
    """Le formulaire d’audit d’une étude de cas, par exemple ``audit_cas("couscous_bahja")``.

    Vos réponses s’enregistrent à chaque changement et sont reprises à la prochaine ouverture ;
    ``reponse`` préremplit le formulaire (même forme que ``audit.answer``)."""
    from ...content.loader import load_content
    from .result import etude_de_cas

    return AuditWidget(etude_de_cas(identifiant), load_content(), reponse)
