"""The class view widget (notebook or Voilà): read a folder, add uploaded files, get the report."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

import tanmia_course as tc

from ..conftest import FIXTURES

GOOD = FIXTURES / "ok" / "rendus_classe"
HOSTILE = FIXTURES / "ko" / "rendus_hostiles"


def test_the_demo_class_fills_every_tab():
    view = tc.vue_de_classe()
    assert "28 fichiers lus\xa0: 24 acceptés, 0 accepté en partie, 4 refusés" in view.bilan.value
    assert view.onglets.titles == (
        "Participation",
        "Carte des acteurs",
        "Avantages",
        "Audits",
        "Conventions",
        "Fichiers reçus",
    )
    assert "data:image/svg+xml;base64," in view.sections["participation"].value
    # The other tabs are drawn when opened.
    assert "Préparation" in view.sections["carte"].value
    for index, key in enumerate(view.sections):
        view.onglets.selected_index = index
        assert "Préparation" not in view.sections[key].value, key
    assert view.sections["carte"].value.count("data:image/svg+xml;base64,") == 1
    assert "W = " in view.sections["avantages"].value
    assert "Partenariat solide" in view.sections["audits"].value
    conventions = view.sections["conventions"].value
    assert conventions.count("data:image/svg+xml;base64,") == 2  # one per scenario drafted
    assert "Clause par clause" in conventions and "Les acteurs du projet de Tifawin" in conventions
    assert "travaux_p26_reseau_associatif.json" in view.sections["fichiers"].value


def test_reading_another_folder_then_adding_uploaded_files():
    view = tc.vue_de_classe(GOOD)
    assert view.classe.participants == (
        "P01 (association de douar)",
        "P04 (réseau associatif)",
        "P12 (commune et services)",
    )
    data = (HOSTILE / "travaux_balises.json").read_bytes()
    view.ajouter.value = (
        {
            "name": "travaux_balises.json",
            "type": "application/json",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime(2025, 3, 15, tzinfo=UTC),
        },
    )
    assert len(view.classe.participants) == 4
    assert view.ajouter.value == ()
    for index in range(len(view.sections)):
        view.onglets.selected_index = index
    assert "chargé : travaux_balises.json" in view.sections["fichiers"].value
    for html in view.sections.values():
        assert not re.search(r"<script|<img src=x|<b onmouseover", html.value)


def test_a_wrong_folder_says_so_and_keeps_the_class_shown():
    view = tc.vue_de_classe(GOOD)
    before = view.classe
    view.dossier.value = "/dossier/qui/n/existe/pas"
    view.lire.click()
    assert "Dossier introuvable" in view.bilan.value
    assert view.classe is before


def test_a_folder_pasted_from_windows_explorer_with_its_quotes_is_read():
    """Explorer's « Copier en tant que chemin d’accès » pastes "C:\\…\\rendus", quotes
    included (and a space may come with it)."""
    view = tc.vue_de_classe(GOOD)
    view.dossier.value = f' "{HOSTILE}" '
    view.lire.click()
    assert "Dossier introuvable" not in view.bilan.value
    assert view.classe.titre == HOSTILE.name
    assert len(view.classe.fichiers_lus) == len(list(HOSTILE.iterdir()))


def test_the_report_button_gives_a_standalone_html_download():
    view = tc.vue_de_classe(GOOD)
    view.bouton_rapport.click()
    match = re.search(r"href='data:text/html;base64,([^']+)'", view.rapport.value)
    assert match and "download='rapport_classe.html'" in view.rapport.value
    html = base64.b64decode(match[1]).decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "P04 (réseau associatif)" in html
