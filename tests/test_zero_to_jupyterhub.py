"""The Zero to JupyterHub values of the course (deploy/zero-to-jupyterhub/config.yaml), checked
offline: the YAML itself, every setting against the real class it configures (JupyterHub, the
LTI authenticator, KubeSpawner, Jupyter Server's kernel manager), the course's own names (the
welcome notebook, TANMIA_TRAVAUX), and the first-start copy of the course run as the pod would.

What no test here can check: that a Kubernetes cluster accepts the chart with these values
(the chart's own schema is not available offline), nor the image itself (no Docker here).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

from tanmia_course.work.store import ENV_VAR, LEARNER_DIRS

from .conftest import ROOT

DEPLOY = ROOT / "deploy" / "zero-to-jupyterhub"
VALUES = DEPLOY / "config.yaml"
DOC = ROOT / "docs" / "zero-to-jupyterhub.md"

# How the chart turns `singleuser` values into KubeSpawner traits (its jupyterhub_config.py),
# for the keys this course uses. A key missing here is either a typo or needs a reviewed line.
SINGLEUSER_TRAITS = {
    "cmd": "cmd",
    "defaultUrl": "default_url",
    "extraEnv": "environment",
    "initContainers": "init_containers",
    "memory.guarantee": "mem_guarantee",
    "memory.limit": "mem_limit",
    "cpu.guarantee": "cpu_guarantee",
    "cpu.limit": "cpu_limit",
    "storage.capacity": "storage_capacity",
    "image.pullPolicy": "image_pull_policy",
}
# Keys the chart reads itself (image name and tag, the volumes, files mounted in the pod).
SINGLEUSER_CHART_KEYS = {
    "image.name",
    "image.tag",
    "storage.type",
    "storage.homeMountPath",
    "storage.dynamic.volumeNameTemplate",
    "extraFiles",
}
HUB_CLASSES = {
    "JupyterHub": "jupyterhub.app.JupyterHub",
    "Authenticator": "jupyterhub.auth.Authenticator",
    "LTI13Authenticator": "ltiauthenticator.lti13.auth.LTI13Authenticator",
}
CULL_KEYS = {"enabled", "users", "removeNamedServers", "timeout", "every", "concurrency", "maxAge"}


@pytest.fixture(scope="module")
def values() -> dict[str, Any]:
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


def leaves(tree: dict[str, Any], stop: set[str], prefix: str = "") -> dict[str, Any]:
    """The dotted paths of a tree of values, down to the keys of ``stop`` (kept whole)."""
    found = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path not in stop:
            found |= leaves(value, stop, f"{path}.")
        else:
            found[path] = value
    return found


def validated(class_path: str, settings: dict[str, Any]) -> dict[str, Any]:
    """``settings`` as the class's traits make them: each must be a configurable trait of the
    class (traitlets only warns of an unknown name in a config), and its value must pass the
    trait's validation (a TraitError otherwise). No instance is built: KubeSpawner's would look
    for a Kubernetes cluster."""
    from traitlets.utils.importstring import import_item

    cls = import_item(class_path)
    configurable = cls.class_traits(config=True)
    unknown = sorted(set(settings) - set(configurable))
    assert not unknown, f"{cls.__name__} n’a pas ces réglages : {unknown}"
    bare = cls.__new__(cls)
    return {name: configurable[name].validate(bare, value) for name, value in settings.items()}


def test_the_values_pass_yamllint():
    """A key written twice (YAML keeps the last one, silently), a `yes` read as true, a tab…"""
    rules = YamlLintConfig(
        "extends: default\nrules:\n  line-length: {max: 100}\n  document-start: disable\n"
    )
    problems = [f"{p.line}:{p.column} {p.message}" for p in linter.run(VALUES.open(), rules)]
    assert not problems, problems


def test_only_known_chart_sections_are_used(values):
    assert set(values) <= {"hub", "singleuser", "cull", "proxy"}
    assert set(values["hub"]) == {"config"}
    assert set(values["cull"]) <= CULL_KEYS
    assert values["cull"]["enabled"] is True
    assert 0 < values["cull"]["every"] < values["cull"]["timeout"] < values["cull"]["maxAge"]


def test_every_hub_config_setting_is_a_real_trait_with_a_valid_value(values):
    """hub.config.<Class>.<trait> becomes c.<Class>.<trait>: each class is imported and built with
    its settings; the authenticator class named must import and be an Authenticator."""
    from jupyterhub.auth import Authenticator

    hub_config = values["hub"]["config"]
    assert set(hub_config) <= set(HUB_CLASSES), sorted(set(hub_config) - set(HUB_CLASSES))
    checked = {name: validated(HUB_CLASSES[name], s) for name, s in hub_config.items()}
    authenticator = checked["JupyterHub"]["authenticator_class"]
    assert issubclass(authenticator, Authenticator)
    assert authenticator.__name__ in hub_config, "les réglages de l’authentificateur manquent"
    assert checked["Authenticator"]["allow_all"] is True  # JupyterHub 5 lets no one in otherwise
    lti = hub_config["LTI13Authenticator"]
    for url in ("issuer", "authorize_url", "jwks_endpoint"):
        assert lti[url].startswith("https://"), url  # LTI 1.3 requires HTTPS
    assert lti["authorize_url"].startswith(lti["issuer"])


def test_every_singleuser_value_reaches_a_kubespawner_trait(values):
    singleuser = leaves(values["singleuser"], stop={"extraEnv", "extraFiles"})
    unknown = sorted(set(singleuser) - set(SINGLEUSER_TRAITS) - SINGLEUSER_CHART_KEYS)
    assert not unknown, f"clés de singleuser inconnues : {unknown}"
    settings = {SINGLEUSER_TRAITS[k]: v for k, v in singleuser.items() if k in SINGLEUSER_TRAITS}
    spawner = validated("kubespawner.KubeSpawner", settings)
    assert spawner["mem_guarantee"] <= spawner["mem_limit"]
    assert spawner["cpu_guarantee"] <= spawner["cpu_limit"]
    assert spawner["image_pull_policy"] in {"Always", "IfNotPresent", "Never"}


def test_the_kernel_culling_file_configures_jupyter_server(values):
    files = values["singleuser"]["extraFiles"]
    for file in files.values():
        assert file["mountPath"].endswith(".json")  # the chart writes `data` as JSON then
        assert Path(file["mountPath"]).parent == Path("/etc/jupyter")
        for name, settings in file["data"].items():
            assert name == "MappingKernelManager"
            kernels = validated(
                "jupyter_server.services.kernels.kernelmanager.MappingKernelManager", settings
            )
            assert kernels["cull_idle_timeout"] > 0 and kernels["cull_interval"] > 0


def test_the_image_settings_agree_with_the_course(values):
    singleuser = values["singleuser"]
    assert singleuser["cmd"] == "jupyterhub-singleuser"
    welcome = singleuser["defaultUrl"].removeprefix("/lab/tree/")
    assert singleuser["defaultUrl"].startswith("/lab/tree/")
    assert (ROOT / welcome).is_file(), welcome
    assert welcome.split("/")[0] in LEARNER_DIRS  # copied into the learner's volume
    home = Path(singleuser["storage"]["homeMountPath"])
    assert set(singleuser["extraEnv"]) == {ENV_VAR}
    travaux = Path(singleuser["extraEnv"][ENV_VAR])
    assert travaux.is_relative_to(home), "les travaux doivent être sur le volume du participant"
    image = singleuser["image"]
    assert isinstance(image["tag"], str), "étiquette en chiffres : entre guillemets"
    (init,) = singleuser["initContainers"]
    assert init["image"] == f"{image['name']}:{image['tag']}", "l’image du cours n’est pas la même"
    (mount,) = init["volumeMounts"]
    assert mount["name"] == singleuser["storage"]["dynamic"]["volumeNameTemplate"]
    env = {item["name"]: item["value"] for item in init["env"]}
    assert env["HOME_COPY"] == mount["mountPath"]
    assert Path(env["COURSE_DIR"]) == home  # repo2docker's folder for the repository


def run_init_container(values: dict[str, Any], course: Path, home: Path) -> str:
    """The first-start copy, as the init container runs it, with this repository as the image's
    course and ``home`` as the learner's volume."""
    (init,) = values["singleuser"]["initContainers"]
    program, *args = init["command"]
    assert program == "python"
    env = dict(os.environ, COURSE_DIR=str(course), HOME_COPY=str(home), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_the_init_container_copies_the_course_and_never_overwrites(values, tmp_path):
    course_files = sorted(
        p.relative_to(ROOT) for name in LEARNER_DIRS for p in (ROOT / name).glob("*.ipynb")
    )
    said = run_init_container(values, ROOT, tmp_path)
    assert re.match(rf"{len(course_files)} files", said), said
    for relative in course_files:
        assert (tmp_path / relative).read_bytes() == (ROOT / relative).read_bytes()
    assert not any(p.name == "travaux" for p in tmp_path.rglob("*"))
    # the learner's work, then a restart: nothing overwritten, a lost notebook comes back
    mine = tmp_path / course_files[-1]
    mine.write_text("mes changements", encoding="utf-8")
    (tmp_path / course_files[0]).unlink()
    said = run_init_container(values, ROOT, tmp_path)
    assert said.startswith("1 files"), said
    assert mine.read_text(encoding="utf-8") == "mes changements"
    assert (tmp_path / course_files[0]).is_file()


def test_the_doc_gives_the_same_chart_and_image_as_the_values(values):
    doc = DOC.read_text(encoding="utf-8")
    assert "deploy/zero-to-jupyterhub/config.yaml" in doc
    chart = re.search(r"--version=(\S+)", VALUES.read_text(encoding="utf-8"))[1]
    assert set(re.findall(r"--version=(\S+)", doc)) == {chart}
    image = values["singleuser"]["image"]
    assert f"{image['name']}:{image['tag']}" in doc
