"""The shipped content: valid, complete, and faithful to the guide's wording."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest

from tanmia_course.content.loader import (
    ONE_PER_FILE,
    build_content,
    load_content,
    package_files,
    read_yaml,
)

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
    build_content(package_files(), validate=True)  # raises ContenuInvalide with the problems


@pytest.mark.parametrize(("field", "count"), GUIDE_LISTS.items())
def test_every_list_of_the_guide_is_complete(field, count):
    items = getattr(load_content(), field)
    assert len(items) == count
    assert all(item.source == "guide" for item in items)


def _typography(text: str) -> str:
    """``text`` with its typography made plain: the course's spaces (non-breaking or not)
    and apostrophes are its own, the guide's words are not changed by them."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))
    text = re.sub(r" ([:;?!»])", r"\1", text).replace("« ", "«")
    return text.replace("'", "’")


def _unfaithful(items, guide_text: str) -> list[str]:
    """The guide items whose label, once its recorded corrections are undone, is not the
    guide's text found in the guide's order: an unrecorded change, or an item out of place."""
    problems, position, guide = [], 0, _typography(guide_text)
    for item in items:
        wording = _typography(item.guide_wording())
        found = guide.find(wording, position)
        if found < 0:
            problems.append(f"{item.id} : « {wording} » absent du guide ou hors d’ordre")
        else:
            position = found + len(wording)
    return problems


def test_guide_labels_are_the_guides_wording_once_corrections_are_undone(guide_text):
    content = load_content()
    for field in [*GUIDE_LISTS, "definitions"]:
        assert _unfaithful(getattr(content, field), guide_text) == [], field


def test_a_change_to_a_guide_label_that_is_not_recorded_is_caught(guide_text):
    from dataclasses import replace

    from tanmia_course.content.model import Text

    definitions = load_content().definitions
    corrected = next(d for d in definitions if d.id == "partenariat_conjugaison")
    unrecorded = replace(corrected, corrections=())
    assert _unfaithful([unrecorded], guide_text)
    reworded = replace(corrected, label=Text(corrected.label.fr.replace("efforts", "forces")))
    assert _unfaithful([reworded], guide_text)
    assert _unfaithful([corrected], guide_text) == []


def test_each_correction_of_a_guide_typo_is_applied_once_and_only_to_guide_items(guide_text):
    content = load_content()
    corrected = []
    for field in (f.name for f in fields(content) if f.name != "files"):
        for item in getattr(content, field):
            for correction in getattr(item, "corrections", ()):
                assert item.source == "guide", f"{field}/{item.id}"
                assert correction.guide != correction.course
                assert item.label.fr.count(correction.course) == 1, f"{field}/{item.id}"
                assert _typography(correction.guide) in _typography(guide_text)
                corrected.append(item.id)
    # the three typos of the guide the policy corrects (docs/contenu.md)
    assert corrected == ["developpement_mouvement", "partenariat_conjugaison", "convergence"]


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
        single = data["kind"] in ONE_PER_FILE  # one item per file
        items = [data] if single else data["items"] + data.get("themes", [])
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


def test_the_ranking_exercise_ships_readings_of_agreement():
    content = load_content()
    for measure, bottom in (("w", 0), ("tau_b", -1)):
        minima = sorted(lv.minimum for lv in content.agreement_levels if lv.measure == measure)
        assert minima[0] == bottom and len(set(minima)) == len(minima) >= 3
    assert {lv.source for lv in content.agreement_levels} == {"course"}


def test_the_shipped_case_studies_are_complete_distinct_and_give_their_verdict():
    from tanmia_course.exercises.audit.analysis import reference_verdict

    content = load_content()
    cases = {c.id: c for c in content.case_studies}
    assert len(cases) >= 3
    criteria = [c.id for c in content.criteria]
    for case in cases.values():
        assert case.source == "course"
        assert 500 <= case.word_count() <= 900, (case.id, case.word_count())
        assert "fictif" in case.notice.fr and "écrit pour le cours" in case.notice.fr
        assert [r.criterion for r in case.reference.criteria] == criteria
        assert case.reference.recommendations
        assert reference_verdict(case, content).id == case.reference.verdict
    by_verdict = {}
    for case in cases.values():
        by_verdict.setdefault(case.reference.verdict, []).append(case)
    assert "partenariat_solide" in by_verdict
    signs = {
        case.id: {s.id for s in case.reference.warning_signs}
        for case in by_verdict["pas_un_partenariat"]
    }
    # one case of subordination (power held by one party, risks on the other) …
    assert any({"pouvoir_concentre", "desequilibre_risques"} <= s for s in signs.values())
    # … and one of apparent agreement or hidden motive, whose levels alone look passable:
    # the warning sign, not the score, makes the verdict.
    hidden = [
        cases[cid] for cid, s in signs.items() if s & {"entente_apparente", "motivation_secrete"}
    ]
    assert hidden
    assert any(reference_verdict(case, content).indice >= 0.5 for case in hidden)


