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
import io
import os
import re
import tempfile
import textwrap
import tokenize
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from .display.text import french_spacing
from .work.store import NOTEBOOK_DIRS  # they also mark the course folder (store.course_folder)

SOLUTION_TAG = "solution"
SOLUTION_ONLY_TAG = "solution-only"
CHECKED_TAG = "nbval-check-output"
TRAINER_TAG = "formateur"

CODE_PLACEHOLDER = "# À COMPLÉTER : écrivez votre code ici.\n..."
TEXT_PLACEHOLDER = "*À compléter : écrivez votre réponse ici.*"
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
            raise InvalidMarker(f"{where} ligne {number} : « # FIN SOLUTION » sans début.")
        if re.search(r"#\s*SOLUTION\s*$", line):
            match = _LINE.match(line)
            if not match:
                raise InvalidMarker(
                    f"{where} ligne {number} : « # SOLUTION » doit terminer une affectation "
                    "(nom = expression)."
                )
            out.append(f"{match['indent']}{match['target'].strip()} = ...  # À COMPLÉTER")
            continue
        out.append(line)
    if block_indent is not None:
        raise InvalidMarker(f"{where} : « # DEBUT SOLUTION » sans « # FIN SOLUTION ».")
    return "\n".join(out)


def _assigned_names(lines: list[str], where: str) -> list[str]:
    """The names a solution block assigns at its top level, in order."""
    try:
        tree = ast.parse(textwrap.dedent("\n".join(lines)))
    except SyntaxError as exc:
        raise InvalidMarker(f"{where} : le bloc de solution n’est pas du Python valide.") from exc
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


# --- French typography of the sources (``tanmia-course typographie``) -----------------------
#
# The course applies french_spacing to what it shows (content at load, HTML, pictures,
# widgets, the command's messages); this sweep writes the same spacing into the sources, so
# that a notebook's Markdown, a content file and a message in the code read right as written.

# A literal in French: it holds a French letter, an apostrophe or quotes (English messages,
# CSS and formats are left alone; so are raw strings, bytes and docstrings).
_FRENCH = re.compile(r"[àâçéèêëîïôûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙŒ’«»]")
_ESCAPED_NEWLINE = "\n\x00"  # a « \n » written in a literal, a line's end while it is spaced
# An f-string's field while its literal is spaced: a word (« {n} : » is spaced like « 3 : »),
# never Markdown emphasis (« {a}:{b} », a time, stays as it is).
_FIELD = "Ϙ{}Ϙ"
_ESCAPED_SPACES = {"\\u00a0": "\u00a0", "\\u202f": "\u202f"}


def _spaced_body(body: str) -> str:
    """french_spacing of a literal's body as written in the source (« \\n » included)."""
    for escape, space in _ESCAPED_SPACES.items():  # one way to write them: as they are
        body = body.replace(escape, space)
    spaced = french_spacing(body.replace("\\n", _ESCAPED_NEWLINE))
    return spaced.replace(_ESCAPED_NEWLINE, "\\n")


# The calls that mark an interface string for translation (tanmia_course/i18n.py).
TRANSLATED_CALLS = {"_", "N_", "ngettext"}


def spaced_python(source: str) -> str:
    """The Python ``source`` with French spacing in its French string literals — but for
    the interface strings marked for translation (``_("…")``, ``N_("…")``, ``ngettext``):
    those are the catalogs' keys, written with plain spaces, and spaced when shown.

    >>> spaced_python('x = f"{n} acteur : « {nom} »"  # a : b\\n')
    'x = f"{n} acteur\\xa0: «\\xa0{nom}\\xa0»"  # a : b\\n'
    >>> source = "'''Doc : here.'''\\nRE = r'« (?P<x>) »'\\nM = _('Bilan : « fini »')\\n"
    >>> spaced_python(source) == source
    True
    """
    try:
        tree = ast.parse(source)
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (SyntaxError, tokenize.TokenError):  # a cell with IPython magics: left as it is
        return source
    docs = {
        (node.lineno, node.col_offset)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }
    keys = [
        ((arg.lineno, arg.col_offset), (arg.end_lineno, arg.end_col_offset))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in TRANSLATED_CALLS
        for arg in node.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    ]
    starts = [0]
    for text_line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(text_line))
    out, done = [], 0
    for token in tokens:
        if token.type != tokenize.STRING or (token.start[0], token.start[1]) in docs:
            continue
        if any(begin <= token.start < end for begin, end in keys):
            continue
        prefix = re.match(r"[A-Za-z]*", token.string).group()
        if {"r", "b"} & set(prefix.lower()) or not _FRENCH.search(token.string):
            continue
        quote = token.string[len(prefix) : len(prefix) + 3]
        quote = quote if quote in ('"""', "'''") else quote[0]
        body = token.string[len(prefix) + len(quote) : -len(quote)]
        fields = re.findall(r"\{[^{}]*\}", body) if "f" in prefix.lower() else []
        for n, field in enumerate(fields):  # the expressions between braces are code
            body = body.replace(field, _FIELD.format(n), 1)
        spaced = _spaced_body(body)
        for n, field in enumerate(fields):
            body = body.replace(_FIELD.format(n), field, 1)
            spaced = spaced.replace(_FIELD.format(n), field, 1)
        if spaced != body:
            begin = starts[token.start[0] - 1] + token.start[1]
            end = starts[token.end[0] - 1] + token.end[1]
            out += [source[done:begin], prefix, quote, spaced, quote]
            done = end
    return "".join(out) + source[done:] if out else source


