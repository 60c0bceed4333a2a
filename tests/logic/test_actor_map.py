"""The actor map's pure logic: thresholds, table, shortlist, coverage, rules, bad input."""

from __future__ import annotations

import copy
import dataclasses

import pytest

import tanmia_course as tc
from tanmia_course.content.loader import load_content
from tanmia_course.content.model import MapRule, RuleCondition, Text
from tanmia_course.errors import ContenuInvalide, IdentifiantInconnu
from tanmia_course.exercises.actor_map import analysis as am

from ..conftest import FIXTURES

GUIDE = [
    "etat",
    "collectivites_locales",
    "services_exterieurs",
    "secteur_prive",
    "associations",
    "cooperatives",
    "ongi",
    "population",
    "universites",
    "medias",
]


@pytest.fixture
def vocab():
    return am.vocabulary(load_content())


def actor(actor_id, influence=1, interest=1, stance="neutre", resources=(), **extra):
    entry = {
        "id": actor_id,
        "influence": influence,
        "interest": interest,
        "stance": stance,
        "resources": list(resources),
        "current": extra.pop("current", "aucune"),
        "target": extra.pop("target", "aucune"),
    }
    entry.update(extra)
    return entry


def full_map(**changes):
    """Every guide actor placed at (1, 1); ``changes`` maps an id to its new fields, or to
    None to remove it."""
    actors = []
    for actor_id in GUIDE:
        if actor_id in changes and changes[actor_id] is None:
            continue
        actors.append(actor(actor_id, **changes.get(actor_id, {})))
    return {"actors": actors, "links": []}


def fired(answer, vocab):
    table = am.answer_table(am.normalise_answer(answer, vocab), vocab)
    return {f.rule: f for f in am.evaluate_rules(table, vocab)}


# --- thresholds -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("influence", "interest", "strategy"),
    [
        (3, 3, "gerer_de_pres"),  # exactly on both thresholds: high, high
        (2, 3, "informer"),
        (3, 2, "satisfaire"),
        (2, 2, "surveiller"),
        (5, 5, "gerer_de_pres"),
        (5, 0, "satisfaire"),
        (0, 5, "informer"),
        (0, 0, "surveiller"),
    ],
)
def test_a_value_on_the_threshold_counts_as_high(vocab, influence, interest, strategy):
    assert vocab.strategy_for(influence, interest) == strategy
    table = am.answer_table(
        am.normalise_answer({"actors": [actor("etat", influence, interest)]}, vocab), vocab
    )
    assert table.loc["etat", "strategie"] == strategy


def test_the_threshold_can_be_moved(vocab):
    assert vocab.strategy_for(3, 3, threshold=4) == "surveiller"
    assert vocab.strategy_for(4, 4, threshold=4) == "gerer_de_pres"


# --- the computed table ---------------------------------------------------------------------


def test_the_table_has_french_columns_the_gap_and_custom_actors(vocab):
    answer = {
        "actors": [
            actor(
                "population",
                4,
                5,
                "favorable",
                ["legitimite", "humain"],
                current="coordination",
                target="cooperation",
            ),
            actor("etat", 4, 2, current="collaboration", target="reseautage"),
            actor(
                "commune_tafraout",
                5,
                4,
                label="Commune de Tafraout",
                category="collectivites_locales",
            ),
        ]
    }
    table = am.answer_table(am.normalise_answer(answer, vocab), vocab)
    assert list(table.columns) == [
        "nom",
        "categorie",
        "influence",
        "interet",
        "position",
        "soutien",
        "ressources",
        "nb_ressources",
        "relation_actuelle",
        "relation_visee",
        "ecart",
        "strategie",
        "ajoute",
        "note",
    ]
    assert list(table.index) == ["population", "etat", "commune_tafraout"]
    assert table.loc["population", "ecart"] == 1
    assert table.loc["etat", "ecart"] == -3
    assert table.loc["population", "ressources"] == "humain, legitimite"  # content order
    assert table.loc["population", "nb_ressources"] == 2
    assert table.loc["population", "soutien"] == 1
    row = table.loc["commune_tafraout"]
    assert (row["nom"], row["categorie"], bool(row["ajoute"])) == (
        "Commune de Tafraout",
        "collectivites_locales",
        True,
    )
    assert not table.loc["etat", "ajoute"] and table.loc["etat", "nom"] == "L’Etat"


