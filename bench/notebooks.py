"""Each notebook's Run All against a bare notebook importing the same libraries (information).

Both run through nbclient on a fresh kernel (its start included), each run with an empty work
folder of its own (``TANMIA_TRAVAUX``), as a learner's first run; the kernel is stopped at
once after the last cell. The bare notebook imports every module of numpy, pandas, yaml,
ipywidgets, matplotlib, PIL and jsonschema that the real one had loaded at its end, then has
one empty cell (``pass``) for each other code cell of the real one: each cell costs a few
milliseconds of messages whatever it holds. Median of 3 interleaved runs; ≤ 2 × is plenty.

Notebooks may be named on the command line (default: every notebook of the course).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).parent))
from _harness import QUICK, median, ms, row, size

BENCH = "notebooks"
ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "exercises", "solutions")
REPEATS = size(3, 1)
PLENTY = 2.0
LIBRARIES = ("numpy", "pandas", "yaml", "ipywidgets", "matplotlib", "PIL", "jsonschema")
PROBE = (
    "import sys\n"
    f"print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {LIBRARIES!r})))"
)
BARE = """import importlib
for _name in {names!r}:
    try:
        importlib.import_module(_name)
    except Exception:  # a module only its package can load (aliases, platform parts)
        pass
"""


def run(nb: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(nb)
    with tempfile.TemporaryDirectory(prefix="bench_travaux_") as work:
        os.environ["TANMIA_TRAVAUX"] = work  # the kernel started below inherits it
        NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
            shutdown_kernel="immediate",
        ).execute()
    return nb


def timed(nb: nbformat.NotebookNode, folder: Path) -> float:
    start = time.perf_counter()
    run(nb, folder)
    return time.perf_counter() - start


def bare_twin(nb: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """A notebook importing what ``nb`` had loaded, with as many code cells."""
    probe = nbformat.from_dict(nb)
    probe.cells.append(nbformat.v4.new_code_cell(PROBE))
    modules = run(probe, folder).cells[-1].outputs[0]["text"].split()
    cells = sum(c.cell_type == "code" for c in nb.cells)
    imports = nbformat.v4.new_code_cell(BARE.format(names=modules))
    empty = [nbformat.v4.new_code_cell("pass") for _ in range(cells - 1)]
    return nbformat.v4.new_notebook(cells=[imports, *empty])


def main() -> None:
    paths = [Path(a).resolve() for a in sys.argv[1:]] or sorted(
        p for d in FOLDERS for p in (ROOT / d).glob("*.ipynb")
    )
    if QUICK:
        paths = paths[:1]
    print(f"Run All of each notebook (nbclient, fresh kernel), median of {REPEATS}")
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        bare = bare_twin(nb, path.parent)
        task, base = [], []
        for _ in range(REPEATS):
            base.append(timed(bare, path.parent))
            task.append(timed(nb, path.parent))
        ratio = median(task) / median(base)
        row(
            BENCH,
            path.relative_to(ROOT).as_posix(),
            f"{ratio:.2f}× ({ms(median(task))})",
            f"bare notebook {ms(median(base))}",
            f"≤ {PLENTY:g}× (info)",
            None if ratio <= PLENTY else False,
        )


if __name__ == "__main__":
    main()
