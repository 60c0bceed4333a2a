"""Each benchmark of ``bench/`` still runs to its rows (quick mode: once, on little data).

The figures of a quick run mean nothing; ``make bench`` measures, and benchmarks never fail on
a figure. This only catches a benchmark broken by a change in the course, which would
otherwise go unseen until the next measurement. The widget-latency benchmark drives
JupyterLab in Chromium: it runs only where the browser tests can (marked ``browser``). The
workshop benchmark starts the workshop's hub (marked ``hub``): without it (``make hub``), it
reports a row that says it was skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .browser.harness import browser_required, browser_unavailable

BENCH = Path(__file__).resolve().parent.parent / "bench"
SCRIPTS = sorted(p.stem for p in BENCH.glob("*.py") if not p.name.startswith("_"))
IN_BROWSER = {"widget_latency"}
WITH_HUB = {"workshop"}


def test_every_benchmark_is_tried_and_run_by_make_bench():
    assert SCRIPTS == ["handins", "import_time", "notebooks", "widget_latency", "workshop"]
    sys.path.insert(0, str(BENCH))
    try:
        from _all import ORDER
    finally:
        sys.path.remove(str(BENCH))
    assert sorted(ORDER) == SCRIPTS


def _rows(script: str, tmp_path: Path) -> list[dict]:
    rows = tmp_path / "rows.jsonl"
    env = {
        **os.environ,
        "TANMIA_BENCH_QUICK": "1",
        "TANMIA_BENCH_ROWS": str(rows),
        "TANMIA_TRAVAUX": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, str(BENCH / f"{script}.py")],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert rows.exists(), done.stdout
    found = [json.loads(line) for line in rows.read_text(encoding="utf-8").splitlines()]
    assert found and all(r["bench"] and r["figure"] for r in found), done.stdout
    return found


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(s, marks=[pytest.mark.hub, pytest.mark.slow] if s in WITH_HUB else [])
        for s in sorted(set(SCRIPTS) - IN_BROWSER)
    ],
)
def test_a_benchmark_runs_to_its_rows(script, tmp_path):
    _rows(script, tmp_path)


@pytest.mark.browser
def test_the_widget_latency_benchmark_runs_in_chromium(tmp_path):
    missing = browser_unavailable()
    if missing:
        if browser_required():
            pytest.fail(f"Tests dans le navigateur exigés : {missing}.", pytrace=False)
        pytest.skip(f"Tests dans le navigateur ignorés : {missing}.")
    rows = _rows("widget_latency", tmp_path)
    names = " ".join(r["name"] for r in rows)
    for widget in ("actor map", "ranking", "audit", "quiz", "interact"):
        assert widget in names, rows
    assert all(r["figure"].startswith("p50 ") for r in rows), rows
