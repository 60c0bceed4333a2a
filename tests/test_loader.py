"""A trainer's own content folder: added, checked, and never half-loaded."""

from __future__ import annotations

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
            ["acteurs.yaml", "élément « commune_x »", "champ « role »", "obligatoire"],
        ),
        ("identifiant_invalide", ["élément « Commune-Aït »", "champ « id »", "identifiant valide"]),
        (
            "theme_inconnu",
            [
                "avantages.yaml",
                "visibilite_locale",
                "champ « theme »",
                "thème « visibilite » inconnu",
            ],
        ),
        ("genre_inconnu", ["type de contenu « acteurs » inconnu", "actors"]),
        ("doublon", ["élément « commune_x »", "en double"]),
        ("quiz_deux_bonnes", ["élément « q1 »", "exactement une bonne réponse (ici 2)"]),
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


def every_yaml_file():
    return sorted(
        [
            *loader.PACKAGE_CONTENT.rglob("*.yaml"),
            *FIXTURES.rglob("*.yaml"),
            *FIXTURES.rglob("*.yml"),
        ]
    )


@pytest.mark.parametrize("path", every_yaml_file(), ids=lambda p: p.name)
def test_every_content_file_reads_as_pyyaml_reads_it(path):
    import yaml

    text = path.read_text(encoding="utf-8")
    try:
        expected = yaml.load(text, Loader=loader._YAML_LOADER)
    except yaml.YAMLError as error:
        with pytest.raises(type(error)):
            loader.parse_yaml(text)
        return
    assert loader.parse_yaml(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: -2\nc: +3\nd: 0\ne: 012\nf: 0x1F\ng: 1_000\nh: 1:30\n",
        "a: 0.5\nb: .5\nc: 1.\nd: -1.5e+3\ne: 1e5\nf: .inf\ng: .NaN\nh: 1_0.5\n",
        "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: ~\ng: null\nh:\ni: Null\n",
        "date: 2024-05-01\nmoment: 2001-12-14t21:59:43.10-05:00\n",
        "base: &b {x: 1, y: 2}\nautre: *b\nfusion:\n  <<: *b\n  z: 3\n",
        "a: !!str 12\nb: !!float 1\nc: !perso x\n",
        "'<<': quoted\n\"=\": value\nclé: « texte » ; Tifawin\nNon: Yes\n",
        "? [a, b]\n: composite\n",
        "{a: [1, {b: [c, d]}], e: {}}\n",
        "a: |\n  deux\n  lignes\nb: >\n  plié\n  ici\n",
        "- 1\n- 1\n- a: 1\n  a: 2\n",
        "",
        "--- 1\n--- 2\n",
        "a: [1, 2\n",
        "a: b: c\n",
    ],
)
def test_plain_yaml_reads_as_pyyaml_and_the_rest_is_left_to_it(text):
    import yaml

    try:
        expected = yaml.load(text, Loader=loader._YAML_LOADER)
    except yaml.YAMLError as error:
        with pytest.raises(type(error)) as raised:
            loader.parse_yaml(text)
        assert str(raised.value) == str(error)  # the same message, line and column
        return
    got = loader.parse_yaml(text)
    assert got == expected or (got != got and expected != expected)
    assert repr(got) == repr(expected)  # same types too: 1 is not 1.0, nor True


def test_loading_the_course_makes_few_objects_for_the_garbage_collector():
    import gc

    import yaml

    texts = [f.path.read_text(encoding="utf-8") for f in loader.package_files()]
    runs = []
    for parse in (loader.parse_yaml, lambda t: yaml.load(t, Loader=loader._YAML_LOADER)):
        gc.collect()
        before = gc.get_stats()[0]["collections"]
        kept = [parse(t) for t in texts]
        runs.append(gc.get_stats()[0]["collections"] - before)
        assert kept
    fast, pyyaml = runs
    assert fast * 4 <= pyyaml  # PyYAML's node tree sets off the young generation's collector
