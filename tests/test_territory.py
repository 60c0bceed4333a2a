"""The fact sheet of the fictional territory, and every text of the course agreeing with it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import tanmia_course as tc
from tanmia_course.content.loader import load_content
from tanmia_course.content.model import Fact, Territory, Text
from tanmia_course.content.territory import find_mentions, map_problems, mention_problem

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT / "tanmia_course" / "content" / "cours" / "territoire.yaml"


def course_texts() -> dict[str, str]:
    """Every text of the course a reader reads, by path: notebooks' cells (markdown and
    code), solutions, content YAML, docs and the README. The sheet itself is left out (its
    mentions spell the phrases they look for)."""
    texts = {}
    for path in [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("solutions/*.ipynb")]:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        texts[str(path.relative_to(ROOT))] = "\n".join("".join(c["source"]) for c in cells)
    yaml_files = (ROOT / "tanmia_course" / "content").rglob("*.yaml")
    for path in [*yaml_files, *ROOT.glob("docs/*.md"), ROOT / "README.md"]:
        if path != SHEET:
            texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


@pytest.fixture(scope="module")
def territory() -> Territory:
    return tc.territoire()


@pytest.fixture(scope="module")
def mentions(territory):
    return {path: find_mentions(territory, text) for path, text in course_texts().items()}


def test_the_sheet_is_the_courses_own_and_says_it_is_fictional(territory):
    assert territory.source == "course"
    assert "fictif" in str(territory.description)
    assert "Tanmia.ma" in str(territory.description)  # what it is not taken from
    assert "Fatima Zahra Ouhammou" in territory._repr_html_()
    assert "182\u202f000 dirhams par an" in repr(territory)


def test_every_mention_in_the_course_agrees_with_the_sheet(mentions):
    wrong = [f"{path} : {m}" for path, found in mentions.items() for m in found if not m.agrees]
    assert wrong == [], "\n".join(wrong)


def test_every_fact_is_found_where_the_course_repeats_it(territory, mentions):
    """A mention that matches nothing has rotted (the text was reworded): it checks nothing."""
    found = {m.fact.id for ms in mentions.values() for m in ms}
    for fact in territory.facts:
        if fact.map_figure is None or fact.mentions:
            assert fact.id in found, f"« {fact.id} » n’est trouvé dans aucun texte du cours"


def test_each_mention_pattern_finds_something(territory):
    texts = course_texts()
    for fact in territory.facts:
        for mention in fact.mentions:
            alone = replace(fact, mentions=(mention,))
            sheet = replace(territory, facts=(alone,))
            assert any(find_mentions(sheet, text) for text in texts.values()), (fact.id, mention)


def test_a_copy_with_a_wrong_figure_is_caught(territory):
    text = (
        "La commune fournit le minibus, soit 180 000 dirhams par an ; elle verse à Tifawin une "
        "subvention de 36\u202f000 dirhams par an. Ses vingt-quatre adhérentes vendent."
    )
    found = {m.fact.id: m for m in find_mentions(territory, text)}
    assert not found["minibus_cout_commune"].agrees
    assert found["minibus_cout_commune"].found == "180 000"
    assert "182\u202f000 dirhams par an" in str(found["minibus_cout_commune"])
    assert found["minibus_subvention"].agrees  # a no-break space between thousands is the same
    assert not found["nour_adherentes"].agrees  # words count as numbers


def test_a_wrong_name_split_over_two_lines_is_caught(territory):
    text = "Association locale ; présidente :\n        Fatima Zahra\n  Ouhamou. Elle emploie"
    (mention,) = [m for m in find_mentions(territory, text) if m.fact.id == "tifawin_presidente"]
    assert mention.found == "Fatima Zahra Ouhamou" and not mention.agrees


def test_lesson_01_map_agrees_with_the_sheet_on_influence_and_interest(territory):
    maps = {m.id: m for m in load_content().actor_maps}
    assert map_problems(territory, maps) == []
    tifawin = maps["tifawin"]
    checked = {f.map_figure.actor for f in territory.facts if f.map_figure}
    assert {"commune_ait_sidi_brahim", "cooperative_nour", "parents_eleves_college"} <= checked
    # the same map, with the commune's influence lowered: the sheet disagrees
    actors = tuple(
        replace(a, influence=3) if a.id == "commune_ait_sidi_brahim" else a for a in tifawin.actors
    )
    problems = map_problems(territory, {"tifawin": replace(tifawin, actors=actors)})
    assert [fact_id for fact_id, _ in problems] == ["influence_commune"]
    assert "donne 3" in problems[0][1]


def test_the_cases_name_the_maps_local_actors_in_the_same_category():
    """A local actor of lesson 01's map that a case also names is the same kind of actor."""
    content = load_content()
    tifawin = next(m for m in content.actor_maps if m.id == "tifawin")
    local = {str(a.label): a.category for a in tifawin.actors if a.label}
    seen = 0
    for case in content.case_studies:
        for actor in case.actors:
            name = str(actor.name)
            if name in local:
                seen += 1
                assert actor.category == local[name], (case.id, name)
    assert seen >= 3


def test_a_mention_without_a_value_group_is_refused_in_french():
    assert "value" in mention_problem("(?P<nombre>{nombre}) adhérentes")
    assert "motif invalide" in mention_problem("(?P<value>[a-")
    fact = Fact("f", Text("F"), 1, ("(?P<value>\\d+) f",))
    assert mention_problem(fact.mentions[0]) is None


def test_a_trainers_sheet_with_a_broken_mention_is_refused(tmp_path):
    (tmp_path / "territoire.yaml").write_text(
        "kind: territory\nid: mon_douar\ntitle: {fr: Mon douar}\ndescription: {fr: Fictif}\n"
        "facts:\n  - {id: membres, label: {fr: Membres}, value: 12, "
        'mentions: ["{nombre} membres"]}\n',
        encoding="utf-8",
    )
    with pytest.raises(tc.ContenuInvalide, match="value"):
        load_content([tmp_path])


def test_a_trainers_sheet_is_shown_by_its_id(tmp_path):
    (tmp_path / "territoire.yaml").write_text(
        "kind: territory\nid: mon_douar\ntitle: {fr: Mon douar}\ndescription: {fr: Fictif}\n"
        "facts:\n  - {id: membres, label: {fr: Membres}, value: 12, unit: membres, "
        'mentions: ["(?P<value>{nombre}) membres"]}\n',
        encoding="utf-8",
    )
    content = load_content([tmp_path])
    sheet = next(t for t in content.territories if t.id == "mon_douar")
    assert sheet.source == "trainer"
    assert sheet.facts[0].shown_value() == "12 membres"
