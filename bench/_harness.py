"""Ratio benchmarks: a measured task against a baseline timed in the same run, interleaved.

The machine is shared and noisy, so only ratios are reported, each from the median of
interleaved repeats (baseline, task, baseline, task…).

With ``TANMIA_BENCH_ESSAI=1`` every script runs once, on small data: a trial that the tests
use to check that each benchmark still runs to its report (its ratios then mean nothing).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

TRIAL = os.environ.get("TANMIA_BENCH_ESSAI") == "1"


def size(full: int, trial: int) -> int:
    """``full``, or ``trial`` in a trial run."""
    return trial if TRIAL else full


def interleaved(
    task: Callable[[], object],
    baseline: Callable[[], object],
    repeats: int = 7,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    """Median seconds of ``task`` and of ``baseline``, run alternately ``repeats`` times,
    by ``clock`` (wall time; ``time.process_time`` for this process's processor time)."""
    repeats = size(repeats, 1)
    task_times, base_times = [], []
    baseline()
    task()  # warm-up, not counted
    for _ in range(repeats):
        start = clock()
        baseline()
        base_times.append(clock() - start)
        start = clock()
        task()
        task_times.append(clock() - start)
    return statistics.median(task_times), statistics.median(base_times)


def report(name: str, task_s: float, base_s: float, target: float, base_name: str) -> bool:
    """Print one line: the ratio, both times, the target; returns whether it is met."""
    ratio = task_s / base_s
    ok = ratio <= target
    print(
        f"{name:<44} {ratio:5.2f}×  ({task_s * 1000:8.1f} ms vs {base_s * 1000:8.1f} ms "
        f"{base_name}; cible ≤ {target}×) {'OK' if ok else 'AU-DESSUS DE LA CIBLE'}"
    )
    return ok
