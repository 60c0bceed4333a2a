"""The result of an audit and its printable report: standalone, escaped, complete."""

from __future__ import annotations

import base64
import re

import pytest

import tanmia_course as tc
from tanmia_course.display.picture import Graphique
from tanmia_course.exercises.audit.analysis import reference_answer
from tanmia_course.exercises.audit.report import RapportEcrit

CASE = "programme_femmes_actrices"


@pytest.fixture(scope="module")
def result():
    answer = reference_answer(tc.etude_de_cas(CASE))
    answer["criteres"]["transparence"] = {
        "niveau": 2,
        "preuve": "<script>alert('pirate')</script> & « guillemets »",
    }
    answer["signes_alerte"]["desequilibre_risques"] = ""
    answer["recommandations"] = "<img src=x onerror=alert(1)>\nDeuxième ligne"
    unticked = next(s for s in tc.signes_alerte().index if s not in answer["signes_alerte"])
    answer["preuves_signes_non_retenus"] = {unticked: "§ 2 : <i>peut-être</i>"}
    return tc.analyser_audit(CASE, answer)


def test_the_report_shows_the_evidence_of_unticked_signs_as_not_counted(result):
    html = result.rapport_html()
    assert "§ 2 : &lt;i&gt;peut-être&lt;/i&gt;" in html
    assert "non retenu (pas coché : ne compte pas dans le verdict)" in html


def test_the_result_carries_the_verdict_and_the_comparison(result):
    assert result.verdict.id == "pas_un_partenariat"
    assert list(result.comparaison.columns) == [
        "critere",
        "votre_niveau",
        "niveau_reference",
        "ecart",
        "accord",
    ]
    assert result.comparaison.loc["transparence", "ecart"] == 2
    assert result.details.signes_non_prouves == ("desequilibre_risques",)
    assert repr(result).startswith("Audit du cas «\u00a0“Femmes actrices”")  # quotes in quotes


def test_the_figures_are_svg_images_with_their_text_as_text(result):
    for image, word in ((result.radar(), "Transparence"), (result.feux(), "Référence")):
        assert isinstance(image, Graphique)
        assert "<svg" in image.svg and word in image.svg
        assert image._repr_svg_() == image.svg  # the same figure gives the same text
        assert image.data_uri().startswith("data:image/svg+xml;base64,")
    # Drawn once per result: the report and the display reuse the notebook's pictures.
    assert result.radar() is result.radar() and result.feux() is result.feux()
    assert result.radar().svg in base64.b64decode(
        re.findall(r"data:image/svg\+xml;base64,([^']+)", result.rapport_html())[0]
    ).decode("utf-8")


def test_the_report_is_standalone_and_every_learner_text_is_escaped(result):
    html = result.rapport_html(auteur="Salma <b>B.</b>")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:|//)", html)
    assert len(re.findall(r"src='data:image/svg\+xml;base64,", html)) == 2
    assert "&lt;script&gt;alert(&#x27;pirate&#x27;)&lt;/script&gt; &amp; « guillemets »" in html
    assert "&lt;img src=x onerror=alert(1)&gt;\nDeuxième ligne" in html
    assert "<img src=x" not in html
    assert "Salma &lt;b&gt;B.&lt;/b&gt;" in html


def test_the_report_holds_the_audit_the_reference_and_the_case(result):
    html = result.rapport_html()
    for criterion in tc.criteres()["intitule_court"]:
        assert criterion in html
    assert "à prouver (pas de preuve)" in html
    assert "Verdict de l’audit de référence" in html
    assert "Karim Benjelloun décide de tout." in html  # the case text, in the annex
    assert "Association Tanmia.ma" in html
    assert "Cas fictif" in html


def test_the_report_is_written_to_a_file_in_utf8(result, tmp_path):
    written = result.rapport_html(tmp_path / "rapport.html")
    assert isinstance(written, RapportEcrit)
    text = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert "Rapport d’audit d’un partenariat" in text
    assert "rapport.html" in written._repr_html_()
    assert "imprimer" in repr(written)


def test_the_report_is_written_whole_and_readable_by_those_it_is_shared_with(
    result, tmp_path, monkeypatch
):
    import os
    import stat

    path = tmp_path / "rapport.html"
    old = os.umask(0o027)
    try:
        result.rapport_html(path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640  # shared as the umask says, not private
    finally:
        os.umask(old)

    def killed(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", killed)  # the disk fills as the page is written
    with pytest.raises(OSError):
        result.rapport_html(path)
    assert "Rapport d’audit d’un partenariat" in path.read_text(encoding="utf-8")  # still whole
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_the_result_shows_itself_with_its_radar(result):
    shown = result._repr_html_()
    assert "data:image/svg+xml;base64," in shown
    assert "Verdict de la référence" in shown
    assert "<table class='tanmia-comparaison'>" in shown  # the comparison, criterion by criterion


def test_the_report_can_be_saved_in_the_work_folder(result, tmp_path, monkeypatch):
    monkeypatch.setenv("TANMIA_TRAVAUX", str(tmp_path / "travaux"))
    written = result.enregistrer_rapport(auteur="Groupe 2")
    assert written.chemin == tmp_path / "travaux" / "rapport_audit_programme_femmes_actrices.html"
    assert "Groupe 2" in written.chemin.read_text(encoding="utf-8")


def test_a_report_written_on_another_drive_is_shown_with_its_address(result, tmp_path, monkeypatch):
    """On Windows, a report written to a USB stick (E:) from a notebook on C: has no path
    relative to the notebook: the link is the file's own address, never a traceback."""
    from tanmia_course.exercises.audit import report

    written = result.rapport_html(tmp_path / "rapport.html")

    def other_drive(path, start=None):
        raise ValueError(f"path is on mount 'E:', start on mount 'C:' ({path}, {start})")

    monkeypatch.setattr(report.os.path, "relpath", other_drive)
    shown = written._repr_html_()
    assert f"href='{(tmp_path / 'rapport.html').as_uri()}'" in shown
    assert "rapport.html" in shown


def test_the_report_link_opens_from_the_exercises_folder(result, tmp_path, monkeypatch):
    """The page resolves the link from the notebook's folder; the report is in the course's
    work folder, one level up."""
    monkeypatch.delenv("TANMIA_TRAVAUX", raising=False)
    for name in ("notebooks", "exercises"):
        (tmp_path / name).mkdir()
    monkeypatch.chdir(tmp_path / "exercises")
    shown = result.enregistrer_rapport()._repr_html_()
    href = re.search(r"href='([^']+)'", shown)[1]
    assert (tmp_path / "exercises" / href).resolve() == (
        tmp_path / "travaux" / "rapport_audit_programme_femmes_actrices.html"
    )
    assert ">travaux/rapport_audit_programme_femmes_actrices.html<" in shown
