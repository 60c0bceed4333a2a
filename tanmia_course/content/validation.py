"""Check content files against the JSON Schema of their kind, with French messages.

Imported only when needed: ``jsonschema`` takes about two seconds to import. The loader
runs these checks on a trainer's files, and on every file for ``tanmia-course valider``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from ..display.text import plural
from ..errors import Probleme

SCHEMAS = Path(__file__).parent / "schema"
# The lists of a file whose entries are items, named in messages by their id.
_LISTS = ("items", "themes", "questions")

_TYPES = {
    "string": "un texte",
    "object": "un bloc de champs (par exemple « fr : … »)",
    "array": "une liste (lignes commençant par « - »)",
    "boolean": "vrai ou faux (true / false)",
    "integer": "un nombre entier",
    "number": "un nombre",
}


# The French message of each schema rule, given the rule's value (``expected``) and the value
# found (``value``); ``additionalProperties``, ``type`` and ``required`` are written below.
_MESSAGES = {
    "minLength": "ne doit pas être vide",
    "minItems": "doit contenir au moins {counted}",
    "maxItems": "doit contenir au plus {counted}",
    "pattern": (
        "« {value} » n’est pas un identifiant valide : lettres minuscules sans accent, "
        "chiffres et _, en commençant par une lettre (par exemple commune_ait_sidi_brahim)"
    ),
    "enum": "« {value} » n’est pas une valeur permise ; valeurs possibles : {listed}",
    "const": "doit valoir « {expected} »",
    "minimum": "doit valoir au moins {expected} (ici {value})",
    "maximum": "doit valoir au plus {expected} (ici {value})",
    "minProperties": "ne doit pas être vide : au moins {fields}",
    "uniqueItems": "contient deux fois la même valeur",
    "oneOf": "ne correspond à aucune des formes permises (voir la documentation du type)",
    "anyOf": "ne correspond à aucune des formes permises (voir la documentation du type)",
}


def _french(error: jsonschema.ValidationError) -> str:
    """The French message for one schema error (``required`` is handled by the caller)."""
    v, value, expected = error.validator, error.instance, error.validator_value
    if v == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        allowed = ", ".join(error.schema.get("properties", {}))
        return (
            f"champ non prévu « {', '.join(extra)} » (faute de frappe ?) ; "
            f"champs possibles : {allowed}"
        )
    if v == "type":
        return f"doit être {_TYPES.get(expected, expected)}, pas « {value!r} »"
    if v in _MESSAGES:
        listed = ", ".join(map(str, expected)) if v == "enum" else ""
        counted, fields = (
            (plural(n, "élément", "éléments"), plural(n, "champ attendu", "champs attendus"))
            if isinstance(n := expected, int)
            else ("", "")
        )
        return _MESSAGES[v].format(
            expected=expected, value=value, listed=listed, counted=counted, fields=fields
        )
    return f"valeur non valide (règle « {v} » du schéma)"


def schema_problems(data: Any, file_label: str) -> list[Probleme]:
    """Every way ``data`` (a parsed file of a known kind) breaks its schema, in French."""
    schema = json.loads((SCHEMAS / f"{data['kind']}.schema.json").read_text(encoding="utf-8"))
    problems = []
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.path])
    for error in errors:
        path = list(error.absolute_path)
        element = None
        if len(path) >= 2 and path[0] in _LISTS and isinstance(path[1], int):
            raw = data[path[0]][path[1]]
            has_id = isinstance(raw, dict) and isinstance(raw.get("id"), str)
            element = raw["id"] if has_id else f"n° {path[1] + 1} de « {path[0]} »"
            path = path[2:]
        elif isinstance(data.get("id"), str):
            element = data["id"]  # a single-item file: a quiz, a case study
        if error.validator == "required":
            for missing in (n for n in error.validator_value if n not in error.instance):
                field = ".".join(str(p) for p in [*path, missing])
                problems.append(Probleme(file_label, "ce champ obligatoire manque", element, field))
            continue
        message = _french(error)
        field = ".".join(str(p) for p in path)
        problems.append(Probleme(file_label, message, element, field or None))
    return problems
