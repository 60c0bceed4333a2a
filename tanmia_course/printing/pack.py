"""The trainer's pack: the course's exercises on paper, built from the content in force.

Each document is one standalone HTML page for A4 (or A3) paper, styled by ``print.css``:
cards to cut out, a grid to lay them on, case handouts with a blank audit grid, quiz sheets
and their key, the forms of a workshop, and certificates from a class's hand-ins. Every
page's foot carries the guide's credit and the page number.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.actor_map import HIGH_FROM, SCALE_MAX, SCALE_MIN, scale, vocabulary
from ..content.display import Programme, credit_line
from ..content.model import Activity, CaseStudy, Content, Forms, Quiz, Template
from ..content.verdict import LEVEL_NAMES, LEVELS, VERDICTS, verdict_rules_text
from ..display import document as layout
from ..display import html
from ..display.text import fr_date, hours, quoted
from ..exercises.agreement.report import template_document
from ..work.registry import known_exercises

if TYPE_CHECKING:
    from ..classroom.result import Classe

HERE = Path(__file__).parent
CARDS_PER_SHEET = 18  # 3 columns x 6 rows of 58 x 38 mm
MIN_BLANK_CARDS = 3  # at least this many blank cards for what the room adds


@dataclass(frozen=True)
class Document:
    """One printed document: its file name (without extension), title, what it is for, its
    body (HTML), its paper (``a4``, ``a4-paysage``, ``a3-paysage``, ``a3-portrait``), how
    many pages it prints on when that is fixed (card sheets, a grid, certificates), and the
    document it was laid out from when it is also given in Word (a blank template)."""

    name: str
    title: str
    purpose: str
    body: str
    paper: str = "a4"
    pages: int | None = None
    word: layout.Document | None = None

    def page(self) -> str:
        """The document as a standalone page, ready to print."""
        main = f"<main class='impression {self.paper}'>{self.body}</main>"
        return html.page(self.title, f"<style>{stylesheet()}</style>", main)


@cache
def stylesheet() -> str:
    """``print.css``, then the foot of every page: the guide's credit and the page number."""
    credit = credit_line().replace("\\", "\\\\").replace('"', '\\"')
    foot = (
        '@page { @bottom-left { content: "' + credit + '"; font-size: 7pt; color: #555;'
        " font-family: system-ui, sans-serif; vertical-align: top; padding-top: 3mm; }"
        ' @bottom-right { content: "page " counter(page) " / " counter(pages); font-size: 7pt;'
        " color: #555; font-family: system-ui, sans-serif; vertical-align: top;"
        " padding-top: 3mm; white-space: nowrap; } }\n"
    )
    return (HERE / "print.css").read_text(encoding="utf-8") + layout.STYLE + foot


def forms(content: Content) -> Forms:
    """The texts of the forms in ``content`` (``kind: forms``): the course's, or a trainer's
    that took their id (the loader lets only one set through)."""
    return content.forms[-1]


# ------------------------------------------------------------------------- small pieces


def _card(kind: str, name: str, text: str = "", fill: str = "", blank: bool = False) -> str:
    """A card to cut out: its kind in small capitals, its name, a text, a line to fill in."""
    marks = "".join(f"<span class='repere {corner}'></span>" for corner in ("hg", "hd", "bg", "bd"))
    return (
        f"<div class='carte{' vierge' if blank else ''}'>{marks}"
        f"<div class='sorte'>{html.escape(kind)}</div>"
        f"<div class='nom'>{html.escape(name)}</div>"
        + (f"<div class='texte'>{html.escape(text)}</div>" if text else "")
        + (f"<div class='a-remplir'>{html.escape(fill)}</div>" if fill else "")
        + "</div>"
    )


def _sheets(title: str, intro: str, cards: Sequence[str], blank: str) -> tuple[str, int]:
    """Cards on sheets of :data:`CARDS_PER_SHEET`, the last one filled with ``blank`` cards
    (at least :data:`MIN_BLANK_CARDS`), the first one under the ``title`` and the ``intro``
    (plain text); the HTML and the number of sheets."""
    count = max(1, math.ceil((len(cards) + MIN_BLANK_CARDS) / CARDS_PER_SHEET))
    cards = [*cards, *[blank] * (count * CARDS_PER_SHEET - len(cards))]
    heads = [f"<h1>{html.escape(title)}</h1><p class='consigne'>{html.escape(intro)}</p>"]
    heads += [
        f"<h2>{html.escape(title)} — planche {n + 1} sur {count}</h2>" for n in range(1, count)
    ]
    sheets = "".join(
        f"<section class='feuille'>{heads[n]}<div class='planche'>"
        f"{''.join(cards[n * CARDS_PER_SHEET : (n + 1) * CARDS_PER_SHEET])}</div></section>"
        for n in range(count)
    )
    return sheets, count


