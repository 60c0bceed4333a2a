"""The agreement's documents (exercise 04) and the blank templates of lesson 04: the draft
in Word (read back with python-docx) and as a page to print, the numbered articles, the
parties, the texts a learner types (HTML, emoji, Arabic, characters Word refuses), the
templates from content (a trainer's included) and the pack's copies of them."""

from __future__ import annotations

import base64
import io
import re

import docx
import pytest

import tanmia_course as tc
from tanmia_course.content.loader import load_content
from tanmia_course.display.document import (
    Document,
    Lines,
    Paragraph,
    printable,
    to_docx,
    to_html,
)
from tanmia_course.display.text import french_spacing
from tanmia_course.exercises.agreement.report import (
    agreement_docx,
    agreement_html,
    filename,
    modele_vierge,
    template_document,
)
from tanmia_course.printing import pack

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PASTED = "<b>&amp; « & » 🤝\nاتفاقية شراكة\x0bligne suivante\x00 fin"
# What both writers show of it: French spacing; \x0b a line break, \x00 dropped.
SHOWN = "<b>&amp; «\u00a0&\u00a0» 🤝\nاتفاقية شراكة\nligne suivante fin"
ARABIC = "اتفاقية شراكة بين الجمعية والجماعة"


def party(name: str, **fields) -> dict:
    return {"nom": name, "statut": "", "signataire": "", "apports": {}, "gains": "", **fields}


def draft(**changes) -> dict:
    """Three parties; clauses filled: parties, objet, engagements, gouvernance,
    communication, duree (objectifs, finances and the later ones left empty)."""
    answer = {
        "scenario": "libre",
        "titre": "Convention « Minibus » & co",
        "parties": [
            party(
                "Association Tifawin",
                statut="association déclarée",
                signataire="Mme Fatima Aït Ali, présidente",
                apports={"temps": "deux bénévoles par trajet", "argent": "12 000 MAD"},
                gains="des collégiennes qui arrivent à l’heure",
            ),
            party("Commune <Aït Sidi> & fils", signataire="le président du conseil communal"),
            party("جمعية الآباء", apports={"nature": "un local"}, comite=False),
        ],
        "gouvernance": {"frequence": "une fois par trimestre.", "decision": "consensus"},
        "clauses": {
            "objet": PASTED,
            "communication": ARABIC,
            "duree": "Trois ans à compter de la signature.",
        },
    }
    answer.update(changes)
    return answer


FILLED = ["parties", "objet", "engagements", "gouvernance", "communication", "duree"]


@pytest.fixture(scope="module")
def content():
    return load_content([])


