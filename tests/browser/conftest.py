"""Fixtures of the browser tests: one Chromium, one JupyterLab (and one Voilà) per session,
one page per notebook.

Without Chromium the tests are skipped with a French reason, unless ``TANMIA_NAVIGATEUR=
obligatoire`` (``make test-browser``), which makes them fail instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .harness import (
    CHROMIUM_FLAGS,
    browser_required,
    browser_unavailable,
    chromium_path,
    copy_course,
    jupyterlab_server,
    new_watched_page,
    notebooks,
    short_id,
    voila_notebooks,
    voila_server,
    widget_kinds,
)
from .lab import LabNotebook
from .voila import VoilaNotebook

_summary: list[str] = []  # said once at the end of the run


def needs(kind: str | None = None):
    """Run the decorated test on each notebook that shows a widget of this ``kind``
    (every notebook when ``kind`` is None)."""

    def mark(function):
        function.widget_kind = kind
        return function

    return mark


def pytest_generate_tests(metafunc):
    fixture = next(
        (f for f in ("lab_notebook", "voila_notebook") if f in metafunc.fixturenames), None
    )
    if fixture is None:
        return
    kind = getattr(metafunc.function, "widget_kind", None)
    candidates = notebooks() if fixture == "lab_notebook" else voila_notebooks()
    paths = [p for p in candidates if kind is None or kind in widget_kinds(p)]
    if not paths:
        reason = f"aucun carnet n’affiche encore le widget « {kind} »"
        paths = [pytest.param(None, marks=pytest.mark.skip(reason=reason))]
    # Module scope, keyed by the notebook's path: pytest runs all the tests of one notebook
    # on the same page before opening the next one.
    metafunc.parametrize(
        fixture,
        paths,
        indirect=True,
        scope="module",
        ids=lambda p: short_id(p) if isinstance(p, str) else "aucun",
    )


@pytest.fixture(scope="session")
def browser():
    missing = browser_unavailable()
    if missing:
        if browser_required():
            message = (
                f"Tests dans le navigateur exigés (TANMIA_NAVIGATEUR=obligatoire) : {missing}."
            )
            _summary[:] = [message]
            pytest.fail(message, pytrace=False)
        message = f"Tests dans le navigateur ignorés : {missing}."
        _summary[:] = [message]
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory):
    """The notebook folders, copied: the pages autosave, the repository stays untouched."""
    return copy_course(tmp_path_factory.mktemp("cours"))


@pytest.fixture(scope="session")
def jupyterlab(browser, course_copy, tmp_path_factory):
    server = jupyterlab_server(course_copy, tmp_path_factory.mktemp("jupyterlab"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila(browser, course_copy, tmp_path_factory):
    server = voila_server(course_copy, tmp_path_factory.mktemp("voila"))
    server.start()
    yield server
    server.stop()


def _forget_saved_work(course_copy, path: str) -> None:
    """Each test module starts from blank answers: the widgets autosave into ``travaux/``
    and would restore what an earlier module did."""
    shutil.rmtree(course_copy / "travaux", ignore_errors=True)
    shutil.rmtree(course_copy / Path(path).parent / "travaux", ignore_errors=True)


@pytest.fixture(scope="module")
def lab_notebook(request, browser, jupyterlab, course_copy):
    """The notebook ``request.param`` opened in JupyterLab and run top to bottom."""
    _forget_saved_work(course_copy, request.param)
    context, page, journal = new_watched_page(browser)
    notebook = LabNotebook(page, journal, request.param, jupyterlab)
    try:
        notebook.open()
        notebook.run_all()
        yield notebook
    finally:
        notebook.shut_down()
        context.close()


@pytest.fixture(scope="module")
def voila_notebook(request, browser, voila, course_copy):
    """The notebook ``request.param`` rendered as an app by Voilà."""
    _forget_saved_work(course_copy, request.param)
    context, page, journal = new_watched_page(browser)
    notebook = VoilaNotebook(page, journal, request.param, voila.url)
    try:
        notebook.open()
        yield notebook
    finally:
        context.close()


def pytest_terminal_summary(terminalreporter):
    if _summary:
        terminalreporter.write_line(_summary[0], yellow=True)
