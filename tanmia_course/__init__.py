"""tanmia-course: a French Jupyter course on building partnerships for associations.

The notebooks call one line per step, in French::

    import tanmia_course as tc
    tc.acteurs()            # the actors of local development (a DataFrame)
    tc.quiz("lecon_01")     # the self-check quiz of lesson 01

The guide's items (Association Tanmia.ma) keep the guide's wording; see :func:`credits`.
matplotlib and jsonschema are imported only when a function needs them.
"""

from __future__ import annotations

from .display import afficher, credits
from .errors import ContenuInvalide, IdentifiantInconnu
from .loader import load_content as contenu
from .loader import utiliser_contenu
from .logic.checks import verifier
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
from .widgets.quiz import quiz

__version__ = "0.1.0"

__all__ = [
    "ContenuInvalide",
    "IdentifiantInconnu",
    "acteurs",
    "afficher",
    "avantages",
    "bonnes_pratiques",
    "clauses",
    "contenu",
    "credits",
    "critere",
    "criteres",
    "definitions",
    "etapes",
    "mecanismes",
    "origines",
    "quiz",
    "signes_alerte",
    "themes",
    "utiliser_contenu",
    "verifier",
]
