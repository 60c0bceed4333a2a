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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContenuInvalide, Probleme
from .checks import cross_check
from .model import (
    Actor,
    ActorMap,
    AgreementLevel,
    Benefit,
    CaseActor,
    CaseStudy,
    Content,
    Criterion,
    Definition,
    EngagementStrategy,
    Item,
    LinkType,
    MapLink,
    MappedActor,
    MapRule,
    Option,
    Origin,
    Paragraph,
    Question,
    Quiz,
    Ranking,
    RankingGroup,
    ReferenceAudit,
    ReferenceEvidence,
    ReferenceRating,
    RelationLevel,
    ResourceType,
    RuleCondition,
    Stance,
    Step,
    Text,
    Theme,
    WarningSign,
)

PACKAGE_CONTENT = Path(__file__).parent
ENV_VAR = "TANMIA_CONTENU"
# libyaml's safe loader when pyyaml was built with it (about ten times faster), else the
# pure-Python one: the same data either way.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# kind -> (field of Content, French name of one item, builder)
_Builder = Callable[[dict[str, Any], str], Any]


def _text(data: dict[str, Any], key: str) -> Text:
    return Text.from_data(data[key])


def _opt_text(data: dict[str, Any], key: str) -> Text | None:
    return Text.from_data(data[key]) if key in data else None


def _item(d: dict[str, Any], source: str) -> Item:
    return Item(d["id"], _text(d, "label"), _text(d, "explanation"), source)


def _definition(d: dict[str, Any], source: str) -> Definition:
    return Definition(d["id"], _text(d, "label"), d["concept"], source)


def _actor(d: dict[str, Any], source: str) -> Actor:
    return Actor(
        d["id"],
        _text(d, "label"),
        _text(d, "role"),
        _text(d, "contribution"),
        d.get("category", d["id"]),
        source,
    )


def _origin(d: dict[str, Any], source: str) -> Origin:
    return Origin(
        d["id"], _text(d, "label"), _text(d, "explanation"), _opt_text(d, "example"), source
    )


def _theme(d: dict[str, Any], source: str) -> Theme:
    return Theme(d["id"], _text(d, "label"), _text(d, "description"), source)


def _benefit(d: dict[str, Any], source: str) -> Benefit:
    return Benefit(d["id"], _text(d, "label"), d["theme"], _opt_text(d, "explanation"), source)


def _criterion(d: dict[str, Any], source: str) -> Criterion:
    levels = tuple(Text.from_data(level) for level in d["levels"])
    if len(levels) != 4:
        raise ValueError("levels")
    return Criterion(
        d["id"], _text(d, "label"), _text(d, "short"), _text(d, "question"), levels, source
    )


def _warning_sign(d: dict[str, Any], source: str) -> WarningSign:
    return WarningSign(
        d["id"], _text(d, "label"), _text(d, "explanation"), bool(d.get("truncated")), source
    )


def _step(d: dict[str, Any], source: str) -> Step:
    return Step(
        d["id"],
        _text(d, "label"),
        _text(d, "purpose"),
        tuple(Text.from_data(t) for t in d["activities"]),
        tuple(Text.from_data(t) for t in d["tools"]),
        source,
    )


def _quiz(d: dict[str, Any], source: str) -> Quiz:
    questions = tuple(
        Question(
            q["id"],
            q["type"],
            _text(q, "prompt"),
            tuple(
                Option(o["id"], _text(o, "text"), bool(o["correct"]), _text(o, "feedback"))
                for o in q["options"]
            ),
        )
        for q in d["questions"]
    )
    return Quiz(d["id"], _text(d, "title"), questions, source)


def _case_study(d: dict[str, Any], source: str) -> CaseStudy:
    ref = d["reference"]

    def evidence(block: dict[str, Any] | None) -> tuple[ReferenceEvidence, ...]:
        return tuple(
            ReferenceEvidence(key, e["quote"], _opt_text(e, "comment"))
            for key, e in (block or {}).items()
        )

    reference = ReferenceAudit(
        criteria=tuple(
            ReferenceRating(key, r["level"], _text(r, "rationale"), r.get("quote"))
            for key, r in ref["criteria"].items()
        ),
        practices=evidence(ref.get("practices")),
        warning_signs=evidence(ref.get("warning_signs")),
        recommendations=tuple(Text.from_data(t) for t in ref["recommendations"]),
        verdict=ref.get("verdict"),
    )
    return CaseStudy(
        d["id"],
        _text(d, "title"),
        _text(d, "summary"),
        _text(d, "notice"),
        tuple(
            CaseActor(_text(a, "name"), _text(a, "role"), a.get("category"))
            for a in d.get("actors") or ()
        ),
        tuple(Paragraph(p["id"], _text(p, "text")) for p in d["paragraphs"]),
        reference,
        source,
    )


