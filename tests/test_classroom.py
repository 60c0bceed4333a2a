"""The trainer's class view: every file accounted for, the class's tables, the HTML report."""

from __future__ import annotations

import json
import os
import re
import stat
import types

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tanmia_course as tc
from tanmia_course.classroom.result import DEMO_FOLDER, read_class
from tanmia_course.content.loader import load_content
from tanmia_course.exercises.audit.analysis import VERDICTS, decide, levels_of
from tanmia_course.work import store

from .conftest import FIXTURES, ROOT, own_os

HOSTILE = FIXTURES / "ko" / "rendus_hostiles"
GOOD = FIXTURES / "ok" / "rendus_classe"
CASE = "minibus_des_collegiennes"


def statuses(classe):
    return {f.fichier: (f.statut, f.raison) for f in classe.fichiers_lus}


# ------------------------------------------------------------------ files accounted for


def test_every_file_of_a_hostile_folder_is_accepted_or_refused_with_its_reason():
    classe = read_class(HOSTILE)
    seen = statuses(classe)
    assert set(seen) == {p.name for p in HOSTILE.iterdir()}
    expected = {
        "pas_du_json.json": ("refuse", "pas un fichier JSON lisible"),
        "photo.json": ("refuse", "pas un fichier texte en UTF-8"),
        "autre_schema.json": ("refuse", "pas un fichier de travaux du cours"),
        "version_future.json": ("refuse", "format version 99"),
        "sauvegarde_automatique.json": ("refuse", "sauvegarde automatique d’un seul exercice"),
        "travaux_balises_ancien.json": ("refuse", "doublon"),
        "travaux_balises.json": ("accepte", ""),
        # every answer of it refused: the file is refused, each answer's reason given
        "identifiants_inconnus.json": ("refuse", "Critère inconnu : « honnetete »"),
    }
    for name, (status, reason) in expected.items():
        assert seen[name][0] == status, (name, seen[name])
        assert reason in seen[name][1], (name, seen[name])
    unknown = seen["identifiants_inconnus.json"][1]
    for what in ("acteur_fantome", "avantage_fantome", "exercice_fantome", "q99"):
        assert what in unknown
    # The class still renders, with what was accepted.
    assert classe.participants == (
        '<script>alert("nom")</script> Groupe Tifawin',
        "Groupe aux identifiants inconnus",
    )
    assert "Vue de classe" in classe.rapport_html(figures=False)


TRAINERS_CASE = FIXTURES / "ok" / "rendus_cas_formateur"


def test_a_file_with_nothing_accepted_is_refused_and_one_with_something_accepted_is_partial():
    """Audits of a trainer's case, read without the trainer's content: Amina handed in only
    that audit (refused: nothing of her file counts), Youssef that audit and a quiz
    (accepted in part), Karim a quiz (accepted). Each refused answer is named once."""
    seen = statuses(read_class(TRAINERS_CASE))
    assert {name: status for name, (status, _) in seen.items()} == {
        "travaux_amina.json": "refuse",
        "travaux_youssef.json": "partiel",
        "travaux_karim.json": "accepte",
    }
    for name in ("travaux_amina.json", "travaux_youssef.json"):
        assert seen[name][1].count("audit_bibliotheque_tamazirt\u00a0: exercice inconnu") == 1
    assert seen["travaux_amina.json"][1].startswith("aucune réponse acceptée — ")
    assert seen["travaux_karim.json"][1] == ""
    with_content = read_class(TRAINERS_CASE, load_content([FIXTURES / "ok" / "cas_formateur"]))
    assert {f.statut for f in with_content.fichiers_lus} == {"accepte"}


@pytest.mark.parametrize(
    "folder", [HOSTILE, GOOD, TRAINERS_CASE, DEMO_FOLDER], ids=lambda p: p.name
)
def test_each_count_of_the_summary_is_the_number_of_files_listed_with_a_reason(folder):
    """What ``tanmia-course classe`` prints: as many files under « Fichiers refusés » and
    « Fichiers acceptés en partie » as the first line counts, each once, each with its
    reason; no reason without a count, no count without a reason."""
    classe = read_class(folder)
    lines = classe.compte_rendu().splitlines()
    counted = re.match(
        r"(\d+) fichiers? lus?\u00a0: (\d+) acceptés?, (\d+) acceptés? en partie, "
        r"(\d+) refusés?",
        lines[0],
    )
    read, accepted, partial, refused = map(int, counted.groups())
    listed: dict[str, list[str]] = {}
    heading = None
    for line in lines[1:]:
        if line.startswith("  - "):
            name, reason = line[4:].split("\u00a0: ", 1)
            assert reason.strip() and ".." not in reason, line
            listed[heading].append(name)
        else:
            heading, number = re.fullmatch(r"(.+) \((\d+)\)\u00a0:", line).groups()
            assert heading not in listed
            listed[heading] = []
            assert int(number) > 0
    for heading, names in listed.items():
        assert f"{heading} ({len(names)})\u00a0:" in lines
    assert len(listed.get("Fichiers refusés", [])) == refused
    assert len(listed.get("Fichiers acceptés en partie", [])) == partial
    every = [name for names in listed.values() for name in names]
    assert len(every) == len(set(every)) == read - accepted
    html = classe._repr_html_()
    for heading, names in listed.items():
        assert f"{heading} ({len(names)})" in html


