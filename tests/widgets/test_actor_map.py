"""The actor map widget driven headless, as a learner would: pick, slide, tick, click."""

from __future__ import annotations

import re

import pytest

import tanmia_course as tc
from tanmia_course.display.picture import data_uri, svg
from tanmia_course.errors import IdentifiantInconnu
from tanmia_course.exercises.actor_map.widget import CarteActeurs
from tanmia_course.work.store import MAX_NAME

from ..conftest import FIXTURES


@pytest.fixture
def carte():
    return tc.carte_acteurs()


def entry(carte, actor_id):
    return next(a for a in carte.answer["actors"] if a["id"] == actor_id)


def place(carte, actor_id, influence, interest):
    carte.choix.value = actor_id
    carte.influence.value = influence
    carte.interet.value = interest


def test_a_fresh_map_lists_the_guides_actors_unplaced(carte):
    assert isinstance(carte, CarteActeurs) and carte.exercise_id == "cartographie_acteurs"
    assert [v for _, v in carte.choix.options] == list(tc.acteurs().index)
    assert all(a["influence"] == a["interest"] == 0 for a in carte.answer["actors"])
    assert bytes(carte.image.value).startswith(b"<?xml")  # SVG: light, sharp when projected
    assert bytes(carte.fond.value).startswith(b"<?xml")  # the grid, under the actors
    assert carte.carte.layout.display == "grid"
    assert "Votre carte est encore vide" in carte.retours.value
    assert carte.image_liens.layout.display == "none"


def test_sliders_buttons_and_boxes_change_the_answer_and_redraw(carte):
    heard = []
    carte.on_answer_change(lambda exercise, answer: heard.append((exercise, answer)))
    before = carte.image.value
    place(carte, "population", 4, 5)
    assert carte.image.value != before
    carte.position.value = "moteur"
    carte.relation_actuelle.value = "reseautage"
    carte.relation_visee.value = "collaboration"
    carte.ressources["legitimite"].value = True
    carte.ressources["humain"].value = True
    carte.note.value = "Les parents décident."
    assert entry(carte, "population") == {
        "id": "population",
        "influence": 4,
        "interest": 5,
        "stance": "moteur",
        "resources": ["humain", "legitimite"],
        "current": "reseautage",
        "target": "collaboration",
        "note": "Les parents décident.",
    }
    row = carte.tableau().loc["population"]
    assert (row["strategie"], row["ecart"], row["nb_ressources"]) == ("gerer_de_pres", 3, 2)
    assert len(heard) == 8 and {e for e, _ in heard} == {"cartographie_acteurs"}
    assert heard[-1][1] == carte.answer


def test_choosing_another_actor_shows_its_values_without_changing_anything(carte):
    place(carte, "etat", 5, 1)
    carte.ressources["financier"].value = True
    answer = carte.answer
    carte.choix.value = "medias"
    assert (carte.influence.value, carte.interet.value) == (0, 0)
    assert not carte.ressources["financier"].value
    carte.choix.value = "etat"
    assert (carte.influence.value, carte.interet.value) == (5, 1)
    assert carte.ressources["financier"].value
    assert carte.answer == answer


def test_feedback_follows_the_map_at_each_change(carte):
    for actor_id in list(carte.tableau().index):
        place(carte, actor_id, 1, 1)
    assert "même quadrant" in carte.retours.value
    place(carte, "population", 4, 2)
    assert "intérêt faible" in carte.retours.value
    carte.interet.value = 5
    assert "intérêt faible" not in carte.retours.value
    assert "esprit du développement participatif" in carte.retours.value


def test_a_local_actor_is_added_with_a_category_and_selected(carte):
    carte.nouveau_nom.value = "Coopérative Nour"
    carte.nouvelle_categorie.value = "cooperatives"
    carte.ajouter.click()
    assert carte.choix.value == "cooperative_nour"
    assert ("Coopérative Nour", "cooperative_nour") in carte.choix.options
    assert entry(carte, "cooperative_nour")["category"] == "cooperatives"
    assert carte.nouveau_nom.value == "" and carte.nouvelle_categorie.value is None
    assert "ajouté" in carte.message.value
    carte.influence.value = 2
    assert carte.tableau().loc["cooperative_nour", "ajoute"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("  ", "Écrivez le nom"),
        ("la population", "déjà sur la carte"),
        ("Caïdat d’Aït Sidi Brahim", "Choisissez la catégorie"),
    ],
)
def test_a_bad_new_actor_is_refused_in_french_and_nothing_changes(carte, name, words):
    place(carte, "etat", 3, 3)
    before, selected = carte.answer, carte.choix.value
    carte.nouveau_nom.value = name
    carte.ajouter.click()
    assert words in carte.message.value and "✗" in carte.message.value
    assert carte.answer == before and carte.choix.value == selected


