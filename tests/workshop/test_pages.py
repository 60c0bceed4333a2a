"""The hub's pages in French, for real: ``tanmia-course atelier`` started as a trainer starts
it, one participant's day through the pages she meets — home, the start with its progress
bar, her server stopped while she kept her cookie and her tab, a page not found, the
sign-out — fetched as her browser does."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

pytest.importorskip("jupyterhub", reason="JupyterHub n’est pas installé : lancez « make hub »")
pytest.importorskip("requests")

from tanmia_course.workshop.hub import free_port

from .harness import (
    CODE,
    HUB_TESTS,
    TRAINER_CODE,
    api,
    progress_events,
    refusal,
    sign_in,
    started,
    wait_until,
)
from .test_templates import ENGLISH_NAV, JUPYTERHUB_TEMPLATES, MARKED_FRENCH

pytestmark = HUB_TESTS


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """What Salma met, from her sign-in to her sign-out, by moment."""
    folder = tmp_path_factory.mktemp("atelier") / "atelier"
    options = ("--code", CODE, "--code-formateur", TRAINER_CODE)
    with started(folder, *options, port=free_port()) as hub:
        url = hub.url
        salma, answer = sign_in(url, "Salma")
        assert answer.status_code == 302, refusal(answer)
        met = {"home": salma.get(url + "hub/home", timeout=10)}
        # The start her home page's button asks for: the hub waits 1 s, then sends her to the
        # page of the progress bar, which she reads while her server starts.
        asked = salma.get(url + "hub/spawn", allow_redirects=False, timeout=30)
        assert asked.status_code == 302, asked.text[:500]
        met["starting"] = salma.get(urljoin(url, asked.headers["Location"]), timeout=10)
        met["progress"] = progress_events(salma, url, met["starting"].content.decode("utf-8"))
        met["running home"] = salma.get(url + "hub/home", timeout=10)
        # Her server stopped as the idle culler stops it, while she keeps her cookie and her
        # JupyterLab tab, which asks for it again.
        trainer, answer = sign_in(url, "Formatrice", TRAINER_CODE)
        assert answer.status_code == 302, refusal(answer)
        stop = trainer.delete(
            url + "hub/api/users/salma/server",
            headers={"X-XSRFToken": trainer.cookies["_xsrf"]},
            timeout=30,
        )
        assert stop.status_code in (202, 204), stop.text[:500]
        wait_until(
            lambda: api(trainer, url, "users/salma")["servers"] == {}, 30, "her server stops"
        )
        met["stopped"] = salma.get(url + "user/salma/lab", timeout=10)
        met["not found"] = salma.get(url + "hub/nulle-part", timeout=10)
        met["signed out"] = salma.get(url + "hub/logout", timeout=30)
        yield met


def shown(page) -> str:
    """A page's text as its ``<meta charset>`` tells a browser (the hub's header does not)."""
    return page.content.decode("utf-8")


def english_left(page: str, *english: str) -> list[str]:
    return [text for text in (*english, *ENGLISH_NAV) if text in page]


def test_her_home_page_starts_then_opens_or_stops_her_server(day):
    for moment in ("home", "running home"):
        assert day[moment].status_code == 200, shown(day[moment])[:500]
        text = shown(day[moment])
        assert MARKED_FRENCH in text and ">Accueil<" in text and "Se déconnecter</a>" in text
        assert english_left(text, "Start My Server", "Stop My Server", "My Server") == []
    home, running = shown(day["home"]), shown(day["running home"])
    assert "Démarrer mon serveur" in home and 'id="stop-my-server"' not in home
    assert "Ouvrir mon serveur" in running and 'id="stop-my-server"' in running
    assert re.search(r'<a id="start"[^>]*href="/user/salma/?"', running), running


def test_the_starting_page_is_in_french_and_keeps_jupyterhubs_progress_script(day):
    page = day["starting"]
    assert page.status_code == 200 and "/hub/spawn-pending/salma" in page.url, shown(page)[:500]
    text = shown(page)
    assert MARKED_FRENCH in text and "Votre serveur démarre." in text
    assert "Détail du démarrage" in text and "Annuler le démarrage" in text
    assert english_left(text, "Your server is starting up", "Event log", "Stop Server<") == []
    # JupyterHub's script, unchanged, finds here every element it finds in JupyterHub's own
    # page, and reads the progress events the hub sends.
    script = text[text.index("new EventSource(") - 3000 :]
    looked_for = set(re.findall(r'\$\("#([\w-]+)"\)', script))
    original = (JUPYTERHUB_TEMPLATES / "spawn_pending.html").read_text(encoding="utf-8")
    needed = looked_for & set(re.findall(r'id="([\w-]+)"', original))
    assert {"progress-bar", "progress-message", "progress-log"} <= needed
    assert [i for i in sorted(needed) if f'id="{i}"' not in text] == []
    progress = day["progress"]
    assert progress[0]["progress"] == 0 and progress[-1].get("ready"), progress
    # The course's words under the bar, from the start to « ready » (the hub's first,
    # « Server requested », stays its own).
    assert any("Démarrage de votre JupyterLab" in e.get("message", "") for e in progress)
    assert progress[-1]["message"].startswith("Votre JupyterLab est prêt"), progress[-1]
    assert ">ouvrir</a>" in progress[-1]["html_message"]


def test_a_stopped_server_is_explained_in_french_with_a_button_to_start_it_again(day):
    page = day["stopped"]
    assert page.status_code == 424 and "/hub/user/salma/lab" in page.url, shown(page)[:500]
    text = shown(page)
    assert MARKED_FRENCH in text and "Votre serveur est arrêté" in text
    assert "Votre travail enregistré est conservé." in " ".join(text.split())
    assert re.search(r'<a id="start"[^>]*href="/hub/spawn/salma\?next=[^"]+"', text), text
    assert "Relancer mon serveur" in text
    assert english_left(text, "Server not running", "is not running", "Launch") == []


def test_a_page_not_found_says_so_in_french(day):
    page = day["not found"]
    assert page.status_code == 404, shown(page)[:500]
    text = shown(page)
    assert MARKED_FRENCH in text and "404\xa0: Page introuvable" in text
    assert "Cette adresse n’existe pas dans l’atelier" in text
    assert english_left(text, "Not Found", "moons") == []


def test_signing_out_leads_back_to_the_french_login_page(day):
    # The workshop's hub shows no logout page (JupyterHub does only with auto_login): the
    # participant is back on the login page, her server stopped.
    page = day["signed out"]
    assert page.status_code == 200 and page.url.endswith("/hub/login"), page.url
    text = shown(page)
    assert "Entrer dans l’atelier" in text and "Se connecter</a>" not in text
    assert english_left(text, "Successfully logged out", "Login<") == []
