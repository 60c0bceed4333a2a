"""The trainer's pack (``tanmia-course imprimer``, ``tc.imprimer``): the documents built from
the content, a trainer's own included, the command's files and French messages, and the
pack printed to PDF by Chromium: page counts, no card or grid across a page edge, every
card's text inside its card, PNG previews kept in captures/impression/."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import tanmia_course as tc
from tanmia_course.cli import main
from tanmia_course.content.display import credit_line
from tanmia_course.content.loader import load_content
from tanmia_course.display.text import NBSP, hours
from tanmia_course.printing import pack
from tanmia_course.printing import pdf as pdf_printer
from tanmia_course.printing.writer import ImpressionImpossible

from .conftest import FIXTURES

TRAINER_CASE = FIXTURES / "ok" / "cas_formateur"
CLASS = FIXTURES / "ok" / "rendus_classe"


@pytest.fixture(scope="module")
def content():
    return load_content([])


def _text(page: str) -> str:
    """A page's words, tags left out, entities of the escaping read back; runs of spaces and
    line breaks made one space (no-break spaces kept, as the content writes them)."""
    import html

    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


# --------------------------------------------------------------------------- the documents


def test_the_facilitation_guide_gives_each_agenda_with_clock_times_and_each_activity(content):
    doc = pack.facilitation_guide(content)
    text = _text(doc.body)
    for agenda in content.agendas:
        assert str(agenda.label) in text
        for session in agenda.sessions:
            for start, end, _ in session.timeline():
                assert f"{start}–{end}" in text
    for activity in content.activities:
        assert str(activity.label) in text and str(activity.aim) in text
        for part in (*activity.steps, *activity.debrief, *activity.misconceptions):
            assert str(part) in text
        if activity.without_computer is not None:
            assert str(activity.without_computer) in text
    # each activity's duration in an agenda where it runs
    first = content.agendas[0].sessions[0].blocks[0]
    assert f"{hours(first.minutes)} ({content.agendas[0].label})" in text
    assert doc.name == pack.documents(content)[0].name


def test_actor_cards_hold_the_guide_actors_the_local_ones_once_and_blank_cards(content):
    doc = pack.actor_cards(content)
    text = _text(doc.page())
    for actor in content.actors:
        assert str(actor.label) in text
    # a local actor of the map and of three cases is one card, with its category
    assert text.count("Association Tifawin pour le développement (Tifawin)") == 1
    assert "Acteur local — Les Coopératives Coopérative Nour" in text
    cards = doc.body.count("class='carte")
    assert cards == doc.pages * pack.CARDS_PER_SHEET
    assert doc.body.count("class='repere") == 4 * cards  # cut marks at each card's corners
    assert doc.body.count("class='carte vierge'") >= pack.MIN_BLANK_CARDS


def test_the_influence_grid_is_a3_with_each_strategy_of_the_content(content):
    doc = pack.actor_grid(content)
    assert doc.paper == "a3-paysage" and "@page a3-paysage { size: A3 landscape; }" in doc.page()
    text = _text(doc.body)
    for strategy in content.engagement_strategies:
        assert str(strategy.label) in text and str(strategy.explanation) in text


def test_benefit_cards_have_each_benefit_with_its_theme_and_the_mat_has_nine_slots(content):
    doc = pack.benefit_cards(content)
    text = _text(doc.body)
    themes = {t.id: str(t.label) for t in content.themes}
    for benefit in content.benefits:
        assert f"{themes[benefit.theme]} {benefit.label}" in text
    assert len(content.benefits) == 21
    mat = pack.diamond_mat().body
    assert mat.count("class='emplacement'") == 9
    rows = re.findall(r"<div class='rang'[^>]*>(.*?)</div></div>", mat)
    assert [r.count("emplacement") for r in rows] == [1, 2, 3, 2, 1]


def test_the_audit_grid_has_every_criterion_level_sign_and_verdict(content):
    case = content.case_studies[0]
    doc = pack.audit_grid(content, case)
    text = _text(doc.body)
    assert doc.body.count("<tr>") == 1 + len(content.criteria) + 1 + len(content.warning_signs)
    for criterion in content.criteria:
        assert str(criterion.short) in text and all(str(lv) in text for lv in criterion.levels)
    for sign in content.warning_signs:
        assert str(sign.label) in text
    for verdict in ("Pas un véritable partenariat", "Partenariat solide", "Partenariat fragile"):
        assert verdict in text
    assert "Audit à compléter" not in text  # not a verdict one chooses on paper
    assert "Preuve (§ et citation)" in text
    # each level says what it means, in the words of the audit's one scale
    assert "Niveau 0 — absent" in text and "Niveau 3 — pleinement réalisé" in text


def test_the_quiz_sheets_hide_the_answers_and_the_key_gives_them(content):
    sheets, key = _text(pack.quiz_sheets(content).body), _text(pack.quiz_key(content).body)
    for quiz in content.quizzes:
        for question in quiz.questions:
            assert str(question.prompt) in sheets and str(question.prompt) in key
            for option in question.options:
                assert str(option.text) in sheets
                assert (str(option.feedback) in key) == option.correct
    assert "Quiz — corrigé" in key
    # round boxes where one answer is right, square ones where several may be
    options = [(q.type, len(q.options)) for quiz in content.quizzes for q in quiz.questions]
    body = pack.quiz_sheets(content).body
    assert body.count("class='case ronde'") == sum(n for kind, n in options if kind == "single")
    assert body.count("class='case'") == sum(n for kind, n in options if kind != "single")
    # each question says once how many answers it takes, whatever its wording
    singles = sum(kind == "single" for kind, _ in options)
    assert body.count("une seule réponse") == singles
    assert body.count("plusieurs réponses possibles") == len(options) - singles


def test_the_forms_say_the_course_text(content):
    evaluation = _text(pack.evaluation_form(content).body)
    assert "Tout à fait d’accord" in evaluation and "Fiche d’évaluation de l’atelier" in evaluation
    assert "Ce qui m’a été le plus utile\u00a0:" in evaluation  # the content's typography
    attendance = pack.attendance_sheet(content)
    (forms,) = content.forms
    assert attendance.body.count("<tr>") == 1 + forms.attendance.rows == 13
    assert "Signature (matin)" in _text(attendance.body)


def test_the_forms_are_the_contents(content):
    import dataclasses

    from tanmia_course.content.model import Text

    (forms,) = content.forms
    evaluation = dataclasses.replace(forms.evaluation, title=Text("Votre avis"))
    changed = dataclasses.replace(
        content, forms=(dataclasses.replace(forms, evaluation=evaluation),)
    )
    docs = {d.name: d for d in pack.documents(changed)}
    assert (
        docs["08_evaluation"].title == "Votre avis" and "Votre avis" in docs["08_evaluation"].body
    )
    assert "Fiche d’évaluation" not in docs["08_evaluation"].body


def test_a_trainers_forms_file_changes_the_printed_forms(tmp_path):
    folder = tmp_path / "contenu"
    folder.mkdir()
    (folder / "fiches.yaml").write_text(
        """kind: forms
