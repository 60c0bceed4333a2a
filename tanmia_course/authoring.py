"""Notebook authoring: exercises generated from solutions, stored outputs, trainer notes.

Authors write ``solutions/*.ipynb`` and mark what the learner must find:

- a line ``nom = expression  # SOLUTION`` becomes ``nom = ...  # À COMPLÉTER``;
- the lines between ``# DEBUT SOLUTION`` and ``# FIN SOLUTION`` become one blank
  ``nom = ...  # À COMPLÉTER`` per name the block assigns (so that later cells still run),
  or a single ``...  # À COMPLÉTER`` if it assigns none;
- a cell tagged ``solution`` becomes a French placeholder (code or text);
- a cell tagged ``solution-only`` is left out of the exercise.

``exercises/`` is generated from ``solutions/`` (``tanmia-course exercices``); a test fails
when it is out of date. Stored outputs are kept only in cells tagged ``nbval-check-output``,
the ones nbval compares (``tanmia-course sorties`` executes and rewrites them).
"""

from __future__ import annotations

import ast
import copy
import os
import re
import tempfile
import textwrap
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from .work.store import NOTEBOOK_DIRS  # they also mark the course folder (store.course_folder)

SOLUTION_TAG = "solution"
SOLUTION_ONLY_TAG = "solution-only"
CHECKED_TAG = "nbval-check-output"
TRAINER_TAG = "formateur"

CODE_PLACEHOLDER = "# À COMPLÉTER : écrivez votre code ici.\n..."
TEXT_PLACEHOLDER = "*À compléter : écrivez votre réponse ici.*"
BANNER = (
    "> ✏ **Version à compléter.** Remplacez chaque `...` par votre réponse, exécutez la "
    "cellule, puis la cellule de vérification juste après. La version corrigée est dans "
    "`../solutions/{name}`."
)

_LINE = re.compile(r"^(?P<indent>\s*)(?P<target>[^=#]+?)\s*=(?!=).*#\s*SOLUTION\s*$")
_BEGIN = re.compile(r"^(?P<indent>\s*)#\s*DEBUT SOLUTION\s*$")
_END = re.compile(r"^\s*#\s*FIN SOLUTION\s*$")


class InvalidMarker(ValueError):
    """A solution marker the generator cannot turn into a blank."""


def _tags(cell: NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def blank_source(source: str, where: str = "") -> str:
    """Replace the marked solution lines of a code cell by placeholders.

    >>> print(blank_source("n = len(tc.avantages())  # SOLUTION\\nn"))
    n = ...  # À COMPLÉTER
    n
    >>> print(blank_source("# DEBUT SOLUTION\\nx = 1\\ny = x + 1\\n# FIN SOLUTION"))
    x = ...  # À COMPLÉTER
    y = ...  # À COMPLÉTER
    """
    out: list[str] = []
    block_indent: str | None = None
    block: list[str] = []
    for number, line in enumerate(source.splitlines(), start=1):
        if block_indent is not None:
            if _END.match(line):
                names = _assigned_names(block, f"{where} ligne {number}")
                out += [f"{block_indent}{n} = ...  # À COMPLÉTER" for n in names] or [
                    f"{block_indent}...  # À COMPLÉTER"
                ]
                block_indent, block = None, []
            else:
                block.append(line)
            continue
        if begin := _BEGIN.match(line):
            block_indent = begin["indent"]
            continue
        if _END.match(line):
            raise InvalidMarker(f"{where} ligne {number} : « # FIN SOLUTION » sans début.")
        if re.search(r"#\s*SOLUTION\s*$", line):
            match = _LINE.match(line)
            if not match:
                raise InvalidMarker(
                    f"{where} ligne {number} : « # SOLUTION » doit terminer une affectation "
                    "(nom = expression)."
                )
            out.append(f"{match['indent']}{match['target'].strip()} = ...  # À COMPLÉTER")
            continue
        out.append(line)
    if block_indent is not None:
        raise InvalidMarker(f"{where} : « # DEBUT SOLUTION » sans « # FIN SOLUTION ».")
    return "\n".join(out)


def _assigned_names(lines: list[str], where: str) -> list[str]:
    """The names a solution block assigns at its top level, in order."""
    try:
        tree = ast.parse(textwrap.dedent("\n".join(lines)))
    except SyntaxError as exc:
        raise InvalidMarker(f"{where} : le bloc de solution n’est pas du Python valide.") from exc
    targets: list[ast.expr] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets += node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets.append(node.target)
    names = (sub.id for target in targets for sub in ast.walk(target) if isinstance(sub, ast.Name))
    return list(dict.fromkeys(names))  # each once, in order


def strip_outputs(nb: NotebookNode, keep_checked: bool = False) -> NotebookNode:
    """Remove stored outputs (all, or all but those of cells nbval checks) and widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code" or (keep_checked and CHECKED_TAG in _tags(cell)):
            continue
        cell.outputs = []
        cell.execution_count = None
    return nb


def make_exercise(solution: NotebookNode, name: str) -> NotebookNode:
    """The learner's version of a solution notebook."""
    nb = strip_outputs(copy.deepcopy(solution))
    cells = []
    for index, cell in enumerate(nb.cells):
        tags = _tags(cell)
        if SOLUTION_ONLY_TAG in tags:
            continue
        if SOLUTION_TAG in tags:
            cell.source = CODE_PLACEHOLDER if cell.cell_type == "code" else TEXT_PLACEHOLDER
        elif cell.cell_type == "code":
            cell.source = blank_source(cell.source, f"{name}, cellule {index + 1},")
        cells.append(cell)
    banner = nbformat.v4.new_markdown_cell(BANNER.format(name=name))
    banner.id = "exercise-banner"
    nb.cells = [*cells[:1], banner, *cells[1:]]
    nb.metadata["tanmia"] = {"generated_from": f"solutions/{name}"}
    return nb


def _comparable(nb: NotebookNode) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, _tags(c)) for c in strip_outputs(copy.deepcopy(nb)).cells]


