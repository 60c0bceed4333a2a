"""The workshop as a room lives it, for the tests: ``tanmia-course atelier`` started as a
trainer starts it, on a loopback port; participants who sign in over HTTP as a browser does
(the login form and its XSRF cookie), start their server, and run code in a kernel of it
(the server's REST API and its kernel's websocket, as JupyterLab does)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

import requests

from tanmia_course.workshop.hub import free_port

ROOT = Path(__file__).resolve().parents[2]
CODE, TRAINER_CODE = "4821", "73915046"


def wait_until(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"{what}: still not after {seconds} s")


@dataclass
class Hub:
    """``tanmia-course atelier FOLDER`` on a loopback port; :meth:`start` again after
    :meth:`stop` is the trainer starting the same workshop again."""

    folder: Path
    places: int = 3
    extra: tuple[str, ...] = ()
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> Hub:
        self.log_path = self.folder.parent / f"hub-{time.monotonic_ns()}.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tanmia_course.cli", "--racine", str(ROOT), "atelier",
                 str(self.folder), "--ip", "127.0.0.1", "--port", str(self.port), "--code",
                 CODE, "--code-formateur", TRAINER_CODE, "--places", str(self.places),
                 *self.extra],
                stdout=log, stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )  # fmt: skip

        def up():
            try:
                return requests.get(self.url + "hub/login", timeout=2).status_code == 200
            except requests.ConnectionError:
                assert self.process.poll() is None, self.log_text()[-3000:]
                return False

        wait_until(up, 30, "the hub answers")
        return self

    def stop(self) -> None:
        """SIGTERM to the hub (the command became it), as Ctrl+C does: it stops every
        participant's server before it ends."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise

    def log_text(self) -> str:
        """What the command printed: the board first, then the hub's log."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def sign_in(url: str, name: str, code: str = CODE):
    """A participant's browser session and the hub's answer to the login form."""
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
    """The French message of a refused sign-in, as the login page shows it."""
    assert answer.status_code == 403, answer.text[:500]
    page = answer.content.decode("utf-8")  # as the page's <meta charset> tells a browser
    found = re.search(r'<p class="login_error"[^>]*>(.*?)</p>', page, re.S)
    assert found, page[:2000]
    return found[1].replace("&#39;", "'")


def start_server(url: str, session, user: str, seconds: float = 60) -> dict:
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


def run_in_kernel(url: str, session, user: str, code: str, cwd: str = "exercises") -> str:
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