def test_a_file_over_the_size_limit_is_refused_and_the_others_still_count(tmp_path):
    for p in GOOD.iterdir():
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "enorme.json").write_bytes(b" " * (store.MAX_BYTES + 1))
    classe = read_class(tmp_path)
    assert statuses(classe)["enorme.json"][0] == "refuse"
    assert "trop volumineux" in statuses(classe)["enorme.json"][1]
    assert len(classe.participants) == 3


def test_a_long_hand_in_under_the_limit_is_read_whole(tmp_path):
    doc = json.loads(next(GOOD.iterdir()).read_text(encoding="utf-8"))
    long_text = "Une recommandation détaillée. " * 5000  # about 150 kio
    for entry in doc["reponses"].values():
        if "recommandations" in entry["reponse"]:
            entry["reponse"]["recommandations"] = long_text
    (tmp_path / "long.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    classe = read_class(tmp_path)
    assert statuses(classe)["long.json"] == ("accepte", "")
    (audit,) = classe.audits().values()
    assert audit.recommandations.iloc[0] == long_text


def test_an_identical_copy_is_named_as_such_and_counted_once(tmp_path):
    source = next(GOOD.iterdir())
    (tmp_path / "a.json").write_bytes(source.read_bytes())
    (tmp_path / "a (1).json").write_bytes(source.read_bytes())
    classe = read_class(tmp_path)
    assert len(classe.participants) == 1
    refused = [f for f in classe.fichiers_lus if f.statut == "refuse"]
    assert len(refused) == 1 and "copie identique" in refused[0].raison


def test_the_most_recent_hand_in_of_a_participant_wins_whatever_the_file_order(tmp_path):
    doc = json.loads(next(GOOD.iterdir()).read_text(encoding="utf-8"))
    newer = dict(doc, modifie="2025-03-16T09:00:00+01:00")
    older = dict(doc, modifie="2025-03-15T09:00:00+01:00", reponses={})
    older["nom"] = doc["nom"].upper()  # same participant, other spelling
    (tmp_path / "z_recent.json").write_text(json.dumps(newer), encoding="utf-8")
    (tmp_path / "a_ancien.json").write_text(json.dumps(older), encoding="utf-8")
    classe = read_class(tmp_path)
    assert statuses(classe)["z_recent.json"][0] == "accepte"
    assert "z_recent.json" in statuses(classe)["a_ancien.json"][1]
    assert classe.participation()["nb_exercices"].iloc[0] == len(doc["reponses"])


def test_uploaded_files_and_a_folder_are_read_together():
    uploads = [(f"chargé : {p.name}", p.read_bytes()) for p in GOOD.iterdir()]
    classe = read_class([HOSTILE, *uploads], titre="atelier")
    assert len(classe.fichiers_lus) == len(list(HOSTILE.iterdir())) + 3
    assert len(classe.participants) == 5


def test_hidden_files_and_sub_folders(tmp_path):
    (tmp_path / "groupe_a").mkdir()
    (tmp_path / ".ipynb_checkpoints").mkdir()
    source = next(GOOD.iterdir())
    (tmp_path / "groupe_a" / "rendu.json").write_bytes(source.read_bytes())
    (tmp_path / ".ipynb_checkpoints" / "rendu.json").write_bytes(b"{}")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    classe = read_class(tmp_path)
    assert [f.fichier for f in classe.fichiers_lus] == ["groupe_a/rendu.json"]


def test_a_missing_folder_is_a_french_error():
    with pytest.raises(FileNotFoundError, match="Dossier introuvable"):
        read_class(ROOT / "pas_de_dossier")


@settings(max_examples=60, deadline=None)
@given(
    files=st.lists(
        st.binary(max_size=200)
        | st.builds(
            lambda d: json.dumps(d).encode(),
            st.dictionaries(
                st.sampled_from(["schema", "version", "nom", "reponses", "cree", "modifie"]),
                st.sampled_from(
                    [store.HANDIN_SCHEMA, 1, 2, "x", None, {}, [], {"quiz_lecon_01": {}}]
                ),
            ),
        ),
        max_size=8,
    )
)
def test_any_files_give_a_class_where_each_file_is_accounted_for(files):
    items = [(f"f{i}.json", data) for i, data in enumerate(files)]
    classe = read_class(items, titre="hasard")
    assert [f.fichier for f in classe.fichiers_lus] == [name for name, _ in items]
    for f in classe.fichiers_lus:
        assert f.statut in ("accepte", "partiel", "refuse")
        assert f.statut == "accepte" or f.raison
    classe.participation()
    classe.resume()
    assert "<html" in classe.rapport_html(figures=False)


# ---------------------------------------------------------------------- the demo class


@pytest.fixture(scope="module")
def demo():
    return tc.classe()


def test_the_demo_class_shows_who_handed_in_what(demo):
    table = demo.participation()
    assert demo.titre == "classe de démonstration"
    assert list(table.columns) == [
        "cartographie_acteurs",
        "classement_avantages",
        f"audit_{CASE}",
        f"convention_{CASE}",
        "convention_tifawin",
        "quiz_lecon_02",
        "nb_exercices",
    ]
    assert len(table) == 25
    assert table.loc["P25 (association de douar)", "cartographie_acteurs"] == "✗"
    assert table.loc["P06 (association de douar)", "cartographie_acteurs"] == "—"
    assert table.loc["P01 (association de douar)"].tolist() == ["✓", "✓", "✓", "✓", "—", "✓", 5]
    # P25 handed in only a map, refused: the file is refused, P25 still shows with « ✗ »
    p25 = next(f for f in demo.fichiers_lus if f.participant == "P25 (association de douar)")
    assert p25.statut == "refuse" and "radio_amazighe" in p25.raison
    assert {f.statut for f in demo.fichiers_lus} == {"accepte", "refuse"}


def test_the_actor_map_gives_each_actors_median_and_spread(demo):
    table = demo.carte_acteurs()
    placed = demo.positions_acteurs()
    commune = placed[placed["id"] == "commune_ait_sidi_brahim"]
    row = table.loc["commune_ait_sidi_brahim"]
    assert row["nb_cartes"] == len(commune)
    assert row["influence"] == commune["influence"].median()
    q1, q3 = commune["interet"].quantile([0.25, 0.75])
    assert row["ecart_interet"] == q3 - q1
    assert row["nom"] == "Commune d’Aït Sidi Brahim"
    assert table["accord_strategie"].between(0, 1).all()
    assert (placed["influence"] + placed["interet"] > 0).all()  # 0 / 0 means not placed


def test_the_benefits_consensus_is_the_ranking_logic_on_the_class(demo):
    from tanmia_course.exercises.ranking.analysis import aggregate

    result = demo.classement()
    rows = demo.reponses["classement_avantages"]
    again = aggregate(
        [r["ordre"] for r in rows.values()],
        [r["mode"] for r in rows.values()],
        tc.avantages(),
    )
    assert result.w == pytest.approx(again.w)
    assert list(result.consensus.index) == list(again.consensus.index)
    assert result.concordance.nb_classements == 24
    words = demo.justifications()
    assert set(words["avantage"]) <= set(result.consensus["nom"].head(3))


def test_the_class_reports_borda_chart_and_table_show_the_same_mean(demo):
    """The consensus chart beside the table draws the table's Borda points, under the
    table's heading: a mean per participant, not a total beside a mean."""
    from tanmia_course.classroom.report import ranking_section
    from tanmia_course.exercises.ranking.analysis import BORDA_LABEL
    from tanmia_course.exercises.ranking.charts import consensus_chart

    result = demo.classement()
    bars = consensus_chart(result).containers[0]
    assert [b.get_width() for b in bars] == pytest.approx(list(result.consensus["points_borda"]))
    n = len(result.consensus)
    assert result.consensus["points_borda"].between(0, n - 1).all()  # a mean, not a total
    section = ranking_section(demo, figures=False)
    assert f"<th>{BORDA_LABEL}</th>" in section or f">{BORDA_LABEL}<" in section
    assert "moyenne" in BORDA_LABEL


def test_the_audits_compare_each_learner_with_the_reference(demo):
    audit = demo.audit(CASE)
    case = next(c for c in load_content().case_studies if c.id == CASE)
    assert audit.reference["reciprocite"] == case.reference.rating("reciprocite").level
    learner = audit.niveaux.index[0]
    gaps = audit.ecarts.loc[learner].dropna()
    assert audit.participants.loc[learner, "accord_exact"] == pytest.approx(
        (gaps == 0).mean(), abs=1e-3
    )
    assert audit.verdicts.sum() == len(audit.niveaux)
    assert audit.verdict_reference == "Partenariat solide"
    with pytest.raises(tc.IdentifiantInconnu, match="minibus_des_collegiennes"):
        demo.audit("cas_inconnu")


def test_each_learners_verdict_is_the_audit_rules_on_their_audit(demo):
    audit = demo.audit(CASE)
    answers = demo.reponses[f"audit_{CASE}"]
    assert len(answers) == len(audit.participants)
    for who, answer in answers.items():
        expected = decide(levels_of(answer), answer["signes_alerte"])
        assert audit.participants.at[demo.participants[who], "verdict"] == expected.libelle
    assert set(audit.participants["verdict"]) <= set(VERDICTS.values())


def test_the_summary_gives_one_figure_per_exercise(demo):
    summary = demo.resume()
    assert summary.loc["classement_avantages", "valeur"] == (
        f"{demo.classement().w:.2f}".replace(".", ",")
    )
    assert summary.loc["cartographie_acteurs", "refuses"] == 1
    scores = demo.quiz("lecon_02")
    assert summary.loc["quiz_lecon_02", "valeur"].endswith("/ 4")
    assert summary.loc["quiz_lecon_02", "rendus"] == len(scores)


# --------------------------------------------------------------------------- escaping


def test_learner_text_is_escaped_in_the_report_and_the_notebook_view():
    classe = read_class([DEMO_FOLDER, HOSTILE])
    for html in (classe.rapport_html(), classe._repr_html_()):
        assert not re.search(r"<script|<img src=x|<b onmouseover", html)
        assert "&lt;script&gt;alert(&quot;nom&quot;)&lt;/script&gt;" in html
    report = classe.rapport_html()
    assert "&lt;img src=x onerror=alert(1)&gt; parce que" in report
    assert "&lt;script&gt;alert(2)&lt;/script&gt; Écrire la convention." in report
    assert "&lt;b onmouseover=alert(3)&gt;Radio $x$&lt;/b&gt;" in report
    # The notebook's DataFrames escape too (pandas' default).
    assert "<script>" not in classe.participation().to_html()


def test_the_report_is_one_standalone_file_with_its_figures(tmp_path, demo):
    path = demo.enregistrer_rapport(tmp_path / "rapport.html")
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "lang='fr'" in html
    # participation, map, benefits, audit, and the drafts of each of the two scenarios
    assert html.count("data:image/svg+xml;base64,") == 6
    assert not re.search(r"(src|href)=['\"]https?://", html)
    for title in (
        "Participation",
        "Carte des acteurs",
        "Avantages du partenariat",
        "Audits",
        "Conventions",
        "Fichiers reçus",
    ):
        assert f">{title}</h2>" in html
    assert "Association Tanmia.ma" in html


def test_the_class_is_readable_as_text(demo):
    assert repr(demo).startswith("Classe « classe de démonstration » — 28 fichiers lus")
    assert isinstance(demo.fichiers(), pd.DataFrame)


# ---------------------------------------------------------------------- the notebook


def test_the_trainer_notebook_checks_participation_and_summary_and_needs_no_code_to_read():
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "05_vue_de_classe.ipynb", as_version=4)
    assert nb.metadata["tanmia"]["role"] == "formateur"
    first = nb.cells[0].source
    assert first.startswith("# 05 · Vue de classe") and "Durée" in first and "Objectifs" in first
    checked = [c.source for c in nb.cells if "nbval-check-output" in c.metadata.get("tags", [])]
    assert checked == ["classe.participation()", "classe.resume()"]
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert all(len(source.splitlines()) <= 2 for source in code)
    assert any(source.startswith("tc.vue_de_classe(") for source in code)
    assert "Points clés" in nb.cells[-1].source
    # Under Voilà only outputs and text show: every step a trainer reads is in a widget or a
    # table, the way to change the folder is in the widget itself.
    assert "Dossier\u00a0:" in tc.vue_de_classe().dossier.description


