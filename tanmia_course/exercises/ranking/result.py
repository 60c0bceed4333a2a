"""The one-line calls of the exercise « Classement des avantages » (exercise 02).

::

    classe = tc.classement_classe()              # the demo class: consensus, W, what divides
    tc.graphique_consensus(classe)               # its consensus as bars, with the spread
    tc.carte_classements(classe)                 # every participant's ranking at a glance
    comparaison = tc.comparer_classement(classement)   # your ranking beside the class's
    tc.graphique_comparaison(comparaison)

The maths are in :mod:`~.analysis`, the charts in :mod:`~.charts` (imported only when drawn).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...content.loader import load_content
from ...content.tables import avantages
from ...errors import by_id
from .analysis import ComparaisonClassement, ResultatGroupe, aggregate, compare

if TYPE_CHECKING:
    from ...display.picture import Graphique


def _answer_of(classement: Any, where: str = "") -> tuple[str, list[str]]:
    """(mode, order) from a widget, an answer dict or a plain list of ids."""
    answer = getattr(classement, "answer", classement)
    if isinstance(answer, Mapping):
        if "ordre" not in answer:
            raise ValueError(
                f"{where}une réponse de classement contient une clé « ordre » (la liste des "
                f"avantages) ; clés reçues : {', '.join(map(str, answer)) or 'aucune'}."
            )
        return str(answer.get("mode", "complet")), answer["ordre"]
    if isinstance(answer, Sequence) and not isinstance(answer, str):
        return "complet", answer  # type: ignore[return-value]
    raise ValueError(
        f"{where}attendu : un classement (le widget, sa réponse classement.answer, ou une "
        f"liste d’identifiants d’avantages) ; reçu : {type(answer).__name__}."
    )


def classement_classe(
    classements: Sequence[Any] | Mapping[str, Any] | None = None,
    groupe: str | None = None,
) -> ResultatGroupe:
    """Le classement d’un groupe : consensus, accord (W de Kendall), ce qui divise.

    Sans argument : la classe de démonstration du cours, celle de ``tc.classe()`` (les
    classements rendus par ses participants fictifs). Sinon, ``classements`` est une liste
    de réponses (``classement.answer``) ou un dictionnaire participant → réponse ; ou
    ``groupe`` choisit un groupe d’un fichier de contenu de type ``rankings`` (par exemple
    celui de votre atelier, ajouté avec ``tc.utiliser_contenu``).
    """
    if classements is None and groupe is None:
        from ...classroom.result import classe

        return classe().classement()
    content = load_content()
    if classements is None:
        group = by_id(content.ranking_groups, groupe, "Groupe de classements")
        names = [r.id for r in group.rankings]
        pairs = [(r.mode, r.order) for r in group.rankings]
        labels, title = [str(r.label) for r in group.rankings], str(group.label)
    else:
        if not isinstance(classements, Mapping):  # named p01, p02…
            classements = {f"p{i + 1:02d}": item for i, item in enumerate(classements)}
        names = [str(k) for k in classements]
        pairs = [
            _answer_of(item, f"Classement « {name} » : ")
            for name, item in zip(names, classements.values(), strict=True)
        ]
        labels, title = None, "Classement du groupe"
    return aggregate(
        [order for _, order in pairs],
        [mode for mode, _ in pairs],
        avantages(),
        participants=names,
        noms=labels,
        niveaux=content.agreement_levels,
        titre=title,
    )


def comparer_classement(
    classement: Any, classe: ResultatGroupe | None = None
) -> ComparaisonClassement:
    """Votre classement à côté de celui d’un groupe (par défaut, la classe de démonstration).

    ``classement`` est le widget de l’exercice, sa réponse, ou une liste d’identifiants.
    """
    mode, order = _answer_of(classement)
    return compare(order, mode, classe if classe is not None else classement_classe())


def _picture(chart: str, drawn: Any, alt: str) -> Graphique:
    """The chart of :mod:`.charts` named ``chart``, drawn from ``drawn``, as a picture."""
    from ...display.picture import Graphique
    from . import charts

    return Graphique(getattr(charts, chart)(drawn).figure, alt)


def graphique_consensus(classe: ResultatGroupe | None = None) -> Graphique:
    """Le consensus du groupe en barres (points de Borda moyens), avec sa dispersion."""
    result = classe if classe is not None else classement_classe()
    return _picture("consensus_chart", result, f"consensus du groupe « {result.titre} »")


def carte_classements(classe: ResultatGroupe | None = None) -> Graphique:
    """Le classement de chaque participant, en couleurs (participants × avantages)."""
    result = classe if classe is not None else classement_classe()
    return _picture("heatmap", result, f"classements des participants de « {result.titre} »")


def graphique_comparaison(comparaison: ComparaisonClassement | Any) -> Graphique:
    """Votre rang de chaque avantage à côté du rang moyen du groupe.

    Accepte le résultat de ``tc.comparer_classement`` ou directement votre classement.
    """
    if not isinstance(comparaison, ComparaisonClassement):
        comparaison = comparer_classement(comparaison)
    return _picture(
        "comparison_chart",
        comparaison,
        f"votre classement et celui de « {comparaison.groupe.titre} »",
    )
