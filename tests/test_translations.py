"""The interface in three languages: every string marked for translation in the code is in
the catalogs (``make traductions``), translated in Arabic and English with the same
placeholders, compiled; and the command speaks the language asked for."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tanmia_course import i18n
from tanmia_course.cli import main

from .conftest import ROOT

LOCALE = ROOT / "tanmia_course" / "locale"
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]
FIELDS = re.compile(r"\{\w*\}|%\(\w+\)[sdr]|%[sdr]")


def marked_in_the_code() -> set[str]:
    """The French strings the code marks ``_("…")``, ``N_("…")`` or ``ngettext(…)``, as
    ``make traductions`` extracts them: Babel, with the project's babel.cfg."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(str(ROOT), method_map=method_map, options_map=options_map)
    return {message if isinstance(message, str) else message[0] for _, _, message, *_ in found}


def catalog(code: str):
    with (LOCALE / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").open("rb") as handle:
        return read_po(handle, locale=code)


def test_the_template_holds_every_string_marked_in_the_code():
    with (LOCALE / f"{i18n.DOMAIN}.pot").open("rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    marked = marked_in_the_code()
    assert marked, "aucune chaîne marquée pour la traduction"
    assert marked == template, (
        "Lancez « make traductions » : nouvelles chaînes "
        f"{sorted(marked - template)[:5]}, disparues {sorted(template - marked)[:5]}"
    )


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_marked_string_is_translated_with_the_same_placeholders(code):
    translations = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog(code) if m.id}
    untranslated = [
        text
        for text in sorted(marked_in_the_code())
        if text not in translations
        or "fuzzy" in translations[text].flags
        or not all(translations[text].string if isinstance(translations[text].string, tuple)
                   else [translations[text].string])
    ]  # fmt: skip
    assert untranslated == [], f"{code} : à traduire dans {code}.po : {untranslated[:5]}"
    for text, message in translations.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(FIELDS.findall(text))
        for form in forms:
            found = set(FIELDS.findall(form))
            if code == "ar" and isinstance(message.id, tuple):
                # Arabic's forms for zero, one and two say the number in words
                assert found <= expected and expected - {"{n}"} <= found, (code, text, form)
            else:
                assert found == expected, (code, text, form)
    assert list(catalog(code).check()) == []  # Babel's own checks (python-format…)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalog_is_the_one_translated(code):
    with (LOCALE / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog(code):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for n in (0, 1, 2, 3, 11, 100):
                plural = compiled.ngettext(*message.id, n)
                assert plural in message.string, ("make traductions", message.id, n)
        else:
            assert compiled.gettext(message.id) == message.string, ("make traductions", message.id)


def test_arabic_numbers_agree_in_six_forms():
    i18n.set_language("ar")
    said = {
        n: i18n.ngettext(
            "{n} carnet copié dans « {folder} ».", "{n} carnets copiés dans « {folder} ».", n
        ).format(n=i18n.number(n), folder="cours")
        for n in (0, 1, 2, 5, 11, 100)
    }
    assert said[0].startswith("لم يُنسخ أي دفتر")
    assert "دفتر واحد" in said[1] and "دفترين" in said[2]
    assert "5 دفاتر" in said[5] and "11 دفترًا" in said[11] and "100 دفتر " in said[100]


def test_a_system_reason_is_french_and_translated_where_shown():
    import errno

    from tanmia_course.errors import system_reason

    full = system_reason(OSError(errno.ENOSPC, "No space left on device"))
    assert full == "disque plein"
    i18n.set_language("ar")
    assert system_reason(OSError(errno.ENOSPC, "x")) == "disque plein"  # for French sentences
    assert i18n._(full) == "القرص ممتلئ"


def test_a_language_whose_catalog_is_missing_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    with pytest.raises(i18n.UnknownLanguage, match="réinstallez le cours"):
        i18n.set_language("en")
    assert i18n.language() == "fr"


def test_no_f_string_is_marked_for_translation():
    """A field of an f-string is filled before the catalog is searched: such a string is
    never found there. Fields are written {name} and filled by .format()."""
    import ast

    from tanmia_course.authoring import TRANSLATED_CALLS

    marked_f_strings = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "tanmia_course").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in TRANSLATED_CALLS
        and any(isinstance(arg, ast.JoinedStr) for arg in node.args)
    ]
    assert marked_f_strings == []


def test_langue_after_the_command_name_too(capsys):
    assert main(["ouvrir", "--langue", "en", "--port", "0"]) == 2
    assert (
        "--port: a port number from 1 to 65535 is expected (given: 0)." in capsys.readouterr().err
    )


def test_the_language_is_set_once_and_a_wrong_one_is_refused_keeping_the_old():
    try:
        assert i18n.set_language("AR_ma") == "ar" and i18n.set_language("ar_MA.UTF-8") == "ar"
        # Morocco's Arabic: Western digits, a dot between thousands
        assert i18n.number(12000) == "12.000" and i18n.typography("a : b") == "a : b"
        i18n.set_language("en")
        assert i18n.number(12000) == "12,000"
        with pytest.raises(i18n.UnknownLanguage, match="es"):
            i18n.set_language("es")
        assert i18n.language() == "en"
    finally:
        i18n.set_language("fr")
    assert i18n.number(12000) == "12\u202f000"
    assert i18n.typography("a : b") == "a\u00a0: b"


@pytest.mark.parametrize(
    ("code", "usage", "words"),
    [
        ("fr", "utilisation\u00a0: tanmia-course", "ouvrir le cours dans JupyterLab"),
        ("en", "usage: tanmia-course", "open the course in JupyterLab"),
        ("ar", "الاستعمال: tanmia-course", "فتح الدورة في JupyterLab"),
    ],
)
def test_the_command_speaks_the_language_asked(code, usage, words, capsys):
    with pytest.raises(SystemExit):
        main(["--langue", code, "--help"])
    said = capsys.readouterr().out
    assert said.startswith(usage) and words in said
    if code != "fr":
        assert "\u00a0" not in said and "commandes" not in said
    assert i18n.language() == "fr"  # as it was before the command


def test_tanmia_langue_sets_the_language_of_a_session_and_a_wrong_one_is_said():
    def run(value, *args):
        return subprocess.run(
            [sys.executable, "-m", "tanmia_course", *args],
            capture_output=True, text=True, cwd=ROOT, check=False,
            env={**os.environ, i18n.ENV_VAR: value},
        )  # fmt: skip

    english = run("en", "ouvrir", "--port", "0")
    assert english.returncode == 2
    assert "--port: a port number from 1 to 65535 is expected (given: 0)." in english.stderr
    wrong = run("klingon", "ouvrir", "--port", "0")
    assert "TANMIA_LANGUE" in wrong.stderr and "Langue inconnue" in wrong.stderr
    assert "un numéro de port de 1 à 65535" in wrong.stderr  # French, as by default
    asked = subprocess.run(
        [sys.executable, "-m", "tanmia_course", "--langue", "xx", "--help"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert asked.returncode == 2 and "Langue inconnue" in asked.stderr and "ar (" in asked.stderr
