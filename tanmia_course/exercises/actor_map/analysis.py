"""The actor map of exercise 01: quadrants, strategies, relation gaps, priority partners,
coverage of the guide's categories, and feedback from rules kept as data.

Pure functions over the learner's answer (a plain, JSON-ready dict) and the computed table
(a DataFrame with French column names); no widget and no plotting code here.

**Thresholds.** Influence and interest run from 0 to 5 (whole numbers). A value is *high*
from :data:`HIGH_FROM` (3) upward and *low* from 0 to 2: a value exactly on the threshold
counts as high. An actor at influence 3 and interest 3 is therefore a key player
(« Associer étroitement »), one at 2 and 3 is to keep informed. On the map the dividing lines
are drawn half-way (at 2.5) so that an actor on the threshold sits inside the high half.

**The answer** is checked once, by :mod:`.answer` (:func:`normalise_answer`); the
functions here take it normalised.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...content.actor_map import HIGH_FROM, Vocabulary
from ...content.actor_map import vocabulary as vocabulary
from ...content.model import MapRule, RuleCondition
from ...display.text import french_list, one_line, plural
from ...errors import IdentifiantInconnu, by_id
from ..feedback import Retour, as_ids, blank, is_blank

# The answer's type, also reachable here by the code that reads a map with its analysis.
from .answer import (  # noqa: F401
    _known,
    actor_name,
    blank_answer,
    name_problem,
    new_actor,
    normalise_answer,
)

SHORTLIST_SIZE = 3
PRIORITY_RULE = (
    "Les acteurs d’influence élevée (3 ou plus), ni réservés ni "
    "opposés (position neutre ou plus favorable), qui apportent au moins une ressource et avec "
    "qui la relation visée dépasse la relation actuelle. Ils sont classés par influence, puis "
    "intérêt, puis nombre de ressources, puis position (la plus favorable d’abord), puis ordre "
    f"de la carte ; les {SHORTLIST_SIZE} premiers sont retenus."
)

# --- Answers: checked whole, before anything changes ----------------------------------------


def slugify(name: str) -> str:
    """An ASCII id made from a name, for an actor the learner adds.

    >>> slugify("Commune d’Aït Sidi Brahim")
    'commune_d_ait_sidi_brahim'
    >>> slugify("2M Radio")
    'acteur_2m_radio'
    """
    text = unicodedata.normalize("NFKD", name.replace("œ", "oe").replace("æ", "ae"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    slug = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if not slug:
        return "acteur"
    return slug if slug[0].isalpha() else f"acteur_{slug}"


def reference_answer(map_id: str, vocab: Vocabulary) -> dict[str, Any]:
    """The answer of a reference map of the content (for example ``"tifawin"``)."""
    ref = by_id(vocab.maps.values(), map_id, "Carte de référence", feminin=True)
    actors = [  # the fields given (a local actor's label and category, a note), texts as str
        {
            key: str(value) if key in ("label", "note") else value
            for key, value in vars(a).items()
            if value is not None
        }
        for a in ref.actors
    ]
    links = [{"source": k.source, "target": k.target, "type": k.type} for k in ref.links]
    return normalise_answer({"actors": actors, "links": links}, vocab)


def actor_entry(answer: Mapping[str, Any], actor_id: str) -> dict[str, Any]:
    """The entry of actor ``actor_id`` in the answer (a French error when it is not there)."""
    for entry in answer["actors"]:
        if entry["id"] == actor_id:
            return entry
    raise IdentifiantInconnu("Acteur de la carte", actor_id, [a["id"] for a in answer["actors"]])


# Each change below builds new lists and checks them like a whole answer
# (:func:`normalise_answer` copies what it keeps): the answer it starts from never changes.


def update_actor(
    answer: Mapping[str, Any], actor_id: str, vocab: Vocabulary, **values: Any
) -> dict[str, Any]:
    """A new answer where one actor's values are changed (checked like a whole answer)."""
    changed = {**actor_entry(answer, actor_id), **values}
    actors = [changed if a["id"] == actor_id else a for a in answer["actors"]]
    return normalise_answer({**answer, "actors": actors}, vocab)


