"""A document the course hands out (an agreement drafted in exercise 04, a blank template of
lesson 04), written once as data and given two ways: Word (:func:`to_docx`) and a page to
print (:func:`to_html`).

The model is a few frozen dataclasses: a :class:`Document` (title, subtitle, footer) holds
blocks: :class:`Heading`, :class:`Paragraph` (its line breaks kept), :class:`Bullets`,
:class:`Lines` to write on, :class:`Signatures` (one column per party). Every text goes
through :func:`printable` (characters Word refuses) and gets its French spacing.
python-docx is imported only when Word is written. Nothing of the course is imported here.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from . import html
from .palette import MUTED, RULE, TEXT_MUTED, TEXT_SOFT
from .text import french_spacing

# The MIME type of a Word document (a download link names it).
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Heading:
    """A heading: ``level`` 1 for an article or a section (Word's « Titre 1 », shown in the
    navigation pane), 2 for a part of it."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text, its line breaks kept; ``note``: a smaller, italic text
    (what to write, a remark)."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Lines:
    """``count`` lines to write on by hand, under an optional ``label``."""

    count: int
    label: str = ""


@dataclass(frozen=True)
class Signatory:
    """A party that signs: its name, and who signs for it (empty: a line to fill in)."""

    name: str
    signatory: str = ""


@dataclass(frozen=True)
class Signatures:
    """The signature block: for each party its name, « Signataire », « Signature et
    cachet » with room to sign, and « Fait à … le … »."""

    parties: tuple[Signatory, ...]


Block = Heading | Paragraph | Bullets | Lines | Signatures
# The words of a party's column of the signature block.
SIGNED_BY = "Signataire : "
SIGNATURE = "Signature et cachet :"
PLACE_AND_DATE = "Fait à …………………, le ……………"
BLANK = "……………………"


@dataclass(frozen=True)
class Document:
    """A document: its title, an optional subtitle, its blocks in order, and a footer line
    (the credits) at the foot of every page."""

    title: str
    blocks: tuple[Block, ...]
    subtitle: str = ""
    footer: str = ""
    keywords: tuple[str, ...] = field(default=(), compare=False)


# ----------------------------------------------------------------------------- the text

# Characters XML 1.0 (so Word) refuses, or that mean nothing on a page: C0 and C1 controls
# but tab and line feed, lone surrogates, U+FFFE and U+FFFF.
_REFUSED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c]")


def printable(text: str) -> str:
    """A text as both writers put it on the page: a vertical tab or a form feed (which Word
    writes for a line or a page break, and a paste out of Word brings) and a carriage return
    become a line break; every other control character (``\\x00``…), lone surrogate and
    non-character is dropped; the rest (emoji, Arabic, ``<``, ``&``) is kept as it is.

    >>> printable("Article\\x0bpremier\\x00 <b>&amp;")
    'Article\\npremier <b>&amp;'
    """
    return _REFUSED.sub("", _BREAKS.sub("\n", text))


def _shown(text: str) -> str:
    """A text as Word shows it: printable, with its French spacing (HTML gets the same
    spacing from :func:`html.escape`)."""
    return french_spacing(printable(text))


def right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left: its first letter is Arabic or Hebrew.

    >>> right_to_left("اتفاقية شراكة"), right_to_left("« Accord » اتفاقية")
    (True, False)
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


# ----------------------------------------------------------------------------- HTML

STYLE = f"""
.tanmia-document {{ max-width: 46em; }}
.tanmia-document h1 {{ margin-bottom: 0.1em; }}
.tanmia-document .sous-titre {{ font-size: 1.15em; color: {TEXT_SOFT}; margin-top: 0; }}
.tanmia-document h2 {{ margin-top: 1.2em; break-after: avoid; }}
.tanmia-document h3 {{ margin: 0.8em 0 0.2em; break-after: avoid; }}
.tanmia-document p {{ white-space: pre-wrap; }}
.tanmia-document .note {{ font-style: italic; font-size: 0.92em; color: {TEXT_SOFT};
  break-after: avoid; }}
.tanmia-document .lignes {{ break-inside: avoid; margin: 0.3em 0 0.8em; }}
.tanmia-document .ligne-a-remplir {{ display: block; border-bottom: 1px solid {MUTED};
  height: 7mm; }}
.tanmia-document .signatures {{ display: grid; gap: 6mm 8mm; margin-top: 8mm;
  grid-template-columns: repeat(auto-fill, minmax(52mm, 1fr)); }}
.tanmia-document .signature {{ break-inside: avoid; }}
.tanmia-document .signature p {{ margin: 0.2em 0; }}
.tanmia-document .cachet {{ height: 22mm; border-bottom: 1px solid {MUTED}; }}
.tanmia-document footer {{ font-size: 0.8em; color: {TEXT_MUTED}; margin-top: 3em;
  border-top: 1px solid {RULE}; }}
"""
"""The blocks' styles, for what is inside an element of class ``tanmia-document``."""

