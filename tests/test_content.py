"""The shipped content: valid, complete, and faithful to the guide's wording."""

from __future__ import annotations

import re

import pytest

from tanmia_course.loader import load_content, package_files, read_yaml
from tanmia_course.validation import validate_files

GUIDE_LISTS = {
    # field of Content -> number of items the guide lists (counted in the source text)
    "actors": 10,
    "mechanisms": 3,
    "origins": 3,
    "benefits": 21,
    "practices": 8,
    "criteria": 11,
    "warning_signs": 5,
}


def test_shipped_content_is_valid_against_the_schemas():
    assert validate_files(package_files()) == []


@pytest.mark.parametrize(("field", "count"), GUIDE_LISTS.items())
def test_every_list_of_the_guide_is_complete(field, count):
    items = getattr(load_content(), field)
    assert len(items) == count
    assert all(item.source == "guide" for item in items)


def test_guide_labels_are_verbatim_and_in_the_guides_order(guide_text):
    content = load_content()
    for field in [*GUIDE_LISTS, "definitions"]:
        position = 0
        for item in getattr(content, field):
            label = re.sub(r"\s+", " ", item.label.fr)
            found = guide_text.find(label, position)
            assert found >= 0, f"{field}/{item.id}: « {label} » absent du guide ou hors d’ordre"
            position = found + len(label)


def test_definitions_cover_development_and_partnership():
    concepts = [d.concept for d in load_content().definitions]
    assert concepts.count("development") == 2
    assert "local_development" in concepts
    assert concepts.count("partnership") >= 2


def test_only_the_fifth_warning_sign_is_marked_cut_and_none_is_invented():
    signs = load_content().warning_signs
    assert [s.id for s in signs] == [
        "simple_rassemblement",
        "motivation_secrete",
        "entente_apparente",
        "pouvoir_concentre",
        "desequilibre_risques",
    ]
    assert [s.truncated for s in signs] == [False, False, False, False, True]


def test_every_shipped_item_states_its_source_and_course_items_are_not_credited_to_the_guide():
    for file in package_files():
        data, problems = read_yaml(file)
        assert problems == []
        items = [data] if data["kind"] == "quiz" else data["items"] + data.get("themes", [])
        for item in items:
            assert "source" in item or "source" in data, f"{file.label}: {item.get('id')}"
        if file.label.startswith(("tanmia_course/content/cours/", "tanmia_course/content/quiz/")):
            assert all(item.get("source", data.get("source")) == "course" for item in items)


def test_benefit_themes_are_the_courses_and_each_holds_several_benefits():
    content = load_content()
    assert 3 <= len(content.themes) <= 6
    assert all(theme.source == "course" for theme in content.themes)
    for theme in content.themes:
        assert sum(b.theme == theme.id for b in content.benefits) >= 2


def test_every_criterion_describes_four_distinct_levels():
    for criterion in load_content().criteria:
        texts = [level.fr for level in criterion.levels]
        assert len(texts) == 4 and len(set(texts)) == 4
        assert criterion.question.fr.endswith("?")


def test_ids_are_unique_within_each_kind():
    content = load_content()
    for field in ("actors", "benefits", "criteria", "practices", "themes", "quizzes", "steps"):
        ids = [item.id for item in getattr(content, field)]
        assert len(ids) == len(set(ids)), field


def test_lesson_04_content_is_the_courses_complement():
    content = load_content()
    step_ids = [s.id for s in content.steps]
    assert (step_ids[0], step_ids[-1]) == ("cadrage_diagnostic", "renouvellement_cloture")
    assert {s.source for s in content.steps} == {"course"}
    assert {c.source for c in content.clauses} == {"course"}


def test_each_lesson_has_its_quiz():
    ids = {q.id for q in load_content().quizzes}
    assert {f"lecon_0{n}" for n in range(5)} <= ids
