"""The actor map's notebook calls besides the widget: the result object, the reference maps
and the tables of strategies and relation levels.

    tc.analyser_carte("tifawin")       # the reference map of the course, analysed
    tc.carte_reference("tifawin")      # the same map as an answer (a plain dict)
    tc.strategies_engagement()         # the four strategies of the influence / interest grid
    tc.niveaux_relation()              # the levels of relation (after Himmelman)

matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

import pandas as pd

from ...content.loader import load_content
from ...content.model import SOURCE_LABELS
from ...display import html as h
from ...display.html import escape
from .analysis import (
    PRIORITY_RULE,
    Analysis,
    RetourCarte,
    Vocabulary,
    analyse,
    reference_answer,
    vocabulary,
)

# A feedback's tone and a note's: its icon, its word, its level (its colour).
TONES = {
    "warning": ("⚠", "À revoir", "error"),
    "advice": ("→", "Piste", "warning"),
    "praise": ("✓", "Bien vu", "ok"),
}


def too_full(again: bool = False) -> str:
    """Why a map cannot be drawn, and what to do, to follow « la carte est » (``again``:
    « redessinée », for a map drawn before)."""
    return (
        f"trop pleine pour être {'re' if again else ''}dessinée (les noms des acteurs ne "
        "tiennent pas sans se chevaucher) : retirez un acteur ou raccourcissez des noms"
    )


def current_vocabulary() -> Vocabulary:
    """The actor map's vocabulary from the content in force."""
    return vocabulary(load_content())


def link_names(vocab: Vocabulary) -> dict[str, str]:
    """The links' types as the pictures name them: id → label, in the vocabulary's order."""
    return {k: str(t.label) for k, t in vocab.link_types.items()}


# The lines the map's widget writes under its controls and above its picture.
NOTES = {"done": ("✓", "ok"), "error": ("✗", "error"), "warning": ("⚠", "warning")}


def note_html(text: str, tone: str) -> str:
    """A note about the map: ``tone`` is ``done``, ``error`` (a refusal) or ``warning``."""
    icon, level = NOTES[tone]
    return h.feedback(f"{icon} {text}", level)


def feedback_html(feedback: tuple[RetourCarte, ...]) -> str:
    """The feedback as HTML, one block per message, with its tone in words."""
    if not feedback:
        return "<p>Aucun retour pour l’instant.</p>"
    blocks = []
    for f in feedback:
        icon, word, level = TONES.get(f.tone, ("", f.tone, "info"))
        blocks.append(h.feedback(f.message, level, word, icon))
    return "".join(blocks)


def _of_analysis(name: str, doc: str) -> Any:
    """A field of the map's result, read from its analysis."""
    return property(lambda result: getattr(result.analysis, name), doc=doc)


