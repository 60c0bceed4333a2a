"""Run every benchmark of ``bench/`` (``make bench``), then print their rows as one table.

Each benchmark runs in a process of its own and prints its details as it goes; its rows are
gathered through ``TANMIA_BENCH_ROWS``. Benchmarks report, they do not fail: this exits
non-zero only when a benchmark crashed. Extra arguments name the benchmarks to run
(``python bench/_all.py handins import_time``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _harness import ROWS_ENV

BENCH = Path(__file__).resolve().parent
ORDER = ["import_time", "handins", "notebooks", "widget_latency", "workshop"]
COLUMNS = [("name", "Measure"), ("figure", "Figure"), ("baseline", "Baseline (same run)")]
COLUMNS += [("budget", "Budget"), ("verdict", "")]


def table(rows: list[dict[str, str]]) -> str:
    widths = {key: max(len(title), *(len(r[key]) for r in rows)) for key, title in COLUMNS}
    lines = ["  ".join(title.ljust(widths[key]) for key, title in COLUMNS).rstrip()]
    lines.append("  ".join("-" * widths[key] for key, _ in COLUMNS))
    bench = None
    for r in rows:
        if r["bench"] != bench:
            bench = r["bench"]
            lines.append(f"[{bench}]")
        lines.append("  ".join(r[key].ljust(widths[key]) for key, _ in COLUMNS).rstrip())
    return "\n".join(lines)


def main() -> int:
    names = sys.argv[1:] or ORDER
    crashed = []
    with tempfile.TemporaryDirectory(prefix="bench_rows_") as tmp:
        rows_file = Path(tmp) / "rows.jsonl"
        rows_file.touch()
        env = {**os.environ, ROWS_ENV: str(rows_file)}
        for name in names:
            print(f"== bench/{name}.py", flush=True)
            done = subprocess.run([sys.executable, str(BENCH / f"{name}.py")], env=env)
            if done.returncode:
                crashed.append(name)
        rows = [json.loads(line) for line in rows_file.read_text(encoding="utf-8").splitlines()]
    print()
    print(table(rows) if rows else "(no rows)")
    if crashed:
        print(f"crashed: {', '.join(crashed)}")
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
