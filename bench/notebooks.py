"""Each notebook's execution time against a bare notebook importing the same libraries.

Both run on a fresh kernel through nbclient, each run with an empty work folder of its own
(``TANMIA_TRAVAUX``): a learner's first run, whatever earlier runs saved, and the learners'
own work folders are left alone (kernel start included in both; the kernel
is stopped at once after the last cell, in both: jupyter_client polls a polite shutdown
every 100 ms, which added a step of noise to one side or the other). Each time is the
median of five interleaved runs; this process collects its own garbage between runs, not
during one. The bare notebook imports exactly the library modules
the real one had loaded at its end: every module of numpy, pandas, yaml, ipywidgets,
matplotlib, PIL and jsonschema found in ``sys.modules`` — so drawing a figure counts the
drawing, not the import of matplotlib's figure and backend modules, which any notebook
that draws pays. Target: ≤ 1.3×.

The bare notebook has as many code cells as the real one: the imports, then an empty cell
(``pass``) for each other code cell. Running a cell costs about 4 ms of messages between
nbclient and the kernel whatever it holds (measured here: a notebook of twenty ``pass``
cells takes about 80 ms more than one of a single cell), which is the notebook's length,
not the course's code.

For information, two more ratios: against a bare notebook of one cell only (the imports;
the ratio then counts the messages of every cell too), and against a one-cell notebook
that imports only the top-level packages (``import matplotlib`` rather than the modules a
figure needs).
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).parent))
from _harness import TRIAL, report, size

ROOT = Path(__file__).resolve().parent.parent
REPEATS = size(5, 1)  # the median of five: a kernel start varies by a tenth of a second
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
    # Each run starts from an empty work folder, as a learner's first run does: answers
    # saved by an earlier run are not brought back, and the learners' own work folders are
    # left alone.
    with tempfile.TemporaryDirectory(prefix="bench_travaux_") as work:
        os.environ["TANMIA_TRAVAUX"] = work  # the kernel started below inherits it
        NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
            # Once the last cell has run, the kernel is stopped at once: a polite shutdown
            # is polled every 100 ms by jupyter_client, a step of noise unrelated to the
            # notebook.
            shutdown_kernel="immediate",
        ).execute()
    return nb


def loaded_modules(nb: nbformat.NotebookNode, folder: Path) -> list[str]:
    probe = nbformat.from_dict(nb)
    probe.cells.append(nbformat.v4.new_code_cell(PROBE))
    return run(probe, folder).cells[-1].outputs[0]["text"].split()


def timed(nb: nbformat.NotebookNode, folder: Path) -> float:
    # This process collects its own garbage between runs, not during one: a full collection
    # of its heap (about 45 ms, measured) would otherwise land on one run or another at
    # random, on either side. The kernels are processes of their own, untouched.
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        run(nb, folder)
        return time.perf_counter() - start
    finally:
        gc.enable()


def main() -> int:
    # Every notebook, or those named on the command line.
    paths = [Path(a).resolve() for a in sys.argv[1:]] or sorted(
        p for d in ("notebooks", "exercises", "solutions") for p in (ROOT / d).glob("*.ipynb")
    )
    if TRIAL:
        paths = paths[:1]
    all_ok = True
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        modules = loaded_modules(nb, path.parent)
        imports = nbformat.v4.new_code_cell(BARE.format(names=modules))
        cells = sum(c.cell_type == "code" for c in nb.cells)
        empty = [nbformat.v4.new_code_cell("pass") for _ in range(cells - 1)]
        bare = nbformat.v4.new_notebook(cells=[imports, *empty])
        one_cell = nbformat.v4.new_notebook(cells=[imports])
        packages = sorted({m.split(".")[0] for m in modules})
        top = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(f"import {', '.join(packages)}")]
        )
        times: dict[str, list[float]] = {"task": [], "bare": [], "one": [], "top": []}
        run(bare, path.parent)  # warm-up, not counted
        for _ in range(REPEATS):  # interleaved: bare, real, bare of one cell, top-level only
            times["bare"].append(timed(bare, path.parent))
            times["task"].append(timed(nb, path.parent))
            times["one"].append(timed(one_cell, path.parent))
            times["top"].append(timed(top, path.parent))
        task, base, one_s, top_s = (
            statistics.median(times[k]) for k in ("task", "bare", "one", "top")
        )
        name = str(path.relative_to(ROOT))
        all_ok &= report(name, task, base, 1.3, f"carnet nu de {cells} cellules")
        print(
            f"    pour information : {task / one_s:.2f}× le carnet nu d’une seule cellule ; "
            f"{task / top_s:.2f}× un carnet qui n’importe que {', '.join(packages)}"
        )
    return 0 if all_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
