"""Schema errors in French, pointing at the file, the item and the field."""

from __future__ import annotations

import pytest

from tanmia_course.content.validation import schema_problems


def actors(**item):
    base = {
        "id": "commune_x",
        "label": {"fr": "Commune X"},
        "role": {"fr": "R"},
        "contribution": {"fr": "A"},
    }
    base.update(item)
    return {"kind": "actors", "items": [{k: v for k, v in base.items() if v is not None}]}


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (actors(role=None), "role", "obligatoire"),
        (actors(label={"fr": ""}), "label.fr", "vide"),
        (actors(label="Commune X"), "label", "bloc de champs"),
        (actors(label={"fr": "X", "de": "Y"}), "label", "« de »"),
        (actors(id="Commune X"), "id", "identifiant valide"),
        (actors(source="moi"), "source", "valeurs possibles\xa0: guide, course, trainer"),
        (actors(label={"en": "Town X"}), "label.fr", "obligatoire"),
    ],
)
def test_each_schema_rule_has_a_french_message(data, field, words):
    problems = schema_problems(data, "acteurs.yaml")
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.fichier, problem.champ) == ("acteurs.yaml", field)
    assert problem.element in ("commune_x", "Commune X")
    assert words in problem.message


def test_criteria_need_exactly_four_levels():
    data = {
        "kind": "criteria",
        "items": [
            {
                "id": "c",
                "label": {"fr": "C"},
                "short": {"fr": "C"},
                "question": {"fr": "Q ?"},
                "levels": [{"fr": "0"}, {"fr": "1"}, {"fr": "2"}],
            }
        ],
    }
    (problem,) = schema_problems(data, "criteres.yaml")
    assert problem.champ == "levels" and "au moins 4" in problem.message


def test_an_item_without_id_is_named_by_its_position():
    (problem,) = schema_problems(
        {"kind": "mechanisms", "items": [{"label": {"fr": "L"}, "explanation": {"fr": "E"}}]},
        "m.yaml",
    )
    assert problem.element == "n° 1 de « items »" and problem.champ == "id"


def test_every_problem_is_reported_not_only_the_first():
    data = actors(role=None, contribution=None)
    assert {p.champ for p in schema_problems(data, "a.yaml")} == {"role", "contribution"}


def test_a_single_item_file_is_named_by_its_id():
    data = {"kind": "quiz", "id": "quiz_local", "title": {"fr": "T"}, "questions": []}
    (problem,) = schema_problems(data, "quiz.yaml")
    assert (problem.element, problem.champ) == ("quiz_local", "questions")
    assert "au moins 1" in problem.message


def test_numbers_out_of_bounds_are_named_with_the_bound():
    data = {
        "kind": "agreement_levels",
        "items": [
            {
                "id": "fort",
                "label": {"fr": "Fort"},
                "measure": "w",
                "min": 1.5,
                "reading": {"fr": "Le groupe est d’accord."},
            }
        ],
    }
    (problem,) = schema_problems(data, "niveaux.yaml")
    assert problem.champ == "min" and problem.message == "doit valoir au plus 1 (ici 1.5)"


def test_the_schema_checks_do_not_import_the_loader_back():
    import json
    import subprocess
    import sys

    code = (
        "import json, sys, tanmia_course.content.validation; "
        "print(json.dumps([m for m in sys.modules if m.startswith('tanmia_course.')]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "tanmia_course.content.loader" not in json.loads(out.stdout)