def test_an_unknown_case_or_quiz_is_named_with_the_ids_that_exist(demo):
    from tanmia_course.errors import IdentifiantInconnu

    with pytest.raises(IdentifiantInconnu, match=r"Quiz inconnu : « lecon_99 ».*lecon_02"):
        demo.quiz("lecon_99")
    with pytest.raises(IdentifiantInconnu, match=r"Étude de cas inconnue : « cas_x »"):
        demo.audit("cas_x")


def test_one_odd_file_is_refused_and_every_other_file_still_counts(tmp_path, monkeypatch):
    """A learner's two files, one dated in the year 1 (no clock can show it in another time
    zone), and a file whose reading fails in a way nobody foresaw: each is refused with its
    reason; the others make the class."""
    from tanmia_course.work import handins

    source = DEMO_FOLDER / "travaux_p01_association_de_douar.json"
    (tmp_path / "a.json").write_bytes(source.read_bytes())
    odd = json.loads(source.read_text(encoding="utf-8"))
    odd["modifie"] = "0001-01-01T00:00:00"
    (tmp_path / "b.json").write_text(json.dumps(odd, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "c.json").write_bytes(
        (DEMO_FOLDER / "travaux_p02_association_de_douar.json").read_bytes()
    )
    real = handins.read_handin

    def failing(data, label, content):
        if label == "c.json":
            raise RuntimeError("imprévu")
        return real(data, label, content)

    monkeypatch.setattr(handins, "read_handin", failing)
    classe = read_class(tmp_path)
    files = classe.fichiers()
    assert classe.participants == ("P01 (association de douar)",)
    assert files.at["b.json", "raison"] == (
        "date « modifie » hors des dates possibles : '0001-01-01T00:00:00'"
    )
    assert files.at["c.json", "raison"] == "fichier illisible (erreur inattendue : RuntimeError)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_links_and_special_files_in_a_class_folder_are_listed_refused_never_followed(tmp_path):
    folder = tmp_path / "rendus"
    folder.mkdir()
    good = DEMO_FOLDER / "travaux_p01_association_de_douar.json"
    (folder / "p01.json").write_bytes(good.read_bytes())
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "secret.json").write_bytes(good.read_bytes())
    (folder / "lien.json").symlink_to(outside / "secret.json")
    (folder / "boucle").symlink_to(folder, target_is_directory=True)
    (folder / "dehors").symlink_to(outside, target_is_directory=True)
    (folder / "casse.json").symlink_to(tmp_path / "absent.json")
    os.mkfifo(folder / "tube.json")
    classe = read_class(folder)
    files = classe.fichiers()
    assert classe.participants == ("P01 (association de douar)",)
    assert set(files.index) == {
        "p01.json",
        "lien.json",
        "boucle",
        "dehors",
        "casse.json",
        "tube.json",
    }
    for name in ("lien.json", "boucle", "dehors", "casse.json"):
        assert files.at[name, "raison"] == "lien symbolique : le cours ne suit pas les liens"
    assert files.at["tube.json", "raison"].startswith("fichier spécial")


