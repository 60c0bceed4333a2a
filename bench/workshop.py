"""A workshop room signs in at once: time until every participant's JupyterLab answers, memory.

``tanmia-course atelier`` is started as a trainer starts it (``--places 25``, on a loopback
port, in a temporary folder), then:

- baseline: the trainer signs in alone first, as they do before the room arrives, and gets
  their server (same sign-in, same spawner; the trainer code keeps them out of the 25 places);
- the room: 25 participants (names with accents, one in Arabic) sign in at the same instant,
  one thread and one HTTP session each, as a browser does — the login form with its XSRF
  cookie, then ``/hub/spawn``, then the spawn-pending page's progress event stream until the
  server is ready (the workshop tests' harness, ``tests/workshop/harness.py``, starts the
  command, signs in and reads that stream), then the server's
  page (the hub's OAuth redirects) and its contents API, until it lists
  ``notebooks/00_bienvenue.ipynb``.

Reported: the time from the room's first sign-in to all 25 servers ready (budget: a room is
working within 2 minutes), each participant's own time to ready and the login POST's response
time (p50, p95), each against the trainer alone in the same run; then memory, read from
``/proc`` when all are ready: the hub process and the proxy (RSS, and the hub's peak), the
25 single-user servers (whole process trees: PSS, which divides each shared page among the
processes that map it, the fair figure for a sum; RSS and USS beside it) against the trainer's
server alone, and the machine's available memory before and after. Finally the hub is stopped
as Ctrl+C stops it (SIGTERM) and every process it had started must be gone.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.workshop: the sign-in
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import percentile, row, size

BENCH = "workshop"
ROOT = Path(__file__).resolve().parent.parent
CODE, TRAINER_CODE = "4821", "73915046"
TRAINER = "Formatrice"
NAMES = [
    "Aïcha B.", "Youssef", "فاطمة", "Hélène", "Noémie", "Saïd", "Zineb", "Mehdi", "Loïc",
    "Anaïs", "Rachid", "Khadija", "Jérôme", "Éloïse", "Brahim", "Salma", "Hamza", "Najat",
    "Céline", "Ibrahim", "Nadia", "Omar", "Amine", "Leïla", "Chloé",
]  # fmt: skip
ROOM = int(sys.argv[sys.argv.index("--room") + 1]) if "--room" in sys.argv else size(25, 3)
READY_BUDGET_S = 120.0
PARTICIPANT_TIMEOUT_S = 300.0  # the bench's own patience; the hub gives up before
WELCOME = "00_bienvenue.ipynb"
MIB = 1024 * 1024


def missing() -> str | None:
    """What the workshop's hub lacks here (in French), or None."""
    from tanmia_course.workshop.hub import PROXY

    try:
        import jupyterhub  # noqa: F401
        import requests  # noqa: F401
    except ImportError as exc:
        return f"{exc.name} n’est pas installé : lancez « make hub »"
    if not (ROOT / PROXY).is_file():
        return "le proxy de JupyterHub (configurable-http-proxy) n’est pas installé : make hub"
    if not Path("/proc/self/stat").is_file():
        return "la mémoire se lit dans /proc (Linux)"
    return None


# --------------------------------------------------------------------------------------------
# Processes and their memory, from /proc
# --------------------------------------------------------------------------------------------


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time) of a process, or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after the command name, which may hold spaces
    return int(fields[1]), int(fields[19])


def descendants(pid: int) -> list[int]:
    """``pid``'s children, their children, and so on."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))):
            children.setdefault(found[0], []).append(int(entry.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def hub_user(pid: int) -> str | None:
    """The hub user a single-user server runs for (its JUPYTERHUB_USER), or None."""
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return None
    for item in environ:
        if item.startswith(b"JUPYTERHUB_USER="):
            return item.split(b"=", 1)[1].decode()
    return None


@dataclass
class Memory:
    """Bytes of a process or a sum of processes: resident (RSS), proportional (PSS: each
    shared page divided among the processes that map it), unique (USS: private pages)."""

    rss: int = 0
    pss: int = 0
    uss: int = 0

    def __add__(self, other: Memory) -> Memory:
        return Memory(self.rss + other.rss, self.pss + other.pss, self.uss + other.uss)


def memory(pid: int) -> Memory:
    """One process's memory, from ``/proc/<pid>/smaps_rollup`` (empty once it is gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return Memory()
    kib = {}
    for line in text.splitlines()[1:]:
        key, _, value = line.partition(":")
        kib[key] = int(value.split()[0]) if value.split() else 0
    private = kib.get("Private_Clean", 0) + kib.get("Private_Dirty", 0)
    return Memory(kib.get("Rss", 0) * 1024, kib.get("Pss", 0) * 1024, private * 1024)