def _box(round_: bool = False) -> str:
    return f"<span class='case{' ronde' if round_ else ''}'></span>"


def _lines(count: int) -> str:
    return "<span class='ligne-a-remplir'></span>" * count


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


# ------------------------------------------------------------------------- documents


def _activity_sheet(activity: Activity, durations: list[str]) -> str:
    """One activity's facilitation sheet: aim, duration, materials, room, steps, debrief,
    misconceptions, no-computer variant, notebooks."""

    def part(title: str, inner: str) -> str:
        return f"<div class='bloc'><h3>{html.escape(title)}</h3>{inner}</div>"

    def items(texts: Sequence[object], tag: str = "ul") -> str:
        return f"<{tag}>{''.join(f'<li>{html.escape(str(t))}</li>' for t in texts)}</{tag}>"

    facts = [("Objectif", str(activity.aim))]
    if durations:
        facts.append(("Durée", "\u202f; ".join(durations)))
    if activity.notebooks:
        facts.append(("Carnets", ", ".join(activity.notebooks)))
    parts = [f"<h2>{html.escape(str(activity.label))}</h2>", html.facts(facts)]
    if activity.materials:
        parts.append(part("Matériel", items(activity.materials)))
    if activity.room is not None:
        parts.append(part("Disposition de la salle", html.paragraph(str(activity.room))))
    parts.append(part("Déroulé", items(activity.steps, "ol")))
    if activity.debrief:
        parts.append(part("Questions pour le bilan", items(activity.debrief)))
    if activity.misconceptions:
        parts.append(part("Idées reçues à attendre", items(activity.misconceptions)))
    if activity.without_computer is not None:
        parts.append(part("Sans ordinateur", html.paragraph(str(activity.without_computer))))
    return f"<section class='nouvelle-page'>{''.join(parts)}</section>"


def facilitation_guide(content: Content) -> Document:
    """The agendas with their clock times (as ``tc.programme`` shows them), then each
    activity's facilitation sheet, with its duration in each agenda."""
    activities = {a.id: a for a in content.activities}
    agendas = "".join(
        f"<div class='bloc'>{Programme(agenda, activities)._repr_html_()}</div>"
        for agenda in content.agendas
    )
    sheets = []
    for activity in content.activities:
        durations = [
            f"{hours(block.minutes)} ({agenda.label})"
            for agenda in content.agendas
            for session in agenda.sessions
            for block in session.blocks
            if block.activity == activity.id and not block.pause
        ]
        sheets.append(_activity_sheet(activity, durations))
    body = (
        "<h1>Guide d’animation</h1><p class='consigne'>Les programmes de l’atelier, avec leurs "
        "horaires, puis une fiche par activité. Les durées sont celles des blocs de chaque "
        "programme.</p>" + agendas + "".join(sheets)
    )
    return Document(
        "00_guide_animation",
        "Guide d’animation",
        "les programmes avec leurs horaires et la fiche d’animation de chaque activité (A4)",
        body,
    )


def actor_cards(content: Content) -> Document:
    """The guide's actors, then the local actors of the content's maps and cases, and blanks."""
    vocab = vocabulary(content)
    fill = "Influence : ……   Intérêt : ……"
    cards = [_card("Acteur du guide", str(a.label), fill=fill) for a in content.actors]
    seen = {_name_key(str(a.label)) for a in content.actors}
    local = [(m.label, m.category) for a_map in content.actor_maps for m in a_map.actors]
    local += [(a.name, a.category) for case in content.case_studies for a in case.actors]
    for label, category in local:
        if label is None or _name_key(str(label)) in seen:
            continue
        seen.add(_name_key(str(label)))
        group = vocab.categories.get(category or "")
        kind = f"Acteur local — {group.label}" if group else "Acteur local"
        cards.append(_card(kind, str(label), fill=fill))
    intro = (
        "Découpez le long des pointillés. Les groupes écrivent l’influence et l’intérêt de "
        "chaque acteur, puis posent la carte sur la grille influence / intérêt. Les cartes "
        "vierges servent aux acteurs que la salle ajoute."
    )
    blank = _card("Acteur", "", fill=fill, blank=True)
    sheets, count = _sheets("Cartes des acteurs", intro, cards, blank)
    return Document(
        "01_cartes_acteurs",
        "Cartes des acteurs",
        "les acteurs du guide et du territoire, à découper et à poser sur la grille (A4)",
        sheets,
        pages=count,
    )


