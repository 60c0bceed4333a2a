"""One work folder for the whole course: ``travaux/`` at the course folder's root, the old
per-notebook-folder ``travaux/`` gathered into it once, nothing lost."""

from __future__ import annotations

import base64
import errno
import json
import os
import re
import subprocess
import sys
import time

import pytest

import tanmia_course as tc
from tanmia_course.work import store

from .conftest import ROOT, own_os
from .display.test_typography import BAD_SPACING


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A course folder as a learner gets it, with no work folder chosen by the variable."""
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    root = tmp_path / "cours"
    for name in ("notebooks", "exercises", "solutions"):
        (root / name).mkdir(parents=True)
    store.take_merges()  # what earlier tests left unannounced
    return root


def answer_file(folder, exercise_id, answer, modifie):
    """A saved answer as a version of the course wrote it, with its own date."""
    doc = {
        "schema": store.ANSWER_SCHEMA,
        "version": 1,
        "exercice": exercise_id,
        "modifie": modifie,
        "version_cours": "0.1.0",
        "reponse": answer,
    }
    path = folder / f"{exercise_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(store.dumps(doc))
    return path


def every_file(*folders):
    """The bytes of every file under the folders (hidden ones included), sorted."""
    return sorted(
        p.read_bytes() for f in folders if f.exists() for p in f.rglob("*") if p.is_file()
    )


def test_lessons_and_exercises_share_one_work_folder_at_the_course_root(course, monkeypatch):
    for where in ("notebooks", "exercises", ".", "notebooks/annexes"):
        (course / where).mkdir(exist_ok=True)
        monkeypatch.chdir(course / where)
        assert store.work_folder() == course / "travaux", where
    monkeypatch.chdir(course / "notebooks")
    saved = store.save_answer("quiz_lecon_01", {"q1": "a"})
    assert saved.chemin == course / "travaux" / "quiz_lecon_01.json"
    # Shown from the course folder, as JupyterLab's file browser shows it.
    assert store.shown_path(saved.chemin) == "travaux/quiz_lecon_01.json"


def test_running_a_solution_never_replaces_the_learners_answer(course, monkeypatch):
    monkeypatch.chdir(course / "exercises")
    store.save_answer("classement_avantages", {"mode": "premiers", "ordre": ["a"]})
    monkeypatch.chdir(course / "solutions")
    assert store.work_folder() == course / "solutions" / "travaux"
    store.save_answer("classement_avantages", {"mode": "diamant", "ordre": ["corrige"]})
    monkeypatch.chdir(course / "exercises")
    assert store.load_answer("classement_avantages").reponse["ordre"] == ["a"]
    _, rendu, _ = store.export_handin("Salma")
    assert rendu.reponses["classement_avantages"]["ordre"] == ["a"]


def test_a_folder_with_only_some_notebooks_is_not_a_course(tmp_path, monkeypatch):
    """A home folder with a « notebooks » folder of one's own is not the course: nothing of
    it is gathered nor used."""
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    home = tmp_path / "maison"
    answer_file(home / "notebooks" / "travaux", "quiz_lecon_01", {"q1": "a"}, "2025-03-14T10:00:00")
    (home / "analyses").mkdir()
    monkeypatch.chdir(home / "analyses")
    assert store.course_folder() is None
    assert store.work_folder() == home / "analyses" / "travaux"
    assert (home / "notebooks" / "travaux" / "quiz_lecon_01.json").is_file()


def test_outside_a_course_the_work_folder_is_travaux_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    elsewhere = tmp_path / "ailleurs" / "analyses"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    assert store.course_folder() is None
    assert store.work_folder() == elsewhere / "travaux"
    saved = store.save_answer("cartographie_acteurs", {"acteurs": []})
    assert saved.chemin == elsewhere / "travaux" / "cartographie_acteurs.json"
    assert store.shown_path(saved.chemin) == "travaux/cartographie_acteurs.json"


def test_the_variable_still_wins_and_then_the_old_folders_are_left_alone(course, monkeypatch):
    old = answer_file(course / "notebooks" / "travaux", "quiz_lecon_01", {}, "2025-03-14T10:00:00")
    monkeypatch.setenv(store.ENV_VAR, str(course / "ailleurs"))
    monkeypatch.chdir(course / "notebooks")
    assert store.work_folder() == course / "ailleurs"
    assert old.is_file() and not (course / "travaux").exists()
    assert store.take_merges() == []


def test_the_export_holds_the_quiz_of_a_lesson_and_the_answers_of_an_exercise(course, monkeypatch):
    monkeypatch.chdir(course / "notebooks")  # a lesson: its quiz saves itself
    quiz = tc.quiz("lecon_01")
    qid, view = next((q, v) for q, v in quiz.questions.items() if v.question.type == "single")
    view.radio.value = view.question.options[1].id
    monkeypatch.chdir(course / "exercises")  # an exercise, in another kernel
    ranking = tc.classement_avantages()
    ranking.placer(ranking.ids[0])
    path, rendu, problems = store.export_handin("Groupe 1")
    assert problems == [] and set(rendu.reponses) == {"quiz_lecon_01", "classement_avantages"}
    assert path == course / "travaux" / "travaux_groupe_1.json"
    assert rendu.reponses["quiz_lecon_01"][qid] == view.question.options[1].id
    widget = tc.mes_travaux()
    assert "quiz_lecon_01" in widget.sommaire.value
    widget.nom.value = "Groupe 1"
    widget.exporter.click()
    data = base64.b64decode(re.search(r"base64,([^']+)'", widget.lien.value)[1])
    exported = store.parse_handin(data, "x.json")
    assert set(exported.reponses) == {"quiz_lecon_01", "classement_avantages"}


def test_the_old_folders_are_gathered_once_nothing_lost_and_the_newer_answer_live(
    course, monkeypatch
):
    lesson, exercise = course / "notebooks" / "travaux", course / "exercises" / "travaux"
    here = course / "travaux"
    # Saved in both old folders: the lesson's copy is the newer one.
    answer_file(lesson, "cartographie_acteurs", {"de": "leçon"}, "2025-03-14T11:00:00+01:00")
    answer_file(exercise, "cartographie_acteurs", {"de": "exercice"}, "2025-03-14T09:00:00+01:00")
    # Already in the course's folder, and newer than the old copy.
    answer_file(lesson, "quiz_lecon_01", {"q1": "ancien"}, "2025-03-14T10:00:00+01:00")
    answer_file(here, "quiz_lecon_01", {"q1": "nouveau"}, "2025-03-15T10:00:00+01:00")
    answer_file(exercise, "classement_avantages", {"ordre": []}, "2025-03-14T09:30:00+01:00")
    answer_file(
        lesson / "avant_reprise" / "20250301-090000", "classement_avantages", {}, "2025-03-01"
    )
    (exercise / "audit_cas.json").write_bytes(b'{"schema": "tanmia-course/rep')  # unreadable
    (exercise / "rapport_audit_cas.html").write_text("<p>rapport</p>", encoding="utf-8")
    for folder, name, mtime in [(lesson, "Amina", 1_000_000), (exercise, "Groupe 2", 2_000_000)]:
        (folder / store.PROFILE_FILE).write_text(json.dumps({"nom": name}), encoding="utf-8")
        os.utime(folder / store.PROFILE_FILE, (mtime, mtime))
    before = every_file(lesson, exercise, here)

    monkeypatch.chdir(course / "exercises")
    assert store.work_folder() == here
    assert not lesson.exists() and not exercise.exists()
    assert every_file(here) == before  # every file kept, none copied twice
    assert store.load_answer("cartographie_acteurs").reponse == {"de": "leçon"}
    assert store.load_answer("quiz_lecon_01").reponse == {"q1": "nouveau"}
    assert store.load_answer("classement_avantages").reponse == {"ordre": []}
    assert store.read_profile()["nom"] == "Groupe 2"
    assert (here / "avant_reprise" / "20250301-090000" / "classement_avantages.json").is_file()
    assert (here / "rapport_audit_cas.html").is_file()
    saved, problems = store.saved_answers()
    assert set(saved) == {"cartographie_acteurs", "quiz_lecon_01", "classement_avantages"}
    assert [p.fichier for p in problems] == ["travaux/audit_cas.json"]
    # The copies that lost are kept, together, in the backup folder.
    (aside,) = (here / store.BACKUP_FOLDER).glob("*-regroupement")
    kept = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in aside.iterdir()}
    assert kept["cartographie_acteurs.json"]["reponse"] == {"de": "exercice"}
    assert kept["quiz_lecon_01.json"]["reponse"] == {"q1": "ancien"}
    assert kept[store.PROFILE_FILE] == {"nom": "Amina"}
    # The learner is told, once, in French.
    (merge,) = store.take_merges()
    text = merge.message
    for said in ("notebooks/travaux/", "exercises/travaux/", "travaux/", aside.name, "plus récent"):
        assert said in text, (said, text)
    assert not BAD_SPACING.search(text), text
    assert store.work_folder() == here and store.take_merges() == []


def test_the_first_widget_shown_says_the_folders_were_gathered(course, monkeypatch):
    answer_file(course / "notebooks" / "travaux", "essai", {}, "2025-03-14T10:00:00+01:00")
    monkeypatch.chdir(course / "notebooks")
    first = tc.quiz("lecon_01")
    assert "regroupés" in first.enregistrement.value
    assert "notebooks/travaux/" in first.enregistrement.value
    assert "regroupés" not in tc.quiz("lecon_02").enregistrement.value
    assert (course / "travaux" / "essai.json").is_file()


def test_a_gathering_that_fails_deletes_nothing_says_so_and_saving_still_works(course, monkeypatch):
    lesson = course / "notebooks" / "travaux"
    old = answer_file(lesson, "quiz_lecon_01", {"q1": "a"}, "2025-03-14T10:00:00+01:00")
    before = every_file(lesson)

    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Système de fichiers en lecture seule")

    monkeypatch.chdir(course / "notebooks")
    with monkeypatch.context() as broken:
        broken.setattr(store.os, "replace", read_only)
        broken.setattr(store.os, "link", read_only)
        assert store.work_folder() == course / "travaux"
    assert old.is_file() and every_file(lesson) == before
    assert every_file(course / "travaux") == []
    (merge,) = store.take_merges()
    assert merge.erreur and "lecture seule" in merge.message
    assert "rien n’est effacé" in merge.message and not BAD_SPACING.search(merge.message)
    assert store.save_answer("quiz_lecon_02", {"q1": "b"}).chemin.parent == course / "travaux"


def test_a_sub_folder_that_cannot_be_read_stops_the_gathering_and_is_told(course, monkeypatch):
    """An old work folder with a sub-folder the system refuses (the permissions a copy from
    another computer kept): nothing is lost, and the learner is told why."""
    lesson = course / "notebooks" / "travaux"
    answer_file(lesson, "quiz_lecon_01", {"q1": "a"}, "2025-03-14T10:00:00+01:00")
    answer_file(lesson / "avant_reprise" / "20250301-090000", "quiz_lecon_01", {}, "2025-03-01")
    before = every_file(lesson)
    locked = os.fspath(lesson / "avant_reprise")

    def scandir(path):
        if os.fspath(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return os.scandir(path)

    monkeypatch.chdir(course / "notebooks")
    with monkeypatch.context() as refused:
        own_os(refused, store, scandir=scandir)
        assert store.work_folder() == course / "travaux"
    assert every_file(lesson, course / "travaux") == before
    (merge,) = store.take_merges()
    assert merge.erreur == "permission refusée"
    assert "rien n’est effacé" in merge.message and not BAD_SPACING.search(merge.message)


GATHERER = """
import os, sys, time
from pathlib import Path
from tanmia_course.work import store
os.chdir(sys.argv[1])
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
print(store.work_folder(), flush=True)
"""


def test_two_kernels_gathering_at_the_same_moment_lose_nothing(course, tmp_path):
    lesson, exercise = course / "notebooks" / "travaux", course / "exercises" / "travaux"
    newest = {}
    for i in range(120):
        when = f"2025-03-14T10:{i % 60:02d}:00+01:00"
        answer_file(lesson, f"e{i:03d}", {"de": "leçon"}, when)
        newest[f"e{i:03d}"] = "leçon"
    for i in range(60, 180):
        # Where both have it, the exercise's copy is the newer one for even numbers only.
        hour = 11 if i % 2 == 0 else 9
        when = f"2025-03-14T{hour:02d}:{i % 60:02d}:00+01:00"
        answer_file(exercise, f"e{i:03d}", {"de": "exercice"}, when)
        if i >= 120 or i % 2 == 0:
            newest[f"e{i:03d}"] = "exercice"
    before = every_file(lesson, exercise)
    go = tmp_path / "partez"
    env = {k: v for k, v in os.environ.items() if k != store.ENV_VAR}
    env["PYTHONPATH"] = str(ROOT)
    kernels = [
        subprocess.Popen(
            [sys.executable, "-c", GATHERER, str(course / where), str(go)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for where in ("notebooks", "exercises")
    ]
    time.sleep(1.0)  # both have imported the course and wait
    go.touch()
    for kernel in kernels:
        out, _ = kernel.communicate(timeout=60)
        assert kernel.returncode == 0 and out.strip() == str(course / "travaux")
    here = course / "travaux"
    assert every_file(here, lesson, exercise) == before
    assert not lesson.exists() and not exercise.exists()
    assert not [p for p in here.rglob(".*")]  # no half-done move left behind
    saved, problems = store.saved_answers(here)
    assert problems == [] and {e: s.reponse["de"] for e, s in saved.items()} == newest


def test_the_course_is_found_where_pip_installed_it_for_the_user_alone(tmp_path, monkeypatch):
    """``pip install --user`` — and pip by itself with the Microsoft Store's Python or a
    Python installed for all users — puts the notebooks in the user's own folder: ``tanmia-
    course ouvrir`` finds them there when neither a repository nor the environment has them."""
    import sysconfig

    from tanmia_course.work import course

    env_data, user_data = tmp_path / "env", tmp_path / "user"
    installed = user_data / "share" / "tanmia-course"
    for name in ("notebooks", "exercises"):
        (installed / name).mkdir(parents=True)
    real = sysconfig.get_path

    def get_path(name, scheme=None, *args, **kwargs):
        if name != "data":
            return real(name, scheme, *args, **kwargs)
        return str(user_data if scheme == sysconfig.get_preferred_scheme("user") else env_data)

    monkeypatch.setattr(
        course, "__file__", str(tmp_path / "site" / "tanmia_course" / "work" / "course.py")
    )
    monkeypatch.setattr(sysconfig, "get_path", get_path)
    assert course.course_source() == installed
    (env_data / "share" / "tanmia-course" / "notebooks").mkdir(parents=True)
    (env_data / "share" / "tanmia-course" / "exercises").mkdir(parents=True)
    assert course.course_source() == env_data / "share" / "tanmia-course"  # the environment's first