def _hand_ins(folder, *where):
    """The demo class's first hand-ins, copied to ``where`` in ``folder``."""
    sources = sorted(DEMO_FOLDER.glob("travaux_p0[1-6]_*.json"))  # six participants
    for name, source in zip(where, sources, strict=False):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(source.read_bytes())


def test_a_usb_stick_s_system_files_are_never_taken_for_hand_ins(tmp_path):
    """What Windows leaves on a FAT or NTFS stick, read on any computer: not listed at all,
    rather than refused as hand-ins in the report."""
    stick = tmp_path / "cle"
    _hand_ins(stick, "p01.json", "groupe_a/p02.json")
    for name in (
        "System Volume Information/WPSettings.dat",
        "System Volume Information/IndexerVolumeGuid",
        "$RECYCLE.BIN/S-1-5-21-1004/$IA1B2C3.json",
        "desktop.ini",
        "Thumbs.db",
        "groupe_a/Desktop.ini",
        "groupe_a/thumbs.db",
    ):
        (stick / name).parent.mkdir(parents=True, exist_ok=True)
        (stick / name).write_bytes(b"\x00\x01")
    classe = read_class(stick)
    assert [f.fichier for f in classe.fichiers_lus] == ["groupe_a/p02.json", "p01.json"]
    assert len(classe.participants) == 2


