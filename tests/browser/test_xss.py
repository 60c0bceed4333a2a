"""No text from a file ever runs in Chromium: the class report of hostile hand-ins, the
printable audit report and the results a notebook shows (``_repr_html_``) that show a learner's
or a trainer's text, with hostile text in each, opened as a page.

A positive control first: the same check sees a payload left unescaped.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import tanmia_course as tc
from tanmia_course.classroom.result import DEMO_FOLDER, read_class

from ..conftest import FIXTURES

PAYLOAD = "<img src=x onerror=\"alert('xss')\"><script>alert('xss')</script>"


def runs_a_script(browser, html: str) -> bool:
    """Whether ``html``, opened in Chromium, runs a script (an alert, or a script element)."""
    page = browser.new_page()
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    try:
        page.set_content(html, wait_until="load")
        page.wait_for_timeout(150)  # an image's onerror fires once its load fails
        scripts = page.evaluate("document.querySelectorAll('script').length")
    finally:
        page.close()
    return bool(alerts) or scripts > 0


def test_the_check_sees_a_payload_left_unescaped(browser):
    assert runs_a_script(browser, f"<p>{PAYLOAD}</p>")


PAGES = [
    "rapport de classe",
    "résumé de classe",
    "carte des acteurs",
    "rapport d’audit",
    "tableau",
]


@pytest.fixture(scope="module")
def hostile_pages() -> dict[str, str]:
    """Every page a learner's or trainer's text reaches, with hostile text in it."""
    handin = json.loads(
        (DEMO_FOLDER / "travaux_p01_association_de_douar.json").read_text(encoding="utf-8")
    )
    handin["nom"] = PAYLOAD
    hostile = sorted((FIXTURES / "ko" / "rendus_hostiles").iterdir())
    classe = read_class(
        [("travaux_pirate.json", json.dumps(handin).encode())]
        + [(p.name, p.read_bytes()) for p in hostile]
    )
    carte = tc.carte_acteurs()
    answer = carte.answer
    answer["actors"].append(
        {
            "id": "pirate",
            "label": PAYLOAD[:80],
            "category": "medias",
            "influence": 4,
            "interest": 4,
            "stance": "neutre",
            "resources": [],
            "current": "aucune",
            "target": "aucune",
            "note": PAYLOAD,
        }
    )
    carte.answer = answer
    reponse = tc.audit_cas("minibus_des_collegiennes").answer
    reponse["recommandations"] = PAYLOAD
    reponse["criteres"]["transparence"] = {"niveau": 2, "preuve": PAYLOAD}
    resultat = tc.analyser_audit("minibus_des_collegiennes", reponse)
    tableau = pd.DataFrame({"nom": [PAYLOAD]}, index=[PAYLOAD])
    return dict(
        zip(
            PAGES,
            [
                classe.rapport_html(),
                classe._repr_html_(),
                carte.resultat()._repr_html_(),
                resultat.rapport_html(auteur=PAYLOAD),
                tc.afficher(tableau)._repr_html_(),
            ],
            strict=True,
        )
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_text_from_a_file_runs_in_the_browser(browser, hostile_pages, name):
    assert "xss" in hostile_pages[name]  # the hostile text is there, as text
    assert not runs_a_script(browser, hostile_pages[name])
