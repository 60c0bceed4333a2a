"""Load the course content: the package's YAML files, then a trainer's own folders.

A trainer points the course at a folder of YAML files (``TANMIA_CONTENU`` environment
variable, or :func:`utiliser_contenu`). Each file states its ``kind``; its items are added
to the shipped ones, and an item whose id already exists replaces it. Trainer files are
checked against the JSON Schema of their kind when loaded. Content is built as one whole:
a single malformed file raises :class:`~tanmia_course.errors.ContenuInvalide` and nothing
of it is used (the content loaded before stays in force).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

import yaml

from ..display.text import french_spacing
from ..errors import ContenuInvalide, Probleme, system_reason
from .checks import cross_check
from .model import Actor, Content, MapRule, Ranking

T = TypeVar("T")

PACKAGE_CONTENT = Path(__file__).parent
ENV_VAR = "TANMIA_CONTENU"
MAX_BYTES = 1024 * 1024  # 1 Mio: the course's biggest file is 12 kio; a bigger one is a mistake


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """pyyaml's safe loader (libyaml's when pyyaml was built with it, about ten times
    faster: the same data either way), stricter on what a content file may hold: no alias
    (``*name``, which lets 500 bytes unfold into gigabytes), no key given twice (the last
    would silently win), keys that are texts."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:  # the same node again: only an alias does that
            raise _refusal(node, "alias YAML (« *nom ») : recopiez la valeur à la place")
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = set()
        for key_node, _ in node.value:
            key = key_node.value
            if not isinstance(key_node, yaml.ScalarNode):
                raise _refusal(key_node, "une clé est un nom, pas une liste ni un dictionnaire")
            if key_node.tag != "tag:yaml.org,2002:str":
                raise _refusal(key_node, f"clé « {key[:40]} » : une clé est un nom (texte)")
            if key in keys:
                raise _refusal(key_node, f"clé « {key[:40]} » donnée deux fois")
            keys.add(key)
        return super().construct_mapping(node, deep)


