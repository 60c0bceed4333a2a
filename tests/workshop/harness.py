"""What the workshop's tests share: ``tanmia-course atelier`` started as a trainer starts it
(a subprocess of the real command, on a loopback port), a participant signed in as a browser
does (the login form and its XSRF cookie), their server opened and code run in a kernel of it
(the server's REST API and the kernel's websocket, as JupyterLab does), and the processes the
hub leaves behind or not."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote, unquote, urljoin

import pytest

from tanmia_course.workshop.hub import PROXY

ROOT = Path(__file__).resolve().parents[2]
CODE, TRAINER_CODE = "4821", "73915046"

# The marks of every test that starts the hub.
HUB_TESTS = [
    pytest.mark.hub,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (ROOT / PROXY).is_file(),
        reason="le proxy de JupyterHub (configurable-http-proxy) n’est pas installé : "
        "lancez « make hub »",
    ),
]


def wait_until(check: Callable[[], Any], seconds: float, what: str) -> Any:
    """``check()``'s first true result, tried every 0.3 s for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"{what}: still not after {seconds} s")


def command(*args: str) -> list[str]:
    """``tanmia-course --racine ROOT …`` as the course's environment runs it."""
    return [sys.executable, "-m", "tanmia_course.cli", "--racine", str(ROOT), *args]


def command_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


@dataclass
class Hub:
    """A workshop started by the real command: its address, folder, process and output."""

    url: str
    folder: Path
    process: subprocess.Popen[bytes]
    log: IO[bytes]

    def text(self) -> str:
        """What the command printed: the board first, then the hub's log."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")


@contextlib.contextmanager
def started(folder: Path, *options: str, port: int | None = None) -> Iterator[Hub]:
    """``tanmia-course atelier FOLDER --ip 127.0.0.1 [--port PORT] OPTIONS…``, until its login
    page answers; stopped on leaving (SIGTERM, as Ctrl+C does) if it still runs."""
    import requests

    port_option = ["--port", str(port)] if port else []
    log = (folder.parent / f"{folder.name}-{time.monotonic_ns()}.log").open("w+b")
    process = subprocess.Popen(
        command("atelier", str(folder), "--ip", "127.0.0.1", *port_option, *options),
        stdout=log,
        stderr=subprocess.STDOUT,
        env=command_env(),
    )
    hub = Hub("", folder, process, log)

    def up() -> bool:
        text = hub.text()
        assert process.poll() is None, text[-3000:]
        address = re.search(r"Adresse\W+(http://\S+/)", text)
        if not address:
            return False
        hub.url = address[1]
        try:
            return requests.get(hub.url + "hub/login", timeout=2).ok
        except requests.ConnectionError:
            return False

    try:
        wait_until(up, 60, "the hub answers")  # a loaded machine may take long
        yield hub
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the hub itself (the command became it)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        finally:
            log.close()


def sign_in(url: str, name: str, code: str = CODE) -> tuple[Any, Any]:
    """A browser's session after the login form is sent with ``name`` and ``code``, and the
    hub's answer (302 when it let them in)."""
    import requests

    session = requests.Session()
    session.get(url + "hub/login", timeout=10).raise_for_status()
    answer = session.post(
        url + "hub/login",
        data={"username": name, "password": code, "_xsrf": session.cookies["_xsrf"]},
        allow_redirects=False,
        timeout=10,
    )
    return session, answer


def api(session: Any, url: str, path: str) -> Any:
    """The hub's REST API read with a signed-in browser's cookie (and its XSRF token)."""
    answer = session.get(
        url + "hub/api/" + path, headers={"X-XSRFToken": session.cookies["_xsrf"]}, timeout=10
    )
    assert answer.status_code == 200, answer.text[:500]
    return answer.json()