def test_resources_are_deduplicated_and_whole_floats_accepted(vocab):
    clean = am.normalise_answer(
        {"actors": [actor("etat", 3.0, 2, resources=["financier", "expertise", "financier"])]},
        vocab,
    )
    assert clean["actors"][0]["resources"] == ["financier", "expertise"]
    assert clean["actors"][0]["influence"] == 3 and isinstance(clean["actors"][0]["influence"], int)


# --- bad input: a French message naming what is wrong ---------------------------------------


@pytest.mark.parametrize(
    ("entry", "error", "words"),
    [
        (actor("etat", influence=6), ValueError, ["L’Etat", "l’influence", "entre 0 et 5", "6"]),
        (actor("etat", interest=-1), ValueError, ["L’Etat", "l’intérêt", "entre 0 et 5"]),
        (actor("etat", influence=2.5), ValueError, ["nombre entier", "2.5"]),
        (actor("etat", influence=True), ValueError, ["nombre entier"]),
        (actor("etat", interest="4"), ValueError, ["nombre entier", "'4'"]),
        (actor("etat", interest=None), ValueError, ["L’Etat", "il manque l’intérêt"]),
        ({"id": "etat", "influence": 1}, ValueError, ["il manque l’intérêt"]),
        (actor("etat", stance="pour"), IdentifiantInconnu, ["Position", "inconnue", "pour"]),
        (actor("etat", resources=["argent"]), IdentifiantInconnu, ["Ressource", "argent"]),
        ({**actor("etat"), "resources": "financier"}, ValueError, ["liste"]),
        (actor("etat", current="amis"), IdentifiantInconnu, ["Relation actuelle", "amis"]),
        (actor("etat", target="mariage"), IdentifiantInconnu, ["Relation visée", "mariage"]),
        (actor("wali"), IdentifiantInconnu, ["Acteur inconnu", "wali", "etat"]),
        (actor("etat", couleur="bleu"), ValueError, ["champ non prévu", "couleur"]),
        (actor("x_1", label="Caïdat"), ValueError, ["Caïdat", "catégorie"]),
        (actor("x_1", label="Caïdat", category="caidat"), IdentifiantInconnu, ["Catégorie"]),
        (actor("x_1", label="  ", category="etat"), ValueError, ["nom"]),
        (actor("X 1", label="Caïdat", category="etat"), ValueError, ["identifiant valide"]),
        (actor("x_1\n", label="Caïdat", category="etat"), ValueError, ["identifiant valide"]),
        ("etat", ValueError, ["dictionnaire"]),
        ({"influence": 2}, ValueError, ["identifiant"]),
    ],
)
def test_a_bad_actor_gets_a_french_error(vocab, entry, error, words):
    with pytest.raises(error) as caught:
        am.normalise_answer({"actors": [actor("population"), entry]}, vocab)
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ([actor("etat")], ["dictionnaire"]),
        ({"acteurs": []}, ["Clé non prévue", "acteurs"]),
        ({"links": []}, ["actors"]),
        ({"actors": []}, ["au moins un acteur"]),
        ({"actors": [actor("etat"), actor("etat")]}, ["deux fois"]),
        (
            {
                "actors": [actor("etat")],
                "links": [{"source": "etat", "target": "medias", "type": "finance"}],
            },
            ["Acteur d’arrivée du lien n° 1", "medias"],
        ),
        (
            {
                "actors": [actor("etat")],
                "links": [{"source": "etat", "target": "etat", "type": "finance"}],
            },
            ["vers lui-même"],
        ),
        (
            {
                "actors": [actor("etat"), actor("medias")],
                "links": [{"source": "etat", "target": "medias", "type": "achete"}],
            },
            ["Type du lien n° 1", "achete", "finance"],
        ),
        (
            {
                "actors": [actor("etat"), actor("medias")],
                "links": [{"source": "etat", "target": "medias", "type": "informe"}] * 2,
            },
            ["Lien n° 2", "existe déjà"],
        ),
        ({"actors": [actor("etat")], "links": [{"source": "etat"}]}, ["« target »"]),
    ],
)
def test_a_bad_answer_gets_a_french_error(vocab, answer, words):
    with pytest.raises((ValueError, LookupError)) as caught:
        am.normalise_answer(answer, vocab)
    for word in words:
        assert word in str(caught.value)