def _ranking_group(d: dict[str, Any], source: str) -> RankingGroup:
    rankings = tuple(
        Ranking(
            r["id"],
            Text.from_data(r["label"]) if "label" in r else Text(r["id"]),
            r["mode"],
            tuple(r["order"]),
        )
        for r in d["rankings"]
    )
    return RankingGroup(d["id"], _text(d, "label"), _opt_text(d, "description"), rankings, source)


def _agreement_level(d: dict[str, Any], source: str) -> AgreementLevel:
    return AgreementLevel(
        d["id"], _text(d, "label"), d["measure"], float(d["min"]), _text(d, "reading"), source
    )


# --- Actor map (exercise 01, « Cartographie des acteurs ») ---------------------------------


def _resource_type(d: dict[str, Any], source: str) -> ResourceType:
    return ResourceType(d["id"], _text(d, "label"), _text(d, "description"), source)


def _stance(d: dict[str, Any], source: str) -> Stance:
    return Stance(d["id"], _text(d, "label"), int(d["value"]), _text(d, "explanation"), source)


def _relation_level(d: dict[str, Any], source: str) -> RelationLevel:
    return RelationLevel(
        d["id"], _text(d, "label"), int(d["rank"]), _text(d, "explanation"), source
    )


def _link_type(d: dict[str, Any], source: str) -> LinkType:
    return LinkType(d["id"], _text(d, "label"), _text(d, "explanation"), source)


def _engagement_strategy(d: dict[str, Any], source: str) -> EngagementStrategy:
    return EngagementStrategy(
        d["id"], _text(d, "label"), d["influence"], d["interest"], _text(d, "explanation"), source
    )


def _map_rule(d: dict[str, Any], source: str) -> MapRule:
    where = tuple(
        (field, RuleCondition(c.get("min"), c.get("max"), tuple(c["in"]) if "in" in c else None))
        for field, c in (d.get("where") or {}).items()
    )
    count = d.get("count")
    count_min, count_max = (1, None) if count is None else (count.get("min"), count.get("max"))
    return MapRule(
        d["id"],
        d["tone"],
        _text(d, "message"),
        where,
        count_min,
        count_max,
        bool(d.get("every")),
        d.get("all_same"),
        bool(d.get("stop")),
        source,
    )


def _actor_map(d: dict[str, Any], source: str) -> ActorMap:
    actors = tuple(
        MappedActor(
            a["id"],
            _opt_text(a, "label"),
            a.get("category"),
            a["influence"],
            a["interest"],
            a["stance"],
            tuple(a["resources"]),
            a["current"],
            a["target"],
            _opt_text(a, "note"),
        )
        for a in d["actors"]
    )
    links = tuple(MapLink(k["source"], k["target"], k["type"]) for k in d.get("links") or ())
    return ActorMap(d["id"], _text(d, "title"), _text(d, "project"), actors, links, source)


KINDS: dict[str, tuple[str, str, _Builder]] = {
    "definitions": ("definitions", "définition", _definition),
    "actors": ("actors", "acteur", _actor),
    "mechanisms": ("mechanisms", "mécanisme", _item),
    "origins": ("origins", "origine", _origin),
    "benefits": ("benefits", "avantage", _benefit),
    "practices": ("practices", "bonne pratique", _item),
    "criteria": ("criteria", "critère", _criterion),
    "warning_signs": ("warning_signs", "signe d’alerte", _warning_sign),
    "steps": ("steps", "étape", _step),
    "clauses": ("clauses", "clause", _item),
    "quiz": ("quizzes", "quiz", _quiz),
    "rankings": ("ranking_groups", "groupe de classements", _ranking_group),
    "agreement_levels": ("agreement_levels", "niveau d’accord", _agreement_level),
    "case_study": ("case_studies", "étude de cas", _case_study),
    "resource_types": ("resource_types", "type de ressource", _resource_type),
    "stances": ("stances", "position", _stance),
    "relation_levels": ("relation_levels", "niveau de relation", _relation_level),
    "link_types": ("link_types", "type de lien", _link_type),
    "engagement_strategies": ("engagement_strategies", "stratégie", _engagement_strategy),
    "actor_map_rules": ("actor_map_rules", "règle de la carte des acteurs", _map_rule),
    "actor_maps": ("actor_maps", "carte des acteurs", _actor_map),
}


@dataclass(frozen=True)
class SourceFile:
    """A content file to read: where it is, how to name it in messages, who wrote it."""

    path: Path
    label: str
    default_source: str  # "course" for the package's files, "trainer" for a trainer's


def package_files() -> list[SourceFile]:
    return [
        SourceFile(
            p, f"tanmia_course/content/{p.relative_to(PACKAGE_CONTENT).as_posix()}", "course"
        )
        for p in sorted(PACKAGE_CONTENT.rglob("*.yaml"))
    ]