def test_an_actor_is_removed_with_its_links_then_restored(carte):
    carte.lien_de.value, carte.lien_type.value, carte.lien_vers.value = (
        "etat",
        "finance",
        "collectivites_locales",
    )
    carte.ajouter_lien.click()
    carte.choix.value = "etat"
    carte.retirer.click()
    assert "etat" not in [a["id"] for a in carte.answer["actors"]]
    assert carte.answer["links"] == []
    assert "«\xa0L’Etat\xa0» et son lien retirés de la carte." in carte.message.value
    assert carte.retires.options == (("L’Etat", "etat"),)
    assert carte.retablir.layout is not None and carte._restore_box.layout.display == "flex"
    carte.retablir.click()
    assert carte.choix.value == "etat" and entry(carte, "etat")["influence"] == 0
    assert carte._restore_box.layout.display == "none"


def test_the_last_actor_cannot_be_removed(carte):
    carte.answer = {"actors": [entry(carte, "population")], "links": []}
    carte.retirer.click()
    assert "au moins un acteur" in carte.message.value
    assert [a["id"] for a in carte.answer["actors"]] == ["population"]


def test_links_are_added_shown_refused_when_wrong_and_removed(carte):
    carte.lien_de.value, carte.lien_type.value, carte.lien_vers.value = (
        "medias",
        "informe",
        "population",
    )
    carte.ajouter_lien.click()
    assert carte.answer["links"] == [
        {"source": "medias", "target": "population", "type": "informe"}
    ]
    assert carte.liens.options == (("Les Médias → Informe → La Population", 0),)
    assert carte.image_liens.layout.display == "block"
    assert bytes(carte.image_liens.value).startswith(b"<?xml")  # SVG: small, sharp, text
    carte.ajouter_lien.click()
    assert "existe déjà" in carte.message.value and len(carte.answer["links"]) == 1
    carte.lien_vers.value = "medias"
    carte.ajouter_lien.click()
    assert "vers lui-même" in carte.message.value and len(carte.answer["links"]) == 1
    carte.supprimer_lien.click()
    assert "Choisissez d’abord un lien" in carte.message.value
    carte.liens.value = 0
    carte.supprimer_lien.click()
    assert carte.answer["links"] == [] and carte.image_liens.layout.display == "none"


def test_the_answer_restores_a_fresh_widget(carte):
    place(carte, "population", 4, 5)
    carte.nouveau_nom.value = "Commune de Tafraout"
    carte.nouvelle_categorie.value = "collectivites_locales"
    carte.ajouter.click()
    carte.influence.value = 5
    again = tc.carte_acteurs(reponse=carte.answer)
    assert again.answer == carte.answer
    assert again.tableau().equals(carte.tableau())
    other = tc.carte_acteurs()
    other.answer = carte.answer
    other.choix.value = "commune_de_tafraout"
    assert other.influence.value == 5


@pytest.mark.parametrize(
    ("bad", "error", "words"),
    [
        ({"actors": [{"id": "etat"}]}, ValueError, "il manque l’influence"),
        (
            {
                "actors": [
                    {
                        "id": "etat",
                        "influence": 9,
                        "interest": 1,
                        "stance": "neutre",
                        "resources": [],
                        "current": "aucune",
                        "target": "aucune",
                    }
                ]
            },
            ValueError,
            "entre 0 et 5",
        ),
        ({"actors": [{"id": "wali"}]}, IdentifiantInconnu, "Acteur inconnu : « wali »"),
        ("tifawin", ValueError, "dictionnaire"),
    ],
)
def test_a_bad_answer_is_refused_and_the_map_stays_as_it_was(carte, bad, error, words):
    place(carte, "etat", 4, 2)
    before, image = carte.answer, carte.image.value
    with pytest.raises(error, match=words):
        carte.answer = bad
    assert carte.answer == before and carte.image.value == image
    assert (carte.choix.value, carte.influence.value, carte.interet.value) == ("etat", 4, 2)


def test_the_reference_map_prefills_and_unknown_ones_are_named():
    carte = tc.carte_acteurs(reponse="tifawin")
    assert carte.answer == tc.carte_reference("tifawin")
    assert "cooperative_nour" in carte.tableau().index
    assert carte.image_liens.layout.display == "block"
    with pytest.raises(IdentifiantInconnu, match="tifawin"):
        tc.carte_acteurs(reponse="atlas")
    with pytest.raises(ValueError, match="influence"):
        tc.carte_acteurs(reponse={"actors": [{"id": "etat", "interest": 2}]})