def word(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(document, level: int = 1) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def article_paragraphs(document, number: int) -> list[str]:
    """The texts under « Article <number> », up to the next article."""
    texts, inside = [], False
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text.startswith(f"Article {number} —")
            continue
        if inside:
            texts.append(p.text)
    return texts


# --------------------------------------------------------------------------- the agreement


def test_every_filled_clause_is_a_numbered_article_in_the_contents_order(content):
    labels = {c.id: str(c.label) for c in content.clauses}
    document = word(agreement_docx(draft(), content))
    expected = [f"Article {n} — {labels[cid]}" for n, cid in enumerate(FILLED, start=1)]
    assert headings(document) == expected
    # the empty clauses are left out, and the numbering goes on without a gap
    assert labels["objectifs"] not in " ".join(headings(document))
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Convention «\u00a0Minibus\u00a0» & co"
    assert document.core_properties.title == "Convention « Minibus » & co"


def test_a_clause_with_only_its_fields_filled_is_an_article_and_without_them_it_is_not(
    content,
):
    labels = {c.id: str(c.label) for c in content.clauses}
    bare = draft(gouvernance={"frequence": "", "decision": ""})
    for p in bare["parties"]:
        p.update(apports={}, gains="")
    shown = headings(word(agreement_docx(bare, content)))
    assert [h.partition(" — ")[2] for h in shown] == [
        labels[c] for c in FILLED if c not in ("engagements", "gouvernance")
    ]
    assert [h.partition(" — ")[0] for h in shown] == [f"Article {n}" for n in range(1, 5)]
    # a text alone fills a structured clause
    texted = dict(bare, clauses={**bare["clauses"], "gouvernance": "Le comité tient registre."})
    assert f"Article 3 — {labels['gouvernance']}" in headings(word(agreement_docx(texted, content)))


def test_the_parties_article_and_the_signature_block_name_every_party(content):
    document = word(agreement_docx(draft(), content))
    listed = article_paragraphs(document, 1)
    assert listed[:3] == [
        french_spacing(
            "Association Tifawin, association déclarée ; "
            "signataire : Mme Fatima Aït Ali, présidente"
        ),
        french_spacing("Commune <Aït Sidi> & fils ; signataire : le président du conseil communal"),
        "جمعية الآباء",
    ]
    (block,) = document.tables
    cells = [cell.text for row in block.rows for cell in row.cells]
    assert len(cells) == 3
    for name, signatory in [
        ("Association Tifawin", "Mme Fatima Aït Ali, présidente"),
        ("Commune <Aït Sidi> & fils", "le président du conseil communal"),
        ("جمعية الآباء", "……"),
    ]:
        (cell,) = [c for c in cells if c.startswith(name)]
        assert f"Signataire\u00a0: {signatory}" in cell
        assert "Signature et cachet" in cell and "Fait à" in cell


def test_contributions_and_governance_come_from_the_drafts_fields(content):
    document = word(agreement_docx(draft(), content))
    engagements = article_paragraphs(document, 3)
    assert engagements[:4] == [
        "Association Tifawin",
        "Argent\u00a0: 12 000 MAD",
        "Temps\u00a0: deux bénévoles par trajet",
        "Ce que cette partie gagne\u00a0: des collégiennes qui arrivent à l’heure",
    ]
    assert "Apports\u00a0: à préciser" in engagements  # the commune brings nothing yet
    assert "En nature\u00a0: un local" in engagements
    assert headings(document, level=2) == [
        "Association Tifawin",
        "Commune <Aït Sidi> & fils",
        "جمعية الآباء",
    ]
    (governance,) = article_paragraphs(document, 4)
    assert governance.split("\n") == [
        "Membres du comité de pilotage\u00a0: Association Tifawin, Commune <Aït Sidi> & fils.",
        "Rythme des réunions\u00a0: une fois par trimestre.",
        "Le comité décide par consensus de toutes les parties.",
    ]


def test_the_learners_text_survives_in_word_control_characters_as_documented(content):
    document = word(agreement_docx(draft(), content))
    assert article_paragraphs(document, 2) == [SHOWN]
    (arabic,) = [p for p in document.paragraphs if p.text == ARABIC]
    assert arabic._p.pPr.find(f"{W}bidi") is not None  # right to left in Word
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "Association Tanmia.ma" in footer and "pas un conseil juridique" in footer
    assert "PAGE" in document.sections[0].footer._element.xml
    assert round(document.sections[0].page_width.mm) == 210


def test_printable_turns_breaks_into_line_breaks_and_drops_what_word_refuses():
    assert printable("a\x0bb\x0cc\r\nd\re") == "a\nb\nc\nd\ne"
    assert printable("\x00x\x01\x1f\x7f\x85\ud800\ufffe\uffffy\tz") == "xy\tz"
    every = "".join(map(chr, range(0x20))) + "\ud83e\ufffe\uffff texte"
    document = Document("Titre\x00", (Paragraph(every), Lines(2, label="\x0b")), footer="\x07")
    read = word(to_docx(document))  # never fails on a text
    assert read.paragraphs[0].text == "Titre"
    assert read.paragraphs[1].text == "\t\n\n\n\n texte"


def test_the_html_is_escaped_and_has_the_same_articles(content):
    page = agreement_html(draft(), content)
    labels = {c.id: str(c.label) for c in content.clauses}
    found = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page)]
    expected = [f"Article {n} — {labels[cid]}" for n, cid in enumerate(FILLED, start=1)]
    assert found == expected
    assert "&lt;b&gt;&amp;amp;" in page and "<b>&amp;" not in page
    assert "Commune &lt;Aït Sidi&gt; &amp; fils" in page
    assert "\x00" not in page and "\x0b" not in page and "🤝" in page
    assert f"<p dir='rtl'>{ARABIC}</p>" in page
    assert page.count("class='signature'") == 3 and "size: A4" in page
    assert "pas un conseil juridique" in page


def test_fewer_than_two_parties_are_refused_in_french(content):
    for parties in ([], [party("Association Tifawin")]):
        with pytest.raises(ValueError, match="Ajoutez au moins deux parties"):
            agreement_docx(draft(parties=parties), content)
    with pytest.raises(ValueError, match="le nom est vide"):  # the answer's own checks
        agreement_html(draft(parties=[party(" "), party("B")]), content)


def test_the_title_defaults_and_the_scenario_is_the_subtitle(content):
    case = content.case_studies[0]
    document = word(agreement_docx(draft(titre="  ", scenario=case.id), content))
    assert document.paragraphs[0].text == "Convention de partenariat"
    assert document.paragraphs[1].style.name == "Subtitle"
    assert document.paragraphs[1].text == french_spacing(
        f"Exercice 04 du cours · scénario « {case.title} »"
    )
    assert filename(draft(scenario=case.id)) == f"convention_{case.id}.docx"