def trainer_files(folder: Path) -> list[SourceFile]:
    if not folder.is_dir():
        raise ContenuInvalide(
            [Probleme(str(folder), "ce dossier de contenu n’existe pas (vérifiez le chemin)")]
        )
    paths = sorted(p for ext in ("*.yaml", "*.yml") for p in folder.rglob(ext))
    return [SourceFile(p, str(p), "trainer") for p in paths]


def read_yaml(file: SourceFile) -> tuple[Any, list[Probleme]]:
    """Parse one file; a syntax error becomes a French problem with its line."""
    try:
        text = file.path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Probleme(file.label, "le fichier n’est pas en UTF-8")]
    except OSError as exc:
        return None, [Probleme(file.label, f"lecture impossible ({exc.strerror})")]
    try:
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        detail = getattr(exc, "problem", None) or str(exc)
        return None, [
            Probleme(
                file.label,
                f"YAML illisible{where} (vérifiez l’indentation, les deux-points et les "
                f"guillemets ; détail technique : {detail})",
            )
        ]
    if not isinstance(data, dict) or "kind" not in data:
        return None, [
            Probleme(
                file.label,
                "le fichier doit commencer par « kind: » suivi du type de contenu "
                f"({', '.join(KINDS)})",
            )
        ]
    if data["kind"] not in KINDS:
        return None, [
            Probleme(
                file.label,
                f"type de contenu « {data['kind']} » inconnu ; types possibles : "
                f"{', '.join(KINDS)}",
                champ="kind",
            )
        ]
    return data, []


def _entries(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The (kind, raw item) pairs a parsed file holds."""
    kind = data["kind"]
    if kind == "quiz":
        return [("quiz", data)]
    if kind == "case_study":  # one case per file, like a quiz
        return [("case_study", data)]
    pairs = [(kind, item) for item in data["items"]]
    if kind == "benefits":
        pairs = [("themes", theme) for theme in data.get("themes", [])] + pairs
    return pairs


_THEMES = ("themes", "thème", _theme)


def build_content(files: Iterable[SourceFile], validate: bool | None = None) -> Content:
    """Read, check and merge ``files`` in order into one :class:`Content`.

    ``validate`` runs the JSON Schema of each kind (jsonschema is slow to import, so by
    default only trainer files are checked this way; the package's files are checked by
    the tests and by ``tanmia-course valider``).
    """
    problems: list[Probleme] = []
    merged: dict[str, dict[str, Any]] = {field: {} for field, _, _ in KINDS.values()}
    merged["themes"] = {}
    where: dict[tuple[str, str], str] = {}
    labels: list[str] = []
    for file in files:
        labels.append(file.label)
        data, file_problems = read_yaml(file)
        if not file_problems and (
            validate or (validate is None and file.default_source == "trainer")
        ):
            from .validation import schema_problems

            file_problems = schema_problems(data, file.label)
        problems += file_problems
        if file_problems:
            continue
        seen: set[tuple[str, str]] = set()
        for kind, raw in _entries(data):
            field, noun, builder = _THEMES if kind == "themes" else KINDS[kind]
            item_id = raw.get("id") if isinstance(raw, dict) else None
            if (field, item_id) in seen:
                problems.append(
                    Probleme(file.label, f"identifiant en double dans ce fichier ({noun})", item_id)
                )
                continue
            seen.add((field, item_id))
            try:
                item = builder(raw, raw.get("source", data.get("source", file.default_source)))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                problems.append(
                    Probleme(
                        file.label,
                        f"structure inattendue ({noun}) ; lancez « tanmia-course valider » "
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


def validate_files(files: list[SourceFile]) -> list[Probleme]:
    """Every problem of ``files``, all checked against their JSON Schema, as
    ``tanmia-course valider`` lists them; an empty list when the content would load."""
    try:
        build_content(files, validate=True)
    except ContenuInvalide as exc:
        return exc.problemes
    return []


_state: dict[str, Any] = {"folders": None, "key": None, "content": None}


def active_folders() -> list[Path]:
    """The trainer's content folders in force: set by :func:`utiliser_contenu`, else the
    ``TANMIA_CONTENU`` variable (several folders separated by ``os.pathsep``)."""
    if _state["folders"] is not None:
        return list(_state["folders"])
    env = os.environ.get(ENV_VAR, "")
    return [Path(part).expanduser() for part in env.split(os.pathsep) if part.strip()]


def _files_for(folders: list[Path]) -> list[SourceFile]:
    return package_files() + [f for folder in folders for f in trainer_files(folder)]


def load_content(folders: Iterable[str | os.PathLike[str]] | None = None) -> Content:
    """The content in force, rebuilt only when a file has changed since the last call."""
    folder_list = active_folders() if folders is None else [Path(f) for f in folders]
    files = _files_for(folder_list)
    key = tuple((f.path, f.path.stat().st_mtime_ns, f.path.stat().st_size) for f in files)
    if key != _state["key"]:
        content = build_content(files)
        _state["key"], _state["content"] = key, content
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
