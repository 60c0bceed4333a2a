"""Each benchmark of ``bench/`` still runs to its report (a trial run: once, on small data).

The figures of a trial mean nothing; ``make bench`` measures. This only catches a benchmark
broken by a change in the course, which would otherwise go unseen until the next
measurement.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
SCRIPTS = sorted(p.name for p in BENCH.glob("*.py") if not p.name.startswith("_"))


def test_every_benchmark_script_is_tried():
    assert SCRIPTS == [
        "actor_map.py",
        "audit.py",
        "handins.py",
        "import_time.py",
        "notebooks.py",
        "ranking.py",
    ]


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_benchmark_runs_to_its_ratios(script, tmp_path):
    env = {**os.environ, "TANMIA_BENCH_ESSAI": "1", "TANMIA_TRAVAUX": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(BENCH / script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        cwd=tmp_path,
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode in (0, 1), done.stderr[-3000:]  # 1: a target missed, on toy data
    ratios = [line for line in done.stdout.splitlines() if "× " in line and "cible" in line]
    assert ratios, done.stdout
