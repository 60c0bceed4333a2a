"""Checks of the content that a JSON Schema cannot make, with French messages.

They run once every file is read (and in ``tanmia-course valider``), across files: a benefit's
theme, an actor's category, the answers of a quiz; a case study's ids, quotes, reference
levels and expected verdict; a class's rankings and the scale of agreement levels; the actor
map's strategies, relation levels, rules and reference maps; an agenda's times, activities
and durations; one set of a workshop's forms. Each problem names the file, the item and the
field, and one problem is enough for nothing to be loaded. What a schema
says (a level from 0 to 3, a known verdict or measure, two rankings in a class) is not
checked again here: a trainer's files meet their schema first, the package's in the tests.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..display.text import clip, plural
from ..errors import IdentifiantInconnu, Probleme
from .actor_map import PLACEHOLDERS, Vocabulary, vocabulary
from .model import AGREEMENT_TESTS, ActorMap, CaseStudy, Content, MapRule, clock_minutes
from .ranking import order_problem
from .territory import map_problems, mention_problem
from .verdict import decide


def cross_check(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    """Every problem across items and files, once each file has been read on its own."""
    problems = []
    themes, actors = merged["themes"], merged["actors"]
    for benefit in merged["benefits"].values():
        if benefit.theme not in themes:
            message = f"thème « {benefit.theme} » inconnu ; thèmes possibles : {', '.join(themes)}"
            problems.append(Probleme(where[("benefits", benefit.id)], message, benefit.id, "theme"))
    for actor in actors.values():
        if actor.category not in actors:
            message = (
                f"catégorie « {actor.category} » inconnue : indiquez l’identifiant d’un "
                f"acteur du guide ({', '.join(actors)})"
            )
            problems.append(Probleme(where[("actors", actor.id)], message, actor.id, "category"))
    for quiz in merged["quizzes"].values():
        label = where[("quizzes", quiz.id)]
        for question in quiz.questions:
            n_correct = sum(option.correct for option in question.options)
            ids = [option.id for option in question.options]
            messages = []
            if len(set(ids)) != len(ids):
                messages.append("deux options ont le même identifiant")
            if question.type == "single" and n_correct != 1:
                messages.append(
                    "une question à choix unique doit avoir exactement une bonne réponse "
                    f"(ici {n_correct})"
                )
            if question.type == "multiple" and n_correct < 1:
                messages.append(
                    "une question à choix multiple doit avoir au moins une bonne réponse"
                )
            problems += [Probleme(label, m, question.id, "options") for m in messages]
    problems += case_study_problems(merged, where)
    problems += ranking_problems(merged, where)
    problems += territory_problems(merged, where)
    problems += agenda_problems(merged, where)
    problems += forms_problems(merged, where)
    problems += agreement_problems(merged, where)
    return problems + actor_map_problems(merged, where)


# --- Case studies ------------------------------------------------------------------------


_FOLD = str.maketrans(
    {
        **dict.fromkeys("’‘ʼ`", "'"),
        **dict.fromkeys("« »“”", '"'),
        **dict.fromkeys("–—‑", "-"),
        "…": "...",
    }
)


def _fold(text: str) -> str:
    """Text with typographic variants merged and all spaces removed (for hints only)."""
    return "".join(text.translate(_FOLD).lower().split())


def quote_problem(case: CaseStudy, quote: str) -> str | None:
    """Why ``quote`` is not a passage of the case's narrative, or None if it is one."""
    if case.locate(quote):
        return None
    folded, short = _fold(quote), clip(quote, 70)  # the quote, cut for the message
    for number, paragraph in enumerate(case.paragraphs, start=1):
        if folded and folded in _fold(paragraph.text.fr):
            return (
                f"la citation « {short} » n’est pas recopiée exactement : elle ressemble "
                f"à un passage du § {number} (paragraphe « {paragraph.id} »), mais les "
                "apostrophes (’ ou '), les guillemets, les tirets ou les majuscules diffèrent ; "
                "copiez-collez le passage depuis le récit"
            )
    if folded and folded in "".join(_fold(p.text.fr) for p in case.paragraphs):
        return (
            f"la citation « {short} » chevauche deux paragraphes : citez un passage "
            "pris dans un seul paragraphe"
        )
    return (
        f"la citation « {short} » ne se trouve dans aucun paragraphe du récit ; "
        "recopiez un passage tel quel (les retours à la ligne et les espaces répétés comptent "
        "pour un seul espace)"
    )


