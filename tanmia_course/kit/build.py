"""Build the offline kit, or check that it can be built.

A kit is a folder::

    LISEZMOI.html             the French README, with pictures (images/)
    installer-windows.bat     Windows: double-click
    installer-mac-linux.sh    macOS, Linux: sh installer-mac-linux.sh
    roues/                    the course's wheel and every dependency's wheels, for each target
    kit.json                  what the kit holds: course version, targets, Python versions, wheels

Both scripts create a fresh virtual environment, install the course into it with ``pip
--no-index --find-links roues`` (nothing is fetched) and put a « Cours Tanmia » shortcut on the
desktop that runs ``tanmia-course ouvrir`` on the learner's folder.

**One resolution per target.** pip evaluates the environment markers of dependencies
(``pywinpty; os_name == "nt"``…) against the Python that runs it, whatever ``--platform`` says
(pypa/pip#11664): pip alone would leave the Windows-only packages out of a kit built on Linux.
So uv's resolver pins the packages for each target (``uv pip compile --python-platform``, which
evaluates the markers for that target), then pip checks that each pinned package has a binary
wheel for the target (``pip install --dry-run --report``: metadata only, no download) and
downloads them (``pip download --no-deps``). The machine's pip and uv settings are left out
(``--isolated``, ``--no-config`` and no ``UV_*`` variable): both ask PyPI, whoever builds the
kit. Each wheel's SHA-256, from pip's report, is checked after the download and kept in
``kit.json``; a wheel already in the folder is downloaded again only if it does not match (a
build interrupted midway is taken up where it stopped).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..display.html import escape, page
from ..display.text import fr_size, french_list, plural
from ..work.course import course_source

MANIFEST = "kit.json"
WHEELS = "roues"
IMAGES = "images"
SCRIPTS = {"windows": "installer-windows.bat", "posix": "installer-mac-linux.sh"}
README = "LISEZMOI.html"
MIN_PIP = (24, 1)  # --dry-run with --platform and without --target
MACOS = "11.0"  # the oldest macOS whose computers the kit's wheels must run on
# The Python versions the course supports: every one whose binary wheels all the course's
# dependencies publish, on every target (tests/test_kit.py asks pip's resolver for each).
PYTHONS = ("3.11", "3.12", "3.13", "3.14", "3.15")


@dataclass(frozen=True)
class Target:
    """A kind of computer the kit installs on: ``name`` as the command takes it, ``shown`` as
    a learner reads it, the target as uv's resolver names it, the wheel tags pip accepts."""

    name: str
    shown: str
    system: str  # "windows" or "posix": which install script
    uv_platform: str
    wheel_platforms: tuple[str, ...]


TARGETS = (
    Target(
        "windows-x86_64",
        "Windows 10 ou 11 (64 bits)",
        "windows",
        "x86_64-pc-windows-msvc",
        ("win_amd64",),
    ),
    Target(
        "macos-x86_64",
        f"macOS {MACOS.split('.')[0]} ou plus récent, processeur Intel",
        "posix",
        "x86_64-apple-darwin",
        (f"macosx_{MACOS.replace('.', '_')}_x86_64",),  # pip adds the older macOS versions
    ),
    Target(
        "macos-arm64",
        f"macOS {MACOS.split('.')[0]} ou plus récent, puce Apple (M1, M2…)",
        "posix",
        "aarch64-apple-darwin",
        (f"macosx_{MACOS.replace('.', '_')}_arm64",),
    ),
    Target(
        "linux-x86_64",
        "Linux 64 bits (Debian 10, Ubuntu 20.04 ou plus récents)",
        "posix",
        "x86_64-manylinux_2_28",
        # glibc 2.28 and every older manylinux (pip adds manylinux2010 and manylinux1)
        (*(f"manylinux_2_{minor}_x86_64" for minor in range(28, 16, -1)), "manylinux2014_x86_64"),
    ),
)
BY_NAME = {target.name: target for target in TARGETS}


