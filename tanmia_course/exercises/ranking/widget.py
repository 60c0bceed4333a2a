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
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ...content.model import UNRANKED_JUSTIFICATIONS
from ...content.ranking import DEFAULT_TOP, DIAMOND_ROWS, MODE_NAMES, capacity
from ...display import html as h
from ...display.palette import ERROR, FAINT, MUTED, PAPER, TEXT_MUTED, colours_for
from ...display.widgets import button, full_width, html, text_area
from ...errors import IdentifiantInconnu
from ..base_widget import ExerciseWidget
from .analysis import (
    TOP_JUSTIFIED,
    Comparison,
    learner_table,
    move,
    progress,
    shown_places,
    tiers,
)
from .answer import normalise_answer

EXERCISE_ID = "classement_avantages"
LISTS = ("avantages", "classement")

_STYLE = f"""<style>
.tanmia-classement-widget select {{ font-size: 0.95em; }}
.tanmia-classement-widget .widget-html-content {{ white-space: normal; }}
.tanmia-carte {{ display:inline-block; width:11em; min-height:3.2em; margin:0.15em;
  padding:0.25em 0.4em; border:1px solid {FAINT}; border-radius:5px; font-size:0.85em;
  vertical-align:top; text-align:left; background:{PAPER}; }}
.tanmia-carte.vide {{ border-style:dashed; color:{FAINT}; text-align:center; }}
</style>"""

