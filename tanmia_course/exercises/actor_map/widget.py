"""The actor map widget of exercise 01: place each actor on the influence / interest grid,
say its stance, its resources and the relation sought, add local actors, draw links.

    carte = tc.carte_acteurs()                      # a fresh map
    carte = tc.carte_acteurs(reponse="tifawin")     # the course's reference map
    carte = tc.carte_acteurs(reponse=sauvegarde)    # resume from ``carte.answer``

Standard ipywidgets controls only (mouse and keyboard, JupyterLab and Voilà); the map is
redrawn after each change, a kept matplotlib figure shown as SVG (:class:`~.charts.LiveMap`).
A map too full to be redrawn (its names cannot be placed without overlapping) keeps its last
pictures, and says so above them and in the message line until an actor is removed or a
name shortened; the answer keeps every change meanwhile. All the computing is in
:mod:`tanmia_course.exercises.actor_map.analysis`, the drawing in :mod:`~.charts`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ...content.actor_map import SCALE_MAX, SCALE_MIN
from ...display.html import escape
from ...display.text import plural
from ...display.widgets import (
    FULL_WIDTH,
    STYLESHEET,
    CheckboxStyle,
    DescriptionStyle,
    SliderStyle,
    TextStyle,
    ToggleButtonsStyle,
    button,
    full_width,
    html,
    shared,
)
from ...errors import IdentifiantInconnu
from ..base_widget import ExerciseWidget
from ..feedback import Retour, is_blank
from . import analysis
from .answer import blank_answer, normalise_answer
from .result import (
    ResultatCarte,
    current_vocabulary,
    feedback_html,
    link_names,
    note_html,
    too_full,
)

EXERCISE_ID = "cartographie_acteurs"
_WIDE = {"description_width": "9em"}


def _wide() -> widgets.Layout:
    return shared(widgets.Layout, width="95%")


def _plain() -> widgets.Layout:
    """The layout of a control that is never resized, shown or hidden: one for all."""
    return shared(widgets.Layout)


def _dropdown(description: str, options=(), layout: widgets.Layout | None = None, **traits):
    """A drop-down list, its label 9em wide as the other controls'."""
    return widgets.Dropdown(
        options=options,
        description=description,
        style=shared(DescriptionStyle, **_WIDE),
        layout=layout or _plain(),
        **traits,
    )


def _slider(description: str, tooltip: str) -> widgets.IntSlider:
    """A slider along the influence / interest scale, that acts once let go."""
    return widgets.IntSlider(
        min=SCALE_MIN,
        max=SCALE_MAX,
        description=description,
        style=shared(SliderStyle, **_WIDE),
        layout=_plain(),
        continuous_update=False,
        tooltip=tooltip,
    )


