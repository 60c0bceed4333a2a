"""``tc.verifier``: the answer checks of the exercise notebooks, one call for all of them.

Each exercise keeps its checks in its own ``challenges`` module, registered with
:func:`~.feedback.check`; this module imports them on the first call, and nothing imports
it back.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..errors import IdentifiantInconnu
from .feedback import CHECKS, Retour

CHALLENGES = ("actor_map", "ranking")
"""The exercises whose folder has a ``challenges`` module."""


def verifier(question: str, reponse: Any) -> Retour:
    """Check the answer to an exercise question, e.g. ``verifier("nb_avantages", n)``."""
    for exercise in CHALLENGES:
        importlib.import_module(f".{exercise}.challenges", __package__)
    if question not in CHECKS:
        raise IdentifiantInconnu("Question d’exercice", question, sorted(CHECKS), feminin=True)
    return CHECKS[question](reponse)
