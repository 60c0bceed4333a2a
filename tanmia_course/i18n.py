"""The course's language: French by default, Arabic or English when asked.

**One setting.** :func:`set_language` (the command's ``--langue``), or ``TANMIA_LANGUE`` for
a whole session; what is shown then follows it.

**Interface strings** are written in French in the code and marked ``_("…")`` (``ngettext``
for the ones that agree with a number); their Arabic and English are gettext catalogs,
``tanmia_course/locale/<langue>/LC_MESSAGES/tanmia_course.po``, managed with Babel (``make
traductions``: extract, update, compile; see ``docs/traductions.md``). A marked string with no
translation in a catalog fails the tests (``tests/test_translations.py``).

**Typography** follows the language too: French spacing (no-break spaces before « : ; ? ! »
and inside « ») for French only.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

from .display.text import fr_number, french_spacing

LANGUAGES = {"fr": "français", "ar": "العربية", "en": "English"}
DEFAULT = "fr"
ENV_VAR = "TANMIA_LANGUE"
DOMAIN = "tanmia_course"
LOCALE_DIR = Path(__file__).parent / "locale"

# Where numbers are written the local way: Morocco's Arabic keeps Western digits.
NUMBER_LOCALES = {"ar": "ar_MA", "en": "en"}

_current = [DEFAULT]
# What was wrong with TANMIA_LANGUE, if anything, for the command or notebook to say.
environment_problem: str | None = None


class UnknownLanguage(ValueError):
    """A language the course does not speak; the message names the ones it does."""


def checked(code: str) -> str:
    """``code`` (``fr``, ``ar``, ``en``, any case, a region or a codeset after it: ``ar_MA``,
    ``ar_MA.UTF-8``, as the system's own language is written) as the course names it, or
    :class:`UnknownLanguage`."""
    short = str(code).strip().split(".")[0].replace("-", "_").split("_")[0].lower()
    if short not in LANGUAGES:
        known = ", ".join(f"{c} ({name})" for c, name in LANGUAGES.items())
        raise UnknownLanguage(
            _("Langue inconnue : « {code} ». Langues du cours : {known}.").format(
                code=code, known=known
            )
        )
    return short


def set_language(code: str) -> str:
    """Show the course in ``code`` from now on; returns the language set. A language the
    course does not speak, or whose catalog this installation lacks, is refused and the one
    in use stays."""
    wanted = checked(code)
    compiled = LOCALE_DIR / wanted / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if wanted != DEFAULT and not compiled.is_file():
        raise UnknownLanguage(
            _(
                "Les traductions en {name} manquent à cette installation ({path}) : "
                "réinstallez le cours."
            ).format(name=LANGUAGES[wanted], path=compiled)
        )
    _current[0] = wanted
    return _current[0]


def language() -> str:
    """The language the course speaks now."""
    return _current[0]


@cache
def _catalog(code: str) -> gettext.NullTranslations:
    if code == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs where it is written, to be translated where it is
    shown (with :func:`_`)."""
    return message


def _(message: str) -> str:
    """``message`` (French, as written in the code) in the course's language."""
    return _catalog(_current[0]).gettext(message)


def ngettext(one: str, many: str, n: int) -> str:
    """The form of ``one`` / ``many`` (French singular and plural) that agrees with ``n`` in
    the course's language (Arabic has six)."""
    if _current[0] == DEFAULT:
        return one if abs(n) < 2 else many  # French: the singular for 0 and 1
    return _catalog(_current[0]).ngettext(one, many, n)


def number(n: float) -> str:
    """A whole number the way the course's language writes it (« 12 000 », « 12,000 »)."""
    if _current[0] == DEFAULT:
        return fr_number(n, 0)
    from babel.numbers import format_decimal

    return format_decimal(n, locale=NUMBER_LOCALES[_current[0]])


def typography(text: str) -> str:
    """``text`` with the typography of the course's language (French spacing in French)."""
    return french_spacing(text) if _current[0] == "fr" else text


def _from_environment() -> None:
    global environment_problem
    wanted = os.environ.get(ENV_VAR, "").strip()
    if wanted:
        try:
            set_language(wanted)
        except UnknownLanguage as exc:
            environment_problem = f"{ENV_VAR} : {exc}"


_from_environment()
