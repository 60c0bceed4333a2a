"""The workshop for real: ``tanmia-course atelier`` starts JupyterHub and its proxy on a
loopback port; participants sign in over HTTP as a browser does (the login form and its XSRF
cookie), their servers start and hold their own copies of the course."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from tanmia_course.workshop.hub import PROXY, free_port
from tanmia_course.workshop.spawner import copy_course

pytest.importorskip("jupyterhub", reason="JupyterHub n’est pas installé : lancez « make hub »")
requests = pytest.importorskip("requests")

ROOT = Path(__file__).resolve().parents[2]
CODE, TRAINER_CODE = "4821", "73915046"
PARTICIPANTS = {"Aïcha B.": "aicha_b", "Youssef": "youssef", "فاطمة": "فاطمة"}

pytestmark = [
    pytest.mark.hub,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (ROOT / PROXY).is_file(),
        reason="le proxy de JupyterHub (configurable-http-proxy) n’est pas installé : "
        "lancez « make hub »",
    ),
]


def wait_until(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"{what}: still not after {seconds} s")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    folder = tmp_path_factory.mktemp("atelier") / "atelier"
    port = free_port()
    log = (folder.parent / "hub.log").open("w+b")
    process = subprocess.Popen(
        [sys.executable, "-m", "tanmia_course.cli", "--racine", str(ROOT), "atelier",
         str(folder), "--ip", "127.0.0.1", "--port", str(port), "--code", CODE,
         "--code-formateur", TRAINER_CODE, "--places", "3"],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"

    def up():
        try:
            return requests.get(url + "hub/login", timeout=2).status_code == 200
        except requests.ConnectionError:
            assert process.poll() is None, log_text(log)[-3000:]
            return False

    try:
        wait_until(up, 30, "the hub answers")
        yield url, folder, log
    finally:
        process.send_signal(signal.SIGTERM)  # the hub itself (the command became it)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        finally:
            log.close()


def log_text(log) -> str:
    """What the command printed: the board first, then the hub's log."""
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", "replace")


def sign_in(url: str, name: str, code: str = CODE):
    session = requests.Session()
    session.get(url + "hub/login", timeout=10).raise_for_status()
    answer = session.post(
        url + "hub/login",
        data={"username": name, "password": code, "_xsrf": session.cookies["_xsrf"]},
        allow_redirects=False,
        timeout=10,
    )
    return session, answer


def refusal(answer) -> str:
    assert answer.status_code == 403, answer.text[:500]
    page = answer.content.decode("utf-8")  # as the page's <meta charset> tells a browser
    found = re.search(r'<p class="login_error"[^>]*>(.*?)</p>', page, re.S)
    assert found, page[:2000]
    return found[1].replace("&#39;", "'")


def test_the_board_gives_the_address_and_the_code(hub):
    url, _, log = hub
    text = log_text(log)
    assert f"Adresse : {url}" in text.replace("\u202f", " ").replace("\xa0", " ")
    assert f"Code de l’atelier\xa0: {CODE}" in text


def test_three_participants_sign_in_and_get_their_own_copy_of_the_course(hub):
    url, folder, _ = hub
    sessions = {}
    for name, user in PARTICIPANTS.items():
        session, answer = sign_in(url, name)
        assert answer.status_code == 302, refusal(answer)
        # /hub/spawn starts the server; the hub's pages lead on to it.
        session.get(url + "hub/spawn", timeout=30)
        sessions[user] = session

    def ready(user):
        def check():
            # The server's page, as a browser opens it: through the hub's sign-in (OAuth),
            # which gives the server's own cookie; then the server's file API.
            page = sessions[user].get(url + f"user/{user}/", timeout=10)
            if page.status_code != 200 or f"/user/{user}/lab" not in unquote(page.url):
                return None
            answer = sessions[user].get(url + f"user/{user}/api/contents/notebooks", timeout=10)
            assert answer.status_code == 200, answer.text[:500]
            return answer.json()

        return check

    for user in PARTICIPANTS.values():
        listing = wait_until(ready(user), 60, f"{user}'s server answers")
        names = {item["name"] for item in listing["content"]}
        assert "00_bienvenue.ipynb" in names, names
        home = folder / "participants" / user
        assert (home / "exercises").is_dir()
        assert sorted(p.name for p in (home / "notebooks").glob("*.ipynb")) == sorted(
            p.name for p in (ROOT / "notebooks").glob("*.ipynb")
        )
        assert (folder / "classe" / user).is_dir()
        # Another participant's folder is not reachable from this server.
        other = next(u for u in PARTICIPANTS.values() if u != user)
        outside = sessions[user].get(url + f"user/{user}/api/contents/../{other}", timeout=10)
        assert outside.status_code in (403, 404)

    # A name in use is refused, in French, on the login page; so is a wrong code.
    message = refusal(sign_in(url, "aicha  b.")[1])
    assert "est déjà pris" in message, message
    assert "n’est pas celui de l’atelier" in refusal(sign_in(url, "Omar", "4812")[1])
    # Three places, three participants: a fourth is told the workshop is full.
    assert "L’atelier est complet" in refusal(sign_in(url, "Omar")[1])
    # The trainer still gets in, as the hub's admin.
    session, answer = sign_in(url, "Formatrice", TRAINER_CODE)
    assert answer.status_code == 302
    assert session.get(url + "hub/admin", timeout=10).status_code == 200


def test_a_copy_never_overwrites_a_participants_work(tmp_path):
    home = tmp_path / "aicha"
    first = copy_course(ROOT, home)
    assert home / "notebooks" / "00_bienvenue.ipynb" in first
    mine = home / "exercises" / next(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    mine.write_text("mon travail", encoding="utf-8")
    assert copy_course(ROOT, home) == []
    assert mine.read_text(encoding="utf-8") == "mon travail"
    assert not (home / "solutions").exists()
