"""Each notebook's execution time against a bare notebook importing the same libraries.

Both run on a fresh kernel through nbclient (kernel start included in both). The bare
notebook imports exactly the libraries the real one had loaded at its end. Target: ≤ 1.3×.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).parent))
from _harness import interleaved, report

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = (
    "numpy",
    "pandas",
    "yaml",
    "ipywidgets",
    "matplotlib",
    "matplotlib.pyplot",
    "jsonschema",
)
PROBE = f"import sys; print(' '.join(m for m in {CANDIDATES!r} if m in sys.modules))"


def run(nb: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(nb)
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    return nb


def libraries(nb: nbformat.NotebookNode, folder: Path) -> list[str]:
    probe = nbformat.from_dict(nb)
    probe.cells.append(nbformat.v4.new_code_cell(PROBE))
    return run(probe, folder).cells[-1].outputs[0]["text"].split()


def main() -> int:
    paths = sorted(
        p for d in ("notebooks", "exercises", "solutions") for p in (ROOT / d).glob("*.ipynb")
    )
    all_ok = True
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        libs = libraries(nb, path.parent)
        bare = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(f"import {', '.join(libs)}")]
        )
        task, base = interleaved(
            partial(run, nb, path.parent), partial(run, bare, path.parent), repeats=3
        )
        all_ok &= report(str(path.relative_to(ROOT)), task, base, 1.3, "notebook nu")
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