def _generated(root: Path) -> list[tuple[Path, NotebookNode, bool]]:
    """Each exercise file, the notebook its solution generates, and whether the file already
    holds it (outputs aside)."""
    found = []
    for solution in sorted((root / "solutions").glob("*.ipynb")):
        exercise = root / "exercises" / solution.name
        nb = make_exercise(nbformat.read(solution, as_version=4), solution.name)
        old = nbformat.read(exercise, as_version=4) if exercise.exists() else None
        found.append((exercise, nb, old is not None and _comparable(old) == _comparable(nb)))
    return found


def stale_exercises(root: Path) -> list[str]:
    """Exercise files that differ from what their solution generates (or are missing/orphans)."""
    generated = _generated(root)
    wanted = {exercise for exercise, _, _ in generated}
    orphans = [p for p in sorted((root / "exercises").glob("*.ipynb")) if p not in wanted]
    stale = [exercise for exercise, _, same in generated if not same] + orphans
    return [str(p.relative_to(root)) for p in stale]


def write_exercises(root: Path) -> list[Path]:
    """Generate every exercise from its solution; keeps the checked outputs of unchanged
    exercises so that a regeneration alone does not wipe them."""
    written = []
    for exercise, nb, same in _generated(root):
        if not same:
            exercise.parent.mkdir(exist_ok=True)
            nbformat.write(nb, exercise)
            written.append(exercise)
    return written


def refresh_outputs(path: Path) -> None:
    """Run a notebook top to bottom on a fresh kernel, in its own folder, and store only the
    outputs that nbval checks."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    # Autosave (tanmia_course.work.store) writes into a fresh folder, so that stored outputs never
    # depend on answers saved by an earlier run.
    with tempfile.TemporaryDirectory(prefix="tanmia-travaux-") as travaux:
        client.execute(env={**os.environ, "TANMIA_TRAVAUX": travaux})
    nbformat.write(strip_outputs(nb, keep_checked=True), path)


def set_trainer_notes(paths: list[Path], hidden: bool) -> int:
    """Fold (``hidden``) or unfold the trainer-note cells (tag ``formateur``) of notebooks;
    returns how many cells changed."""
    changed = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        before = changed
        for cell in nb.cells:
            if TRAINER_TAG not in _tags(cell):
                continue
            jupyter = cell.metadata.setdefault("jupyter", {})
            if jupyter.get("source_hidden", False) != hidden:
                jupyter["source_hidden"] = hidden
                changed += 1
        if changed > before:
            nbformat.write(nb, path)
    return changed


def all_notebooks(root: Path) -> list[Path]:
    return sorted(p for d in NOTEBOOK_DIRS for p in (root / d).glob("*.ipynb"))