def actor_grid(content: Content) -> Document:
    """The influence / interest grid on A3: the scale's bands, a quadrant per strategy."""
    strategies = vocabulary(content).strategies.values()
    low = HIGH_FROM - SCALE_MIN  # bands of the low half: SCALE_MIN .. HIGH_FROM - 1
    high = SCALE_MAX - HIGH_FROM + 1
    quadrants = []
    for influence in ("high", "low"):
        for interest in ("low", "high"):
            found = next(
                (s for s in strategies if (s.influence, s.interest) == (influence, interest)), None
            )
            text = (
                f"<div class='strategie'><strong>{html.escape(str(found.label))}</strong>"
                f"{html.escape(str(found.explanation))}</div>"
                if found
                else ""
            )
            edges = " ".join(
                c
                for c, on in (("fort-x", interest == "high"), ("fort-y-bas", influence == "low"))
                if on
            )
            quadrants.append(f"<div class='quadrant {edges}'>{text}</div>")
    middle = {
        v: (v - SCALE_MIN + 0.5) * 100 / (low + high) for v in range(SCALE_MIN, SCALE_MAX + 1)
    }
    bands = "".join(
        f"<span class='graduation' style='left:calc({at}% - 1mm);bottom:1mm'>{v}</span>"
        f"<span class='graduation' style='left:1mm;bottom:calc({at}% - 1.5mm)'>{v}</span>"
        for v, at in middle.items()
    )
    grid = (
        "<div class='grille-acteurs'>"
        f"<div class='axe-y'>Influence sur le projet ({scale('influence')}) →</div>"
        f"<div class='quadrants' style='position:relative;grid-template-columns:{low}fr {high}fr;"
        f"grid-template-rows:{high}fr {low}fr'>{''.join(quadrants)}{bands}</div>"
        f"<div class='axe-x'>Intérêt pour le projet ({scale('interest')}) →</div></div>"
    )
    title = "Grille influence / intérêt"
    intro = (
        f"<h1>{title}</h1><p class='consigne'>Posez chaque carte d’acteur selon son influence "
        f"et son intérêt. Une valeur est forte à partir de {HIGH_FROM} : la stratégie "
        "d’engagement est celle du quadrant où tombe la carte (d’après Mendelow).</p>"
    )
    return Document(
        "02_grille_influence_interet",
        title,
        "la grille où poser les cartes des acteurs, avec la stratégie de chaque quadrant (A3)",
        intro + grid,
        paper="a3-paysage",
        pages=1,
    )


def benefit_cards(content: Content) -> Document:
    """The guide's benefits, one card each with its theme, and blanks."""
    themes = {t.id: str(t.label) for t in content.themes}
    cards = [
        _card(themes.get(b.theme, b.theme), str(b.label), str(b.explanation or ""))
        for b in content.benefits
    ]
    intro = (
        "Découpez le long des pointillés. Chaque groupe choisit neuf cartes et les range sur "
        "le losange, de la plus importante (en haut) à la moins importante (en bas)."
    )
    blank = _card("Avantage", "", blank=True)
    sheets, count = _sheets("Cartes des avantages", intro, cards, blank)
    return Document(
        "03_cartes_avantages",
        "Cartes des avantages",
        f"les {len(content.benefits)} avantages du guide, avec leur thème, à découper (A4)",
        sheets,
        pages=count,
    )


DIAMOND_ROWS = (1, 2, 3, 2, 1)


def diamond_mat() -> Document:
    """The diamond-9 mat: rows 1-2-3-2-1 of slots a benefit card fits in."""
    rows = ["<div class='etiquette'>Le plus important</div>"]
    for n, width in enumerate(DIAMOND_ROWS, start=1):
        slots = f"<div class='emplacement'>{n}</div>" * width
        rows.append(f"<div class='rang' title='rang {n}'>{slots}</div>")
    rows.append("<div class='etiquette'>Le moins important</div>")
    body = (
        "<h1>Losange de classement</h1><p class='consigne'>Posez une carte d’avantage par "
        "case ; le chiffre d’une case est le rang de la carte. Les cartes d’un même rang "
        "comptent autant l’une que l’autre : le groupe n’a à s’accorder que sur le rang, "
        "pas sur l’ordre à l’intérieur d’un rang.</p>"
        f"<div class='losange bloc'>{''.join(rows)}</div>"
    )
    return Document(
        "04_losange_classement",
        "Losange de classement",
        "le tapis où ranger neuf cartes d’avantages en rangs 1-2-3-2-1 (A4)",
        body,
        pages=1,
    )


