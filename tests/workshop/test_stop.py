"""A workshop's day, as a trainer runs it: started with codes drawn by the command, stopped
with ``--arreter`` (the hub, every participant's server, the proxy, then the class archived),
and started again with the same codes."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest

from tanmia_course.work.store import save_answer
from tanmia_course.workshop.hub import free_port

from .harness import (
    HUB_TESTS,
    command,
    command_env,
    running,
    sign_in,
    start_server,
    started,
)

pytest.importorskip("jupyterhub", reason="JupyterHub n’est pas installé : lancez « make hub »")
pytest.importorskip("requests")

pytestmark = HUB_TESTS


def said(text: str, label: str) -> str:
    """The value the board gives after ``label :``."""
    found = re.search(rf"{label}\W+(\S+)", text)
    assert found, text[:3000]
    return found[1]


def stop(folder) -> subprocess.CompletedProcess[str]:
    """``tanmia-course atelier FOLDER --arreter``, as the trainer types it in another terminal."""
    return subprocess.run(
        command("atelier", str(folder), "--arreter"),
        capture_output=True,
        text=True,
        env=command_env(),
        timeout=90,
    )


def test_a_workshop_is_stopped_archived_and_started_again_with_the_same_codes(tmp_path):
    folder = tmp_path / "atelier"
    with started(folder, "--inactivite", "0", port=free_port()) as hub:
        board = hub.text().replace("\u202f", " ").replace("\xa0", " ")
        code, trainer_code = said(board, "Code de l’atelier"), said(board, r"pas au tableau\)")
        assert code.isdigit() and trainer_code.isdigit() and code != trainer_code
        assert (folder / "atelier.json").stat().st_mode & 0o777 == 0o600  # the codes are in it

        session, answer = sign_in(hub.url, "Aïcha B.", code)
        assert answer.status_code == 302
        server = start_server(hub.url, session, "aicha_b", folder)
        saved = save_answer("cartographie_acteurs", {"acteurs": {}}, folder / "classe" / "aicha_b")
        proxy = int((folder / "proxy.pid").read_text())
        assert running(proxy)

        done = stop(folder)
        assert done.returncode == 0, done.stderr
        assert hub.process.wait(30) == 0  # the hub, then (below) every process it started
        assert not running(server) and not running(proxy)
        assert "Atelier arrêté" in done.stdout, done.stdout
        archive = re.search(r"(\S+\.zip) — 1 participant, 1 fichier\.", done.stdout)
        assert archive, done.stdout
        with zipfile.ZipFile(archive[1]) as zipped:
            assert zipped.read("classe/aicha_b/cartographie_acteurs.json") == (
                saved.chemin.read_bytes()
            )
        assert archive[1].startswith(str(folder / "archives" / "classe_"))

    # Started again, with no codes: the same codes, places and port, so the board stays true;
    # what the command gives replaces what was kept, and it says so.
    with started(folder, "--places", "5") as again:
        board = again.text()
        assert again.url == hub.url
        assert f"Code de l’atelier\xa0: {code}" in board
        assert f"(ne l’écrivez pas au tableau)\xa0: {trainer_code}" in board
        assert "les places (sans limite → 5)" in board, board[:2000]
        assert "Repris du dernier démarrage de cet atelier\xa0: le code de l’atelier" in board
        assert sign_in(again.url, "Aïcha B.", code)[1].status_code == 302
        done = stop(folder)
        assert done.returncode == 0 and again.process.wait(30) == 0, done.stderr
    assert len(list((folder / "archives").glob("classe_*.zip"))) == 2