# --------------------------------------------------------------------------- the templates


def test_the_four_tools_of_lesson_04_have_a_template(content):
    assert [t.id for t in content.templates] == [
        "fiche_partenaire",
        "note_cadrage",
        "protocole_accord",
        "plan_sortie",
    ]
    assert {t.source for t in content.templates} == {"course"}


@pytest.mark.parametrize("index", range(4))
def test_each_template_in_word_has_its_sections_as_headings_and_lines_to_write_on(content, index):
    template = content.templates[index]
    document = word(to_docx(template_document(template)))
    assert document.paragraphs[0].text == str(template.label)
    assert headings(document) == [str(s.heading) for s in template.sections]
    ruled = [
        p
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(f"{W}pBdr") is not None
    ]
    assert len(ruled) == sum(s.lines for s in template.sections)
    page = to_html(template_document(template))
    assert page.count("class='ligne-a-remplir'") == len(ruled)
    assert "Association Tanmia.ma" in page


def test_modele_vierge_offers_word_to_download_and_writes_nothing_by_default(tmp_path):
    shown = modele_vierge("plan_sortie")
    assert shown.chemin is None
    page = shown._repr_html_()
    assert "download='plan_sortie.docx'" in page
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)'", page).group(1)
    assert base64.b64decode(payload) == shown.donnees
    template = next(t for t in tc.contenu().templates if t.id == "plan_sortie")
    assert headings(word(shown.donnees)) == [str(s.heading) for s in template.sections]
    assert list(tmp_path.iterdir()) == []  # nothing written without a folder


def test_modele_vierge_writes_word_refuses_an_unknown_id_and_never_overwrites(tmp_path):
    path = modele_vierge("note_cadrage", tmp_path / "modeles").chemin
    assert path == tmp_path / "modeles" / "note_cadrage.docx"
    assert headings(word(path.read_bytes()))[0] == "Le problème"
    with pytest.raises(tc.IdentifiantInconnu, match="fiche_partenaire"):
        modele_vierge("fiche_inconnue", tmp_path)
    path.write_bytes(b"ce que le participant a rempli")
    with pytest.raises(FileExistsError, match="existe déjà"):
        modele_vierge("note_cadrage", tmp_path / "modeles")
    assert path.read_bytes() == b"ce que le participant a rempli"
    assert modele_vierge("note_cadrage", tmp_path / "modeles", remplacer=True).chemin == path
    assert headings(word(path.read_bytes()))[0] == "Le problème"
    assert [p.name for p in path.parent.iterdir()] == ["note_cadrage.docx"]  # no leftover
    with pytest.raises(NotADirectoryError, match="pas un dossier"):
        modele_vierge("note_cadrage", path)


TRAINER_TEMPLATE = """\
kind: templates
items:
  - id: fiche_benevole
    source: trainer
    label: {fr: "Fiche bénévole"}
    purpose: {fr: "Ce qu’un bénévole peut donner au projet."}
    sections:
      - heading: {fr: "Disponibilités"}
        prompt: {fr: "Jours et heures."}
        lines: 2
      - heading: {fr: "Compétences"}
"""


def test_a_trainers_templates_file_adds_a_template_to_word_and_to_the_pack(tmp_path):
    (tmp_path / "contenu").mkdir()
    (tmp_path / "contenu" / "modeles.yaml").write_text(TRAINER_TEMPLATE, "utf-8")
    content = tc.utiliser_contenu(tmp_path / "contenu")
    assert [t.id for t in content.templates][-1] == "fiche_benevole"
    path = modele_vierge("fiche_benevole", tmp_path).chemin
    assert headings(word(path.read_bytes())) == ["Disponibilités", "Compétences"]
    names = [d.name for d in pack.documents(content)]
    assert "11_modele_fiche_benevole" in names and "11_modele_plan_sortie" in names


def test_the_pack_prints_each_template_and_gives_it_in_word_beside(tmp_path, content):
    folder = tc.imprimer(tmp_path / "pack", pdf=False)
    for template in content.templates:
        stem = tmp_path / "pack" / f"11_modele_{template.id}"
        assert stem.with_suffix(".html") in folder.fichiers
        assert stem.with_suffix(".docx") in folder.fichiers
        page = stem.with_suffix(".html").read_text("utf-8")
        assert all(str(s.heading) in page for s in template.sections)
        assert "@bottom-left" in page  # the pack's foot: credits and page numbers
        shown = headings(word(stem.with_suffix(".docx").read_bytes()))
        assert shown == [str(s.heading) for s in template.sections]
    assert f"11_modele_{content.templates[0].id}.docx" in folder._repr_html_()
