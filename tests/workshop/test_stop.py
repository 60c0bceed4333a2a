"""A workshop's day, as a trainer runs it: started with codes drawn by the command, its board
projected (``tableau.html``), stopped with ``--arreter`` (the hub, every participant's
server, the proxy, then the class archived), and started again with the same codes."""

from __future__ import annotations

import re
import subprocess
import zipfile
from html import unescape
from pathlib import Path

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
segno = pytest.importorskip("segno")

pytestmark = HUB_TESTS


def said(text: str, label: str) -> str:
    """The value the board gives after ``label :``."""
    found = re.search(rf"{label}\W+(\S+)", text)
    assert found, text[:3000]
    return found[1]


def svg_matrix(svg: str) -> list[list[int]]:
    """The dark modules of a QR code drawn by segno as one SVG path (scale 1, no transform):
    « M x y » or « m dx dy » moves, « h n » draws n modules on the row at y - 0.5."""
    path = re.search(r'<path[^>]* stroke="#000"[^>]* d="([^"]+)"', svg)
    assert path and "transform" not in svg, svg[:300]
    dark: set[tuple[int, int]] = set()
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path[1]):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark |= {(int(x) + i, int(y - 0.5)) for i in range(int(a))}
            x += float(a)
    size = int(re.search(r'viewBox="0 0 (\d+) ', svg)[1])
    return [[int((col, row) in dark) for col in range(size)] for row in range(size)]


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

        # The page to project: the address, in big letters and as a QR code, and the code.
        page_path = folder / "tableau.html"
        assert f"Page à projeter (adresse, code QR, code) : {page_path}" in board
        page = page_path.read_text(encoding="utf-8")
        text = unescape(re.sub(r"<[^>]+>", " ", page.split("</style>")[-1]))
        assert hub.url in text and code in text and trainer_code not in text
        assert not re.search(r"(src|href)=['\"]?(https?:)?//", page)  # nothing from the Internet
        qr = segno.make_qr(hub.url)
        assert svg_matrix(page[page.index("<svg") :]) == [list(row) for row in qr.matrix_iter()]
        # and in the terminal, for the trainer's screen
        terminal = [line for line in hub.text().splitlines() if "▄" in line or "▀" in line]
        assert len(terminal) >= len(qr.matrix) // 2

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
        # her profile, written at her first start, and her answer
        archive = re.search(r"(\S+\.zip) — 1 participant, 2 fichiers\.", done.stdout)
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


def read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # a process ended meanwhile
        return b""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="processus lus dans /proc (Linux)")
def test_a_hub_killed_without_stopping_leaves_nothing_running_after_arreter(tmp_path):
    """A power cut, ``kill -9``: the hub is gone, its participants' servers, proxy and idle
    culler are not. ``--arreter`` finds them by the workshop's own records and stops them."""
    folder = tmp_path / "atelier"
    with started(folder, "--code", "4821", "--inactivite", "30") as hub:
        session, answer = sign_in(hub.url, "Aïcha B.", "4821")
        assert answer.status_code == 302
        server = start_server(hub.url, session, "aicha_b", folder)
        culler = [
            int(entry.name)
            for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and b"idle_culler_config.py" in read(entry / "cmdline")
        ]
        assert len(culler) == 1, culler
        hub.process.kill()  # SIGKILL: nothing stops in order
        hub.process.wait(10)
        assert running(server) and running(culler[0])
        done = stop(folder)
    assert done.returncode == 0, done.stderr
    assert "avait été interrompu sans être arrêté" in done.stdout, done.stdout
    assert not running(server) and not running(culler[0])