def test_a_sub_folder_that_cannot_be_read_is_refused_with_why_and_the_others_count(
    tmp_path, monkeypatch
):
    folder = tmp_path / "rendus"
    _hand_ins(folder, "p01.json", "groupe_a/p02.json", "prive/p03.json", "groupe_a/zz/p04.json")
    locked = {os.fspath(folder / "prive"), os.fspath(folder / "groupe_a" / "zz")}

    def scandir(path):
        if os.fspath(path) in locked:  # as a folder of another user's, or « Ma musique »
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return os.scandir(path)

    own_os(monkeypatch, store, scandir=scandir)
    classe = read_class(folder)
    files = classe.fichiers()
    assert list(files.index) == ["groupe_a/p02.json", "groupe_a/zz/", "p01.json", "prive/"]
    for locked_folder in ("prive/", "groupe_a/zz/"):
        assert files.at[locked_folder, "statut"] == "refusé"
        assert files.at[locked_folder, "raison"] == "lecture impossible (permission refusée)"
    assert len(classe.participants) == 2


class _WindowsEntry:
    """A folder's entry as Windows lists it: the real one, with Windows' attributes."""

    def __init__(self, entry, attributes=0, reparse_tag=0):
        self._entry, self.name, self.path = entry, entry.name, entry.path
        self._windows = {"st_file_attributes": attributes, "st_reparse_tag": reparse_tag}

    def is_dir(self, *, follow_symlinks=True):
        return self._entry.is_dir(follow_symlinks=follow_symlinks)

    def stat(self, *, follow_symlinks=True):
        info = self._entry.stat(follow_symlinks=follow_symlinks)
        return types.SimpleNamespace(st_mode=info.st_mode, **self._windows)