def tree_memory(pid: int) -> Memory:
    total = memory(pid)
    for child in descendants(pid):
        total += memory(child)
    return total


def peak_rss(pid: int) -> int:
    """The process's highest RSS so far (VmHWM), in bytes."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found[1]) * 1024 if found else 0


def available_memory() -> int:
    found = re.search(r"^MemAvailable:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    return int(found[1]) * 1024 if found else 0


@dataclass
class Snapshot:
    """The hub's processes and their memory at one moment."""

    hub: Memory
    hub_peak: int
    proxy: Memory
    servers: dict[str, Memory]  # hub user → the server's whole process tree
    available: int


def snapshot(hub_pid: int) -> Snapshot:
    proxy, servers = Memory(), {}
    for child in _children(hub_pid):
        command = cmdline(child)
        if "configurable-http-proxy" in command:
            proxy += tree_memory(child)
        elif "jupyterhub.singleuser" in command and (user := hub_user(child)):
            servers[user] = tree_memory(child)
    return Snapshot(memory(hub_pid), peak_rss(hub_pid), proxy, servers, available_memory())


def _children(pid: int) -> list[int]:
    return [p for p in descendants(pid) if (found := _stat(p)) and found[0] == pid]


def mib(value: int) -> str:
    return f"{value / MIB:,.0f}".replace(",", " ")


# --------------------------------------------------------------------------------------------
# A participant, as a browser
# --------------------------------------------------------------------------------------------


@dataclass
class Participant:
    name: str
    user: str
    started: float = 0.0  # perf_counter() when their sign-in began
    login_post: float = 0.0  # seconds, the login POST's response alone
    ready: float = 0.0  # perf_counter() when their contents API listed the welcome notebook
    error: str = ""

    @property
    def time_to_ready(self) -> float:
        return self.ready - self.started


def until_lab_answers(session, url: str, user: str, deadline: float) -> None:
    """From the signed-in hub to the participant's JupyterLab listing the course's notebooks,
    the way the browser goes: /hub/spawn, the spawn-pending page's progress events, then the
    server's page (OAuth through the hub) and its contents API."""
    from tests.workshop.harness import progress_events

    page = session.get(url + "hub/spawn", timeout=60)
    page.raise_for_status()
    if "/hub/spawn-pending/" in unquote(page.url):
        remaining = max(1.0, deadline - time.monotonic())
        events = progress_events(session, url, page.text, remaining)
        if events and events[-1].get("failed"):
            raise RuntimeError(f"spawn failed: {events[-1].get('message')}")
    while True:
        page = session.get(url + f"user/{user}/", timeout=30)
        if page.status_code == 200 and f"/user/{user}/lab" in unquote(page.url):
            listing = session.get(url + f"user/{user}/api/contents/notebooks", timeout=30)
            if listing.status_code == 200:
                names = {item["name"] for item in listing.json()["content"]}
                if WELCOME in names:
                    return
                raise RuntimeError(f"{WELCOME} missing from {sorted(names)}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{user}'s server: {page.status_code} at {unquote(page.url)}")
        time.sleep(0.5)


def join(url: str, participant: Participant, code: str, barrier=None) -> Participant:
    """Sign ``participant`` in (after ``barrier``, with the rest of the room), then wait for
    their JupyterLab. Errors are kept in the result: a room reports, it does not crash."""
    from tests.workshop.harness import sign_in

    if barrier is not None:
        barrier.wait()
    participant.started = time.perf_counter()
    try:
        session, answer = sign_in(url, participant.name, code)
        participant.login_post = answer.elapsed.total_seconds()
        if answer.status_code != 302:
            raise RuntimeError(f"sign-in refused: HTTP {answer.status_code}")
        until_lab_answers(session, url, participant.user, time.monotonic() + PARTICIPANT_TIMEOUT_S)
        participant.ready = time.perf_counter()
    except Exception as exc:  # reported in the rows
        participant.error = f"{type(exc).__name__}: {exc}"
    return participant