def test_changes_never_touch_the_answer_they_start_from(vocab):
    answer = am.normalise_answer(full_map(), vocab)
    before = copy.deepcopy(answer)
    with pytest.raises(ValueError):
        am.update_actor(answer, "etat", vocab, influence=9)
    changed = am.update_actor(answer, "etat", vocab, influence=4)
    am.add_link(answer, "etat", "medias", "finance", vocab)
    am.remove_actor(answer, "etat", vocab)
    assert answer == before
    assert changed["actors"][0]["influence"] == 4


# --- adding, removing, restoring actors; links ----------------------------------------------


def test_a_local_actor_gets_an_ascii_id_and_starts_unplaced(vocab):
    answer, new_id = am.add_actor(
        am.blank_answer(vocab), " Commune d’Aït Sidi Brahim ", "collectivites_locales", vocab
    )
    assert new_id == "commune_d_ait_sidi_brahim"
    entry = answer["actors"][-1]
    assert entry == {
        "id": new_id,
        "label": "Commune d’Aït Sidi Brahim",
        "category": "collectivites_locales",
        "influence": 0,
        "interest": 0,
        "stance": "neutre",
        "resources": [],
        "current": "aucune",
        "target": "aucune",
    }


def test_adding_refuses_empty_names_duplicates_and_unknown_categories(vocab):
    answer, _ = am.add_actor(am.blank_answer(vocab), "Coopérative Nour", "cooperatives", vocab)
    with pytest.raises(ValueError, match="Écrivez le nom"):
        am.add_actor(answer, "   ", "cooperatives", vocab)
    with pytest.raises(ValueError, match="déjà sur la carte"):
        am.add_actor(answer, "coopérative nour", "cooperatives", vocab)
    with pytest.raises(ValueError, match="déjà sur la carte"):
        am.add_actor(answer, "La Population", "population", vocab)
    with pytest.raises(ValueError, match="rétablissez-le"):
        am.add_actor(am.remove_actor(answer, "etat", vocab)[0], "Etat", "etat", vocab)
    with pytest.raises(IdentifiantInconnu, match="Catégorie"):
        am.add_actor(answer, "Caïdat", "caidat", vocab)
    with pytest.raises(ValueError, match="Choisissez la catégorie"):
        am.add_actor(answer, "Caïdat", None, vocab)
    again, second = am.add_actor(answer, "Cooperative Nour", "cooperatives", vocab)
    assert second == "cooperative_nour_2"
    assert [a["id"] for a in again["actors"]][-2:] == ["cooperative_nour", "cooperative_nour_2"]


def test_an_added_actors_name_has_the_limit_of_a_learners_name(vocab):
    from tanmia_course.work.store import MAX_NAME

    answer = am.blank_answer(vocab)
    longest = "C" * MAX_NAME
    kept, _ = am.add_actor(answer, longest, "cooperatives", vocab)
    assert kept["actors"][-1]["label"] == longest
    # Refused at the add, before anything else is asked (even without a category).
    for category in ("cooperatives", None):
        with pytest.raises(ValueError) as caught:
            am.add_actor(answer, "C" * (MAX_NAME + 1), category, vocab)
        assert str(caught.value).startswith(
            f"Nom trop long ({MAX_NAME + 1} caractères ; {MAX_NAME} au plus) : raccourcissez-le"
        )
    # A longer name saved by an earlier version of the course still loads: nothing is lost.
    entry = actor("x_1", label=" " + "Association " * 8 + " ", category="associations")
    read = am.normalise_answer({"actors": [actor("population"), entry]}, vocab)
    assert read["actors"][-1]["label"] == ("Association " * 8).strip()