@dataclass(frozen=True, eq=False)
class ResultatCarte:
    """What a map gives: the computed table, the strategies, the priority partners, the
    coverage of the guide's categories, the feedback and the figures.

    Shown as HTML in a notebook; its fields can be read in code (``resultat.tableau``…).
    A map too full to be drawn (its names cannot be placed without overlapping) is shown
    with a French note in place of its picture, its tables and feedback as usual.
    """

    analysis: Analysis
    vocab: Vocabulary
    titre: str = "Votre carte des acteurs"

    tableau = _of_analysis("table", "One row per actor: values, strategy, relation gap (ecart).")
    strategies = _of_analysis("strategies", "The four strategies: how many actors each, which.")
    partenaires = _of_analysis("shortlist", "The priority partners (:attr:`regle_partenaires`).")
    couverture = _of_analysis("coverage", "Each category of the guide: on the map, through whom.")
    retours = _of_analysis("feedback", "The feedback of the rules that apply, in their order.")
    regle_partenaires: ClassVar[str] = PRIORITY_RULE

    @property
    def categories_absentes(self) -> list[str]:
        return list(self.couverture.index[~self.couverture["presente"]])

    @cached_property
    def figure(self):
        """The map as a matplotlib Figure (drawn on first use); a map too full to be drawn
        raises :class:`~tanmia_course.exercises.actor_map.labels.PlacementImpossible`, in French."""
        from .charts import draw_actor_map
        from .layout import map_style

        return draw_actor_map(self.tableau, style=map_style(self.vocab)).figure

    @cached_property
    def figure_liens(self):
        """The links between actors as a matplotlib Figure, or ``None`` without links."""
        if not self.analysis.answer["links"]:
            return None
        from .charts import draw_links

        kinds = link_names(self.vocab)
        return draw_links(self.tableau, self.analysis.answer["links"], kinds).figure

    def _picture(self, figure: str, alt: str, missing: str) -> str:
        """The ``figure`` attribute's picture as an ``<img>`` (none without a figure), or,
        when the map is too full to draw, a French note that starts with ``missing``."""
        from ...display.picture import img_html, svg
        from .labels import PlacementImpossible

        try:
            drawn = getattr(self, figure)
        except PlacementImpossible:
            return note_html(
                f"{missing}, la carte est {too_full()}. Les tableaux et les retours de cette "
                "page, eux, sont à jour.",
                "warning",
            )
        return "" if drawn is None else img_html(svg(drawn), alt)

    def _repr_html_(self) -> str:
        parts = [
            "<div class='tanmia-carte'>",
            f"<h3>{escape(self.titre)}</h3>",
            self._picture(
                "figure",
                "Carte des acteurs : chaque acteur placé selon son intérêt (horizontal) et son "
                "influence (vertical)",
                "Carte non dessinée",
            ),
            "<h4>Retours</h4>",
            feedback_html(self.retours),
            "<h4>Que faire avec chaque acteur ?</h4>",
            h.frame_table(self.strategies[["nom", "nb_acteurs", "acteurs", "conseil"]], index="id"),
            "<h4>Partenaires prioritaires</h4>",
            f"<p><em>Règle : {escape(PRIORITY_RULE)}</em></p>",
            h.frame_table(
                self.partenaires[["rang", "nom", "influence", "interet", "ecart"]], index="id"
            )
            if len(self.partenaires)
            else "<p>Aucun acteur ne remplit cette règle pour l’instant.</p>",
            "<h4>Catégories d’acteurs du guide</h4>",
        ]
        if missing := self.categories_absentes:
            names = ", ".join(escape(n) for n in self.couverture.loc[missing, "nom"])
            parts.append(f"<p>Absentes de votre carte : {names}.</p>")
        else:
            parts.append(
                f"<p>Les {len(self.couverture)} catégories du guide sont sur votre carte.</p>"
            )
        if self.analysis.answer["links"]:
            parts += [
                "<h4>Liens entre acteurs</h4>",
                self._picture(
                    "figure_liens",
                    "Liens entre les acteurs : qui finance, informe, encadre ou soutient qui",
                    "Liens non dessinés",
                ),
            ]
        parts += [
            "<details><summary>Tableau complet</summary>",
            h.frame_table(self.tableau, index="id"),
            "</details></div>",
        ]
        return "".join(parts)

    def __repr__(self) -> str:
        lines = [f"{self.titre} — {len(self.tableau)} acteurs"]
        for row in self.strategies.itertuples():
            lines.append(f"  {row.nom} ({row.nb_acteurs}) : {row.acteurs or '—'}")
        names = ", ".join(self.partenaires["nom"]) or "aucun"
        lines.append(f"Partenaires prioritaires : {names}")
        missing = ", ".join(self.couverture.loc[self.categories_absentes, "nom"]) or "aucune"
        lines.append(f"Catégories du guide absentes : {missing}")
        lines.append("Retours :")
        for f in self.retours:
            icon, word, _ = TONES.get(f.tone, ("", f.tone, ""))
            lines.append(f"  {icon} {word} — {f.message}")
        return "\n".join(lines)


def analyser_carte(reponse: Any) -> ResultatCarte:
    """Analyse a map: the id of a reference map (``"tifawin"``) or an answer (a dict, as
    ``carte.answer`` gives it). Returns the table, strategies, partners, feedback, figures."""
    vocab = current_vocabulary()
    if not isinstance(reponse, str):
        return ResultatCarte(analyse(reponse, vocab), vocab)
    answer = reference_answer(reponse, vocab)  # an unknown map's id raises here
    return ResultatCarte(analyse(answer, vocab), vocab, str(vocab.maps[reponse].title))


def carte_reference(identifiant: str = "tifawin") -> dict[str, Any]:
    """A reference map of the content as an answer (a plain dict), for example the map of
    the course's Tifawin project; ``tc.carte_acteurs(reponse=...)`` accepts it."""
    return reference_answer(identifiant, current_vocabulary())


def _vocabulary_frame(items: Iterable[Any], **columns: Callable[[Any], object]) -> pd.DataFrame:
    """One row per item of the vocabulary (index: its id): its name, the ``columns`` (name →
    the item's value), its explanation and its source."""
    return pd.DataFrame(
        [
            {
                "id": item.id,
                "nom": str(item.label),
                **{name: value(item) for name, value in columns.items()},
                "explication": str(item.explanation),
                "source": SOURCE_LABELS[item.source],
            }
            for item in items
        ]
    ).set_index("id")


def strategies_engagement() -> pd.DataFrame:
    """The four strategies of the influence / interest grid (after Mendelow): which quadrant
    (influence, interest: « élevé » from 3, « faible » up to 2) and what to do."""
    influence = {"high": "élevée", "low": "faible"}
    interest = {"high": "élevé", "low": "faible"}
    return _vocabulary_frame(
        current_vocabulary().strategies.values(),
        influence=lambda s: influence[s.influence],
        interet=lambda s: interest[s.interest],
    )


def niveaux_relation() -> pd.DataFrame:
    """The levels of relation with an actor, from none to collaboration (after Himmelman);
    each adds something to the one before."""
    return _vocabulary_frame(current_vocabulary().levels.values(), rang=lambda lv: lv.rank)
