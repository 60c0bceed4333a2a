"""The offline kit (``tanmia-course kit-hors-ligne``), built and installed as a trainer and a
learner do it: the kit for this machine built by the command, installed by its own script
with no network at all, the shortcut it puts on the desktop started, the welcome notebook run;
and, for every other computer and Python the kit is for, pip's resolver asked whether the kit
can be built, so that a missing wheel fails here rather than in a room."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tanmia_course.display.text import french_spacing
from tanmia_course.kit import build as kit

from .conftest import ROOT
from .display.test_typography import assert_french, visible
from .test_packaging import RUN_NOTEBOOK

pytestmark = pytest.mark.slow

COMMAND = Path(sys.executable).parent / "tanmia-course"
HERE = "linux-x86_64"  # this machine's target


def python_of(version: str) -> str | None:
    """A Python of this version on this machine (on the PATH, or one of pyenv's), or None."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(
        glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python3"))
    )
    for candidate in filter(None, candidates):
        ran = subprocess.run(
            [candidate, "-c", "import sys, ensurepip, venv; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if ran.returncode == 0 and ran.stdout.strip() == version:
            return candidate
    return None


PYTHONS_HERE = {v: path for v in kit.PYTHONS if (path := python_of(v))}


def offline(command: list[str]) -> list[str]:
    """``command`` in a network namespace of its own, with no network at all, where this
    machine allows it (root, util-linux's unshare); else as it is."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], check=False).returncode == 0:
        return [unshare, "-n", *command]
    return command


def desktop_exec(line: str) -> list[str]:
    """The command of a desktop entry's ``Exec`` key, read as the freedesktop specification
    says a desktop reads it: the string escapes (``\\\\``) first, then the quoted arguments
    (``\\"``, ``\\` ``, ``\\$``, ``\\\\``), and ``%%`` for a ``%``."""
    value = re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(
        m.group(1), m.group(1)), line.removeprefix("Exec="))  # fmt: skip
    args, i = [], 0
    while i < len(value):
        if value[i] == " ":
            i += 1
            continue
        arg = ""
        if value[i] == '"':
            i += 1
            while value[i] != '"':
                if value[i] == "\\" and value[i + 1] in '"`$\\':
                    i += 1
                arg += value[i]
                i += 1
            i += 1
        else:
            while i < len(value) and value[i] != " ":
                arg += value[i]
                i += 1
        args.append(arg.replace("%%", "%"))
    return args


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The kit for this machine and the Pythons it has, built by the README's command (``make
    kit``, which runs ``tanmia-course kit-hors-ligne``); its folder and what it printed."""
    folder = tmp_path_factory.mktemp("cle-usb") / "kit"
    ran = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "kit", f"KIT={folder}",
         f"SYSTEMES={HERE}", f"PYTHONS={' '.join(PYTHONS_HERE)}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-3000:]
    return folder, ran.stdout


def test_the_kit_holds_the_scripts_the_readme_and_every_wheel(built):
    folder, said = built
    manifest = json.loads((folder / kit.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["pythons"] == list(PYTHONS_HERE)
    assert list(manifest["cibles"]) == [HERE]
    wheels = sorted(p.name for p in (folder / kit.WHEELS).glob("*.whl"))
    assert wheels == sorted(manifest["roues"])
    assert any(w.startswith("tanmia_course-") for w in wheels)
    # each Python's compiled packages are there (numpy for each), the pure ones once
    for version in PYTHONS_HERE:
        tag = "cp" + version.replace(".", "")
        assert any(w.startswith("numpy-") and f"-{tag}-" in w for w in wheels), version
    assert len([w for w in wheels if w.startswith("jupyterlab-4")]) == 1
    # only the script of the systems in the kit
    assert (folder / "installer-mac-linux.sh").is_file()
    assert not (folder / "installer-windows.bat").exists()
    assert "Kit prêt dans" in said and "Mo" in said
    readme = (folder / kit.README).read_text(encoding="utf-8")
    assert_french(visible(readme), "LISEZMOI.html")
    for picture in re.findall(r'<img src="([^"]+)"', readme):
        assert (folder / picture).is_file(), picture
    assert "Association Tanmia.ma" in readme
    assert "<section hidden>" in readme  # the Windows steps, for a kit without Windows


@pytest.mark.parametrize("version", list(PYTHONS_HERE))
def test_the_kit_installs_offline_and_its_shortcut_opens_the_course(built, version, tmp_path):
    """The learner's way, on each Python this machine has: the kit's script run with no
    network, then the desktop shortcut's command, then the welcome notebook and the
    exercises."""
    folder, _ = built
    home = tmp_path / "accueil"
    home.mkdir()
    course = home / "Cours d’été à 100% (Tanmia)"  # spaces, accents, %, parentheses
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "TANMIA_DOSSIER": str(course),
        "LANG": "C.UTF-8",
        "TANMIA_PYTHON": PYTHONS_HERE[version],
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "BROWSER": "true",  # the browser the shortcut opens: none here
    }
    script = ["sh", str(folder / "installer-mac-linux.sh")]
    installed = subprocess.run(
        offline(script), capture_output=True, text=True, env=env, check=False
    )
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-3000:]
    assert french_spacing(installed.stdout) == installed.stdout
    assert "Le cours est installé." in installed.stdout
    python = course / "programme" / "bin" / "python"
    ran = subprocess.run(
        [str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert ran.stdout.strip() == version

    # The shortcut, started as the desktop starts it.
    shortcut = (home / "Desktop" / "cours-tanmia.desktop").read_text(encoding="utf-8")
    assert "Name=Cours Tanmia" in shortcut
    exec_line = next(line for line in shortcut.splitlines() if line.startswith("Exec="))
    command = desktop_exec(exec_line)
    assert command == [str(course / "programme" / "bin" / "tanmia-course"), "ouvrir",
                       str(course / "carnets")]  # fmt: skip
    log = (tmp_path / "raccourci.log").open("wb")
    server = subprocess.Popen(
        command, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while not (found := list((tmp_path / "runtime").glob("jpserver-*.json"))):
            assert server.poll() is None, (tmp_path / "raccourci.log").read_text()[-3000:]
            assert time.monotonic() < deadline, (tmp_path / "raccourci.log").read_text()
            time.sleep(0.5)
        info = json.loads(found[0].read_text())
        url = f"http://127.0.0.1:{info['port']}/api/contents/notebooks?token={info['token']}"
        for _ in range(60):
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    listed = {item["name"] for item in json.loads(answer.read())["content"]}
                break
            except OSError:
                time.sleep(0.5)
        assert "00_bienvenue.ipynb" in listed
        assert info["root_dir"] == str(course / "carnets")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        log.close()

    # The welcome notebook, then every exercise, run by the kit's own Python and kernel:
    # the course on this version of Python, top to bottom.
    carnets = course / "carnets"
    for notebook in [carnets / "notebooks" / "00_bienvenue.ipynb",
                     *sorted((carnets / "exercises").glob("*.ipynb"))]:  # fmt: skip
        run = subprocess.run(
            [str(python), "-c", RUN_NOTEBOOK, str(notebook)],
            capture_output=True, text=True, cwd=notebook.parent, check=False,
            env={**env, "JUPYTER_DATA_DIR": str(tmp_path / "jupyter"), "JUPYTER_PATH": ""},
        )  # fmt: skip
        assert run.returncode == 0, (notebook.name, run.stderr[-3000:])
        package = Path(run.stdout.strip().splitlines()[-1])
        assert package.is_relative_to(course / "programme")

    # Installed again (a kit made since, a repair, another Python): the environment is made
    # anew — nothing of the earlier one stays, a damaged course is put right — and the
    # learner's work stays.
    answers = course / "carnets" / "travaux" / "mes_reponses.json"
    answers.parent.mkdir(exist_ok=True)
    answers.write_text('{"gardé": true}', encoding="utf-8")
    shipped = package.read_bytes()
    package.write_text("raise ImportError('abîmé')\n", encoding="utf-8")
    leftover = package.parent.parent / "module_d_un_ancien_kit.py"
    leftover.write_text("", encoding="utf-8")
    again = subprocess.run(offline(script), capture_output=True, text=True, env=env, check=False)
    assert again.returncode == 0, again.stderr[-3000:]
    assert package.read_bytes() == shipped
    assert not leftover.exists()
    assert answers.read_text(encoding="utf-8") == '{"gardé": true}'


def test_an_interrupted_kit_is_taken_up_where_it_stopped(built, tmp_path):
    """A build stopped midway (Ctrl+C, the connection lost) leaves wheels and no kit.json,
    one of them cut short: the same command finishes it, downloading only that one, and
    leaves out what the kit no longer needs (another Python's wheels, an old package)."""
    folder, _ = built
    manifest = json.loads((folder / kit.MANIFEST).read_text(encoding="utf-8"))
    first = next(iter(PYTHONS_HERE))
    tag = "-cp" + first.replace(".", "") + "-"
    again = tmp_path / "kit"
    shutil.copytree(folder / kit.WHEELS, again / kit.WHEELS)
    cut = next(name for name in manifest["roues"] if name.startswith("numpy-") and tag in name)
    (again / kit.WHEELS / cut).write_bytes(b"cut short")
    (again / kit.WHEELS / "ancien_paquet-1.0-py3-none-any.whl").write_bytes(b"PK")
    ran = subprocess.run(
        [str(COMMAND), "kit-hors-ligne", str(again), "--systemes", HERE, "--pythons", first],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert french_spacing(f"Python {first} : ") in ran.stdout and "1 à télécharger" in ran.stdout
    now = json.loads((again / kit.MANIFEST).read_text(encoding="utf-8"))
    assert now["roues"][cut] == manifest["roues"][cut]
    assert hashlib.sha256((again / kit.WHEELS / cut).read_bytes()).hexdigest() == now["roues"][cut]
    left = sorted(p.name for p in (again / kit.WHEELS).iterdir())
    assert left == sorted(now["roues"])
    assert "ancien_paquet-1.0-py3-none-any.whl" not in left
    others = [v for v in PYTHONS_HERE if v != first]
    assert not [n for n in left for v in others if "-cp" + v.replace(".", "") + "-" in n]


def test_the_script_says_which_python_the_kit_lacks(built, tmp_path):
    folder, _ = built
    missing = next((v for v in reversed(kit.PYTHONS) if v not in PYTHONS_HERE), None)
    fake = tmp_path / "python"
    fake.write_text(f"#!/bin/sh\necho {missing or '3.99'}\n", encoding="utf-8")
    fake.chmod(0o755)
    ran = subprocess.run(
        ["sh", str(folder / "installer-mac-linux.sh")],
        capture_output=True, text=True, check=False,
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), "TANMIA_PYTHON": str(fake)},
    )  # fmt: skip
    assert ran.returncode == 1
    assert "ce kit contient le cours pour Python" in ran.stderr
    assert not (tmp_path / "Cours Tanmia").exists()


@pytest.fixture(scope="module")
def wheel(course_wheel):
    return course_wheel


@pytest.mark.parametrize("target", kit.TARGETS, ids=lambda t: t.name)
def test_pip_finds_a_wheel_of_every_package_for_each_computer_and_python(wheel, target):
    """Every target and supported Python, through the resolvers only (no wheel downloaded):
    uv pins the packages for that computer, pip finds a binary wheel of each."""
    plans = kit.plans(wheel, [target], kit.PYTHONS)
    assert [p.python for p in plans] == list(kit.PYTHONS)
    for one in plans:
        names = {pin.split("==")[0].lower() for pin in one.pins}
        assert {"jupyterlab", "pandas", "matplotlib", "ipywidgets", "pyyaml"} <= names
        assert len(one.wheels) == len(one.pins)
        if target.system == "windows":
            # the packages only Windows needs, which pip alone would leave out of the kit
            assert {"pywinpty", "colorama"} <= names
            assert all(w.endswith(("-none-any.whl", "win_amd64.whl")) for w in one.wheels)
        else:
            assert "pywinpty" not in names


def test_a_computer_no_wheel_is_made_for_is_refused_with_the_package_named(wheel):
    nowhere = kit.Target(
        "nulle-part", "Nulle part", "posix", "x86_64-pc-windows-msvc", ("win_nulle",)
    )
    with pytest.raises(kit.KitRefused) as refused:
        kit.plan(wheel, nowhere, "3.12")
    message = str(refused.value)
    assert message.startswith(
        french_spacing("Nulle part [nulle-part], Python 3.12 : pas de roue pour ce système")
    )
    first = message.splitlines()[0]
    assert re.search(r"«\s[\w.-]+ [0-9][\w.+-]*\s»\.$", first), first


def test_the_windows_script_is_ready_for_cmd(tmp_path):
    """The batch file is the one part no test here runs (no Windows): what cmd.exe needs of it
    is checked as text: CRLF lines, plain ASCII before the UTF-8 code page, every placeholder
    filled, the same install as the shell script's."""
    windows = kit.BY_NAME["windows-x86_64"]
    plans = (kit.Plan(windows, "3.12", (), ()), kit.Plan(windows, "3.13", (), ()))
    kit.write_files(kit.Kit(tmp_path, plans, {}), "tanmia_course-0.1.0-py3-none-any.whl")
    data = (tmp_path / "installer-windows.bat").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 40
    text = data.decode("utf-8")
    before_chcp = text.split("chcp 65001")[0]
    assert before_chcp.isascii()
    assert "@" not in text.replace("@echo off", "")
    assert "for %%V in (3.13 3.12)" in text and 'set "PYTHONS=3.12 3.13"' in text
    assert '--no-index --find-links "%KIT%roues"' in text and "--isolated" in text
    assert "Cours Tanmia.lnk" in text and "ouvrir" in text
    assert not (tmp_path / "installer-mac-linux.sh").exists()
    shell = (ROOT / "tanmia_course" / "kit" / "files" / "installer-mac-linux.sh").read_text("utf-8")
    assert '--no-index --find-links "$KIT/roues"' in shell and "--isolated" in shell
    messages = re.findall(r"^\s*echo (.+)$", text, flags=re.M)
    messages += re.findall(r'(?:echo|echec) "([^"]+)"', shell)
    assert len(messages) > 15
    assert [m for m in messages if french_spacing(m) != m] == []


def test_the_command_refuses_a_folder_that_is_not_a_kit_and_writes_nothing(tmp_path):
    mine = tmp_path / "mes documents"
    mine.mkdir()
    (mine / "rapport.docx").write_bytes(b"x")
    ran = subprocess.run(
        [str(COMMAND), "kit-hors-ligne", str(mine), "--systemes", "linux"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ran.returncode == 1
    assert "n’est pas vide et n’est pas un kit" in ran.stderr
    assert [p.name for p in mine.iterdir()] == ["rapport.docx"]
    unknown = subprocess.run(
        [str(COMMAND), "kit-hors-ligne", str(tmp_path / "k"), "--systemes", "windows-arm64"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert unknown.returncode == 1
    assert "Système inconnu" in unknown.stderr and "windows-arm64" in unknown.stderr
    none = subprocess.run(
        [str(COMMAND), "kit-hors-ligne", str(tmp_path / "k"), "--systemes", ","],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert none.returncode == 1 and "Aucun système demandé" in none.stderr
    assert not (tmp_path / "k").exists()
