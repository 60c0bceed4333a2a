"""French formatting of numbers and lists, for every French text of the course.

Pure text: no pandas, no widgets, so that the analysis modules can use it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

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


def french_list(names: Iterable[str], last: str = " et ") -> str:
    """Names in French quotes, joined with commas and « et » (``last=", "``: commas only).

    >>> french_list(["La Population", "Les Médias", "L’Etat"])
    '« La Population », « Les Médias » et « L’Etat »'
    >>> french_list(["a", "b"], last=", ")
    '« a », « b »'
    """
    quoted = [f"« {n} »" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])}{last}{quoted[-1]}"


def clip(text: object, width: int) -> str:
    """A text on one line (its runs of spaces made one), cut at ``width`` characters with « … ».

    >>> clip("Groupe — Aït   Sidi Brahim", 12), clip(" court ", 12)
    ('Groupe — Aï…', 'court')
    """
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def fr_datetime(moment: datetime) -> str:
    """A date and time the French way, as the course says it: « 14/03/2025 à 10:42 ».

    >>> fr_datetime(datetime(2025, 3, 14, 10, 42))
    '14/03/2025 à 10:42'
    """
    return moment.strftime("%d/%m/%Y à %H:%M")
