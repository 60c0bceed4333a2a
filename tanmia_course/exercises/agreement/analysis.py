"""What a draft agreement secures: the content's rules applied to a draft, as data.

Each rule (``kind: agreement_rules``, :class:`~tanmia_course.content.model.AgreementRule`)
says when a draft secures a criterion or a good practice of the guide, or guards against one
of its warning signs: all its conditions hold. :func:`review` applies every rule and gives,
per item of the guide, whether the draft secures it and, when not, the hint of each condition
it fails (the clause to add or change). Nothing here imports ipywidgets or matplotlib.

How a condition reads a draft: a clause's text is the learner's text, and for the three
clauses made of fields, those fields too (the parties' names; each party's contributions,
each after its kind — « Compétences : … » — and what it gains; the committee's rhythm). A
word of a rule matches the start of a word of that text, without regard to case or accents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ...content.agreement import CONTRIBUTION_KINDS, DECISION_LABELS
from ...content.model import AgreementCondition, AgreementRule, Content
from ...display.text import plural

# The answer's type, also reachable here by the code that reads a draft with its analysis.
from .answer import ANSWER_KEYS, empty_answer, normalise_answer  # noqa: F401

# The groups of a review, in the order they are shown: the model's name of the target
# (a rule's ``criterion``, ``practice`` or ``warning_sign``) and the French heading.
GROUPS = {
    "criterion": "Les critères de qualité",
    "practice": "Les bonnes pratiques",
    "warning_sign": "Les signes d’alerte",
}
DEFAULT_MIN_WORDS = 5
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """``text`` in lower case, without accents, its apostrophes made straight: how a rule's
    words and a draft's texts are compared (kept for the texts last seen: several rules read
    the same clause).

    >>> fold("Élaborés ENSEMBLE, d’un commun accord")
    "elabores ensemble, d'un commun accord"
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("’", "'").replace("ʼ", "'")


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern finding any of ``words`` at the start of a word (folded)."""
    alternatives = "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})")


def clause_texts(answer: Mapping[str, Any], content: Content) -> dict[str, str]:
    """The text of each clause of a (normalised) draft as the rules read it: the learner's
    text, and the fields of a clause made of fields (see the module doc)."""
    texts = dict(answer["clauses"])
    parties = answer["parties"]
    for clause in content.clauses:
        extra: list[str] = []
        if clause.structure == "parties":
            extra = [
                " ".join(filter(None, (p["nom"], p["statut"], p["signataire"]))) for p in parties
            ]
        elif clause.structure == "contributions":
            for p in parties:
                extra += [
                    f"{label} : {p['apports'][kind]}"
                    for kind, (_, label) in CONTRIBUTION_KINDS.items()
                    if p["apports"][kind].strip()
                ]
                if p["gains"].strip():
                    extra.append(p["gains"])
        elif clause.structure == "governance":
            extra = [answer["gouvernance"]["frequence"]]
        texts[clause.id] = "\n".join(t for t in [*extra, texts.get(clause.id, "")] if t.strip())
    return texts


# What a French form says for « nothing » (folded, without the final full stop): a field
# holding only one of these says the party brings, or gains, nothing.
NOTHING = frozenset(
    ("neant", "aucun", "aucune", "rien", "sans objet", "pas d'apport", "non", "0", "-", "—", "/")
)


def said(text: str) -> bool:
    """Whether a field of a party says something: not blank, and not « Néant », « aucun »,
    « rien », « — »…

    >>> said("Néant."), said(" aucune "), said("Le local du foyer")
    (False, False, True)
    """
    return bool(text.strip()) and fold(text).strip().rstrip(".").strip() not in NOTHING


def contributes(party: Mapping[str, Any]) -> bool:
    return any(said(text) for text in party["apports"].values())


def gains(party: Mapping[str, Any]) -> bool:
    return said(party["gains"])


def on_committee(party: Mapping[str, Any]) -> bool:
    return bool(party["comite"])


_PARTY_TESTS = {"contributes": contributes, "gains": gains, "on_committee": on_committee}


def condition_holds(
    condition: AgreementCondition, answer: Mapping[str, Any], texts: Mapping[str, str]
) -> bool:
    """Whether a (normalised) draft meets one condition of a rule; ``texts`` are its
    :func:`clause_texts`."""
    parties = answer["parties"]
    if condition.filled is not None:
        wanted = condition.min_words or DEFAULT_MIN_WORDS
        return len(_WORD.findall(texts.get(condition.filled, ""))) >= wanted
    if condition.mentions is not None:
        pattern = _words_pattern(tuple(condition.words or ()))
        return any(pattern.search(fold(texts.get(c, ""))) for c in condition.mentions)
    if condition.min_parties is not None:
        return len(parties) >= condition.min_parties
    if condition.every_party is not None:
        test = _PARTY_TESTS[condition.every_party]
        return bool(parties) and all(test(p) for p in parties)
    if condition.min_contribution_kinds is not None:
        kinds = {k for p in parties for k, text in p["apports"].items() if said(text)}
        return len(kinds) >= condition.min_contribution_kinds
    if condition.decision_in is not None:
        return answer["gouvernance"]["decision"] in condition.decision_in
    if condition.frequency_set is not None:
        return bool(answer["gouvernance"]["frequence"].strip())
    raise ValueError("condition without a test")  # the content's checks forbid it


@dataclass(frozen=True)
class Check:
    """One item of the guide as a draft stands towards it: ``kind`` (``criterion``,
    ``practice`` or ``warning_sign``) and ``id``, its guide label, whether the draft secures
    it (for a warning sign: guards against it), the clauses the rules read, why they secure
    it, and the hints of the conditions not met, in order."""

    kind: str
    id: str
    label: str
    short: str
    secured: bool
    clauses: tuple[str, ...]
    why: tuple[str, ...]
    hints: tuple[str, ...]
    rules: tuple[str, ...]

    @property
    def key(self) -> str:
        """The check's key in a table of checks: its id, or ``pratique_<id>`` for a good
        practice (a criterion and a practice may share a word: « transparence »)."""
        return f"pratique_{self.id}" if self.kind == "practice" else self.id


@dataclass(frozen=True)
class Review:
    """A draft's review: one :class:`Check` per item of the guide that a rule checks, in the
    content's order, grouped as :data:`GROUPS`; and the clauses the draft fills."""

    checks: tuple[Check, ...]
    filled: tuple[str, ...]

    def group(self, kind: str) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.kind == kind)

    def count(self, kind: str) -> tuple[int, int]:
        """(secured, checked) for one group."""
        group = self.group(kind)
        return sum(c.secured for c in group), len(group)

    def summary(self) -> str:
        """One French line: how many criteria and practices are secured, signs avoided."""
        crit, n_crit = self.count("criterion")
        prac, n_prac = self.count("practice")
        sign, n_sign = self.count("warning_sign")
        return (
            f"Critères protégés : {crit} sur {n_crit} · bonnes pratiques : {prac} sur "
            f"{n_prac} · signes d’alerte évités : {sign} sur {n_sign}"
        )


