"""Binder and pip install the same course: environment.yml and pyproject.toml agree."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib

import yaml

from .conftest import ROOT


def requirement(spec: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    assert match, spec
    return match[1].lower().replace("_", "-"), match[2].replace(" ", "")


def test_environment_yml_declares_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_deps = dict(map(requirement, project["dependencies"]))
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_deps = dict(requirement(d) for d in env["dependencies"] if isinstance(d, str))
    assert env["channels"] == ["conda-forge"]
    assert conda_deps.pop("python") == "=3.11", "Binder a besoin d’une version exacte : python=3.11"
    conda_deps.pop("pip", None)
    assert conda_deps == pip_deps


def test_the_package_is_installed_by_postbuild_not_in_the_cached_environment():
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "-e ." not in env and "pip:" not in env
    post_build = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps ." in post_build
    assert (ROOT / "postBuild").stat().st_mode & 0o111


def test_the_binder_badge_opens_the_welcome_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    link = re.search(r"\(https://mybinder\.org/v2/gh/[^)]+\)", readme)
    assert link, "badge Binder absent du README"
    target = re.search(r"urlpath=lab/tree/([^)&]+)", link[0])
    assert target and (ROOT / target[1]).is_file()
    assert target[1] == "notebooks/00_bienvenue.ipynb"


def test_the_readme_gives_the_two_commands_and_the_credits():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needed in ("make lab", "make test", "TANMIA_CONTENU", "Association Tanmia.ma"):
        assert needed in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_make_lab_serves_the_whole_course_and_opens_the_welcome_notebook():
    """What ``make lab`` runs (``make -n`` prints it without running it): the course folder
    as JupyterLab's root, the welcome notebook as its first page, the course's settings;
    as root, a French line and ``--allow-root`` (JupyterLab refuses root without it)."""
    shown = subprocess.run(
        ["make", "-n", "--no-print-directory", "lab"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")},
    ).stdout
    command = next(line for line in shown.splitlines() if "jupyter lab" in line)
    assert f'--ServerApp.root_dir="{ROOT}"' in command
    assert "--LabApp.default_url=/lab/tree/notebooks/00_bienvenue.ipynb" in command
    assert f'JUPYTER_CONFIG_PATH="{ROOT}/etc/jupyter' in command
    as_root = os.geteuid() == 0
    assert ("--allow-root" in command) == as_root
    assert ("en tant qu’administrateur (root)" in shown) == as_root
