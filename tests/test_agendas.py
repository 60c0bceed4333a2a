"""Workshop agendas and their activities: sessions whose blocks add up, activities that exist
and name real notebooks, lesson 00 showing the agendas from the content, and a trainer's own
agenda refused with a French message when it does not add up."""

from __future__ import annotations

import nbformat
import pytest

import tanmia_course as tc
from tanmia_course.content.loader import load_content
from tanmia_course.content.model import clock_minutes

from .conftest import ROOT

CONTENT = load_content()
SESSIONS = [(a.id, s) for a in CONTENT.agendas for s in a.sessions]


@pytest.mark.parametrize(("agenda", "session"), SESSIONS, ids=lambda x: str(getattr(x, "label", x)))
def test_each_sessions_blocks_fill_it_exactly(agenda, session):
    length = clock_minutes(session.end) - clock_minutes(session.start)
    assert sum(block.minutes for block in session.blocks) == length


def test_the_course_gives_a_full_day_and_two_half_days_with_breaks():
    day = tc.programme("journee").agenda
    (session,) = day.sessions
    assert (session.start, session.end) == ("09:00", "17:00")
    pauses = [b for b in session.blocks if b.pause]
    assert len(pauses) == 3 and max(b.minutes for b in pauses) == 60  # two breaks and lunch
    halves = tc.programme("deux_demi_journees").agenda.sessions
    assert len(halves) == 2
    assert all(any(b.pause for b in s.blocks) for s in halves)


def test_both_agendas_run_every_lesson_and_exercise_but_exercise_00_in_class_time():
    for agenda in CONTENT.agendas:
        used = {b.activity for s in agenda.sessions for b in s.blocks if b.activity}
        assert {"lecon_01", "lecon_02", "lecon_03", "lecon_04"} <= used
        assert {"exercice_01", "exercice_02", "exercice_03", "remise_travaux"} <= used
        homework = [b for s in agenda.sessions for b in s.blocks if b.activity == "exercice_00"]
        assert sum(b.minutes for b in homework) <= 20, "l’exercice 00 se fait à la maison"


def test_every_block_names_an_activity_of_the_content_or_has_a_label():
    activities = {a.id for a in CONTENT.activities}
    for _, session in SESSIONS:
        for block in session.blocks:
            assert block.activity in activities or (block.activity is None and block.label)


@pytest.mark.parametrize("activity", CONTENT.activities, ids=lambda a: a.id)
def test_every_activity_has_its_facilitation_sheet_and_real_notebooks(activity):
    assert activity.materials and activity.room and activity.steps and activity.debrief
    assert activity.misconceptions and activity.without_computer
    for path in activity.notebooks:
        assert (ROOT / path).is_file(), path


def test_every_lesson_and_exercise_notebook_has_an_activity():
    named = {path for a in CONTENT.activities for path in a.notebooks}
    notebooks = {
        p.relative_to(ROOT).as_posix()
        for folder in ("notebooks", "exercises")
        for p in (ROOT / folder).glob("0*.ipynb")
    }
    assert notebooks - named == set()


def test_the_programme_shows_clock_times_durations_and_notebooks():
    programme = tc.programme("deux_demi_journees")
    page, text = programme._repr_html_(), repr(programme)
    assert "12:10–12:20" in page and "12:10–12:20" in text  # day 2: the hand-in
    assert "30\u00a0min" in page and "exercises/03_audit_cas.ipynb" in page
    assert "exercises/04_convention.ipynb" in page
    assert "Jour 2 — matin" in text and "<" not in text
    assert "Activités : 3\u00a0h\u00a015 · pauses : 15\u00a0min" in text


def test_an_unknown_agenda_is_refused_with_the_ids_that_exist():
    with pytest.raises(tc.IdentifiantInconnu, match="journee, deux_demi_journees"):
        tc.programme("semaine")


def test_lesson_00_shows_both_agendas_by_a_call_not_a_hand_written_table():
    cells = nbformat.read(ROOT / "notebooks" / "00_bienvenue.ipynb", as_version=4).cells
    code = [c.source.strip() for c in cells if c.cell_type == "code"]
    assert 'tc.programme("journee")' in code and 'tc.programme("deux_demi_journees")' in code
    text = " ".join(c.source for c in cells if c.cell_type == "markdown")
    assert "| Horaire" not in text and "| 09:00" not in text


AGENDA = """kind: agendas
items:
  - id: matinee_ong
    label: {{fr: "Une matinée"}}
    sessions:
      - label: {{fr: "Matin"}}
        start: "{start}"
        end: "12:00"
        blocks:
          {blocks}
"""
ACTIVITY = """kind: activities
items:
  - id: jeu_de_role
    label: {fr: "Jeu de rôle : la convention"}
    aim: {fr: "Négocier une convention."}
    steps: [{fr: "Trois rôles, une clause."}]
"""


def write(folder, start="09:00", blocks="- {minutes: 180, activity: jeu_de_role}"):
    (folder / "programme.yaml").write_text(AGENDA.format(start=start, blocks=blocks), "utf-8")
    (folder / "activites.yaml").write_text(ACTIVITY, "utf-8")


def test_a_trainers_folder_adds_its_own_agenda_and_activity(tmp_path):
    write(
        tmp_path,
        blocks="- {minutes: 165, activity: jeu_de_role}\n"
        "          - {minutes: 15, label: {fr: Pause}, pause: true}",
    )
    tc.utiliser_contenu(tmp_path)
    programme = tc.programme("matinee_ong")
    assert "09:00–11:45" in repr(programme) and "Jeu de rôle" in programme._repr_html_()
    assert programme.agenda.source == "trainer"
    assert tc.programme("journee").agenda.source == "course"  # the course's stay


@pytest.mark.parametrize(
    ("start", "blocks", "field", "words"),
    [
        ("09:00", "- {activity: jeu_de_role}", "blocks.0.minutes", "champ obligatoire manque"),
        ("9h", "- {minutes: 180, activity: jeu_de_role}", "start", "écrivez-la HH:MM"),
        (
            "09:00",
            "- {minutes: 180, activity: atelier}",
            "blocks.0",
            "« atelier » inconnue",
        ),
        (
            "09:00",
            "- {minutes: 180}",
            "blocks.0",
            "ou porte un libellé",
        ),
        ("09:00", "- {minutes: 150, activity: jeu_de_role}", "blocks", "il manque 30\u00a0min"),
        ("09:00", "- {minutes: 200, activity: jeu_de_role}", "blocks", "20\u00a0min de trop"),
        ("13:00", "- {minutes: 180, activity: jeu_de_role}", "sessions.0", "finit (12:00) avant"),
        ("09:00", "- {minutes: 0, activity: jeu_de_role}", "blocks.0.minutes", "au moins 5"),
    ],
)
def test_a_broken_agenda_is_refused_with_a_french_message_naming_the_field(
    tmp_path, start, blocks, field, words
):
    write(tmp_path, start=start, blocks=blocks)
    with pytest.raises(tc.ContenuInvalide) as refused:
        tc.utiliser_contenu(tmp_path)
    (problem,) = refused.value.problemes
    assert problem.element == "matinee_ong" and problem.champ.endswith(field)
    assert words in problem.message
    assert tc.programme("journee")  # the content in force is unchanged