_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[\w.-]+:)(?P<gap> +|$)(?P<value>.*)$")
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"\\]|\\.)*\"")
_ITEM = re.compile(r"^(?P<indent> *)(?P<dash>- +)(?P<value>.*)$")


def _spaced_quoted(match: re.Match[str]) -> str:
    quoted = match.group()
    return quoted[0] + french_spacing(quoted[1:-1]) + quoted[-1]


def spaced_yaml(text: str) -> str:
    """A content file with French spacing in its values (keys, comments and structure left
    as they are), line by line: a value, a list item, and the lines that continue them (a
    block « | » or « > », or a text going on over several lines).

    >>> print(spaced_yaml("kind: actors\\nitems:\\n  - id: a\\n    label: {fr: 'Oui ?'}\\n"
    ...     "    explanation:\\n      fr: >\\n        Voici : « ça »\\n"), end="")
    kind: actors
    items:
      - id: a
        label: {fr: 'Oui\u202f?'}
        explanation:
          fr: >
            Voici\xa0: «\xa0ça\xa0»
    """
    lines, inside = [], -1  # the indentation a line must pass to go on a value
    for line in text.splitlines(keepends=True):
        body, end = line.rstrip("\n"), line[len(line.rstrip("\n")) :]
        indent = len(body) - len(body.lstrip(" "))
        if body.strip() and indent > inside >= 0:  # the value goes on
            lines.append(body[:indent] + french_spacing(body[indent:]) + end)
            continue
        inside = -1
        match = _KEY.match(body) or _ITEM.match(body)
        if body.lstrip().startswith("#") or not match or not match["value"].strip():
            lines.append(line)
            continue
        value = match["value"]
        head = body[: len(body) - len(value)]
        inside = len(match["indent"]) + len(match["dash"] or "")
        if value.startswith(("#", "&", "*", "!")):  # a comment, an anchor, a tag: no text
            lines.append(line)
            continue
        if value.startswith(("{", "[", "'", '"')):  # quoted texts, on a line of YAML or not
            value = _QUOTED.sub(_spaced_quoted, value)
        else:
            value = french_spacing(value)
        lines.append(head + value + end)
    return "".join(lines)


def _strings(data: Any) -> Any:
    """The texts of parsed YAML, with French spacing (what the sweep must leave)."""
    if isinstance(data, dict):
        return {k: _strings(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_strings(v) for v in data]
    return french_spacing(data) if isinstance(data, str) else data


def spaced_notebook(nb: NotebookNode) -> NotebookNode:
    """A copy of the notebook with French spacing in its Markdown (outside code) and in the
    French string literals of its code."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = french_spacing(cell.source)
        elif cell.cell_type == "code":
            cell.source = spaced_python(cell.source)
    return nb


class SweepRefused(ValueError):
    """A content file the typography sweep would change in more than its texts' spaces."""


def typography_sweep(root: Path, write: bool = True) -> list[Path]:
    """French spacing written into the course's sources: the notebooks of ``lessons`` and
    ``solutions/`` (then regenerate ``exercises/``), the package's content files, the README,
    the changelog and ``docs/``, and the French literals of its Python modules. Returns the
    files changed (``write=False``: those that would be)."""
    import yaml

    changed = []
    package = root / "tanmia_course"
    for path in sorted(
        p for d in NOTEBOOK_DIRS if d != "exercises" for p in (root / d).glob("*.ipynb")
    ):
        nb = nbformat.read(path, as_version=4)
        spaced = spaced_notebook(nb)
        if spaced != nb:
            changed.append(path)
            if write:
                nbformat.write(spaced, path)
    documents = [root / "README.md", root / "CHANGELOG.md", *sorted((root / "docs").glob("*.md"))]
    texts = [
        *((path, spaced_yaml) for path in sorted(package.rglob("*.yaml"))),
        *((path, french_spacing) for path in documents if path.is_file()),  # code kept as is
        *((path, spaced_python) for path in sorted(package.rglob("*.py"))),
    ]
    for path, spaced_text in texts:
        text = path.read_text(encoding="utf-8")
        spaced = spaced_text(text)
        if spaced == text:
            continue
        if path.suffix == ".yaml" and yaml.safe_load(spaced) != _strings(yaml.safe_load(text)):
            raise SweepRefused(f"{path} : la typographie changerait plus que des espaces")
        changed.append(path)
        if write:
            path.write_text(spaced, encoding="utf-8")
    return changed
