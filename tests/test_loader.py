"""A trainer's own content folder: added, checked, and never half-loaded."""

from __future__ import annotations

import re
import shutil

import pytest

import tanmia_course as tc
from tanmia_course.content import loader
from tanmia_course.errors import ContenuInvalide

from .conftest import FIXTURES

OK = FIXTURES / "ok" / "formateur"
KO = FIXTURES / "ko"


def test_a_trainer_folder_adds_local_actors_after_the_guides():
    tc.utiliser_contenu(OK)
    table = tc.acteurs()
    assert list(table.index[:10]) == [
        a.id for a in loader.build_content(loader.package_files()).actors
    ]
    assert table.loc["cooperative_nour", "source"] == "formateur"
    assert table.loc["commune_ait_sidi_brahim", "categorie"] == "collectivites_locales"
    assert len(table) == 12


def test_translations_are_kept_and_french_is_shown():
    content = tc.utiliser_contenu(OK)
    nour = next(a for a in content.actors if a.id == "cooperative_nour")
    assert nour.label.get("ar") == "تعاونية نور"
    assert tc.acteurs().loc["cooperative_nour", "nom"] == "Coopérative Nour"


def test_the_environment_variable_points_at_a_trainer_folder(monkeypatch):
    monkeypatch.setenv(loader.ENV_VAR, str(OK))
    assert "quiz_local" in {q.id for q in tc.contenu().quizzes}


def test_an_item_with_an_existing_id_replaces_the_courses_in_place(tmp_path):
    (tmp_path / "etat.yaml").write_text(
        'kind: actors\nitems:\n  - id: etat\n    label: {fr: "L’Etat (version locale)"}\n'
        '    role: {fr: "Rôle."}\n    contribution: {fr: "Apport."}\n',
        encoding="utf-8",
    )
    tc.utiliser_contenu(tmp_path)
    table = tc.acteurs()
    assert table.index[0] == "etat" and len(table) == 10
    assert table.loc["etat", "nom"] == "L’Etat (version locale)"
    assert table.loc["etat", "source"] == "formateur"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("yaml_illisible", ["acteurs.yaml", "YAML illisible ligne 5"]),
        (
            "champ_manquant",
            ["acteurs.yaml", "élément « commune_x »", "champ « role »", "obligatoire"],
        ),
        ("identifiant_invalide", ["élément « Commune-Aït »", "champ « id »", "identifiant valide"]),
        (
            "theme_inconnu",
            [
                "avantages.yaml",
                "visibilite_locale",
                "champ « theme »",
                "thème « visibilite » inconnu",
            ],
        ),
        ("genre_inconnu", ["type de contenu « acteurs » inconnu", "actors"]),
        ("doublon", ["élément « commune_x »", "en double"]),
        ("quiz_deux_bonnes", ["élément « q1 »", "exactement une bonne réponse (ici 2)"]),
    ],
)
def test_a_broken_file_gets_a_french_error_naming_file_item_and_field(case, expected):
    with pytest.raises(ContenuInvalide) as caught:
        tc.utiliser_contenu(KO / case)
    message = str(caught.value)
    assert message.startswith("Contenu invalide")
    for part in expected:
        assert part in message


def test_nothing_is_half_loaded_and_the_previous_content_stays_in_force():
    tc.utiliser_contenu(OK)
    before = tc.contenu()
    with pytest.raises(ContenuInvalide) as caught:
        tc.utiliser_contenu(KO / "un_bon_un_mauvais")
    assert "b_mauvais.yaml" in str(caught.value)
    assert tc.contenu() is before
    assert "cooperative_nour" in tc.acteurs().index
    assert loader.active_folders() == [OK]


def test_a_file_broken_while_in_use_is_reported_and_the_fix_is_picked_up(tmp_path):
    shutil.copy(OK / "acteurs_locaux.yaml", tmp_path / "acteurs.yaml")
    tc.utiliser_contenu(tmp_path)
    good = tc.contenu()
    (tmp_path / "acteurs.yaml").write_text("kind: actors\nitems: [", encoding="utf-8")
    with pytest.raises(ContenuInvalide):
        tc.acteurs()
    assert loader._state["content"] is good
    shutil.copy(OK / "acteurs_locaux.yaml", tmp_path / "acteurs.yaml")
    (tmp_path / "acteurs.yaml").touch()
    assert "cooperative_nour" in tc.acteurs().index


def test_a_missing_folder_is_named():
    with pytest.raises(ContenuInvalide, match="n’existe pas"):
        tc.utiliser_contenu(FIXTURES / "absent")
    assert loader.active_folders() == []


def test_no_argument_returns_to_the_courses_content_only():
    tc.utiliser_contenu(OK)
    tc.utiliser_contenu()
    assert len(tc.acteurs()) == 10


