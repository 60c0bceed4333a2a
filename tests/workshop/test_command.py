"""``tanmia-course atelier`` refuses, in French, to start where the hub cannot run or with
options it cannot use; ``--arreter`` archives the class even with no hub running."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tanmia_course.cli import main
from tanmia_course.work.store import save_answer
from tanmia_course.workshop import hub  # noqa: F401  # imported before sys.platform is faked

ROOT = Path(__file__).resolve().parents[2]


def test_windows_is_told_to_use_wsl_or_a_linux_box(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["--racine", str(ROOT), "atelier", str(tmp_path / "atelier")]) == 1
    said = capsys.readouterr().err
    assert "ne démarre pas sous Windows" in said and "WSL" in said
    assert not (tmp_path / "atelier").exists()


def test_a_folder_that_is_not_the_course_is_named(tmp_path, capsys):
    assert main(["--racine", str(tmp_path), "atelier", str(tmp_path / "atelier")]) == 1
    said = capsys.readouterr().err
    assert "n’est pas le dossier du cours" in said and "notebooks/ et exercises/" in said


def test_the_two_codes_must_differ(tmp_path, capsys):
    args = ["atelier", str(tmp_path / "a"), "--code", "1234", "--code-formateur", "1234"]
    assert main(["--racine", str(ROOT), *args]) == 2
    assert "doivent être différents" in capsys.readouterr().err


def test_the_idle_time_must_be_minutes(tmp_path, capsys):
    for wrong in ("-5", "une heure", "nan"):
        with pytest.raises(SystemExit) as stopped:
            main(["--racine", str(ROOT), "atelier", str(tmp_path / "a"), "--inactivite", wrong])
        assert stopped.value.code == 2
        said = capsys.readouterr().err
        assert f"«\xa0{wrong}\xa0» n’est pas une durée en minutes" in said, said
    with pytest.raises(SystemExit):
        main(["--racine", str(ROOT), "atelier", str(tmp_path / "a"), "--inactivite", "0,001"])
    assert "0,001\xa0»\xa0: trop court, au moins 0,1\xa0minute" in capsys.readouterr().err
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("port", ["0", "70000"])
def test_the_port_must_be_one(tmp_path, capsys, port):
    args = ["--racine", str(ROOT), "atelier", str(tmp_path / "a"), "--port", port]
    assert main(args) == 2
    assert f"un numéro de port de 1 à 65535 est attendu (reçu\xa0: {port})" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "a").exists()  # nothing kept that the next start would refuse


def test_codes_kept_in_a_damaged_file_are_not_replaced_silently(tmp_path, capsys):
    folder = tmp_path / "atelier"
    folder.mkdir()
    kept = folder / "atelier.json"
    for damaged, why in (
        (b'{"schema": "tanmia-course/atelier", "code": "48', "ce n’est pas un fichier JSON"),
        (b'{"schema": "tanmia-course/atelier", "places": -3}', "«\xa0places\xa0»"),
    ):
        kept.write_bytes(damaged)
        assert main(["--racine", str(ROOT), "atelier", str(folder)]) == 1
        said = capsys.readouterr().err
        assert str(kept) in said and why in said and "de nouveaux codes" in said, said
        assert kept.read_bytes() == damaged
    assert not (folder / "jupyterhub_config.py").exists()


def test_a_class_folder_that_is_a_link_is_not_followed(tmp_path, capsys):
    folder = tmp_path / "atelier"
    folder.mkdir()
    (folder / "jupyterhub_config.py").write_text("c = get_config()\n")
    (folder / "classe").symlink_to(tmp_path)
    assert main(["atelier", str(folder), "--arreter"]) == 1
    assert "est un lien symbolique\xa0: l’archive ne le suit pas" in capsys.readouterr().err
    assert not (folder / "archives").exists()


def test_stopping_a_folder_that_is_not_a_workshop_is_refused(tmp_path, capsys):
    assert main(["atelier", str(tmp_path), "--arreter"]) == 1
    assert "n’est pas le dossier d’un atelier" in capsys.readouterr().err
    assert not (tmp_path / "archives").exists()


def test_stopping_with_no_hub_running_archives_the_class_and_kills_nothing(tmp_path, capsys):
    folder = tmp_path / "atelier"
    (folder / "classe" / "aicha_b").mkdir(parents=True)
    (folder / "classe" / "youssef").mkdir()
    (folder / "classe" / ".ipynb_checkpoints").mkdir()  # JupyterLab's, not a participant
    (folder / "jupyterhub_config.py").write_text("c = get_config()\n")
    answer = save_answer("cartographie_acteurs", {"acteurs": {}}, folder / "classe" / "aicha_b")
    # A hub killed earlier left its pid file; that number now belongs to another process.
    other = subprocess.Popen(["sleep", "60"])
    (folder / "jupyterhub.pid").write_text(str(other.pid))
    (folder / "proxy.pid").write_text(str(other.pid))
    # An archive of this very minute (or the next) is never written over.
    now = datetime.now()
    earlier = [
        folder / "archives" / f"classe_{moment:%Y-%m-%d_%H%M}.zip"
        for moment in (now, now + timedelta(minutes=1))
    ]
    for path in earlier:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"earlier")
    try:
        assert main(["atelier", str(folder), "--arreter"]) == 0
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()
    said = capsys.readouterr().out
    assert "Aucun atelier n’est en marche" in said, said
    assert all(path.read_bytes() == b"earlier" for path in earlier)
    archive = re.search(r"(\S+\.zip) — 2 participants, 1 fichier\.", said)
    assert archive, said
    with zipfile.ZipFile(archive[1]) as zipped:
        assert zipped.read("classe/aicha_b/cartographie_acteurs.json") == (
            answer.chemin.read_bytes()
        )
        assert "classe/youssef/" in zipped.namelist()
