"""tanmia-course: a French Jupyter course on building partnerships for associations.

The notebooks call one line per step, in French::

    import tanmia_course as tc
    tc.acteurs()            # the actors of local development (a DataFrame)
    tc.quiz("lecon_01")     # the self-check quiz of lesson 01

The guide's items (Association Tanmia.ma) keep the guide's wording; see :func:`credits`.

Each public name is imported from its module on first use (PEP 562), so ``import
tanmia_course`` costs almost nothing, and pandas, ipywidgets, matplotlib or jsonschema load
only when a call needs them.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing is not imported: this module must stay near-free to import

__version__ = "0.1.0"

# public name -> (module, attribute in that module)
_LAZY: dict[str, tuple[str, str]] = {
    "ContenuInvalide": (".errors", "ContenuInvalide"),
    "IdentifiantInconnu": (".errors", "IdentifiantInconnu"),
    # the guide's lists as tables (lessons 01 to 04)
    **{
        name: (".tables", name)
        for name in (
            "acteurs",
            "avantages",
            "bonnes_pratiques",
            "clauses",
            "critere",
            "criteres",
            "definitions",
            "etapes",
            "mecanismes",
            "origines",
            "signes_alerte",
            "themes",
        )
    },
    "afficher": (".display", "afficher"),
    "credits": (".display", "credits"),
    "contenu": (".loader", "load_content"),
    "utiliser_contenu": (".loader", "utiliser_contenu"),
    "verifier": (".logic.checks", "verifier"),
    "quiz": (".widgets.quiz", "quiz"),
    # exercise 01: actor map
    "carte_acteurs": (".widgets.actor_map", "carte_acteurs"),
    **{
        name: (".actor_map", name)
        for name in (
            "analyser_carte",
            "carte_reference",
            "niveaux_relation",
            "strategies_engagement",
        )
    },
    # exercise 02: ranking the benefits
    "classement_avantages": (".widgets.ranking", "classement_avantages"),
    **{
        name: (".ranking_exercise", name)
        for name in (
            "carte_classements",
            "classement_classe",
            "comparer_classement",
            "graphique_comparaison",
            "graphique_consensus",
        )
    },
    # exercise 03: auditing a case study
    "audit_cas": (".widgets.audit", "audit_cas"),
    **{
        name: (".cases", name)
        for name in (
            "analyser_audit",
            "audit_reference",
            "etude_de_cas",
            "etudes_de_cas",
            "feux_audit",
            "regles_audit",
            "verdict_audit",
        )
    },
    # learners' work and the trainer's class view
    "mes_travaux": (".widgets.travaux", "mes_travaux"),
    "classe": (".classroom", "classe"),
    "CLASSE_DEMO": (".classroom", "DEMO_FOLDER"),
    "vue_de_classe": (".widgets.classroom", "vue_de_classe"),
}

__all__ = [
    "CLASSE_DEMO",
    "ContenuInvalide",
    "IdentifiantInconnu",
    "acteurs",
    "afficher",
    "analyser_audit",
    "analyser_carte",
    "audit_cas",
    "audit_reference",
    "avantages",
    "bonnes_pratiques",
    "carte_acteurs",
    "carte_classements",
    "carte_reference",
    "classe",
    "classement_avantages",
    "classement_classe",
    "clauses",
    "comparer_classement",
    "contenu",
    "credits",
    "critere",
    "criteres",
    "definitions",
    "etapes",
    "etude_de_cas",
    "etudes_de_cas",
    "feux_audit",
    "graphique_comparaison",
    "graphique_consensus",
    "mecanismes",
    "mes_travaux",
    "niveaux_relation",
    "origines",
    "quiz",
    "regles_audit",
    "signes_alerte",
    "strategies_engagement",
    "themes",
    "utiliser_contenu",
    "verdict_audit",
    "verifier",
    "vue_de_classe",
]


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'tanmia_course' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module, __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # what the lazy names are, for type checkers and editors
    from .actor_map import analyser_carte, carte_reference, niveaux_relation, strategies_engagement
    from .cases import (
        analyser_audit,
        audit_reference,
        etude_de_cas,
        etudes_de_cas,
        feux_audit,
        regles_audit,
        verdict_audit,
    )
    from .classroom import DEMO_FOLDER as CLASSE_DEMO
    from .classroom import classe
    from .display import afficher, credits
    from .errors import ContenuInvalide, IdentifiantInconnu
    from .loader import load_content as contenu
    from .loader import utiliser_contenu
    from .logic.checks import verifier
    from .ranking_exercise import (
        carte_classements,
        classement_classe,
        comparer_classement,
        graphique_comparaison,
        graphique_consensus,
    )
    from .tables import (
        acteurs,
        avantages,
        bonnes_pratiques,
        clauses,
        critere,
        criteres,
        definitions,
        etapes,
        mecanismes,
        origines,
        signes_alerte,
        themes,
    )
    from .widgets.actor_map import carte_acteurs
    from .widgets.audit import audit_cas
    from .widgets.classroom import vue_de_classe
    from .widgets.quiz import quiz
    from .widgets.ranking import classement_avantages
    from .widgets.travaux import mes_travaux