def test_content_is_read_once_until_a_file_changes():
    assert tc.contenu() is tc.contenu()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kind: actors\nitems:\n  - id: a\n\tlabel: x\n", "YAML illisible ligne 4, colonne 1"),
        ("kind: actors\nitems: [\n", "YAML illisible ligne 3, colonne 1"),
        ("kind: actors\n---\nkind: quiz\n", "YAML illisible ligne 2, colonne 1"),
        ("", "le fichier doit commencer par « kind: »"),
        ("- kind: actors\n", "le fichier doit commencer par « kind: »"),
        # a thousand-billion-element list in 400 bytes: refused before it unfolds
        (
            "kind: actors\na: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                for p, n in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + "items: *i\n",
            "YAML illisible ligne 10, colonne 4 (vérifiez l’indentation, les deux-points et les "
            "guillemets ; détail technique : alias YAML (« *nom ») : recopiez la valeur",
        ),
        ("kind: actors\nitems:\n  - id: a\n    id: b\n", "YAML illisible ligne 4, colonne 5"),
        ("kind: actors\nitems:\n  - 1: typo\n", "YAML illisible ligne 3, colonne 5"),
        ("kind: {a: 1}\n", "type de contenu « {'a': 1} » inconnu ; types possibles : definitions"),
        ("kind: [actors]\n", "type de contenu « ['actors'] » inconnu"),
    ],
)
def test_a_file_pyyaml_cannot_read_is_named_with_its_line_and_column(tmp_path, text, expected):
    (tmp_path / "a_bon.yaml").write_text(
        (OK / "acteurs_locaux.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "b_casse.yaml").write_text(text, encoding="utf-8")
    before = tc.contenu()
    with pytest.raises(ContenuInvalide) as caught:
        tc.utiliser_contenu(tmp_path)
    (problem,) = caught.value.problemes
    assert problem.fichier.endswith("b_casse.yaml")
    assert problem.message.startswith(expected)
    assert tc.contenu() is before and "cooperative_nour" not in tc.acteurs().index


def test_yaml_is_read_by_pyyamls_safe_loader_in_c_when_there_is_one():
    import yaml

    assert issubclass(loader._Loader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert issubclass(loader._Loader, yaml.constructor.SafeConstructor)


def test_a_duplicate_key_names_the_key(tmp_path):
    (tmp_path / "double.yaml").write_text(
        "kind: actors\nitems:\n  - id: a\n    label: {fr: A}\n    label: {fr: B}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContenuInvalide, match="clé « label » donnée deux fois"):
        tc.utiliser_contenu(tmp_path)


def test_a_content_file_over_the_size_limit_is_refused_unread(tmp_path):
    big = tmp_path / "enorme.yaml"
    big.write_text("kind: actors\n# " + "x" * loader.MAX_BYTES + "\nitems: []\n", encoding="utf-8")
    with pytest.raises(ContenuInvalide) as caught:
        tc.utiliser_contenu(tmp_path)
    (problem,) = caught.value.problemes
    assert problem.fichier.endswith("enorme.yaml")
    assert problem.message.startswith("fichier trop volumineux (plus de 1 Mio)")


def test_whole_numbers_written_with_a_decimal_point_are_read_as_whole_numbers():
    """JSON Schema's « integer » lets ``2.0`` through: a trainer's relation level at rank
    2.0 is rank 2, as the course's levels are, not a float among ints."""
    from tanmia_course.content.loader import build
    from tanmia_course.content.model import RelationLevel

    text = {"fr": "Coopération"}
    level = build(
        RelationLevel,
        {"id": "coop", "label": text, "rank": 2.0, "explanation": text, "source": "trainer"},
    )
    assert level.rank == 2 and type(level.rank) is int


def test_a_content_file_written_as_json_is_read_not_left_out(tmp_path):
    import json

    import yaml

    source = OK / "acteurs_locaux.yaml"
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    (tmp_path / "acteurs.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    tc.utiliser_contenu(tmp_path)
    assert {item["id"] for item in doc["items"]} <= set(tc.acteurs().index)


def _trainer_forms(folder, change):
    """A trainer's forms file: the course's ``formulaires.yaml`` as ``change`` leaves it."""
    import yaml

    shipped = loader.PACKAGE_CONTENT / "cours" / "formulaires.yaml"
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    del data["source"]
    change(data)
    (folder / "fiches.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_a_trainers_forms_file_with_the_courses_id_replaces_them(tmp_path):
    _trainer_forms(tmp_path, lambda d: d["attendance"].update(rows=20))
    (forms,) = loader.load_content([tmp_path]).forms
    assert (forms.id, forms.source, forms.attendance.rows) == ("atelier", "trainer", 20)
    (shipped,) = loader.load_content([]).forms
    assert shipped.source == "course" and "écrits par le cours" in str(shipped.description)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["evaluation"].pop("title"), ["champ « evaluation.title »", "obligatoire"]),
        (
            lambda d: d["evaluation"].update(scale=[{"fr": "D’accord"}]),
            ["champ « evaluation.scale »", "au moins 2 éléments"],
        ),
        (lambda d: d.pop("title"), ["champ « title »", "obligatoire"]),
        (lambda d: d["attendance"].update(rows=0), ["champ « attendance.rows »", "au moins 1"]),
        (
            lambda d: d.update(id="mes_fiches"),
            ["élément « mes_fiches »", "champ « id »", "reprenez l’identifiant « atelier »"],
        ),
    ],
)
def test_a_broken_forms_file_is_refused_in_french_naming_file_and_field(tmp_path, change, expected):
    _trainer_forms(tmp_path, change)
    with pytest.raises(ContenuInvalide) as caught:
        tc.utiliser_contenu(tmp_path)
    message = re.sub("[\u00a0\u202f]", " ", str(caught.value))  # French spacing as spaces
    assert message.startswith("Contenu invalide") and "fiches.yaml" in message
    for part in expected:
        assert part in message
