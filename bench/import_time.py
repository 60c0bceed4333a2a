"""Import time of ``tanmia_course`` against its dependencies alone, in the same run.

The baseline imports the dependencies a notebook session of the course needs (pandas, pyyaml,
ipywidgets, and numpy under pandas). Three rows:

1. ``import tanmia_course`` — the target row (≤ 1.05×). Public names load on first use
   (PEP 562), so the import itself loads no dependency at all;
2. what a lesson's first cells resolve (``tc.acteurs``, ``tc.quiz``), and
3. the whole notebook API resolved (every name of ``__all__``) — both for information: they
   add the package's own modules to the same dependencies.

No row may load matplotlib or jsonschema: they wait until a plot is drawn or a trainer's file
is checked.
"""

from __future__ import annotations

import subprocess
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _harness import interleaved, report

DEPENDENCIES = "import numpy, pandas, yaml, ipywidgets"
ROWS = [
    ("import tanmia_course", "import tanmia_course", 1.05),
    ("+ tc.acteurs, tc.quiz (une leçon)", "import tanmia_course as tc\ntc.acteurs, tc.quiz", None),
    (
        "+ toute l’API des carnets",
        "import tanmia_course as tc\nfor name in tc.__all__: getattr(tc, name)",
        None,
    ),
]


def python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


def heavy_modules(code: str) -> list[str]:
    heavy = ("matplotlib", "jsonschema")
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return out.stdout.split()


def main() -> int:
    all_ok = True
    print(f"Référence : « {DEPENDENCIES} » (les dépendances seules)")
    for name, code, target in ROWS:
        heavy = heavy_modules(code)
        task, base = interleaved(partial(python, code), partial(python, DEPENDENCIES), repeats=15)
        if target is None:
            print(f"{name:<44} {task / base:5.2f}×  ({task * 1000:8.1f} ms ; pour information)")
        else:
            all_ok &= report(name, task, base, target, "dépendances seules")
        if heavy:
            print(f"  chargé trop tôt : {', '.join(heavy)}")
            all_ok = False
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
