"""The fact sheet of a fictional territory, and where the course's texts repeat its facts.

A fact's ``mentions`` are regular expressions; their group ``value`` finds the fact where a
text repeats it. :func:`find_mentions` reads a text with every mention of a territory and
says, for each place found, whether it agrees with the sheet; :func:`map_problems` compares
the sheet with the reference actor maps. Texts are read with runs of spaces and line breaks
(no-break spaces included) as one space, so a fact split over two lines of a file, or
written with typographic spaces, is found all the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .model import ActorMap, Fact, Territory

# What a mention may write instead of a figure or a name: a number in digits (« 182 000 »,
# « 9 800 », « 45 ») or in French words (« dix-neuf », « vingt et un »), and a person's name
# (capitalised words: « Aïcha Aït Lhaj »).
_WORDS = (
    "zéro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|"
    "quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille"
)
PLACEHOLDERS = {
    "{nombre}": r"(?:\d{1,3}(?: \d{3})+|\d+|"
    rf"(?i:\b(?:{_WORDS})(?:(?:-| et | )(?:{_WORDS}))*\b))",
    "{nom}": r"(?:[A-ZÀ-Ý][\w’-]*(?: [A-ZÀ-Ý][\w’-]*)*)",
}
_VALUES = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60,
}  # fmt: skip
EXCERPT = 60  # characters shown on each side of a mention that disagrees


def flat(text: str) -> str:
    """``text`` with every run of spaces and line breaks (no-break ones too) as one space.

    >>> flat("182\\u202f000\\n   dirhams")
    '182 000 dirhams'
    """
    return " ".join(text.split())


@cache
def compile_mention(mention: str) -> re.Pattern[str]:
    """The regular expression of a mention, its placeholders replaced; its no-break spaces
    are ordinary ones, as in the texts it reads (see :func:`flat`)."""
    mention = mention.replace("\u00a0", " ").replace("\u202f", " ")
    for placeholder, regex in PLACEHOLDERS.items():
        mention = mention.replace(placeholder, regex)
    return re.compile(mention)


def mention_problem(mention: str) -> str | None:
    """What is wrong with a mention, in French, or None.

    >>> mention_problem("(?P<value>{nombre}) adhérentes") is None
    True
    >>> mention_problem("{nombre} adhérentes")  # doctest: +ELLIPSIS
    'le motif doit avoir un groupe nommé « value » ...'
    """
    # Each placeholder stands as a group of its own length: checked quickly (the numbers'
    # regex is long to compile, and every content load checks every mention), and an error's
    # position is the one in the mention as the trainer wrote it.
    for placeholder in PLACEHOLDERS:
        mention = mention.replace(placeholder, f"(?:{'x' * (len(placeholder) - 4)})")
    try:
        pattern = re.compile(mention)
    except re.error as exc:
        return f"motif invalide ({exc.msg}, position {exc.pos})"
    if "value" not in pattern.groupindex:
        return (
            "le motif doit avoir un groupe nommé « value » (?P<value>…) : ce qu’il trouve "
            "est comparé à la fiche"
        )
    return None


def french_number(text: str) -> int | None:
    """A whole number written in digits or in French words, or None if it is not one.

    >>> french_number("182 000"), french_number("Dix-neuf"), french_number("quatre-vingt-dix")
    (182000, 19, 90)
    >>> french_number("vingt et un"), french_number("deux cents"), french_number("certaines")
    (21, 200, None)
    """
    digits = text.replace(" ", "")
    if digits.isdigit():
        return int(digits)
    total, current = 0, 0
    for word in re.split(r"[- ]+", text.lower().strip()):
        if word == "et":
            continue
        if word == "mille":
            total, current = total + (current or 1) * 1000, 0
        elif word in ("cent", "cents"):
            current = (current or 1) * 100
        elif word in ("vingt", "vingts") and current % 100 == 4:  # quatre-vingt(s)
            current += 76
        elif word in _VALUES:
            current += _VALUES[word]
        else:
            return None
    return total + current


def agrees(fact: Fact, found: str) -> bool:
    """Whether the text ``found`` by a mention says the fact's value: the same number
    however written, or the same text."""
    if isinstance(fact.value, int) and not isinstance(fact.value, bool):
        return french_number(found) == fact.value
    return flat(found) == flat(str(fact.value))


@dataclass(frozen=True)
class Mention:
    """One place where a text repeats a fact: what it says there, and around it."""

    fact: Fact
    found: str
    excerpt: str

    @property
    def agrees(self) -> bool:
        return agrees(self.fact, self.found)

    def __str__(self) -> str:
        return (
            f"« {self.fact.label} » : le texte dit « {self.found} », la fiche du territoire "
            f"dit « {self.fact.shown_value()} » (… {self.excerpt} …)"
        )


def find_mentions(territory: Territory, text: str) -> list[Mention]:
    """Every place where ``text`` repeats a fact of ``territory``, in the order of the facts.

    >>> from .model import Text
    >>> fact = Fact("membres", Text("Adhérentes"), 23, ("(?P<value>{nombre}) adhérentes",))
    >>> sheet = Territory("t", Text("T"), Text("Fictif"), (fact,), "course")
    >>> text = "Ses vingt-trois adhérentes et 24 adhérentes"
    >>> [(m.found, m.agrees) for m in find_mentions(sheet, text)]
    [('vingt-trois', True), ('24', False)]
    """
    text = flat(text)
    found = []
    for fact in territory.facts:
        for mention in fact.mentions:
            for match in compile_mention(mention).finditer(text):
                start, end = match.span("value")
                excerpt = text[max(0, start - EXCERPT) : end + EXCERPT]
                found.append(Mention(fact, match.group("value").strip(), excerpt))
    return found


def map_problems(territory: Territory, maps: dict[str, ActorMap]) -> list[tuple[str, str]]:
    """(fact id, French message) for each fact that a reference actor map gives otherwise,
    or that points at a map, an actor or a field that does not exist."""
    problems = []
    for fact in territory.facts:
        where = fact.map_figure
        if where is None:
            continue
        if where.map not in maps:
            known = ", ".join(maps)
            problems.append((fact.id, f"carte « {where.map} » inconnue ; cartes : {known}"))
            continue
        actors = {a.id: a for a in maps[where.map].actors}
        if where.actor not in actors:
            known = ", ".join(actors)
            message = (
                f"acteur « {where.actor} » absent de la carte « {where.map} » ; acteurs : {known}"
            )
            problems.append((fact.id, message))
        elif where.field not in ("influence", "interest"):
            problems.append((fact.id, f"champ « {where.field} » : influence ou interest"))
        elif getattr(actors[where.actor], where.field) != fact.value:
            given = getattr(actors[where.actor], where.field)
            problems.append(
                (
                    fact.id,
                    f"la carte « {where.map} » donne {given} à « {where.actor} » ({where.field}), "
                    f"la fiche du territoire {fact.value}",
                )
            )
    return problems