def test_on_windows_hidden_and_system_files_and_junctions_are_left_out(tmp_path, monkeypatch):
    """« Documents » as Windows shows it: a hidden or system file is not a hand-in, and the
    junctions « Ma musique », « Mes images »… lead elsewhere (and are forbidden): none is
    listed. OneDrive's files and folders are reparse points too, and read as any other."""
    reparse = stat.FILE_ATTRIBUTE_REPARSE_POINT
    cloud = 0x9000601A  # IO_REPARSE_TAG_CLOUD_6: a OneDrive file or folder
    windows = {
        "cache.json": (stat.FILE_ATTRIBUTE_HIDDEN, 0),
        "systeme.json": (stat.FILE_ATTRIBUTE_SYSTEM, 0),
        "Mes images": (stat.FILE_ATTRIBUTE_DIRECTORY | reparse, store.JUNCTION),
        "OneDrive": (stat.FILE_ATTRIBUTE_DIRECTORY | reparse, cloud),
        "p02.json": (reparse, cloud),
    }
    folder = tmp_path / "Documents"
    _hand_ins(
        folder, "p01.json", "OneDrive/p02.json", "cache.json", "systeme.json", "Mes images/p05.json"
    )

    def scandir(path):
        return [_WindowsEntry(e, *windows.get(e.name, ())) for e in os.scandir(path)]

    own_os(monkeypatch, store, name="nt", scandir=scandir)
    classe = read_class(folder)
    assert [f.fichier for f in classe.fichiers_lus] == ["OneDrive/p02.json", "p01.json"]
    assert [f.statut for f in classe.fichiers_lus] == ["accepte", "accepte"]
    # Gathering a learner's old work folder keeps their hidden files, never the system's.
    listed = [rel for rel, _ in store.handin_files(folder, hidden=True)]
    assert "cache.json" in listed and "systeme.json" not in listed


def test_one_learner_typed_two_ways_counts_once(tmp_path):
    """« Aïcha » with a composed ï, with i and a combining diaeresis, with a zero-width
    space: one learner, whose most recent file counts."""
    source = json.loads(
        (DEMO_FOLDER / "travaux_p01_association_de_douar.json").read_text(encoding="utf-8")
    )
    spellings = ["A\u00efcha Bennani", "Ai\u0308cha Bennani", "A\u00efcha\u200b Bennani"]
    for n, name in enumerate(spellings):
        source.update(nom=name, modifie=f"2025-03-15T1{n}:00:00+01:00")
        (tmp_path / f"f{n}.json").write_text(json.dumps(source), encoding="utf-8")
    classe = read_class(tmp_path)
    assert classe.participants == (spellings[2],)
    assert list(classe.fichiers()["statut"]).count("refusé") == 2


# ------------------------------------------------------------- the drafts (exercise 04)


def _party(name, money, skills, gains):
    return {
        "nom": name,
        "apports": {
            "argent": money,
            "competences": skills,
            "temps": "Deux demi-journées par mois.",
        },
        "gains": gains,
    }


# A draft of two parties that secures every item of the guide the rules check.
GOOD_DRAFT = {
    "scenario": CASE,
    "parties": [
        _party(
            "Association Tifawin",
            "18 000 dirhams par an.",
            "Connaissance des familles des douars.",
            "Sa mission : les filles restent au collège.",
        ),
        _party(
            "Commune d’Aït Sidi Brahim",
            "36 000 dirhams par an.",
            "Conseil en comptabilité publique.",
            "Moins d’abandons scolaires dans la commune.",
        ),
    ],
    "gouvernance": {"frequence": "Chaque trimestre", "decision": "consensus"},
    "clauses": {
        "objet": "Organiser le transport scolaire et l’accompagnement des filles des douars "
        "jusqu’au collège Al Amal.",
        "objectifs": "Objectifs arrêtés en commun : transporter chaque jour toutes les filles "
        "inscrites des douars.",
        "engagements": "Calendrier des versements en annexe.",
        "finances": "Chaque trimestre, chaque partie présente ses comptes et un rapport financier.",
        "communication": "Les parties s’informent de tout changement ; chaque partie est citée ; "
        "aucun logo sans accord préalable.",
        "suivi_evaluation": "Indicateurs : nombre de filles transportées ; tableau transmis à "
        "toutes les parties ; revue annuelle.",
        "risques": "Les surcoûts d’une panne ou d’un retard de versement sont partagés entre les "
        "parties.",
        "duree": "Trois ans, puis un bilan commun avant tout renouvellement.",
        "modification": "Toute modification par avenant signé par toutes les parties.",
        "resiliation": "Retrait avec un préavis de trois mois et un plan de sortie : activités en "
        "cours, biens, bénéficiaires.",
        "differends": "Dialogue entre référents, puis médiation acceptée par tous.",
    },
}


