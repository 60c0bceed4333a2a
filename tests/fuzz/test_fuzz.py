"""Hostile input, generated: no broken file ever ends in a traceback, a hang or a script.

A bounded run is part of ``make test`` (``TANMIA_FUZZ_EXAMPLES``, default 150 of each kind);
``make fuzz`` runs 5,000 of each and prints how many cases ended each way.
"""

from __future__ import annotations

import os
import re

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

import pytest
from hypothesis import HealthCheck, event, given, settings

from tanmia_course.classroom.result import read_class
from tanmia_course.content.loader import build_content, content_files
from tanmia_course.errors import ContenuInvalide

from .strategies import broken_content_files, broken_handins

EXAMPLES = int(os.environ.get("TANMIA_FUZZ_EXAMPLES", "150"))
LONG_RUN = "TANMIA_FUZZ_EXAMPLES" in os.environ  # make fuzz: this module alone in its process
MAX_MEMORY = 500 * 2**20
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=5000,  # ms: a case slower than 5 s is a hang
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
# A tag or an event handler that the HTML would run: what escaping must never let through.
RUNNABLE = re.compile(r"<(script|img|svg|iframe)\b|<[a-z][^<>]*\son\w+\s*=", re.IGNORECASE)


@pytest.fixture(scope="module", autouse=True)
def memory_stays_bounded():
    """In the long run, the process never grew past 500 Mio (peak resident memory)."""
    yield
    if LONG_RUN and hasattr(resource, "getrusage"):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kio on Linux
        print(f"\nMémoire maximale du processus : {peak / 2**20:.0f} Mio")
        assert peak < MAX_MEMORY


@FUZZ
@given(data=broken_content_files())
def test_a_broken_content_file_is_loaded_or_refused_in_french(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("contenu")
    (folder / "fichier.yaml").write_bytes(data)
    verdicts = []
    for validate in (True, False):  # « tanmia-course valider », then a notebook's loader
        try:
            build_content(content_files([folder]), validate=validate)
        except ContenuInvalide as exc:
            assert exc.problemes and all(p.message and p.fichier for p in exc.problemes)
            verdicts.append("refusé en français")
        else:
            verdicts.append("chargé")
    assert verdicts[0] == verdicts[1]  # valider and the loader give the same verdict
    event(verdicts[0])


@FUZZ
@given(data=broken_handins())
def test_a_broken_hand_in_is_accounted_for_and_its_text_never_runs(data):
    classe = read_class([("travaux.json", data)])
    (outcome,) = classe.fichiers_lus
    event(f"fichier {outcome.statut}")
    page = classe.rapport_html(figures=False)
    # the report's own markup has no such tag or handler: anything found came from the file
    assert not RUNNABLE.search(page), RUNNABLE.search(page)
