"""French formatting of numbers and lists, for every French text of the course.

Pure text: no pandas, no widgets, so that the analysis modules can use it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime

THIN_NBSP = "\u202f"  # between thousands, and before %
MINUS = "\u2212"


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def fr_number(x: float | None, digits: int = 2, missing: str = "non calculable") -> str:
    """A number the French way: decimal comma, minus sign, thin no-break space between
    thousands; ``missing`` for None or NaN.

    >>> fr_number(0.3034, 2), fr_number(-0.5, 1), fr_number(12345.6, 1)
    ('0,30', '−0,5', '12\u202f345,6')
    >>> fr_number(float("nan"), missing="—")
    '—'
    """
    if _missing(x):
        return missing
    text = f"{x:,.{digits}f}"
    return text.replace(",", THIN_NBSP).replace(".", ",").replace("-", MINUS)


def fr_percent(x: float | None, missing: str = "—") -> str:
    """A share (0 to 1) as a whole percentage, French style.

    >>> fr_percent(0.256), fr_percent(None)
    ('26\u202f%', '—')
    """
    return missing if _missing(x) else f"{round(100 * float(x))}{THIN_NBSP}%"


def french_list(names: Iterable[str], last: str = " et ", quoted: bool = True) -> str:
    """Names in French quotes (``quoted=False``: as they are), joined with commas and
    « et » (``last=", "``: commas only).

    >>> french_list(["La Population", "Les Médias", "L’Etat"])
    '«\xa0La Population\xa0», «\xa0Les Médias\xa0» et «\xa0L’Etat\xa0»'
    >>> french_list(["a", "b"], last=", ")
    '«\xa0a\xa0», «\xa0b\xa0»'
    >>> french_list(["3.11", "3.12", "3.13"], quoted=False)
    '3.11, 3.12 et 3.13'
    """
    quoted = [f"« {n} »" if quoted else n for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])}{last}{quoted[-1]}"


_RUNS = re.compile(r"[ \t\r\n]+")  # what a text on one line makes one space (never a no-break one)


def one_line(text: object) -> str:
    """A text on one line: its runs of ordinary spaces and line breaks made one space, its
    no-break spaces kept (``str.split`` would make them ordinary ones).

    >>> one_line(" Votre preuve\\u00a0:\\n  le § 3  ")
    'Votre preuve\\xa0: le § 3'
    """
    return _RUNS.sub(" ", str(text)).strip()


def clip(text: object, width: int) -> str:
    """A text on one line (its runs of ordinary spaces and line breaks made one space; its
    no-break spaces kept), cut at ``width`` characters with « … ».

    >>> clip("Groupe — Aït   Sidi Brahim", 12), clip(" court ", 12)
    ('Groupe — Aï…', 'court')
    >>> clip("Bilan\u00a0:\\n  à revoir", 40)
    'Bilan\xa0: à revoir'
    """
    flat = one_line(text)
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


_OPENING_QUOTE = re.compile(r"«\s*")  # \s: no-break spaces too
_CLOSING_QUOTE = re.compile(r"\s*»")


def quoted(text: object) -> str:
    """``text`` between French quotes; quotes inside it become the inner ones (“ ”).

    >>> quoted("«\u00a0Femmes actrices\u00a0» : le programme")
    '«\xa0“Femmes actrices” : le programme\xa0»'
    """
    inner = _CLOSING_QUOTE.sub("”", _OPENING_QUOTE.sub("“", str(text)))
    return f"« {inner} »"


def fr_date(day: date) -> str:
    """A date the French way, as the course writes it: « 14/03/2025 ».

    >>> fr_date(date(2025, 3, 14)), fr_date(datetime(2025, 3, 14, 10, 42))
    ('14/03/2025', '14/03/2025')
    """
    return day.strftime("%d/%m/%Y")


def fr_datetime(moment: datetime) -> str:
    """A date and time the French way, as the course says it: « 14/03/2025 à 10:42 ».

    >>> fr_datetime(datetime(2025, 3, 14, 10, 42))
    '14/03/2025 à 10:42'
    """
    return f"{fr_date(moment)} à {moment:%H:%M}"


def hours(minutes: int) -> str:
    """A duration in hours and minutes, as a French reader writes it.

    >>> hours(45), hours(60), hours(390)
    ('45\u00a0min', '1\u00a0h', '6\u00a0h\u00a030')
    """
    h, m = divmod(minutes, 60)
    if not h:
        return f"{m}\u00a0min"
    return f"{h}\u00a0h" + (f"\u00a0{m:02d}" if m else "")


def fr_size(n_bytes: int) -> str:
    """A file size the French way, in octets and their multiples of 1 000 (as a file
    explorer shows them): one decimal under 10, none above.

    >>> fr_size(840), fr_size(5_300), fr_size(123_400_000), fr_size(1_612_000_000)
    ('840\u00a0o', '5,3\u00a0ko', '123\u00a0Mo', '1,6\u00a0Go')
    >>> fr_size(999_600_000), fr_size(9_960_000), fr_size(999_999)
    ('1,0\u00a0Go', '10\u00a0Mo', '1,0\u00a0Mo')
    """
    for unit, scale in (("Go", 10**9), ("Mo", 10**6), ("ko", 10**3)):
        value = n_bytes / scale
        digits = 1 if round(value, 1) < 10 else 0
        if round(value, digits) >= 1:
            return f"{fr_number(value, digits)}\u00a0{unit}"
    return f"{n_bytes}\u00a0o"


def plural(n: int, one: str, many: str, count: bool = True) -> str:
    """``n`` and the word agreeing with it, the French way: the singular for 0 and 1, the
    plural from 2 (``count=False``: the word alone, for a verb or an adjective that agrees).

    >>> plural(3, "acteur clé", "acteurs clés"), plural(1, "acteur clé", "acteurs clés")
    ('3 acteurs clés', '1 acteur clé')
    >>> plural(0, "fichier refusé", "fichiers refusés"), plural(2, "empêche", "empêchent", False)
    ('0 fichier refusé', 'empêchent')
    >>> plural(12000, "réponse", "réponses")
    '12\u202f000 réponses'
    """
    word = one if abs(n) < 2 else many
    return f"{fr_number(n, 0)} {word}" if count else word


NBSP = "\u00a0"  # before « : », after « and before »
_SIGNS = ":;?!\u00ab\u00bb"  # the signs that take a space (« », written so, keep theirs)
NARROW_NBSP = THIN_NBSP  # before « ; ? ! »

# What French spacing leaves as it is: code (fenced, then inline), HTML tags, comments and
# entities (&amp;), addresses (https://…, mailto:…).
_PROTECTED = re.compile(
    r"```.*?```|`[^`\n]*`|<!--.*?-->|</?[A-Za-z{][^<>\n]*>|&#?\w+;"
    r"|\b[a-z][a-z0-9+.-]*:(?://)?[^\s<>»)]+",
    re.S,
)
# A French sign with its space: ordinary spaces before it, or none after a word, a number,
# a closing quote or bracket. « : » and « ; » then stand before a space or the end (never
# 09:00, https:, :) or ;), nor « kind: », a YAML key quoted), « ? » and « ! » also before
# other closing signs (« ?! », « ?) »); Markdown's emphasis may follow them (« *Note :* »).
_WORD_END = r"[\w»)\]’”%…]"
_COLON = re.compile(rf"(?:[ \t]+|(?<={_WORD_END}))(?=:(?:[\s*_]|$)(?![ \t]*»))")
_HIGH = re.compile(rf"(?:[ \t]+|(?<={_WORD_END}))(?=;(?:[\s*_]|$)|[?!](?:[\s?!»)\].,…*_]|$))")
_OPENING = re.compile(r"«[ \t]*(?=[^\s\u00a0\u202f])")
_CLOSING = re.compile(r"(?<=[^\s\u00a0\u202f])[ \t]*»")


def _spaced(text: str) -> str:
    text = _COLON.sub(NBSP, text)
    text = _HIGH.sub(NARROW_NBSP, text)
    text = _OPENING.sub("«" + NBSP, text)
    return _CLOSING.sub(NBSP + "»", text)


def french_spacing(text: str) -> str:
    """French typography for a text a person reads: a no-break space (U+00A0) before « : »
    and inside « », a narrow one (U+202F) before « ; ? ! », instead of an ordinary space or
    where none was typed. Code (`…`, fenced), HTML tags, addresses, times (09:00), emoticons
    and spaces already right are left as they are; applied twice, it changes nothing more.

    >>> french_spacing("Bilan : 3 acteurs ; et ensuite? «Oui»")
    'Bilan\xa0: 3 acteurs\u202f; et ensuite\u202f? «\xa0Oui\xa0»'
    >>> french_spacing("Réunion à 09:00, voir https://tanmia.ma/?p=1 ou `x ? y : z` :)")
    'Réunion à 09:00, voir https://tanmia.ma/?p=1 ou `x ? y : z` :)'
    >>> french_spacing(french_spacing("Vraiment ?!")) == french_spacing("Vraiment ?!")
    True
    """
    if not any(sign in text for sign in _SIGNS):
        return text  # most texts: nothing to look at
    parts, start = [], 0
    for protected in _PROTECTED.finditer(text):
        parts += [_spaced(text[start : protected.start()]), protected.group()]
        start = protected.end()
    parts.append(_spaced(text[start:]))
    return "".join(parts)
