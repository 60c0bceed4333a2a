"""Shared by the plot tests: an audit to draw, and a count of the matplotlib figures made."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

import tanmia_course as tc
from tanmia_course.exercises.audit.analysis import reference_answer


@pytest.fixture(scope="module")
def audit_table():
    """The comparison table of the reference audit of a case, with one criterion not rated
    and one at level 0."""
    answer = reference_answer(tc.etude_de_cas("minibus_des_collegiennes"))
    answer["criteres"]["duree"] = {"niveau": None, "preuve": ""}
    answer["criteres"]["autonomie"]["niveau"] = 0
    return tc.analyser_audit("minibus_des_collegiennes", answer).details.tableau


@pytest.fixture
def figures_made(monkeypatch):
    """One entry per matplotlib figure made while the test runs."""
    made: list[int] = []
    real_init = Figure.__init__

    def counted(self, *args, **kwargs):
        made.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "__init__", counted)
    return made
