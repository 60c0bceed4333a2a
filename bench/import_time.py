"""``import tanmia_course``: lazy, and its time against ``python -c pass``.

Each run is a new Python process, as a kernel's first cell is. The public names load on first
use (PEP 562), so the import itself must not load pandas, matplotlib, ipywidgets or jsonschema;
a row says which of them it loaded, if any. The time is reported against a bare interpreter
start, alternated with it (median of 15 pairs).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _harness import interleaved, median, ms, row

BENCH = "import"
HEAVY = ("pandas", "matplotlib", "ipywidgets", "jsonschema")
IMPORT = "import tanmia_course"


def python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


def loaded_too_early() -> list[str]:
    probe = f"{IMPORT}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.split()


def main() -> None:
    print("import tanmia_course (new process each time)")
    heavy = loaded_too_early()
    row(
        BENCH,
        "lazy import",
        "loads " + (", ".join(heavy) if heavy else "none of them"),
        "pandas, matplotlib, ipywidgets, jsonschema",
        "none loaded",
        not heavy,
    )
    task, base = interleaved(lambda: python(IMPORT), lambda: python("pass"), repeats=15)
    extra = median(task) - median(base)
    row(
        BENCH,
        "import tanmia_course",
        f"{ms(median(task))} ({extra * 1000:+.1f} ms)",
        f"python -c pass {ms(median(base))}",
        "",
        None,
    )


if __name__ == "__main__":
    main()
