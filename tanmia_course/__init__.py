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

# public name -> (module, attribute in that module): the one list of the public API
_LAZY: dict[str, tuple[str, str]] = {
    "ContenuInvalide": (".errors", "ContenuInvalide"),
    "IdentifiantInconnu": (".errors", "IdentifiantInconnu"),
    # the guide's lists as tables (lessons 01 to 04)
    **{
        name: (".content.tables", name)
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
    "afficher": (".content.display", "afficher"),
    "credits": (".content.display", "credits"),
    "contenu": (".content.loader", "load_content"),
    "utiliser_contenu": (".content.loader", "utiliser_contenu"),
    "verifier": (".exercises.challenges", "verifier"),
    "quiz": (".exercises.quiz.widget", "quiz"),
    # exercise 01: actor map
    "carte_acteurs": (".exercises.actor_map.widget", "carte_acteurs"),
    **{
        name: (".exercises.actor_map.result", name)
        for name in (
            "analyser_carte",
            "carte_reference",
            "niveaux_relation",
            "strategies_engagement",
        )
    },
    # exercise 02: ranking the benefits
    "classement_avantages": (".exercises.ranking.widget", "classement_avantages"),
    **{
        name: (".exercises.ranking.result", name)
        for name in (
            "carte_classements",
            "classement_classe",
            "comparer_classement",
            "graphique_comparaison",
            "graphique_consensus",
        )
    },
    # exercise 03: auditing a case study
    "audit_cas": (".exercises.audit.widget", "audit_cas"),
    **{
        name: (".exercises.audit.result", name)
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
    "mes_travaux": (".work.widget", "mes_travaux"),
    "classe": (".classroom.analysis", "classe"),
    "CLASSE_DEMO": (".classroom.analysis", "DEMO_FOLDER"),
    "vue_de_classe": (".classroom.widget", "vue_de_classe"),
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

