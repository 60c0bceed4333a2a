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


def _ticks_shown(axis, labels, coordinate):
    """The tick labels an axis draws: those of ticks within its view."""
    low, high = sorted(axis.get_view_interval())
    return [t for t in labels if low - 1e-9 <= t.get_position()[coordinate] <= high + 1e-9]


def _shown_texts(figure):
    """Every text the figure shows: written texts, titles, axis and tick labels, legends."""
    texts = list(figure.texts)
    for ax in figure.axes:
        texts += [*ax.texts, ax.title, ax._left_title, ax._right_title]
        texts += [ax.xaxis.label, ax.yaxis.label]
        texts += _ticks_shown(ax.xaxis, ax.get_xticklabels(), 0)
        texts += _ticks_shown(ax.yaxis, ax.get_yticklabels(), 1)
        legend = ax.get_legend()
        if legend is not None:
            texts += [legend.get_title(), *legend.get_texts()]
    return [t for t in texts if t.get_visible() and t.get_text()]


@pytest.fixture
def texts_inside():
    """A check that every text of a figure, laid out as it is saved, lies inside it (nothing
    cut off on the page); it returns the texts' boxes, in pixels."""

    def check(figure):
        figure.draw_without_rendering()
        page = figure.bbox
        boxes = {}
        for text in _shown_texts(figure):
            box = text.get_window_extent()
            assert page.x0 - 0.5 <= box.x0 and box.x1 <= page.x1 + 0.5, text
            assert page.y0 - 0.5 <= box.y0 and box.y1 <= page.y1 + 0.5, text
            boxes[text] = box
        return boxes

    return check
