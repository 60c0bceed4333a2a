"""Exercise checks: a blank is "à compléter", a wrong answer says where to look."""

from __future__ import annotations

import pytest

import tanmia_course as tc
from tanmia_course.errors import IdentifiantInconnu


@pytest.mark.parametrize("question", ["nb_avantages", "theme_principal", "pratiques_partage"])
def test_a_blank_answer_is_to_complete_not_a_crash(question):
    retour = tc.verifier(question, ...)
    assert retour.statut == "a_completer"
    assert repr(retour).startswith("✏ À compléter")


def test_counting_the_benefits():
    assert tc.verifier("nb_avantages", 21).correct
    wrong = tc.verifier("nb_avantages", 20)
    assert wrong.statut == "incorrect" and "len(...)" in wrong.message
    assert "nombre entier" in tc.verifier("nb_avantages", "21").message
    assert not tc.verifier("nb_avantages", True).correct


def test_the_biggest_theme_is_computed_from_the_content():
    themes = tc.themes()
    top = themes["nb_avantages"].idxmax()
    assert tc.verifier("theme_principal", top).correct
    other = themes["nb_avantages"].idxmin()
    retour = tc.verifier("theme_principal", other)
    assert not retour.correct and "idxmax" in retour.message
    assert "n’est pas l’identifiant d’un thème" in tc.verifier("theme_principal", "xyz").message


def test_practices_about_sharing_point_at_the_case_of_letters():
    expected = ["partage_decision", "partage_experiences", "partage_risques"]
    assert tc.verifier("pratiques_partage", expected).correct
    assert tc.verifier("pratiques_partage", tuple(reversed(expected))).correct
    partial = tc.verifier("pratiques_partage", expected[:2])
    assert not partial.correct and "case=False" in partial.message
    extra = tc.verifier("pratiques_partage", [*expected, "confiance"])
    assert "« confiance » ne contient pas" in extra.message
    assert "n’est pas l’identifiant" in tc.verifier("pratiques_partage", ["x"]).message
    assert "liste" in tc.verifier("pratiques_partage", 3).message


def test_feedback_shows_as_html_with_the_text_escaped():
    html = tc.verifier("theme_principal", "<b>")._repr_html_()
    assert "&lt;b&gt;" in html and "Pas encore" in html


def test_an_unknown_question_is_named():
    with pytest.raises(IdentifiantInconnu, match="Question d’exercice inconnue"):
        tc.verifier("q_inconnue", 1)


def test_every_exercise_check_is_known_in_a_fresh_process():
    import subprocess
    import sys

    code = (
        "import tanmia_course as tc\n"
        "for q in ('nb_avantages', 'classement_avantages'):\n"
        "    print(tc.verifier(q, ...).statut)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["a_completer", "a_completer"]


def test_the_exercises_do_not_import_the_verifier_back():
    """Each exercise's checks register with the feedback module; only ``tc.verifier``
    imports them, so the exercises and the verifier form no import cycle."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import tanmia_course.exercises.actor_map.challenges\n"
        "import tanmia_course.exercises.ranking.challenges\n"
        "import tanmia_course.exercises.ranking.result\n"
        "import tanmia_course.exercises.actor_map.analysis\n"
        "print('tanmia_course.exercises.challenges' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


def test_a_check_result_is_data_with_a_level():
    from tanmia_course.exercises.feedback import Retour

    assert tc.verifier("nb_avantages", 21).level == "ok"
    assert tc.verifier("nb_avantages", 20).level == "error"
    assert Retour("q", "a_completer", "remplacez « ... » par votre réponse.").level == "info"