def hub_rows(folder: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """What the hub's database of the workshop in ``folder`` answers (read only)."""
    database = f"file:{folder / 'jupyterhub.sqlite'}?mode=ro"
    with contextlib.closing(sqlite3.connect(database, uri=True)) as db:
        return db.execute(sql, params).fetchall()


def server_pid(folder: Path, user: str) -> int | None:
    """The pid of ``user``'s server as the hub's database holds it while it runs."""
    rows = hub_rows(
        folder,
        "SELECT spawners.state FROM spawners JOIN users ON users.id = spawners.user_id "
        "WHERE users.name = ? AND spawners.name = ''",
        user,
    )
    return json.loads(rows[0][0] or "{}").get("pid") if rows else None


def running(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, waiting for its parent, does not)."""
    try:
        return bool(Path(f"/proc/{pid}/cmdline").read_bytes())
    except OSError:
        return False


def start_server(url: str, session: Any, user: str, folder: Path) -> int:
    """Start a signed-in participant's server as the hub's pages do; its pid once it runs."""
    session.get(url + "hub/spawn", timeout=30)
    return wait_until(
        lambda: (pid := server_pid(folder, user)) and running(pid) and pid,
        60,
        f"{user}'s server runs",
    )


def refusal(answer) -> str:
    """The French message of a refused sign-in, as the login page shows it."""
    assert answer.status_code == 403, answer.text[:500]
    page = answer.content.decode("utf-8")  # as the page's <meta charset> tells a browser
    found = re.search(r'<p class="login_error"[^>]*>(.*?)</p>', page, re.S)
    assert found, page[:2000]
    return found[1].replace("&#39;", "'")


def open_server(url: str, session: Any, user: str, seconds: float = 60) -> dict:
    """Ask the hub for the user's server, then follow as a browser does until it answers
    (through the hub's sign-in, OAuth, which gives the server's own cookie); returns the
    listing of its ``notebooks/`` folder."""
    session.get(url + "hub/spawn", timeout=30)
    base = f"{url}user/{quote(user)}/"

    def check():
        page = session.get(base, timeout=10)
        if page.status_code != 200 or f"/user/{user}/lab" not in unquote(page.url):
            return None
        answer = session.get(base + "api/contents/notebooks", timeout=10)
        assert answer.status_code == 200, answer.text[:500]
        return answer.json()

    return wait_until(check, seconds, f"{user}'s server answers")


def run_in_kernel(url: str, session: Any, user: str, code: str, cwd: str = "exercises") -> str:
    """Run ``code`` in a new kernel of the user's server, started in ``cwd`` as a notebook
    there would be (a session of the server's API, then the kernel's websocket); returns
    what it printed. An error in the code fails the test with its traceback."""
    import websocket  # websocket-client, which jupyter_server itself uses

    base = f"{url}user/{quote(user)}/"
    xsrf = {"X-XSRFToken": session.cookies.get("_xsrf", path=f"/user/{quote(user)}/") or ""}
    created = session.post(
        base + "api/sessions",
        json={"path": f"{cwd}/essai.ipynb", "type": "notebook", "kernel": {"name": "python3"}},
        headers=xsrf,
        timeout=60,
    )
    assert created.status_code == 201, created.text[:500]
    kernel = created.json()["kernel"]["id"]
    cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    ws_url = base.replace("http://", "ws://") + f"api/kernels/{kernel}/channels"
    channel = websocket.create_connection(ws_url, cookie=cookies, timeout=120)
    msg_id = uuid.uuid4().hex
    channel.send(
        json.dumps(
            {
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": msg_id,
                           "username": user, "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": False,
                            "user_expressions": {}, "allow_stdin": False},
            }
        )
    )  # fmt: skip
    printed: list[str] = []
    try:
        while True:
            opcode, data = channel.recv_data()
            if opcode == websocket.ABNF.OPCODE_BINARY:  # a message with buffers: a widget's
                continue
            message = json.loads(data)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                raise AssertionError("\n".join(content["traceback"]))
            elif kind == "execute_reply":
                assert content["status"] == "ok", content
                return "".join(printed)
    finally:
        channel.close()
        session.delete(base + f"api/sessions/{created.json()['id']}", headers=xsrf, timeout=30)


# The actor-map exercise as its notebook runs it, then one actor placed with the sliders:
# the widget saves the answer at each change (TANMIA_TRAVAUX, set by the hub).
ACTOR_MAP = """
import tanmia_course as tc
carte = tc.carte_acteurs()
carte.choix.value = "collectivites_locales"
carte.influence.value = {influence}
carte.interet.value = 4
"""


def actor_map(influence: int) -> str:
    """The code a participant runs for the actor-map exercise, placing one actor."""
    return ACTOR_MAP.format(influence=influence)


def progress_events(session: Any, url: str, page: str, seconds: float = 90) -> list[dict]:
    """The progress events the starting page's script reads (its EventSource), as a browser
    reads them, until the last (« ready » or « failed »)."""
    found = re.search(r'new EventSource\("([^"]+)"\)', page)
    assert found, page[-3000:]
    answer = session.get(urljoin(url, unescape(found[1])), stream=True, timeout=(10, seconds))
    assert answer.status_code == 200, answer.text[:500]
    events = []
    with contextlib.closing(answer):
        for line in answer.iter_lines(decode_unicode=True):
            if line and line.startswith("data:"):
                events.append(json.loads(line[len("data:") :]))
                if events[-1].get("ready") or events[-1].get("failed"):
                    break
    return events