def test_removing_an_actor_removes_its_links_and_the_last_one_stays(vocab):
    answer = am.normalise_answer(full_map(), vocab)
    answer = am.add_link(answer, "etat", "collectivites_locales", "finance", vocab)
    answer = am.add_link(answer, "medias", "population", "informe", vocab)
    answer = am.add_link(answer, "collectivites_locales", "etat", "informe", vocab)
    smaller, removed = am.remove_actor(answer, "etat", vocab)
    assert removed == 2
    assert smaller["links"] == [{"source": "medias", "target": "population", "type": "informe"}]
    assert "etat" not in [a["id"] for a in smaller["actors"]]
    with pytest.raises(IdentifiantInconnu, match="Acteur de la carte"):
        am.remove_actor(smaller, "etat", vocab)
    alone = am.normalise_answer({"actors": [actor("etat")]}, vocab)
    with pytest.raises(ValueError, match="au moins un acteur"):
        am.remove_actor(alone, "etat", vocab)


def test_a_removed_actor_of_the_list_can_be_restored_unplaced(vocab):
    answer, _ = am.remove_actor(am.normalise_answer(full_map(), vocab), "universites", vocab)
    back = am.restore_actor(answer, "universites", vocab)
    assert back["actors"][-1] == am.new_actor("universites", vocab)
    with pytest.raises(ValueError, match="déjà sur la carte"):
        am.restore_actor(back, "universites", vocab)
    with pytest.raises(IdentifiantInconnu):
        am.restore_actor(back, "wali", vocab)


def test_links_are_added_and_removed_by_position(vocab):
    answer = am.normalise_answer(full_map(), vocab)
    answer = am.add_link(answer, "etat", "medias", "encadre", vocab)
    answer = am.add_link(answer, "ongi", "associations", "finance", vocab)
    answer = am.remove_link(answer, 0, vocab)
    assert answer["links"] == [{"source": "ongi", "target": "associations", "type": "finance"}]
    with pytest.raises(ValueError, match="pas de lien n° 3"):
        am.remove_link(answer, 2, vocab)


# --- shortlist and coverage -------------------------------------------------------------------


def test_the_shortlist_follows_its_stated_rule_at_each_edge(vocab):
    answer = full_map(
        etat=dict(influence=3, interest=1, resources=["financier"], target="reseautage"),
        collectivites_locales=dict(
            influence=2, interest=5, resources=["materiel"], target="reseautage"
        ),  # influence below the threshold
        services_exterieurs=dict(
            influence=5, interest=5, stance="reserve", resources=["expertise"], target="reseautage"
        ),  # reserved
        secteur_prive=dict(influence=5, interest=5, target="reseautage"),  # no resource
        associations=dict(
            influence=5,
            interest=5,
            resources=["humain"],
            current="cooperation",
            target="cooperation",
        ),  # gap 0
        population=dict(influence=4, interest=5, resources=["legitimite"], target="coordination"),
        ongi=dict(
            influence=4, interest=5, stance="moteur", resources=["financier"], target="reseautage"
        ),
        medias=dict(
            influence=4,
            interest=5,
            stance="moteur",
            resources=["information", "humain"],
            target="reseautage",
        ),
    )
    table = am.answer_table(am.normalise_answer(answer, vocab), vocab)
    shortlist = am.priority_partners(table, size=10)
    # influence, then interest, then number of resources, then stance, then map order
    assert list(shortlist.index) == ["medias", "ongi", "population", "etat"]
    assert list(shortlist["rang"]) == [1, 2, 3, 4]
    assert list(am.priority_partners(table).index) == ["medias", "ongi", "population"]
    assert "3 premiers" in am.PRIORITY_RULE and "neutre" in am.PRIORITY_RULE


def test_coverage_names_the_guide_categories_missing(vocab):
    answer = am.normalise_answer(full_map(universites=None, secteur_prive=None), vocab)
    answer, _ = am.add_actor(answer, "Transporteur du souk", "secteur_prive", vocab)
    cover = am.coverage(am.answer_table(answer, vocab), vocab)
    assert list(cover.index) == GUIDE
    assert list(cover.index[~cover["presente"]]) == ["universites"]
    assert cover.loc["secteur_prive", "acteurs"] == "Transporteur du souk"


