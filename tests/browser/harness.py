"""What the browser tests stand on: the notebooks to open, local servers, a watched page.

JupyterLab is started by ``make lab``, as the README tells a newcomer, and Voilà by its own
command with the course's settings (serving the course folder, so that each notebook has its
address); both on a free port, on *copies* of the notebook folders (the pages save what they
run), with the user's own Jupyter config, data,
runtime, settings and workspace folders replaced by temporary ones, so that nothing of the
tester's own Jupyter set-up leaks in.
Chromium is Debian's ``chromium`` package, driven by Playwright through ``executable_path``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import nbformat

from tanmia_course.authoring import NOTEBOOK_DIRS

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = ROOT / "captures"
VOILA_TEMPLATES = ROOT / "share" / "jupyter"
VOILA_TEMPLATE = "tanmia"
LAB_CONFIG = ROOT / "etc" / "jupyter"

# Set to "obligatoire" (make test-browser) to fail, not skip, when Chromium is missing.
REQUIRED_ENV = "TANMIA_NAVIGATEUR"
CHROMIUM_ENV = "TANMIA_CHROMIUM"

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
PROJECTOR = {"width": 1024, "height": 768}  # a common video projector
LAPTOP = {"width": 1280, "height": 800}  # a common workshop laptop

# A call in a code cell → the kind of widget it shows, each with its own interaction test.
WIDGET_CALLS = {
    "quiz": re.compile(r"\btc\.quiz\("),
    "carte_acteurs": re.compile(r"\btc\.carte_acteurs\("),
    "classement_avantages": re.compile(r"\btc\.classement_avantages\("),
    "audit_cas": re.compile(r"\btc\.audit_cas\("),
    "convention": re.compile(r"\btc\.convention\("),
    "vue_de_classe": re.compile(r"\btc\.vue_de_classe\("),
    "mes_travaux": re.compile(r"\btc\.mes_travaux\("),
}
# The notebooks that are also run as a Voilà app: those showing one of these widgets (the
# class view; the agreement, which a trainer may project as an app to draft it with the room).
VOILA_KINDS = ("vue_de_classe", "convention")


# --------------------------------------------------------------------------------------------
# The notebooks
# --------------------------------------------------------------------------------------------


def notebooks() -> list[str]:
    """Every notebook of the course, as a path relative to the repository."""
    return sorted(
        p.relative_to(ROOT).as_posix()
        for d in NOTEBOOK_DIRS
        for p in (ROOT / d).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


@functools.cache
def code_sources(path: str) -> tuple[str, ...]:
    nb = nbformat.read(ROOT / path, as_version=4)
    return tuple(c.source for c in nb.cells if c.cell_type == "code")


def widget_kinds(path: str) -> set[str]:
    """The kinds of widget a notebook shows (by the ``tc.…(`` calls in its code cells)."""
    sources = "\n".join(code_sources(path))
    return {kind for kind, call in WIDGET_CALLS.items() if call.search(sources)}


def voila_notebooks() -> list[str]:
    """The notebooks that trainers open as a Voilà app (the class view)."""
    return [p for p in notebooks() if widget_kinds(p) & set(VOILA_KINDS)]


def quiz_ids(path: str) -> list[str]:
    """The quizzes a notebook shows, in order: ``tc.quiz("lecon_01")`` → ``lecon_01``."""
    return re.findall(r"\btc\.quiz\(\s*[\"']([a-z0-9_]+)[\"']", "\n".join(code_sources(path)))


def short_id(path: str) -> str:
    """``notebooks/01_x.ipynb`` → ``notebooks/01_x`` (test ids, capture folders)."""
    return path.removesuffix(".ipynb")


def copy_course(target: Path) -> Path:
    """Copy the notebook folders into ``target`` (the servers run on the copies)."""
    for folder in NOTEBOOK_DIRS:
        if (ROOT / folder).is_dir():
            shutil.copytree(
                ROOT / folder,
                target / folder,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "travaux", "__pycache__"),
            )
    return target


# --------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------


def chromium_path() -> str | None:
    if env := os.environ.get(CHROMIUM_ENV):
        return env if Path(env).is_file() else None
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return None


def browser_unavailable() -> str | None:
    """What is missing for the browser tests (in French), or None."""
    if chromium_path() is None:
        return "Chromium est introuvable (installez-le : apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "le paquet Python « playwright » manque (installez les outils de test : "
            "pip install -e '.[test]')"
        )
    return None


def browser_required() -> bool:
    return os.environ.get(REQUIRED_ENV, "").strip().lower() == "obligatoire"


# --------------------------------------------------------------------------------------------
# Local servers
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def jupyter_env(home: Path) -> dict[str, str]:
    """An environment whose Jupyter folders all live under ``home`` (a temporary dir)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "TANMIA_"))}
    dirs = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "workspaces",
        "IPYTHONDIR": home / "ipython",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    env.update({k: str(v) for k, v in dirs.items()})
    env["PYTHONUNBUFFERED"] = "1"
    return env


