"""JupyterLab's notebook shortcuts, kept away from the course's widgets.

In JupyterLab 4 the notebook's command-mode shortcuts fire on any focused element that is not
editable text, so a focused list or drop-down of a widget loses its keys: ↑ ↓ jump to another
cell instead of choosing in the list, « A »/« B » insert cells, « D D » deletes one
(ipywidgets issue #3912). The course ships default settings (``etc/jupyter/labconfig/
default_setting_overrides.d/tanmia-course.json``, installed with the package) that disable
each of these shortcuts and declare it again with the same keys on a selector that leaves out
widgets: ``… :focus:not(.jupyter-widgets *)``. Outside the widgets nothing changes.

Run ``python -m tests.browser.shortcuts`` to rewrite the file from the installed JupyterLab;
``tests/browser/test_jupyter_files.py`` checks that it covers every such shortcut.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILE = (
    ROOT / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.d" / "tanmia-course.json"
)
PLUGIN = "@jupyterlab/shortcuts-extension:shortcuts"
OUTSIDE_WIDGETS = ":not(.jupyter-widgets *)"


def _schemas_dir() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"


def _steals_widget_keys(selector: str) -> bool:
    """A shortcut that fires on *any* focused element in a notebook (`` … :focus``), not only
    on a cell or a file listing."""
    return re.search(r"\s:focus(:not\(:read-write\))?$", selector) is not None


def default_shortcuts(schemas: Path | None = None) -> list[dict]:
    """JupyterLab's own shortcuts that fire on a focused element inside a notebook."""
    found = []
    for path in sorted((schemas or _schemas_dir()).rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for shortcut in data.get("jupyter.lab.shortcuts", []):
            selector = shortcut.get("selector", "")
            if _steals_widget_keys(selector) and shortcut.get("keys") and shortcut["keys"][0]:
                found.append(shortcut)
    return found


def course_shortcuts(schemas: Path | None = None) -> dict:
    """The default settings: each such shortcut disabled, then declared outside widgets."""
    entries = []
    for shortcut in default_shortcuts(schemas):
        base = {k: shortcut[k] for k in ("command", "keys", "selector")}
        if "args" in shortcut:
            base["args"] = shortcut["args"]
        entries.append({**base, "disabled": True})
        entries.append({**base, "selector": shortcut["selector"] + OUTSIDE_WIDGETS})
    return {PLUGIN: {"shortcuts": entries}}


def render(settings: dict) -> str:
    return json.dumps(settings, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    SETTINGS_FILE.parent.mkdir(parents=True, exist_ok=True)
    SETTINGS_FILE.write_text(render(course_shortcuts()), encoding="utf-8")
    print(f"{SETTINGS_FILE.relative_to(ROOT)} : {len(default_shortcuts())} raccourcis")
