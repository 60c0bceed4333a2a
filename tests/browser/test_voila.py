"""The notebooks run as an app by Voilà (the class view, the agreement), in headless Chromium.

Voilà is started as trainers are told to start it (``voila notebooks/05_vue_de_classe.ipynb``,
here on the whole course folder), with the configuration the package installs: etc/jupyter/
voila.json makes the course's template « tanmia » the default — Voilà's « lab » template
without the Font Awesome style sheets it otherwise fetches from a CDN — so that the page asks
nothing of any host but 127.0.0.1. Screenshots go to captures/voila/ (git-ignored) for review.
"""

from __future__ import annotations

import pytest

from .class_view import use_class_view
from .conftest import needs
from .harness import CAPTURES, clipped_on_screens, short_id

pytestmark = pytest.mark.browser


@needs()
def test_the_app_renders_every_widget_without_error(voila_notebook):
    nb = voila_notebook
    report = nb.report()
    assert report["problems"] == [], f"{nb.path} sous Voilà : {report['problems']}"
    assert report["widgets"] > 0, f"{nb.path} sous Voilà : aucun widget affiché"
    assert nb.journal.console_errors == [], (
        f"{nb.path} sous Voilà : erreurs JavaScript : {nb.journal.console_errors}"
    )


@needs("vue_de_classe")
def test_the_trainer_uses_the_class_view(voila_notebook):
    use_class_view(voila_notebook.page, voila_notebook.output(".tanmia-vue-classe"))


@needs()
def test_no_text_is_cut_off_the_icons_show_and_the_app_is_captured(voila_notebook):
    nb = voila_notebook
    clipped = clipped_on_screens(nb.page, nb.clipped_text)
    shots = nb.capture(CAPTURES / "voila" / short_id(nb.path))
    assert shots and all(p.stat().st_size > 5_000 for p in shots)
    assert clipped == {}, f"{nb.path} sous Voilà : textes coupés dans un widget : {clipped}"
    # Font Awesome comes from Voilà's own bundle, not from a CDN: the button icons are drawn.
    icon = nb.page.locator("#rendered_cells .jupyter-button i.fa").first
    if icon.count():
        family = icon.evaluate("e => getComputedStyle(e, '::before').fontFamily")
        assert "Font Awesome" in family, f"icônes sans police Font Awesome : {family}"
    assert nb.journal.console_errors == [], (
        f"{nb.path} sous Voilà : erreurs JavaScript après les manipulations : "
        f"{nb.journal.console_errors}"
    )


@needs()
def test_no_request_leaves_127_0_0_1(voila_notebook):
    nb = voila_notebook
    assert nb.journal.requests, "aucune requête enregistrée : le suivi du réseau ne marche pas"
    assert nb.journal.outside() == [], (
        f"{nb.path} sous Voilà : la page demande des ressources hors de la machine : "
        f"{nb.journal.outside()}"
    )
