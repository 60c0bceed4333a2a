"""French typography wherever a person reads: the one rule (display/text.py), the sources
that must follow it (notebooks, content files, the package's messages), and what the course
shows (HTML of results and widgets, the class report, pictures, the command's messages)."""

from __future__ import annotations

import html as stdlib_html
import re

import nbformat
import pytest

import tanmia_course as tc
from tanmia_course import authoring, cli
from tanmia_course.display.text import NARROW_NBSP, NBSP, french_spacing, plural

from ..conftest import ROOT

# French typography broken: an ordinary space before « : ; ? ! » or around the inside of
# « », or no space at all between a word and the sign that ends it. The tests of every text
# a person reads use this one rule.
BAD_SPACING = re.compile(r"[ \t][:;?!»]|«[ \t]|«(?=\w)|(?<=\w)»|(?<=[^\W\d_])[:;?!](?=\s|$)")
# A plural left to the reader: « acteur(s) », « niveau(x) », « empêche(nt) ».
LAZY_PLURAL = re.compile(r"[^\W\d_]\((?:s|x|es|e|nt)\)")
_HIDDEN = re.compile(r"<(style|script|code|pre)\b.*?</\1>|<[^>]*>", re.S)


def visible(page: str) -> str:
    """The text of an HTML page as a person reads it (no tags, styles or code)."""
    return stdlib_html.unescape(_HIDDEN.sub("", page))


def assert_french(text: str, where: str = "") -> None:
    for bad in (BAD_SPACING, LAZY_PLURAL):
        found = [text[max(0, m.start() - 30) : m.end() + 10] for m in bad.finditer(text)]
        assert not found, (where, found[:5])


# --- the rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Bilan : fini", f"Bilan{NBSP}: fini"),
        ("Bilan: fini", f"Bilan{NBSP}: fini"),
        ("Oui ; non", f"Oui{NARROW_NBSP}; non"),
        ("Pourquoi ?", f"Pourquoi{NARROW_NBSP}?"),
        ("Bravo!", f"Bravo{NARROW_NBSP}!"),
        ("Vraiment ?!", f"Vraiment{NARROW_NBSP}?!"),
        ("« Oui »", f"«{NBSP}Oui{NBSP}»"),
        ("«Oui»", f"«{NBSP}Oui{NBSP}»"),
        ("(à voir ?)", f"(à voir{NARROW_NBSP}?)"),
        ("Trois  :  fin", f"Trois{NBSP}:  fin"),
    ],
)
def test_a_sign_gets_its_no_break_space(typed, shown):
    assert french_spacing(typed) == shown


@pytest.mark.parametrize(
    "kept",
    [
        "https://tanmia.ma/guide?page=2#partenariat",
        "Voir http://exemple.org/a;b?c=1 ou mailto:contact@tanmia.ma",
        "Réunion de 09:00 à 12:30, rapport 3:1",
        "Le code `x = a ? b : c` et ```\nif x : y\n```",
        "<p style='margin: 0; color: red'>texte</p> &amp; &#160; &nbsp;",
        "Un clin d’œil :) ou ;) ou :-(",
        "variable?chose et a!b",
        f"Déjà bien{NBSP}: rien à faire{NARROW_NBSP}; ni là{NARROW_NBSP}?",
        f"Le fichier doit commencer par «{NBSP}kind:{NBSP}» suivi du type",
        "C:\\Users\\Amina",
    ],
)
def test_what_is_not_prose_is_left_alone(kept):
    assert french_spacing(kept) == kept


def test_the_rule_is_idempotent_and_keeps_every_character():
    text = "Bilan: 3 acteurs ; «ok» ? Oui ! Réunion à 09:00 : https://a.b/?c=d"
    once = french_spacing(text)
    assert french_spacing(once) == once
    assert once.replace(NBSP, " ").replace(NARROW_NBSP, " ").replace("  ", " ") == (
        "Bilan : 3 acteurs ; « ok » ? Oui ! Réunion à 09:00 : https://a.b/?c=d"
    )
    assert not BAD_SPACING.search(once.split("https")[0])


def test_plurals_agree_the_french_way():
    assert plural(0, "acteur clé", "acteurs clés") == "0 acteur clé"
    assert plural(1, "acteur clé", "acteurs clés") == "1 acteur clé"
    assert plural(2, "acteur clé", "acteurs clés") == "2 acteurs clés"
    assert plural(2, "empêche", "empêchent", count=False) == "empêchent"


# --- the sources ------------------------------------------------------------------------

NOTEBOOKS = sorted(
    p for d in ("notebooks", "solutions", "exercises") for p in (ROOT / d).glob("*.ipynb")
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_notebook_reads_in_french(path):
    nb = nbformat.read(path, as_version=4)
    for n, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            assert french_spacing(cell.source) == cell.source, (n, cell.source[:200])
            assert_french(visible(_code_out(cell.source)), f"{path.name} cellule {n}")
        elif cell.cell_type == "code":
            assert authoring.spaced_python(cell.source) == cell.source, (n, cell.source[:200])


def _code_out(markdown: str) -> str:
    return re.sub(r"```.*?```|`[^`\n]*`|\]\([^)]*\)|https?://\S+", "", markdown, flags=re.S)


CONTENT_FILES = sorted((ROOT / "tanmia_course" / "content").rglob("*.yaml"))


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.name)
def test_every_content_file_reads_in_french(path):
    text = path.read_text(encoding="utf-8")
    assert authoring.spaced_yaml(text) == text
    assert not LAZY_PLURAL.search(text), LAZY_PLURAL.search(text)