def case_handout(case: CaseStudy) -> Document:
    """A case study to hand out: the case as the notebook shows it (its one rendering)."""
    body = f"<h1>{html.escape(str(case.title))}</h1>{case.narrative_html()}"
    return Document(
        f"05_cas_{case.id}_recit",
        f"Étude de cas : {case.title}",
        f"le récit du cas {quoted(case.title)}, à distribuer (A4)",
        body,
    )


def audit_grid(content: Content, case: CaseStudy) -> Document:
    """A blank audit grid for one case: criteria x levels with an evidence column, the
    warning signs as a checklist, the verdict to choose."""
    criteria = html.table(
        [
            "Critère",
            *(f"Niveau {n} — {name}" for n, name in zip(LEVELS, LEVEL_NAMES, strict=True)),
            "Preuve (§ et citation)",
        ],
        (
            [
                f"<strong>{html.escape(str(c.short))}</strong><br><small>"
                f"{html.escape(str(c.question))}</small>",
                *(
                    f"{_box()}<small>{html.escape(str(level))}</small>"
                    for level in c.levels[: len(LEVELS)]
                ),
                "",
            ]
            for c in content.criteria
        ),
        css_class="grille-audit",
    )
    signs = html.table(
        ["Signe d’alerte (cochez s’il est présent)", "Preuve (§ et citation)"],
        ([f"{_box()}{html.escape(str(s.label))}", ""] for s in content.warning_signs),
        css_class="liste-signes",
    )
    verdicts = "".join(
        f"<p>{_box(round_=True)}{html.escape(label)}</p>"
        for key, label in VERDICTS.items()
        if key != "a_completer"
    )
    body = (
        f"<h1>Grille d’audit — {html.escape(str(case.title))}</h1>"
        "<p class='consigne'>Groupe : ………………………………  Pour chaque critère, cochez un "
        "niveau et notez le paragraphe (§) qui le montre.</p>"
        f"{criteria}<div class='bloc'><h2>Signes d’alerte</h2>{signs}</div>"
        "<div class='bloc'><h2>Verdict</h2>"
        f"<p class='consigne'>{html.escape(verdict_rules_text())}</p>"
        "<p>Indice\u00a0: ………… ÷ 3 = …………</p>"
        f"{verdicts}<h3>Recommandations</h3>{_lines(4)}</div>"
    )
    return Document(
        f"05_cas_{case.id}_grille_audit",
        f"Grille d’audit : {case.title}",
        f"la grille d’audit vierge du cas {quoted(case.title)} (A4 paysage)",
        body,
        paper="a4-paysage",
    )


def _quiz_sheet(quiz: Quiz) -> str:
    """One quiz on its own page: round boxes where one answer is right, square ones where
    several may be (said after each question that does not say it)."""
    questions = []
    for n, q in enumerate(quiz.questions, start=1):
        single = q.type == "single"
        hint = "une seule réponse" if single else "plusieurs réponses possibles"
        prompt = html.escape(str(q.prompt))
        if hint not in str(q.prompt):  # said once, by the question or after it
            prompt += f" <small>({hint})</small>"
        options = "".join(f"<p>{_box(single)}{html.escape(str(o.text))}</p>" for o in q.options)
        questions.append(f"<div class='bloc'><h3>{n}. {prompt}</h3>{options}</div>")
    return (
        f"<section class='nouvelle-page'><h2>{html.escape(str(quiz.title))}</h2>"
        f"<p>Nom\u00a0: ……………………………………………</p>{''.join(questions)}</section>"
    )


def quiz_sheets(content: Content) -> Document:
    body = "<h1>Quiz</h1>" + "".join(_quiz_sheet(q) for q in content.quizzes)
    return Document(
        "06_quiz",
        "Quiz",
        "une feuille par quiz, les réponses à cocher (A4)",
        body.replace("<section class='nouvelle-page'>", "<section>", 1),
    )