def add_actor(
    answer: Mapping[str, Any], name: str, category: str, vocab: Vocabulary
) -> tuple[dict[str, Any], str]:
    """Add a local actor named by the learner (« Commune de … »); returns the new answer
    and the new actor's id."""
    label = (name or "").strip()
    if not label:
        raise ValueError("Écrivez le nom de l’acteur à ajouter (par exemple « Commune de … »).")
    if problem := name_problem(label):
        raise ValueError(
            f"{problem[0].upper()}{problem[1:]} : raccourcissez-le pour qu’il tienne sur la "
            "carte. Rien n’a été ajouté."
        )
    if any(actor_name(a, vocab).casefold() == label.casefold() for a in answer["actors"]):
        raise ValueError(f"« {label} » est déjà sur la carte.")
    if not category:
        raise ValueError(
            f"Choisissez la catégorie du guide à laquelle « {label} » se rattache (par exemple "
            "« Les Collectivités Locales » pour une commune)."
        )
    _known(category, vocab.categories, f"Catégorie de l’acteur « {label} »")
    actor_id = slugify(label)
    if actor_id in vocab.actors:
        raise ValueError(
            f"« {label} » correspond à un acteur de la liste du cours "
            f"(« {vocab.actors[actor_id].label} ») : rétablissez-le plutôt que de l’ajouter."
        )
    taken = {a["id"] for a in answer["actors"]}
    base, n = actor_id, 2
    while actor_id in taken:
        actor_id, n = f"{base}_{n}", n + 1
    entry = {"id": actor_id, "label": label, "category": category, **new_actor(actor_id, vocab)}
    return normalise_answer({**answer, "actors": [*answer["actors"], entry]}, vocab), actor_id


def restore_actor(answer: Mapping[str, Any], actor_id: str, vocab: Vocabulary) -> dict[str, Any]:
    """Put back on the map an actor of the course's list that was removed."""
    if actor_id not in vocab.actors:
        raise IdentifiantInconnu("Acteur", actor_id, list(vocab.actors))
    if any(a["id"] == actor_id for a in answer["actors"]):
        raise ValueError(f"« {vocab.actors[actor_id].label} » est déjà sur la carte.")
    actors = [*answer["actors"], new_actor(actor_id, vocab)]
    return normalise_answer({**answer, "actors": actors}, vocab)


def remove_actor(
    answer: Mapping[str, Any], actor_id: str, vocab: Vocabulary
) -> tuple[dict[str, Any], int]:
    """Remove an actor and its links; returns the new answer and how many links went."""
    actor_entry(answer, actor_id)
    if len(answer["actors"]) == 1:
        raise ValueError("La carte doit garder au moins un acteur : ajoutez-en un avant.")
    actors = [a for a in answer["actors"] if a["id"] != actor_id]
    links = [k for k in answer["links"] if actor_id not in (k["source"], k["target"])]
    removed = len(answer["links"]) - len(links)
    return normalise_answer({"actors": actors, "links": links}, vocab), removed


def add_link(
    answer: Mapping[str, Any], source: str, target: str, kind: str, vocab: Vocabulary
) -> dict[str, Any]:
    """A new answer with one more link (who funds, informs, supervises, supports whom)."""
    links = [*answer["links"], {"source": source, "target": target, "type": kind}]
    return normalise_answer({**answer, "links": links}, vocab)


def remove_link(answer: Mapping[str, Any], position: int, vocab: Vocabulary) -> dict[str, Any]:
    """A new answer without the link at ``position`` (0 for the first)."""
    if not 0 <= position < len(answer["links"]):
        raise ValueError(f"Il n’y a pas de lien n° {position + 1} sur la carte.")
    links = [k for n, k in enumerate(answer["links"]) if n != position]
    return normalise_answer({**answer, "links": links}, vocab)


# --- The computed table ------------------------------------------------------------------


def answer_table(answer: Mapping[str, Any], vocab: Vocabulary) -> pd.DataFrame:
    """The map as a table, one row per actor (index: the actor's id), with its strategy and
    the gap between target and current relation (``ecart``, in levels; negative when the
    target relation is lighter). ``answer`` must be normalised (:func:`normalise_answer`)."""
    rows = []
    for a in answer["actors"]:
        custom = "label" in a
        rows.append(
            {
                "id": a["id"],
                "nom": actor_name(a, vocab),
                "categorie": a["category"] if custom else vocab.actors[a["id"]].category,
                "influence": a["influence"],
                "interet": a["interest"],
                "position": a["stance"],
                "soutien": vocab.stances[a["stance"]].value,
                "ressources": ", ".join(a["resources"]),
                "nb_ressources": len(a["resources"]),
                "relation_actuelle": a["current"],
                "relation_visee": a["target"],
                "ecart": vocab.levels[a["target"]].rank - vocab.levels[a["current"]].rank,
                "strategie": vocab.strategy_for(a["influence"], a["interest"]),
                "ajoute": custom,
                "note": a.get("note", ""),
            }
        )
    # A normalised answer has at least one actor: the columns are the keys of its row, in
    # their order, and their types those of its values.
    return pd.DataFrame(rows).set_index("id")