def test_every_french_message_of_the_package_reads_in_french():
    wrong = []
    for path in sorted((ROOT / "tanmia_course").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if authoring.spaced_python(source) != source:
            wrong.append(path.relative_to(ROOT).as_posix())
    assert not wrong, "lancez « tanmia-course typographie » : " + ", ".join(wrong)


def test_the_sweep_has_nothing_left_to_do():
    assert authoring.typography_sweep(ROOT, write=False) == []


def test_the_content_loaded_is_spaced_even_when_its_file_is_not(tmp_path):
    (tmp_path / "acteurs.yaml").write_text(
        "kind: actors\nitems:\n  - id: cooperative_test\n    label: {fr: 'La coopérative'}\n"
        "    category: cooperatives\n    role: {fr: 'Elle vend : le couscous ; et quoi ?'}\n"
        "    contribution: {fr: « Des produits »}\n",
        encoding="utf-8",
    )
    content = tc.utiliser_contenu(tmp_path)
    actor = next(a for a in content.actors if a.id == "cooperative_test")
    assert str(actor.role) == f"Elle vend{NBSP}: le couscous{NARROW_NBSP}; et quoi{NARROW_NBSP}?"
    assert str(actor.contribution) == f"«{NBSP}Des produits{NBSP}»"
    tc.utiliser_contenu()


# --- what the course shows --------------------------------------------------------------


def _widget_texts(widget) -> list[str]:
    """Every text of a widget tree a person reads: HTML, labels, options, placeholders."""
    texts, todo = [], [widget]
    while todo:
        w = todo.pop()
        todo += list(getattr(w, "children", ()) or ())
        for trait in ("description", "placeholder", "tooltip"):
            if isinstance(getattr(w, trait, None), str):
                texts.append(getattr(w, trait))
        value = getattr(w, "value", None)
        if type(w).__name__ in ("HTML", "HTMLMath", "Label") and isinstance(value, str):
            texts.append(visible(value))
        labels = getattr(w, "_options_labels", None)
        if labels:
            texts += list(labels)
    return texts


def test_each_exercise_widget_and_result_reads_in_french():
    case = next(iter(tc.etudes_de_cas().index), None)
    shown = {
        "carte": tc.carte_acteurs(),
        "classement": tc.classement_avantages(),
        "quiz": tc.quiz("lecon_01"),
        "travaux": tc.mes_travaux(),
    }
    if case:
        shown["audit"] = tc.audit_cas(case)
    for name, widget in shown.items():
        for text in _widget_texts(widget):
            assert_french(text, name)
    reference = tc.carte_reference()
    results = {
        "carte": tc.analyser_carte(reference),
        "classement": tc.classement_classe(),
    }
    if case:
        results["audit"] = tc.audit_reference(case)
    for name, result in results.items():
        assert_french(visible(result._repr_html_()), name)


def test_the_class_report_reads_in_french(tmp_path):
    path = tc.classe().enregistrer_rapport(tmp_path / "rapport.html")
    assert_french(visible(path.read_text(encoding="utf-8")), "rapport de classe")


def test_a_picture_s_texts_are_spaced_before_it_is_drawn():
    from tanmia_course.display.picture import axes_for, svg

    ax = axes_for(None, 3, 2)
    ax.set_title("Qui a rendu quoi ? Bilan : « tout »")
    ax.set_yticks([0, 1], labels=["Acteurs : 3", "Oui ; non"])
    drawn = svg(ax.figure)
    texts = [stdlib_html.unescape(t) for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", drawn)]
    assert f"Qui a rendu quoi{NARROW_NBSP}? Bilan{NBSP}: «{NBSP}tout{NBSP}»" in texts
    assert f"Acteurs{NBSP}: 3" in texts and f"Oui{NARROW_NBSP}; non" in texts
    assert "stroke-linejoin: round" in drawn  # the SVG's own style is not prose


def test_the_command_speaks_french(capsys, tmp_path):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    for command in ("valider", "exercices", "classe", "typographie"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
    assert cli.main(["valider"]) == 0
    assert cli.main(["classe", str(tc.CLASSE_DEMO), "--sortie", str(tmp_path)]) == 0
    out = capsys.readouterr()
    for text in (out.out, out.err):
        # the table of the class summary aligns its columns with spaces: not prose
        prose = "\n".join(line for line in text.splitlines() if "  " not in line.strip())
        assert_french(prose, "tanmia-course")
    assert f"Contenu valide{NBSP}:" in out.out and "fichiers vérifiés" in out.out


def test_every_printed_document_reads_in_french():
    from tanmia_course.printing import pack

    for doc in pack.documents(tc.contenu(), tc.classe()):
        assert_french(visible(doc.page()), doc.name)