PAGE_STYLE = (
    "@page { size: A4 portrait; margin: 20mm 20mm 18mm 20mm; }\n"
    "@media print { html body.tanmia-rapport { margin: 0; max-width: none; padding: 0;"
    " font-size: 10.5pt; line-height: 1.35; } }"
)


def _html_text(text: str) -> str:
    return html.escape(printable(text))


def _direction(text: str) -> str:
    return " dir='rtl'" if right_to_left(text) else ""


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        tag = f"h{min(block.level + 1, 6)}"
        return f"<{tag}{_direction(block.text)}>{_html_text(block.text)}</{tag}>"
    if isinstance(block, Paragraph):
        note = " class='note'" if block.note else ""
        return f"<p{note}{_direction(block.text)}>{_html_text(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li{_direction(t)}>{_html_text(t)}</li>" for t in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Lines):
        label = f"<p>{_html_text(block.label)}</p>" if block.label else ""
        lines = "<span class='ligne-a-remplir'></span>" * block.count
        return f"<div class='lignes'>{label}{lines}</div>"
    columns = "".join(
        "<div class='signature'>"
        f"<p><strong{_direction(p.name)}>{_html_text(p.name)}</strong></p>"
        f"<p>{_html_text(SIGNED_BY + (p.signatory or BLANK))}</p>"
        f"<p>{_html_text(SIGNATURE)}</p><div class='cachet'></div>"
        f"<p>{_html_text(PLACE_AND_DATE)}</p></div>"
        for p in block.parties
    )
    return f"<div class='signatures'>{columns}</div>"


def html_body(document: Document, footer: bool = False) -> str:
    """The document's title and blocks as HTML, and its ``footer`` if asked (the trainer's
    pack leaves it out: its pages carry the credits at their foot)."""
    subtitle = (
        f"<p class='sous-titre'>{_html_text(document.subtitle)}</p>" if document.subtitle else ""
    )
    blocks = "".join(_html_block(b) for b in document.blocks)
    foot = (
        f"<footer><p>{_html_text(document.footer)}</p></footer>"
        if footer and document.footer
        else ""
    )
    return (
        f"<div class='tanmia-document'><h1{_direction(document.title)}>"
        f"{_html_text(document.title)}</h1>{subtitle}{blocks}{foot}</div>"
    )


def to_html(document: Document) -> str:
    """The document as a standalone page to print on A4: its blocks, then its footer."""
    body = html_body(document, footer=True)
    return html.page(printable(document.title), f"<style>{STYLE}{PAGE_STYLE}</style>", body)


# ----------------------------------------------------------------------------- Word


