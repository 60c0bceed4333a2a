"""HTML for the notebooks, written once: escaping, feedback blocks, tables, coloured chips.

Every text a learner typed or the content gives goes through :func:`escape` here, which
also gives it its French spacing; the functions whose argument is named ``inner`` take HTML
already built with these helpers.
Pure text: no pandas (:func:`frame_table` is given a DataFrame, and only reads it), no widgets.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Sequence
from html import escape as _html_escape
from typing import Any

from .palette import ERROR, LEVEL_COLOURS, OK
from .text import fr_number, french_spacing


def escape(text: str, quote: bool = True) -> str:
    """A text as HTML shows it, the one escaping of the course: French spacing
    (:func:`~tanmia_course.display.text.french_spacing`), then « < », « > », « & » and
    quotes escaped.

    >>> escape("Réponse : <b>")
    'Réponse\xa0: &lt;b&gt;'
    """
    return _html_escape(french_spacing(text), quote)


def block(inner: str, colour: str, bar: int = 4, alone: bool = False) -> str:
    """A block of HTML (``inner``) with a bar of ``colour`` on its left; ``alone``: a
    result shown by itself in a cell, with more room and no margin.

    >>> block("Bien.", "#0072B2")
    "<div style='border-left:4px solid #0072B2;padding:0.2em 0.6em;margin:0.3em 0'>Bien.</div>"
    """
    room = "padding:0.3em 0.8em" if alone else "padding:0.2em 0.6em;margin:0.3em 0"
    return f"<div style='border-left:{bar}px solid {colour};{room}'>{inner}</div>"


def feedback(
    text: str,
    level: str,
    title: str = "",
    icon: str = "",
    *,
    colour: str | None = None,
    bar: int = 4,
    detail: str = "",
    alone: bool = False,
) -> str:
    """A feedback block: ``level`` (``ok``, ``warning``, ``error`` or ``info``) gives its
    colour unless ``colour`` is given; ``icon`` and ``title`` in bold, then the text; a
    ``detail`` goes on a second line; ``alone`` as for :func:`block`. Every text is escaped.

    >>> feedback("2 + 2 = 4.", "ok", "Correct", "✓")  # doctest: +ELLIPSIS
    "<div style='border-left:4px solid #0072B2;...'><strong>✓ Correct</strong> — 2 + 2 = 4.</div>"
    """
    head = " ".join(part for part in (icon, title) if part)
    inner = escape(text)
    if head:
        inner = f"<strong>{escape(head)}</strong>" + (f" — {inner}" if text else "")
    if detail:
        inner += f"<br>{escape(detail)}"
    return block(inner, colour or LEVEL_COLOURS[level], bar, alone)


def chip(text: str, colour: str, label: str = "") -> str:
    """A short text on a coloured background (a traffic light), with its ``label`` after it
    in small letters, so that the colour is never the only sign."""
    shown = (
        "<span style='display:inline-block;min-width:1.2em;padding:0 0.4em;border-radius:3px;"
        f"background:{colour};color:#000'>{escape(text)}</span>"
    )
    return shown + (f" <small>{escape(label)}</small>" if label else "")


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    left: Iterable[int] = (),
    css_class: str = "",
    index: bool = False,
    cell_style: str = "",
) -> str:
    """A table; ``header`` is plain text (escaped), ``rows`` hold HTML cells (escape texts
    with :func:`escape`, or build them with :func:`chip`); the columns numbered in ``left``
    are aligned left, the others as the notebook aligns numbers. With ``index``, a row's
    first cell is its label (a ``th``); ``cell_style`` is added to every cell of the body.

    >>> table(["id"], [["a"]], index=True)
    '<table><thead><tr><th>id</th></tr></thead><tbody><tr><th>a</th></tr></tbody></table>'
    """
    lefts = set(left)

    def cell(tag: str, n: int, value: str, extra: str = "") -> str:
        style = ";".join(s for s in ("text-align:left" if n in lefts else "", extra) if s)
        return f"<{tag} style='{style}'>{value}</{tag}>" if style else f"<{tag}>{value}</{tag}>"

    head = "".join(cell("th", n, escape(h)) for n, h in enumerate(header))
    body = "".join(
        "<tr>"
        + "".join(
            cell("th" if index and n == 0 else "td", n, v, cell_style) for n, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    opening = f"<table class='{css_class}'>" if css_class else "<table>"
    return f"{opening}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def cell_text(value: Any) -> str:
    """A table's value as French text: « — » when missing, « oui » / « non », decimal commas.

    >>> cell_text(-0.5), cell_text(True), cell_text(float("nan")), cell_text(None)
    ('−0,5', 'oui', '—', '—')
    """
    try:
        missing = value is None or bool(value != value)  # NaN is the one value unlike itself
    except TypeError:  # pandas' NA, to which every comparison answers NA
        missing = True
    if missing:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):  # at most two decimals, trailing zeros left out
        return fr_number(value).rstrip("0").rstrip(",")
    return str(value)


def frame_table(
    frame: Any,
    columns: dict[str, str] | None = None,
    formats: dict[str, Callable[[Any], str]] | None = None,
    index: str | None = None,
    left: Iterable[int] = (),
) -> str:
    """A DataFrame as a :func:`table` of class ``tanmia-classe`` whose every cell is escaped
    (:func:`cell_text`, the decimal numbers of a column all with as many decimals, unless
    ``formats`` formats the column); ``columns`` renames the columns shown (and keeps only
    them), ``index`` heads a first column of the row labels, ``left`` as for :func:`table`."""
    columns = columns or {c: str(c) for c in frame.columns}
    shown = {c: (formats or {}).get(c) or _column_format(frame[c]) for c in columns}
    rows = (
        ([escape(cell_text(key))] if index is not None else [])
        + [escape(show(row[c])) for c, show in shown.items()]
        for key, row in frame.iterrows()
    )
    header = ([index] if index is not None else []) + list(columns.values())
    return table(header, rows, left, css_class="tanmia-classe")


def _column_format(values: Iterable[Any]) -> Callable[[Any], str]:
    """:func:`cell_text` for one column, its decimal numbers given the same number of decimals
    (as many as the column needs, at most two), so that 2,5 and 2,75 read 2,50 and 2,75.

    >>> show = _column_format([2.5, 2.75, 3.0, None])
    >>> [show(v) for v in (2.5, 2.75, 3.0, None)]
    ['2,50', '2,75', '3,00', '—']
    """
    floats = [v for v in values if isinstance(v, float) and v == v]
    if not floats:
        return cell_text
    digits = max(len(cell_text(v).partition(",")[2]) for v in floats)
    return lambda v: fr_number(v, digits) if isinstance(v, float) and v == v else cell_text(v)


def section(css_class: str, *parts: str) -> str:
    """Parts of HTML in one ``div`` of ``css_class`` (the notebook's styles may use it)."""
    return f"<div class='{css_class}'>{''.join(parts)}</div>"


def heading(text: str, level: int = 4) -> str:
    """A title (escaped)."""
    return f"<h{level}>{escape(text)}</h{level}>"


def paragraph(text: str, italic: bool = False) -> str:
    """A paragraph of plain text (escaped), in italics for a note."""
    inner = f"<em>{escape(text)}</em>" if italic else escape(text)
    return f"<p>{inner}</p>"


def facts(pairs: Iterable[tuple[str, str]]) -> str:
    """Labelled lines in one paragraph: « **label :** text », texts escaped.

    >>> facts([("Votre verdict", "Solide"), ("Référence", "<b>")])
    '<p><strong>Votre verdict\xa0:</strong> Solide<br><strong>Référence\xa0:</strong> &lt;b&gt;</p>'
    """
    lines = (f"<strong>{escape(label)} :</strong> {escape(text)}" for label, text in pairs)
    return f"<p>{'<br>'.join(lines)}</p>"


def line(text: str, colour: str, bold: bool = False) -> str:
    """A line of coloured text (escaped): what a widget just did, or why it could not."""
    inner = f"<strong>{escape(text)}</strong>" if bold else escape(text)
    return f"<p style='margin:0.2em 0;color:{colour}'>{inner}</p>"


def download_link(data: bytes, filename: str, text: str, mime: str = "application/json") -> str:
    """An HTML link that downloads ``data`` as ``filename`` (a data: URI: works offline, in
    JupyterLab and in Voilà, with no server route).

    >>> link = download_link(b"{}", "a.json", "Télécharger")
    >>> link.startswith("<a download='a.json' href='data:application/json;base64,e30='")
    True
    """
    payload = base64.b64encode(data).decode("ascii")
    return (
        f"<a download='{escape(filename, quote=True)}' "
        f"href='data:{mime};base64,{payload}' target='_blank' "
        "style='font-weight:bold;text-decoration:underline'>"
        f"{escape(text)}</a>"
    )


STYLESHEET = f"""<style>
body.tanmia-rapport {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; line-height: 1.45; }}
.tanmia-rapport h1 {{ border-bottom: 3px solid {OK}; padding-bottom: 0.2em; }}
.tanmia-rapport h2 {{ margin-top: 2em; border-bottom: 1px solid #ccc; }}
.tanmia-rapport table {{ border-collapse: collapse; margin: 0.6em 0; font-size: 0.92em; }}
.tanmia-rapport th, .tanmia-rapport td {{ border: 1px solid #ddd; padding: 0.25em 0.55em;
  text-align: left; vertical-align: top; }}
.tanmia-rapport thead th {{ background: #f2f2f2; }}
.tanmia-note, .tanmia-alerte {{ border-left: 4px solid {OK}; padding: 0.2em 0.7em;
  margin: 0.6em 0; }}
.tanmia-alerte {{ border-left-color: {ERROR}; }}
.tanmia-rapport img {{ max-width: 100%; height: auto; }}
img.tanmia-figure {{ display: block; margin: 0.6em 0; }}
.tanmia-rapport .note {{ white-space: pre-wrap; }}
.tanmia-rapport footer, .tanmia-rapport .petit {{ font-size: 0.85em; color: #555; }}
.tanmia-rapport footer {{ margin-top: 3em; border-top: 1px solid #ccc; }}
.tanmia-rapport nav a {{ margin-right: 1em; }}
.tanmia-rapport .lm-TabBar-tab {{ flex: 0 0 auto !important; min-width: max-content !important;
  max-width: none !important; }}
@media print {{ .tanmia-rapport h2 {{ page-break-after: avoid; }}
  .tanmia-rapport tr, .tanmia-rapport img {{ page-break-inside: avoid; }}
  .tanmia-rapport .annexe {{ page-break-before: always; }} }}
</style>"""
"""The reports' one stylesheet, for what is inside an element of class ``tanmia-rapport`` (a
report's body, the class view's widget): tables, notes (``tanmia-note``, ``tanmia-alerte``),
figures, typed texts kept as typed (``note``), small print (``petit``), the page breaks of
a printout, and the class view's tabs as wide as their titles."""


def page(title: str, *parts: str) -> str:
    """A standalone French page (one file that opens offline and prints): ``title``
    (escaped) in its tab, the ``parts`` of HTML in its body, styled by :data:`STYLESHEET`."""
    return (
        "<!DOCTYPE html>\n<html lang='fr'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title>{STYLESHEET}</head>"
        f"<body class='tanmia-rapport'>{''.join(parts)}</body></html>\n"
    )
