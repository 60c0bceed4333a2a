"""« tanmia-course classe DOSSIER »: the class view from the command line, in French."""

from __future__ import annotations

import pytest

from tanmia_course.cli import main

from .conftest import FIXTURES, own_os


def test_classe_reports_refused_files_and_writes_the_html_report(tmp_path, capsys):
    out = tmp_path / "rapport.html"
    assert main(["classe", str(FIXTURES / "ko" / "rendus_hostiles"), "--sortie", str(out)]) == 0
    text = capsys.readouterr().out
    assert "8 fichiers lus" in text
    assert "pas_du_json.json : ce n’est pas un fichier JSON lisible" in text
    assert "version_future.json : fichier au format version 99" in text
    assert f"Rapport écrit : {out}" in text
    html = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_classe_writes_rapport_classe_html_in_the_current_folder_by_default(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    assert main(["classe", str(FIXTURES / "ok" / "rendus_classe")]) == 0
    assert (tmp_path / "rapport_classe.html").is_file()
    assert "3 acceptés" in capsys.readouterr().out


def test_classe_says_when_the_folder_does_not_exist(tmp_path, capsys):
    assert main(["classe", str(tmp_path / "absent")]) == 1
    assert "Dossier introuvable" in capsys.readouterr().err


def test_classe_says_when_the_system_keeps_the_folder_closed(tmp_path, monkeypatch, capsys):
    # Windows' protected folders (a drive's root, « Ma musique »…) refuse to be listed; as
    # root here no folder does, so the refusal is the system's, stood in for.
    import errno

    from tanmia_course.work import store

    def closed(path):
        raise PermissionError(errno.EACCES, "Access is denied", str(path))

    own_os(monkeypatch, store, scandir=closed)
    (tmp_path / "classe").mkdir()
    assert main(["classe", str(tmp_path / "classe")]) == 1
    said = capsys.readouterr().err
    assert "Dossier de la classe illisible" in said and "permission refusée" in said


def test_the_help_of_classe_is_in_french(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["classe", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation\u00a0: tanmia-course classe")
    assert "--sortie FICHIER" in out and "afficher cette aide" in out


def test_the_report_written_into_a_folder_named_by_sortie(tmp_path, capsys):
    out = tmp_path / "rapports"
    out.mkdir()
    assert main(["classe", str(FIXTURES / "ok" / "rendus_classe"), "--sortie", str(out)]) == 0
    assert (out / "rapport_classe.html").is_file()


def test_a_report_that_cannot_be_written_is_said_in_french(tmp_path, capsys):
    out = tmp_path / "fichier"
    out.write_text("", encoding="utf-8")
    code = main(["classe", str(FIXTURES / "ok" / "rendus_classe"), "--sortie", str(out / "r.html")])
    assert code == 1
    assert "Rapport non écrit dans" in capsys.readouterr().err


def test_a_class_that_audited_a_trainers_case_is_read_with_that_content(tmp_path, capsys):
    import json

    from tanmia_course.classroom.result import DEMO_FOLDER
    from tanmia_course.content.loader import load_content
    from tanmia_course.exercises.audit.analysis import reference_answer

    folder = FIXTURES / "ok" / "cas_formateur"
    case = next(c for c in load_content([folder]).case_studies if c.id == "bibliotheque_tamazirt")
    handin = json.loads(
        (DEMO_FOLDER / "travaux_p01_association_de_douar.json").read_text(encoding="utf-8")
    )
    handin["reponses"] = {
        f"audit_{case.id}": {"modifie": handin["modifie"], "reponse": reference_answer(case)}
    }
    rendus = tmp_path / "rendus"
    rendus.mkdir()
    (rendus / "p01.json").write_text(json.dumps(handin, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["classe", str(rendus), "--sortie", str(out)]) == 0
    assert "exercice inconnu de ce cours" in capsys.readouterr().out
    args = ["classe", str(rendus), "--contenu", str(folder), "--sortie", str(out)]
    assert main(args) == 0
    said = capsys.readouterr().out
    assert "1 accepté, 0 accepté en partie" in said


def test_the_counts_printed_agree_with_the_files_listed_under_each_status(tmp_path, capsys):
    """Audits of a trainer's case read without its content: the file holding only that
    audit is refused, the one with a quiz beside it accepted in part; each is listed once,
    under the status the first line counts it in. With ``--contenu``, all are accepted."""
    rendus = FIXTURES / "ok" / "rendus_cas_formateur"
    out = str(tmp_path / "r.html")
    assert main(["classe", str(rendus), "--sortie", out]) == 0
    said = capsys.readouterr().out
    assert "3 fichiers lus\u00a0: 1 accepté, 1 accepté en partie, 1 refusé" in said
    refused = said.index("Fichiers refusés (1) :")
    partial = said.index("Fichiers acceptés en partie (1) :")
    assert refused < said.index("  - travaux_amina.json : aucune réponse acceptée") < partial
    assert partial < said.index("  - travaux_youssef.json : audit_bibliotheque_tamazirt")
    assert said.count("travaux_amina.json") == said.count("travaux_youssef.json") == 1
    assert "travaux_karim.json" not in said
    content = ["--contenu", str(FIXTURES / "ok" / "cas_formateur")]
    assert main(["classe", str(rendus), *content, "--sortie", out]) == 0
    said = capsys.readouterr().out
    assert "3 acceptés, 0 accepté en partie, 0 refusé" in said
    assert "Fichiers refusés" not in said and "Fichiers acceptés en partie" not in said
