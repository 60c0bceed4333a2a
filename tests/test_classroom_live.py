"""The class view reads a workshop's room as it works: each participant's work folder
(``classe/<nom>/`` on the hub) counts as a hand-in exported at the moment, by the name of
its profile; nothing waits for an export, and a damaged save is refused with its reason."""

from __future__ import annotations

import json
import os
import textwrap
import time
from pathlib import Path

import pytest

from tanmia_course.classroom.result import DEMO_FOLDER, read_class
from tanmia_course.work import store

from .conftest import ROOT

# Demo hand-ins whose every answer is accepted, with an actor map and a ranking.
DEMO = [
    f.fichier
    for f in read_class(DEMO_FOLDER).fichiers_lus
    if f.statut == "accepte" and f.fichier.startswith("travaux_")
]
DEMO = [
    DEMO_FOLDER / name
    for name in DEMO
    if {"cartographie_acteurs", "classement_avantages"}
    <= set(json.loads((DEMO_FOLDER / name).read_bytes())["reponses"])
]


def demo_answers(index: int) -> dict:
    return store.parse_handin(DEMO[index].read_bytes(), DEMO[index].name).reponses


def work_folder(room: Path, user: str, name: str | None, answers: dict) -> Path:
    """A participant's work folder as the hub leaves it: the profile written at first
    start, then each answer saved by its widget."""
    folder = room / user
    folder.mkdir(parents=True)
    if name is not None:
        profile = {"nom": name, "cree": "2026-12-07T09:00:00+01:00"}
        store.atomic_write_bytes(folder / store.PROFILE_FILE, store.dumps(profile))
    for eid, answer in answers.items():
        store.save_answer(eid, answer, folder)
    return folder


def older_export(room: Path, name: str) -> None:
    """An exported file of ``name``'s, older than anything saved since, beside the folders."""
    exported = json.loads(DEMO[1].read_bytes())
    exported["nom"], exported["modifie"] = name, "2026-01-01T09:00:00+01:00"
    (room / "travaux_aicha_b.json").write_text(json.dumps(exported), encoding="utf-8")


def statuses(classe):
    return {f.fichier: (f.participant, f.statut, f.raison) for f in classe.fichiers_lus}


def test_each_work_folder_of_a_room_is_one_participant_by_the_name_typed(tmp_path):
    room = tmp_path / "classe"
    first, second = demo_answers(0), demo_answers(1)
    work_folder(room, "aicha_b", "Aïcha B.", first)
    work_folder(room, "فاطمة", "فاطمة", second)
    work_folder(room, "youssef", "Youssef", {})  # signed in, nothing saved yet
    classe = read_class(room)
    assert classe.participants == ("Aïcha B.", "Youssef", "فاطمة")
    assert statuses(classe) == {
        "aicha_b/": ("Aïcha B.", "accepte", ""),
        "youssef/": ("Youssef", "accepte", ""),
        "فاطمة/": ("فاطمة", "accepte", ""),
    }
    # Each answer as saved, through its answer type, as an exported hand-in gives it.
    exported = read_class([DEMO[0]])
    for eid in first:
        assert classe.reponses[eid][0] == exported.reponses[eid][0], eid
    assert classe.participation().loc["Youssef", "nb_exercices"] == 0


def test_an_answer_saved_is_seen_at_the_next_reading_without_any_export(tmp_path):
    room = tmp_path / "classe"
    folder = work_folder(room, "aicha_b", "Aïcha B.", {})
    before = store.folder_state(room)
    assert "cartographie_acteurs" not in read_class(room).reponses
    answer = demo_answers(0)["cartographie_acteurs"]
    store.save_answer("cartographie_acteurs", answer, folder)
    assert store.folder_state(room) != before
    assert 0 in read_class(room).reponses["cartographie_acteurs"]


def test_a_damaged_save_is_refused_with_its_reason_and_the_others_are_kept(tmp_path):
    room = tmp_path / "classe"
    answers = demo_answers(0)
    folder = work_folder(room, "aicha_b", "Aïcha B.", answers)
    (folder / "classement_avantages.json").write_text('{"schema": "tanmia', encoding="utf-8")
    classe = read_class(room)
    name, status, reason = statuses(classe)["aicha_b/"]
    assert (name, status) == ("Aïcha B.", "partiel")
    assert "classement_avantages\u00a0: sauvegarde illisible" in reason
    assert "classement_avantages" not in classe.reponses
    assert 0 in classe.reponses["cartographie_acteurs"]


def test_an_export_left_in_a_work_folder_does_not_count_twice(tmp_path):
    room = tmp_path / "classe"
    folder = work_folder(room, "aicha_b", "Aïcha B.", demo_answers(0))
    store.export_handin("Aïcha B.", folder)
    classe = read_class(room)
    assert classe.participants == ("Aïcha B.",)
    assert list(statuses(classe)) == ["aicha_b/"]


def test_a_folder_without_profile_is_still_a_folder_of_files(tmp_path):
    """A trainer's folder of received files, sorted into sub-folders, is read file by file
    as before; a loose autosave there is still refused, saying what to send instead."""
    received = tmp_path / "rendus" / "groupe_1"
    received.mkdir(parents=True)
    (received / DEMO[0].name).write_bytes(DEMO[0].read_bytes())
    store.save_answer("cartographie_acteurs", demo_answers(0)["cartographie_acteurs"], received)
    seen = statuses(read_class(tmp_path / "rendus"))
    assert seen[f"groupe_1/{DEMO[0].name}"][1] == "accepte"
    assert seen["groupe_1/cartographie_acteurs.json"][1] == "refuse"
    assert "sauvegarde automatique" in seen["groupe_1/cartographie_acteurs.json"][2]


