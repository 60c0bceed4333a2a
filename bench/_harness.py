"""What every benchmark shares: quick mode, interleaved timing, percentiles, result rows.

The machine is shared and noisy, so each benchmark times its task against a baseline measured
in the same run, alternating the two. Benchmarks report; they never fail: a budget missed is
said in the row, and the script still exits 0 (a crash is the only failure).

Each result is one row, printed, and appended as a JSON line to the file named by
``TANMIA_BENCH_ROWS`` when it is set (``bench/_all.py`` gathers the rows into one table).

With ``TANMIA_BENCH_QUICK=1`` every benchmark runs once, on little data: its figures mean
nothing, but ``tests/test_bench.py`` proves that it still runs to its rows.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable, Sequence

QUICK = os.environ.get("TANMIA_BENCH_QUICK") == "1"
ROWS_ENV = "TANMIA_BENCH_ROWS"


def size(full: int, quick: int) -> int:
    """``full``, or ``quick`` in quick mode."""
    return quick if QUICK else full


def interleaved(
    task: Callable[[], object], baseline: Callable[[], object], repeats: int = 7
) -> tuple[list[float], list[float]]:
    """Seconds of ``task`` and of ``baseline``, run alternately ``repeats`` times (after one
    warm-up of each, not counted)."""
    task_times: list[float] = []
    base_times: list[float] = []
    baseline()
    task()
    for _ in range(size(repeats, 1)):
        start = time.perf_counter()
        baseline()
        base_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        task()
        task_times.append(time.perf_counter() - start)
    return task_times, base_times


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) of ``values``, interpolated between closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def row(
    bench: str,
    name: str,
    figure: str,
    baseline: str = "",
    budget: str = "",
    within: bool | None = None,
) -> None:
    """Report one result: what was measured, its figure, the baseline of the same run, the
    budget and whether it is met (None: for information)."""
    verdict = {True: "ok", False: "OVER BUDGET", None: "info"}[within]
    print(f"  {name:<38} {figure:<28} {baseline:<34} {budget:<18} {verdict}", flush=True)
    if path := os.environ.get(ROWS_ENV):
        line = {
            "bench": bench,
            "name": name,
            "figure": figure,
            "baseline": baseline,
            "budget": budget,
            "verdict": verdict,
        }
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