def write_lab_settings(settings_dir: Path) -> None:
    """The tester's own settings, on top of the course's: every cell attached to the page
    (JupyterLab otherwise leaves cells outside the viewport out of the page, where the tests
    could not find their widgets), no blank screen after the last cell (screenshots)."""
    settings = {
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
    }
    for plugin, values in settings.items():
        package, name = plugin.rsplit("/", 1)
        target = settings_dir / package / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")


@dataclass
class Server:
    """A Jupyter-family server started as a subprocess; ``url`` ends with a slash.

    With ``announces``, the server is ready once its log shows the address to open (a
    pattern whose group ``token`` is the login token, as a newcomer copies it); ``opened``
    is that address."""

    name: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path
    log_path: Path
    port: int
    ready_path: str
    announces: re.Pattern[str] | None = None
    process: subprocess.Popen | None = None
    token: str = ""
    opened: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def login(self, url: str) -> str:
        """``url`` with the login token, when the server has one."""
        if not self.token:
            return url
        return f"{url}{'&' if '?' in url else '?'}token={self.token}"

    def start(self, timeout: float = 300.0) -> Server:
        log = self.log_path.open("wb")
        # A session of its own: stopping it stops every process it started (make, then
        # JupyterLab and its kernels).
        self.process = subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} s’est arrêté au démarrage :\n{self.log_tail()}")
            if self.announces is not None and not self.opened:
                found = self.announces.search(self.log_text())
                if found:
                    self.opened, self.token = found[0], found["token"]
            if self.announces is None or self.opened:
                try:
                    ready = self.login(self.url + self.ready_path)
                    with urllib.request.urlopen(ready, timeout=5) as response:
                        if response.status == 200:
                            return self
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{self.name} n’a pas répondu en {timeout:.0f} s :\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:]) or "(pas de journal)"


# What `make lab` prints for the newcomer to open: the welcome notebook, with the token.
WELCOME = "notebooks/00_bienvenue.ipynb"


def jupyterlab_server(course: Path, home: Path) -> Server:
    """JupyterLab started as the README says, ``make lab``, serving ``course`` (a copy of the
    course: the pages save what they run). Only what a headless test needs is added through
    the target's own ``LAB_OPTIONS``: no browser to open, a free port, and the app exposed
    to the page's scripts (``window.jupyterapp``). The course's settings are the
    Makefile's; the tester's own Jupyter folders are left out (temporary ones instead)."""
    env = jupyter_env(home)
    write_lab_settings(Path(env["JUPYTERLAB_SETTINGS_DIR"]))
    port = free_port()
    options = [
        "--no-browser",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--LabApp.expose_app_in_browser=True",
    ]
    argv = [
        "make",
        "--no-print-directory",
        "-C",
        str(ROOT),
        "lab",
        f"COURS={course}",
        f"LAB_OPTIONS={' '.join(options)}",
    ]
    announces = re.compile(
        rf"http://127\.0\.0\.1:{port}/lab/tree/{re.escape(WELCOME)}\?token=(?P<token>[0-9a-f]+)"
    )
    return Server(
        "make lab", argv, env, ROOT, home / "jupyterlab.log", port, "api/status", announces
    )


def voila_server(course: Path, home: Path) -> Server:
    env = jupyter_env(home)
    # The course's Voilà template (no CDN) and the config that makes it Voilà's default, read
    # from the repository as the package installs them: a plain `voila notebook.ipynb`, as the
    # trainers are told to type, is what runs here.
    env["JUPYTER_PATH"] = str(VOILA_TEMPLATES)
    env["JUPYTER_CONFIG_PATH"] = str(LAB_CONFIG)
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--VoilaConfiguration.show_tracebacks=True",
        str(course),
    ]
    return Server("Voilà", argv, env, course, home / "voila.log", port, "")


# --------------------------------------------------------------------------------------------
# A watched page: every request, every console error
# --------------------------------------------------------------------------------------------

