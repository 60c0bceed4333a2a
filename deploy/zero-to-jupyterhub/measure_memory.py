"""What one learner's server holds in memory: the figures behind the memory settings of
config.yaml (docs/zero-to-jupyterhub.md, « Mémoire et processeur »).

Starts JupyterLab on a fresh copy of the course's notebooks, as the hub would, reads the
server's resident memory (RSS) once it answers, then runs each notebook of the course in a
kernel of its own (nbclient, « Exécuter tout », cells run from the notebook's folder) and reads
that kernel's peak RSS, sampled every 20 ms. Prints one line per process, in MiB.

    python deploy/zero-to-jupyterhub/measure_memory.py

RSS counts the shared libraries in each process, so adding the figures up overstates what the
pod's cgroup sees a little: the sum is an upper bound, which is what a limit needs.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024
FOLDERS = ("notebooks", "exercises")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def course_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TANMIA_TRAVAUX"] = str(home / "travaux")
    env["JUPYTER_CONFIG_PATH"] = str(ROOT / "etc" / "jupyter")
    env["JUPYTER_PATH"] = str(ROOT / "share" / "jupyter")
    env["PYTHONPATH"] = str(ROOT)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env


def server_rss(home: Path) -> float:
    """The RSS of an idle JupyterLab server that has served the welcome notebook's page."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.token=mesure",
            f"--ServerApp.root_dir={home}",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        env=course_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                for path in ("/api/status", "/lab/tree/notebooks/00_bienvenue.ipynb"):
                    urllib.request.urlopen(f"{base}{path}?token=mesure", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("JupyterLab did not answer")
        time.sleep(2)
        return psutil.Process(server.pid).memory_info().rss / MIB
    finally:
        server.terminate()
        server.wait(timeout=30)


def kernel_peak(notebook: Path, home: Path) -> float:
    """The peak RSS of a kernel that runs every cell of ``notebook``."""
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    peak = 0
    done = threading.Event()

    def sample(pid: int) -> None:
        nonlocal peak
        process = psutil.Process(pid)
        while not done.is_set():
            try:
                peak = max(peak, process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.02)

    old_env = dict(os.environ)
    os.environ.update(course_env(home))
    try:
        with client.setup_kernel(cwd=str(notebook.parent)):
            pid = client.km.provisioner.process.pid
            watcher = threading.Thread(target=sample, args=(pid,), daemon=True)
            watcher.start()
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            time.sleep(0.5)
            done.set()
            watcher.join()
    finally:
        os.environ.clear()
        os.environ.update(old_env)
    return peak / MIB


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        for name in FOLDERS:
            shutil.copytree(ROOT / name, home / name, ignore=shutil.ignore_patterns("travaux"))
        print(f"server (JupyterLab, idle)  {server_rss(home):6.0f} MiB")
        for name in FOLDERS:
            for notebook in sorted((home / name).glob("*.ipynb")):
                peak = kernel_peak(notebook, home)
                print(f"kernel {name}/{notebook.name:40} {peak:6.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