class KitRefused(Exception):
    """The kit cannot be built as asked; the message says why, in French, and ``detail`` is
    what the tool that failed said, in its own words."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class Plan:
    """What one target and one Python version need: the pinned packages and the wheels."""

    target: Target
    python: str
    pins: tuple[str, ...]
    wheels: dict[str, str]  # file name → SHA-256


def targets_named(names: Iterable[str]) -> tuple[Target, ...]:
    """The targets of the given names (``windows``, ``macos``, ``linux`` name a whole family);
    a French error naming the unknown ones."""
    chosen: list[Target] = []
    names = list(names)
    if not names:
        raise KitRefused("Aucun système demandé : nommez-en au moins un (windows, macos, linux).")
    for name in names:
        found = [t for t in TARGETS if name in (t.name, t.name.split("-")[0])]
        if not found:
            raise KitRefused(
                f"Système inconnu : « {name} ». Systèmes possibles : "
                f"{', '.join(t.name for t in TARGETS)} (ou windows, macos, linux)."
            )
        chosen += [t for t in found if t not in chosen]
    return tuple(chosen)


def pythons_named(versions: Iterable[str]) -> tuple[str, ...]:
    """The supported Python versions among ``versions``; a French error naming the others."""
    versions = tuple(dict.fromkeys(versions))
    if not versions:
        raise KitRefused(f"Aucune version de Python demandée : par exemple {PYTHONS[-1]}.")
    unknown = [v for v in versions if v not in PYTHONS]
    if unknown:
        raise KitRefused(
            f"Version de Python non prise en charge : {', '.join(unknown)}. "
            f"Versions possibles : {', '.join(PYTHONS)}."
        )
    return versions


def _tools() -> tuple[str, str]:
    """uv's executable and the pip that runs with this Python, or a French error."""
    try:
        from uv import find_uv_bin
    except ImportError:
        find_uv_bin = None
    pip = metadata.version("pip") if _installed("pip") else "0"
    if find_uv_bin is None or tuple(int(p) for p in pip.split(".")[:2]) < MIN_PIP:
        raise KitRefused(
            "Les outils du kit manquent (uv, et pip 24.1 ou plus récent) : installez-les avec "
            "« pip install 'tanmia-course[kit]' » (ou « make kit » dans le dépôt du cours)."
        )
    return find_uv_bin(), pip


def _installed(name: str) -> bool:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def _pip(*args: str) -> list[str]:
    return [sys.executable, "-m", "pip", "--isolated", "--disable-pip-version-check", *args]


def _wheel_options(target: Target, python: str) -> list[str]:
    return [
        "--only-binary=:all:",
        "--no-deps",
        "--implementation=cp",
        f"--python-version={python}",
        *(f"--platform={tag}" for tag in target.wheel_platforms),
    ]


def _without_uv_settings() -> dict[str, str]:
    """This process's environment without the machine's uv settings (another index, another
    resolution policy…), for the oldest macOS the kit is for."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("UV_")}
    return {**kept, "MACOSX_DEPLOYMENT_TARGET": MACOS}


def _last_words(output: str) -> str:
    """What a failed tool said that tells why: its error lines, else its last lines."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith(("error", "×", "╰"))]
    return "\n".join((errors or lines)[-6:])


def course_wheel(folder: Path) -> Path:
    """Build the course's wheel into ``folder`` from the course's repository (pip wheel)."""
    source = course_source()
    if source is None or not (source / "pyproject.toml").is_file():
        raise KitRefused(
            "Le kit se construit depuis une copie du dépôt du cours (git clone), où se trouve "
            "pyproject.toml ; ce cours est installé sans ses sources."
        )
    built = subprocess.run(
        _pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(folder), str(source)),
        capture_output=True,
        text=True,
        check=False,
    )
    wheels = sorted(folder.glob("tanmia_course-*.whl"))
    if built.returncode or not wheels:
        raise KitRefused("La roue du cours n’a pas pu être construite.", _last_words(built.stderr))
    return wheels[-1]


