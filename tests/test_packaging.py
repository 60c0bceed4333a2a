"""The wheel carries the content: installed in a fresh venv outside the repo, a lesson runs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile

import pytest

from .browser.harness import free_port
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
def wheel(course_wheel):
    return course_wheel


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


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A fresh virtual environment outside the repository, the wheel installed in it as a
    learner installs it (with nbval and a kernel of its own, for the tests): its folder and
    the environment its commands run with."""
    tmp = tmp_path_factory.mktemp("installe")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # nothing of the repository on the path: pip would take the course as installed already
    env = {**os.environ, "JUPYTER_DATA_DIR": str(tmp / "jupyter"), "PYTHONPATH": ""}
    env.pop("JUPYTER_CONFIG_PATH", None)
    env.pop("JUPYTER_PATH", None)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel), "nbclient", "nbval"],
        check=True,
        capture_output=True,
        env=env,
    )
    assert (venv / "bin" / "tanmia-course").is_file()
    subprocess.run(
        [str(python), "-m", "ipykernel", "install", "--user", "--name", "python3"],
        check=True,
        capture_output=True,
        env=env,
    )
    spec = json.loads((tmp / "jupyter" / "kernels" / "python3" / "kernel.json").read_text())
    assert spec["argv"][0].startswith(str(venv))
    return venv, env


def test_a_lesson_runs_against_the_installed_wheel_outside_the_repo(installed, tmp_path):
    venv, env = installed
    python = venv / "bin" / "python"
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
    # the catalogs of the other languages are in the wheel
    arabic = subprocess.run(
        [str(venv / "bin" / "tanmia-course"), "--langue", "ar", "--help"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert arabic.startswith("الاستعمال: tanmia-course") and "فتح الدورة" in arabic


def test_ouvrir_copies_the_course_into_an_empty_folder_and_serves_it(installed, tmp_path):
    """``tanmia-course ouvrir DOSSIER``, as a learner types it after ``pip install``: the
    lessons, exercises and solutions copied (the exercises link to their solutions),
    JupyterLab answering, and the copied notebooks run by nbval against the installed
    package."""
    venv, env = installed
    work = tmp_path / "mon cours"
    port = free_port()
    log = (tmp_path / "ouvrir.log").open("wb")
    server = subprocess.Popen(
        [str(venv / "bin" / "tanmia-course"), "ouvrir", str(work), "--sans-navigateur",
         "--port", str(port)],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, (tmp_path / "ouvrir.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=5) as answer:
                    assert "version" in json.loads(answer.read())
                    break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "ouvrir.log").read_text()
                time.sleep(0.5)
        said = (tmp_path / "ouvrir.log").read_text(encoding="utf-8")
        assert "carnets copiés dans" in said, said
        assert "/lab/tree/notebooks/00_bienvenue.ipynb" in said  # where JupyterLab opens
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        log.close()
    for folder in ("notebooks", "exercises", "solutions"):
        assert sorted(p.name for p in (work / folder).glob("*.ipynb")) == sorted(
            p.name for p in (ROOT / folder).glob("*.ipynb")
        )
    # Run again: the learner's work stays as it is.
    mine = work / "exercises" / "01_cartographie_acteurs.ipynb"
    mine.write_text("{}", encoding="utf-8")
    again = subprocess.run(
        [str(venv / "bin" / "tanmia-course"), "ouvrir", str(work), "--port", "0"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert again.returncode == 2 and "de 1 à 65535" in again.stderr
    assert mine.read_text(encoding="utf-8") == "{}"
    mine.unlink()
    nbval = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--nbval-lax", "notebooks", "exercises"],
        cwd=work, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert nbval.returncode == 0, nbval.stdout[-4000:]
