"""The wheel carries the content: installed in a fresh venv outside the repo, a lesson runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

RUN_NOTEBOOK = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells.append(nbformat.v4.new_code_cell("import tanmia_course; print(tanmia_course.__file__)"))
NotebookClient(nb, timeout=300, kernel_name="python3").execute()
print(nb.cells[-1].outputs[0]["text"].strip())
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("tanmia_course-*.whl")
    return path


def test_the_wheel_ships_every_content_file_and_schema(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        f"tanmia_course/{p.relative_to(ROOT / 'tanmia_course').as_posix()}"
        for p in (ROOT / "tanmia_course" / "content").rglob("*")
        if p.suffix in (".yaml", ".json")
    }
    assert shipped and shipped <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert (
        "tanmia-course = tanmia_course.cli:main"
        in zipfile.ZipFile(wheel).read(entry_points).decode()
    )


def test_the_wheel_installs_the_courses_jupyter_settings(wheel):
    """``pip install .`` (Binder's postBuild) puts the course's settings beside Jupyter: French
    interface, no news pop-up, shortcuts kept off the widgets, Voilà without a CDN."""
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {n.split(".data/data/", 1)[1] for n in names if ".data/data/" in n}
    settings = {
        p.relative_to(ROOT).as_posix()
        for folder in ("etc/jupyter", "share/jupyter")
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    }
    assert "etc/jupyter/labconfig/default_setting_overrides.d/tanmia-course-interface.json" in data
    assert settings and settings <= data


def test_a_lesson_runs_against_the_installed_wheel_outside_the_repo(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel), "nbclient", "ipykernel"],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "JUPYTER_DATA_DIR": str(tmp_path / "jupyter"), "PYTHONPATH": ""}
    subprocess.run(
        [str(python), "-m", "ipykernel", "install", "--user", "--name", "python3"],
        check=True,
        capture_output=True,
        env=env,
    )
    spec = json.loads((tmp_path / "jupyter" / "kernels" / "python3" / "kernel.json").read_text())
    assert spec["argv"][0].startswith(str(venv))
    work = tmp_path / "cours"
    work.mkdir()
    lesson = shutil.copy(ROOT / "notebooks" / "03_criteres_et_bonnes_pratiques.ipynb", work)
    result = subprocess.run(
        [str(python), "-c", RUN_NOTEBOOK, str(lesson)],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1].startswith(str(venv))
    help_text = subprocess.run(
        [str(venv / "bin" / "tanmia-course"), "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert help_text.startswith("utilisation\u00a0: tanmia-course")
