"""The files the course installs beside Jupyter are up to date and shipped (no browser needed)."""

from __future__ import annotations

import json
import tomllib

from .harness import LAB_CONFIG, ROOT, VOILA_TEMPLATE, VOILA_TEMPLATES
from .shortcuts import OUTSIDE_WIDGETS, PLUGIN, SETTINGS_FILE, course_shortcuts


def test_the_shortcut_settings_cover_every_shortcut_of_the_installed_jupyterlab():
    shipped = json.loads(SETTINGS_FILE.read_text(encoding="utf-8"))[PLUGIN]["shortcuts"]
    needed = course_shortcuts()[PLUGIN]["shortcuts"]
    missing = [e for e in needed if e not in shipped]
    assert not missing, (
        f"JupyterLab a de nouveaux raccourcis ({len(missing)}) qui prendraient les touches des "
        "widgets : lancez « python -m tests.browser.shortcuts »"
    )


def test_every_notebook_shortcut_on_a_focused_element_is_kept_off_the_widgets():
    entries = json.loads(SETTINGS_FILE.read_text(encoding="utf-8"))[PLUGIN]["shortcuts"]
    disabled = {(e["command"], tuple(e["keys"])) for e in entries if e.get("disabled")}
    moved = {
        (e["command"], tuple(e["keys"]))
        for e in entries
        if not e.get("disabled") and e["selector"].endswith(OUTSIDE_WIDGETS)
    }
    assert disabled == moved
    for needed in [
        ("notebook:move-cursor-down", ("ArrowDown",)),
        ("notebook:delete-cell", ("D", "D")),
    ]:
        assert needed in disabled


def test_voila_uses_the_course_template_by_default():
    config = json.loads((LAB_CONFIG / "voila.json").read_text(encoding="utf-8"))
    assert config["VoilaConfiguration"]["template"] == VOILA_TEMPLATE
    template = VOILA_TEMPLATES / "voila" / "templates" / VOILA_TEMPLATE
    assert (
        json.loads((template / "conf.json").read_text(encoding="utf-8"))["base_template"] == "lab"
    )
    assert "extends 'lab/index.html.j2'" in (template / "index.html.j2").read_text(encoding="utf-8")


def test_the_files_installed_beside_jupyter_are_declared_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {f for files in project["tool"]["setuptools"]["data-files"].values() for f in files}
    on_disk = {
        p.relative_to(ROOT).as_posix()
        for folder in (VOILA_TEMPLATES / "voila" / "templates" / VOILA_TEMPLATE, LAB_CONFIG)
        for p in folder.rglob("*")
        if p.is_file()
    }
    assert on_disk and on_disk <= declared