def _draft(**clauses):
    """The good draft with some clauses changed (None: left out) or the committee deciding
    otherwise (``decision=``)."""
    draft = json.loads(json.dumps(GOOD_DRAFT))
    decision = clauses.pop("decision", None)
    if decision:
        draft["gouvernance"]["decision"] = decision
    for cid, text in clauses.items():
        if text is None:
            draft["clauses"].pop(cid)
        else:
            draft["clauses"][cid] = text
    return draft


def _handin(tmp_path, name, answers):
    """A hand-in of ``name`` holding ``answers`` (exercise id → answer), in ``tmp_path``."""
    doc = json.loads(
        (DEMO_FOLDER / "travaux_p01_association_de_douar.json").read_text(encoding="utf-8")
    )
    doc["nom"] = name
    doc["reponses"] = {
        eid: {"modifie": doc["modifie"], "reponse": answer} for eid, answer in answers.items()
    }
    path = tmp_path / f"travaux_{len(list(tmp_path.iterdir()))}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def three_drafts(tmp_path):
    """A: secures everything; B: a finances clause, but vague (no report, no accounts);
    C: no finances clause, and one party decides."""
    vague = "La commune finance le transport selon ses moyens."
    for name, draft in (
        ("A", _draft()),
        ("B", _draft(finances=vague)),
        ("C", _draft(finances=None, decision="une_partie")),
    ):
        _handin(tmp_path, name, {f"convention_{CASE}": draft})
    return read_class(tmp_path).convention(CASE)


def test_the_class_drafts_count_what_each_draft_secures(three_drafts):
    table = three_drafts.participants
    assert list(table.index) == ["A", "B", "C"]
    assert table.loc["A"].tolist() == [2, 13, 11, 8, 5]
    # B: transparency (criterion and practice) left open by the vague finances
    assert table.loc["B"].tolist() == [2, 13, 10, 7, 5]
    # C: + autonomy, shared decisions, and the warning sign « one person holds all the powers »
    assert table.loc["C"].tolist() == [2, 12, 9, 6, 4]
    assert "3 projets de convention" in three_drafts.lecture()
    assert "critères\u00a0: 10 sur 11" in three_drafts.lecture()


def test_each_item_of_the_guide_gives_how_many_drafts_secure_it(three_drafts):
    items = three_drafts.elements
    assert items.at["convergence", "nb_protegent"] == 3
    assert items.at["transparence", "nb_protegent"] == 1
    assert items.at["transparence", "part"] == pytest.approx(1 / 3)
    assert items.at["pratique_transparence", "nb_protegent"] == 1  # the practice, apart
    assert items.at["pouvoir_concentre", "nb_protegent"] == 2
    assert items.at["pouvoir_concentre", "groupe"] == "Les signes d’alerte"
    assert items.at["transparence", "nom"] == "Transparence"
    assert items.at["transparence", "intitule_guide"] == "Critère de transparence"  # the guide's
    assert items["part"].between(0, 1).all()


def test_clause_by_clause_the_share_of_the_drafts_filling_it_that_secure_its_items(
    three_drafts,
):
    """Two drafts of three write the finances clause; of those two, one makes it transparent."""
    finances = three_drafts.clauses.loc["finances"]
    assert finances["nb_remplies"] == 2
    assert finances["part_remplies"] == pytest.approx(2 / 3)
    # transparency (criterion, practice), kept commitments and the unbalanced sharing of
    # risks (who pays when a payment is late) read the finances clause
    assert finances["nb_elements"] == 4
    assert finances["protegent_tout"] == pytest.approx(1 / 2)
    pairs = three_drafts.clauses_elements.set_index(["clause_id", "element_id"])
    row = pairs.loc[("finances", "transparence")]
    assert (row["nb_remplies"], row["nb_protegent"], row["part"]) == (2, 1, 0.5)
    assert pairs.loc[("finances", "pratique_respect_engagements"), "nb_protegent"] == 2
    # every draft fills the governance; one of the three lets one party decide
    governance = pairs.loc[("gouvernance", "pouvoir_concentre")]
    assert (governance["nb_remplies"], governance["nb_protegent"]) == (3, 2)
    said = three_drafts.detail_clauses().set_index("clause").loc["Gestion financière et rapports"]
    assert said["remplie_par"] == "2 sur 3"
    assert "Transparence\u00a0: 1 sur 2 (50\u202f%)" in said["protegent"]


def test_the_class_figures_are_each_learners_own_review(tmp_path):
    """One implementation: each learner's counts and items are those of the review the
    learner sees, whatever the draft (here the demo's)."""
    from tanmia_course.exercises.agreement.analysis import review

    content = load_content()
    classe = tc.classe()
    drafts = classe.convention(CASE)
    for who, answer in classe.reponses[f"convention_{CASE}"].items():
        checked = review(answer, content)
        name = classe.participants[who]
        assert drafts.protections.loc[name].tolist() == [c.secured for c in checked.checks]
        assert drafts.participants.at[name, "criteres"] == checked.count("criterion")[0]
        assert drafts.participants.at[name, "clauses_remplies"] == len(checked.filled)


