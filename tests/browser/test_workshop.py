"""The workshop in Chromium, as the room uses it: the trainer opens the class view on the
hub; a participant types the hub's address, signs in with the login page, opens the
actor-map exercise and runs it cell by cell (Shift+Entrée), moves an actor with the keyboard;
two more run the same exercise in a kernel of their servers; the trainer's view, left alone,
counts the three maps without anyone exporting anything."""

from __future__ import annotations

import re

import nbformat
import pytest

pytest.importorskip("jupyterhub", reason="JupyterHub n’est pas installé : lancez « make hub »")

from ..workshop import harness
from ..workshop.harness import CODE, HUB_TESTS, TRAINER_CODE, started
from .harness import CAPTURES, new_watched_page

pytestmark = HUB_TESTS
EXERCISE = "exercises/01_cartographie_acteurs.ipynb"
ROOM_VIEW = "import tanmia_course as tc\ntc.vue_de_classe(tc.CLASSE_ATELIER)"
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
OTHERS = {"Youssef": "youssef", "فاطمة": "فاطمة"}


def sign_in(page, url: str, name: str, code: str) -> str:
    """The login page filled and sent as a participant does; returns the hub user whose
    JupyterLab opens."""
    page.goto(url + "hub/login", wait_until="domcontentloaded")
    page.fill("#username_input", name)
    page.fill("#password_input", code)
    page.click("#login_submit")
    page.wait_for_url(re.compile(r"/user/[^/]+/lab"), timeout=120_000)
    return re.search(r"/user/([^/]+)/lab", page.url)[1]


def run_cells(page, url: str, user: str, path: str, cells: int) -> None:
    """Open a notebook of the user's server and run its first ``cells`` cells, one
    Shift+Entrée each, as a newcomer does."""
    page.goto(f"{url}user/{user}/lab/tree/{path}", wait_until="domcontentloaded")
    first = page.locator(f"{NOTEBOOK} .jp-Cell").first
    first.wait_for(timeout=120_000)
    # the kernel started and idle, as the status bar says
    page.locator("#jp-main-statusbar", has_text="Inactif").wait_for(timeout=120_000)
    first.click()
    for _ in range(cells):
        page.keyboard.press("Shift+Enter")
        page.wait_for_timeout(150)


def test_the_trainers_view_counts_three_maps_as_the_room_works(browser, tmp_path):
    options = ("--code", CODE, "--code-formateur", TRAINER_CODE)
    with started(tmp_path / "atelier", *options) as hub:
        # The trainer first: their JupyterLab, a notebook of one cell, the room's view.
        trainer, page = new_watched_page(browser)[:2]
        user = sign_in(page, hub.url, "Formatrice", TRAINER_CODE)
        room = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(ROOM_VIEW)])
        room.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(room, hub.folder / "participants" / user / "salle.ipynb")
        run_cells(page, hub.url, user, "salle.ipynb", 1)
        view = page.locator(f"{NOTEBOOK} .tanmia-vue-classe")
        view.wait_for(timeout=120_000)
        assert view.get_by_role("checkbox").is_checked()  # it follows the room by itself

        # Aïcha, in her own browser: the address on the board, her name and the code.
        participant, her = new_watched_page(browser)[:2]
        assert sign_in(her, hub.url, "Aïcha B.", CODE) == "aicha_b"
        run_cells(her, hub.url, "aicha_b", EXERCISE, 11)  # down to « carte = tc.carte_acteurs() »
        box = her.locator(f"{NOTEBOOK} .tanmia-carte-acteurs")
        box.wait_for(timeout=120_000)
        box.scroll_into_view_if_needed()
        handle = box.locator(".widget-hslider", has_text="Influence").locator(".noUi-handle")
        handle.focus()
        her.keyboard.press("ArrowRight")
        saved = hub.folder / "classe" / "aicha_b" / "cartographie_acteurs.json"
        harness.wait_until(saved.is_file, 20, "Aïcha's map saved")

        # Two more, on phones whose browsers we do not drive: the same exercise, run in a
        # kernel of their servers.
        for influence, (name, user) in enumerate(OTHERS.items(), start=2):
            session, answer = harness.sign_in(hub.url, name)
            assert answer.status_code == 302, harness.refusal(answer)
            harness.open_server(hub.url, session, user)
            harness.run_in_kernel(hub.url, session, user, harness.actor_map(influence))

        # The trainer touches nothing: within a look or two, the three rows show the map.
        header = view.locator("table.tanmia-classe th", has_text="cartographie_acteurs").first
        header.wait_for(timeout=60_000)
        for name in ("Aïcha B.", *OTHERS):
            row = view.locator("table.tanmia-classe tr", has_text=name)
            row.filter(has_text="✓").first.wait_for(timeout=60_000)
        CAPTURES.mkdir(exist_ok=True)
        page.screenshot(path=str(CAPTURES / "atelier_vue_de_classe.png"), full_page=True)
        her.screenshot(path=str(CAPTURES / "atelier_participante.png"), full_page=True)
        trainer.close()
        participant.close()
