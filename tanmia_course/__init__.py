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

__version__ = "0.1.0"

# The public API, the one list of it, by module (``name=attribute`` where the public name is
# not the module's); ``__all__`` and the lazy imports below are derived from it.
_MODULES = {
    ".errors": "ContenuInvalide IdentifiantInconnu",
    # the guide's lists as tables (lessons 01 to 04)
    ".content.tables": "acteurs avantages bonnes_pratiques clauses critere criteres definitions "
    "etapes mecanismes modeles origines programme signes_alerte territoire themes",
    ".content.display": "afficher credits",
    ".content.loader": "contenu=load_content utiliser_contenu",
    ".exercises.challenges": "verifier",
    ".exercises.quiz.widget": "quiz",
    # exercise 01: actor map
    ".exercises.actor_map.widget": "carte_acteurs",
    ".exercises.actor_map.result": "analyser_carte carte_reference niveaux_relation "
    "strategies_engagement",
    # exercise 02: ranking the benefits
    ".exercises.ranking.widget": "classement_avantages",
    ".exercises.ranking.result": "carte_classements classement_classe comparer_classement "
    "graphique_comparaison graphique_consensus",
    # exercise 03: auditing a case study
    ".exercises.audit.widget": "audit_cas",
    ".exercises.audit.result": "analyser_audit audit_reference etude_de_cas etudes_de_cas "
    "feux_audit regles_audit verdict_audit",
    # exercise 04: drafting the partnership agreement
    ".exercises.agreement.widget": "convention",
    ".exercises.agreement.result": "analyser_convention convention_reference regles_convention "
    "scenarios_convention",
    ".exercises.agreement.report": "modele_vierge",
    # learners' work and the trainer's class view
    ".work.widget": "mes_travaux",
    ".classroom.result": "classe CLASSE_DEMO=DEMO_FOLDER CLASSE_ATELIER=ROOM_FOLDER",
    ".classroom.widget": "vue_de_classe",
    # the trainer's pack: the exercises and forms on paper
    ".printing.writer": "imprimer",
}
# public name -> (module, attribute in that module)
_LAZY: dict[str, tuple[str, str]] = {
    name: (module, attribute or name)
    for module, names in _MODULES.items()
    for name, _, attribute in (entry.partition("=") for entry in names.split())
}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'tanmia_course' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module, __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