def test_a_class_without_drafts_shows_no_drafts_and_nothing_broken():
    from tanmia_course.classroom.report import agreement_section

    classe = read_class(GOOD)
    assert classe.conventions() == {}
    assert "Aucun projet de convention rendu." in agreement_section(classe)
    empty = classe.convention(CASE)
    assert len(empty.participants) == 0 and empty.elements["nb_protegent"].eq(0).all()
    assert empty.clauses["nb_remplies"].eq(0).all()
    assert empty.lecture() == "Aucun projet de convention accepté pour ce scénario."
    assert "Aucun projet de convention" in empty._repr_html_()
    assert not any(e.startswith("convention_") for e in classe.resume().index)
    with pytest.raises(
        tc.IdentifiantInconnu, match=r"Scénario inconnu\u00a0: «\u00a0ailleurs\u00a0»"
    ):
        classe.convention("ailleurs")


def test_a_refused_draft_is_listed_with_its_reason_and_the_rest_of_the_file_counts(tmp_path):
    _handin(
        tmp_path,
        "Groupe 1",
        {f"convention_{CASE}": _draft(), "convention_tifawin": _draft()},  # a minibus draft
    )
    _handin(
        tmp_path,
        "Groupe 2",
        {f"convention_{CASE}": _draft(objet="Un objet très long. " * 300)},  # 6,000 characters
    )
    _handin(tmp_path, "Groupe 3", {f"convention_{CASE}": _draft(finances=None)})
    classe = read_class(tmp_path)
    files = classe.fichiers().set_index("participant")
    assert files.at["Groupe 1", "statut"] == "accepté en partie"
    assert re.search(
        r"celui du scénario «\s*minibus_des_collegiennes\s*»", files.at["Groupe 1", "raison"]
    )
    assert files.at["Groupe 2", "statut"] == "refusé"
    drafts = classe.convention(CASE)
    assert list(drafts.participants.index) == ["Groupe 1", "Groupe 3"]  # the rest still counts
    assert list(drafts.refus.index) == ["Groupe 2"]
    assert "6\u202f000 caractères, c’est trop" in drafts.refus["Groupe 2"]
    tifawin = classe.convention("tifawin")
    assert len(tifawin.participants) == 0 and list(tifawin.refus.index) == ["Groupe 1"]
    assert "tifawin" in classe.conventions()  # shown, with its refused draft
    html = classe.rapport_html(figures=False)
    assert "Projets refusés" in html and "6\u202f000 caractères" in html


def test_learner_text_of_a_draft_never_reaches_the_report_unescaped(tmp_path):
    hostile = '<script>alert("convention")</script>'
    draft = _draft(finances=f"{hostile} Rapport financier chaque trimestre à toutes les parties.")
    draft["parties"][0]["nom"] = f"{hostile} Tifawin"
    twice = _draft()
    twice["parties"][1]["nom"] = twice["parties"][0]["nom"] = f"{hostile} Commune"
    _handin(tmp_path, f"{hostile} Groupe", {f"convention_{CASE}": draft})
    _handin(tmp_path, "Groupe 2", {f"convention_{CASE}": twice})  # refused: same name twice
    classe = read_class(tmp_path)
    assert classe.convention(CASE).refus.str.contains("même nom").all()
    for html in (
        classe.rapport_html(),
        classe.convention(CASE)._repr_html_(),
        classe._repr_html_(),
    ):
        assert "<script" not in html
    report = classe.rapport_html(figures=False)
    assert "&lt;script&gt;alert(&quot;convention&quot;)&lt;/script&gt; Groupe" in report
    assert "&lt;script&gt;alert(&quot;convention&quot;)&lt;/script&gt; Commune" in report


def test_the_demo_class_has_drafts_of_both_scenarios_with_typical_faults(demo):
    drafts = demo.conventions()
    assert list(drafts) == [CASE, "tifawin"]
    minibus = drafts[CASE]
    assert len(minibus.participants) == 8 and len(drafts["tifawin"].participants) == 2
    # most groups wrote the finances clause, fewer made it transparent
    finances = minibus.clauses.loc["finances"]
    assert finances["part_remplies"] == 1
    assert minibus.elements.at["transparence", "part"] < 0.75
    # one group lets the commune decide everything; one leaves the commune's gains unwritten
    assert minibus.elements.at["pouvoir_concentre", "nb_protegent"] < 8
    assert minibus.elements.at["reciprocite", "nb_protegent"] < 8
    summary = demo.resume()
    assert summary.loc[f"convention_{CASE}", "indicateur"] == (
        "critères protégés par projet (médiane)"
    )
    assert summary.loc[f"convention_{CASE}", "valeur"].endswith("/ 11")
