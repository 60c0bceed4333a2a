"""Import time of ``tanmia_course`` against its dependencies alone, in the same run.

Each row is measured against the third-party modules that its code actually loads (found
in a first run, then imported alone as the baseline):

1. ``import tanmia_course``: public names load on first use, so this loads no dependency;
2. what a lesson's first cells resolve (``tc.acteurs``, ``tc.quiz``);
3. the whole notebook API resolved (every name of ``__all__``).

None may load matplotlib or jsonschema: they wait until a plot is drawn or a trainer's file
is checked. Target: ≤ 1.05× on each row.
"""

from __future__ import annotations

import subprocess
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _harness import interleaved, report

THIRD_PARTY = ("numpy", "pandas", "yaml", "ipywidgets", "matplotlib", "jsonschema", "nbformat")
CASES = {
    "import tanmia_course": "import tanmia_course",
    "import + tc.acteurs, tc.quiz (une leçon)": ("import tanmia_course as tc\ntc.acteurs, tc.quiz"),
    "import + toute l’API des carnets": (
        "import tanmia_course as tc\nfor name in tc.__all__: getattr(tc, name)"
    ),
}


def python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


def loaded_by(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {THIRD_PARTY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return out.stdout.split()


def main() -> int:
    all_ok = True
    for name, code in CASES.items():
        deps = loaded_by(code)
        heavy = [m for m in ("matplotlib", "jsonschema") if m in deps]
        baseline = f"import {', '.join(deps)}" if deps else "pass"
        print(f"{name} : dépendances chargées = {', '.join(deps) or 'aucune'}")
        task, base = interleaved(partial(python, code), partial(python, baseline), repeats=15)
        all_ok &= report(name, task, base, 1.05, baseline) and not heavy
        if heavy:
            print(f"  chargé trop tôt : {', '.join(heavy)}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
