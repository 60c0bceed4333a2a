"""Frozen dataclasses for the course content (the guide's items and the course's own).

Every item has a stable ASCII ``id`` and a ``source``: ``"guide"`` when its label is the
guide's wording (Association Tanmia.ma), ``"course"`` when written for the course, and
``"trainer"`` when a trainer added it from their own content folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

LANGUAGES = ("fr", "ar", "en")
SOURCE_LABELS = {"guide": "guide", "course": "cours", "trainer": "formateur"}


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

    @classmethod
    def from_data(cls, data: dict[str, str]) -> Text:
        return cls(**{lang: data[lang] for lang in LANGUAGES if lang in data})


@dataclass(frozen=True)
class Item:
    """An item of a simple list: a mechanism, a good practice, an agreement clause…"""

    id: str
    label: Text
    explanation: Text
    source: str


@dataclass(frozen=True)
class Definition:
    id: str
    label: Text
    concept: str
    source: str


@dataclass(frozen=True)
class Actor:
    """An actor of local development; ``category`` is the guide actor it belongs to."""

    id: str
    label: Text
    role: Text
    contribution: Text
    category: str
    source: str


@dataclass(frozen=True)
class Origin:
    id: str
    label: Text
    explanation: Text
    example: Text | None
    source: str


@dataclass(frozen=True)
class Theme:
    id: str
    label: Text
    description: Text
    source: str


@dataclass(frozen=True)
class Benefit:
    id: str
    label: Text
    theme: str
    explanation: Text | None
    source: str


@dataclass(frozen=True)
class Criterion:
    """A quality criterion with its guiding question and what levels 0 to 3 look like."""

    id: str
    label: Text
    short: Text
    question: Text
    levels: tuple[Text, Text, Text, Text]
    source: str

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:center'>{n}</th>"
            f"<td style='text-align:left'>{escape(str(text))}</td></tr>"
            for n, text in enumerate(self.levels)
        )
        origin = "Guide Tanmia.ma" if self.source == "guide" else SOURCE_LABELS[self.source]
        return (
            "<div class='tanmia-fiche' style='border:1px solid #888;border-radius:6px;"
            "padding:0.6em 1em;max-width:60em'>"
            f"<h4 style='margin-top:0'>{escape(str(self.short))}</h4>"
            f"<p><em>{escape(str(self.label))}</em> ({escape(origin)})</p>"
            f"<p><strong>Question à se poser :</strong> {escape(str(self.question))}</p>"
            f"<table><thead><tr><th>Niveau</th><th style='text-align:left'>"
            f"Ce que l’on observe</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        levels = "\n".join(f"  {n} : {text}" for n, text in enumerate(self.levels))
        return f"{self.short} — {self.label}\nQuestion : {self.question}\n{levels}"


@dataclass(frozen=True)
class WarningSign:
    id: str
    label: Text
    explanation: Text
    truncated: bool
    source: str


@dataclass(frozen=True)
class Step:
    id: str
    label: Text
    purpose: Text
    activities: tuple[Text, ...]
    tools: tuple[Text, ...]
    source: str


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
    clauses: tuple[Item, ...] = ()
    quizzes: tuple[Quiz, ...] = ()
    files: tuple[str, ...] = field(default=(), compare=False)