def plan(wheel: Path, target: Target, python: str) -> Plan:
    """Ask the resolvers, downloading no wheel (only their metadata), whether the kit can be
    built for ``target`` and ``python``: uv pins the packages the course needs there, pip
    finds a binary wheel of each for that target. A French error naming what is missing
    otherwise."""
    uv, _ = _tools()
    where = f"{target.shown} [{target.name}], Python {python}"
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "cours.in"
        requirements.write_text(f"tanmia-course @ {wheel.resolve().as_uri()}\n", encoding="utf-8")
        pinned = subprocess.run(
            [uv, "pip", "compile", "--no-config", "--quiet", "--no-header", "--no-annotate",
             "--only-binary", ":all:", "--python-platform", target.uv_platform,
             "--python-version", python, "--no-emit-package", "tanmia-course", str(requirements)],
            capture_output=True, text=True, check=False, env=_without_uv_settings(),
        )  # fmt: skip
    if pinned.returncode:
        raise KitRefused(
            f"{where} : uv ne trouve pas de roue binaire pour tous les paquets du cours.",
            _last_words(pinned.stderr),
        )
    pins = tuple(
        line.strip()
        for line in pinned.stdout.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    checked = subprocess.run(
        _pip("install", "--dry-run", "--ignore-installed", "--quiet", "--report", "-",
             *_wheel_options(target, python), *pins),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if checked.returncode:
        lacking = re.findall(r"satisfies the requirement ([\w.-]+)==([\w.+-]+)", checked.stderr)
        named = french_list(f"{name} {version}" for name, version in lacking)
        raise KitRefused(
            f"{where} : pas de roue pour ce système et cette version de Python"
            + (f" : {named}." if named else "."),
            _last_words(checked.stderr),
        )
    wheels = {}
    for item in json.loads(checked.stdout)["install"]:
        info = item["download_info"]
        name = unquote(urlsplit(info["url"]).path.rsplit("/", 1)[-1])
        wheels[name] = info.get("archive_info", {}).get("hashes", {}).get("sha256", "")
    return Plan(target, python, pins, dict(sorted(wheels.items())))


def plans(
    wheel: Path, targets: Sequence[Target], pythons: Sequence[str], workers: int = 4
) -> list[Plan]:
    """:func:`plan` for every target and Python version, a few at a time (they wait on the
    network), in that order; one French error listing every combination that cannot be
    built."""

    def one(pair: tuple[Target, str]) -> Plan | KitRefused:
        try:
            return plan(wheel, *pair)
        except KitRefused as refused:
            return refused

    pairs = [(target, python) for target in targets for python in pythons]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(one, pairs))
    failures = [r for r in results if isinstance(r, KitRefused)]
    if failures:
        raise KitRefused(
            "\n".join(str(f) for f in failures),
            "\n\n".join(f"{f}\n{f.detail}" for f in failures if f.detail),
        )
    return [r for r in results if isinstance(r, Plan)]


@dataclass(frozen=True)
class Kit:
    """A kit built: its folder, its plans, and the wheels it holds (name → SHA-256)."""

    folder: Path
    plans: tuple[Plan, ...]
    wheels: dict[str, str]

    @property
    def size(self) -> int:
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())


# What a kit folder holds: a folder with nothing else is a kit (perhaps a build interrupted
# midway, before kit.json), which a new build takes up.
KIT_ENTRIES = {MANIFEST, WHEELS, IMAGES, README, *SCRIPTS.values()}


def build(
    folder: Path,
    targets: Sequence[Target] = TARGETS,
    pythons: Sequence[str] = PYTHONS,
    say: Callable[[str], None] = print,
) -> Kit:
    """Build the kit in ``folder`` for ``targets`` and ``pythons``: a new or empty folder, or
    an earlier kit (or one interrupted midway), which is brought up to date — the wheels it
    holds are downloaded again only if their SHA-256 does not match, the ones the new kit does
    not need are removed, and so are the scripts of systems it is no longer for. Nothing is
    written before every target is known to be buildable."""
    folder = Path(folder)
    strangers = (
        sorted(p.name for p in folder.iterdir() if p.name not in KIT_ENTRIES)
        if (folder.is_dir())
        else []
    )
    if strangers:
        raise KitRefused(
            f"« {folder} » n’est pas vide et n’est pas un kit ({', '.join(strangers[:3])}…) : "
            "choisissez un dossier vide (rien n’y est écrit)."
        )
    _tools()
    with tempfile.TemporaryDirectory() as tmp:
        say("Construction de la roue du cours…")
        wheel = course_wheel(Path(tmp))
        combinations = plural(len(targets) * len(pythons), "combinaison", "combinaisons")
        say(f"Résolution des paquets pour {combinations} de système et de Python…")
        chosen = plans(wheel, targets, pythons)
        wheels_dir = folder / WHEELS
        wheels_dir.mkdir(parents=True, exist_ok=True)
        for one in chosen:
            missing = [
                name for name, sha in one.wheels.items() if not _holds(wheels_dir, name, sha)
            ]
            for name in missing:
                (wheels_dir / name).unlink(missing_ok=True)
            count = plural(len(one.wheels), "paquet", "paquets")
            to_get = f"{len(missing)} à télécharger" if missing else "déjà tous là"
            say(f"{one.target.shown}, Python {one.python} : {count}, {to_get}")
            if missing:
                _download(one, wheels_dir, missing)
        for old in wheels_dir.glob("tanmia_course-*.whl"):
            old.unlink()
        shutil.copy2(wheel, wheels_dir / wheel.name)
        course_sha = _sha256(wheel)
    needed = {name: sha for one in chosen for name, sha in one.wheels.items()}
    needed[wheel.name] = course_sha
    for path in wheels_dir.glob("*.whl"):
        if path.name not in needed:
            path.unlink()
    kit = Kit(folder, tuple(chosen), dict(sorted(needed.items())))
    write_files(kit, wheel.name)
    wheels = plural(len(kit.wheels), "roue", "roues")
    say(f"Kit prêt dans « {folder} » : {fr_size(kit.size)}, {wheels}.")
    return kit


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _holds(wheels_dir: Path, name: str, sha: str) -> bool:
    """Whether the kit already holds this wheel, whole: its SHA-256 is pip's."""
    path = wheels_dir / name
    return path.is_file() and (not sha or _sha256(path) == sha)


