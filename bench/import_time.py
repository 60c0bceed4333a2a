"""Import time of ``tanmia_course`` against its dependencies alone, in the same run.

The package imports pandas, pyyaml and ipywidgets; matplotlib and jsonschema must wait until
a plot is drawn or a trainer's file is checked. Target: ≤ 1.05×.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _harness import interleaved, report

DEPENDENCIES = "import pandas, yaml, ipywidgets"
PACKAGE = "import tanmia_course"


def python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


def main() -> int:
    loaded = subprocess.run(
        [sys.executable, "-c", f"{PACKAGE}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    heavy = [name for name in ("matplotlib", "jsonschema") if name in loaded]
    print(f"Modules lourds chargés par « {PACKAGE} » : {', '.join(heavy) or 'aucun'}")
    task, base = interleaved(lambda: python(PACKAGE), lambda: python(DEPENDENCIES), repeats=15)
    ok = report("import tanmia_course", task, base, 1.05, "pandas+yaml+ipywidgets")
    return 0 if ok and not heavy else 1


if __name__ == "__main__":
    raise SystemExit(main())