def _known(kind: str, wanted: str, known: dict[str, Any]) -> str:
    return f"{kind} « {wanted} » inconnu ; identifiants possibles : {', '.join(known)}"


def case_study_problems(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    """Every cross-check problem of the case studies in ``merged`` (see the module doc)."""
    criteria, signs, actors = merged["criteria"], merged["warning_signs"], merged["actors"]
    # The guide's criteria (and the course's) must be rated; a criterion a trainer adds is
    # optional, so that adding one does not break every case already written.
    required = [c for c in criteria.values() if c.source != "trainer"]
    problems: list[Probleme] = []
    for case in merged["case_studies"].values():
        found: list[tuple[str, str]] = []  # (French message, field)
        seen: set[str] = set()
        for number, paragraph in enumerate(case.paragraphs, start=1):
            if paragraph.id in seen:
                message = (
                    f"le § {number} reprend l’identifiant « {paragraph.id} » d’un paragraphe "
                    "précédent ; chaque paragraphe doit avoir le sien"
                )
                found.append((message, "paragraphs"))
            seen.add(paragraph.id)
        for number, actor in enumerate(case.actors, start=1):
            if actor.category is not None and actor.category not in actors:
                field = f"actors (acteur n° {number}, « {actor.name} »).category"
                found.append((_known("acteur du guide", actor.category, actors), field))

        for rating in case.reference.criteria:
            field = f"reference.criteria.{rating.criterion}"
            if rating.criterion not in criteria:
                found.append((_known("critère", rating.criterion, criteria), field))
            if rating.quote is not None and (why := quote_problem(case, rating.quote)):
                found.append((why, f"{field}.quote"))
        missing = [c for c in required if case.reference.rating(c.id) is None]
        if missing:
            names = ", ".join(f"{c.id} ({c.short})" for c in missing)
            message = (
                "niveau de référence manquant pour "
                f"{plural(len(missing), 'critère', 'critères')} : {names} ; "
                "chaque critère du guide doit avoir un bloc avec « level » et « rationale »"
            )
            found.append((message, "reference.criteria"))
        for kind, items, known, noun in (
            ("practices", case.reference.practices, merged["practices"], "bonne pratique"),
            ("warning_signs", case.reference.warning_signs, signs, "signe d’alerte"),
        ):
            for evidence in items:
                field = f"reference.{kind}.{evidence.id}"
                if evidence.id not in known:
                    found.append((_known(noun, evidence.id, known), field))
                if why := quote_problem(case, evidence.quote):
                    found.append((why, f"{field}.quote"))

        expected = case.reference.verdict
        if expected is not None and not found:
            computed = decide(
                {r.criterion: r.level for r in case.reference.criteria},
                {s.id: s.quote for s in case.reference.warning_signs},
                {s.id: str(s.label) for s in signs.values()},
            )
            if computed.id != expected:
                message = (
                    f"le verdict attendu « {expected} » n’est pas celui que donnent les règles "
                    f"à cet audit de référence : « {computed.id} » ({computed.explication}) "
                    "Corrigez le verdict attendu, ou les niveaux et les signes d’alerte "
                    "(règles : docs/etudes_de_cas.md)"
                )
                found.append((message, "reference.verdict"))
        label = where[("case_studies", case.id)]
        problems += [Probleme(label, message, case.id, field) for message, field in found]
    return problems


# --- Rankings of a class and agreement levels --------------------------------------------

# Each measure's name and scale: a level must start at its bottom so that every value has a
# reading.
SCALES = {"w": ("W de Kendall", 0.0, 1.0), "tau_b": ("τ-b de Kendall", -1.0, 1.0)}


def ranking_problems(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    problems: list[Probleme] = []

    def add(kind: str, item_id: str, message: str, field: str) -> None:
        problems.append(Probleme(where[(kind, item_id)], message, item_id, field))

    benefits = list(merged.get("benefits", {}))
    for group in merged.get("ranking_groups", {}).values():
        for ranking_id, count in Counter(r.id for r in group.rankings).items():
            if count > 1:
                message = f"le participant « {ranking_id} » a {count} classements dans ce groupe"
                add("ranking_groups", group.id, message, "rankings")
        for n, ranking in enumerate(group.rankings):
            if problem := order_problem(list(ranking.order), ranking.mode, benefits):
                message = f"classement de « {ranking.id} » : {problem}"
                add("ranking_groups", group.id, message, f"rankings.{n}.order")
    levels = list(merged.get("agreement_levels", {}).values())
    for level in levels:
        name, bottom, top = SCALES[level.measure]
        if not bottom <= level.minimum <= top:
            message = f"le seuil {level.minimum} sort de l’échelle du {name} ({bottom} à {top})"
            add("agreement_levels", level.id, message, "min")
    for measure, (name, bottom, _) in SCALES.items():
        mine = [lv for lv in levels if lv.measure == measure]
        if not mine:
            continue
        for value, count in Counter(lv.minimum for lv in mine).items():
            if count > 1:
                twins = [lv.id for lv in mine if lv.minimum == value]
                message = (
                    f"deux niveaux du {name} commencent au même seuil {value} ({', '.join(twins)})"
                )
                add("agreement_levels", twins[-1], message, "min")
        lowest = min(mine, key=lambda lv: lv.minimum)
        if lowest.minimum > bottom:
            message = (
                f"aucun niveau du {name} ne commence à {bottom} : les valeurs sous "
                f"{lowest.minimum} n’auraient pas de lecture"
            )
            add("agreement_levels", lowest.id, message, "min")
    return problems


# --- Actor map ---------------------------------------------------------------------------


def rule_problems(rule: MapRule, vocab: Vocabulary) -> list[tuple[str, str]]:
    """What is wrong in a rule, as (field, French message) pairs: unknown ids, bounds in the
    wrong order, unknown placeholders in the message."""
    problems = []
    known = {
        "category": vocab.categories,
        "strategy": vocab.strategies,
        "stance": vocab.stances,
        "current": vocab.levels,
        "target": vocab.levels,
        "resources": vocab.resources,
    }
    for field, cond in rule.where:
        ids = known.get(field)
        for value in [v for v in cond.ids or () if ids is not None and v not in ids]:
            message = f"« {value} » inconnu ; identifiants possibles : {', '.join(ids)}"
            problems.append((f"where.{field}.in", message))
        if cond.minimum is not None and cond.maximum is not None and cond.minimum > cond.maximum:
            problems.append((f"where.{field}", "min est plus grand que max : rien ne peut passer"))
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(rule.message.fr) if f is not None}
    except ValueError:
        problems.append(("message", "accolades { } mal appariées"))
    else:
        if unknown := sorted(fields - PLACEHOLDERS):
            possible = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
            message = f"« {{{unknown[0]}}} » inconnu ; repères possibles : {possible}"
            problems.append(("message", message))
    return problems


def vocabulary_problems(vocab: Vocabulary) -> list[tuple[str, str, str]]:
    """Checks across the actor-map vocabularies, as (kind, item id, French message)."""
    problems = []
    words = {"high": "élevé", "low": "faible"}

    def quadrant(key: tuple[str, str]) -> str:
        return f"quadrant influence {words[key[0]]}e / intérêt {words[key[1]]}"

    seen: dict[tuple[str, str], str] = {}
    for s in vocab.strategies.values():
        key = (s.influence, s.interest)
        if key in seen:
            message = (
                f"le {quadrant(key)} a déjà une stratégie (« {seen[key]} ») : une seule par "
                "quadrant"
            )
            problems.append(("engagement_strategies", s.id, message))
        seen[key] = s.id
    for key in [(i, j) for i in ("high", "low") for j in ("high", "low")]:
        if vocab.strategies and key not in seen:
            message = f"aucune stratégie pour le {quadrant(key)} : il en faut une par quadrant"
            problems.append(("engagement_strategies", "", message))
    ranks: dict[int, str] = {}
    for level in vocab.levels.values():
        if level.rank in ranks:
            message = (
                f"le rang {level.rank} est déjà pris par « {ranks[level.rank]} » : les rangs "
                "doivent être tous différents"
            )
            problems.append(("relation_levels", level.id, message))
        ranks[level.rank] = level.id
    return problems


def reference_map_problems(ref: ActorMap, vocab: Vocabulary) -> list[tuple[str, str]]:
    """What keeps a reference map from being an answer a learner could give, as (field,
    French message) pairs: ids of actors, stances, resources, relation levels and link types
    that the content does not have, an actor twice, a link twice or from an actor to itself."""
    problems: list[tuple[str, str]] = []

    def known(field: str, value: str, items: Mapping[str, Any], what: str, fem: bool) -> None:
        if value not in items:
            problems.append((field, str(IdentifiantInconnu(what, value, list(items), fem))))

    names: dict[str, str] = {}
    for n, actor in enumerate(ref.actors):
        guide = vocab.actors.get(actor.id)
        who = str(actor.label or (guide.label if guide else actor.id))
        if actor.id in names:
            message = f"l’acteur « {actor.id} » apparaît deux fois sur la carte"
            problems.append((f"actors.{n}.id", message))
        names[actor.id] = who
        if actor.label is None and actor.category is None:
            known(f"actors.{n}.id", actor.id, vocab.actors, "Acteur", False)
        elif actor.label is None or actor.category is None:
            message = "un acteur ajouté a un nom (« label ») et une catégorie (« category »)"
            problems.append((f"actors.{n}", message))
        checks = [
            ("category", actor.category, vocab.categories, f"Catégorie de l’acteur « {who} »"),
            ("stance", actor.stance, vocab.stances, f"Position de l’acteur « {who} »"),
            *(
                ("resources", r, vocab.resources, f"Ressource de l’acteur « {who} »")
                for r in actor.resources
            ),
            ("current", actor.current, vocab.levels, f"Relation actuelle avec « {who} »"),
            ("target", actor.target, vocab.levels, f"Relation visée avec « {who} »"),
        ]
        for key, value, items, what in checks:
            if value is not None:
                known(f"actors.{n}.{key}", value, items, what, True)
    seen: set[tuple[str, str, str]] = set()
    for n, link in enumerate(ref.links):
        at, number = f"links.{n}", n + 1
        known(f"{at}.source", link.source, names, f"Acteur de départ du lien n° {number}", False)
        known(f"{at}.target", link.target, names, f"Acteur d’arrivée du lien n° {number}", False)
        known(f"{at}.type", link.type, vocab.link_types, f"Type du lien n° {number}", False)
        if link.source == link.target:
            problems.append((at, "un lien relie deux acteurs différents"))
        if (link.source, link.target, link.type) in seen:
            problems.append((at, "ce lien est déjà sur la carte"))
        seen.add((link.source, link.target, link.type))
    return problems


def actor_map_problems(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    """The actor map's checks: one strategy per quadrant, distinct relation ranks, rules that
    name known ids, reference maps that are valid answers."""
    vocab = vocabulary(Content(**{k: tuple(v.values()) for k, v in merged.items()}))
    problems = []
    for kind, item_id, message in vocabulary_problems(vocab):
        # a missing strategy has no item id: it is put on the first file of strategies
        label = where.get((kind, item_id)) or next(f for (k, _), f in where.items() if k == kind)
        problems.append(Probleme(label, message, item_id or None))
    for rule in vocab.rules:
        for field, message in rule_problems(rule, vocab):
            problems.append(Probleme(where[("actor_map_rules", rule.id)], message, rule.id, field))
    for ref in vocab.maps.values():
        for field, message in reference_map_problems(ref, vocab):
            problems.append(Probleme(where[("actor_maps", ref.id)], message, ref.id, field))
    return problems


# --- The partnership agreement (exercise 04) ---------------------------------------------

_TARGETS = {
    "criterion": ("criteria", "critère"),
    "practice": ("practices", "bonne pratique"),
    "warning_sign": ("warning_signs", "signe d’alerte"),
}


def agreement_problems(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    """The agreement's checks: one clause per structured part; rules that name known
    clauses, criteria, practices and warning signs, and one test per condition; every item
    of the guide checked by a rule; reference drafts for a known scenario, with known
    clauses and distinct parties."""
    clauses, problems = merged["clauses"], []
    for structure in ("parties", "contributions", "governance"):
        holders = [c.id for c in clauses.values() if c.structure == structure]
        if len(holders) > 1:
            message = (
                f"deux clauses ont la structure « {structure} » ({', '.join(holders)}) ; "
                "gardez-la à une seule"
            )
            problems.append(Probleme(where[("clauses", holders[1])], message, holders[1]))
    checked: set[tuple[str, str]] = set()
    for rule in merged["agreement_rules"].values():
        label = where[("agreement_rules", rule.id)]
        kind, target = rule.target
        field, noun = _TARGETS[kind]
        checked.add((field, target))
        if target not in merged[field]:
            problems.append(
                Probleme(label, _known(noun.capitalize(), target, merged[field]), rule.id, kind)
            )
        named = [("clauses", c) for c in rule.clauses]
        for n, condition in enumerate(rule.requires):
            tests = [t for t in AGREEMENT_TESTS if getattr(condition, t) is not None]
            if len(tests) != 1:
                message = (
                    "une condition a un seul test parmi "
                    f"{', '.join(AGREEMENT_TESTS)} (ici {len(tests)})"
                )
                problems.append(Probleme(label, message, rule.id, f"requires.{n}"))
            if condition.filled is not None:
                named.append((f"requires.{n}.filled", condition.filled))
            named += [(f"requires.{n}.mentions", c) for c in condition.mentions or ()]
        for at, clause in named:
            if clause not in clauses:
                problems.append(Probleme(label, _known("Clause", clause, clauses), rule.id, at))
            elif at != "clauses" and clause not in rule.clauses:
                message = (
                    f"la condition lit la clause « {clause} », absente de « clauses » : "
                    "ajoutez-la à la liste (la leçon 04 et la vue de classe la montrent)"
                )
                problems.append(Probleme(label, message, rule.id, "clauses"))
    if merged["agreement_rules"]:
        for field, noun in _TARGETS.values():
            for item in merged[field].values():
                if item.source == "guide" and (field, item.id) not in checked:
                    message = (
                        f"{noun} du guide sans règle de la convention : l’exercice 04 montre "
                        "chacun ; ajoutez une règle qui le vérifie"
                    )
                    problems.append(Probleme(where[(field, item.id)], message, item.id))
    scenarios = {**merged["case_studies"], **merged["actor_maps"]}
    for draft in merged["agreement_drafts"].values():
        label = where[("agreement_drafts", draft.id)]
        if draft.id not in scenarios:
            message = (
                f"scénario « {draft.id} » inconnu : l’identifiant d’une convention de "
                "référence est celui d’une étude de cas ou d’une carte des acteurs "
                f"({', '.join(scenarios)})"
            )
            problems.append(Probleme(label, message, draft.id, "id"))
        for clause, _ in draft.clauses:
            if clause not in clauses:
                problems.append(
                    Probleme(label, _known("Clause", clause, clauses), draft.id, "clauses")
                )
        names = Counter(str(p.name).strip().casefold() for p in draft.parties)
        for name, count in names.items():
            if count > 1:
                message = f"deux parties portent le même nom (« {name} »)"
                problems.append(Probleme(label, message, draft.id, "parties"))
    return problems


# --- Territories ---------------------------------------------------------------------------


def territory_problems(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    """A territory's checks: facts with distinct ids, mentions that are regular expressions
    with a group ``value``, figures that agree with the reference actor maps they name."""
    problems = []
    for territory in merged.get("territories", {}).values():
        label = where[("territories", territory.id)]
        ids = Counter(fact.id for fact in territory.facts)
        for fact_id in sorted(i for i, n in ids.items() if n > 1):
            problems.append(Probleme(label, "deux faits ont cet identifiant", fact_id, "facts"))
        for fact in territory.facts:
            for mention in fact.mentions:
                message = mention_problem(mention)
                if message:
                    problems.append(Probleme(label, message, fact.id, "mentions"))
        for fact_id, message in map_problems(territory, merged.get("actor_maps", {})):
            problems.append(Probleme(label, message, fact_id, "map"))
    return problems


# --- Agendas -------------------------------------------------------------------------------


def forms_problems(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    """One set of forms for the trainer's pack: a trainer's file replaces the course's by
    taking its id; a second set, under another id, would be left out unsaid."""
    forms = list(merged.get("forms", {}).values())
    message = (
        "un seul jeu de fiches d’atelier est imprimé : reprenez l’identifiant « {} » pour "
        "remplacer celles du cours"
    )
    return [
        Probleme(where[("forms", f.id)], message.format(forms[0].id), f.id, "id") for f in forms[1:]
    ]


def agenda_problems(
    merged: dict[str, dict[str, Any]], where: dict[tuple[str, str], str]
) -> list[Probleme]:
    """Each session of an agenda runs from a valid time to a later one and its blocks fill it
    exactly; each block names a known activity, or has a label."""
    activities = merged["activities"]
    problems = []
    for agenda in merged["agendas"].values():
        found: list[tuple[str, str]] = []  # (French message, field)
        for n, session in enumerate(agenda.sessions):
            at = f"sessions.{n}"
            times = {}
            for key in ("start", "end"):
                times[key] = clock_minutes(getattr(session, key))
                if times[key] is None:
                    message = (
                        f"heure « {getattr(session, key)} » : écrivez-la HH:MM "
                        "sur 24 heures, par exemple 09:00 ou 13:30"
                    )
                    found.append((message, f"{at}.{key}"))
            for b, block in enumerate(session.blocks):
                field = f"{at}.blocks.{b}"
                if block.activity is None and block.label is None:
                    message = (
                        "un bloc nomme une activité (« activity: ») ou porte un libellé "
                        "(« label: », pour une pause ou le déjeuner)"
                    )
                    found.append((message, field))
                elif block.activity is not None and block.activity not in activities:
                    message = (
                        f"activité « {block.activity} » inconnue ; "
                        f"identifiants possibles\u00a0: {', '.join(activities)}"
                    )
                    found.append((message, field))
            start, end = times["start"], times["end"]
            if start is None or end is None:
                continue
            if end <= start:
                message = (
                    f"la séance finit ({session.end}) avant de commencer ({session.start})"
                    " : vérifiez les heures"
                )
                found.append((message, at))
                continue
            total = sum(block.minutes for block in session.blocks)
            if total != end - start:
                gap = end - start - total
                how = f"il manque {gap}\u00a0min" if gap > 0 else f"il y a {-gap}\u00a0min de trop"
                message = (
                    f"les blocs de « {session.label} » durent {total} min en tout, "
                    f"mais la séance de {session.start} à {session.end} en compte "
                    f"{end - start} : {how} ; ajustez les durées ou l’heure de fin"
                )
                found.append((message, f"{at}.blocks"))
        label = where[("agendas", agenda.id)]
        problems += [Probleme(label, message, agenda.id, field) for message, field in found]
    return problems