class CarteActeurs(ExerciseWidget):
    """The actor map. ``answer`` is a plain dict (see :mod:`~.analysis`);
    setting it checks the whole value first and restores the view."""

    def __init__(
        self, answer: dict[str, Any] | None = None, vocab: analysis.Vocabulary | None = None
    ) -> None:
        self.vocab = vocab = vocab or current_vocabulary()
        # No answer: a fresh map (so that autosave may bring back the saved one).
        self._answer = normalise_answer(blank_answer(vocab) if answer is None else answer, vocab)
        self._syncing = False
        self._pictures: Any = None  # the map's kept figures (charts.LiveMap), made when drawn
        self._drawn = False  # whether the map has been drawn once
        self._links_shown = False  # whether the last pictures drawn include the links
        self._up_to_date = True  # False while the map is too full to be redrawn
        self._table: Any = None
        self._building = True

        self.choix = _dropdown("Acteur")
        self.retirer = button("Retirer cet acteur", "Retirer l’acteur de la carte", "trash")
        self.influence = _slider(
            "Influence",
            "Peut-il faire réussir ou bloquer le projet ? (0 : pas du tout, 5 : décisif)",
        )
        self.interet = _slider(
            "Intérêt", "Le résultat du projet compte-t-il pour lui ? (0 : pas du tout, 5 : vital)"
        )
        stances = list(vocab.stances.values())
        self.position = widgets.ToggleButtons(
            options=[(str(s.label), s.id) for s in stances],
            tooltips=[str(s.explanation) for s in stances],
            description="Position",
            style=shared(ToggleButtonsStyle, **_WIDE),
            layout=_plain(),
        )
        levels = [(str(lv.label), lv.id) for lv in vocab.levels.values()]
        self.relation_actuelle = _dropdown("Relation actuelle", levels)
        self.relation_visee = _dropdown("Relation visée", levels)
        self.ressources = {
            r.id: widgets.Checkbox(
                description=str(r.label),
                indent=False,
                tooltip=str(r.description),
                layout=shared(widgets.Layout, width="auto"),
                style=shared(CheckboxStyle),
            )
            for r in vocab.resources.values()
        }
        self.note = widgets.Text(
            description="Note",
            placeholder="Pourquoi ce placement ? (facultatif)",
            continuous_update=False,
            style=shared(TextStyle, **_WIDE),
            layout=_wide(),
        )
        categories = [(str(c.label), c.id) for c in vocab.categories.values()]
        self.nouveau_nom = widgets.Text(
            description="Nom",
            placeholder="Commune de …, Coopérative …",
            style=shared(TextStyle, **_WIDE),
            layout=_wide(),
        )
        self.nouvelle_categorie = _dropdown("Catégorie", categories, value=None)
        self.ajouter = button("Ajouter l’acteur", icon="plus")
        self.retires = _dropdown("Acteur retiré")
        self.retablir = button("Rétablir", icon="undo")
        self.lien_de = _dropdown("De", layout=_wide())
        self.lien_type = _dropdown(
            "Type de lien", [(str(t.label), t.id) for t in vocab.link_types.values()]
        )
        self.lien_vers = _dropdown("Vers", layout=_wide())
        self.ajouter_lien = button("Ajouter le lien", icon="plus")
        self.liens = widgets.Select(
            description="Liens", rows=5, style=shared(DescriptionStyle, **_WIDE), layout=_wide()
        )
        self.supprimer_lien = button("Supprimer le lien", icon="trash")
        self.message = html()
        # The map in two layers of the same size, one over the other in a grid's one cell:
        # the actors (``image``, first in the page, drawn over) and what never changes
        # (``fond``, the grid, names and legends, rendered once). A picture is hidden until
        # it is drawn: an empty image shows as a broken image.
        self.etat_carte = html()
        self.image = widgets.Image(
            format="svg+xml", layout=full_width(grid_area="1 / 1", order="1")
        )
        self.fond = widgets.Image(format="svg+xml", layout=full_width(grid_area="1 / 1"))
        self.carte = widgets.GridBox(
            [self.image, self.fond],
            layout=widgets.Layout(width="100%", max_width="880px", display="none"),
        )
        self.image_liens = widgets.Image(
            format="svg+xml",
            layout=widgets.Layout(**FULL_WIDTH, max_width="880px", display="none"),
        )
        self.retours = html()

        self._restore_box = widgets.HBox([self.retires, self.retablir])
        boxes = list(self.ressources.values())
        controls = widgets.VBox(
            [
                html("<h4>1. Placer chaque acteur</h4>"),
                widgets.HBox([self.choix, self.retirer], layout=_plain()),
                self.influence,
                self.interet,
                self.position,
                self.relation_actuelle,
                self.relation_visee,
                html("<strong>Ressources qu’il peut apporter</strong>"),
                widgets.VBox(boxes, layout=_plain()),
                self.note,
                html("<h4>2. Ajouter un acteur de votre territoire</h4>"),
                self.nouveau_nom,
                widgets.HBox([self.nouvelle_categorie, self.ajouter], layout=_plain()),
                self._restore_box,
                html("<h4>3. Liens entre acteurs (facultatif)</h4>"),
                self.lien_de,
                self.lien_type,
                self.lien_vers,
                widgets.HBox([self.ajouter_lien], layout=_plain()),
                self.liens,
                widgets.HBox([self.supprimer_lien], layout=_plain()),
                self.message,
            ],
            layout=widgets.Layout(width="480px", min_width="380px"),
        )
        picture = widgets.VBox(
            [
                self.etat_carte,
                self.carte,
                html("<h4>Retours</h4>"),
                self.retours,
                self.image_liens,
            ],
            layout=widgets.Layout(flex="1 1 480px"),
        )
        header = html(
            f"{STYLESHEET}<h3>Cartographie des acteurs</h3><p>Choisissez un acteur, réglez son "
            "influence sur le projet et son intérêt pour lui, sa position, ce qu’il peut apporter "
            "et la relation que vous visez. La carte se redessine à chaque changement. "
            "Clavier : Tab pour passer d’un réglage à l’autre, flèches pour les curseurs.</p>"
        )
        super().__init__(
            [
                header,
                widgets.HBox([controls, picture], layout=widgets.Layout(flex_flow="row wrap")),
            ],
            EXERCISE_ID,
        )
        self.add_class("tanmia-carte-acteurs")

        self.choix.observe(self._on_choice, names="value")
        # The controls of one actor's values, by the answer's field they set.
        self._fields = {
            "influence": self.influence,
            "interest": self.interet,
            "stance": self.position,
            "current": self.relation_actuelle,
            "target": self.relation_visee,
            "note": self.note,
        }
        for field, control in self._fields.items():
            control.observe(self._setter(field), names="value")
        for box in self.ressources.values():
            box.observe(self._on_resources, names="value")
        self.retirer.on_click(self._on_remove)
        self.ajouter.on_click(self._on_add)
        self.retablir.on_click(self._on_restore)
        self.ajouter_lien.on_click(self._on_add_link)
        self.supprimer_lien.on_click(self._on_remove_link)
        # The map is drawn once the widget is built, with the saved answer if autosave
        # brings one back: not first blank, then again.
        self._rebuild(select=self._answer["actors"][0]["id"])
        # Given a blank map, the widget is not pre-filled: the saved answer comes back.
        self._start_autosave(None if answer == blank_answer(vocab) else answer)
        self._building = False
        self._redraw()
        self._tell()

    # --- answer --------------------------------------------------------------------------

    @property
    def answer(self) -> dict[str, Any]:
        """The map as a plain dict: ``{"actors": [...], "links": [...]}`` (a copy)."""
        return copy.deepcopy(self._answer)

    @answer.setter
    def answer(self, value: dict[str, Any]) -> None:
        clean = normalise_answer(value, self.vocab)  # raises before anything changes
        selected = self.choix.value
        self._answer = clean
        ids = [a["id"] for a in clean["actors"]]
        self._rebuild(select=selected if selected in ids else ids[0])
        self._tell()

    def tableau(self):
        """The map as a table: one row per actor with its strategy and relation gap."""
        return analysis.answer_table(self._answer, self.vocab)

    def resultat(self) -> ResultatCarte:
        """The analysis of the map: table, strategies, priority partners, coverage of the
        guide's categories, feedback and figures."""
        return ResultatCarte(analysis.analyse(self._answer, self.vocab), self.vocab)

    def verifier(self, question: str = "carte", reponse: Any = None) -> Retour:
        """Check an exercise question against this map: ``"carte"`` (is the map finished?),
        ``"strategie_population"`` or ``"a_renforcer"`` (with your answer)."""
        checks = {
            "carte": lambda result, _vocab, _answer: analysis.check_map(result),
            "strategie_population": analysis.check_population_strategy,
            "a_renforcer": analysis.check_to_strengthen,
        }
        if question not in checks:
            raise IdentifiantInconnu("Question de la carte", question, list(checks), feminin=True)
        return checks[question](analysis.analyse(self._answer, self.vocab), self.vocab, reponse)

    # --- view ----------------------------------------------------------------------------

    def _name(self, actor_id: str) -> str:
        return analysis.actor_name(analysis.actor_entry(self._answer, actor_id), self.vocab)

    def _rebuild(self, select: str) -> None:
        """Refresh every list from the answer, show actor ``select``, redraw."""
        self._syncing = True
        try:
            options = [
                (analysis.actor_name(a, self.vocab), a["id"]) for a in self._answer["actors"]
            ]
            self.choix.options = options
            self.choix.value = select
            ids = [v for _, v in options]
            start, end = self.lien_de.value, self.lien_vers.value
            self.lien_de.options = options
            self.lien_vers.options = options
            self.lien_de.value = start if start in ids else ids[0]
            self.lien_vers.value = end if end in ids else ids[min(1, len(ids) - 1)]
            removed = [(str(a.label), a.id) for a in self.vocab.actors.values() if a.id not in ids]
            self.retires.options = removed
            self.retires.value = removed[0][1] if removed else None
            self._restore_box.layout.display = "flex" if removed else "none"
            self._show_links()
            self._show_actor(select)
        finally:
            self._syncing = False
        self._refresh()

    def _show_links(self) -> None:
        kinds = self.vocab.link_types
        self.liens.options = [
            (
                f"{self._name(k['source'])} → {kinds[k['type']].label} → {self._name(k['target'])}",
                n,
            )
            for n, k in enumerate(self._answer["links"])
        ]

    def _show_actor(self, actor_id: str) -> None:
        entry = analysis.actor_entry(self._answer, actor_id)
        for field, control in self._fields.items():
            control.value = entry.get(field, "")  # only the note may be left out
        for resource_id, box in self.ressources.items():
            box.value = resource_id in entry["resources"]

    def _refresh(self, draw: bool = True) -> None:
        """Recompute the table and feedback, redraw the map, tell the listeners."""
        self._table = analysis.answer_table(self._answer, self.vocab)
        covered = analysis.coverage(self._table, self.vocab)
        shown = feedback_html(analysis.evaluate_rules(self._table, self.vocab))
        if missing := ", ".join(covered.loc[~covered["presente"], "nom"]):
            shown += (
                f"<p><em>Catégories du guide absentes de la carte : {escape(missing)}.</em></p>"
            )
        self.retours.value = shown
        if draw and not self._building:
            self._redraw()
        self._answer_changed()

    def _redraw(self) -> None:
        """Redraw the pictures, each shown as soon as it is rendered. A map too full to be
        redrawn (:class:`~.labels.PlacementImpossible`) keeps the last ones, both, and says
        so above them (the answer keeps every change: only the pictures wait)."""
        from .charts import LiveMap
        from .labels import PlacementImpossible
        from .layout import map_style

        if self._pictures is None:
            self._pictures = LiveMap(map_style(self.vocab), link_names(self.vocab))
            self.fond.value = self._pictures.background.encode("utf-8")
        try:
            for picture, svg in self._pictures.update(self._table, self._answer["links"]):
                image = self.image if picture == "map" else self.image_liens
                image.value = svg.encode("utf-8")
        except PlacementImpossible:
            self._up_to_date = False
        else:
            self._up_to_date = self._drawn = True
            self._links_shown = bool(self._answer["links"])
        self.carte.layout.display = "grid" if self._drawn else "none"
        self.image_liens.layout.display = "block" if self._links_shown else "none"
        if self._up_to_date:
            self.etat_carte.value = ""
        elif self._drawn:
            self.etat_carte.value = note_html(
                f"Carte pas à jour, elle est {too_full(again=True)}. L’image ci-dessous est "
                "la dernière carte dessinée ; vos changements, eux, sont gardés.",
                "warning",
            )
        else:
            self.etat_carte.value = note_html(
                f"Carte non dessinée, elle est {too_full()}. Vos changements sont gardés.",
                "warning",
            )

    def _tell(self, done: str = "", then: str = "") -> None:
        """Say what was just done (``done``; ``then``: what to do next), or nothing; while
        the map is too full to be redrawn, say so in the same line."""
        if not self._up_to_date:
            said = f"{done}, mais la carte est" if done else "La carte est"
            why = too_full(again=self._drawn)
            self.message.value = note_html(f"{said} {why}.", "warning")
        elif done:
            self.message.value = note_html(f"{done} : {then}." if then else f"{done}.", "done")
        else:
            self.message.value = ""

    def _attempt(self, change: Callable[[], Any]) -> Any:
        """Make the change: ``change()`` gives a new answer, kept, or a tuple of it and what
        else it tells; returns what it gave, or ``None`` after saying, in French, why it was
        refused: then nothing changed."""
        try:
            done = change()
        except (ValueError, LookupError) as exc:
            self.message.value = note_html(str(exc), "error")
            return None
        self._answer = done[0] if isinstance(done, tuple) else done
        return done

    # --- handlers ------------------------------------------------------------------------

    def _on_choice(self, change: dict[str, Any]) -> None:
        if self._syncing or change["new"] is None:
            return
        self._syncing = True
        try:
            self._show_actor(change["new"])
        finally:
            self._syncing = False

    def _setter(self, field: str):
        def handler(change: dict[str, Any]) -> None:
            if not self._syncing:
                self._update(field, change["new"])

        return handler

    def _on_resources(self, _change: dict[str, Any]) -> None:
        if not self._syncing:
            self._update("resources", [r for r, box in self.ressources.items() if box.value])

    def _update(self, field: str, value: Any) -> None:
        actor_id, values = self.choix.value, {field: value}
        if self._attempt(
            lambda: analysis.update_actor(self._answer, actor_id, self.vocab, **values)
        ):
            self._refresh(draw=field != "note")
            self._tell()

    def _on_remove(self, _button: Any = None) -> None:
        actor_id = self.choix.value
        name = self._name(actor_id)
        done = self._attempt(lambda: analysis.remove_actor(self._answer, actor_id, self.vocab))
        if done is not None:
            removed = done[1]
            self._rebuild(select=self._answer["actors"][0]["id"])
            extra = f" et {plural(removed, 'son lien', 'ses liens', False)}" if removed else ""
            self._tell(f"« {name} »{extra} retiré{'s' if removed else ''} de la carte")

    def _on_add(self, _button: Any = None) -> None:
        name, category = self.nouveau_nom.value, self.nouvelle_categorie.value
        done = self._attempt(lambda: analysis.add_actor(self._answer, name, category, self.vocab))
        if done is not None:
            actor_id = done[1]
            self.nouveau_nom.value = ""
            self.nouvelle_categorie.value = None
            self._rebuild(select=actor_id)
            self._tell(f"« {self._name(actor_id)} » ajouté", "placez-le maintenant sur la carte")

    def _on_restore(self, _button: Any = None) -> None:
        actor_id = self.retires.value
        if actor_id is None:
            return
        if self._attempt(lambda: analysis.restore_actor(self._answer, actor_id, self.vocab)):
            self._rebuild(select=actor_id)
            self._tell(f"« {self._name(actor_id)} » est de retour")

    def _on_add_link(self, _button: Any = None) -> None:
        source, target, kind = self.lien_de.value, self.lien_vers.value, self.lien_type.value
        self._change_links(
            "Lien ajouté", lambda: analysis.add_link(self._answer, source, target, kind, self.vocab)
        )

    def _on_remove_link(self, _button: Any = None) -> None:
        if self.liens.value is None:
            self.message.value = note_html("Choisissez d’abord un lien dans la liste.", "error")
            return
        self._change_links(
            "Lien supprimé",
            lambda: analysis.remove_link(self._answer, self.liens.value, self.vocab),
        )

    def _change_links(self, done: str, change: Callable[[], Any]) -> None:
        """Apply a change of the links: show the new list, redraw, say what was done."""
        if self._attempt(change):
            self._show_links()
            self._refresh()
            self._tell(done)


def carte_acteurs(reponse: Any = None) -> CarteActeurs:
    """La carte des acteurs à remplir. ``reponse`` : rien pour une carte neuve, l’identifiant
    d’une carte de référence (``"tifawin"``) ou une réponse enregistrée (``carte.answer``)."""
    vocab = current_vocabulary()
    if isinstance(reponse, str):
        reponse = analysis.reference_answer(reponse, vocab)
    return CarteActeurs(None if is_blank(reponse) else reponse, vocab)