def _refusal(node: yaml.Node, problem: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


# What an item may leave out that is not simply absent (None), empty (a list) or false (a
# flag): worked out from its other keys, before it is built.
_DEFAULTS: dict[type, Callable[[dict[str, Any]], dict[str, Any]]] = {
    Actor: lambda d: {"category": d["id"]},  # a guide actor is its own category
    Ranking: lambda d: {"label": {"fr": d["id"]}},  # a participant with no name: their id
    # ``count: {min, max}``; without it, the rule needs one matching actor
    MapRule: lambda d: (
        {"count_min": 1}
        if d.get("count") is None
        else {f"count_{k}": v for k, v in d["count"].items()}
    ),
}


@cache
def _fields(cls: type) -> list[tuple[str, str, Any, Any]]:
    """(name, YAML key, type, default) of each field of the dataclass ``cls``."""
    hints = get_type_hints(cls)
    return [(f.name, f.metadata.get("yaml", f.name), hints[f.name], f.default) for f in fields(cls)]


def build(cls: type[T], data: dict[str, Any], **given: Any) -> T:
    """An item of the model from its YAML mapping, led by the dataclass's fields and types.

    A field is read from the key of its name (or its ``yaml`` metadata); a ``Text`` from its
    languages, a tuple from a list, or from a mapping keyed by id; the ``given`` fields are
    set as they are. A key left out gives the field's default, else None, an empty tuple or
    False; a key the field needs raises KeyError (the JSON Schema names it, in French).

    >>> build(Actor, {"id": "etat", "label": {"fr": "L’Etat"}, "role": {"fr": "R"},
    ...     "contribution": {"fr": "A"}}, source="guide").category
    'etat'
    """
    if cls in _DEFAULTS:
        data = {**_DEFAULTS[cls](data), **data}
    values = dict(given)
    for name, key, hint, default in _fields(cls):
        if name in given:
            continue
        value = data.get(key)
        if value is not None:
            try:
                values[name] = _value(hint, value)
            except ValueError as exc:  # a list of the wrong length
                raise ValueError(key) from exc
        elif default is not MISSING:
            values[name] = default
        elif NoneType in get_args(hint):
            values[name] = None
        elif get_origin(hint) is tuple or hint is bool:
            values[name] = hint()
        else:
            raise KeyError(key)
    return cls(**values)


def _value(hint: Any, value: Any) -> Any:
    """``value`` read from YAML as the type ``hint`` of the model."""
    args = get_args(hint)
    if get_origin(hint) is UnionType:  # X | None, and the value is there
        return _value(args[0], value)
    if get_origin(hint) is tuple:
        if args[-1] is not Ellipsis:  # a fixed number of items
            return tuple(_value(a, v) for a, v in zip(args, value, strict=True))
        if isinstance(value, dict) and is_dataclass(args[0]):  # keyed by id: its first field
            first = fields(args[0])[0].name
            return tuple(build(args[0], v, **{first: key}) for key, v in value.items())
        if isinstance(value, dict):  # keyed pairs: (key, value)
            return tuple(_value(args[0], pair) for pair in value.items())
        return tuple(_value(args[0], v) for v in value)
    if is_dataclass(hint):
        return build(hint, value)
    if hint in (bool, int, float):
        return hint(value)
    # every text a person reads gets its French spacing here (ids and keys have no such sign)
    return french_spacing(value) if isinstance(value, str) else value


# kind -> (field of Content, French name of one item); the field's type gives the item's class
KINDS: dict[str, tuple[str, str]] = {
    "definitions": ("definitions", "définition"),
    "actors": ("actors", "acteur"),
    "mechanisms": ("mechanisms", "mécanisme"),
    "origins": ("origins", "origine"),
    "benefits": ("benefits", "avantage"),
    "practices": ("practices", "bonne pratique"),
    "criteria": ("criteria", "critère"),
    "warning_signs": ("warning_signs", "signe d’alerte"),
    "steps": ("steps", "étape"),
    "clauses": ("clauses", "clause"),
    "quiz": ("quizzes", "quiz"),
    "rankings": ("ranking_groups", "groupe de classements"),
    "agreement_levels": ("agreement_levels", "niveau d’accord"),
    "case_study": ("case_studies", "étude de cas"),
    "resource_types": ("resource_types", "type de ressource"),
    "stances": ("stances", "position"),
    "relation_levels": ("relation_levels", "niveau de relation"),
    "link_types": ("link_types", "type de lien"),
    "engagement_strategies": ("engagement_strategies", "stratégie"),
    "actor_map_rules": ("actor_map_rules", "règle de la carte des acteurs"),
    "actor_maps": ("actor_maps", "carte des acteurs"),
    "territory": ("territories", "territoire"),
    "agendas": ("agendas", "programme"),
    "activities": ("activities", "activité"),
    "forms": ("forms", "fiches de l’atelier"),
    "agreement_rules": ("agreement_rules", "règle de la convention"),
    "agreement_drafts": ("agreement_drafts", "convention de référence"),
    "templates": ("templates", "modèle de document"),
}
# The kinds whose file is one item: a quiz, a case study, a territory, a workshop's forms
ONE_PER_FILE = ("quiz", "case_study", "territory", "forms")
_THEMES = ("themes", "thème")  # themes come in a benefits file
# The class of the items of each field of Content (``tuple[Actor, ...]``: Actor).
_ITEM_CLASS = {name: get_args(hint)[0] for name, hint in get_type_hints(Content).items()}


class _TooBig(Exception):
    """A content file over :data:`MAX_BYTES`."""


@dataclass(frozen=True)
class SourceFile:
    """A content file to read: where it is, how to name it in messages, who wrote it."""

    path: Path
    label: str
    default_source: str  # "course" for the package's files, "trainer" for a trainer's


def package_files() -> list[SourceFile]:
    root = PACKAGE_CONTENT.parents[1]  # files are named from the package: tanmia_course/…
    return [
        SourceFile(p, p.relative_to(root).as_posix(), "course")
        for p in sorted(PACKAGE_CONTENT.rglob("*.yaml"))
    ]


def trainer_files(folder: Path) -> list[SourceFile]:
    if not folder.is_dir():
        raise ContenuInvalide(
            [Probleme(str(folder), "ce dossier de contenu n’existe pas (vérifiez le chemin)")]
        )
    # JSON is YAML too: a file written as JSON is read, never left out unsaid
    paths = sorted(p for ext in ("*.yaml", "*.yml", "*.json") for p in folder.rglob(ext))
    return [SourceFile(p, str(p), "trainer") for p in paths]


def read_yaml(file: SourceFile) -> tuple[Any, list[Probleme]]:
    """Parse one file; a syntax error becomes a French problem with its line."""
    kinds, champ = ", ".join(KINDS), None
    try:
        with file.path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise _TooBig
        data = yaml.load(raw.decode("utf-8"), Loader=_Loader)
    except _TooBig:
        message = (
            f"fichier trop volumineux (plus de {MAX_BYTES // 2**20} Mio) : un fichier de contenu "
            "fait quelques kilo-octets ; coupez-le en plusieurs fichiers"
        )
    except UnicodeDecodeError:
        message = "le fichier n’est pas en UTF-8"
    except OSError as exc:
        message = f"lecture impossible ({system_reason(exc)})"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        detail = getattr(exc, "problem", None) or str(exc)
        message = (
            f"YAML illisible{where} (vérifiez l’indentation, les deux-points et les "
            f"guillemets ; détail technique : {detail})"
        )
    else:
        if not isinstance(data, dict) or "kind" not in data:
            message = f"le fichier doit commencer par « kind: » suivi du type de contenu ({kinds})"
        elif not isinstance(data["kind"], str) or data["kind"] not in KINDS:
            shown = str(data["kind"])[:60]
            message = f"type de contenu « {shown} » inconnu ; types possibles : {kinds}"
            champ = "kind"
        else:
            return data, []
    return None, [Probleme(file.label, message, champ=champ)]


def _entries(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The (kind, raw item) pairs a parsed file holds."""
    kind = data["kind"]
    if kind in ONE_PER_FILE:
        return [(kind, data)]
    pairs = [(kind, item) for item in data["items"]]
    if kind == "benefits":
        pairs = [("themes", theme) for theme in data.get("themes", [])] + pairs
    return pairs


def build_content(files: Iterable[SourceFile], validate: bool = False) -> Content:
    """Read, check and merge ``files`` in order into one :class:`Content`.

    ``validate`` runs the JSON Schema of each kind (jsonschema is slow to import, so by
    default only trainer files are checked this way; the package's files are checked by
    the tests and by ``tanmia-course valider``).
    """
    problems: list[Probleme] = []
    merged: dict[str, dict[str, Any]] = {field: {} for field, _ in [*KINDS.values(), _THEMES]}
    where: dict[tuple[str, str], str] = {}
    labels: list[str] = []
    for file in files:
        labels.append(file.label)
        data, file_problems = read_yaml(file)
        if not file_problems and (validate or file.default_source == "trainer"):
            from .validation import schema_problems

            file_problems = schema_problems(data, file.label)
        problems += file_problems
        if file_problems:
            continue
        seen: set[tuple[str, str]] = set()
        for kind, raw in _entries(data):
            field, noun = _THEMES if kind == "themes" else KINDS[kind]
            item_id = raw.get("id") if isinstance(raw, dict) else None
            if (field, item_id) in seen:
                problems.append(
                    Probleme(file.label, f"identifiant en double dans ce fichier ({noun})", item_id)
                )
                continue
            seen.add((field, item_id))
            try:
                source = raw.get("source", data.get("source", file.default_source))
                item = build(_ITEM_CLASS[field], raw, source=source)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                problems.append(
                    Probleme(
                        file.label,
                        f"structure inattendue ({noun}) ; lancez « tanmia-course valider » "
                        "pour le détail",
                        item_id,
                        str(exc.args[0]) if exc.args else None,
                    )
                )
                continue
            merged[field][item.id] = item
            where[(field, item.id)] = file.label
    if not problems:
        problems = cross_check(merged, where)
    if problems:
        raise ContenuInvalide(problems)
    return Content(**{k: tuple(v.values()) for k, v in merged.items()}, files=tuple(labels))


_state: dict[str, Any] = {"folders": None, "key": None, "content": None}


def active_folders() -> list[Path]:
    """The trainer's content folders in force: set by :func:`utiliser_contenu`, else the
    ``TANMIA_CONTENU`` variable (several folders separated by ``os.pathsep``)."""
    if _state["folders"] is not None:
        return list(_state["folders"])
    env = os.environ.get(ENV_VAR, "")
    return [Path(part).expanduser() for part in env.split(os.pathsep) if part.strip()]


def content_files(folders: list[Path]) -> list[SourceFile]:
    """The package's files, then those of each trainer's folder, in the order they merge."""
    return package_files() + [f for folder in folders for f in trainer_files(folder)]


def load_content(folders: Iterable[str | os.PathLike[str]] | None = None) -> Content:
    """The content in force, rebuilt only when a file has changed since the last call."""
    folder_list = active_folders() if folders is None else [Path(f) for f in folders]
    files = content_files(folder_list)
    key = tuple((f.path, f.path.stat().st_mtime_ns, f.path.stat().st_size) for f in files)
    if key != _state["key"]:
        _state["key"], _state["content"] = key, build_content(files)
    return _state["content"]


def utiliser_contenu(*dossiers: str | os.PathLike[str]) -> Content:
    """Use a trainer's content folder(s) besides the course's own; no argument: only the
    course's content. The folders are checked first: if one is broken, the error says
    where and the content in force does not change.
    """
    folders = [Path(d).expanduser() for d in dossiers]
    content = load_content(folders)
    _state["folders"] = folders
    return content