def filled_clauses(
    answer: Mapping[str, Any], content: Content, texts: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The clauses a (normalised) draft fills: their text, or their fields, hold something."""
    texts = clause_texts(answer, content) if texts is None else texts
    filled = [c.id for c in content.clauses if texts.get(c.id, "").strip()]
    # the committee's way of deciding is a field of the governance too
    governance = next((c.id for c in content.clauses if c.structure == "governance"), None)
    if governance and answer["gouvernance"]["decision"] and governance not in filled:
        filled.append(governance)
    return tuple(c.id for c in content.clauses if c.id in filled)


def review(answer: Mapping[str, Any], content: Content) -> Review:
    """Apply every rule of ``content`` to a (normalised) draft (see the module doc)."""
    texts = clause_texts(answer, content)
    by_target: dict[tuple[str, str], list[tuple[AgreementRule, list[str]]]] = {}
    for rule in content.agreement_rules:
        failed = [str(c.hint) for c in rule.requires if not condition_holds(c, answer, texts)]
        by_target.setdefault(rule.target, []).append((rule, failed))
    items = {
        "criterion": content.criteria,
        "practice": content.practices,
        "warning_sign": content.warning_signs,
    }
    checks = []
    for kind in GROUPS:
        for item in items[kind]:
            found = by_target.get((kind, item.id))
            if not found:
                continue
            hints = tuple(dict.fromkeys(h for _, failed in found for h in failed))
            clauses = tuple(dict.fromkeys(c for rule, _ in found for c in rule.clauses))
            short = getattr(item, "short", None)
            checks.append(
                Check(
                    kind=kind,
                    id=item.id,
                    label=str(item.label),
                    short=str(short) if short else str(item.label),
                    secured=not hints,
                    clauses=clauses,
                    why=tuple(str(rule.why) for rule, _ in found),
                    hints=hints,
                    rules=tuple(rule.id for rule, _ in found),
                )
            )
    return Review(tuple(checks), filled_clauses(answer, content, texts))


def decision_label(mode: str) -> str:
    """The French label of a committee's way of deciding (« non choisi » when empty)."""
    return DECISION_LABELS.get(mode, "non choisi")


def parties_line(answer: Mapping[str, Any]) -> str:
    """« 3 parties : A, B, C »."""
    names = [p["nom"] for p in answer["parties"]]
    if not names:
        return "aucune partie"
    return f"{plural(len(names), 'partie', 'parties')} : {', '.join(names)}"
