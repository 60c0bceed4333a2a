"""Learner work on disk: autosave per exercise, hand-in files, resume — nothing is lost.

**Where.** Answers go to the *work folder*, one for the whole course: ``$TANMIA_TRAVAUX``
if set, else ``travaux/`` in the *course folder* (:func:`course_folder`: the first folder,
from the kernel's current folder upwards, that holds both ``notebooks/`` and
``exercises/``), else — outside any course — ``travaux/`` in the current folder. Lessons'
quizzes and exercises thus save side by side; the solutions keep ``solutions/travaux/``, so
that running one never replaces the learner's answer. The ``travaux/`` folders that earlier
versions kept beside each notebook folder are gathered into it once (:func:`gather_old_folders`).
One file per exercise, ``<exercise id>.json``, keyed by the exercise id (never by a widget
id, which changes at each kernel start)::

    {"schema": "tanmia-course/reponse", "version": 1, "exercice": "classement_avantages",
     "modifie": "2025-03-14T10:42:07+01:00", "version_cours": "0.1.0", "reponse": {...}}

**How.** Every write is atomic (:func:`atomic_write_bytes`): a crash or a killed kernel
leaves either the previous good file or the new one, never half of one.

**Hand-in.** ``export_handin`` gathers every saved answer into one schema-versioned file
(format described in ``docs/travaux.md``); ``parse_handin`` reads one back, checking all of
it and refusing, with a French reason, anything it cannot read with certainty (unknown
format version, wrong schema, too large…): the envelope, which the one reader of hand-ins
(:func:`tanmia_course.work.handins.read_handin`) completes with each exercise's answer type.
Nothing in a file is ever executed: it is only parsed as JSON (:func:`loads`).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import itertools
import json
import math
import os
import re
import reprlib
import secrets
import stat
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..content.model import ID, MAX_NAME
from ..display.text import fr_number, plural
from ..errors import system_reason

ENV_VAR = "TANMIA_TRAVAUX"
# A workshop's class folder (every participant's work folder), in the trainer's JupyterLab on
# the workshop's hub: tanmia-course atelier sets it, the class view follows it.
CLASS_ENV_VAR = "TANMIA_CLASSE"
DEFAULT_FOLDER = "travaux"
ANSWER_SCHEMA = "tanmia-course/reponse"
HANDIN_SCHEMA = "tanmia-course/travaux"
FORMAT_VERSION = 1
MAX_BYTES = 2 * 1024 * 1024  # 2 Mio: far above a real hand-in (a few kio), far below harm
PROFILE_FILE = "_participant.json"
BACKUP_FOLDER = "avant_reprise"
# The course's notebook folders. A folder holding the learner's two (lessons, exercises) is
# the course folder, whose one work folder they share; earlier versions of the course kept a
# work folder in each (see gather_old_folders). The solutions keep theirs: running a
# solution must not replace the learner's own answer with the correction.
NOTEBOOK_DIRS = ("notebooks", "exercises", "solutions")
LEARNER_DIRS = ("notebooks", "exercises")
SOLUTIONS_DIR = "solutions"
MERGE_TAG = "regroupement"
HANDIN_PREFIX = "travaux_"
# A JSON escape of a lone UTF-16 surrogate (\ud800-\udfff): such text cannot be written out.
_SURROGATE_ESCAPE = re.compile(rb"\\[uU][dD][89a-fA-F]")

# Migrations of the hand-in format: MIGRATIONS[n] turns a version-n document into version
# n + 1. Version 1 is the first format, so there is none yet; a file whose version has no
# path to FORMAT_VERSION is refused, never guessed at.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class UnreadableWork(ValueError):
    """A work file that cannot be read with certainty; ``raison`` says why, in French."""

    def __init__(self, fichier: str, raison: str) -> None:
        self.fichier = fichier
        self.raison = raison
        super().__init__(f"Fichier « {fichier} » : {raison}")


# ------------------------------------------------------------------------- small helpers


def now() -> datetime:
    """The current local time, to the second, with its UTC offset."""
    return datetime.now().astimezone().replace(microsecond=0)


def course_folder() -> Path | None:
    """The course folder: the first folder, from the kernel's current folder (the
    notebook's) upwards, that holds both the lessons' and the exercises' folders
    (``notebooks/`` and ``exercises/``); None outside any course.

    A few ``stat`` calls per level: cheap enough for every save.
    """
    here = Path.cwd().absolute()
    for folder in (here, *here.parents):
        if all((folder / name).is_dir() for name in LEARNER_DIRS):
            return folder
    return None


def work_folder() -> Path:
    """The work folder (see the module's docstring); the first time a kernel meets a course
    folder, the old work folders beside the lessons and the exercises are gathered into it
    (:func:`gather_old_folders`)."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    here = Path.cwd().absolute()
    root = course_folder()
    if root is None:
        return here / DEFAULT_FOLDER
    if here.is_relative_to(root / SOLUTIONS_DIR):
        return root / SOLUTIONS_DIR / DEFAULT_FOLDER
    if root not in _gathered:
        _gathered.add(root)  # once per kernel, even if it fails: a save must stay cheap
        gather_old_folders(root)
    return root / DEFAULT_FOLDER


def shown_path(path: Path) -> str:
    """A path as a learner should read it: from the course folder when inside it (as
    JupyterLab's file browser shows it), else from the current folder when inside it, else
    in full."""
    for base in filter(None, (course_folder(), Path.cwd())):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return str(path)


def slug(name: str) -> str:
    """A file-name-safe form of a learner's or group's name: its letters and digits, in any
    script (accents of Latin letters left out), the rest made « _ »; a name with neither
    gets a short suffix of its own, so that two learners' files never share a name.

    >>> slug("Groupe 3 — Fatima & Youssef"), slug("Aïcha"), slug("فاطمة الزهراء")
    ('groupe_3_fatima_youssef', 'aicha', 'فاطمة_الزهراء')
    >>> slug("???") != slug("!!!")
    True
    """
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", name) if unicodedata.category(c) != "Mn"
    )
    cleaned = re.sub(r"\W+", "_", letters.lower()).strip("_")[:60]
    return cleaned or f"sans_nom_{hashlib.sha1(name.encode()).hexdigest()[:6]}"