def test_the_newest_of_a_live_folder_and_an_exported_file_counts(tmp_path):
    room = tmp_path / "classe"
    work_folder(room, "aicha_b", "Aïcha B.", demo_answers(0))
    older_export(room, "Aïcha B.")
    seen = statuses(read_class(room))
    assert seen["aicha_b/"][1] == "accepte"
    assert seen["travaux_aicha_b.json"][1] == "refuse"
    assert "seul le plus récent compte" in seen["travaux_aicha_b.json"][2]


@pytest.mark.slow
def test_the_class_view_follows_the_room_in_a_running_kernel(tmp_path):
    """In a real kernel, as on the trainer's JupyterLab: the view, left alone, reads the
    room again once a participant saves; unticked, it no longer does."""
    jupyter_client = pytest.importorskip("jupyter_client")
    room = tmp_path / "classe"
    work_folder(room, "aicha_b", "Aïcha B.", {})
    manager, client = jupyter_client.manager.start_new_kernel(
        kernel_name="python3", env={**os.environ, "PYTHONPATH": str(ROOT)}
    )

    def run(code: str) -> str:
        out: list[str] = []
        reply = client.execute_interactive(
            textwrap.dedent(code),
            timeout=60,
            output_hook=lambda msg: out.append(msg["content"].get("text", "")),
        )
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(out)

    try:
        run(f"""
            import tanmia_course as tc
            from tanmia_course.classroom.widget import VueDeClasse
            VueDeClasse.period = 0.3
            vue = tc.vue_de_classe({str(room)!r}, suivre=True)
            print(vue.classe.participants)
        """)
        work_folder(room, "youssef", "Youssef", demo_answers(1))
        time.sleep(1.5)  # the kernel idle: its event loop looks at the folder
        assert run("print(vue.classe.participants)").strip() == "('Aïcha B.', 'Youssef')"
        assert "2 participants" in run("print(vue.bilan.value)").replace("\u00a0", " ")
        # The cell run again: the new view takes over, the old one stops looking.
        assert (
            run(f"""
            vue2 = tc.vue_de_classe({str(room)!r}, suivre=True)
            print(vue.suivre.value, vue2.suivre.value)
        """).strip()
            == "False True"
        )
        run("vue2.suivre.value = False")  # unticked: no view looks any more
        work_folder(room, "omar", "Omar", {})
        time.sleep(1.0)
        assert run("print(len(vue.classe.participants), len(vue2.classe.participants))") == (
            "2 2\n"
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


@pytest.mark.parametrize(
    ("profile", "why"),
    [
        (b'{"nom": "Dam', "pas un fichier JSON lisible"),
        (b'{"nom": 42}', "le nom du participant ou du groupe est vide"),
        (json.dumps({"nom": "x" * 500}).encode(), "nom trop long (500 caractères"),
        (b"[]", "un objet JSON est attendu"),
    ],
)
def test_a_damaged_profile_leaves_the_folders_name_and_says_why(tmp_path, profile, why):
    room = tmp_path / "classe"
    folder = work_folder(room, "aicha_b", "Aïcha B.", demo_answers(0))
    (folder / store.PROFILE_FILE).write_bytes(profile)
    classe = read_class(room)
    name, status, reason = statuses(classe)["aicha_b/"]
    assert (name, status) == ("aicha_b", "accepte")  # every answer still counts
    assert reason.startswith("profil illisible (") and why in reason, reason
    assert reason.endswith("nom du dossier utilisé")


def test_a_profiles_name_is_read_as_an_exported_files_name(tmp_path):
    room = tmp_path / "classe"
    work_folder(room, "aicha_b", "  Aïcha \n\t B.  ", demo_answers(0))
    older_export(room, "Aïcha B.")
    classe = read_class(room)
    assert classe.participants == ("Aïcha B.",)  # one participant: her folder, the newer


def test_one_participants_work_folder_can_be_read_alone(tmp_path):
    folder = work_folder(tmp_path / "classe", "aicha_b", "Aïcha B.", demo_answers(0))
    classe = read_class(folder)
    assert list(statuses(classe)) == ["aicha_b/"] and classe.participants == ("Aïcha B.",)


def test_the_summary_counts_participants_folders_and_files_apart(tmp_path):
    room = tmp_path / "classe"
    work_folder(room, "aicha_b", "Aïcha B.", demo_answers(0))
    work_folder(room, "youssef", "Youssef", {})
    assert read_class(room).bilan().startswith("2 dossiers de participants lus\u00a0: 2 acceptés")
    (room / DEMO[1].name).write_bytes(DEMO[1].read_bytes())
    assert (
        read_class(room)
        .bilan()
        .startswith("2 dossiers de participants lus et 1 fichier lu\u00a0: 3 acceptés")
    )


def test_the_workshops_class_outside_a_workshop_says_so_in_french():
    import tanmia_course as tc

    if tc.CLASSE_ATELIER is None:
        with pytest.raises(ValueError, match="n’est défini que sur le hub d’un atelier"):
            tc.classe(tc.CLASSE_ATELIER)
