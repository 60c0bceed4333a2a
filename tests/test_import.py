"""Importing the package stays cheap: no matplotlib, no jsonschema until needed."""

from __future__ import annotations

import subprocess
import sys

import tanmia_course


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_import_and_tables_do_not_pull_matplotlib_or_jsonschema():
    modules = loaded_after("import tanmia_course as tc\ntc.acteurs()\ntc.quiz('lecon_01')")
    assert "matplotlib" not in modules
    assert "jsonschema" not in modules


def test_every_public_name_exists():
    for name in tanmia_course.__all__:
        assert hasattr(tanmia_course, name), name


def test_all_lists_exactly_the_lazy_names_and_the_errors():
    assert set(tanmia_course.__all__) == set(tanmia_course._LAZY)
    assert tanmia_course.__all__ == sorted(tanmia_course.__all__)
    assert tanmia_course._LAZY["contenu"] == (".content.loader", "load_content")
    assert tanmia_course._LAZY["CLASSE_DEMO"] == (".classroom.result", "DEMO_FOLDER")


def test_an_unknown_name_is_an_attribute_error():
    import pytest

    with pytest.raises(AttributeError):
        tanmia_course.nom_inexistant  # noqa: B018