def test_the_result_carries_table_strategies_partners_coverage_feedback_and_figure():
    carte = tc.carte_acteurs(reponse="tifawin")
    result = carte.resultat()
    assert list(result.partenaires.index) == [
        "commune_ait_sidi_brahim",
        "population",
        "direction_provinciale_education",
    ]
    assert result.strategies["nb_acteurs"].sum() == len(result.tableau) == 11
    assert result.categories_absentes == []
    assert {f.rule for f in result.retours} >= {"population_acteur_cle"}
    assert result.figure.axes and result.figure_liens is not None
    html = result._repr_html_()
    assert html.count("<img") == 2 and "Partenaires prioritaires" in html
    assert "Commune d’Aït Sidi Brahim" in html and "<script" not in html


def test_the_result_shows_the_pictures_the_widget_shows():
    carte = tc.carte_acteurs(reponse="tifawin")
    result = carte.resultat()
    html = result._repr_html_()
    uris = [u.split("'")[0] for u in html.split("src='")[1:]]
    assert uris == [  # the widget's map, whole, and its links
        data_uri(svg(carte._pictures.map.ax.figure)),
        data_uri(bytes(carte.image_liens.value).decode()),
    ]
    text = repr(result)
    assert "<" not in text.replace("« ", "").replace(" »", "")
    assert "Partenaires prioritaires : Commune d’Aït Sidi Brahim" in text


def test_analyser_carte_works_without_a_widget():
    result = tc.analyser_carte("tifawin")
    assert result.titre == "Les acteurs du projet de Tifawin"
    assert result.tableau.loc["population", "strategie"] == "gerer_de_pres"
    assert "Votre carte" in tc.analyser_carte(tc.carte_reference()).titre
    # Its map is drawn as the widget draws it: the same picture, actors and all.
    uri = result._repr_html_().split("src='")[1].split("'")[0]
    assert uri == data_uri(svg(tc.carte_acteurs(reponse="tifawin")._pictures.map.ax.figure))


def test_the_results_tables_read_in_french():
    html = tc.analyser_carte("tifawin")._repr_html_()
    text = re.sub(r"<[^>]+>|data:[^'\"]+", " ", html)
    # The full table's « ajoute » column says whether an actor was added by the learner.
    assert "<td>non</td>" in html
    assert not re.search(r"\b(True|False|NaN|None)\b", text), "valeurs de pandas en anglais"


def test_the_exercise_questions_are_checked_against_this_map(carte):
    assert carte.verifier("carte").statut == "a_completer"
    assert carte.verifier("strategie_population", ...).statut == "a_completer"
    place(carte, "population", 3, 4)
    assert carte.verifier("strategie_population", "gerer_de_pres").correct
    assert carte.verifier("a_renforcer", []).correct
    carte.relation_visee.value = "reseautage"
    assert carte.verifier("a_renforcer", ["population"]).correct
    with pytest.raises(IdentifiantInconnu, match="Question de la carte"):
        carte.verifier("quadrants")


def test_a_trainers_resources_and_local_actors_appear_in_the_widget():
    tc.utiliser_contenu(FIXTURES / "ok" / "cartographie_formateur")
    carte = tc.carte_acteurs()
    assert "foncier" in carte.ressources
    assert ("Association Oasis Tafilalet", "association_oasis_tafilalet") in carte.choix.options
    assert "Allié engagé" in [label for label, _ in carte.position.options]


def test_a_map_too_crowded_to_label_keeps_the_answer_and_says_why(carte, monkeypatch):
    from tanmia_course.exercises.actor_map.charts import ActorMap
    from tanmia_course.exercises.actor_map.labels import PlacementImpossible

    def crowded(self, table):
        raise PlacementImpossible("Trop d’acteurs pour une carte lisible.")

    image = carte.image.value
    monkeypatch.setattr(ActorMap, "update", crowded)
    place(carte, "etat", 2, 2)
    assert entry(carte, "etat")["influence"] == 2
    assert "La carte est trop pleine pour être redessinée" in carte.message.value
    assert carte.image.value == image


def crowded_map(n, size=MAX_NAME):
    """The course's actors, a link, and ``n`` added actors with names of ``size``
    characters, all at influence 3 and interest 3, where their names crowd together."""
    answer = tc.carte_reference("tifawin")
    answer["actors"] += [
        {
            "id": f"cooperative_{k:02d}",
            "label": f"{k:02d} {'Coopérative des femmes artisanes du Souss ' * 2}"[:size],
            "category": "cooperatives",
            "influence": 3,
            "interest": 3,
            "stance": "neutre",
            "resources": [],
            "current": "aucune",
            "target": "aucune",
        }
        for k in range(n)
    ]
    return answer


