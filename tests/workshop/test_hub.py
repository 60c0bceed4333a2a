"""The workshop for real: ``tanmia-course atelier`` starts JupyterHub and its proxy on a
loopback port; participants sign in over HTTP as a browser does (the login form and its XSRF
cookie), their servers start and hold their own copies of the course."""

from __future__ import annotations

import json
import signal

import pytest

pytest.importorskip("jupyterhub", reason="JupyterHub n’est pas installé : lancez « make hub »")

from tanmia_course.work.course import copy_course

from .harness import (
    CODE,
    HUB_TESTS,
    ROOT,
    TRAINER_CODE,
    actor_map,
    open_server,
    refusal,
    run_in_kernel,
    sign_in,
    started,
)

PARTICIPANTS = {"Aïcha B.": "aicha_b", "Youssef": "youssef", "فاطمة": "فاطمة"}

pytestmark = HUB_TESTS


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    folder = tmp_path_factory.mktemp("atelier") / "atelier"
    options = ("--code", CODE, "--code-formateur", TRAINER_CODE, "--places", "3")
    with started(folder, *options) as hub:
        yield hub


def test_the_board_gives_the_address_and_the_code(hub):
    text = hub.text()
    assert f"Adresse : {hub.url}" in text.replace("\u202f", " ").replace("\xa0", " ")
    assert f"Code de l’atelier\xa0: {CODE}" in text


@pytest.fixture(scope="module")
def room(hub):
    """The three participants signed in, their servers started: their browser sessions."""
    sessions = {}
    for name, user in PARTICIPANTS.items():
        session, answer = sign_in(hub.url, name)
        assert answer.status_code == 302, refusal(answer)
        sessions[user] = session
    listings = {user: open_server(hub.url, s, user) for user, s in sessions.items()}
    return sessions, listings


def test_three_participants_sign_in_and_get_their_own_copy_of_the_course(hub, room):
    url, folder = hub.url, hub.folder
    sessions, listings = room
    for user, session in sessions.items():
        names = {item["name"] for item in listings[user]["content"]}
        assert "00_bienvenue.ipynb" in names, names
        home = folder / "participants" / user
        assert (home / "exercises").is_dir()
        assert sorted(p.name for p in (home / "notebooks").glob("*.ipynb")) == sorted(
            p.name for p in (ROOT / "notebooks").glob("*.ipynb")
        )
        # Another participant's folder is not reachable from this server.
        other = next(u for u in PARTICIPANTS.values() if u != user)
        outside = session.get(url + f"user/{user}/api/contents/../{other}", timeout=10)
        assert outside.status_code in (403, 404)
    # Each participant's work folder is in the class from their first start, under the name
    # they typed: the trainer sees who is there before anyone saves.
    assert {
        user: json.loads((folder / "classe" / user / "_participant.json").read_bytes())["nom"]
        for user in PARTICIPANTS.values()
    } == {user: name for name, user in PARTICIPANTS.items()}

    # The terminal keeps the board in sight: the hub's log, and each server's, go to files.
    assert "User logged in: aicha_b" in (folder / "jupyterhub.log").read_text(encoding="utf-8")
    assert "User logged in" not in hub.text()
    assert "ServerApp" in (folder / "journaux" / "aicha_b.log").read_text(encoding="utf-8")

    # A name in use is refused, in French, on the login page; so is a wrong code.
    message = refusal(sign_in(url, "aicha  b.")[1])
    assert "est déjà pris" in message, message
    assert "n’est pas celui de l’atelier" in refusal(sign_in(url, "Omar", "4812")[1])
    # Three places, three participants: a fourth is told the workshop is full.
    assert "L’atelier est complet" in refusal(sign_in(url, "Omar")[1])


# The same exercise opened again: the widget restores the saved map.
RESTORED = """
import tanmia_course as tc
actors = tc.carte_acteurs().answer["actors"]
print(next(a["influence"] for a in actors if a["id"] == "collectivites_locales"))
"""
# The trainer's class view, on their own server: the room, read as it is now.
CLASS_VIEW = """
import tanmia_course as tc
classe = tc.classe(tc.CLASSE_ATELIER)
print(classe.participation()["cartographie_acteurs"].eq("✓").sum(), sorted(classe.participants))
"""


def trainer_count(hub) -> str:
    session, answer = sign_in(hub.url, "Formatrice", TRAINER_CODE)
    assert answer.status_code == 302, refusal(answer)
    assert session.get(hub.url + "hub/admin", timeout=10).status_code == 200
    open_server(hub.url, session, "formatrice")
    return run_in_kernel(hub.url, session, "formatrice", CLASS_VIEW, cwd="notebooks").strip()


def test_each_participant_runs_the_actor_map_and_the_trainer_counts_three_then_after_a_restart(
    hub, room
):
    sessions, _ = room
    for influence, (user, session) in enumerate(sessions.items(), start=2):
        run_in_kernel(hub.url, session, user, actor_map(influence))
        saved = json.loads(
            (hub.folder / "classe" / user / "cartographie_acteurs.json").read_bytes()
        )
        assert {
            "id": "collectivites_locales",
            "influence": influence,
            "interest": 4,
        }.items() <= next(
            a for a in saved["reponse"]["actors"] if a["id"] == "collectivites_locales"
        ).items()
    everyone = sorted(PARTICIPANTS)
    assert trainer_count(hub) == f"3 {everyone}"
    # The trainer's own answers stay out of the class.
    assert not (hub.folder / "classe" / "formatrice").exists()

    # The hub stopped (Ctrl+C, a crash), started again: no participant's work is lost, and
    # a participant gets back in with their name, their server started anew.
    # The same command again, with no option: the workshop keeps its address and codes.
    hub.process.send_signal(signal.SIGTERM)
    hub.process.wait(60)
    with started(hub.folder) as again:
        assert again.url == hub.url
        # Their servers stopped, names are free again, but never across the two codes: the
        # workshop code does not open the trainer's account, nor the trainer's a participant's.
        assert "celui du formateur" in refusal(sign_in(again.url, "Formatrice", CODE)[1])
        assert "celui d’un participant" in refusal(sign_in(again.url, "فاطمة", TRAINER_CODE)[1])
        assert trainer_count(again) == f"3 {everyone}"
        session, answer = sign_in(again.url, "Youssef")
        assert answer.status_code == 302, refusal(answer)
        open_server(again.url, session, "youssef")
        restored = run_in_kernel(again.url, session, "youssef", RESTORED)
        assert restored.strip() == "3"


def test_a_copy_never_overwrites_a_participants_work(tmp_path):
    home = tmp_path / "aicha"
    first = copy_course(ROOT, home)
    assert home / "notebooks" / "00_bienvenue.ipynb" in first
    mine = home / "exercises" / next(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    mine.write_text("mon travail", encoding="utf-8")
    assert copy_course(ROOT, home) == []
    assert mine.read_text(encoding="utf-8") == "mon travail"
    assert not (home / "solutions").exists()