def test_the_strategy_summary_counts_each_quadrant(vocab):
    answer = full_map(etat=dict(influence=5, interest=5), population=dict(influence=3, interest=4))
    table = am.answer_table(am.normalise_answer(answer, vocab), vocab)
    summary = am.strategy_summary(table, vocab)
    assert list(summary.index) == ["gerer_de_pres", "satisfaire", "informer", "surveiller"]
    assert summary.loc["gerer_de_pres", "nb_acteurs"] == 2
    assert summary.loc["gerer_de_pres", "acteurs"] == "L’Etat, La Population"
    assert summary["nb_acteurs"].sum() == len(table)


# --- every shipped feedback rule, just on and just off ------------------------------------------

PLACED = {a: {"influence": 1, "interest": 1} for a in GUIDE}
CASES = {
    "carte_vide": (
        {a: {"influence": 0, "interest": 0} for a in GUIDE},
        {**{a: {"influence": 0, "interest": 0} for a in GUIDE}, "etat": {"influence": 1}},
    ),
    "acteurs_non_places": ({"etat": {"influence": 0, "interest": 0}}, {}),
    "population_absente": ({"population": None}, {}),
    "population_peu_interessee": (
        {"population": {"influence": 4, "interest": 2}},
        {"population": {"influence": 4, "interest": 3}},
    ),
    "tous_meme_quadrant": ({}, {"etat": {"influence": 4}}),
    "opposant_influent": (
        {"etat": {"influence": 3, "stance": "reserve"}},
        {"etat": {"influence": 2, "stance": "oppose"}},
    ),
    "allie_influent_sans_relation": (
        {"ongi": {"influence": 3, "stance": "favorable"}},
        {"ongi": {"influence": 3, "stance": "favorable", "current": "reseautage"}},
    ),
    "acteur_cle_sans_ressource": (
        {"etat": {"influence": 3, "interest": 3}},
        {"etat": {"influence": 3, "interest": 3, "resources": ["financier"]}},
    ),
    "trop_de_collaborations": (
        {a: {"target": "collaboration"} for a in GUIDE[:4]},
        {a: {"target": "collaboration"} for a in GUIDE[:3]},
    ),
    "relation_en_recul": (
        {"medias": {"current": "coordination", "target": "reseautage"}},
        {"medias": {"current": "coordination", "target": "coordination"}},
    ),
    "aucun_soutien": ({}, {"medias": {"stance": "favorable"}}),
    "secteur_prive_oublie": ({"secteur_prive": None}, {}),
    "universites_oubliees": ({"universites": None}, {}),
    "population_acteur_cle": (
        {"population": {"influence": 3, "interest": 3}},
        {"population": {"influence": 2, "interest": 5}},
    ),
}


def build(changes):
    merged = {}
    for actor_id in GUIDE:
        change = changes.get(actor_id, {})
        merged[actor_id] = None if change is None else {**PLACED[actor_id], **change}
    return full_map(**merged)


def test_every_shipped_rule_has_a_case_here(vocab):
    assert set(CASES) == {rule.id for rule in vocab.rules}


@pytest.mark.parametrize("rule_id", list(CASES))
def test_each_shipped_rule_fires_just_where_it_should(vocab, rule_id):
    on, off = CASES[rule_id]
    assert rule_id in fired(build(on), vocab)
    assert rule_id not in fired(build(off), vocab)


def test_messages_name_the_actors_and_fill_their_placeholders(vocab):
    feedback = fired(
        build({"etat": {"influence": 0, "interest": 0}, "medias": {"influence": 0, "interest": 0}}),
        vocab,
    )
    message = feedback["acteurs_non_places"].message
    assert message.startswith(
        "Encore au point de départ (influence 0, intérêt 0) : « L’Etat » et « Les Médias »."
    )
    assert feedback["acteurs_non_places"].actors == ("etat", "medias")
    same = fired(build({}), vocab)["tous_meme_quadrant"].message
    assert "« Surveiller »" in same and "{" not in same