def to_docx(document: Document) -> bytes:
    """The document as a Word file (``.docx``): A4 page, Word's own title and heading
    styles (the articles appear in the navigation pane), a footer with the document's
    footer line and « page n / total ». Never fails on a text: see :func:`printable`."""
    import docx  # python-docx: imported only when Word is written
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(22)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.footer_distance = Mm(8)
    normal = word.styles["Normal"]
    normal.font.size = Pt(11)
    _language(normal.element)
    word.core_properties.title = printable(document.title)
    word.core_properties.language = "fr-FR"
    if document.keywords:
        word.core_properties.keywords = ", ".join(printable(k) for k in document.keywords)

    _paragraph(word.add_paragraph(style="Title"), document.title)
    if document.subtitle:
        _paragraph(word.add_paragraph(style="Subtitle"), document.subtitle)
    for block in document.blocks:
        _docx_block(word, block)

    foot = section.footer.paragraphs[0]
    _paragraph(foot, document.footer, size=Pt(7.5))
    numbers = section.footer.add_paragraph(style="Footer")
    numbers.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    numbers.add_run("page ").font.size = Pt(8)
    _field(numbers, "PAGE", Pt(8))
    numbers.add_run(" / ").font.size = Pt(8)
    _field(numbers, "NUMPAGES", Pt(8))

    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _docx_block(word: Any, block: Block) -> None:
    from docx.shared import Mm, Pt

    if isinstance(block, Heading):
        _paragraph(word.add_paragraph(style=f"Heading {min(block.level, 9)}"), block.text)
    elif isinstance(block, Paragraph):
        shown = _paragraph(word.add_paragraph(), block.text, size=Pt(10) if block.note else None)
        for run in shown.runs:
            run.italic = block.note or None
    elif isinstance(block, Bullets):
        for item in block.items:
            _paragraph(word.add_paragraph(style="List Bullet"), item)
    elif isinstance(block, Lines):
        if block.label:
            _paragraph(word.add_paragraph(), block.label)
        for _ in range(block.count):
            line = word.add_paragraph()
            line.paragraph_format.space_before = Mm(4)
            line.paragraph_format.space_after = Mm(0)
            line.paragraph_format.keep_with_next = True
            _rule(line)
        if block.count:
            line.paragraph_format.keep_with_next = False
    else:
        _signatures(word, block)


def _signatures(word: Any, block: Signatures) -> None:
    """One column per party (three at most side by side, then a new row)."""
    from docx.shared import Mm

    word.add_paragraph()
    per_row = min(3, len(block.parties)) or 1
    rows = -(-len(block.parties) // per_row)
    table = word.add_table(rows=rows, cols=per_row)
    table.autofit = True
    for n, party in enumerate(block.parties):
        cell = table.cell(n // per_row, n % per_row)
        name = _paragraph(cell.paragraphs[0], party.name)
        for run in name.runs:
            run.bold = True
        _paragraph(cell.add_paragraph(), SIGNED_BY + (party.signatory or BLANK))
        _paragraph(cell.add_paragraph(), SIGNATURE)
        room = cell.add_paragraph()
        room.paragraph_format.space_before = Mm(22)
        _rule(room)
        _paragraph(cell.add_paragraph(), PLACE_AND_DATE)
    for row in table.rows:  # a party's column is never cut across two pages
        row_pr = row._tr.get_or_add_trPr()
        row_pr.append(_element("w:cantSplit"))


def _paragraph(paragraph: Any, text: str, size: Any = None) -> Any:
    """``text`` in a Word paragraph: line breaks kept (python-docx writes ``\\n`` as a
    break), right to left when it reads so."""
    run = paragraph.add_run(_shown(text))
    if size is not None:
        run.font.size = size
    if right_to_left(text):
        _add(paragraph._p.get_or_add_pPr(), _element("w:bidi"), _PPR)
        _add(run._r.get_or_add_rPr(), _element("w:rtl"), _RPR)
    return paragraph


def _rule(paragraph: Any) -> None:
    """A line to write on: the paragraph's bottom border (and the one Word draws between
    two such paragraphs, which it groups)."""
    borders = _element("w:pBdr")
    for side in ("bottom", "between"):
        borders.append(_element(f"w:{side}", val="single", sz="4", space="1", color="999999"))
    _add(paragraph._p.get_or_add_pPr(), borders, _PPR)


def _field(paragraph: Any, instruction: str, size: Any) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) that Word computes when it shows the page."""
    run = paragraph.add_run("1")
    run.font.size = size
    simple = _element("w:fldSimple", instr=instruction)
    run._r.addprevious(simple)
    simple.append(run._r)


def _language(style_element: Any) -> None:
    """French for the spelling checker, Arabic for right-to-left text."""
    rpr = style_element.get_or_add_rPr()
    _add(rpr, _element("w:lang", val="fr-FR", bidi="ar-MA"), _RPR)


# The order WordprocessingML requires of a paragraph's and a run's properties (Word calls a
# file whose elements are out of order unreadable): what python-docx does not place itself.
_PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
_RPR = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)


def _add(parent: Any, child: Any, order: str) -> None:
    """Put ``child`` among ``parent``'s elements where ``order`` (names, in the order the
    schema wants them) says."""
    names = order.split()
    later = names[names.index(child.tag.rpartition("}")[2]) + 1 :]
    parent.insert_element_before(child, *(f"w:{tag}" for tag in later))


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    return made