def _download(one: Plan, wheels_dir: Path, names: Sequence[str]) -> None:
    got = subprocess.run(
        _pip("download", "--quiet", "--dest", str(wheels_dir),
             *_wheel_options(one.target, one.python), *one.pins),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    absent = [name for name in names if not _holds(wheels_dir, name, one.wheels[name])]
    if got.returncode or absent:
        raise KitRefused(
            f"{one.target.shown}, Python {one.python} : téléchargement incomplet"
            + (f" ({', '.join(absent[:5])})." if absent else ".")
            + " Relancez la même commande : ce qui est déjà là n’est pas retéléchargé.",
            _last_words(got.stderr),
        )


def _template(name: str) -> str:
    return (resources.files(__package__) / "files" / name).read_text(encoding="utf-8")


def write_files(kit: Kit, course_wheel_name: str) -> None:
    """The install scripts, the README and its pictures, the manifest."""
    pythons = tuple(dict.fromkeys(p.python for p in kit.plans))
    targets = tuple(dict.fromkeys(p.target for p in kit.plans))
    newest_first = sorted(pythons, key=lambda v: tuple(map(int, v.split("."))), reverse=True)
    fill = {
        "@PYTHONS@": " ".join(pythons),
        "@PYTHONS_DESC@": " ".join(newest_first),
        "@PYTHONS_SANS_POINT_DESC@": " ".join(v.replace(".", "") for v in newest_first),
        "@SYSTEMES@": " ".join(t.name for t in targets if t.system == "posix"),
    }
    for system, name in SCRIPTS.items():
        path = kit.folder / name
        if not any(t.system == system for t in targets):
            path.unlink(missing_ok=True)
            continue
        text = _template(name)
        for key, value in fill.items():
            text = text.replace(key, value)
        # cmd.exe reads a batch file line by line, CRLF-ended
        data = text.replace("\n", "\r\n") if name.endswith(".bat") else text
        path.write_bytes(data.encode("utf-8"))
        path.chmod(0o755)
    images = kit.folder / IMAGES
    images.mkdir(exist_ok=True)
    for picture in (resources.files(__package__) / "files" / IMAGES).iterdir():
        (images / picture.name).write_bytes(picture.read_bytes())
    version = course_wheel_name.split("-")[1]
    manifest = {
        "cours": version,
        "construit": date.today().isoformat(),
        "pythons": list(pythons),
        "cibles": {
            t.name: {
                "systeme": t.shown,
                "paquets": {p.python: list(p.pins) for p in kit.plans if p.target == t},
            }
            for t in targets
        },
        "roues": kit.wheels,
    }
    (kit.folder / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (kit.folder / README).write_text(_readme(kit, version, targets, pythons), encoding="utf-8")


def _readme(kit: Kit, version: str, targets: Sequence[Target], pythons: Sequence[str]) -> str:
    systems = "".join(f"<li>{escape(t.shown)}</li>" for t in targets)
    body = _template(README)
    fill = {
        "@VERSION@": escape(version),
        "@SYSTEMES@": f"<ul>{systems}</ul>",
        "@PYTHONS@": escape(french_list(pythons, quoted=False)),
        "@TAILLE@": fr_size(sum(p.stat().st_size for p in (kit.folder / WHEELS).glob("*.whl"))),
        "@WINDOWS@": "" if any(t.system == "windows" for t in targets) else " hidden",
        "@POSIX@": "" if any(t.system == "posix" for t in targets) else " hidden",
    }
    for key, value in fill.items():
        body = body.replace(key, value)
    return page("Cours Tanmia : installer le cours sans Internet", body)
