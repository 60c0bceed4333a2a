"""Frozen dataclasses for the course content (the guide's items and the course's own).

Every item has a stable ASCII ``id`` and a ``source``: ``"guide"`` when its label is the
guide's wording (Association Tanmia.ma), ``"course"`` when written for the course, and
``"trainer"`` when a trainer added it from their own content folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from ..display import html
from ..display.palette import MUTED, OK
from ..display.text import fr_number

# The cells of a table shown in full (a criterion's levels, a table given to afficher): long
# texts wrap, left-aligned, from the top of their row.
FULL_TEXT = "vertical-align:top;white-space:normal"
# An id: lowercase ASCII letters, digits and _, starting with a letter, and nothing after
# (``\Z``: ``$`` would also let a final newline through).
ID = re.compile(r"[a-z][a-z0-9_]*\Z")
SOURCE_LABELS = {"guide": "guide", "course": "cours", "trainer": "formateur"}
# The longest name of a learner or group, and of an actor a learner adds to the map.
MAX_NAME = 80
# The parts of an audit answer and of a ranking answer, in the order a French message lists
# them (checked by the ``answer`` module of each exercise). The last part of each is
# optional: what the learner wrote that does not count (the evidence of warning signs left
# unticked; the justifications of benefits taken out of the ranking), kept so that nothing
# typed is lost, and left out of the class view.
UNTICKED_EVIDENCE = "preuves_signes_non_retenus"
AUDIT_ANSWER_KEYS = (
    "criteres",
    "bonnes_pratiques",
    "signes_alerte",
    "recommandations",
    UNTICKED_EVIDENCE,
)
UNRANKED_JUSTIFICATIONS = "justifications_hors_classement"
RANKING_ANSWER_KEYS = ("mode", "ordre", "justifications", UNRANKED_JUSTIFICATIONS)


@dataclass(frozen=True)
class Text:
    """A text in French, with optional Arabic and English translations.

    >>> Text("Les Médias").get("en")
    'Les Médias'
    >>> str(Text("L’Etat", en="The State"))
    'L’Etat'
    """

    fr: str
    ar: str | None = None
    en: str | None = None

    def get(self, lang: str = "fr") -> str:
        """The text in ``lang``, falling back to French when it has no translation."""
        return getattr(self, lang, None) or self.fr

    def __str__(self) -> str:
        return self.fr


@dataclass(frozen=True)
class Correction:
    """A typo of the guide that the course corrects: the guide's words, and the course's."""

    guide: str
    course: str


@dataclass(frozen=True)
class Entry:
    """What every item of a content list has: its ``id``, its ``label``, and its ``source``
    (given by keyword, so that each kind's own fields follow the label in order). A guide
    item's ``corrections`` are the guide's typos its label corrects (docs/contenu.md)."""

    id: str
    label: Text
    source: str = field(kw_only=True)
    corrections: tuple[Correction, ...] = field(default=(), kw_only=True)

    def guide_wording(self) -> str:
        """The label as the guide writes it: each recorded correction undone.

        >>> item = Entry("x", Text("le bien-être"), source="guide",
        ...     corrections=(Correction(guide="le du bien-être", course="le bien-être"),))
        >>> item.guide_wording()
        'le du bien-être'
        """
        text = self.label.fr
        for correction in self.corrections:
            text = text.replace(correction.course, correction.guide, 1)
        return text


@dataclass(frozen=True)
class Item(Entry):
    """An item with an explanation: a mechanism, a good practice, an agreement clause…, and
    the kinds below that add fields of their own (an origin, a warning sign, a stance…)."""

    explanation: Text


@dataclass(frozen=True)
class Clause(Item):
    """An article of a partnership agreement (lesson 04, exercise 04). ``structure`` names the
    part of a draft that the exercise asks for with fields of its own rather than one text:
    ``"parties"`` (who signs), ``"contributions"`` (what each party brings and gains) or
    ``"governance"`` (the steering committee); ``placeholder`` is the hint shown in the empty
    text box."""

    structure: str | None = None
    placeholder: Text | None = None


@dataclass(frozen=True)
class Definition(Entry):
    concept: str


@dataclass(frozen=True)
class Actor(Entry):
    """An actor of local development; ``category`` is the guide actor it belongs to."""

    role: Text
    contribution: Text
    category: str


@dataclass(frozen=True)
class Origin(Item):
    example: Text | None


@dataclass(frozen=True)
class Theme(Entry):
    description: Text


@dataclass(frozen=True)
class Benefit(Entry):
    theme: str
    explanation: Text | None


@dataclass(frozen=True)
class Criterion(Entry):
    """A quality criterion with its guiding question and what levels 0 to 3 look like."""

    short: Text
    question: Text
    levels: tuple[Text, Text, Text, Text]

    def _repr_html_(self) -> str:
        levels = html.table(
            ["Niveau", "Ce que l’on observe"],
            ([str(n), html.escape(str(text))] for n, text in enumerate(self.levels)),
            left=(0, 1),
            css_class="tanmia-niveaux",
            index=True,
            cell_style=FULL_TEXT,
        )
        origin = "Guide Tanmia.ma" if self.source == "guide" else SOURCE_LABELS[self.source]
        return (
            "<div class='tanmia-fiche' style='border:1px solid #888;border-radius:6px;"
            "padding:0.6em 1em;max-width:60em'>"
            f"<h4 style='margin-top:0'>{html.escape(str(self.short))}</h4>"
            f"<p><em>{html.escape(str(self.label))}</em> ({html.escape(origin)})</p>"
            f"{html.facts([('Question à se poser', str(self.question))])}{levels}</div>"
        )

    def __repr__(self) -> str:
        levels = "\n".join(f"  {n} : {text}" for n, text in enumerate(self.levels))
        return f"{self.short} — {self.label}\nQuestion : {self.question}\n{levels}"


@dataclass(frozen=True)
class WarningSign(Item):
    truncated: bool


@dataclass(frozen=True)
class Step(Entry):
    purpose: Text
    activities: tuple[Text, ...]
    tools: tuple[Text, ...]


# --- A day of workshop: agendas and the activities they run -------------------------------

# A time of day, « HH:MM » on 24 hours.
CLOCK = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])\Z")


def clock_minutes(clock: str) -> int | None:
    """The minutes since midnight of a time written « HH:MM », or None if it is not one.

    >>> clock_minutes("13:30"), clock_minutes("9h")
    (810, None)
    """
    found = CLOCK.match(clock)
    return int(found[1]) * 60 + int(found[2]) if found else None


def clock_text(minutes: int) -> str:
    """A time of day as « HH:MM ».

    >>> clock_text(570)
    '09:30'
    """
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class AgendaBlock:
    """A stretch of a session: an activity (its id) or a label (a break, lunch), and how
    many minutes it lasts."""

    minutes: int
    activity: str | None
    label: Text | None
    pause: bool


@dataclass(frozen=True)
class AgendaSession:
    """A session of a workshop (a day, a morning), from ``start`` to ``end`` (« HH:MM »); its
    blocks fill it exactly."""

    label: Text
    start: str
    end: str
    blocks: tuple[AgendaBlock, ...]

    def timeline(self) -> list[tuple[str, str, AgendaBlock]]:
        """Each block with the times it starts and ends, from the session's start."""
        now = clock_minutes(self.start) or 0
        times = []
        for block in self.blocks:
            times.append((clock_text(now), clock_text(now + block.minutes), block))
            now += block.minutes
        return times


@dataclass(frozen=True)
class Agenda(Entry):
    """A way to run the course as a workshop: one or several sessions."""

    description: Text | None
    sessions: tuple[AgendaSession, ...]


@dataclass(frozen=True)
class Activity(Entry):
    """What the trainer does in one block of an agenda: aim, what to bring and set up, the
    steps, the debrief, the misconceptions to expect, and how to run it without a computer."""

    aim: Text
    materials: tuple[Text, ...]
    room: Text | None
    steps: tuple[Text, ...]
    debrief: tuple[Text, ...]
    misconceptions: tuple[Text, ...]
    without_computer: Text | None
    notebooks: tuple[str, ...]


@dataclass(frozen=True)
class Option:
    id: str
    text: Text
    correct: bool
    feedback: Text


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # "single" or "multiple"
    prompt: Text
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Quiz:
    id: str
    title: Text
    questions: tuple[Question, ...]
    source: str


@dataclass(frozen=True)
class Content:
    """All the content the course runs on, loaded and checked as one whole."""

    definitions: tuple[Definition, ...] = ()
    actors: tuple[Actor, ...] = ()
    mechanisms: tuple[Item, ...] = ()
    origins: tuple[Origin, ...] = ()
    themes: tuple[Theme, ...] = ()
    benefits: tuple[Benefit, ...] = ()
    practices: tuple[Item, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    warning_signs: tuple[WarningSign, ...] = ()
    steps: tuple[Step, ...] = ()
    clauses: tuple[Clause, ...] = ()
    quizzes: tuple[Quiz, ...] = ()
    case_studies: tuple[CaseStudy, ...] = ()
    ranking_groups: tuple[RankingGroup, ...] = ()
    agreement_levels: tuple[AgreementLevel, ...] = ()
    resource_types: tuple[ResourceType, ...] = ()
    stances: tuple[Stance, ...] = ()
    relation_levels: tuple[RelationLevel, ...] = ()
    link_types: tuple[LinkType, ...] = ()
    engagement_strategies: tuple[EngagementStrategy, ...] = ()
    actor_map_rules: tuple[MapRule, ...] = ()
    actor_maps: tuple[ActorMap, ...] = ()
    territories: tuple[Territory, ...] = ()
    agendas: tuple[Agenda, ...] = ()
    activities: tuple[Activity, ...] = ()
    forms: tuple[Forms, ...] = ()
    agreement_rules: tuple[AgreementRule, ...] = ()
    agreement_drafts: tuple[ReferenceDraft, ...] = ()
    templates: tuple[Template, ...] = ()
    files: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a case study; its ``id`` lets feedback point at it."""

    id: str
    text: Text


@dataclass(frozen=True)
class CaseActor:
    """Someone who appears in a case study; ``category`` is a guide actor id, if given."""

    name: Text
    role: Text
    category: str | None = None


@dataclass(frozen=True)
class ReferenceRating:
    """The reference level of one criterion, with why, and the passage that shows it."""

    criterion: str
    level: int
    rationale: Text
    quote: str | None = None


@dataclass(frozen=True)
class ReferenceEvidence:
    """A good practice or warning sign the reference audit sees, and the passage showing it."""

    id: str
    quote: str
    comment: Text | None = None


@dataclass(frozen=True)
class ReferenceAudit:
    """The trainer's audit of a case: what a learner's audit is compared with."""

    criteria: tuple[ReferenceRating, ...]
    practices: tuple[ReferenceEvidence, ...]
    warning_signs: tuple[ReferenceEvidence, ...]
    recommendations: tuple[Text, ...]
    verdict: str | None = None

    def rating(self, criterion: str) -> ReferenceRating | None:
        return next((r for r in self.criteria if r.criterion == criterion), None)


@dataclass(frozen=True)
class CaseStudy:
    """A partnership story to audit, with the trainer's reference audit.

    Paragraphs are numbered from 1 (« § 1 ») in the order of the file.
    """

    id: str
    title: Text
    summary: Text
    notice: Text
    actors: tuple[CaseActor, ...]
    paragraphs: tuple[Paragraph, ...]
    reference: ReferenceAudit
    source: str

    def paragraph_number(self, paragraph_id: str) -> int:
        """The position (from 1) of a paragraph, as shown to readers."""
        return next(n for n, p in enumerate(self.paragraphs, start=1) if p.id == paragraph_id)

    def locate(self, quote: str) -> str | None:
        """The id of the paragraph that contains ``quote`` (runs of spaces and line breaks
        count as one space), or None.

        >>> case = CaseStudy("c", Text("T"), Text("R"), Text("Fictif"), (),
        ...     (Paragraph("p1", Text("Un.")), Paragraph("p2", Text("La commune  paie."))),
        ...     ReferenceAudit((), (), (), ()), "course")
        >>> case.locate("commune paie")
        'p2'
        """
        wanted = " ".join(quote.split())
        if not wanted:
            return None
        return next((p.id for p in self.paragraphs if wanted in " ".join(p.text.fr.split())), None)

    def word_count(self) -> int:
        return sum(len(p.text.fr.split()) for p in self.paragraphs)

    def narrative_html(self) -> str:
        """The case as HTML: notice, who is who, numbered paragraphs (all text escaped)."""
        actors = "".join(
            f"<li><strong>{html.escape(str(a.name))}</strong> — {html.escape(str(a.role))}</li>"
            for a in self.actors
        )
        paragraphs = "".join(
            f"<p id='{html.escape(self.id)}-{html.escape(p.id)}'>"
            f"<strong style='color:{OK}'>§ {n}</strong> {html.escape(str(p.text))}</p>"
            for n, p in enumerate(self.paragraphs, start=1)
        )
        return (
            f"<p style='font-style:italic;border-left:4px solid {MUTED};padding-left:0.6em'>"
            f"{html.escape(str(self.notice))}</p>{html.paragraph(str(self.summary))}"
            + (f"<p><strong>Qui est qui ?</strong></p><ul>{actors}</ul>" if actors else "")
            + paragraphs
        )

    def _repr_html_(self) -> str:
        title = html.heading(str(self.title), 3)
        story = self.narrative_html()
        return f"<div class='tanmia-cas' style='max-width:60em'>{title}{story}</div>"

    def __repr__(self) -> str:
        paragraphs = "\n".join(f"§ {n} {p.text}" for n, p in enumerate(self.paragraphs, start=1))
        return f"{self.title}\n({self.notice})\n{self.summary}\n\n{paragraphs}"


@dataclass(frozen=True)
class Ranking:
    """One participant's ranking of the benefits (most important first).

    ``mode`` is ``complet`` (all benefits), ``diamant`` (nine cards in rows 1-2-3-2-1) or
    ``premiers`` (the first few).
    """

    id: str
    label: Text
    mode: str
    order: tuple[str, ...]


@dataclass(frozen=True)
class RankingGroup(Entry):
    """The rankings of one class (the course's demo class, or a trainer's workshop)."""

    description: Text | None
    rankings: tuple[Ranking, ...]


@dataclass(frozen=True)
class AgreementLevel(Entry):
    """A band of an agreement measure (Kendall's ``w`` or ``tau_b``) and what to say aloud
    about it; the band runs from ``minimum`` up to the next level's minimum."""

    measure: str
    minimum: float = field(metadata={"yaml": "min"})
    reading: Text


# --- Actor map (exercise 01, « Cartographie des acteurs ») ---------------------------------


class ResourceType(Theme):
    """A kind of resource an actor can bring to a project (money, premises, legitimacy…);
    the same fields as a :class:`Theme`."""


@dataclass(frozen=True)
class Stance(Item):
    """An actor's stance toward the project; ``value`` runs from -2 (opposed) to 2."""

    value: int


@dataclass(frozen=True)
class RelationLevel(Item):
    """A level of working together (after Himmelman); ``rank`` 0 means no relation."""

    rank: int


class LinkType(Item):
    """A kind of link between two actors of a map (after Net-Map): funds, informs…; the
    same fields as an :class:`Item`."""


@dataclass(frozen=True)
class EngagementStrategy(Item):
    """The strategy of one quadrant of the influence / interest grid (after Mendelow);
    ``influence`` and ``interest`` are ``"high"`` or ``"low"``."""

    influence: str
    interest: str


@dataclass(frozen=True)
class RuleCondition:
    """A condition on one field of an actor: bounds (inclusive) and/or a list of ids."""

    minimum: int | None = field(default=None, metadata={"yaml": "min"})
    maximum: int | None = field(default=None, metadata={"yaml": "max"})
    ids: tuple[str, ...] | None = field(default=None, metadata={"yaml": "in"})


@dataclass(frozen=True)
class MapRule:
    """A feedback rule of the actor map, kept as data (see ``actor_map_rules`` in
    docs/contenu.md): which actors it looks at, how many must match, what to say."""

    id: str
    tone: str  # "warning", "advice" or "praise"
    message: Text
    where: tuple[tuple[str, RuleCondition], ...]
    count_min: int | None
    count_max: int | None
    every: bool
    all_same: str | None
    stop: bool
    source: str


@dataclass(frozen=True)
class MappedActor:
    """One actor of a reference map; ``label`` and ``category`` only for a local actor
    that is not in the course's list."""

    id: str
    label: Text | None
    category: str | None
    influence: int
    interest: int
    stance: str
    resources: tuple[str, ...]
    current: str
    target: str
    note: Text | None


# The fields of one actor in an actor-map answer, in the order a French message lists them
# (checked by :mod:`~tanmia_course.exercises.actor_map.answer`): those of a mapped actor.
ACTOR_ANSWER_KEYS = tuple(f.name for f in fields(MappedActor))


@dataclass(frozen=True)
class MapLink:
    source: str
    target: str
    type: str


@dataclass(frozen=True)
class ActorMap:
    """A reference actor map (the course's Tifawin example, or a trainer's); ``owner`` is the
    association whose project it maps (the first party of an agreement drafted from it)."""

    id: str
    title: Text
    project: Text
    actors: tuple[MappedActor, ...]
    links: tuple[MapLink, ...]
    source: str
    owner: Text | None = None


@dataclass(frozen=True)
class MapFigure:
    """Where a reference actor map gives a fact: the ``influence`` or ``interest`` (the
    ``field``) of one ``actor`` of the ``map``."""

    map: str
    actor: str
    field: str


@dataclass(frozen=True)
class Fact:
    """One fact of a territory: a figure, a date or a name that the course's texts repeat.

    ``value`` is a whole number (compared as a number, however it is written: « 182 000 »,
    « quatorze ») or a text (a name, a date, a year); each of ``mentions`` is a regular
    expression whose group ``value`` finds the fact where a text repeats it (``{nombre}``
    and ``{nom}`` stand for a number and a person's name).
    """

    id: str
    label: Text
    value: object  # an int or a str, as the YAML gives it
    mentions: tuple[str, ...]
    unit: str | None = None
    map_figure: MapFigure | None = field(default=None, metadata={"yaml": "map"})

    def shown_value(self) -> str:
        """The value as a reader sees it: a French number, with its unit.

        >>> Fact("f", Text("Coût"), 182000, (), unit="dirhams par an").shown_value()
        '182\\u202f000 dirhams par an'
        """
        value = self.value
        if isinstance(value, int) and not isinstance(value, bool):
            value = fr_number(value, 0)
        return f"{value} {self.unit}" if self.unit else str(value)


@dataclass(frozen=True)
class Territory:
    """The fact sheet of a fictional territory: what every lesson, case and exercise set
    there must agree with (the course's is Aït Sidi Brahim, with Association Tifawin)."""

    id: str
    title: Text
    description: Text
    facts: tuple[Fact, ...]
    source: str

    def _repr_html_(self) -> str:
        rows = (
            [html.escape(str(f.label)), html.escape(f.shown_value()), html.escape(f.id)]
            for f in self.facts
        )
        table = html.table(
            ["Fait", "Valeur", "Identifiant"],
            rows,
            left=range(3),
            css_class="tanmia-territoire",
            cell_style=FULL_TEXT,
        )
        return (
            f"<div class='tanmia-territoire' style='max-width:60em'>"
            f"{html.heading(str(self.title), 3)}"
            f"<p style='font-style:italic;border-left:4px solid {MUTED};padding-left:0.6em'>"
            f"{html.escape(str(self.description))}</p>{table}</div>"
        )

    def __repr__(self) -> str:
        facts = "\n".join(f"{f.label} : {f.shown_value()}" for f in self.facts)
        return f"{self.title}\n({self.description})\n{facts}"


@dataclass(frozen=True)
class EvaluationForm:
    """The anonymous evaluation form: statements ticked on a ``scale`` (from its first label
    to its last), then open ``questions`` with lines to write on."""

    title: Text
    intro: Text
    scale: tuple[Text, ...]
    statements: tuple[Text, ...]
    questions: tuple[Text, ...]


@dataclass(frozen=True)
class AttendanceSheet:
    """The attendance sheet: ``fields`` to fill in at the top, then ``rows`` lines to sign
    under the ``columns``."""

    title: Text
    fields: tuple[Text, ...]
    columns: tuple[Text, ...]
    rows: int


@dataclass(frozen=True)
class CertificateText:
    """The words of a certificate of attendance: ``body`` before the list of the exercises a
    participant handed in, ``none`` when they handed in none."""

    title: Text
    workshop: Text
    body: Text
    none: Text
    signature: Text


@dataclass(frozen=True)
class Forms:
    """The texts of a workshop's forms in the trainer's pack (``kind: forms``): evaluation,
    attendance sheet, certificate. The course's are ``atelier``; a trainer's file with that
    id replaces them."""

    id: str
    title: Text
    description: Text
    evaluation: EvaluationForm
    attendance: AttendanceSheet
    certificate: CertificateText
    source: str


# The parts of an agreement draft (exercise 04), in the order a French message lists them
# (checked by :mod:`~tanmia_course.exercises.agreement.answer`), and the fields of one party.
AGREEMENT_ANSWER_KEYS = ("scenario", "titre", "parties", "gouvernance", "clauses")
PARTY_KEYS = ("nom", "statut", "signataire", "apports", "gains", "comite")
GOVERNANCE_KEYS = ("frequence", "decision")


@dataclass(frozen=True)
class AgreementCondition:
    """One condition of an agreement rule: exactly one test, and the ``hint`` (what to add
    or change) shown when the draft fails it. The tests (see ``agreement_rules`` in
    docs/contenu.md):

    - ``filled``: a clause whose text has at least ``min_words`` words (default 5);
    - ``mentions``: clauses one of which uses one of ``words`` (the start of a word, without
      regard to case or accents);
    - ``min_parties``: at least so many parties;
    - ``every_party``: each party ``contributes`` (one contribution at least), ``gains``
      (what it gains is written) or ``on_committee`` (sits on the steering committee);
    - ``min_contribution_kinds``: so many kinds of contribution (money, in kind, skills, time)
      in the draft as a whole;
    - ``decision_in``: the committee decides in one of these ways;
    - ``frequency_set``: the committee's meeting rhythm is written.
    """

    hint: Text
    filled: str | None = None
    min_words: int | None = None
    mentions: tuple[str, ...] | None = None
    words: tuple[str, ...] | None = None
    min_parties: int | None = None
    every_party: str | None = None
    min_contribution_kinds: int | None = None
    decision_in: tuple[str, ...] | None = None
    frequency_set: bool | None = None


AGREEMENT_TESTS = (
    "filled",
    "mentions",
    "min_parties",
    "every_party",
    "min_contribution_kinds",
    "decision_in",
    "frequency_set",
)
PARTY_TESTS = ("contributes", "gains", "on_committee")


@dataclass(frozen=True)
class AgreementRule:
    """When an agreement draft secures one criterion or good practice of the guide, or guards
    against one of its warning signs (``agreement_rules`` in docs/contenu.md): all of
    ``requires`` hold. ``clauses`` are the articles the rule reads; ``why`` says how they
    secure it, in the course's words."""

    id: str
    requires: tuple[AgreementCondition, ...]
    clauses: tuple[str, ...]
    why: Text
    source: str
    criterion: str | None = None
    practice: str | None = None
    warning_sign: str | None = None

    @property
    def target(self) -> tuple[str, str]:
        """``("criterion" | "practice" | "warning_sign", id)``: what the rule is about."""
        for kind in ("criterion", "practice", "warning_sign"):
            if getattr(self, kind):
                return kind, getattr(self, kind)
        raise ValueError(f"agreement rule {self.id!r} is about nothing")  # the schema forbids it


@dataclass(frozen=True)
class Contributions:
    """What one party brings, by kind: money, in kind, skills, time (each a text, or none)."""

    money: Text | None = None
    in_kind: Text | None = None
    skills: Text | None = None
    time: Text | None = None


@dataclass(frozen=True)
class DraftParty:
    """One party of a reference draft."""

    name: Text
    status: Text | None = None
    signatory: Text | None = None
    contributions: Contributions = Contributions()
    gains: Text | None = None
    committee: bool = True


@dataclass(frozen=True)
class ReferenceDraft:
    """The course's (or a trainer's) reference agreement for one scenario (``id``: a case
    study or a reference actor map), shown in the solutions and checked against the rules."""

    id: str
    title: Text
    parties: tuple[DraftParty, ...]
    frequency: Text
    decision: str
    clauses: tuple[tuple[str, Text], ...]
    source: str


@dataclass(frozen=True)
class TemplateSection:
    """A heading of a blank template, what to write under it, and how many lines to leave."""

    heading: Text
    prompt: Text | None = None
    lines: int = 3


@dataclass(frozen=True)
class Template(Entry):
    """A blank template of a tool of lesson 04 (partner profile, scoping note, memorandum of
    understanding, exit plan): printed or opened in Word, then filled by hand."""

    purpose: Text
    sections: tuple[TemplateSection, ...]