def room_signs_in(url: str, participants: list[Participant]) -> float:
    """Everyone signs in at the same instant; returns the time from the first sign-in to the
    last server ready."""
    barrier = threading.Barrier(len(participants))
    threads = [
        threading.Thread(target=join, args=(url, p, CODE, barrier), daemon=True)
        for p in participants
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done = [p for p in participants if not p.error]
    if not done:
        return float("nan")
    return max(p.ready for p in done) - min(p.started for p in participants)


# --------------------------------------------------------------------------------------------
# The hub, as a trainer starts and stops it
# --------------------------------------------------------------------------------------------


def stop_hub(process: subprocess.Popen) -> tuple[float, int, list[int]]:
    """SIGTERM, as Ctrl+C does; returns the seconds until the hub had exited and every process
    it had started (snapshot taken just before) was gone, how many there were, and those still
    left (killed then)."""
    started = {pid: _stat(pid) for pid in descendants(process.pid)}
    start = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    deadline = time.monotonic() + 30
    left = list(started)
    while left and time.monotonic() < deadline:
        # gone, or its pid now another process's (another start time)
        left = [pid for pid in left if (found := _stat(pid)) and found[1] == started[pid][1]]
        if left:
            time.sleep(0.2)
    took = time.perf_counter() - start
    for pid in left:
        os.kill(pid, signal.SIGKILL)  # one the hub started and left behind
    return took, len(started) + 1, left


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    """Everything one run measured."""

    hub_up: float = 0.0
    alone: Participant | None = None
    room: list[Participant] = field(default_factory=list)
    total: float = 0.0
    before: Snapshot | None = None  # the trainer's server alone
    after: Snapshot | None = None  # the room's servers ready
    available_before_hub: int = 0
    spawns: dict[str, float] = field(default_factory=dict)
    http_timeout: str = ""
    stopped: float = 0.0
    processes: int = 0
    left: list[int] = field(default_factory=list)


def room_names(count: int) -> list[str]:
    return NAMES[:count] + [f"Participant {i}" for i in range(len(NAMES) + 1, count + 1)]


def main() -> None:
    reason = missing()
    if reason:
        print(f"Workshop: skipped ({reason})")
        row(BENCH, "workshop room", "skipped", reason, f"≤ {READY_BUDGET_S:g} s", None)
        return
    from tanmia_course.workshop.auth import participant_user
    from tests.workshop.harness import started

    run = Run(available_before_hub=available_memory())
    places = str(max(len(NAMES), ROOM))
    options = ("--code", CODE, "--code-formateur", TRAINER_CODE, "--places", places)
    with tempfile.TemporaryDirectory(prefix="bench_workshop_") as tmp:
        folder = Path(tmp) / "atelier"
        start = time.perf_counter()
        # the command as a trainer starts it, until its login page answers
        with started(folder, *options) as hub:
            run.hub_up = time.perf_counter() - start
            print(f"hub up in {run.hub_up:.1f} s at {hub.url} ({os.cpu_count()} CPUs)")
            try:
                measure(run, hub.process.pid, hub.url, participant_user)
            finally:
                run.stopped, run.processes, run.left = stop_hub(hub.process)
            log_text = hub.text()
        config = (folder / "jupyterhub_config.py").read_text(encoding="utf-8")
    print_log_warnings(log_text)
    run.spawns = spawn_times(log_text)
    if found := re.search(r"^c\.Spawner\.http_timeout = (\d+)", config, re.M):
        run.http_timeout = f"{found[1]} s"
    report(run)


def measure(run: Run, hub_pid: int, url: str, participant_user) -> None:
    run.alone = trainer = Participant(TRAINER, participant_user(TRAINER))
    join(url, trainer, TRAINER_CODE)
    if trainer.error:
        raise RuntimeError(f"the trainer alone: {trainer.error}")
    print(f"the trainer alone: ready in {trainer.time_to_ready:.1f} s")
    run.before = snapshot(hub_pid)

    run.room = [Participant(name, participant_user(name)) for name in room_names(ROOM)]
    run.total = room_signs_in(url, run.room)
    run.after = snapshot(hub_pid)
    for p in sorted(run.room, key=lambda p: p.ready if not p.error else float("inf")):
        state = p.error or f"ready in {p.time_to_ready:5.1f} s"
        print(f"  {p.name:<14} login POST {p.login_post * 1000:6.0f} ms, {state}")


def print_log_warnings(log: str) -> None:
    """The hub's and the servers' warnings and errors, each kind once with its count. Left
    aside: « Skipping XSRF check for insecure request », said of every GET that lacks a
    browser's Sec-Fetch-Mode header, which this client does not send."""
    kinds: dict[str, int] = {}
    for line in log.splitlines():
        if line.startswith(("[W ", "[E ", "[C ")) and "XSRF check for insecure" not in line:
            kind = re.sub(r"^\[(\w) [\d-]+ [\d:.]+ ", r"[\1 ", line)[:160]
            kinds[kind] = kinds.get(kind, 0) + 1
    print(f"hub log: {sum(kinds.values())} warnings or errors")
    for kind, count in kinds.items():
        print(f"  {count:>3} × {kind}")


def spawn_times(log: str) -> dict[str, float]:
    """Each user's server start as the hub timed it (from /hub/spawn to the server answering:
    what Spawner.start_timeout and http_timeout bound), from its log."""
    found = re.findall(r"User (\S+) took ([\d.]+) seconds to start", log)
    return {user: float(seconds) for user, seconds in found}


def report(run: Run) -> None:
    alone, room, before, after = run.alone, run.room, run.before, run.after
    ready = [p for p in room if not p.error]
    alone_s = alone.time_to_ready
    row(BENCH, "hub up (login page answers)", f"{run.hub_up:.1f} s", "", "", None)
    if len(ready) == len(room):
        figure = f"{run.total:.1f} s"
    else:
        figure = f"{len(ready)}/{len(room)} ready" + (f", last {run.total:.1f} s" if ready else "")
    row(
        BENCH,
        f"{len(room)} sign in at once: all ready",
        figure,
        f"1 alone {alone_s:.1f} s" + (f" ({run.total / alone_s:.1f}×)" if ready else ""),
        f"≤ {READY_BUDGET_S:g} s",
        len(ready) == len(room) and run.total <= READY_BUDGET_S,
    )
    if ready:
        own = [p.time_to_ready for p in ready]
        p50 = percentile(own, 50)
        row(
            BENCH,
            "  each one's time to ready",
            f"p50 {p50:.1f} s, p95 {percentile(own, 95):.1f} s",
            f"1 alone {alone_s:.1f} s ({p50 / alone_s:.1f}× at p50)",
            "",
            None,
        )
    posts = [p.login_post for p in room if p.login_post]
    if posts:
        row(
            BENCH,
            "  sign-in (login POST)",
            f"p50 {percentile(posts, 50) * 1000:.0f} ms, p95 {percentile(posts, 95) * 1000:.0f} ms",
            f"1 alone {alone.login_post * 1000:.0f} ms",
            "",
            None,
        )
    if starts := [run.spawns[p.user] for p in room if p.user in run.spawns]:
        row(
            BENCH,
            "  slowest start, as the hub timed it",
            f"{max(starts):.1f} s",
            f"1 alone {run.spawns.get(alone.user, 0.0):.1f} s",
            f"http_timeout {run.http_timeout}" if run.http_timeout else "",
            None,
        )
    row(
        BENCH,
        "hub process memory",
        f"RSS {mib(after.hub.rss)} MiB, peak {mib(after.hub_peak)}",
        f"with 1 server: RSS {mib(before.hub.rss)} MiB",
        "",
        None,
    )
    row(
        BENCH,
        "proxy memory (node)",
        f"RSS {mib(after.proxy.rss)} MiB",
        f"with 1 server: RSS {mib(before.proxy.rss)} MiB",
        "",
        None,
    )
    if theirs := [after.servers[p.user] for p in room if p.user in after.servers]:
        total = sum(theirs, Memory())
        one = before.servers.get(alone.user, Memory())
        row(
            BENCH,
            f"{len(theirs)} servers' memory (trees)",
            f"PSS {mib(total.pss)} MiB (RSS {mib(total.rss)}, USS {mib(total.uss)})",
            f"1 alone: PSS {mib(one.pss)} MiB (RSS {mib(one.rss)}, USS {mib(one.uss)})",
            "",
            None,
        )
    row(
        BENCH,
        "machine's available memory",
        f"{mib(before.available)} → {mib(after.available)} MiB",
        f"before the hub {mib(run.available_before_hub)} MiB",
        "",
        None,
    )
    gone = f"{len(run.left)} processes left" if run.left else f"{run.processes} gone"
    row(
        BENCH,
        "hub stopped (SIGTERM)",
        f"{run.stopped:.1f} s, {gone}",
        "",
        "all processes gone",
        not run.left,
    )


if __name__ == "__main__":
    main()