def test_a_stop_rule_hides_the_rules_after_it(vocab):
    feedback = fired(am.blank_answer(vocab), vocab)
    assert list(feedback) == ["carte_vide"]


def test_the_rule_engine_reads_every_kind_of_condition(vocab):
    def rule(rule_id, where=(), count=(1, None), every=False, all_same=None, stop=False):
        return MapRule(
            rule_id,
            "advice",
            Text("{n} : {acteurs} ({valeur})"),
            tuple(where),
            count[0],
            count[1],
            every,
            all_same,
            stop,
            "trainer",
        )

    rules = (
        rule("ids", [("actor", RuleCondition(ids=("etat", "medias")))]),
        rule("resources_any", [("resources", RuleCondition(ids=("financier",)))]),
        rule("resources_count", [("resources", RuleCondition(minimum=2))]),
        rule("gap", [("gap", RuleCondition(minimum=2, maximum=2))]),
        rule("target_rank", [("target", RuleCondition(minimum=3))]),
        rule("at_most_one", [("stance", RuleCondition(minimum=2))], count=(None, 1)),
        rule("every", [("influence", RuleCondition(maximum=5))], every=True),
        rule(
            "same_category", [("actor", RuleCondition(ids=("etat", "ongi")))], all_same="category"
        ),
        rule("same_stance", [("actor", RuleCondition(ids=("etat", "medias")))], all_same="stance"),
        rule("stop", stop=True),
        rule("after_stop"),
    )
    custom = dataclasses.replace(vocab, rules=rules)
    answer = build(
        {
            "etat": {
                "resources": ["financier", "expertise"],
                "target": "cooperation",
                "stance": "moteur",
            },
            "medias": {"stance": "moteur", "current": "reseautage", "target": "cooperation"},
        }
    )
    feedback = fired(answer, custom)
    assert feedback["ids"].actors == ("etat", "medias")
    assert feedback["resources_any"].actors == ("etat",)
    assert feedback["resources_count"].actors == ("etat",)
    assert feedback["gap"].actors == ("medias",)
    assert feedback["target_rank"].actors == ("etat", "medias")
    assert "at_most_one" not in feedback  # two actors are « moteur »
    assert feedback["every"].message.startswith("10 :")
    assert "same_category" not in feedback  # L’Etat and the ONGI are two categories
    assert feedback["same_stance"].message.endswith("(Moteur)")
    assert "stop" in feedback and "after_stop" not in feedback


# --- trainer content --------------------------------------------------------------------------

OK = FIXTURES / "ok" / "cartographie_formateur"
KO = FIXTURES / "ko"


def test_a_trainer_adds_resources_relabels_stances_adds_rules_and_actors():
    content = tc.utiliser_contenu(OK)
    vocab = am.vocabulary(content)
    assert list(vocab.resources)[-1] == "foncier"
    assert str(vocab.stances["moteur"].label) == "Allié engagé"
    assert "association_oasis_tafilalet" in [a["id"] for a in am.blank_answer(vocab)["actors"]]
    answer = build({"medias": None, "population": {"influence": 3, "interest": 4}})
    answer["actors"].append(
        actor(
            "commune_x",
            4,
            4,
            resources=["foncier"],
            label="Commune X",
            category="collectivites_locales",
        )
    )
    feedback = fired(answer, vocab)
    assert "medias_oublies" in feedback
    assert feedback["foncier_sans_commune"].message.startswith("« Commune X » apporte un terrain")


