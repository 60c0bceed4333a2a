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
downloads them (``pip download --no-deps``). Any pip or uv configuration of the machine is
ignored (``--isolated``, ``--no-config``): a kit does not depend on whoever builds it.
"""

from __future__ import annotations

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
    """The kit cannot be built as asked; the message says why, in French."""


@dataclass(frozen=True)
class Plan:
    """What one target and one Python version need: the pinned packages and the wheels."""

    target: Target
    python: str
    pins: tuple[str, ...]
    wheels: tuple[str, ...]  # file names


def targets_named(names: Iterable[str]) -> tuple[Target, ...]:
    """The targets of the given names (``windows``, ``macos``, ``linux`` name a whole family);
    a French error naming the unknown ones."""
    chosen: list[Target] = []
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
        raise KitRefused(
            f"La roue du cours n’a pas pu être construite :\n{_last_words(built.stderr)}"
        )
    return wheels[-1]


def plan(wheel: Path, target: Target, python: str) -> Plan:
    """Ask the resolvers, without downloading any wheel, whether the kit can be built for
    ``target`` and ``python``: uv pins the packages the course needs there, pip finds a binary
    wheel of each for that target. A French error naming what is missing otherwise."""
    uv, _ = _tools()
    where = f"{target.shown} ({target.name}), Python {python}"
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "cours.in"
        requirements.write_text(f"tanmia-course @ {wheel.resolve().as_uri()}\n", encoding="utf-8")
        pinned = subprocess.run(
            [uv, "pip", "compile", "--no-config", "--quiet", "--no-header", "--no-annotate",
             "--only-binary", ":all:", "--python-platform", target.uv_platform,
             "--python-version", python, "--no-emit-package", "tanmia-course", str(requirements)],
            capture_output=True, text=True, check=False,
            env={**os.environ, "MACOSX_DEPLOYMENT_TARGET": MACOS},
        )  # fmt: skip
    if pinned.returncode:
        raise KitRefused(
            f"{where} : uv ne trouve pas de roue binaire pour tous les paquets du cours.\n"
            f"Détail de uv :\n{_last_words(pinned.stderr)}"
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
        lacks = (
            f"pas de roue pour ce système et cette version de Python : {named}"
            if named
            else ("pas de roue pour ce système et cette version de Python")
        )
        raise KitRefused(f"{where} : {lacks}.\nDétail de pip :\n{_last_words(checked.stderr)}")
    report = json.loads(checked.stdout)
    wheels = tuple(
        sorted(item["download_info"]["url"].rsplit("/", 1)[-1] for item in report["install"])
    )
    return Plan(target, python, pins, wheels)


def plans(
    wheel: Path, targets: Sequence[Target], pythons: Sequence[str], workers: int = 4
) -> list[Plan]:
    """:func:`plan` for every target and Python version, a few at a time (they wait on the
    network); one French error listing every combination that cannot be built."""
    pairs = [(target, python) for target in targets for python in pythons]
    failures: list[str] = []
    done: list[Plan] = []

    def one(pair: tuple[Target, str]) -> None:
        try:
            done.append(plan(wheel, *pair))
        except KitRefused as refused:
            failures.append(str(refused))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, pairs))
    if failures:
        raise KitRefused("\n\n".join(sorted(failures)))
    order = {pair: i for i, pair in enumerate(pairs)}
    return sorted(done, key=lambda p: order[(p.target, p.python)])


@dataclass(frozen=True)
class Kit:
    """A kit built: its folder, its plans, and the wheels it holds (name → bytes)."""

    folder: Path
    plans: tuple[Plan, ...]
    wheels: dict[str, int]

    @property
    def size(self) -> int:
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())


def build(
    folder: Path,
    targets: Sequence[Target] = TARGETS,
    pythons: Sequence[str] = PYTHONS,
    say: Callable[[str], None] = print,
) -> Kit:
    """Build the kit in ``folder``: a new or empty folder, or an earlier kit, which is brought
    up to date (the wheels it already holds are not downloaded again; those it no longer needs
    are removed). Nothing is written before every target is known to be buildable."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()) and not (folder / MANIFEST).is_file():
        raise KitRefused(
            f"« {folder} » n’est pas vide et n’est pas un kit : choisissez un dossier vide "
            "(rien n’y est écrit)."
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
            missing = [w for w in one.wheels if not (wheels_dir / w).is_file()]
            count = plural(len(one.wheels), "paquet", "paquets")
            to_get = f"{len(missing)} à télécharger" if missing else "déjà tous là"
            say(f"{one.target.shown}, Python {one.python} : {count}, {to_get}")
            if missing:
                _download(one, wheels_dir)
        for old in wheels_dir.glob("tanmia_course-*.whl"):
            old.unlink()
        shutil.copy2(wheel, wheels_dir / wheel.name)
    needed = {w for one in chosen for w in one.wheels} | {wheel.name}
    for path in wheels_dir.iterdir():
        if path.name not in needed:
            path.unlink()
    kit = Kit(
        folder,
        tuple(chosen),
        {p.name: p.stat().st_size for p in sorted(wheels_dir.iterdir())},
    )
    write_files(kit, wheel.name)
    wheels = plural(len(kit.wheels), "roue", "roues")
    say(f"Kit prêt dans « {folder} » : {fr_size(kit.size)}, {wheels}.")
    return kit


def _download(one: Plan, wheels_dir: Path) -> None:
    got = subprocess.run(
        _pip("download", "--quiet", "--dest", str(wheels_dir),
             *_wheel_options(one.target, one.python), *one.pins),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    absent = [w for w in one.wheels if not (wheels_dir / w).is_file()]
    if got.returncode or absent:
        raise KitRefused(
            f"{one.target.shown}, Python {one.python} : téléchargement incomplet"
            f"{' (' + ', '.join(absent[:5]) + ')' if absent else ''}.\n{_last_words(got.stderr)}"
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
        "@PYTHONS@": escape(
            ", ".join(pythons[:-1]) + " et " + pythons[-1] if len(pythons) > 1 else pythons[0]
        ),
        "@TAILLE@": fr_size(sum(kit.wheels.values())),
        "@WINDOWS@": "" if any(t.system == "windows" for t in targets) else " hidden",
        "@POSIX@": "" if any(t.system == "posix" for t in targets) else " hidden",
    }
    for key, value in fill.items():
        body = body.replace(key, value)
    return page("Cours Tanmia : installer le cours sans Internet", body)