def quiz_key(content: Content) -> Document:
    parts = ["<h1>Quiz — corrigé</h1>"]
    for quiz in content.quizzes:
        parts.append(f"<h2>{html.escape(str(quiz.title))}</h2>")
        for n, q in enumerate(quiz.questions, start=1):
            right = "".join(
                f"<li><strong>{html.escape(str(o.text))}</strong> — {html.escape(str(o.feedback))}"
                "</li>"
                for o in q.options
                if o.correct
            )
            prompt = html.escape(str(q.prompt))
            parts.append(f"<div class='bloc'><h3>{n}. {prompt}</h3><ul>{right}</ul></div>")
    return Document(
        "07_quiz_corrige",
        "Quiz : corrigé",
        "les bonnes réponses de chaque quiz et leur explication, pour le formateur (A4)",
        "".join(parts),
    )


def evaluation_form(content: Content) -> Document:
    text = forms(content).evaluation
    scale = [str(label) for label in text.scale]
    rows = html.table(
        ["", *scale],
        ([html.escape(str(s)), *[_box() for _ in scale]] for s in text.statements),
    )
    questions = "".join(
        f"<div class='bloc'><h3>{html.escape(str(q))}</h3>{_lines(3)}</div>" for q in text.questions
    )
    body = (
        f"<h1>{html.escape(str(text.title))}</h1><p class='consigne'>"
        f"{html.escape(str(text.intro))}</p>{rows}{questions}"
    )
    return Document(
        "08_evaluation",
        str(text.title),
        "la fiche anonyme où chaque participant évalue l’atelier (A4)",
        body,
    )


def attendance_sheet(content: Content) -> Document:
    text = forms(content).attendance
    head = "".join(f"<span>{html.escape(str(f))}\u00a0: ………………………………</span>" for f in text.fields)
    head = f"<p class='champs'>{head}</p>"
    columns = [str(c) for c in text.columns]
    rows = html.table(columns, ([""] * len(columns) for _ in range(text.rows)))
    rows = rows.replace("<td></td>", "<td style='height:9mm'></td>")
    return Document(
        "09_emargement",
        str(text.title),
        "la feuille d’émargement à faire signer à l’arrivée (A4 paysage)",
        f"<h1>{html.escape(str(text.title))}</h1>{head}{rows}",
        paper="a4-paysage",
    )


def certificates(classe: Classe, day: date | None = None) -> Document:
    """One certificate per participant of ``classe``: name, exercises handed in, date."""
    text = forms(classe.content).certificate
    titles = known_exercises(classe.content)
    when = fr_date(day or date.today())
    pages = []
    for who, name in enumerate(classe.participants):
        done = [titles[e].titre for e in classe.exercices() if who in classe.reponses.get(e, {})]
        listed = "".join(f"<li>{html.escape(t)}</li>" for t in done)
        pages.append(
            f"<section class='attestation'><h1>{html.escape(str(text.title))}</h1>"
            f"<p>{html.escape(str(text.workshop))}</p>"
            f"<div class='nom-participant'>{html.escape(name)}</div>"
            f"<p>{html.escape(str(text.body if done else text.none))}</p><ul>{listed}</ul>"
            f"<p>Le {when}</p><p class='signature'>{html.escape(str(text.signature))}</p>"
            "</section>"
        )
    return Document(
        "10_attestations",
        str(text.title),
        f"une attestation par participant ({len(pages)}), d’après les travaux rendus (A4 paysage)",
        "".join(pages),
        paper="a4-paysage",
        pages=len(pages),
    )


def blank_template(template: Template) -> Document:
    """A blank template of lesson 04 (partner profile, scoping note…), to print or to fill
    in Word: the same document both ways (:func:`template_document`)."""
    laid_out = template_document(template)
    return Document(
        f"11_modele_{template.id}",
        str(template.label),
        f"le modèle vierge {quoted(template.label)}, à imprimer ou à remplir dans Word (A4)",
        layout.html_body(laid_out),
        word=laid_out,
    )


def documents(content: Content, classe: Classe | None = None) -> list[Document]:
    """Every document of the pack for ``content`` (and ``classe``'s certificates), in order."""
    docs = [facilitation_guide(content)] if content.agendas or content.activities else []
    docs += [
        actor_cards(content),
        actor_grid(content),
        benefit_cards(content),
        diamond_mat(),
    ]
    for case in content.case_studies:
        docs += [case_handout(case), audit_grid(content, case)]
    if content.quizzes:
        docs += [quiz_sheets(content), quiz_key(content)]
    docs += [evaluation_form(content), attendance_sheet(content)]
    if classe is not None and classe.participants:
        docs.append(certificates(classe))
    docs += [blank_template(t) for t in content.templates]
    return docs