id: atelier
title: {fr: "Les fiches de l’atelier d’Oujda"}
description: {fr: "Écrites par le formateur pour l’atelier d’Oujda."}
evaluation:
  title: {fr: "Votre avis sur la journée d’Oujda"}
  intro: {fr: "Cochez une case par ligne."}
  scale: [{fr: "Non"}, {fr: "Plutôt non"}, {fr: "Plutôt oui"}, {fr: "Oui"}, {fr: "Tout à fait"}]
  statements: [{fr: "La journée m’a servi."}, {fr: "Je reviendrai."}]
attendance:
  title: {fr: "Présences"}
  fields: [{fr: "Lieu"}]
  columns: [{fr: "Nom"}, {fr: "Signature"}]
  rows: 6
certificate:
  title: {fr: "Attestation"}
  workshop: {fr: "Atelier d’Oujda"}
  body: {fr: "a suivi l’atelier d’Oujda et a rendu :"}
  none: {fr: "a suivi l’atelier d’Oujda."}
  signature: {fr: "Le formateur"}
""",
        encoding="utf-8",
    )
    tc.imprimer(tmp_path / "pack", contenu=folder, pdf=False, classe=CLASS)
    page = (tmp_path / "pack" / "08_evaluation.html").read_text("utf-8")
    text = _text(page)
    assert "Votre avis sur la journée d’Oujda" in text and "Je reviendrai." in text
    assert "Fiche d’évaluation de l’atelier" not in text and "Tout à fait d’accord" not in text
    assert page.count("class='case'") == 2 * 5  # two statements, five boxes each
    assert "<h3>" not in page.split("<main", 1)[1]  # no open question given, none printed
    sheet = (tmp_path / "pack" / "09_emargement.html").read_text("utf-8")
    assert sheet.count("<tr>") == 1 + 6 and "Présences" in sheet
    certificates = _text((tmp_path / "pack" / "10_attestations.html").read_text("utf-8"))
    assert "Atelier d’Oujda" in certificates and "Construire un partenariat" not in certificates


def test_a_certificate_per_participant_with_the_exercises_they_handed_in(content):
    from datetime import date

    from tanmia_course.classroom.result import read_class

    classe = read_class(CLASS, content)
    doc = pack.certificates(classe, date(2026, 3, 14))
    assert doc.pages == len(classe.participants) == doc.body.count("class='attestation'")
    text = _text(doc.body)
    for name in classe.participants:
        assert name in text
    assert "Le 14/03/2026" in text and "Cartographie des acteurs" in text


def test_every_page_carries_the_credit_line_and_the_page_number(content):
    for doc in pack.documents(content):
        page = doc.page()
        assert credit_line().replace('"', '\\"') in page
        assert 'counter(page) " / " counter(pages)' in page
        assert "margin: 12mm 12mm 16mm 12mm" in page  # at least 12 mm on every side


def test_a_trainers_case_gets_its_handout_and_audit_grid(tmp_path):
    folder = tc.imprimer(tmp_path / "pack", contenu=TRAINER_CASE, pdf=False)
    names = {f.name for f in folder.fichiers}
    assert "05_cas_bibliotheque_tamazirt_recit.html" in names
    assert "05_cas_bibliotheque_tamazirt_grille_audit.html" in names
    handout = (tmp_path / "pack" / "05_cas_bibliotheque_tamazirt_recit.html").read_text("utf-8")
    assert "La bibliothèque du douar Tamazirt" in handout and "§ 2" in handout
    cards = (tmp_path / "pack" / "01_cartes_acteurs.html").read_text("utf-8")
    assert "Faculté des lettres (université de la région)" in cards  # its local actors too


# --------------------------------------------------------------------------- the calls


def test_imprimer_writes_html_and_its_result_lists_the_files(tmp_path):
    folder = tc.imprimer(tmp_path / "dossier", pdf=False)
    assert all(f.is_file() and f.suffix in (".html", ".docx") for f in folder.fichiers)
    content = load_content()
    assert len(folder.documents) == len(pack.documents(content))
    # an HTML page per document, and the blank templates in Word beside theirs
    assert len(folder.fichiers) == len(folder.documents) + len(content.templates)
    shown = folder._repr_html_()
    assert "href='" in shown and "01_cartes_acteurs.html" in shown
    assert repr(folder).startswith(f"Dossier du formateur écrit dans « {tmp_path / 'dossier'}")


def test_the_command_writes_the_pack_with_a_trainers_content_and_a_class(tmp_path, capsys):
    out = tmp_path / "atelier"
    code = main(
        ["imprimer", str(out), "--contenu", str(TRAINER_CASE), "--classe", str(CLASS), "--sans-pdf"]
    )
    assert code == 0
    said = capsys.readouterr().out
    assert f"Dossier du formateur écrit dans « {out} »" in said
    assert "05_cas_bibliotheque_tamazirt_grille_audit.html" in said
    assert (out / "10_attestations.html").is_file()
    assert not list(out.glob("*.pdf"))


def test_without_chromium_the_command_says_so_and_keeps_the_html(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TANMIA_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on it
    assert main(["imprimer", str(tmp_path / "p")]) == 0
    assert "Chromium est introuvable" in capsys.readouterr().out
    assert (tmp_path / "p" / "06_quiz.html").is_file()


def test_a_chromium_variable_naming_no_file_is_named(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TANMIA_CHROMIUM", str(tmp_path / "pas_de_chromium"))
    assert main(["imprimer", str(tmp_path / "p")]) == 0
    said = capsys.readouterr().out
    assert "TANMIA_CHROMIUM" in said and "pas_de_chromium" in said
    assert (tmp_path / "p" / "06_quiz.html").is_file() and not list((tmp_path / "p").glob("*.pdf"))


# A stand-in for Chromium: writes the PDF asked for, or fails with a message in Latin-1 (as
# a browser may write in Windows' code page).
FAKE_CHROMIUM = """#!{python}
import sys
from pathlib import Path
if {fails}:
    sys.stderr.buffer.write(b"ERROR: \\xe9chec de l'impression\\n")
    sys.exit(1)