def test_the_actor_map_lists_are_the_courses_and_the_tifawin_map_covers_the_guide():
    content = load_content()
    for field in (
        "resource_types",
        "stances",
        "relation_levels",
        "link_types",
        "engagement_strategies",
        "actor_map_rules",
        "actor_maps",
    ):
        items = getattr(content, field)
        assert items and {item.source for item in items} == {"course"}, field
    assert [level.rank for level in content.relation_levels] == [0, 1, 2, 3, 4]
    assert [stance.value for stance in content.stances] == [-2, -1, 0, 1, 2]
    tifawin = next(m for m in content.actor_maps if m.id == "tifawin")
    category = {a.id: a.category for a in content.actors}
    covered = {a.category or category[a.id] for a in tifawin.actors}
    assert covered == {a.id for a in content.actors if a.category == a.id}
    assert {"Coopérative Nour", "Commune d’Aït Sidi Brahim"} <= {
        str(a.label) for a in tifawin.actors if a.label
    }


def test_content_imports_nothing_above_it_nor_pandas_nor_jsonschema():
    import json
    import subprocess
    import sys

    code = (
        "import json, sys, tanmia_course.content.loader as l; l.load_content(); "
        "print(json.dumps([m for m in sys.modules if m.startswith(('tanmia_course.', 'pandas', "
        "'jsonschema', 'matplotlib', 'ipywidgets'))]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    # The display helpers it may use are plain text: French numbers and lists, HTML, colours;
    # and the course's language (its messages, translated).
    text_helpers = {f"tanmia_course.display{m}" for m in ("", ".text", ".html", ".palette")}
    own = ("tanmia_course.content", "tanmia_course.errors", "tanmia_course.i18n")
    assert [m for m in loaded if not m.startswith(own) and m not in text_helpers] == []


def test_a_reference_map_is_checked_as_an_answer_with_every_problem_named():
    from dataclasses import replace

    from tanmia_course.content.actor_map import vocabulary
    from tanmia_course.content.checks import reference_map_problems
    from tanmia_course.content.model import MapLink

    vocab = vocabulary(load_content())
    tifawin = vocab.maps["tifawin"]
    assert reference_map_problems(tifawin, vocab) == []
    first, second = tifawin.actors[:2]
    broken = replace(
        tifawin,
        actors=(replace(first, resources=("argent", "or")), first, second),
        links=(
            MapLink(first.id, first.id, tifawin.links[0].type),
            MapLink(first.id, second.id, "amitie"),
            MapLink(first.id, "inconnu", tifawin.links[0].type),
        ),
    )
    problems = dict(reference_map_problems(broken, vocab))
    assert "Ressource de l’acteur" in problems["actors.0.resources"]
    assert "« or »" in problems["actors.0.resources"]
    assert "apparaît deux fois" in problems["actors.1.id"]
    assert problems["links.0"] == "un lien relie deux acteurs différents"
    assert problems["links.1.type"].startswith("Type du lien n° 2 inconnu : « amitie »")
    assert problems["links.2.target"].startswith("Acteur d’arrivée du lien n° 3 inconnu")


def test_the_welcome_quiz_keeps_work_on_binder_the_way_the_course_keeps_it():
    """On Binder the exercises' answers live in travaux/, not in the notebook: the right
    answer is to export them with « Mes travaux », not to download the notebook."""
    quiz = next(q for q in load_content().quizzes if q.id == "lecon_00")
    (right,) = [o for o in quiz.questions[0].options if o.correct]
    assert "tc.mes_travaux()" in str(right.text)
    wrong_advice = ("Téléchargez votre travail", "Téléchargez d’abord votre carnet")
    for option in quiz.questions[0].options:
        assert not any(words in str(option.feedback) for words in wrong_advice)