_INSTRUCTIONS = {
    "complet": (
        "Classez les {n} avantages du partenariat, du plus important au moins important pour "
        "votre association."
    ),
    "diamant": (
        "Choisissez les neuf avantages qui comptent le plus et disposez-les en diamant : un en "
        "haut, puis deux, trois, deux et un. Les cartes d’une même rangée sont aussi "
        "importantes l’une que l’autre."
    ),
    "premiers": "Choisissez vos {k} avantages les plus importants, dans l’ordre.",
}
_HOW_TO = (
    "Choisissez un avantage dans la liste de gauche puis « Placer → » : il s’ajoute à la fin de "
    "votre classement. Pour déplacer une carte, choisissez-la à droite puis « Monter », "
    "« Descendre », « En haut » ou « En bas ». Au clavier : flèches pour choisir dans une liste, "
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
        self._selected: dict[str, str | None] = {"avantages": None, "classement": None}
        self._focus = "avantages"
        self._busy = False
        self._colour = colours_for(list(avantages["theme_nom"]))

        self.title = html()
        self.pool = widgets.Select(options=[], rows=12, layout=full_width())
        self.ranking = widgets.Select(options=[], rows=12, layout=full_width())
        self.pool_label = html()
        self.ranking_label = html()
        self.place_button = button(
            "Placer →", "Placer l’avantage choisi à la fin de votre classement"
        )
        self.remove_button = button(
            "← Retirer", "Remettre la carte choisie dans la liste de gauche"
        )
        self.up_button = button("Monter", "Monter la carte choisie d’une place")
        self.down_button = button("Descendre", "Descendre la carte choisie d’une place")
        self.top_button = button("En haut", "Mettre la carte choisie à la première place")
        self.bottom_button = button("En bas", "Mettre la carte choisie à la dernière place")
        self.detail = html()
        self.diamond = html()
        self.message = html()
        self.status = html()
        self.justification_labels = [html() for _ in range(TOP_JUSTIFIED)]
        self.justifications = [
            text_area(
                "En une phrase : pourquoi cet avantage compte-t-il pour votre association ? "
                "Partez d’une situation réelle.",
                rows=2,
                continuous=True,
            )
            for _ in range(TOP_JUSTIFIED)
        ]

        self.place_button.on_click(lambda _: self.placer())
        self.remove_button.on_click(lambda _: self.retirer())
        self.up_button.on_click(lambda _: self.monter())
        self.down_button.on_click(lambda _: self.descendre())
        self.top_button.on_click(lambda _: self.en_haut())
        self.bottom_button.on_click(lambda _: self.en_bas())
        self.pool.observe(lambda change: self._on_select("avantages", change), names="value")
        self.ranking.observe(lambda change: self._on_select("classement", change), names="value")
        for index, area in enumerate(self.justifications):
            area.observe(lambda change, i=index: self._on_text(i, change), names="value")

        moves = widgets.HBox(
            [
                self.up_button,
                self.down_button,
                self.top_button,
                self.bottom_button,
                self.remove_button,
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        left = widgets.VBox(
            [self.pool_label, self.pool, self.place_button], layout=widgets.Layout(width="48%")
        )
        right = widgets.VBox(
            [self.ranking_label, self.ranking, moves], layout=widgets.Layout(width="50%")
        )
        rows: list[widgets.Widget] = []
        for label, area in zip(self.justification_labels, self.justifications, strict=True):
            rows += [label, area]
        self.justification_box = widgets.VBox(rows)
        super().__init__(
            [
                html(_STYLE),
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
        answer: dict[str, Any] = {
            "mode": self._mode,
            "ordre": list(self._order),
            "justifications": {
                b: self._texts[b] for b in self._order if self._texts.get(b, "").strip()
            },
        }
        unranked = {
            b: self._texts[b]
            for b in self.ids
            if b not in self._order and self._texts.get(b, "").strip()
        }
        if unranked:
            answer[UNRANKED_JUSTIFICATIONS] = unranked
        return answer

    @answer.setter
    def answer(self, value: Mapping[str, Any]) -> None:
        checked = normalise_answer(value, self.ids, self._mode, self.k)  # before any change
        self._mode, self._order = checked["mode"], checked["ordre"]
        self._texts = {**checked["justifications"], **checked.get(UNRANKED_JUSTIFICATIONS, {})}
        self._selected = {"avantages": None, "classement": None}
        self.message.value = ""
        self._render()
        self._answer_changed()

    # ------------------------------------------------------------------------- actions

    def selectionner(self, identifiant: str) -> None:
        """Choose a benefit in the list where it is (as a click or the arrow keys would)."""
        where = "classement" if identifiant in self._order else "avantages"
        if identifiant not in self.ids:
            raise IdentifiantInconnu("Avantage", identifiant, self.ids)
        (self.ranking if where == "classement" else self.pool).value = identifiant

    def selection_suivante(self, liste: str = "classement") -> None:
        """The ↓ arrow key in a list: choose the next item (stays on the last)."""
        self._step(liste, +1)

    def selection_precedente(self, liste: str = "classement") -> None:
        """The ↑ arrow key in a list: choose the previous item (stays on the first)."""
        self._step(liste, -1)

    def _step(self, liste: str, step: int) -> None:
        if liste not in LISTS:
            raise ValueError(
                f"Liste inconnue : « {liste} » ; listes possibles : {', '.join(LISTS)}."
            )
        select = self.ranking if liste == "classement" else self.pool
        values = [value for _, value in select.options]
        if not values:
            return
        current = values.index(select.value) if select.value in values else -1
        target = min(max(current + step, 0), len(values) - 1) if current >= 0 else 0
        select.value = values[target]

    def placer(self, identifiant: str | None = None) -> None:
        """Put the chosen benefit (or ``identifiant``) at the end of the ranking."""
        benefit = identifiant or self._selected["avantages"]
        if benefit is None:
            self._say("Choisissez d’abord un avantage dans la liste de gauche.")
            return
        if benefit in self._order:
            self._say(f"« {self._name(benefit)} » est déjà dans votre classement.")
            return
        if benefit not in self.ids:
            raise IdentifiantInconnu("Avantage", benefit, self.ids)
        if len(self._order) >= self.capacite:
            self._say(
                f"Votre {MODE_NAMES[self._mode]} est plein ({self.capacite} places) : retirez "
                "d’abord une carte pour en placer une autre."
            )
            return
        pool = [b for b in self.ids if b not in self._order]
        after = pool.index(benefit)
        self._order.append(benefit)
        rest = [b for b in pool if b != benefit]
        self._selected["avantages"] = rest[min(after, len(rest) - 1)] if rest else None
        self._selected["classement"] = benefit
        self._changed(f"« {self._name(benefit)} » placé en position {len(self._order)}.")

    def retirer(self, identifiant: str | None = None) -> None:
        """Take the chosen card (or ``identifiant``) out of the ranking."""
        benefit = identifiant or self._selected["classement"]
        if benefit not in self._order:
            self._say("Choisissez d’abord une carte de votre classement (liste de droite).")
            return
        index = self._order.index(benefit)
        self._order.remove(benefit)
        self._selected["classement"] = (
            self._order[min(index, len(self._order) - 1)] if self._order else None
        )
        self._selected["avantages"] = benefit
        self._changed(f"« {self._name(benefit)} » retiré du classement.")

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

    def _move(self, action: str, identifiant: str | None) -> None:
        benefit = identifiant or self._selected["classement"]
        if benefit not in self._order:
            self._say("Choisissez d’abord une carte de votre classement (liste de droite).")
            return
        before = self._order.index(benefit)
        order, after = move(self._order, before, action)
        if after == before:
            self._say(
                f"« {self._name(benefit)} » est déjà {'en haut' if before == 0 else 'en bas'}."
            )
            return
        self._order = list(order)
        self._selected["classement"] = benefit
        self._changed(f"« {self._name(benefit)} » est maintenant en position {after + 1}.")

    # ------------------------------------------------------------------------- results

    def tableau(self) -> pd.DataFrame:
        """Your ranking as a table: place, rank, benefit, theme, justification."""
        return learner_table(self._order, self._mode, self.table, self.answer["justifications"])

    def comparer(self) -> Comparison:
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

    def _changed(self, text: str) -> None:
        self.message.value = h.line(text, TEXT_MUTED)
        self._render()
        self._answer_changed()

    def _on_select(self, which: str, change: dict[str, Any]) -> None:
        if self._busy:
            return
        self._selected[which] = change["new"]
        self._focus = which
        self._refresh_controls()

    def _on_text(self, index: int, change: dict[str, Any]) -> None:
        if self._busy or index >= len(self._order):
            return
        self._texts[self._order[index]] = change["new"]
        self._refresh_status()
        self._answer_changed()

    def _render(self) -> None:
        self._busy = True
        try:
            n = len(self.ids)
            instructions = _INSTRUCTIONS[self._mode].format(n=n, k=self.capacite)
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
            for which, select in (("avantages", self.pool), ("classement", self.ranking)):
                wanted = self._selected[which]
                values = [v for _, v in select.options]
                select.value = wanted if wanted in values else None
                self._selected[which] = select.value
            self.pool_label.value = f"<strong>Avantages à placer</strong> ({len(pool)})"
            self.ranking_label.value = (
                f"<strong>Votre classement</strong> ({len(self._order)} / {self.capacite}, "
                "le plus important en haut)"
            )
            for index, (label, area) in enumerate(
                zip(self.justification_labels, self.justifications, strict=True)
            ):
                if index < len(self._order):
                    benefit = self._order[index]
                    label.value = f"<strong>{index + 1}. {h.escape(self._name(benefit))}</strong>"
                    area.value = self._texts.get(benefit, "")
                    area.disabled = False
                else:
                    label.value = f"<span style='color:{FAINT}'>{index + 1}. (à placer)</span>"
                    area.value = ""
                    area.disabled = True
            self.diamond.value = self._diamond_html() if self._mode == "diamant" else ""
        finally:
            self._busy = False
        self._refresh_controls()
        self._refresh_status()

    def _refresh_controls(self) -> None:
        """Show the chosen benefit's theme and explanation. The buttons are never disabled:
        a button disabled under the keyboard focus drops it, and the learner would have to
        Tab through the page again; an impossible action says why instead."""
        focus = (
            self._selected[self._focus]
            or self._selected["classement"]
            or self._selected["avantages"]
        )
        if focus is None:
            self.detail.value = ""
            return
        explanation = self.table.at[focus, "explication"] if "explication" in self.table else ""
        self.detail.value = h.block(
            f"<strong>{h.escape(self._name(focus))}</strong> — thème du cours : "
            f"<em>{h.escape(self._theme(focus))}</em>"
            + (f"<br>{h.escape(str(explanation))}" if explanation else ""),
            self._colour.get(self._theme(focus), MUTED),
        )

    def _refresh_status(self) -> None:
        state = progress(self._order, self.capacite, self._texts)
        icon = "✓" if state.complet else "✏"
        self.status.value = h.line(f"{icon} {state.message}", "inherit", bold=True)

    def _diamond_html(self) -> str:
        rows = tiers(self._order, "diamant")
        lines = []
        for number, size in enumerate(DIAMOND_ROWS):
            cards = rows[number] if number < len(rows) else []
            cells = [
                f"<div class='tanmia-carte' style='border-left:5px solid "
                f"{self._colour.get(self._theme(b), MUTED)}'>{h.escape(self._name(b))}</div>"
                for b in cards
            ]
            cells += ["<div class='tanmia-carte vide'>à placer</div>"] * (size - len(cards))
            lines.append(f"<div style='text-align:center'>{''.join(cells)}</div>")
        return (
            "<div style='margin:0.5em 0'><strong>Votre diamant</strong> (en haut : le plus "
            f"important ; une rangée = ex aequo)</div>{''.join(lines)}"
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