def _actors_per(table: pd.DataFrame, column: str, items: Iterable[Any]) -> pd.DataFrame:
    """One row per item of the vocabulary (index: its id): its name (``nom``), then how many
    actors have its id in ``column`` (``nb_acteurs``) and which (``acteurs``)."""
    items = list(items)
    names = [list(table.loc[table[column] == item.id, "nom"]) for item in items]
    return pd.DataFrame(
        {
            "nom": [str(item.label) for item in items],
            "nb_acteurs": [len(n) for n in names],
            "acteurs": [", ".join(n) for n in names],
        },
        index=pd.Index([item.id for item in items], name="id"),
    )


def strategy_summary(table: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """One row per strategy (quadrant): its name, how many actors and which, what to do."""
    frame = _actors_per(table, "strategie", vocab.strategies.values())
    frame["conseil"] = [str(s.explanation) for s in vocab.strategies.values()]
    return frame


def priority_partners(table: pd.DataFrame, size: int = SHORTLIST_SIZE) -> pd.DataFrame:
    """The shortlist of priority partners, by the rule in :data:`PRIORITY_RULE`."""
    eligible = table[
        (table["influence"] >= HIGH_FROM)
        & (table["soutien"] >= 0)
        & (table["nb_ressources"] >= 1)
        & (table["ecart"] >= 1)
    ]
    ranked = eligible.sort_values(
        ["influence", "interet", "nb_ressources", "soutien"], ascending=False, kind="mergesort"
    ).head(size)
    # The table's columns a partner is chosen on and what to do with it, in its order.
    shortlist = ranked.drop(
        columns=["categorie", "soutien", "nb_ressources", "strategie", "ajoute", "note"]
    )
    shortlist.insert(0, "rang", range(1, len(shortlist) + 1))
    return shortlist


def coverage(table: pd.DataFrame, vocab: Vocabulary) -> pd.DataFrame:
    """For each category of the guide: is it on the map, and through which actors."""
    frame = _actors_per(table, "categorie", vocab.categories.values())
    frame.insert(1, "presente", frame.pop("nb_acteurs") > 0)
    return frame


# --- Feedback from rules kept as data -------------------------------------------------------


@dataclass(frozen=True)
class RetourCarte:
    """One message of the map's feedback: the rule that gave it, its tone (``warning``,
    ``advice`` or ``praise``), the French message, and the actors it is about."""

    rule: str
    tone: str
    message: str
    actors: tuple[str, ...] = ()


# The columns of the table a rule's field reads: as a number (its minimum and maximum), as
# ids (its list of ids). The relation levels are compared by rank.
_NUMBERS = {
    "influence": "influence",
    "interest": "interet",
    "gap": "ecart",
    "stance": "soutien",
    "resources": "nb_ressources",
    "current": "relation_actuelle",
    "target": "relation_visee",
}
_IDS = {
    "category": "categorie",
    "strategy": "strategie",
    "stance": "position",
    "current": "relation_actuelle",
    "target": "relation_visee",
}


def _ids(table: pd.DataFrame, field: str) -> np.ndarray:
    """The ids a field has for each actor (for ``resources``: a set of ids)."""
    if field == "actor":
        return table.index.to_numpy()
    if field == "resources":
        return np.array([set(r.split(", ")) for r in table["ressources"]], dtype=object)
    return table[_IDS[field]].to_numpy()


def _meets(table: pd.DataFrame, field: str, cond: RuleCondition, vocab: Vocabulary) -> np.ndarray:
    """Which actors meet one condition of a rule's ``where``."""
    mask = np.ones(len(table), dtype=bool)
    if cond.minimum is not None or cond.maximum is not None:
        numbers = table[_NUMBERS[field]].to_numpy()
        if field in ("current", "target"):
            numbers = np.array([vocab.levels[level].rank for level in numbers], dtype=int)
        if cond.minimum is not None:
            mask &= numbers >= cond.minimum
        if cond.maximum is not None:
            mask &= numbers <= cond.maximum
    if cond.ids is not None:
        ids, wanted = _ids(table, field), set(cond.ids)
        if field == "resources":
            mask &= np.array([not wanted.isdisjoint(have) for have in ids], dtype=bool)
        else:
            mask &= np.isin(ids, list(wanted))
    return mask


def _applies(rule: MapRule, table: pd.DataFrame, vocab: Vocabulary) -> np.ndarray | None:
    """Which actors a rule is about, when it applies to the map; else ``None``."""
    mask = np.ones(len(table), dtype=bool)
    for field, cond in rule.where:
        mask &= _meets(table, field, cond, vocab)
    n = int(mask.sum())
    refused = (
        (rule.count_min is not None and n < rule.count_min)
        or (rule.count_max is not None and n > rule.count_max)
        or (rule.every and (n == 0 or n != len(mask)))
        or (rule.all_same and (n == 0 or len(set(_ids(table, rule.all_same)[mask])) != 1))
    )
    return None if refused else mask


def evaluate_rules(table: pd.DataFrame, vocab: Vocabulary) -> tuple[RetourCarte, ...]:
    """The feedback of every rule that applies, in the rules' order; a rule marked
    ``stop`` that applies ends the list."""
    labels = {
        "strategy": vocab.strategies,
        "category": vocab.categories,
        "stance": vocab.stances,
        "current": vocab.levels,
        "target": vocab.levels,
    }
    out = []
    for rule in vocab.rules:
        mask = _applies(rule, table, vocab)
        if mask is None:
            continue
        value = ""
        if rule.all_same:
            value = _ids(table, rule.all_same)[mask][0]
            known = labels.get(rule.all_same, {})
            value = str(known[value].label) if value in known else str(value)
        message = str(rule.message).format_map(
            {
                "acteurs": french_list(table["nom"].to_numpy()[mask]),
                "n": int(mask.sum()),
                "valeur": value,
            }
        )
        actors = tuple(table.index[mask])
        message = one_line(message)
        out.append(RetourCarte(rule.id, rule.tone, message, actors))
        if rule.stop:
            break
    return tuple(out)


# --- The whole analysis -------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything computed from one answer."""

    answer: dict[str, Any]
    table: pd.DataFrame
    strategies: pd.DataFrame
    shortlist: pd.DataFrame
    coverage: pd.DataFrame
    feedback: tuple[RetourCarte, ...]


def analyse(answer: Any, vocab: Vocabulary) -> Analysis:
    """Check ``answer`` and compute its table, strategies, shortlist, coverage, feedback."""
    clean = normalise_answer(answer, vocab)
    table = answer_table(clean, vocab)
    return Analysis(
        clean,
        table,
        strategy_summary(table, vocab),
        priority_partners(table),
        coverage(table, vocab),
        evaluate_rules(table, vocab),
    )


# --- Checks of the exercise questions -------------------------------------------------------


def check_map(analysis: Analysis) -> Retour:
    """Is the map finished? Every actor placed, and no « À revoir » feedback left."""
    table = analysis.table
    unplaced = table[(table["influence"] == 0) & (table["interet"] == 0)]
    if len(unplaced) == len(table):
        return Retour(
            "carte",
            "a_completer",
            "placez les acteurs sur la carte : pour chacun, réglez au moins son influence et "
            "son intérêt (ou retirez-le s’il ne concerne pas le projet).",
        )
    if len(unplaced):
        return Retour(
            "carte",
            "incorrect",
            f"{plural(len(unplaced), 'acteur', 'acteurs')} encore au point de départ (0, 0) : "
            f"{french_list(unplaced['nom'])}. Placez-les ou retirez-les.",
        )
    if warnings := [f for f in analysis.feedback if f.tone == "warning"]:
        return Retour(
            "carte",
            "incorrect",
            f"votre carte a encore {plural(len(warnings), 'retour', 'retours')} « À revoir » ; "
            "le premier : "
            f"{warnings[0].message}",
        )
    counts = analysis.strategies[analysis.strategies["nb_acteurs"] > 0]
    spread = " ; ".join(f"{row.nom} : {row.nb_acteurs}" for row in counts.itertuples())
    return Retour(
        "carte",
        "correct",
        f"vos {len(table)} acteurs sont placés ({spread}). Lisez maintenant les pistes et "
        "les partenaires prioritaires.",
    )


def _question(question: str):
    """A check of the map's exercise question ``question``: the decorated function gets the
    analysis, the vocabulary and a non-blank answer, and returns (correct?, message)."""

    def register(func):
        @functools.wraps(func)
        def run(analysis: Analysis, vocab: Vocabulary, answer: Any) -> Retour:
            if is_blank(answer):
                return blank(question)
            ok, message = func(analysis, vocab, answer)
            return Retour(question, "correct" if ok else "incorrect", message)

        return run

    return register


@_question("strategie_population")
def check_population_strategy(analysis: Analysis, vocab: Vocabulary, answer: Any):
    """Question « strategie_population »: the strategy the map gives to the population."""
    table = analysis.table
    if "population" not in table.index:
        return False, (
            "« La Population » n’est plus sur votre carte : rétablissez-la d’abord (liste "
            "« Rétablir » sous la carte)."
        )
    row = table.loc["population"]
    expected = vocab.strategies[row["strategie"]]
    by_label = {str(s.label).casefold(): s.id for s in vocab.strategies.values()}
    given = by_label.get(str(answer).casefold(), answer)
    if given == expected.id:
        return True, (
            f"avec une influence de {row['influence']} et un intérêt de {row['interet']}, votre "
            f"carte range la population dans « {expected.label} » : {expected.explanation}"
        )
    if given in vocab.strategies:
        return False, (
            f"relisez la ligne « population » du tableau : influence {row['influence']}, "
            f"intérêt {row['interet']}. Une valeur est élevée à partir de {HIGH_FROM} ; la "
            "colonne « strategie » donne la réponse."
        )
    return False, (
        f"« {answer} » n’est pas une stratégie ; identifiants possibles : "
        f"{', '.join(vocab.strategies)}."
    )


def compare_ids(
    answer: Any,
    expected: list[str],
    known: Container[str],
    example: str,
    unknown: str,
    right: str,
    missing: Callable[[int], str],
    extra: Callable[[str], str],
) -> tuple[bool, str]:
    """An answer given as ids, against the ``expected`` ids: (right?, what to say, in French).
    ``right`` is said of the expected ids; else ``missing`` (given how many are missing) and
    ``extra`` (given the first id in excess) say what is wrong. An answer that is not ids
    (``example``: how to get a list of them), or an id not ``known`` (``unknown``: what to
    say of it) is told so."""
    ids = as_ids(answer)
    if ids is None:
        return False, f"attendu : une liste d’identifiants, par exemple {example}."
    if strangers := [i for i in ids if i not in known]:
        return False, f"« {strangers[0]} » {unknown}."
    absent = [i for i in expected if i not in ids]
    excess = [i for i in ids if i not in expected]
    if not absent and not excess:
        return True, right
    parts = [missing(len(absent))] if absent else []
    if excess:
        parts.append(extra(excess[0]))
    return False, " ; ".join(parts) + "."


@_question("a_renforcer")
def check_to_strengthen(analysis: Analysis, vocab: Vocabulary, answer: Any):
    """Question « a_renforcer »: the key players (« Associer étroitement ») with whom the
    target relation is above the current one."""
    table = analysis.table
    key = vocab.key_strategy
    expected = list(table[(table["strategie"] == key) & (table["ecart"] > 0)].index)
    return compare_ids(
        answer,
        expected,
        table.index,
        "list(t.index)",
        "n’est pas sur votre carte : prenez les identifiants dans l’index de carte.tableau()",
        right=(
            f"{plural(len(expected), 'acteur clé', 'acteurs clés')} avec qui la relation doit "
            "progresser : "
            f"{french_list(table.loc[expected, 'nom'])}. Ce sont eux qui demandent le plus de "
            "temps dans les prochains mois."
            if expected
            else "aucun acteur clé de votre carte n’attend une relation plus forte."
        ),
        missing=lambda n: f'il en manque {n} (filtrez sur strategie == "{key}" et ecart > 0)',
        extra=lambda actor: (
            f"« {table.at[actor, 'nom']} » ne convient pas (stratégie "
            f"« {table.at[actor, 'strategie']} », écart {table.at[actor, 'ecart']})"
        ),
    )
