"""The ranking widget of exercise 02: place the benefits in order, justify the first three.

ipywidgets has no sortable list, so the widget uses two lists (``Select``) and buttons:
« Placer → » moves the chosen benefit to the end of your ranking, « Monter », « Descendre »,
« En haut », « En bas » move a placed card, « ← Retirer » takes it back. Everything works
with the keyboard: arrow keys choose in a list, Tab reaches the buttons, Entrée clicks.
Each action is also a method (:meth:`RankingWidget.placer`, :meth:`RankingWidget.monter`…)
that the tests and a notebook can call. The buttons stay enabled (a disabled button would
lose the keyboard focus); an action that cannot be done says why in a line under the lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import zip_longest
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ...content.model import UNRANKED_JUSTIFICATIONS
from ...content.ranking import DEFAULT_TOP, DIAMOND_ROWS, MODE_NAMES, capacity
from ...display import html as h
from ...display.palette import ERROR, FAINT, MUTED, TEXT_MUTED, colours_for
from ...display.widgets import STYLESHEET, button, full_width, html, text_area
from ...errors import IdentifiantInconnu
from ..base_widget import ExerciseWidget
from .analysis import (
    TOP_JUSTIFIED,
    ComparaisonClassement,
    learner_table,
    move,
    progress,
    shown_places,
    tiers,
)
from .answer import normalise_answer

EXERCISE_ID = "classement_avantages"

BUTTONS = {  # the method each button calls: the button's text and tooltip
    "placer": ("Placer →", "Placer l’avantage choisi à la fin de votre classement"),
    "monter": ("Monter", "Monter la carte choisie d’une place"),
    "descendre": ("Descendre", "Descendre la carte choisie d’une place"),
    "en_haut": ("En haut", "Mettre la carte choisie à la première place"),
    "en_bas": ("En bas", "Mettre la carte choisie à la dernière place"),
    "retirer": ("← Retirer", "Remettre la carte choisie dans la liste de gauche"),
}

_INSTRUCTIONS = {
    "complet": (
        "Classez les {n} avantages du partenariat, du plus important au moins important pour "
        "votre association."
    ),
    "diamant": (
        "Choisissez les neuf avantages qui comptent le plus et disposez-les en diamant : un en "
        "haut, puis deux, trois, deux et un. Les cartes d’une même rangée sont aussi "
        "importantes l’une que l’autre."
    ),
    "premiers": "Choisissez vos {k} avantages les plus importants, dans l’ordre.",
}
_HOW_TO = (
    "Choisissez un avantage dans la liste de gauche puis « Placer → » : il s’ajoute à la fin de "
    "votre classement. Pour déplacer une carte, choisissez-la à droite puis « Monter », "
    "« Descendre », « En haut » ou « En bas ». Au clavier : flèches pour choisir dans une liste, "
    "Tab pour passer aux boutons, Entrée pour cliquer."
)


class RankingWidget(ExerciseWidget):
    """Rank the benefits (all, a diamond of nine, or the first k) and justify the top three.

    ``answer`` is ``{"mode": …, "ordre": [ids…], "justifications": {id: text}}``, plus
    ``"justifications_hors_classement"`` ({id: text}) when a card taken out of the ranking
    had one: put back, it comes back with its text, even after the kernel restarts. Setting
    ``answer`` (to resume) checks the whole value first and leaves the view unchanged if it
    is wrong.
    """

    def __init__(
        self,
        avantages: pd.DataFrame,
        mode: str = "complet",
        k: int = DEFAULT_TOP,
        reponse: Mapping[str, Any] | None = None,
    ):
        self.table = avantages
        self.ids: list[str] = list(avantages.index)
        self.k = k
        capacity(mode, len(self.ids), k)  # checks the form
        self._mode = mode
        self._order: list[str] = []
        self._texts: dict[str, str] = {}
        self._focus = "avantages"  # the list chosen in last
        self._busy = False
        self._colour = colours_for(list(avantages["theme_nom"]))

        self.title = html()
        self.pool = widgets.Select(options=[], rows=12, layout=full_width())
        self.ranking = widgets.Select(options=[], rows=12, layout=full_width())
        self.lists = {"avantages": self.pool, "classement": self.ranking}
        self.pool_label = html()
        self.ranking_label = html()
        self.buttons = {action: button(*words) for action, words in BUTTONS.items()}
        self.detail = html()
        self.diamond = html()
        self.message = html()
        self.status = html()
        self.justification_labels = [html() for _ in range(TOP_JUSTIFIED)]
        self.justifications = [
            text_area(
                "En une phrase : pourquoi cet avantage compte-t-il pour votre association ? "
                "Partez d’une situation réelle.",
                rows=2,
                continuous=True,
            )
            for _ in range(TOP_JUSTIFIED)
        ]

        for action, widget in self.buttons.items():
            widget.on_click(lambda _, a=action: getattr(self, a)())
        for which, select in self.lists.items():
            select.observe(lambda _, w=which: self._on_select(w), names="value")
        for index, area in enumerate(self.justifications):
            area.observe(lambda change, i=index: self._on_text(i, change), names="value")

        place, *moves = self.buttons.values()
        left = widgets.VBox([self.pool_label, self.pool, place], layout=widgets.Layout(width="48%"))
        right = widgets.VBox(
            [
                self.ranking_label,
                self.ranking,
                widgets.HBox(moves, layout=widgets.Layout(flex_flow="row wrap")),
            ],
            layout=widgets.Layout(width="50%"),
        )
        pairs = zip(self.justification_labels, self.justifications, strict=True)
        self.justification_box = widgets.VBox([w for pair in pairs for w in pair])
        super().__init__(
            [
                html(STYLESHEET),
                self.title,
                widgets.HBox([left, right], layout=widgets.Layout(justify_content="space-between")),
                self.detail,
                self.message,
                self.diamond,
                html("<h4>Vos trois premiers choix, en une phrase chacun</h4>"),
                self.justification_box,
                self.status,
            ],
            EXERCISE_ID,
        )
        self.add_class("tanmia-classement-widget")
        self._render()
        if reponse is not None:
            self.answer = reponse
        self._start_autosave(prefill=reponse)

    # ------------------------------------------------------------------ state and answer

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def capacite(self) -> int:
        """How many cards this form of ranking holds."""
        return capacity(self._mode, len(self.ids), self.k)

    @property
    def ordre(self) -> tuple[str, ...]:
        return tuple(self._order)

    @property
    def answer(self) -> dict[str, Any]:
        """The learner's ranking: form, ids most important first, and justifications (and
        those of the cards taken out of the ranking, if any)."""
        written = {b for b, text in self._texts.items() if text.strip()}
        answer: dict[str, Any] = {
            "mode": self._mode,
            "ordre": list(self._order),
            "justifications": {b: self._texts[b] for b in self._order if b in written},
        }
        placed = set(self._order)
        unranked = {b: self._texts[b] for b in self.ids if b in written and b not in placed}
        if unranked:
            answer[UNRANKED_JUSTIFICATIONS] = unranked
        return answer

    @answer.setter
    def answer(self, value: Mapping[str, Any]) -> None:
        checked = normalise_answer(value, self.ids, self._mode, self.k)  # before any change
        self._mode, self._order = checked["mode"], checked["ordre"]
        self._texts = {**checked["justifications"], **checked.get(UNRANKED_JUSTIFICATIONS, {})}
        self.message.value = ""
        self._render(avantages=None, classement=None)
        self._answer_changed()

    # ------------------------------------------------------------------------- actions

    def selectionner(self, identifiant: str) -> None:
        """Choose a benefit in the list where it is (as a click or the arrow keys would)."""
        if identifiant not in self.ids:
            raise IdentifiantInconnu("Avantage", identifiant, self.ids)
        self.lists["classement" if identifiant in self._order else "avantages"].value = identifiant

    def selection_suivante(self, liste: str = "classement") -> None:
        """The ↓ arrow key in a list: choose the next item (stays on the last)."""
        self._step(liste, +1)

    def selection_precedente(self, liste: str = "classement") -> None:
        """The ↑ arrow key in a list: choose the previous item (stays on the first)."""
        self._step(liste, -1)

    def _step(self, liste: str, step: int) -> None:
        if liste not in self.lists:
            raise ValueError(
                f"Liste inconnue : « {liste} » ; listes possibles : {', '.join(self.lists)}."
            )
        select = self.lists[liste]
        values = [value for _, value in select.options]
        if values:  # stays at either end; the first item when none is chosen
            at = values.index(select.value) + step if select.value in values else 0
            select.value = values[min(max(at, 0), len(values) - 1)]

    def placer(self, identifiant: str | None = None) -> None:
        """Put the chosen benefit (or ``identifiant``) at the end of the ranking."""
        benefit = identifiant or self.pool.value
        if benefit is None:
            self._say("Choisissez d’abord un avantage dans la liste de gauche.")
            return
        if benefit in self._order:
            self._say(f"« {self._name(benefit)} » est déjà dans votre classement.")
            return
        if benefit not in self.ids:
            raise IdentifiantInconnu("Avantage", benefit, self.ids)
        if len(self._order) >= self.capacite:
            self._say(
                f"Votre {MODE_NAMES[self._mode]} est plein ({self.capacite} places) : retirez "
                "d’abord une carte pour en placer une autre."
            )
            return
        pool = [b for b in self.ids if b not in self._order]
        after = pool.index(benefit)
        self._order.append(benefit)
        rest = [b for b in pool if b != benefit]
        self._changed(
            f"« {self._name(benefit)} » placé en position {len(self._order)}.",
            avantages=rest[min(after, len(rest) - 1)] if rest else None,
            classement=benefit,
        )

    def retirer(self, identifiant: str | None = None) -> None:
        """Take the chosen card (or ``identifiant``) out of the ranking."""
        benefit = self._card(identifiant)
        if benefit is None:
            return
        index = self._order.index(benefit)
        self._order.remove(benefit)
        self._changed(
            f"« {self._name(benefit)} » retiré du classement.",
            avantages=benefit,
            classement=self._order[min(index, len(self._order) - 1)] if self._order else None,
        )

    def monter(self, identifiant: str | None = None) -> None:
        """Move the chosen card up one place."""
        self._move("monter", identifiant)

    def descendre(self, identifiant: str | None = None) -> None:
        """Move the chosen card down one place."""
        self._move("descendre", identifiant)

    def en_haut(self, identifiant: str | None = None) -> None:
        """Move the chosen card to the first place."""
        self._move("en_haut", identifiant)

    def en_bas(self, identifiant: str | None = None) -> None:
        """Move the chosen card to the last place."""
        self._move("en_bas", identifiant)

    def _card(self, identifiant: str | None) -> str | None:
        """The placed card to act on (``identifiant``, or the one chosen on the right), or
        None after saying that one must be chosen first."""
        benefit = identifiant or self.ranking.value
        if benefit not in self._order:
            self._say("Choisissez d’abord une carte de votre classement (liste de droite).")
            return None
        return benefit

    def _move(self, action: str, identifiant: str | None) -> None:
        benefit = self._card(identifiant)
        if benefit is None:
            return
        before = self._order.index(benefit)
        order, after = move(self._order, before, action)
        if after == before:
            self._say(
                f"« {self._name(benefit)} » est déjà {'en haut' if before == 0 else 'en bas'}."
            )
            return
        self._order = list(order)
        self._changed(
            f"« {self._name(benefit)} » est maintenant en position {after + 1}.", classement=benefit
        )

    # ------------------------------------------------------------------------- results

    def tableau(self) -> pd.DataFrame:
        """Your ranking as a table: place, rank, benefit, theme, justification."""
        return learner_table(self._order, self._mode, self.table, self.answer["justifications"])

    def comparer(self) -> ComparaisonClassement:
        """Your ranking beside the demo class's (``tc.comparer_classement(self)``)."""
        from .result import comparer_classement

        return comparer_classement(self)

    # ------------------------------------------------------------------------ the view

    def _name(self, benefit: str) -> str:
        return str(self.table.at[benefit, "nom"])

    def _theme(self, benefit: str) -> str:
        return str(self.table.at[benefit, "theme_nom"])

    def _say(self, text: str) -> None:
        self.message.value = h.line(text, ERROR)

    def _changed(self, text: str, **chosen: str | None) -> None:
        self.message.value = h.line(text, TEXT_MUTED)
        self._render(**chosen)
        self._answer_changed()

    def _on_select(self, which: str) -> None:
        if not self._busy:
            self._focus = which
            self._refresh_controls()

    def _on_text(self, index: int, change: dict[str, Any]) -> None:
        if self._busy or index >= len(self._order):
            return
        self._texts[self._order[index]] = change["new"]
        self._refresh_status()
        self._answer_changed()

    def _render(self, **chosen: str | None) -> None:
        """Show the lists, labels, justifications and diamond of the current ranking;
        ``chosen``: what to choose in a list (``avantages``, ``classement``) instead of
        keeping its choice (if it is still there)."""
        chosen = {which: select.value for which, select in self.lists.items()} | chosen
        self._busy = True
        try:
            instructions = _INSTRUCTIONS[self._mode].format(n=len(self.ids), k=self.capacite)
            self.title.value = (
                f"<h3>Classement des avantages du partenariat — {MODE_NAMES[self._mode]}</h3>"
                f"<p>{h.escape(instructions)}</p><p style='font-size:0.9em'>{h.escape(_HOW_TO)}</p>"
            )
            pool = [b for b in self.ids if b not in self._order]
            self.pool.options = [(f"{self._name(b)} — {self._theme(b)}", b) for b in pool]
            places = shown_places(self._order, self._mode)
            prefix = "Rangée " if self._mode == "diamant" else ""
            self.ranking.options = [
                (f"{prefix}{p}. {self._name(b)} — {self._theme(b)}", b)
                for p, b in zip(places, self._order, strict=True)
            ]
            for which, select in self.lists.items():
                values = [v for _, v in select.options]
                select.value = chosen[which] if chosen[which] in values else None
            self.pool_label.value = f"<strong>Avantages à placer</strong> ({len(pool)})"
            self.ranking_label.value = (
                f"<strong>Votre classement</strong> ({len(self._order)} / {self.capacite}, "
                "le plus important en haut)"
            )
            rows = zip(self.justification_labels, self.justifications, strict=True)
            for index, (label, area) in enumerate(rows):
                benefit = self._order[index] if index < len(self._order) else None
                label.value = (
                    f"<strong>{index + 1}. {h.escape(self._name(benefit))}</strong>"
                    if benefit
                    else f"<span style='color:{FAINT}'>{index + 1}. (à placer)</span>"
                )
                area.value = self._texts.get(benefit, "") if benefit else ""
                area.disabled = benefit is None
            self.diamond.value = self._diamond_html() if self._mode == "diamant" else ""
        finally:
            self._busy = False
        self._refresh_controls()
        self._refresh_status()

    def _refresh_controls(self) -> None:
        """Show the chosen benefit's theme and explanation. The buttons are never disabled:
        a button disabled under the keyboard focus drops it, and the learner would have to
        Tab through the page again; an impossible action says why instead."""
        focus = self.lists[self._focus].value or self.ranking.value or self.pool.value
        if focus is None:
            self.detail.value = ""
            return
        explanation = self.table.at[focus, "explication"] if "explication" in self.table else ""
        self.detail.value = h.block(
            f"<strong>{h.escape(self._name(focus))}</strong> — thème du cours : "
            f"<em>{h.escape(self._theme(focus))}</em>"
            + (f"<br>{h.escape(str(explanation))}" if explanation else ""),
            self._colour.get(self._theme(focus), MUTED),
        )

    def _refresh_status(self) -> None:
        done, message = progress(self._order, self.capacite, self._texts)
        self.status.value = h.line(f"{'✓' if done else '✏'} {message}", "inherit", bold=True)

    def _diamond_html(self) -> str:
        lines = []
        for size, cards in zip_longest(DIAMOND_ROWS, tiers(self._order, "diamant"), fillvalue=[]):
            cells = [
                f"<div class='tanmia-carte' style='border-left:5px solid "
                f"{self._colour.get(self._theme(b), MUTED)}'>{h.escape(self._name(b))}</div>"
                for b in cards
            ]
            cells += ["<div class='tanmia-carte vide'>à placer</div>"] * (size - len(cards))
            lines.append(f"<div style='text-align:center'>{''.join(cells)}</div>")
        return (
            "<div style='margin:0.5em 0'><strong>Votre diamant</strong> (en haut : le plus "
            f"important ; une rangée = ex aequo)</div>{''.join(lines)}"
        )


def classement_avantages(
    forme: str = "complet", nombre: int = DEFAULT_TOP, reponse: Mapping[str, Any] | None = None
) -> RankingWidget:
    """L’exercice de classement des avantages du partenariat.

    ``forme`` : ``"complet"`` (les 21 avantages), ``"diamant"`` (neuf cartes en rangées
    1-2-3-2-1) ou ``"premiers"`` (vos ``nombre`` premiers choix, 5 par défaut). ``reponse``
    préremplit le classement (sinon, la réponse enregistrée est reprise).
    """
    from ...content.tables import avantages

    return RankingWidget(avantages(), forme, nombre, reponse)