LOCAL_HOSTS = {"127.0.0.1"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


@dataclass
class Journal:
    """What a page did: the URL of every request and websocket, every console error."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def watch(self, context, page) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("websocket", lambda ws: self.requests.append(ws.url))
        page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.console_errors.append(f"exception : {e}"))

        # Anything bound elsewhere is refused at once (it is recorded above all the same):
        # offline, a lookup would only make the page wait.
        def route(r):
            if is_local(r.request.url):
                r.continue_()
            else:
                r.abort()

        context.route("**/*", route)

    def outside(self) -> list[str]:
        return sorted({u for u in self.requests if not is_local(u)})


def new_watched_page(browser):
    context = browser.new_context(
        viewport=VIEWPORT, locale="fr-FR", service_workers="block", device_scale_factor=1
    )
    page = context.new_page()
    journal = Journal()
    journal.watch(context, page)
    return context, page, journal


# Text cut off in a widget: an element holding text directly, that clips it (overflow hidden or
# an ellipsis) and whose laid-out text is wider or taller than its content box. The text's own
# extent is measured with a Range: scrollWidth misses the text an ellipsis hides in a button.
CLIPPED_TEXT = """(root) => {
  const found = [];
  for (const el of root.querySelectorAll('.jupyter-widgets *')) {
    if (['SELECT', 'OPTION', 'TEXTAREA', 'INPUT', 'STYLE', 'SCRIPT'].includes(el.tagName)) continue;
    const own = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
    if (!own.length || el.getClientRects().length === 0) continue;
    const st = getComputedStyle(el);
    if (st.display === 'inline' || st.display === 'contents') continue;  // overflow: n/a
    const clipsX = st.textOverflow === 'ellipsis' || ['hidden', 'clip'].includes(st.overflowX);
    const clipsY = ['hidden', 'clip'].includes(st.overflowY);
    if (!clipsX && !clipsY) continue;
    const range = document.createRange();
    range.setStartBefore(own[0]);
    range.setEndAfter(own[own.length - 1]);
    const text = range.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    const left = box.left + el.clientLeft + parseFloat(st.paddingLeft);
    const right = box.left + el.clientLeft + el.clientWidth - parseFloat(st.paddingRight);
    const top = box.top + el.clientTop;
    const bottom = top + el.clientHeight;
    const wide = clipsX && (text.left < left - 1 || text.right > right + 1 ||
                            el.scrollWidth > el.clientWidth + 1);
    const tall = clipsY && (text.top < top - 1 || text.bottom > bottom + 1);
    if (wide || tall) found.push(own.map(n => n.textContent.trim()).join(' ').slice(0, 100));
  }
  return found;
}"""


# A widget wider than its cell: an element of a widget's output area that reaches beyond the
# area's right edge, or beyond the right edge of a box of the widget that does not let what
# overflows it show (overflow hidden, or auto: ipywidgets' boxes scroll, and a list 2 px too
# wide for its box loses its right border behind a scroll bar). Each is named by its tag,
# classes and first words, with the pixels it sticks out.
OVERFLOWING = """(root) => {
  const found = [];
  for (const area of root.querySelectorAll('.jp-OutputArea-output')) {
    if (!area.querySelector('.jupyter-widgets')) continue;
    const edge = area.getBoundingClientRect().right;
    for (const el of area.querySelectorAll('*')) {
      if (el.getClientRects().length === 0) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const nameOf = (e) =>
        e.tagName.toLowerCase() + [...e.classList].slice(0, 2).map(c => '.' + c).join('');
      let limit = edge, by = 'la cellule';
      for (let up = el.parentElement; up && up !== area; up = up.parentElement) {
        const right = up.getBoundingClientRect().right;
        if (getComputedStyle(up).overflowX !== 'visible' && right < limit) {
          limit = right;
          by = nameOf(up);
        }
      }
      if (box.right <= limit + 1) continue;
      const text = (el.innerText || el.getAttribute('placeholder') || '').trim().slice(0, 40);
      const over = Math.round(box.right - limit);
      found.push(`${nameOf(el)} « ${text} » dépasse de ${over} px (${by})`);
    }
  }
  return [...new Set(found)];
}"""


def clipped_on_screens(page, measure) -> dict[str, list[str]]:
    """The texts cut off (``measure()``) on a laptop screen and on a projector, by screen."""
    found = {}
    for size in (VIEWPORT, PROJECTOR):
        page.set_viewport_size(size)
        page.wait_for_timeout(400)
        if clipped := measure():
            found[f"{size['width']}×{size['height']}"] = clipped
    page.set_viewport_size(VIEWPORT)
    page.wait_for_timeout(300)
    return found


# --------------------------------------------------------------------------------------------
# Screenshots
# --------------------------------------------------------------------------------------------


def capture_scrolling(page, scroller: str, folder: Path, max_shots: int = 60) -> list[Path]:
    """Screenshots of the whole page, one per screen, scrolling the element ``scroller``.

    Saved as ``folder/01.png``, ``02.png``… (the folder is emptied first).
    """
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    page.mouse.move(1, 1)  # no hover effect (heading anchors, tooltips) in the pictures
    box = page.locator(scroller).first
    height, view = box.evaluate("e => [e.scrollHeight, e.clientHeight]")
    step = max(view - 60, 200)
    shots = []
    top = 0
    for n in range(1, max_shots + 1):
        box.evaluate("(e, y) => { e.scrollTop = y; }", top)
        page.wait_for_timeout(150)
        path = folder / f"{n:02d}.png"
        page.screenshot(path=str(path))
        shots.append(path)
        if top + view >= height:
            break
        top += step
    return shots