@pytest.mark.parametrize(
    ("case", "words"),
    [
        (
            "carte_regle_categorie_inconnue",
            ["regles.yaml", "communes_oubliees", "where.category.in", "« communes » inconnu"],
        ),
        ("carte_regle_repere_inconnu", ["trop_d_acteurs", "champ « message »", "{nombre}"]),
        ("carte_regle_champ_inconnu", ["puissants", "champ non prévu « pouvoir »"]),
        ("carte_quadrant_double", ["strategies.yaml", "negocier", "une seule par quadrant"]),
        (
            "carte_reference_invalide",
            [
                "carte.yaml",
                "atelier_errachidia",
                "Position de l’acteur « L’Etat » inconnue",
                "pour",
            ],
        ),
        ("carte_rangs_egaux", ["relations.yaml", "partenariat", "rang 4 est déjà pris"]),
    ],
)
def test_a_broken_actor_map_file_is_refused_in_french_and_nothing_changes(case, words):
    before = tc.contenu()
    with pytest.raises(ContenuInvalide) as caught:
        tc.utiliser_contenu(KO / case)
    for word in words:
        assert word in str(caught.value)
    assert tc.contenu() is before


# --- the reference map and the exercise checks ------------------------------------------------


def test_the_tifawin_map_tells_the_courses_story(vocab):
    analysis = am.analyse(am.reference_answer("tifawin", vocab), vocab)
    table = analysis.table
    assert {"cooperative_nour", "commune_ait_sidi_brahim", "population"} <= set(table.index)
    assert table.loc["population", "strategie"] == "gerer_de_pres"
    assert table.loc["etat", "strategie"] == "satisfaire"
    assert list(analysis.shortlist.index) == [
        "commune_ait_sidi_brahim",
        "population",
        "direction_provinciale_education",
    ]
    assert analysis.coverage["presente"].all()
    assert not [f for f in analysis.feedback if f.tone == "warning"]
    assert am.check_map(analysis).statut == "correct"


def test_an_unknown_reference_map_names_the_known_ones(vocab):
    with pytest.raises(IdentifiantInconnu, match="tifawin"):
        am.reference_answer("atlas", vocab)


def test_the_map_check_says_what_is_left_to_do(vocab):
    blank = am.analyse(am.blank_answer(vocab), vocab)
    assert am.check_map(blank).statut == "a_completer"
    half = am.analyse(build({"etat": {"influence": 0, "interest": 0}}), vocab)
    retour = am.check_map(half)
    assert retour.statut == "incorrect" and "« L’Etat »" in retour.message
    warned = am.analyse(build({"population": {"interest": 1}}), vocab)
    assert "À revoir" in am.check_map(warned).message


def test_the_population_question_is_checked_against_the_learners_own_map(vocab):
    analysis = am.analyse(build({"population": {"influence": 4, "interest": 2}}), vocab)
    check = am.check_population_strategy
    assert check(analysis, vocab, ...).statut == "a_completer"
    assert check(analysis, vocab, "satisfaire").statut == "correct"
    assert check(analysis, vocab, "Tenir satisfait").statut == "correct"
    wrong = check(analysis, vocab, "gerer_de_pres")
    assert wrong.statut == "incorrect" and "influence 4, intérêt 2" in wrong.message
    assert "n’est pas une stratégie" in check(analysis, vocab, "informer_souvent").message
    gone = am.analyse(build({"population": None}), vocab)
    assert "n’est plus sur votre carte" in check(gone, vocab, "satisfaire").message


def test_the_key_players_to_strengthen_question(vocab):
    analysis = am.analyse(
        build(
            {
                "etat": {"influence": 4, "interest": 4, "target": "reseautage"},
                "population": {"influence": 4, "interest": 5, "target": "coordination"},
                "ongi": {"influence": 4, "interest": 4},  # gap 0
                "medias": {"influence": 2, "interest": 4, "target": "reseautage"},  # not key
            }
        ),
        vocab,
    )
    check = am.check_to_strengthen
    assert check(analysis, vocab, ...).statut == "a_completer"
    assert check(analysis, vocab, ["population", "etat"]).statut == "correct"
    missing = check(analysis, vocab, ["etat"])
    assert missing.statut == "incorrect" and "il en manque 1" in missing.message
    extra = check(analysis, vocab, ["etat", "population", "medias"])
    assert "« Les Médias » ne convient pas" in extra.message
    assert "n’est pas sur votre carte" in check(analysis, vocab, ["wali"]).message
    assert "liste d’identifiants" in check(analysis, vocab, 3).message
    nobody = am.analyse(build({}), vocab)
    assert check(nobody, vocab, []).statut == "correct"
