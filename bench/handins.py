"""A class of hand-ins: read, and the HTML report written, through the public API.

The files are copies of the demo class (``tanmia_course/content/demo/classe/``), each under a
new file name and a new participant name, so that every copy is a participant of its own; the
demo's faulty files (an unreadable one, a newer format, an unknown actor) are copied too, as a
real class has some.

- 40 hand-ins: ``tc.classe(folder)`` then ``enregistrer_rapport(path)`` — what the trainer's
  class view does when files arrive and the report is asked for. Budget: under 1 s, in a
  session that has already drawn a report (the class view's kernel); the first call of a new
  process, imports included, is reported for information.
- 10,000 hand-ins: ``tc.classe(folder)`` against a plain ``json.load`` loop over the same
  files, alternated (median of 5). Budget: ≤ 3 ×.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _harness import interleaved, median, ms, row, size

import tanmia_course as tc

BENCH = "hand-ins"
CLASS_SIZE = size(40, 40)
MANY = size(10_000, 200)
REPORT_BUDGET_S = 1.0
RATIO_BUDGET = 3.0


def copy_demo_class(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the demo class's files, cycling through them, each with a new file
    name and, when it is JSON, a new participant name."""
    demo = sorted(Path(tc.CLASSE_DEMO).glob("*.json"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        source = demo[i % len(demo)]
        data = source.read_bytes()
        try:
            document = json.loads(data)
            document["nom"] = f"{document.get('nom') or 'Participant'} · {i:05d}"
            data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        except (ValueError, TypeError, AttributeError):
            pass  # an unreadable demo file stays unreadable
        path = folder / f"travaux_{i:05d}.json"
        path.write_bytes(data)
        paths.append(path)
    return paths


def json_load_loop(paths: list[Path]) -> None:
    for path in paths:
        with open(path, encoding="utf-8") as handle, contextlib.suppress(ValueError):
            json.load(handle)  # (the demo's unreadable file raises)


def read_and_report(folder: Path, report: Path) -> None:
    tc.classe(folder).enregistrer_rapport(report)


def main() -> None:
    if sys.argv[1:2] == ["--once"]:  # a new process: the first report of a session
        read_and_report(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    with tempfile.TemporaryDirectory(prefix="bench_handins_") as tmp:
        small = Path(tmp) / "class"
        copy_demo_class(small, CLASS_SIZE)
        report = Path(tmp) / "rapport_classe.html"
        classe = tc.classe(small)
        print(f"{CLASS_SIZE} hand-ins from the demo class: {classe.bilan()}")

        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--once", str(small), str(report)], check=True)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare = time.perf_counter() - start

        times = []
        read_and_report(small, report)  # warm-up: the imports a session has already done
        for _ in range(size(7, 1)):
            start = time.perf_counter()
            read_and_report(small, report)
            times.append(time.perf_counter() - start)
        took = median(times)
        row(
            BENCH,
            f"{CLASS_SIZE} hand-ins read + HTML report",
            ms(took),
            f"report {report.stat().st_size // 1024} KiB",
            "< 1 s",
            took < REPORT_BUDGET_S,
        )
        row(
            BENCH,
            "  same, first call of a new process",
            ms(cold - bare),
            "imports included",
            "",
            None,
        )

        many = Path(tmp) / "many"
        paths = copy_demo_class(many, MANY)
        task, base = interleaved(lambda: tc.classe(many), lambda: json_load_loop(paths), 5)
        ratio = median(task) / median(base)
        row(
            BENCH,
            f"{MANY:,} hand-ins read (tc.classe)",
            f"{ratio:.2f}× ({ms(median(task))})",
            f"json.load loop {ms(median(base))}",
            f"≤ {RATIO_BUDGET:g}×",
            ratio <= RATIO_BUDGET,
        )


if __name__ == "__main__":
    main()
