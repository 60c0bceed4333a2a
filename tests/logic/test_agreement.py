"""Exercise 04, the partnership agreement: the rules applied to drafts (the reference drafts, a
complete hand-made draft, and one change of it per rule that it fails), how a rule's words
match, the draft's answer type, and the content checks a trainer's folder goes through."""

from __future__ import annotations

import copy
import textwrap

import pytest

from tanmia_course.content.agreement import MAX_PARTIES, MAX_TEXT, draft_answer, scenarios
from tanmia_course.content.loader import load_content
from tanmia_course.content.model import AgreementCondition, Text
from tanmia_course.errors import ContenuInvalide, IdentifiantInconnu
from tanmia_course.exercises.agreement.analysis import condition_holds, normalise_answer, review


@pytest.fixture(scope="module")
def content():
    return load_content()


def plain(text: str) -> str:
    """A French message with its no-break spaces as ordinary ones."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def failing(answer, content) -> set[str]:
    """The rules whose item of the guide the draft does not secure."""
    checks = review(normalise_answer(answer, content), content).checks
    return {rule for check in checks if not check.secured for rule in check.rules}


def hints(answer, content) -> str:
    checks = review(normalise_answer(answer, content), content).checks
    return plain(" ".join(h for check in checks for h in check.hints))


# ------------------------------------------------------------------ the reference drafts

SCENARIOS = ["minibus_des_collegiennes", "couscous_bahja", "programme_femmes_actrices", "tifawin"]


def test_there_is_a_reference_draft_for_every_scenario_but_the_learners_own(content):
    drafts = {d.id for d in content.agreement_drafts}
    assert drafts == set(scenarios(content)) - {"libre"}
    assert {d.source for d in content.agreement_drafts} == {"course"}


@pytest.mark.parametrize(
    "scenario",
    ["minibus_des_collegiennes", "couscous_bahja", "programme_femmes_actrices", "tifawin"],
)
def test_a_reference_draft_secures_every_rule_and_writes_every_clause(content, scenario):
    (draft,) = [d for d in content.agreement_drafts if d.id == scenario]
    answer = normalise_answer(draft_answer(draft), content)
    result = review(answer, content)
    assert [c.id for c in result.checks if not c.secured] == []
    assert len(result.checks) == len(content.agreement_rules) == 24
    assert set(result.filled) == {c.id for c in content.clauses}
    assert all(text.strip() for text in answer["clauses"].values())


@pytest.mark.parametrize(
    "scenario",
    ["minibus_des_collegiennes", "couscous_bahja", "programme_femmes_actrices", "tifawin"],
)
def test_a_reference_draft_names_its_parties_as_the_scenario_does(content, scenario):
    """The parties of a reference draft are actors of its scenario, by their exact names; an
    evaluator paid by one partner (the Cabinet Consilium) is not a party."""
    (draft,) = [d for d in content.agreement_drafts if d.id == scenario]
    expected = [name for name, _ in scenarios(content)[scenario].parties]
    names = [str(p.name) for p in draft.parties]
    assert set(names) <= set(expected)
    assert set(expected) - set(names) <= {"Cabinet Consilium"}


# ------------------------------------------------------------------ a complete hand-made draft


def party(name, gains, **brought):
    return {
        "nom": name,
        "statut": "",
        "signataire": "",
        "apports": brought,
        "gains": gains,
        "comite": True,
    }


COMPLETE = {
    "scenario": "libre",
    "titre": "Convention pour le jardin des femmes de Tizi",
    "parties": [
        party(
            "Association Assafou",
            "Un projet qui répond à sa mission et des femmes qui gagnent un revenu.",
            competences="Animation des groupes et connaissance des familles.",
            temps="Une animatrice deux jours par semaine.",
        ),
        party(
            "Commune de Tizi",
            "Une activité économique de plus sur son territoire.",
            nature="Un terrain irrigué de mille mètres carrés.",
            argent="12 000 dirhams pour les semences et le goutte-à-goutte.",
        ),
        party(
            "Coopérative Tamount",
            "Des légumes à vendre sur son étal du souk.",
            competences="Le savoir-faire du maraîchage biologique.",
            temps="Deux productrices qui forment les nouvelles venues.",
        ),
    ],
    "gouvernance": {"frequence": "Tous les deux mois", "decision": "consensus"},
    "clauses": {
        "parties": "Chaque signataire agit sur décision de son bureau ou de son conseil.",
        "objet": (
            "Un jardin potager à Tizi où trente femmes cultivent et vendent des légumes, sur un "
            "terrain prêté par la commune de Tizi."
        ),
        "objectifs": (
            "Arrêtés ensemble lors de deux ateliers : trente femmes formées au maraîchage d’ici "
            "juin, et une vente chaque semaine au souk."
        ),
        "engagements": (
            "La commune verse sa contribution en deux tranches, en octobre et en mars ; chaque "
            "partie tient ses engagements selon le plan d’action annexé."
        ),
        "gouvernance": "Le comité tient un registre des décisions, relu à chaque réunion.",
        "finances": (
            "Chaque partie gère l’argent qu’elle apporte et présente ses comptes au comité, avec "
            "les pièces justificatives."
        ),
        "communication": (
            "Les partenaires s’informent à chaque réunion. Chaque partie est citée dans les "
            "documents du projet, et aucun logo n’est utilisé sans accord préalable."
        ),
        "suivi_evaluation": (
            "Les indicateurs sont le nombre de femmes formées et les quantités vendues ; ils "
            "sont transmis à toutes les parties, et un bilan annuel en tire les leçons."
        ),
        "risques": (
            "Les pertes dues à un retard de récolte ou à la sécheresse sont partagées entre les "
            "parties selon le budget."
        ),
        "duree": "Trois ans, puis un bilan commun avant tout renouvellement écrit.",
        "modification": "Toute modification se fait par un avenant signé par toutes les parties.",
        "resiliation": (
            "Chaque partie peut se retirer avec un préavis de trois mois ; le plan de sortie "
            "règle les biens achetés ensemble et informe les bénéficiaires."
        ),
        "differends": (
            "Un désaccord passe d’abord par le dialogue, puis par le comité, puis par une "
            "médiation acceptée par tous."
        ),
    },
}


def test_a_complete_hand_made_draft_secures_everything(content):
    assert failing(COMPLETE, content) == set()
    result = review(normalise_answer(COMPLETE, content), content)
    assert result.summary() == (
        "Critères protégés\u00a0: 11 sur 11 · bonnes pratiques\u00a0: 8 sur 8 · "
        "signes d’alerte évités\u00a0: 5 sur 5"
    )


def clause(cid, text):
    def change(draft):
        draft["clauses"][cid] = text

    return change


def governance(key, value):
    def change(draft):
        draft["gouvernance"][key] = value

    return change


def first_party(key, value):
    def change(draft):
        draft["parties"][0][key] = value

    return change


def only_kinds(*kinds):
    def change(draft):
        for p in draft["parties"]:
            p["apports"] = {
                kind: (p["apports"].get(kind) or f"Un apport ({kind}).") for kind in kinds
            }

    return change


def both(*changes):
    def change(draft):
        for c in changes:
            c(draft)

    return change


def one_party(draft):
    del draft["parties"][1:]
    draft["parties"][0]["apports"]["argent"] = "5 000 dirhams."


# (case id, the change, the rules it fails, words the hints say)
FAILS = [
    ("objet_trop_court", clause("objet", "Un jardin potager pour les femmes du douar."),
     {"convergence"}, "douze mots"),
    ("objet_vide", clause("objet", ""), {"convergence", "simple_rassemblement"}, "but commun"),
    ("objectifs_imposes",
     clause("objectifs", "Trente femmes formées au maraîchage d’ici juin, une vente par semaine."),
     {"co_elaboration"}, "fixés ensemble"),
    ("objectifs_vides", clause("objectifs", ""),
     {"co_elaboration", "simple_rassemblement", "entente_apparente"}, "Objectifs"),
    ("une_partie_hors_comite", first_party("comite", False),
     {"implication", "partage_decision", "pouvoir_concentre"}, "au comité"),
    ("une_partie_sans_apport", first_party("apports", {}),
     {"implication", "reciprocite", "respect_engagements", "simple_rassemblement"},
     "au moins un apport"),
    ("une_seule_partie", one_party, {"implication", "reciprocite"}, "au moins deux parties"),
    ("deux_sortes_d_apport", only_kinds("argent", "competences"), {"complementarite"},
     "en nature"),
    ("sans_competences", only_kinds("argent", "nature", "temps"), {"valorisation_savoir"},
     "savoir-faire"),
    ("personne_n_est_citee",
     clause("communication", "Les partenaires s’informent chaque mois. Aucun logo sans accord "
            "préalable."), {"valorisation_savoir"}, "citée"),
    ("une_partie_sans_gains", first_party("gains", ""), {"reciprocite", "motivation_secrete"},
     "ce qu’elle gagne"),
    ("duree_sans_duree", clause("duree", "Jusqu’au bilan commun de la fin du projet."),
     {"duree"}, "trois ans"),
    ("duree_sans_echeance", clause("duree", "La convention est conclue pour trois ans."),
     {"duree"}, "à l’échéance"),
    ("sans_rythme", governance("frequence", ""), {"relation_humaine"}, "à quel rythme"),
    ("differends_vides", clause("differends", ""), {"relation_humaine", "negociation"},
     "médiation"),
    ("differends_au_tribunal",
     clause("differends", "Tout litige est porté devant le tribunal de première instance."),
     {"negociation"}, "médiation"),
    ("finances_sans_rapports",
     clause("finances", "Chaque partie gère elle-même l’argent qu’elle apporte au projet."),
     {"transparence", "transparence_pratique"}, "rapports financiers"),
    ("suivi_vide", clause("suivi_evaluation", ""),
     {"transparence", "transparence_pratique", "confiance", "partage_experiences",
      "entente_apparente"}, "indicateurs"),
    ("une_partie_decide", governance("decision", "une_partie"),
     {"autonomie", "partage_decision", "pouvoir_concentre"}, "tous les pouvoirs"),
    ("decision_non_choisie", governance("decision", ""),
     {"autonomie", "partage_decision", "pouvoir_concentre"}, "par consensus ou par vote"),
    ("resiliation_sans_sortie",
     clause("resiliation", "La convention peut être résiliée pour manquement grave."),
     {"autonomie", "droit_echec", "desequilibre_risques"}, "plan de sortie"),
    ("sortie_sans_preavis",
     clause("resiliation", "Chaque partie peut se retirer ; le plan de sortie règle les biens "
            "achetés ensemble."), {"desequilibre_risques"}, "préavis"),
    ("risques_non_partages",
     clause("risques", "La commune de Tizi répond du terrain et Assafou du retard des récoltes."),
     {"droit_echec", "partage_risques"}, "partagent"),
    ("risques_vides", clause("risques", ""),
     {"droit_echec", "partage_risques", "desequilibre_risques"}, "Responsabilités"),
    ("risques_sans_imprevus",
     clause("risques", "Chaque partie répond de ses biens ; les pertes sont partagées entre les "
            "parties selon le budget."), {"desequilibre_risques"}, "retard"),
    ("sans_regle_des_logos",
     clause("communication", "Les partenaires s’informent à chaque réunion ; chaque partie est "
            "citée dans les documents du projet."), {"respect_identite"}, "logos"),
    ("suivi_garde_pour_soi",
     clause("suivi_evaluation", "Les indicateurs sont le nombre de femmes formées ; un bilan "
            "annuel en tire les leçons."), {"transparence_pratique"}, "toutes les parties"),
    ("engagements_sans_dates",
     both(clause("engagements", "Chaque partie fait ce que décrit le plan d’action annexé."),
          clause("finances", "Chaque partie rend un rapport financier au comité, avec les "
                 "pièces justificatives.")), {"respect_engagements"}, "calendrier"),
    ("on_ne_s_informe_pas",
     clause("communication", "Chaque partie est citée ; aucun logo n’est utilisé sans accord "
            "préalable."), {"confiance"}, "s’informent"),
    ("pas_de_bilan",
     clause("suivi_evaluation", "Les indicateurs sont le nombre de femmes formées ; ils sont "
            "transmis à toutes les parties."), {"partage_experiences"}, "revue"),
    ("communication_vide", clause("communication", ""),
     {"valorisation_savoir", "respect_identite", "confiance", "motivation_secrete"},
     "clause de communication"),
    ("suivi_sans_indicateurs",
     clause("suivi_evaluation", "Les rapports sont transmis à toutes les parties, et un bilan "
            "annuel en tire les leçons."), {"entente_apparente"}, "indicateurs communs"),
    ("modification_par_un_seul",
     clause("modification", "Les changements sont décidés par la présidente de l’association."),
     {"pouvoir_concentre"}, "avenant"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "rules", "words"), [f[1:] for f in FAILS], ids=[f[0] for f in FAILS]
)
def test_a_change_of_the_complete_draft_fails_the_rules_it_should(content, change, rules, words):
    draft = copy.deepcopy(COMPLETE)
    change(draft)
    assert failing(draft, content) == rules
    assert words in hints(draft, content)


def test_every_rule_is_failed_by_one_of_the_changes(content):
    failed = set().union(*(rules for _, _, rules, _ in FAILS))
    assert failed == {rule.id for rule in content.agreement_rules}


@pytest.mark.parametrize(
    ("cid", "text", "rules"),
    [
        ("communication", "Les partenaires doivent se prévenir de tout changement ; chaque "
         "partie est citée, et aucun logo n’est utilisé sans accord préalable.", set()),
        ("suivi_evaluation", "Les indicateurs sont le nombre de femmes formées ; ils sont "
         "envoyés à chaque partenaire, et un bilan annuel en tire les leçons.", set()),
        ("suivi_evaluation", "Les indicateurs sont le nombre de femmes formées ; ils sont "
         "transmis à toutes les parties, avec une fiche d’expérience écrite chaque année.", set()),
        # the right to leave is written (autonomy), but with no notice (a warning sign)
        ("resiliation", "Le retrait d’une partie se fait par lettre ; les biens achetés "
         "ensemble sont alors partagés.", {"desequilibre_risques"}),
        ("risques", "Les surcoûts d’un retard sont pris en charge en commun par les parties.",
         set()),
        ("duree", "La convention est conclue pour un an, renouvelable après un bilan commun.",
         set()),
        ("objectifs", "Les objectifs, co-construits par les parties lors de deux ateliers : "
         "quarante filles transportées chaque jour de classe, aucun abandon en 2025.", set()),
        ("objectifs", "Les objectifs, définis collectivement : quarante filles transportées "
         "chaque jour de classe, aucun abandon en 2025.", set()),
        ("modification", "Toute modification fait l’objet d’un écrit signé par chacune des "
         "parties.", set()),
        ("resiliation", "Chaque partie peut résilier la convention avec un préavis de trois "
         "mois ; un plan de sortie règle les activités en cours.", set()),
        ("finances", "Chaque partie tient une comptabilité séparée du projet et la présente "
         "au comité.", set()),
        # a word inside another one does not count: « nombreux » is not « nom »
        ("communication", "Les nombreux échanges entre partenaires se font en réunion ; aucun "
         "logo n’est utilisé sans accord préalable.", {"valorisation_savoir"}),
    ],
    ids=[
        "prevenir", "chaque_partenaire", "fiche_d_experience", "retrait", "en_commun", "un_an",
        "co_construits", "collectivement", "chacune_des_parties", "resilier",
        "comptabilite", "nombreux",
    ],
)  # fmt: skip
def test_the_usual_french_wording_of_a_clause_is_understood(content, cid, text, rules):
    draft = copy.deepcopy(COMPLETE)
    draft["clauses"][cid] = text
    assert failing(draft, content) == rules


def test_the_word_commune_does_not_share_anything(content):
    """« La commune » (the municipality) is not « en commun »: naming the commune in the
    objectives or the risks does not make them built or shared together."""
    draft = copy.deepcopy(COMPLETE)
    draft["clauses"]["objectifs"] = "La commune veut trente femmes formées au maraîchage."
    draft["clauses"]["risques"] = "La commune répond du terrain en cas de retard des travaux."
    assert {"co_elaboration", "droit_echec", "partage_risques"} <= failing(draft, content)


# ------------------------------------------------------------------ how a rule's words match


def mentions(text, *words):
    condition = AgreementCondition(hint=Text("—"), mentions=("duree",), words=words)
    return condition_holds(condition, {"parties": []}, {"duree": text})


@pytest.mark.parametrize(
    ("text", "word", "matches"),
    [
        ("Bilan à l’ÉCHÉANCE.", "échéance", True),
        ("bilan a l'echeance", "échéance", True),
        ("Bilan à l’Échéance", "ECHEANCE", True),
        ("Des comptes transparents.", "parent", False),
        ("Les parents d’élèves.", "parent", True),
        ("Une réunion trimestrielle.", "trimest", True),
        ("Deux fois par an.", "an", True),
        ("Une large campagne.", "an", False),
        ("Un plan  de\nsortie écrit.", "plan de sortie", False),
        ("Un Plan de Sortie écrit.", "plan de sortie", True),
        ("D'un commun accord.", "d’un commun accord", True),
        ("Des objectifs co-construits.", "co-constru", True),
        ("La reconstruction du local.", "constru", False),
    ],
)
def test_a_word_matches_the_start_of_a_word_whatever_its_case_and_accents(text, word, matches):
    assert mentions(text, word) is matches


# ------------------------------------------------------------------ the answer's type


def with_(**changes):
    draft = copy.deepcopy(COMPLETE)
    draft.update(changes)
    return draft


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (with_(parties=[party("  ", "x", temps="x")]), ["Partie n° 1", "le nom est vide"]),
        (with_(parties=[party("Tizi", "x"), party("TIZI", "y")]),
         ["Deux parties portent le même nom", "TIZI"]),
        (with_(clauses={"objet": "x" * (MAX_TEXT + 1)}),
         ["Objet de la convention", "5 001 caractères", "5 000 au plus"]),
        (with_(clauses={"preambule": "Texte."}), ["Clause inconnue", "preambule", "objet"]),
        (with_(scenario="mon_douar"), ["Scénario inconnu", "mon_douar", "couscous_bahja"]),
        (with_(gouvernance={"frequence": "", "decision": "tirage_au_sort"}),
         ["Mode de décision inconnu", "tirage_au_sort", "consensus"]),
        (with_(parties=["Association Assafou"]), ["Partie n° 1", "dictionnaire", "str"]),
        (with_(parties=[party(f"Partie {n}", "x") for n in range(MAX_PARTIES + 1)]),
         ["13 parties, c’est trop", "12 au plus"]),
        (with_(parties=[party("Assafou", "x", loisirs="x")]),
         ["Sorte d’apport", "loisirs", "competences"]),
        (with_(parties=[party("Assafou", 12)]), ["ce qu’elle gagne", "doit être un texte"]),
        (with_(preambule="x"), ["Partie de la convention inconnue", "preambule"]),
        (["pas", "un", "dictionnaire"], ["dictionnaire", "list"]),
    ],
    ids=[
        "nom_vide", "noms_en_double", "clause_trop_longue", "clause_inconnue",
        "scenario_inconnu", "decision_inconnue", "partie_texte", "treize_parties",
        "apport_inconnu", "gains_nombre", "cle_inconnue", "pas_un_dictionnaire",
    ],
)  # fmt: skip
def test_bad_input_gets_a_french_message_naming_what_is_wrong(content, answer, words):
    with pytest.raises((ValueError, IdentifiantInconnu)) as raised:
        normalise_answer(answer, content)
    message = plain(str(raised.value))
    for word in words:
        assert word in message


def test_a_clause_of_the_longest_length_is_kept(content):
    answer = normalise_answer(with_(clauses={"objet": "é" * MAX_TEXT}), content)
    assert answer["clauses"]["objet"] == "é" * MAX_TEXT


def test_html_and_word_breaking_text_passes_through_unchanged(content):
    odd = "<script>alert('x')</script> & « 🌱 » الشراكة\u200f\x0b"
    answer = with_(
        titre=odd[:60],
        parties=[party(odd, odd, argent=odd), party("Commune de Tizi", "Un jardin.", temps="x")],
        clauses={"objet": odd, "differends": odd},
    )
    normal = normalise_answer(answer, content)
    assert normal["titre"] == odd[:60]
    assert normal["parties"][0]["nom"] == odd.strip()
    assert normal["parties"][0]["apports"]["argent"] == odd
    assert normal["parties"][0]["gains"] == odd
    assert normal["clauses"]["objet"] == odd
    assert normal["clauses"]["differends"] == odd


def test_a_normalised_draft_is_complete_in_the_contents_order_and_stable(content):
    normal = normalise_answer({"parties": [{"nom": "Assafou"}]}, content)
    assert normal["scenario"] == "libre"
    assert list(normal["clauses"]) == [c.id for c in content.clauses]
    assert normal["parties"][0]["comite"] is True
    assert set(normal["parties"][0]["apports"]) == {"argent", "nature", "competences", "temps"}
    assert normalise_answer(normal, content) == normal


# ------------------------------------------------------------------ a trainer's content


def write(folder, name, text):
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


RULE = """\
    kind: agreement_rules
    items:
      - id: ma_regle
        {target}
        clauses: [{clause}]
        why: {{fr: "Pourquoi."}}
        requires:
          - {condition}
            hint: {{fr: "Écrivez la clause."}}
    """


@pytest.mark.parametrize(
    ("target", "clause", "condition", "field", "words"),
    [
        ("criterion: transparence", "preambule", "filled: objet", "clauses", "preambule"),
        ("criterion: transparence", "objet", "filled: preambule", "requires.0.filled", "preambule"),
        ("criterion: sincerite", "objet", "filled: objet", "criterion", "sincerite"),
        (
            "practice: transparence",
            "objet",
            "{filled: objet, frequency_set: true,\n"
            "             hint: {fr: x}}\n          - filled: objet",
            "requires.0",
            "un seul test parmi",
        ),
    ],
    ids=["clause_inconnue", "clause_de_condition_inconnue", "critere_inconnu", "deux_tests"],
)
def test_a_trainers_faulty_rule_is_refused_naming_file_item_and_field(
    tmp_path, target, clause, condition, field, words
):
    write(
        tmp_path, "mes_regles.yaml", RULE.format(target=target, clause=clause, condition=condition)
    )
    with pytest.raises(ContenuInvalide) as raised:
        load_content([tmp_path])
    message = plain(str(raised.value))
    assert "mes_regles.yaml" in message
    assert "« ma_regle »" in message
    assert f"champ « {field} »" in message
    assert words in message


DRAFT = """\
    kind: agreement_drafts
    items:
      - id: {scenario}
        title: {{fr: "Ma convention"}}
        parties:
          - name: {{fr: "Association Assafou"}}
          - name: {{fr: "{second}"}}
        frequency: {{fr: "Chaque mois"}}
        decision: consensus
        clauses:
          objet: {{fr: "Un jardin."}}
    """


@pytest.mark.parametrize(
    ("scenario", "second", "field", "words"),
    [
        ("mon_projet", "Commune de Tizi", "id", "scénario « mon_projet » inconnu"),
        ("couscous_bahja", "association ASSAFOU", "parties", "deux parties portent le même nom"),
    ],
    ids=["scenario_inconnu", "noms_en_double"],
)
def test_a_trainers_faulty_reference_draft_is_refused_naming_file_item_and_field(
    tmp_path, scenario, second, field, words
):
    write(tmp_path, "mes_conventions.yaml", DRAFT.format(scenario=scenario, second=second))
    with pytest.raises(ContenuInvalide) as raised:
        load_content([tmp_path])
    message = plain(str(raised.value))
    assert "mes_conventions.yaml" in message
    assert f"« {scenario} »" in message
    assert f"champ « {field} »" in message
    assert words in message


def test_a_trainers_clause_and_rule_are_loaded_and_used_by_the_review(tmp_path):
    write(
        tmp_path,
        "mes_clauses.yaml",
        """\
        kind: clauses
        items:
          - id: assurance
            label: {fr: "Assurances"}
            explanation: {fr: "Qui assure les personnes et les biens du projet."}
        """,
    )
    write(
        tmp_path,
        "mes_regles.yaml",
        RULE.format(
            target="criterion: droit_echec",
            clause="assurance",
            condition="mentions: [assurance]\n            words: [assur]",
        ),
    )
    content = load_content([tmp_path])
    assert "assurance" in {c.id for c in content.clauses}
    assert "ma_regle" in {r.id for r in content.agreement_rules}

    without = review(normalise_answer(COMPLETE, content), content)
    (check,) = [c for c in without.checks if c.kind == "criterion" and c.id == "droit_echec"]
    assert not check.secured
    assert check.hints == ("Écrivez la clause.",)
    assert "ma_regle" in check.rules and "assurance" in check.clauses

    insured = with_(clauses={**COMPLETE["clauses"], "assurance": "La commune assure le terrain."})
    result = review(normalise_answer(insured, content), content)
    assert all(c.secured for c in result.checks)
    assert "assurance" in result.filled