def test_an_actor_name_longer_than_a_learners_name_is_refused_and_left_to_shorten(carte):
    place(carte, "etat", 3, 3)
    before, image, selected = carte.answer, carte.image.value, carte.choix.value
    name = "Association des femmes artisanes de la vallée du Souss-Massa et du Drâa, à Tiznit"
    assert len(name) == MAX_NAME + 1
    carte.nouveau_nom.value = name
    carte.nouvelle_categorie.value = "associations"
    carte.ajouter.click()
    assert "✗" in carte.message.value
    assert f"Nom trop long ({MAX_NAME + 1} caractères ; {MAX_NAME} au plus)" in (
        carte.message.value
    )
    assert carte.answer == before and carte.image.value == image
    assert carte.choix.value == selected
    # The name stays as typed, so that the learner only has to shorten it.
    assert carte.nouveau_nom.value == name
    assert carte.nouvelle_categorie.value == "associations"
    carte.nouveau_nom.value = name.replace(", à Tiznit", "")
    carte.ajouter.click()
    assert "ajouté" in carte.message.value and len(carte.answer["actors"]) == 11


def test_a_map_too_full_to_redraw_keeps_its_last_pictures_and_says_what_to_do(carte):
    carte.answer = crowded_map(40)
    for k in range(10):  # names of the longest size, until the map is no longer redrawn
        good, good_links = carte.image.value, carte.image_liens.value
        assert "trop pleine" not in carte.message.value
        carte.nouveau_nom.value = (f"Association {k} " + "des femmes du douar " * 4)[:MAX_NAME]
        carte.nouvelle_categorie.value = "associations"
        carte.ajouter.click()
        if carte.image.value == good:
            break
    else:
        pytest.fail("the map could still be drawn")
    added = carte.choix.value
    assert entry(carte, added)["category"] == "associations"  # the answer has it
    assert "» ajouté, mais la carte est trop pleine pour être redessinée" in carte.message.value
    assert "retirez un acteur ou raccourcissez des noms" in carte.message.value
    # The last good pictures stay, said to be out of date.
    assert carte.image.value == good and carte.image_liens.value == good_links
    assert (carte.carte.layout.display, carte.image_liens.layout.display) == ("grid", "block")
    assert "Carte pas à jour" in carte.etat_carte.value
    assert "dernière carte dessinée" in carte.etat_carte.value
    carte.position.value = "moteur"  # each change is kept, and the map says why it waits
    assert entry(carte, added)["stance"] == "moteur"
    assert "La carte est trop pleine" in carte.message.value
    # The result shows its tables and feedback, and a note in place of the pictures.
    html = carte.resultat()._repr_html_()
    assert "Carte non dessinée" in html and "Partenaires prioritaires" in html
    assert data_uri(bytes(good).decode()) not in html  # not the old picture as if new
    assert "Carte non dessinée" in tc.analyser_carte(carte.answer)._repr_html_()
    # Without the actor, the map is drawn again and the notes go.
    carte.retirer.click()
    assert "\xa0» retiré de la carte." in carte.message.value
    assert "trop pleine" not in carte.message.value and carte.etat_carte.value == ""
    assert carte.image.value == good
    assert "<img" in carte.resultat()._repr_html_()


def test_a_map_too_full_to_draw_is_brought_back_without_broken_pictures(carte):
    carte.answer = crowded_map(70)  # saved in the work folder, never drawn
    again = tc.carte_acteurs()
    assert again.answer == carte.answer
    # An image with no picture is hidden (an empty one shows as a broken image).
    assert again.carte.layout.display == again.image_liens.layout.display == "none"
    assert "Carte non dessinée" in again.etat_carte.value
    assert "La carte est trop pleine pour être dessinée" in again.message.value
    html = again.resultat()._repr_html_()
    assert "Carte non dessinée" in html and "Liens non dessinés" in html


def test_a_fresh_map_brings_back_the_saved_work_and_a_reference_map_does_not(carte):
    place(carte, "population", 4, 5)
    saved = carte.answer
    assert tc.carte_acteurs().answer == saved
    assert tc.carte_acteurs(reponse="tifawin").answer == tc.carte_reference("tifawin")


def test_bringing_back_saved_work_draws_the_map_once(carte, monkeypatch):
    from tanmia_course.exercises.actor_map.charts import ActorMap

    carte.answer = tc.carte_reference("tifawin")  # saved in the work folder
    drawn = []
    real_update = ActorMap.update
    monkeypatch.setattr(
        ActorMap, "update", lambda view, table: drawn.append(1) or real_update(view, table)
    )
    again = tc.carte_acteurs()
    assert again.answer == carte.answer
    assert len(drawn) == 1 and bytes(again.image.value).startswith(b"<?xml")
