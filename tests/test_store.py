"""Learner work on disk: atomic autosave, hand-in files, resume, and hostile files."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tanmia_course
from tanmia_course.errors import system_reason
from tanmia_course.work import store
from tanmia_course.work.store import UnreadableWork

from .conftest import ROOT, own_os

# JSON-ready answers: what a widget's ``answer`` may hold.
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
answers = st.dictionaries(st.text(max_size=12), json_values, max_size=5)
exercise_ids = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)
names = st.text(min_size=1, max_size=60).filter(lambda s: s.strip())
quiet = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def handin(**changes):
    doc = {
        "schema": store.HANDIN_SCHEMA,
        "version": 1,
        "nom": "Groupe 1",
        "version_cours": "0.1.0",
        "cree": "2025-03-14T10:00:00+01:00",
        "modifie": "2025-03-14T10:42:00+01:00",
        "reponses": {
            "classement_avantages": {
                "modifie": "2025-03-14T10:40:00+01:00",
                "reponse": {"ordre": ["a", "b"]},
            }
        },
    }
    doc.update(changes)
    return json.dumps(doc).encode()


# --------------------------------------------------------------------------- autosave


@quiet
@given(exercise_id=exercise_ids, answer=answers)
def test_a_saved_answer_reads_back_exactly(tmp_path, exercise_id, answer):
    store.save_answer(exercise_id, answer, tmp_path)
    loaded = store.load_answer(exercise_id, tmp_path)
    assert loaded.reponse == answer
    doc = json.loads((tmp_path / f"{exercise_id}.json").read_text(encoding="utf-8"))
    assert doc["schema"] == store.ANSWER_SCHEMA and doc["version"] == 1


def test_answers_are_keyed_by_exercise_id_and_a_bad_id_is_refused(tmp_path):
    store.save_answer("audit_minibus", {"a": 1}, tmp_path)
    store.save_answer("quiz_lecon_01", {"q1": "b"}, tmp_path)
    saved, problems = store.saved_answers(tmp_path)
    assert set(saved) == {"audit_minibus", "quiz_lecon_01"} and problems == []
    for bad in ("../evil", "Audit", "", "a b", "a/b", "audit\n"):
        with pytest.raises(ValueError, match="Identifiant d’exercice invalide"):
            store.save_answer(bad, {}, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "audit_minibus.json",
        "quiz_lecon_01.json",
    ]


def test_an_answer_that_is_not_json_is_refused_and_the_old_file_stays(tmp_path):
    store.save_answer("classement_avantages", {"ordre": ["a"]}, tmp_path)
    for bad in ({"x": float("nan")}, {"x": object()}, ["pas", "un", "dict"]):
        with pytest.raises(TypeError, match="classement_avantages"):
            store.save_answer("classement_avantages", bad, tmp_path)
    assert store.load_answer("classement_avantages", tmp_path).reponse == {"ordre": ["a"]}
    assert [p.name for p in tmp_path.iterdir()] == ["classement_avantages.json"]


def test_a_failed_replace_keeps_the_previous_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    store.save_answer("audit_cas", {"v": 1}, tmp_path)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.save_answer("audit_cas", {"v": 2}, tmp_path)
    monkeypatch.undo()
    assert store.load_answer("audit_cas", tmp_path).reponse == {"v": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["audit_cas.json"]


def test_a_damaged_save_is_reported_in_french_and_never_misread(tmp_path):
    path = tmp_path / "audit_cas.json"
    saved = {"schema": store.ANSWER_SCHEMA, "version": 1, "exercice": "audit_cas"}
    saved.update(modifie="2025-01-01T00:00:00", reponse={})
    for content, reason in [
        (b'{"schema": "tanmia-course/reponse", "version": 1, "exer', "pas un fichier JSON"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b'{"schema": "autre", "version": 1}', "pas une sauvegarde"),
        (json.dumps({**saved, "version": 7}).encode(), "format 7"),
        (json.dumps({**saved, "exercice": "autre_exercice"}).encode(), "autre exercice"),
        (json.dumps({**saved, "reponse": []}).encode(), "pas un dictionnaire"),
        (json.dumps({**saved, "modifie": "hier"}).encode(), "date « modifie » illisible"),
    ]:
        path.write_bytes(content)
        with pytest.raises(UnreadableWork, match=reason):
            store.load_answer("audit_cas", tmp_path)
    _, problems = store.saved_answers(tmp_path)
    assert len(problems) == 1 and "audit_cas.json" in str(problems[0])


WRITER = """
import sys, json
from pathlib import Path
from tanmia_course.work import store
folder = Path(sys.argv[1])
i = 0
while True:
    block = str(i) * (150_000 // len(str(i)))
    store.save_answer("cartographie_acteurs", {"n": i, "bloc": block, "fin": i}, folder)
    if i == 0:
        print("pret", flush=True)
    i += 1
"""


def test_killing_a_writer_at_random_moments_leaves_the_last_good_file_intact(tmp_path):
    rng = random.Random(20250314)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    seen = set()
    for round_ in range(int(os.environ.get("TANMIA_FUZZ_KILLS", "6"))):  # make fuzz: 100
        folder = tmp_path / f"essai_{round_}"
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert writer.stdout.readline().strip() == "pret"
        time.sleep(rng.uniform(0.02, 0.4))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        saved = store.load_answer("cartographie_acteurs", folder)
        n = saved.reponse["n"]
        assert saved.reponse["fin"] == n
        assert saved.reponse["bloc"] == str(n) * (150_000 // len(str(n)))
        seen.add(n)
        leftovers = [p for p in folder.iterdir() if p.name != "cartographie_acteurs.json"]
        assert all(p.name.startswith(".") and p.suffix == ".tmp" for p in leftovers)
        assert set(store.saved_answers(folder)[0]) == {"cartographie_acteurs"}
    assert len(seen) > 1, "le processus a toujours été tué au même moment"


# ---------------------------------------------------------------------- hand-in files


@quiet
@given(name=names, saved=st.dictionaries(exercise_ids, answers, max_size=4))
def test_export_then_resume_in_a_fresh_folder_gives_back_every_answer(
    tmp_path_factory, name, saved
):
    mine = tmp_path_factory.mktemp("moi")
    for eid, answer in saved.items():
        store.save_answer(eid, answer, mine)
    path, _, problems = store.export_handin(name, mine)
    assert problems == [] and path.parent == mine and path.name.startswith("travaux_")
    read = store.parse_handin(path.read_bytes(), path.name)
    assert read.nom == " ".join(name.split())
    assert read.reponses == saved
    other = tmp_path_factory.mktemp("autre_ordinateur")
    reprise = store.resume(read, other)
    assert set(reprise.ecrites) == set(saved)
    assert {eid: s.reponse for eid, s in store.saved_answers(other)[0].items()} == saved
    assert store.read_profile(other)["nom"] == read.nom


def test_a_hand_in_carries_schema_version_name_course_version_and_dates(tmp_path):
    store.save_answer("classement_avantages", {"ordre": ["x"]}, tmp_path)
    path, rendu, _ = store.export_handin("  Groupe   3  ", tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["schema"] == "tanmia-course/travaux" and doc["version"] == 1
    assert doc["nom"] == "Groupe 3"
    assert doc["version_cours"] == tanmia_course.__version__
    assert doc["cree"] == doc["modifie"]
    assert doc["reponses"]["classement_avantages"]["reponse"] == {"ordre": ["x"]}
    # A second export keeps the creation date and moves the update date.
    time.sleep(1.1)
    path, again, problems = store.export_handin("Groupe 3", tmp_path)
    assert again.cree == rendu.cree and again.modifie > rendu.modifie
    # The hand-in written beside the saves is not mistaken for a damaged save.
    assert problems == []
    assert set(store.saved_answers(tmp_path)[0]) == {"classement_avantages"}


def test_resume_keeps_a_copy_of_the_answers_it_replaces(tmp_path):
    store.save_answer("classement_avantages", {"ordre": ["mien"]}, tmp_path)
    store.save_answer("quiz_lecon_01", {"q1": "a"}, tmp_path)
    rendu = store.parse_handin(handin(), "rendu.json")
    reprise = store.resume(rendu, tmp_path)
    assert store.load_answer("classement_avantages", tmp_path).reponse == {"ordre": ["a", "b"]}
    assert store.load_answer("quiz_lecon_01", tmp_path).reponse == {"q1": "a"}
    (backup,) = reprise.mises_de_cote
    assert backup.parent.parent.name == store.BACKUP_FOLDER
    assert json.loads(backup.read_text(encoding="utf-8"))["reponse"] == {"ordre": ["mien"]}
    assert "Groupe 1" in reprise.message() and "avant_reprise" in reprise.message()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "pas un fichier JSON"),
        (b"PK\x03\x04 un zip", "UTF-8|pas un fichier JSON"),
        (b"[1, 2]", "un objet JSON est attendu"),
        (b'{"nom": "x"}', "pas un fichier de travaux"),
        (
            json.dumps({"schema": store.ANSWER_SCHEMA, "version": 1}).encode(),
            "sauvegarde automatique d’un seul exercice",
        ),
        (handin(version=2), "plus récente"),
        (handin(version=0), "format version 0 inconnu"),
        (handin(version="1"), "version du format absent ou invalide"),
        (handin(version=True), "version du format absent ou invalide"),
        (handin(nom="   "), "nom du participant ou du groupe est vide"),
        (handin(nom="x" * 200), "nom trop long"),
        (handin(nom=["liste"]), "nom du participant"),
        (handin(cree="hier"), "date « cree » illisible"),
        (handin(reponses=[]), "« reponses » doit être un objet"),
        (handin(reponses={"../x": {}}), "identifiant d’exercice invalide"),
        (handin(reponses={"quiz_a\n": {}}), "identifiant d’exercice invalide"),
        (handin(reponses={"quiz_a": {"reponse": {}}}), "exactement « modifie »"),
        (handin(reponses={"quiz_a": {"modifie": "2025-01-01", "reponse": 3}}), "exactement"),
        (handin(pirate="oui"), "champ inattendu « pirate »"),
        (b'{"schema": "tanmia-course/travaux", "version": NaN}', "NaN"),
        (b"[" * 100_000 + b"]" * 100_000, "imbriqué trop profondément"),
        (handin(nom="\ud800"), "mal encodé"),
    ],
)
def test_hostile_or_wrong_hand_ins_are_refused_with_a_french_reason(data, reason):
    with pytest.raises(UnreadableWork, match=reason) as info:
        store.parse_handin(data, "rendu.json")
    assert str(info.value).startswith("Fichier « rendu.json » : ")


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path):
    big = handin(nom="x" * 10).replace(b'"x', b'"' + b" " * (store.MAX_BYTES + 1) + b"x", 1)
    with pytest.raises(UnreadableWork, match=r"trop volumineux.*limite est 2,0 Mio"):
        store.parse_handin(big, "gros.json")
    path = tmp_path / "gros.json"
    path.write_bytes(big)
    with pytest.raises(UnreadableWork, match="trop volumineux"):
        store.parse_handin(store.read_bytes(path, path.name), path.name)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_a_hand_in_or_a_french_refusal(data):
    try:
        store.parse_handin(data, "x.json")
    except UnreadableWork as exc:
        assert exc.raison


@settings(max_examples=300, deadline=None)
@given(
    doc=st.dictionaries(
        st.sampled_from(
            ["schema", "version", "nom", "version_cours", "cree", "modifie", "reponses", "x"]
        ),
        json_values | st.just(store.HANDIN_SCHEMA) | st.just(1),
    )
)
def test_any_json_object_gives_a_hand_in_or_a_french_refusal(doc):
    doc.setdefault("schema", store.HANDIN_SCHEMA)
    try:
        rendu = store.parse_handin(json.dumps(doc).encode(), "x.json")
    except UnreadableWork as exc:
        assert exc.raison
    else:
        assert isinstance(rendu.nom, str) and isinstance(rendu.reponses, dict)


def test_an_older_format_goes_through_its_migration_never_misread(monkeypatch):
    def from_v0(doc):
        # A hypothetical format 0 kept the name under "participant" and answers flat.
        return {
            "schema": doc["schema"],
            "version": 1,
            "nom": doc["participant"],
            "version_cours": "0.0.1",
            "cree": doc["date"],
            "modifie": doc["date"],
            "reponses": {
                eid: {"modifie": doc["date"], "reponse": a} for eid, a in doc["reponses"].items()
            },
        }

    old = json.dumps(
        {
            "schema": store.HANDIN_SCHEMA,
            "version": 0,
            "participant": "Groupe ancien",
            "date": "2024-11-02T09:00:00+01:00",
            "reponses": {"quiz_lecon_01": {"q1": "a"}},
        }
    ).encode()
    with pytest.raises(UnreadableWork, match="format version 0 inconnu"):
        store.parse_handin(old, "ancien.json")
    monkeypatch.setitem(store.MIGRATIONS, 0, from_v0)
    rendu = store.parse_handin(old, "ancien.json")
    assert rendu.nom == "Groupe ancien" and rendu.cree == "2024-11-02T09:00:00+01:00"
    assert rendu.reponses == {"quiz_lecon_01": {"q1": "a"}}
    monkeypatch.setitem(store.MIGRATIONS, 0, lambda doc: {**doc, "version": 5})
    with pytest.raises(UnreadableWork, match="conversion du format 0 a échoué"):
        store.parse_handin(old, "ancien.json")


# ------------------------------------------------------------------- the JSON reader


@settings(max_examples=300, deadline=None)
@given(
    value=json_values | st.integers(-(10**100), 10**100),
    indent=st.sampled_from([None, 1]),
    bom=st.booleans(),
)
def test_the_json_reader_reads_json_as_the_standard_library_does(value, indent, bom):
    data = json.dumps(value, ensure_ascii=False, indent=indent).encode()
    data = b"\xef\xbb\xbf" + data if bom else data
    assert store.loads(data, "x.json") == json.loads(data.decode("utf-8-sig"))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"a": NaN}', "NaN"),
        (b"[Infinity]", "Infinity"),
        (b"[-Infinity]", "Infinity"),
        (b"[1e400]", "trop grand"),
        (b'["\\ud800"]', "mal encodé"),
        (b'["\\udc00 seul"]', "mal encodé"),
        (b'["\xed\xa0\x80"]', "UTF-8"),
        (b'["\xff"]', "UTF-8"),
        (b"[1] x", "pas un fichier JSON lisible"),
        (b"[" * 2000 + b"]" * 2000, "imbriqué trop profondément"),
    ],
)
def test_what_json_has_not_is_refused_with_a_french_reason(data, reason):
    with pytest.raises(UnreadableWork, match=reason):
        store.loads(data, "x.json")


def test_the_json_reader_keeps_the_standard_librarys_values():
    assert store.loads(b'\xef\xbb\xbf{"a": 1}', "x.json") == {"a": 1}
    assert store.loads(b'{"a": 1, "a": 2}', "x.json") == {"a": 2}  # the last one, as json
    assert store.loads(b'["\\ud83d\\ude00"]', "x.json") == ["😀"]  # a pair is one character
    big = 10**400
    assert store.loads(str(big).encode(), "x.json") == big


def test_an_integer_beyond_64_bits_is_refused_where_a_small_integer_is_expected():
    with pytest.raises(UnreadableWork, match="format version 18446744073709551616"):
        store.parse_handin(handin(version=2**64), "rendu.json")
    from tanmia_course.classroom.result import read_class
    from tanmia_course.content.loader import load_content
    from tanmia_course.exercises.actor_map.analysis import reference_answer, vocabulary

    answer = reference_answer("tifawin", vocabulary(load_content()))
    answer["actors"][0]["influence"] = 2**64
    doc = json.loads(handin())
    doc["reponses"] = {"cartographie_acteurs": {"modifie": doc["modifie"], "reponse": answer}}
    classe = read_class([("rendu.json", json.dumps(doc).encode())])
    (fichier,) = classe.fichiers_lus
    assert fichier.statut == "refuse" and "entre 0 et 5" in fichier.raison


@pytest.mark.parametrize("depth", [990, 1000])
@pytest.mark.parametrize("field", ["version", "schema", "nom", "reponses"])
def test_a_value_nested_deeper_than_python_goes_is_refused_not_a_crash(field, depth):
    # 1000: deeper than Python reads; 990: read, but deeper than Python's repr() prints.
    deep = "[" * depth + "]" * depth
    data = handin(**{field: "@"}).replace(b'"@"', deep.encode())
    with pytest.raises(UnreadableWork) as info:
        store.parse_handin(data, "rendu.json")
    assert depth < 1000 or "imbriqué trop profondément" in info.value.raison
    assert len(info.value.raison) < 300  # a deep value is named shortly, if at all


def test_names_in_any_script_export_to_files_of_their_own():
    names = ["فاطمة", "خديجة", "ⵜⵉⴼⴰⵡⵉⵏ", "Aïcha", "???", "!!!"]
    slugs = [store.slug(n) for n in names]
    assert len(set(slugs)) == len(names)
    assert slugs[:4] == ["فاطمة", "خديجة", "ⵜⵉⴼⴰⵡⵉⵏ", "aicha"]


def test_learner_files_are_private_shared_reports_follow_the_umask_and_modes_are_kept(
    tmp_path,
):
    old = os.umask(0o027)
    try:
        store.atomic_write_bytes(tmp_path / "reponse.json", b"{}")
        store.atomic_write_bytes(tmp_path / "rapport.html", b"<p>", private=False)
        assert stat.S_IMODE((tmp_path / "reponse.json").stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "rapport.html").stat().st_mode) == 0o640
        (tmp_path / "reponse.json").chmod(0o640)
        store.atomic_write_bytes(tmp_path / "reponse.json", b"[]")
        assert stat.S_IMODE((tmp_path / "reponse.json").stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_temporary_files_of_killed_saves_are_removed_by_the_next_save(tmp_path):
    target = tmp_path / "essai.json"
    stale = tmp_path / ".essai.json.abc123.tmp"
    fresh = tmp_path / ".essai.json.def456.tmp"  # another kernel saving right now
    stale.write_bytes(b"{")
    fresh.write_bytes(b"{")
    old = time.time() - store.STALE_SECONDS - 5
    os.utime(stale, (old, old))
    store.atomic_write_bytes(target, b"{}")
    assert not stale.exists() and fresh.exists()
    assert target.read_bytes() == b"{}"


# ------------------------------------------------------------------------ on Windows


@pytest.fixture
def windows(monkeypatch):
    """The store as it runs on Windows: its ``os`` says « nt » (the rest of Python is left as
    it is), and the calls a test replaces in it are the store's alone. No pause between tries."""
    monkeypatch.setattr(store, "RETRY_PAUSE", 0)
    return own_os(monkeypatch, store, name="nt")


def _writable(path) -> bool:
    return bool(os.stat(path).st_mode & stat.S_IWRITE)


def _windows_replace(source, target):
    """Windows' replace: refused onto a read-only file."""
    if os.path.exists(target) and not _writable(target):
        raise PermissionError(13, "Accès refusé", str(target))
    os.replace(source, target)


def _windows_unlink(path):
    """Windows' removal: refused for a read-only file."""
    if os.path.exists(path) and not _writable(path):
        raise PermissionError(13, "Accès refusé", str(path))
    os.unlink(path)


def _windows_rename(source, target):
    """Windows' rename: refused onto any file already there."""
    if os.path.lexists(target):
        raise FileExistsError(17, "Impossible de créer un fichier déjà existant", str(target))
    os.rename(source, target)


def test_on_windows_a_save_waits_for_a_program_that_holds_the_file_a_moment(tmp_path, windows):
    """An antivirus or OneDrive opening the file just after the last save: the next save
    tries again and goes through, instead of « ✗ non enregistré »."""
    store.save_answer("audit_cas", {"v": 1}, tmp_path)
    tries = []

    def held_twice(source, target):
        tries.append(target)
        if len(tries) <= 2:
            raise PermissionError(13, "Accès refusé", str(target))
        os.replace(source, target)

    windows.replace = held_twice
    store.save_answer("audit_cas", {"v": 2}, tmp_path)
    assert len(tries) == 3
    assert store.load_answer("audit_cas", tmp_path).reponse == {"v": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["audit_cas.json"]


@pytest.mark.parametrize(("on_windows", "tries"), [(True, store.RETRIES), (False, 1)])
def test_a_file_held_open_for_good_fails_in_french_and_keeps_the_previous_save(
    tmp_path, monkeypatch, request, on_windows, tries
):
    """Word keeps the file open: after a moment of tries (on Windows only, where it happens)
    the save fails, saying to close the file; the previous save and nothing else is left."""
    store.save_answer("audit_cas", {"v": 1}, tmp_path)
    if on_windows:
        request.getfixturevalue("windows")
    seen = []

    def open_in_word(source, target):
        seen.append(target)
        exc = PermissionError(13, "Le processus ne peut pas accéder au fichier", str(target))
        exc.winerror = 32
        raise exc

    monkeypatch.setattr(store.os, "replace", open_in_word)
    with pytest.raises(PermissionError) as info:
        store.save_answer("audit_cas", {"v": 2}, tmp_path)
    assert len(seen) == tries
    assert "ouvert dans un autre programme" in system_reason(info.value)
    monkeypatch.undo()
    assert store.load_answer("audit_cas", tmp_path).reponse == {"v": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["audit_cas.json"]


def test_on_windows_a_read_only_file_leaves_no_temporary_and_saves_once_writable(tmp_path, windows):
    """A file made read-only (by hand, or copied from a read-only medium) cannot be replaced
    on Windows: the save fails, but the temporary file it wrote is removed, not left read-only
    for ever; once the file is writable again, saving works and keeps it writable."""
    windows.replace, windows.unlink = _windows_replace, _windows_unlink
    path = tmp_path / "audit_cas.json"
    store.save_answer("audit_cas", {"v": 1}, tmp_path)
    path.chmod(0o444)
    with pytest.raises(PermissionError):
        store.save_answer("audit_cas", {"v": 2}, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["audit_cas.json"]
    assert store.load_answer("audit_cas", tmp_path).reponse == {"v": 1}
    path.chmod(0o666)
    store.save_answer("audit_cas", {"v": 3}, tmp_path)
    store.save_answer("audit_cas", {"v": 4}, tmp_path)
    assert store.load_answer("audit_cas", tmp_path).reponse == {"v": 4}
    assert _writable(path)


def test_elsewhere_a_read_only_file_keeps_its_mode(tmp_path):
    path = tmp_path / "audit_cas.json"
    store.save_answer("audit_cas", {"v": 1}, tmp_path)
    path.chmod(0o444)
    store.save_answer("audit_cas", {"v": 2}, tmp_path)  # POSIX replaces a read-only file
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_on_a_windows_usb_stick_without_hard_links_a_new_file_never_overwrites(tmp_path, windows):
    """A FAT or exFAT stick has no hard links: a new document is renamed into place by a
    rename that refuses a file already there, never by a check then a replace, which could
    overwrite what another kernel wrote meanwhile."""

    def no_link(source, target):
        raise OSError(22, "Fonction incorrecte")

    def never(source, target):
        raise AssertionError("os.replace would overwrite a file written meanwhile")

    windows.link, windows.rename, windows.replace = no_link, _windows_rename, never
    path = tmp_path / "modele.docx"
    assert store.write_new_file(path, b"vierge") == path
    path.write_bytes(b"rempli par la stagiaire")
    with pytest.raises(FileExistsError):
        store.write_new_file(path, b"vierge")
    assert store.write_new_file(path, b"vierge", free_name=True) == tmp_path / "modele-2.docx"
    assert path.read_bytes() == b"rempli par la stagiaire"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["modele-2.docx", "modele.docx"]


def test_on_windows_a_moved_file_s_old_name_is_removed_once_released(tmp_path, windows):
    """Setting a file aside (a hard link, then the old name removed): the removal waits a
    moment for a program holding the file, rather than failing the save."""
    held = []

    def unlink_once_released(path):
        held.append(path)
        if len(held) == 1:
            raise PermissionError(13, "Accès refusé", str(path))
        os.unlink(path)

    windows.unlink = unlink_once_released
    store.save_answer("audit_cas", {"v": 1}, tmp_path)
    aside = store.set_aside(tmp_path / "audit_cas.json")
    assert len(held) == 2
    assert [p.name for p in tmp_path.iterdir()] == [aside.name]


class _CodePageDatetime(datetime):
    """A date whose ``strftime`` encodes its format in a code page without « à », as
    CPython's does on Windows."""

    def strftime(self, format):
        format.encode("ascii")
        return super().strftime(format)


def test_when_an_answer_was_saved_reads_in_french_whatever_the_code_page(monkeypatch):
    monkeypatch.setattr(store, "datetime", _CodePageDatetime)
    today = store.now().replace(hour=9, minute=5)
    earlier = today - timedelta(days=3)
    saved = store.SavedAnswer({}, today.isoformat(), store.Path("x.json"))
    assert saved.quand == "à 09:05"
    saved = store.SavedAnswer({}, earlier.isoformat(), store.Path("x.json"))
    assert saved.quand == f"le {earlier.day:02d}/{earlier.month:02d} à 09:05"