(target,) = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--print-to-pdf=")]
Path(target).write_bytes(b"%PDF-1.4 imprime")
"""


def _chromium(tmp_path, fails=False) -> str:
    path = tmp_path / ("chromium_en_echec" if fails else "chromium")
    path.write_text(FAKE_CHROMIUM.format(python=sys.executable, fails=fails), encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def test_a_pdf_open_in_a_pdf_reader_is_named_and_the_pack_is_still_written(
    tmp_path, capsys, monkeypatch
):
    """Printing the pack again while last time's quiz is open in Acrobat (Windows will not
    remove a file open elsewhere): the command says which PDF to close, and writes the rest."""
    monkeypatch.setenv("TANMIA_CHROMIUM", _chromium(tmp_path))
    out = tmp_path / "p"
    out.mkdir()
    (out / "06_quiz.pdf").write_bytes(b"%PDF-1.4 ouvert dans Acrobat")
    removal = Path.unlink

    def open_in_acrobat(path, missing_ok=False):
        if path.name == "06_quiz.pdf":
            exc = PermissionError(13, "Le processus ne peut pas accéder au fichier", str(path))
            exc.winerror = 32
            raise exc
        removal(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", open_in_acrobat)
    assert main(["imprimer", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"«{NBSP}06_quiz.pdf{NBSP}» n’a pas pu être remplacé" in said
    assert "ouvert dans un autre programme" in said and "fermez-le" in said
    assert (out / "06_quiz.html").is_file()
    assert (out / "06_quiz.pdf").read_bytes() == b"%PDF-1.4 ouvert dans Acrobat"
    assert (out / "01_cartes_acteurs.pdf").read_bytes() == b"%PDF-1.4 imprime"


def test_chromium_s_messages_in_any_encoding_are_shown_not_a_crash(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>page</p>", encoding="utf-8")
    with pytest.raises(pdf_printer.PdfImpossible, match="code 1") as info:
        pdf_printer.print_to_pdf(_chromium(tmp_path, fails=True), page, tmp_path / "page.pdf")
    assert "\ufffdchec de l'impression" in str(info.value)


def test_a_class_folder_with_no_participant_read_says_there_is_no_certificate(tmp_path):
    rendus = tmp_path / "rendus"
    rendus.mkdir()
    (rendus / "travaux_coupe.json").write_bytes(b'{"schema": "tanmia-course/trav')
    folder = tc.imprimer(tmp_path / "p", classe=rendus, pdf=False)
    assert "Aucun participant lu" in repr(folder)
    assert not (tmp_path / "p" / "10_attestations.html").exists()


def test_content_without_quizzes_prints_no_empty_quiz_sheet(content):
    import dataclasses

    names = [d.name for d in pack.documents(dataclasses.replace(content, quizzes=()))]
    assert "06_quiz" not in names and "07_quiz_corrige" not in names
    assert "06_quiz" in [d.name for d in pack.documents(content)]


def test_a_file_given_as_the_folder_is_refused_in_french(tmp_path, capsys):
    target = tmp_path / "fichier.txt"
    target.write_text("", encoding="utf-8")
    assert main(["imprimer", str(target), "--sans-pdf"]) == 1
    assert "est un fichier, pas un dossier" in capsys.readouterr().err
    with pytest.raises(ImpressionImpossible, match="pas un dossier"):
        tc.imprimer(target, pdf=False)


def test_an_unknown_content_folder_or_class_folder_is_refused_in_french(tmp_path, capsys):
    assert main(["imprimer", str(tmp_path / "p"), "--contenu", str(tmp_path / "absent")]) == 1
    assert "ce dossier de contenu n’existe pas" in capsys.readouterr().err
    assert main(["imprimer", str(tmp_path / "p"), "--classe", str(tmp_path / "absent")]) == 1
    assert "Dossier introuvable" in capsys.readouterr().err


def test_the_help_of_imprimer_is_in_french(capsys):
    with pytest.raises(SystemExit):
        main(["imprimer", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation\u00a0: tanmia-course imprimer")
    assert "--sans-pdf" in out and "--classe DOSSIER" in out