STALE_SECONDS = 60  # a save takes milliseconds: a temporary file this old is a killed save's
# On Windows, an antivirus, the search indexer or OneDrive open a file for a moment just after
# it is written, and a file open elsewhere can be neither replaced nor removed meanwhile.
RETRIES = 10
RETRY_PAUSE = 0.05  # seconds


def _retried(action: Callable[..., None], *paths: str | os.PathLike[str]) -> None:
    """``action(*paths)`` (a rename, a removal); on Windows, tried again for a moment while
    the system refuses it, before its PermissionError is raised."""
    for attempt in range(1, RETRIES + 1):
        try:
            action(*paths)
            return
        except PermissionError:
            if os.name != "nt" or attempt == RETRIES:
                raise
            time.sleep(RETRY_PAUSE)


def atomic_write_bytes(path: Path, data: bytes, private: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, whole.

    The temporary file lives in the same folder (``os.replace`` is atomic only within one
    file system), is flushed and synced before the rename, and the folder is synced after;
    the temporary files that saves of ``path`` killed earlier left behind are removed. The
    file keeps the permissions it had; a new one is ``private`` (only its owner reads it: a
    learner's work), else follows the user's umask (a report to share). On Windows, where a
    mode is only the read-only bit, the temporary file is never read-only: a save that fails
    removes it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):  # another kernel's, finished meanwhile
            if time.time() - stale.stat().st_mtime > STALE_SECONDS:
                stale.unlink()
    try:
        kept = stat.S_IMODE(path.stat().st_mode)
        if os.name == "nt":
            kept |= stat.S_IWRITE
    except FileNotFoundError:
        kept = None
    # Created by the system with the user's umask applied (0o666) or owner-only (0o600).
    fd, tmp = _new_temporary(path, 0o600 if private else 0o666)
    try:
        if kept is not None:
            os.chmod(tmp, kept)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _retried(os.replace, tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):  # else left to a later save's sweep
            _retried(os.unlink, tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            with contextlib.suppress(OSError):  # some cannot sync a folder; the rename holds
                os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_new_file(path: Path, data: bytes, free_name: bool = False) -> Path:
    """Write ``data`` as a new file, whole or not at all, and never over a file already there
    (even if another process writes it at the same moment): a document the learner may have
    filled in since is kept. ``path`` taken: :class:`FileExistsError`, or, with
    ``free_name``, the next free ``<name>-2``, ``<name>-3``…; returns where it was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _new_temporary(path, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if free_name:
            return _move_to_free_name(Path(tmp), path)
        if not _move_new(Path(tmp), path):
            raise FileExistsError(path)
        return path
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _new_temporary(path: Path, mode: int) -> tuple[int, str]:
    """A new temporary file beside ``path``, open for writing, created with ``mode`` (less
    the user's umask, as the system applies it)."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    while True:
        name = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}.tmp")
        with contextlib.suppress(FileExistsError):  # a name already taken: draw another
            return os.open(name, flags, mode), name


def dumps(data: Any) -> bytes:
    """Strict JSON in UTF-8 (no NaN, readable accents), as every work file is written."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=1).encode("utf-8")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"valeur « {name} » interdite en JSON")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):  # 1e400: read as an infinity, which JSON does not have either
        raise ValueError(f"nombre « {text[:40]} » trop grand")
    return value


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite)


def loads(data: bytes, label: str) -> Any:
    """Parse JSON bytes with the standard library; any failure becomes a
    :class:`UnreadableWork` in French.

    Beyond what JSON allows, it refuses a file over :data:`MAX_BYTES`, NaN and infinities
    (``1e400`` included), a value nested deeper than Python goes, and escapes of lone UTF-16
    surrogates (text that could not be written out again); a UTF-8 BOM is skipped.
    """
    _check_size(
        len(data),
        label,
        ". Un fichier de travaux fait quelques kilo-octets : est-ce le bon fichier ?",
    )
    try:
        doc = _DECODER.decode(data.decode().removeprefix("\ufeff"))
        if _SURROGATE_ESCAPE.search(data):
            dumps(doc)  # a lone surrogate cannot be written out again
    except UnicodeDecodeError:
        raise UnreadableWork(
            label, "ce n’est pas un fichier texte en UTF-8 (image, document Word… ?)"
        ) from None
    except json.JSONDecodeError as exc:
        raise UnreadableWork(
            label,
            f"ce n’est pas un fichier JSON lisible (ligne {exc.lineno}, colonne {exc.colno} : "
            "le fichier est peut-être coupé ou a été modifié à la main)",
        ) from None
    except UnicodeEncodeError:
        raise UnreadableWork(label, "texte mal encodé (caractères Unicode invalides)") from None
    except RecursionError:
        raise UnreadableWork(label, "contenu JSON imbriqué trop profondément") from None
    except ValueError as exc:
        raise UnreadableWork(label, f"contenu JSON invalide ({exc})") from None
    return doc


def _check_size(size: int, label: str, hint: str = "") -> None:
    """Refuse a file over :data:`MAX_BYTES` (at least 1 Mio), saying its size in Mio."""
    if size > MAX_BYTES:
        mio = f"{fr_number(size / 2**20, 1)} Mio ; la limite est {fr_number(MAX_BYTES / 2**20, 1)}"
        raise UnreadableWork(label, f"fichier trop volumineux ({mio} Mio){hint}")


# Opened as found: a link is not followed, and opening never waits (a FIFO would).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_SPECIAL = "fichier spécial (un tube, un périphérique…) : le cours ne l’ouvre pas"


def read_bytes(path: str | os.PathLike[str], label: str) -> bytes:
    """A work file's bytes, its size checked on the open file before it is read. A symbolic
    link is not followed and a special file (a FIFO, a device) is not opened: both are refused."""
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            raise UnreadableWork(label, "lien symbolique : le cours ne suit pas les liens")
        if not stat.S_ISREG(mode):
            raise UnreadableWork(label, _SPECIAL)
        with open(os.open(path, _OPEN_FLAGS | getattr(os, "O_BINARY", 0)), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):  # replaced by something else meanwhile
                raise UnreadableWork(label, _SPECIAL)
            _check_size(info.st_size, label)
            return handle.read(info.st_size + 1)  # + 1: a file that grew meanwhile reads as cut
    except OSError as exc:
        raise _unreadable(label, exc) from None


def _unreadable(label: str, exc: OSError) -> UnreadableWork:
    """A file or folder the system does not let the course read, and why, in French."""
    return UnreadableWork(label, f"lecture impossible ({system_reason(exc)})")


def _date(doc: Mapping[str, Any], key: str, label: str, eid: str = "") -> str:
    """``doc[key]``, a date in ISO 8601, checked (``eid``: the exercise of a hand-in's entry)."""
    value = doc.get(key)
    what = f"{eid}.{key}" if eid else key
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        if not isinstance(value, str):
            raise UnreadableWork(label, f"date « {what} » absente ou invalide") from None
        raise UnreadableWork(
            label, f"date « {what} » illisible : {value[:40]!r} (format attendu : ISO 8601)"
        ) from None
    try:
        moment.astimezone()  # a date every clock can show, whatever its time zone
    except (ValueError, OverflowError, OSError):
        raise UnreadableWork(
            label, f"date « {what} » hors des dates possibles : {value!r}"
        ) from None
    return value


# -------------------------------------------------------------------------- autosave


@dataclass(frozen=True)
class SavedAnswer:
    """One exercise's saved answer: what, when, where; ``etat``, the file as it was then
    (:func:`file_state`), and ``ecartee``, where a save kept a version written meanwhile by
    another kernel or tab."""

    reponse: dict[str, Any]
    modifie: str
    chemin: Path
    etat: tuple[int, int, int] | None = None
    ecartee: Path | None = None

    @property
    def quand(self) -> str:
        """« à 10:42 » (today) or « le 14/03 à 10:42 » (another day), as a widget says it."""
        moment = datetime.fromisoformat(self.modifie)
        if moment.date() == now().date():
            return f"à {moment:%H:%M}"
        return f"le {moment:%d/%m} à {moment:%H:%M}"


def file_state(path: Path) -> tuple[int, int, int] | None:
    """When a file was last written, its size and its inode (each atomic write makes a new
    one), to tell whether someone wrote it since; None when there is no file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def folder_state(folder: Path) -> frozenset[tuple[str, int, int]]:
    """Every file under a folder (links not followed), with when it was last written and its
    size: compared with an earlier state, it tells whether anything was saved, added or
    removed since (what a class view that follows a workshop's room looks at)."""
    found = set()
    for where, _folders, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):  # removed meanwhile
                info = os.lstat(os.path.join(where, name))
                found.add((os.path.join(where, name), info.st_mtime_ns, info.st_size))
    return frozenset(found)


def answer_path(exercise_id: str, folder: Path | None = None) -> Path:
    """Where an exercise's answer is saved; an invalid id raises a French ValueError."""
    if not isinstance(exercise_id, str) or not ID.match(exercise_id):
        raise ValueError(
            f"Identifiant d’exercice invalide : {exercise_id!r} (lettres minuscules sans "
            "accent, chiffres et _, en commençant par une lettre)."
        )
    return (folder or work_folder()) / f"{exercise_id}.json"


def save_answer(
    exercise_id: str,
    answer: Mapping[str, Any],
    folder: Path | None = None,
    seen: tuple[int, int, int] | bool | None = False,
) -> SavedAnswer:
    """Save one exercise's answer, atomically; returns where and when. ``seen``: the file as
    the saver last saw it (:func:`file_state`); if another kernel or tab wrote it since, its
    version is kept under another name (:func:`set_aside`) before this one is saved, and the
    result says where (``ecartee``). Without ``seen``, the file is replaced."""
    path = answer_path(exercise_id, folder)
    if not isinstance(answer, Mapping):
        raise TypeError(
            f"La réponse de l’exercice « {exercise_id} » doit être un dictionnaire ; "
            f"reçu : {type(answer).__name__}."
        )
    when = now().isoformat()
    doc = {
        "schema": ANSWER_SCHEMA,
        "version": FORMAT_VERSION,
        "exercice": exercise_id,
        "modifie": when,
        "version_cours": __version__,
        "reponse": dict(answer),
    }
    try:
        data = dumps(doc)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"La réponse de l’exercice « {exercise_id} » n’est pas enregistrable en JSON ({exc})."
        ) from None
    other = None
    if seen is not False and (found := file_state(path)) is not None and found != seen:
        other = set_aside(path)
    atomic_write_bytes(path, data)
    return SavedAnswer(doc["reponse"], when, path, file_state(path), other)


def _read_saved(path: Path, exercise_id: str, label: str) -> SavedAnswer:
    """One exercise's save file, read and checked (values named in a message are shortened
    by :mod:`reprlib`, however deep they are nested)."""
    doc = loads(read_bytes(path, label), label)
    if not isinstance(doc, dict) or doc.get("schema") != ANSWER_SCHEMA:
        raise UnreadableWork(label, "ce n’est pas une sauvegarde de réponse du cours")
    version = doc.get("version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise UnreadableWork(
            label,
            f"sauvegarde au format {reprlib.repr(version)}, que cette version du cours ne sait "
            f"pas lire (format {FORMAT_VERSION})",
        )
    if doc.get("exercice") != exercise_id:
        raise UnreadableWork(
            label,
            "ce fichier est la sauvegarde d’un autre exercice "
            f"({reprlib.repr(doc.get('exercice'))})",
        )
    if not isinstance(doc.get("reponse"), dict):
        raise UnreadableWork(label, "la réponse enregistrée n’est pas un dictionnaire")
    return SavedAnswer(doc["reponse"], _date(doc, "modifie", label), path, file_state(path))


def load_answer(exercise_id: str, folder: Path | None = None) -> SavedAnswer | None:
    """The saved answer of an exercise, None if there is none; a damaged file raises
    :class:`UnreadableWork` (it is left in place)."""
    path = answer_path(exercise_id, folder)
    if not path.is_file():
        return None
    return _read_saved(path, exercise_id, shown_path(path))


def saved_answers(
    folder: Path | None = None,
) -> tuple[dict[str, SavedAnswer], list[UnreadableWork]]:
    """Every saved answer of the work folder, by exercise id, and the files it could not read."""
    folder = folder or work_folder()
    found: dict[str, SavedAnswer] = {}
    problems: list[UnreadableWork] = []
    for path in sorted(folder.glob("*.json")):
        exercise_id = _answer_id(path.name)
        if exercise_id is None:
            continue  # the profile, hand-ins, set-aside files: not an autosave
        try:
            found[exercise_id] = _read_saved(path, exercise_id, shown_path(path))
        except UnreadableWork as exc:
            problems.append(exc)
    return found, problems


def _answer_id(name: str) -> str | None:
    """The exercise whose autosave a file of this name is, None for any other file."""
    exercise_id = name.removesuffix(".json")
    if exercise_id == name or not ID.match(exercise_id) or exercise_id.startswith(HANDIN_PREFIX):
        return None
    return exercise_id


def set_aside(path: Path) -> Path:
    """Rename a file that could not be used, so that a later save does not overwrite it."""
    return _move_to_free_name(
        path, path.with_name(f"{path.stem}.non_repris-{now().strftime('%Y%m%d-%H%M%S')}.json")
    )


def _move_new(source: Path, target: Path) -> bool:
    """Move a file to ``target`` unless a file is already there (then False): never
    overwrites, even when another kernel writes ``target`` at the same moment.

    A hard link then the removal of the old name; where a file system has no hard links
    (a FAT or exFAT USB stick), a rename that refuses a file already there on Windows, and
    elsewhere a check then ``os.replace``.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except FileNotFoundError:
        raise  # the file is gone: the caller decides
    except OSError:  # no hard links here
        if os.name == "nt":
            try:
                _retried(os.rename, source, target)
            except FileExistsError:
                return False
            return True
        if os.path.lexists(target):
            return False
        os.replace(source, target)
        return True
    _retried(os.unlink, source)
    return True


def _move_to_free_name(path: Path, target: Path) -> Path:
    """Move a file to ``target``, or to ``<name>-2``, ``<name>-3``… when taken; returns
    where it went. Never overwrites a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    free, n = target, 1
    while not _move_new(path, free):
        n += 1
        free = target.with_name(f"{target.stem}-{n}{target.suffix}")
    return free


# ------------------------------------------------- gathering the old work folders


@dataclass(frozen=True)
class Gathering:
    """What gathering the old work folders into the course's did, told to the learner in
    French (``message``), and why it stopped, if it did (``erreur``)."""

    message: str
    erreur: str = ""


_gathered: set[Path] = set()  # the course folders this kernel has already gathered
_merges: list[Gathering] = []  # what it did, not yet told to the learner
_claims = itertools.count()  # the hidden names this kernel holds files under


def take_merges() -> list[Gathering]:
    """The gatherings done by this kernel and not yet told to the learner (each is given
    once: the first widget shown, or « Mes travaux », says it)."""
    taken = list(_merges)
    _merges.clear()
    return taken


def gather_old_folders(root: Path) -> None:
    """Move the work saved by earlier versions of the course beside the lessons and the
    exercises (``notebooks/travaux/``, ``exercises/travaux/``) into the course's work folder,
    then remove each old folder once empty.

    Nothing is lost (``docs/travaux.md``): of a file on both sides, the more recent copy
    (:func:`_freshness`) stays live and the other goes to ``avant_reprise/<date>-regroupement/``;
    every move is a rename that never overwrites, so two kernels may gather at once; a
    failure (read-only folder…) leaves that folder's other files where they are and is told,
    never raised. What it did, if anything, is kept for :func:`take_merges` to tell.
    """
    here = root / DEFAULT_FOLDER
    reserve = here / BACKUP_FOLDER / f"{now().strftime('%Y%m%d-%H%M%S')}-{MERGE_TAG}"
    moved = 0
    aside: list[Path] = []
    errors: list[str] = []
    told: list[Path] = []
    for old in (root / name / DEFAULT_FOLDER for name in LEARNER_DIRS):
        if not old.is_dir() or old.resolve() == here.resolve():
            continue  # none, or the course's own folder under another name
        before = moved
        try:
            for rel, path in handin_files(old, hidden=True):
                if rel.endswith("/"):  # a sub-folder that cannot be read: why, told below
                    os.scandir(path).close()
                elif os.path.isfile(path):
                    moved += _gather_file(old / rel, here / rel, reserve / rel, aside)
        except OSError as exc:
            errors.append(system_reason(exc))
            told.append(old)
            continue
        for where, _, _ in os.walk(old, topdown=False):
            with contextlib.suppress(OSError):  # not empty (a file saved meanwhile): left
                os.rmdir(where)
        if moved > before:
            told.append(old)
    if not told:
        return  # no old folder, or only empty ones, removed: nothing to tell
    *others, last = [f"{shown_path(p)}/" for p in told]
    olds = f"{', '.join(others)} et {last}" if others else last
    erreur = "\u00a0; ".join(errors)
    if erreur:
        text = (
            f"Attention : vos travaux enregistrés dans {olds} n’ont pas pu être tous "
            f"regroupés dans {shown_path(here)}/, le dossier des travaux de tout le cours "
            f"({erreur}). Ceux qui n’ont pas été déplacés y restent ; rien n’est "
            "effacé. Signalez-le à votre formatrice ou formateur."
        )
    else:
        text = (
            f"Vos travaux enregistrés dans {olds} sont maintenant regroupés dans "
            f"{shown_path(here)}/, le dossier des travaux de tout le cours ("
            f"{plural(moved, 'fichier déplacé', 'fichiers déplacés')})."
        )
        if aside:
            text += (
                f" Pour {plural(len(aside), 'fichier présent', 'fichiers présents')} "
                "des deux côtés, "
                "le plus récent est "
                f"gardé ; l’autre copie est rangée dans {shown_path(reserve)}/."
            )
    _merges.append(Gathering(text, erreur))


def _gather_file(source: Path, target: Path, spare: Path, aside: list[Path]) -> bool:
    """Move one file into the work folder, overwriting none: when ``target`` exists, the more
    recent of the two copies stays there and the other goes to ``spare`` (or a free name
    beside it, added to ``aside``); each is held under a hidden name of this kernel's own
    while they are compared. False if another kernel moved the file first."""

    def claim() -> Path:
        return target.with_name(f".{target.name}.{os.getpid()}-{next(_claims)}.{MERGE_TAG}")

    target.parent.mkdir(parents=True, exist_ok=True)
    held = [claim()]
    try:
        os.replace(source, held[0])
    except FileNotFoundError:
        return False  # moved meanwhile by another kernel
    try:
        while not _move_new(held[0], target):
            live = claim()
            try:
                os.replace(target, live)
            except FileNotFoundError:
                continue  # moved meanwhile by another kernel: try again
            held.append(live)
            # The live copy stays when both are as recent.
            older, newer = sorted(held, key=lambda p: _freshness(p, target.name))
            aside.append(_move_to_free_name(older, spare))
            held = [newer]
    except OSError:
        for path in held:  # put back what is held under a hidden name rather than hide it
            with contextlib.suppress(OSError):
                if not _move_new(path, target):
                    _move_new(path, source)
        raise
    return True


def _freshness(path: Path, name: str) -> tuple[bool, datetime]:
    """How recent a file named ``name`` is, to choose which of two copies stays live: a
    readable saved answer by its ``modifie`` date and before any unreadable one, any other
    file by its date on disk."""
    exercise_id = _answer_id(name)
    if exercise_id is not None:
        try:
            saved = _read_saved(path, exercise_id, name)
            return True, datetime.fromisoformat(saved.modifie).astimezone()
        except UnreadableWork:
            pass
    return False, datetime.fromtimestamp(path.stat().st_mtime).astimezone()


# ------------------------------------------------------------------ learner's profile


def read_profile(folder: Path | None = None) -> dict[str, str]:
    """The learner's (or group's) name and first export date, kept between sessions."""
    path = (folder or work_folder()) / PROFILE_FILE
    try:
        doc = loads(read_bytes(path, PROFILE_FILE), PROFILE_FILE)
    except UnreadableWork:  # none yet, or unreadable
        return {}
    items = doc.items() if isinstance(doc, dict) else ()
    return {k: v for k, v in items if k in ("nom", "cree") and isinstance(v, str)}


# --------------------------------------------------------------------- hand-in files


def check_name(name: Any, label: str = "nom") -> str:
    """A learner's or group's name: a non-blank text of at most 80 characters."""
    if not isinstance(name, str) or not name.strip():
        raise UnreadableWork(
            label, "le nom du participant ou du groupe est vide : indiquez-le avant d’exporter"
        )
    cleaned = " ".join(name.split())
    if len(cleaned) > MAX_NAME:
        raise UnreadableWork(
            label, f"nom trop long ({len(cleaned)} caractères ; {MAX_NAME} au plus)"
        )
    return cleaned


@dataclass(slots=True)
class Handin:
    """One learner's (or group's) hand-in, read and checked: their answers by exercise id.

    Read by :func:`parse_handin`, the answers are as in the file; read by the one reader
    (:func:`tanmia_course.work.handins.read_handin`), they are normalised by their answer
    types, and ``refus`` gives the French reason of each answer refused.
    """

    nom: str
    reponses: dict[str, Any]
    cree: str
    modifie: str
    fichier: str = ""
    refus: dict[str, str] = field(default_factory=dict)
    note: str = ""  # what the reader noticed of the hand-in as a whole, in French


def gather_handin(folder: Path, label: str) -> tuple[Handin, list[UnreadableWork]]:
    """A participant's work folder read as if just exported, nothing written: one hand-in of
    every answer saved there, dated by the answer saved last, under the name of its profile
    (:data:`PROFILE_FILE`), checked as an exported file's name is; and the saved files it
    could not read, left in place. A profile that cannot be read, or whose name is not one,
    leaves the folder's name, and ``note`` says why. The class view reads a workshop's class
    folder so (``classe/<nom>/``, one work folder per participant): the trainer sees each
    answer as soon as it is saved. A folder the system does not let the course read (its
    permissions…) raises :class:`UnreadableWork`, saying why."""
    try:
        os.scandir(folder).close()
    except OSError as exc:
        raise _unreadable(label, exc) from None
    saved, problems = saved_answers(folder)
    note, created = "", None
    try:
        profile = loads(read_bytes(folder / PROFILE_FILE, PROFILE_FILE), PROFILE_FILE)
        if not isinstance(profile, dict):
            raise UnreadableWork(PROFILE_FILE, "un objet JSON est attendu")
        name = check_name(profile.get("nom"), PROFILE_FILE)
        if "cree" in profile:
            created = _date(profile, "cree", PROFILE_FILE)
    except UnreadableWork as exc:
        name = folder.name
        note = f"profil illisible ({exc.raison}) : nom du dossier utilisé"
    times = sorted(s.modifie for s in saved.values())
    last = times[-1] if times else created or now().isoformat()
    answers = {eid: s.reponse for eid, s in saved.items()}
    first = created or (times[0] if times else last)
    return Handin(name, answers, first, last, label, note=note), problems


def is_work_folder(folder: Path) -> bool:
    """A participant's work folder, as a class folder may hold one: it has a profile
    (:data:`PROFILE_FILE`), written at their first export, or by the workshop's hub at their
    first sign-in."""
    return (folder / PROFILE_FILE).is_file()


def export_handin(
    name: str, folder: Path | None = None
) -> tuple[Path, Handin, list[UnreadableWork]]:
    """Gather every answer saved in the work folder into one hand-in under ``name``, write it
    there (``travaux_<nom>.json``, format in ``docs/travaux.md``) and remember the name for
    the next export. Returns the file, the hand-in, and the saved files it could not read
    (left out, left in place)."""
    name = check_name(name)
    folder = folder or work_folder()
    saved, problems = saved_answers(folder)
    profile = read_profile(folder)
    when = now().isoformat()
    created = (profile.get("cree") if profile.get("nom") == name else None) or when
    rendu = Handin(name, {eid: s.reponse for eid, s in saved.items()}, created, when)
    path = folder / f"{HANDIN_PREFIX}{slug(name)}.json"
    doc = {
        "schema": HANDIN_SCHEMA,
        "version": FORMAT_VERSION,
        "nom": name,
        "version_cours": __version__,
        "cree": created,
        "modifie": when,
        "reponses": {eid: {"modifie": s.modifie, "reponse": s.reponse} for eid, s in saved.items()},
    }
    atomic_write_bytes(path, dumps(doc))
    atomic_write_bytes(folder / PROFILE_FILE, dumps({"nom": name, "cree": created}))
    return path, rendu, problems


_HANDIN_KEYS = frozenset(
    ("schema", "version", "nom", "version_cours", "cree", "modifie", "reponses")
)
_ENTRY_KEYS = frozenset(("modifie", "reponse"))


def parse_handin(data: bytes, label: str) -> Handin:
    """Read and check one hand-in file's envelope (bytes), an older format version brought
    to the current one through :data:`MIGRATIONS`; every problem raises
    :class:`UnreadableWork` with a French reason. The answers are left as they are:
    :func:`tanmia_course.work.handins.read_handin` checks them with their answer types."""
    doc = loads(data, label)
    if not isinstance(doc, dict):
        raise UnreadableWork(
            label, "ce n’est pas un fichier de travaux du cours (un objet JSON est attendu)"
        )
    schema = doc.get("schema")
    if schema == ANSWER_SCHEMA:
        raise UnreadableWork(
            label,
            "c’est la sauvegarde automatique d’un seul exercice, pas des travaux exportés : "
            "utilisez le bouton « Exporter mes travaux » (tc.mes_travaux())",
        )
    if schema != HANDIN_SCHEMA:
        raise UnreadableWork(
            label,
            "ce n’est pas un fichier de travaux du cours "
            f"(schéma {reprlib.repr(schema)} ; attendu : « {HANDIN_SCHEMA} »)",
        )
    version = doc.get("version")
    if type(version) is not int:
        raise UnreadableWork(
            label, f"numéro de version du format absent ou invalide ({reprlib.repr(version)})"
        )
    if version > FORMAT_VERSION:
        raise UnreadableWork(
            label,
            f"fichier au format version {version}, écrit par une version plus récente du "
            f"cours ; cette version du cours ({__version__}) ne lit que le format "
            f"{FORMAT_VERSION} : mettez le cours à jour",
        )
    for step in range(version, FORMAT_VERSION):
        if step not in MIGRATIONS:
            raise UnreadableWork(
                label,
                f"format version {version} inconnu : ce cours lit le format {FORMAT_VERSION}"
                + (f" et sait convertir les versions {sorted(MIGRATIONS)}" if MIGRATIONS else ""),
            )
        doc = MIGRATIONS[step](dict(doc))
        if type(doc.get("version")) is not int or doc["version"] != step + 1:
            raise UnreadableWork(label, f"la conversion du format {step} a échoué")
    if not doc.keys() <= _HANDIN_KEYS:
        extra = min(str(k) for k in doc if k not in _HANDIN_KEYS)
        raise UnreadableWork(label, f"champ inattendu « {extra[:40]} »")
    name = check_name(doc.get("nom"), label)
    version_cours = doc.get("version_cours")
    if not isinstance(version_cours, str) or len(version_cours) > 40:
        raise UnreadableWork(label, "version du cours absente ou invalide")
    answers = doc.get("reponses")
    if not isinstance(answers, dict):
        raise UnreadableWork(label, "« reponses » doit être un objet : exercice → réponse")
    for eid, entry in answers.items():
        if not ID.match(eid):
            raise UnreadableWork(label, f"identifiant d’exercice invalide : {eid[:40]!r}")
        if (
            type(entry) is not dict
            or entry.keys() != _ENTRY_KEYS
            or type(entry["reponse"]) is not dict
        ):
            raise UnreadableWork(
                label,
                f"exercice « {eid} » : il faut exactement « modifie » (date) et « reponse » "
                "(objet)",
            )
        _date(entry, "modifie", label, eid)
    return Handin(
        name,
        {eid: entry["reponse"] for eid, entry in answers.items()},
        _date(doc, "cree", label),
        _date(doc, "modifie", label),
        fichier=label,
    )


@dataclass(frozen=True)
class Resumption:
    """What resuming a hand-in did: whose answers, the exercises written, and the previous
    answers set aside."""

    nom: str
    ecrites: tuple[str, ...]
    mises_de_cote: tuple[Path, ...]

    def message(self, rafraichis: Sequence[str] = (), refus: Sequence[tuple[str, str]] = ()) -> str:
        """What happened, for the learner, in French; ``rafraichis`` and ``refus``, told by the
        widget that resumed the hand-in: the exercises on screen refreshed, and those whose
        widget refused the answer (with why)."""
        text = (
            f"Travaux de « {self.nom} » repris : "
            f"{plural(len(self.ecrites), 'exercice', 'exercices')} "
            f"({', '.join(self.ecrites) or 'aucun'})."
        )
        if self.mises_de_cote:
            text += (
                f" Vos réponses précédentes de ces exercices sont gardées dans "
                f"{shown_path(self.mises_de_cote[0].parent)}/."
            )
        if rafraichis:
            text += f" Déjà affichés et mis à jour : {', '.join(rafraichis)}."
        if refus:
            text += " Non repris à l’écran : " + " ; ".join(f"{e} ({why})" for e, why in refus)
        return text + " Les exercices affichés ensuite reprendront ces réponses."


class PartlyResumed(Exception):
    """A resumption the system stopped midway (a full disk…): what was written before."""

    def __init__(self, done: Resumption, exc: OSError) -> None:
        self.done = done
        written = ", ".join(done.ecrites) or "aucun"
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
        super().__init__(
            f"Reprise interrompue ({system_reason(exc)}) : "
            f"{plural(len(done.ecrites), 'exercice repris', 'exercices repris', False)} : "
            f"{written} ; "
            "les autres gardent vos réponses actuelles. "
            + ("Libérez de la place, puis reprenez" if full else "Reprenez")
            + " le fichier à nouveau."
        )


def resume(rendu: Handin, folder: Path | None = None) -> Resumption:
    """Write a hand-in's answers into the work folder, so the exercises show them.

    A different answer already saved (or an unreadable one) is first copied to
    ``avant_reprise/<date>/``: nothing is lost. The widgets already on screen are refreshed
    by the caller (« Mes travaux »).
    """
    folder = folder or work_folder()
    backups: list[Path] = []
    backup_dir = folder / BACKUP_FOLDER / now().strftime("%Y%m%d-%H%M%S")
    for eid, answer in rendu.reponses.items():
        path = answer_path(eid, folder)
        with contextlib.suppress(UnreadableWork):  # none, or unreadable: then kept as well
            if _read_saved(path, eid, path.name).reponse == answer:
                continue
        if path.is_file():
            backups.append(backup_dir / path.name)
            atomic_write_bytes(backups[-1], path.read_bytes())
    written: list[str] = []
    try:
        for eid, answer in rendu.reponses.items():
            save_answer(eid, answer, folder)
            written.append(eid)
        created = read_profile(folder).get("cree", rendu.cree)
        atomic_write_bytes(folder / PROFILE_FILE, dumps({"nom": rendu.nom, "cree": created}))
    except OSError as exc:
        raise PartlyResumed(Resumption(rendu.nom, tuple(written), tuple(backups)), exc) from None
    return Resumption(rendu.nom, tuple(rendu.reponses), tuple(backups))


# What a USB stick or a drive holds for the system (FAT, exFAT, NTFS), on any computer it is
# read on: never a hand-in. Compared whatever the case, as Windows names them.
SYSTEM_NAMES = frozenset(
    name.casefold()
    for name in ("System Volume Information", "$RECYCLE.BIN", "desktop.ini", "Thumbs.db")
)
JUNCTION = 0xA0000003  # IO_REPARSE_TAG_MOUNT_POINT, which the stat module has on Windows only


def handin_files(
    folder: Path, *, hidden: bool = False, work_folders: bool = False
) -> list[tuple[str, str]]:
    """Every file a folder holds, sub-folders included (one removed meanwhile is skipped), as
    (path relative to the folder, full path), sorted: by default, for a class folder, hidden
    files and folders left out; the system's own (:func:`_system_entry`) always. A link is
    never followed, to a folder or not: links and special files are listed like files, for
    the reader to refuse them unopened. A sub-folder the system does not let the course read
    is listed as ``<nom>/``, for the reader to refuse it, saying why (:func:`gather_handin`);
    the others are read all the same. With ``work_folders``, a sub-folder that is a
    participant's work folder (:func:`is_work_folder`) is listed whole, as ``<nom>/``, and not
    opened."""
    found: list[tuple[str, str]] = []
    folders = [(os.fspath(folder), "")]
    while folders:
        where, prefix = folders.pop()
        try:
            entries = list(os.scandir(where))
        except FileNotFoundError:
            continue
        except OSError:
            if not prefix:
                raise  # the folder asked for: nothing of it can be read
            found.append((prefix, where))
            continue
        for entry in entries:
            if (entry.name.startswith(".") and not hidden) or _system_entry(entry, hidden):
                continue
            if entry.is_dir(follow_symlinks=False):
                if work_folders and is_work_folder(Path(entry.path)):
                    found.append((f"{prefix}{entry.name}/", entry.path))
                    continue
                folders.append((entry.path, f"{prefix}{entry.name}/"))
            else:
                found.append((prefix + entry.name, entry.path))
    return sorted(found)


def _system_entry(entry: os.DirEntry[str], hidden: bool) -> bool:
    """Whether a folder's entry is the system's, never a hand-in: one of :data:`SYSTEM_NAMES`;
    on Windows, a file or folder with the system attribute, or unless ``hidden`` the hidden
    one, and a junction (« Ma musique » in « Documents »: another folder, often forbidden).
    Other reparse points are kept: OneDrive's files and folders are ones."""
    if entry.name.casefold() in SYSTEM_NAMES:
        return True
    if os.name != "nt":
        return False
    try:
        info = entry.stat(follow_symlinks=False)  # Windows gives it with the folder's list
    except OSError:
        return False  # removed meanwhile: the reader says so
    attributes = getattr(info, "st_file_attributes", 0)
    if attributes & stat.FILE_ATTRIBUTE_SYSTEM:
        return True
    if attributes & stat.FILE_ATTRIBUTE_HIDDEN and not hidden:
        return True
    return (
        bool(attributes & stat.FILE_ATTRIBUTE_REPARSE_POINT)
        and getattr(info, "st_reparse_tag", 0) == JUNCTION
    )
