"""The draft of a partnership agreement: parties and what each brings and gains, the
steering committee, the articles, a live review against the guide, and the documents."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ...content.agreement import (
    CONTRIBUTION_KINDS,
    DECISION_LABELS,
    OWN_CASE,
    Scenario,
    map_parties,
    scenarios,
)
from ...content.model import Content
from ...display import html as h
from ...display.document import DOCX_MIME
from ...display.palette import ERROR, OK, RULE, TEXT_SOFT
from ...display.text import french_spacing
from ...display.widgets import (
    STYLESHEET,
    DescriptionStyle,
    TextStyle,
    button,
    checkbox,
    full_width,
    html,
    shared,
    text_area,
)
from ...errors import IdentifiantInconnu
from ..base_widget import ExerciseWidget, UnreadableWork, saved_answer, write_document
from .answer import check_name, new_party, normalise_answer
from .result import review_result

EXERCISE_PREFIX = "convention_"
OBJECTIVES = "objectifs"  # the clause under which the learner's ranked benefits are recalled
_LABELS = {"description_width": "9em"}
# In a row beside a button, a control takes the room the button leaves, the button its words.
_GROWS = {"flex": "1 1 auto", "width": "auto"}
_KEEPS = {"flex": "0 0 auto", "width": "auto"}
_PLACEHOLDERS = {
    "argent": "montants, calendrier des versements",
    "nature": "local, véhicule, matériel, repas…",
    "competences": "savoir-faire, formation, connaissance du terrain…",
    "temps": "heures de bénévoles, personnel mis à disposition…",
}


def _text(description: str, placeholder: str = "") -> widgets.Text:
    return widgets.Text(
        description=french_spacing(description),
        placeholder=french_spacing(placeholder),
        continuous_update=False,
        layout=full_width(),
        style=shared(TextStyle, **_LABELS),
    )


def _area(description: str, placeholder: str, rows: int = 2) -> widgets.Textarea:
    return widgets.Textarea(
        description=french_spacing(description),
        placeholder=french_spacing(placeholder),
        rows=rows,
        continuous_update=False,
        layout=full_width(),
        style=shared(TextStyle, **_LABELS),
    )


class PartyView(widgets.VBox):
    """One party: its name, status and signatory, what it brings by kind, what it gains,
    whether it sits on the steering committee, and a button to take it out."""

    def __init__(self, party: Mapping[str, Any]) -> None:
        self.heading = html()
        self.name = _text("Nom", "le nom exact de la structure")
        self.status = _text("Statut", "association déclarée, commune, coopérative…")
        self.signatory = _text("Signataire", "qui signe, et à quel titre")
        self.contributions = {
            kind: _area(label, _PLACEHOLDERS[kind])
            for kind, (_, label) in CONTRIBUTION_KINDS.items()
        }
        self.gains = _area("Ce qu’elle gagne", "ce que le partenariat lui apporte")
        self.committee = checkbox("Siège au comité de pilotage")
        self.committee.layout = shared(widgets.Layout, **_GROWS)
        self.remove = button("Retirer cette partie", icon="trash")
        self.remove.layout = shared(widgets.Layout, **_KEEPS)
        super().__init__(
            [
                self.heading,
                self.name,
                self.status,
                self.signatory,
                html(f"<p style='margin:0.3em 0 0;color:{TEXT_SOFT}'>Ce qu’elle apporte :</p>"),
                *self.contributions.values(),
                self.gains,
                widgets.HBox([self.committee, self.remove]),
            ],
            layout=shared(widgets.Layout, border_bottom=f"1px solid {RULE}", padding="0 0 0.5em 0"),
        )
        self.set(party)

    def set(self, party: Mapping[str, Any]) -> None:
        self.name.value = party["nom"]
        self.status.value = party["statut"]
        self.signatory.value = party["signataire"]
        for kind, area in self.contributions.items():
            area.value = party["apports"][kind]
        self.gains.value = party["gains"]
        self.committee.value = party["comite"]
        self.heading.value = f"<h4 style='margin:0.4em 0 0.1em'>{h.escape(party['nom'])}</h4>"

    def get(self) -> dict[str, Any]:
        return {
            "nom": self.name.value,
            "statut": self.status.value,
            "signataire": self.signatory.value,
            "apports": {kind: area.value for kind, area in self.contributions.items()},
            "gains": self.gains.value,
            "comite": self.committee.value,
        }

    def controls(self) -> list[widgets.Widget]:
        return [
            self.status,
            self.signatory,
            *self.contributions.values(),
            self.gains,
            self.committee,
        ]


class AgreementWidget(ExerciseWidget):
    """The draft of one scenario's agreement; ``answer`` reads or restores the whole draft."""

    def __init__(
        self,
        scenario: Scenario,
        content: Content,
        reponse: Mapping[str, Any] | None = None,
    ) -> None:
        self.scenario = scenario
        self.content = content
        self._restoring = False
        self._removed: dict[str, Any] | None = None
        title = html(
            STYLESHEET
            + h.heading(f"Convention de partenariat — {scenario.title}", 3)
            + h.paragraph(scenario.summary)
            + h.paragraph(
                "Onglet par onglet : les parties et ce que chacune apporte et gagne, le comité "
                "de pilotage, puis les articles. L’onglet « Analyse » dit, à chaque changement, "
                "quels critères du guide votre convention protège et ce qu’il faut ajouter ; "
                "l’onglet « Documents » la donne en Word ou à imprimer."
            )
        )
        self.summary = html()
        self.message = html()
        # 1. parties
        self.parties_box = widgets.VBox([])
        self.views: list[PartyView] = []
        self.new_name = _text("Nouvelle partie", "le nom de la structure à ajouter")
        self.new_name.layout = shared(widgets.Layout, **_GROWS)
        self.add_button = button("Ajouter la partie", icon="plus", button_style="primary")
        self.add_button.layout = shared(widgets.Layout, **_KEEPS)
        self.undo_button = button("Rétablir la partie retirée", icon="undo")
        self.undo_button.layout = widgets.Layout(display="none")
        self.add_button.on_click(self._add)
        self.undo_button.on_click(self._undo)
        # 2. governance
        self.frequency = _text("Réunions", "par exemple : une fois par trimestre")
        self.decision = widgets.Dropdown(
            options=[("— à choisir —", ""), *((label, k) for k, label in DECISION_LABELS.items())],
            value="",
            description=french_spacing("Décisions"),
            layout=full_width(),
            style=shared(DescriptionStyle, **_LABELS),
        )
        # 3. articles
        self.clauses = {c.id: self._clause_area(c) for c in content.clauses}
        # 4. analysis, 5. documents
        self.analysis = html()
        self.title_text = _text("Titre", "Convention de partenariat pour …")
        self.word_button = button("Préparer la convention (Word)", icon="file-word-o")
        self.print_button = button("Préparer la page à imprimer", icon="print")
        self.download = html()
        self.word_button.on_click(self._offer_word)
        self.print_button.on_click(self._offer_print)

        articles = []
        ranked = self._ranked_benefits()
        for clause in content.clauses:
            articles.append(
                html(
                    f"<h4 style='margin:0.6em 0 0.1em'>{h.escape(str(clause.label))}</h4>"
                    f"<p style='margin:0;color:{TEXT_SOFT};font-size:0.9em'>"
                    f"{h.escape(str(clause.explanation))}</p>"
                    + (ranked if clause.id == OBJECTIVES else "")
                )
            )
            articles.append(self.clauses[clause.id])
        pages = [
            [
                html(
                    "<p>Les parties signent la convention. Pour chacune, écrivez ce qu’elle "
                    "apporte (au moins une sorte d’apport) et ce qu’elle gagne : un partenaire "
                    "qui ne fait que donner, ou que recevoir, n’est pas dans une relation "
                    "réciproque.</p>"
                ),
                self.parties_box,
                widgets.HBox([self.new_name, self.add_button]),
                self.undo_button,
            ],
            [
                html(
                    "<p>Le comité de pilotage réunit les parties cochées « Siège au comité » "
                    "(onglet 1). Dites à quel rythme il se réunit et comment il décide ; le "
                    "reste (quorum, registre des décisions) va dans l’article « Gouvernance » "
                    "(onglet 3).</p>"
                ),
                self.frequency,
                self.decision,
            ],
            articles,
            [self.analysis],
            [
                html(
                    "<p>La convention rédigée, avec un article numéroté par clause remplie et "
                    "le bloc des signatures. Un document de formation, pas un conseil "
                    "juridique : pour un engagement réel, faites relire le texte.</p>"
                ),
                self.title_text,
                widgets.HBox([self.word_button, self.print_button]),
                self.download,
            ],
        ]
        self.tabs = widgets.Tab(
            children=[widgets.VBox(page) for page in pages],
            titles=("1. Parties", "2. Comité", "3. Articles", "4. Analyse", "5. Documents"),
        )
        super().__init__(
            [title, self.summary, self.message, self.tabs], f"{EXERCISE_PREFIX}{scenario.id}"
        )
        self.add_class("tanmia-convention-widget")
        for control in [self.frequency, self.decision, self.title_text, *self.clauses.values()]:
            control.observe(self._changed, names="value")
        start, said = self._starting_parties()
        self._set_parties([new_party(name, status) for name, status in start])
        self._refresh()
        if said:
            self._say(said, ok=True)
        if reponse is not None:
            self.answer = reponse
        self._start_autosave(prefill=reponse)

    def _clause_area(self, clause: Any) -> widgets.Textarea:
        placeholder = str(clause.placeholder) if clause.placeholder else ""
        return text_area(placeholder or "Votre texte", height="6em")

    def _starting_parties(self) -> tuple[tuple[tuple[str, str], ...], str]:
        """The parties a new draft starts with, and what to say about them: those of the
        learner's saved actor map for the project it maps, else the scenario's."""
        if self.scenario.actor_map is None:
            return self.scenario.parties, ""
        from ..actor_map.answer import normalise_answer as check_map
        from ..actor_map.answer import vocabulary
        from ..actor_map.widget import EXERCISE_ID as ACTOR_MAP

        try:
            saved = saved_answer(ACTOR_MAP)
        except UnreadableWork as exc:
            return self.scenario.parties, (
                f"Votre carte des acteurs enregistrée est illisible ({exc.raison}) : les "
                "parties viennent de la carte de référence."
            )
        if saved is None:
            return self.scenario.parties, ""
        try:
            checked = check_map(saved, vocab=vocabulary(self.content))
        except (ValueError, LookupError, TypeError) as exc:
            return self.scenario.parties, (
                f"Votre carte des acteurs enregistrée ne correspond plus au cours ({exc}) : "
                "les parties viennent de la carte de référence."
            )
        maps = {m.id: m for m in self.content.actor_maps}
        owner = maps[self.scenario.actor_map].owner
        actors = [(a["id"], a.get("label"), a["target"]) for a in checked["actors"]]
        parties = map_parties(owner, actors, self.content)
        return parties, (
            "Parties reprises de votre carte des acteurs (exercice 01) : les acteurs avec qui "
            "vous visez une coopération ou une collaboration."
        )

    def _ranked_benefits(self) -> str:
        """Under the objectives: the benefits the learner ranked first in exercise 02, when
        there is a saved ranking (the partnership's reasons to be)."""
        from ..ranking.answer import normalise_answer as check_ranking
        from ..ranking.widget import EXERCISE_ID as RANKING

        try:
            saved = saved_answer(RANKING)
            if saved is None:
                return ""
            ids = [b.id for b in self.content.benefits]
            order = check_ranking(saved, known=ids, k=len(ids))["ordre"]
        except (UnreadableWork, ValueError, LookupError, TypeError):
            return ""  # the ranking's own notebook says what is wrong with it
        labels = {b.id: str(b.label) for b in self.content.benefits}
        first = [labels[b] for b in order[:3]]
        if not first:
            return ""
        items = "".join(f"<li>{h.escape(label)}</li>" for label in first)
        return (
            f"<p style='margin:0.3em 0 0;font-size:0.9em'>Les avantages que vous avez classés "
            f"en tête (exercice 02) peuvent fonder vos objectifs :</p><ol "
            f"style='margin:0;font-size:0.9em'>{items}</ol>"
        )

    # -- answer ---------------------------------------------------------------------------

    @property
    def answer(self) -> dict[str, Any]:
        """The whole draft as a plain dict (see :mod:`.answer`): every text on screen is in it."""
        return {
            "scenario": self.scenario.id,
            "titre": self.title_text.value,
            "parties": [view.get() for view in self.views],
            "gouvernance": {"frequence": self.frequency.value, "decision": self.decision.value},
            "clauses": {cid: area.value for cid, area in self.clauses.items()},
        }

    @answer.setter
    def answer(self, value: Mapping[str, Any]) -> None:
        checked = normalise_answer(value, self.content, self.scenario.id)
        self._restoring = True
        try:
            self._set_parties(checked["parties"])
            self.frequency.value = checked["gouvernance"]["frequence"]
            self.decision.value = checked["gouvernance"]["decision"]
            self.title_text.value = checked["titre"]
            for cid, area in self.clauses.items():
                area.value = checked["clauses"][cid]
        finally:
            self._restoring = False
        self._changed()

    def effacer(self) -> None:
        """Start the draft again from blank (with the scenario's parties)."""
        start, _ = self._starting_parties()
        self.answer = {
            "scenario": self.scenario.id,
            "parties": [new_party(name, status) for name, status in start],
        }

    # -- parties --------------------------------------------------------------------------

    def _set_parties(self, parties: list[dict[str, Any]]) -> None:
        """Show exactly these parties, reusing the views already built."""
        while len(self.views) < len(parties):
            view = PartyView(new_party(f"partie {len(self.views) + 1}"))
            for control in view.controls():
                control.observe(self._changed, names="value")
            view.name.observe(self._renamed(view), names="value")
            view.remove.on_click(self._remover(view))
            self.views.append(view)
        for view in self.views[len(parties) :]:
            view.close()
        del self.views[len(parties) :]
        restoring, self._restoring = self._restoring, True
        try:
            for view, party in zip(self.views, parties, strict=True):
                view.set(party)
        finally:
            self._restoring = restoring
        self.parties_box.children = tuple(self.views)

    def _renamed(self, view: PartyView) -> Any:
        def renamed(change: dict[str, Any]) -> None:
            if self._restoring:
                return
            number = self.views.index(view) + 1
            others = {v.name.value.strip().casefold() for v in self.views if v is not view}
            try:
                name = check_name(change["new"], number)
                if name.casefold() in others:
                    raise ValueError(
                        f"Une autre partie s’appelle déjà « {name} » : donnez à chacune son "
                        "nom exact."
                    )
            except ValueError as exc:
                self._restoring = True
                view.name.value = change["old"]  # the previous name stays
                self._restoring = False
                self._say(f"{exc} Le nom « {change['old']} » est gardé.", ok=False)
                return
            self._restoring = True
            view.name.value = name
            self._restoring = False
            view.heading.value = f"<h4 style='margin:0.4em 0 0.1em'>{h.escape(name)}</h4>"
            self._changed()

        return renamed

    def _remover(self, view: PartyView) -> Any:
        def remove(_button: Any = None) -> None:
            self._removed = view.get()
            parties = [v.get() for v in self.views if v is not view]
            self._set_parties(parties)
            self.undo_button.description = french_spacing(f"Rétablir « {self._removed['nom']} »")
            self.undo_button.layout.display = None
            self._changed()
            self._say(
                f"La partie « {self._removed['nom']} » est retirée de la convention.", ok=True
            )

        return remove

    def _undo(self, _button: Any = None) -> None:
        if self._removed is None:
            return
        if self._add_party(self._removed):
            self._removed = None
            self.undo_button.layout.display = "none"

    def _add(self, _button: Any = None) -> None:
        if self._add_party(new_party(self.new_name.value)):
            self.new_name.value = ""

    def _add_party(self, party: dict[str, Any]) -> bool:
        """Add ``party`` at the end, if the answer type accepts it; else say why, and the
        parties stay as they were."""
        parties = [v.get() for v in self.views]
        try:
            checked = normalise_answer(
                {"scenario": self.scenario.id, "parties": [*parties, party]}, self.content
            )
        except (ValueError, LookupError) as exc:
            self._say(str(exc), ok=False)
            return False
        self._set_parties(checked["parties"])
        self._changed()
        self._say(f"La partie « {checked['parties'][-1]['nom']} » est ajoutée.", ok=True)
        return True

    # -- views ----------------------------------------------------------------------------

    def resultat(self):
        """What the draft secures, per item of the guide (the « Analyse » tab)."""
        return review_result(normalise_answer(self.answer, self.content), self.content)

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.value = h.line(text, OK if ok else ERROR) if text else ""

    def _changed(self, change: Mapping[str, Any] | None = None) -> None:
        """After a change on screen: the draft is checked by its answer type first; a value
        it refuses (an article over the length limit) is undone, with the reason said, so
        that the draft on screen and the one saved are always valid."""
        if self._restoring:
            return
        try:
            checked = normalise_answer(self.answer, self.content)
        except (ValueError, LookupError) as exc:
            if change is not None and hasattr(change.get("owner"), "value"):
                self._restoring = True
                change["owner"].value = change["old"]  # the previous text stays
                self._restoring = False
            self._say(f"{exc} Le texte précédent est gardé.", ok=False)
            return
        self._say("")  # a refusal said before no longer holds
        self._refresh(checked)
        self.download.value = ""  # a document of an older draft is not left behind
        self._answer_changed()

    def _refresh(self, checked: Mapping[str, Any] | None = None) -> None:
        """The count above the tabs and the analysis tab, for the draft on screen (``checked``:
        already through its answer type)."""
        result = self.resultat() if checked is None else review_result(checked, self.content)
        self.summary.value = h.line(result.resume, OK, bold=True)
        self.analysis.value = result._repr_html_()

    def _document(self, kind: str) -> None:
        from .report import agreement_docx, agreement_html, filename

        try:
            answer = normalise_answer(self.answer, self.content)
            if kind == "docx":
                data, mime, name = agreement_docx(answer, self.content), DOCX_MIME, filename(answer)
                text = f"Télécharger {name} (Word)"
            else:
                page = agreement_html(answer, self.content)
                data, mime = page.encode("utf-8"), "text/html;charset=utf-8"
                name = filename(answer).removesuffix(".docx") + ".html"
                text = f"Télécharger {name} (à ouvrir puis imprimer)"
        except (ValueError, LookupError) as exc:
            self.download.value = h.line(str(exc), ERROR)
            return
        self.download.value = f"<p>{h.download_link(data, name, text, mime)}</p>"

    def enregistrer_word(self) -> Path:
        """Write the draft as a Word document into the work folder (``travaux/``, beside the
        saved answers), as ``convention_<scenario>.docx`` — or ``…-2.docx`` and so on, never
        over a file already there, which you may have edited in Word — and return its path;
        a draft with fewer than two parties is refused, in French."""
        from .report import agreement_docx, filename

        answer = normalise_answer(self.answer, self.content)
        return write_document(filename(answer), agreement_docx(answer, self.content))

    def _offer_word(self, _button: Any = None) -> None:
        self._document("docx")

    def _offer_print(self, _button: Any = None) -> None:
        self._document("html")


def convention(
    scenario: str = OWN_CASE, reponse: Mapping[str, Any] | None = None
) -> AgreementWidget:
    """Le formulaire d’un projet de convention de partenariat pour un scénario : une étude de
    cas (``"minibus_des_collegiennes"``…), le projet de la carte des acteurs (``"tifawin"``) ou
    votre propre projet (``"libre"``, par défaut). Voir ``tc.scenarios_convention()``.

    Vos réponses s’enregistrent à chaque changement et sont reprises à la prochaine ouverture ;
    ``reponse`` préremplit le formulaire (même forme que ``convention.answer``)."""
    from ...content.loader import load_content

    content = load_content()
    known = scenarios(content)
    if scenario not in known:
        raise IdentifiantInconnu("Scénario", scenario, list(known))
    return AgreementWidget(known[scenario], content, reponse)
