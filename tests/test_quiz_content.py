"""The lessons' quizzes and objectives, read as a trainer checks them before a workshop.

The answer key below is the one a trainer checked against the lessons and the guide: an
accidental change of ``correct:`` in a quiz file fails here. Counts of the guide's lists that a
quiz or a lesson's objectives quote must be the content's own counts. A quiz question must not
repeat a challenge of the lessons or exercises (a quiz that asks again what a challenge just
asked teaches nothing new). Each section of a lesson is named by one of its objectives.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import nbformat
import pytest

import tanmia_course as tc

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("0[0-4]_*.ipynb"))
QUIZZES = {q.id: q for q in tc.contenu().quizzes if q.id.startswith("lecon_")}

KEY = {
    "lecon_00": {"q1": {"a"}, "q2": {"a"}, "q3": {"c"}, "q4": {"a", "b"}},
    "lecon_01": {"q1": {"a"}, "q2": {"a", "b", "c"}, "q3": {"c"}, "q4": {"d"}},
    "lecon_02": {"q1": {"a"}, "q2": {"a"}, "q3": {"a", "c"}, "q4": {"a", "b", "c"}},
    "lecon_03": {"q1": {"a"}, "q2": {"a", "b", "d"}, "q3": {"a"}, "q4": {"a", "c"}},
    "lecon_04": {"q1": {"a"}, "q2": {"c"}, "q3": {"a", "b"}, "q4": {"a", "b"}},
}
"""The right options of each question, checked by hand against the lesson and the guide."""


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation: what two wordings share."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def questions():
    return [(quiz, q) for quiz in QUIZZES.values() for q in quiz.questions]


# --------------------------------------------------------------------------- the key


def test_the_quizzes_are_the_ones_the_key_covers():
    assert {qid: set(qs) for qid, qs in KEY.items()} == {
        quiz.id: {q.id for q in quiz.questions} for quiz in QUIZZES.values()
    }


@pytest.mark.parametrize(("quiz", "question"), questions(), ids=lambda x: x.id)
def test_each_question_marks_right_the_options_of_the_key(quiz, question):
    right = {o.id for o in question.options if o.correct}
    assert right == KEY[quiz.id][question.id]
    if question.type == "single":
        assert len(right) == 1


@pytest.mark.parametrize(("quiz", "question"), questions(), ids=lambda x: x.id)
def test_every_option_explains_itself(quiz, question):
    """Each option's feedback says whether it is right, and why (more than a bare yes or no)."""
    for option in question.options:
        feedback = str(option.feedback).strip()
        assert feedback.startswith("Oui" if option.correct else "Non"), (question.id, option.id)
        assert len(fold(feedback).split()) >= 8, (question.id, option.id)


@pytest.mark.parametrize("quiz", QUIZZES.values(), ids=lambda q: q.id)
def test_the_right_answer_does_not_sit_at_the_same_place_in_every_question(quiz):
    """A learner who always picks the same place in the list must not score full marks."""
    places = {
        next(i for i, o in enumerate(q.options) if o.correct)
        for q in quiz.questions
        if q.type == "single"
    }
    assert len(places) > 1


# --------------------------------------------------------------------------- counts

NUMBERS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
    "vingt": 20, "vingt et un": 21, "vingt-deux": 22,
}  # fmt: skip
LISTS = {
    "acteurs": "actors",
    "mécanismes": "mechanisms",
    "origines": "origins",
    "avantages": "benefits",
    "bonnes pratiques": "practices",
    "critères": "criteria",
    "signes": "warning_signs",
    "étapes": "steps",
}
"""The content's lists, by the noun a sentence counts them with."""
_NUMBER = "|".join(sorted(map(re.escape, NUMBERS), key=len, reverse=True))
COUNT = re.compile(
    rf"\b(?:les|des|aux)\s+(?P<n>{_NUMBER}|\d+)\s+(?P<noun>{'|'.join(LISTS)})\b", re.IGNORECASE
)
"""« les onze critères », « des vingt et un avantages »: a count of a whole list."""

QUOTED = {
    ("lecon_01", "q2"): "actors",
    ("lecon_02", "q4"): "benefits",
    ("lecon_03", "q2"): "practices",
    ("lecon_03", "q3"): "warning_signs",
    ("lecon_04", "q2"): "steps",
}
"""The questions that turn on a count of one of the content's lists."""


def counts_in(text: str) -> list[tuple[str, int]]:
    found = []
    for m in COUNT.finditer(text.replace("\u00a0", " ")):
        n = m["n"].lower()
        found.append((LISTS[m["noun"].lower()], int(n) if n.isdigit() else NUMBERS[n]))
    return found


def true_text(question) -> str:
    """What a question states as true: its prompt, its right options, every explanation."""
    parts = [str(question.prompt)]
    parts += [str(o.text) for o in question.options if o.correct]
    parts += [str(o.feedback) for o in question.options]
    return "\n".join(parts)


def objectives(path: Path) -> str:
    first = nbformat.read(path, as_version=4).cells[0].source
    return first.split("**Objectifs**", 1)[1]


def test_a_count_of_a_list_quoted_by_a_quiz_or_an_objective_is_the_contents_count():
    content = tc.contenu()
    texts = {f"{quiz.id} {q.id}": true_text(q) for quiz, q in questions()}
    texts |= {path.name: objectives(path) for path in LESSONS}
    quoted = {(where, field): n for where, text in texts.items() for field, n in counts_in(text)}
    wrong = {k: n for k, n in quoted.items() if n != len(getattr(content, k[1]))}
    assert not wrong
    for (quiz, question), field in QUOTED.items():
        assert (f"{quiz} {question}", field) in quoted, (quiz, question, field)


def test_the_count_reader_reads_what_a_sentence_says():
    assert counts_in("parmi les vingt et un avantages et des onze critères") == [
        ("benefits", 21),
        ("criteria", 11),
    ]
    assert counts_in("les dix-neuf autres avantages ; deux critères surprennent") == []


# --------------------------------------------------------------------------- challenges


def challenge_texts() -> list[str]:
    """The wording of every challenge a learner meets before a quiz: the « Défi » cells of
    the lessons and the « Question » cells of the exercises, without their hidden solution."""
    paths = [*LESSONS, *sorted((ROOT / "solutions").glob("*.ipynb"))]
    texts = []
    for path in paths:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown" and re.search(
                r"^#+ .*(Défi|Question) ", cell.source, re.M
            ):
                texts.append(cell.source.split("<details>", 1)[0])
    return texts


WORD = re.compile(r"[a-z0-9]{4,}")
SMALL = {"avec", "dans", "pour", "quel", "quelle", "quels", "quelles", "elle", "elles", "sont"}
SMALL |= {"leur", "leurs", "vous", "nous", "cette"}


def words(text: str) -> set[str]:
    return set(WORD.findall(fold(text))) - SMALL


def asked(text: str) -> list[str]:
    """The questions a text asks: its sentences that end with a question mark, and its titles."""
    text = re.sub(r"^#+ .*?—", "", text, flags=re.M)  # « ### Défi 3 — Titre ? » → « Titre ? »
    return [fold(s) for s in re.findall(r"[^.?!:\n]+\?", text) if len(fold(s).split()) >= 3]


def repeats(prompt: str, challenge: str) -> str | None:
    """Why a quiz prompt repeats a challenge: it retells its situation (most of its words
    come from it) or asks its question again (a question sentence worded almost alike)."""
    own = words(prompt)
    shared = own & words(challenge)
    if len(shared) >= 0.6 * len(own):
        return f"reprend la situation du défi ({len(shared)} mots sur {len(own)})"
    for mine in asked(prompt):
        for theirs in asked(challenge):
            if difflib.SequenceMatcher(None, mine, theirs).ratio() >= 0.65:
                return f"pose la même question : « {mine} » ~ « {theirs} »"
    return None


def test_no_quiz_question_repeats_a_challenge():
    challenges = challenge_texts()
    assert len(challenges) >= 12
    found = {
        f"{quiz.id} {q.id}": why
        for quiz, q in questions()
        for text in challenges
        if (why := repeats(str(q.prompt), text))
    }
    assert not found


@pytest.mark.parametrize(
    ("prompt", "challenge"),
    [
        (
            "Chaque trimestre, la commune réunit l’association, la direction provinciale et "
            "le transporteur pour caler les horaires du transport scolaire. Quel dispositif ?",
            "### Défi 3 — Quel mécanisme ?\n\n1. Chaque trimestre, la commune réunit dans la "
            "salle du conseil l’association, la direction provinciale et le transporteur pour "
            "caler ensemble les horaires et les circuits du transport scolaire.",
        ),
        (
            "Une fondation fixe seule les activités. Quels signes d’alerte du guide "
            "reconnaissez-vous ?",
            "### Défi 1 — Une offre trop belle ?\n\n1. Quels **signes d’alerte** du guide "
            "reconnaissez-vous ?",
        ),
        (
            "L’association réunit des mères. À quelle étape est-on ?",
            "### Défi 1 — À quelle étape sommes-nous ?\n\nPour chaque situation, dites…",
        ),
    ],
)
def test_a_repeated_situation_or_question_is_seen(prompt, challenge):
    assert repeats(prompt, challenge)


# --------------------------------------------------------------------------- objectives

STANDARD = (
    "Préparation",
    "Auto-évaluation",
    "Points clés",
    "Crédits",
    "À vous de jouer",
    "Notre fil rouge",
)
"""Sections every lesson has, or that only stage the challenges or the fictional example."""

SECTIONS = {
    "00": {
        "À qui s’adresse": "ce que le cours vous apprend",
        "façons de suivre": "suivre le cours",
        "carnet": "carnet",
        "coup d’œil": "ce qui vient du guide",
        "atelier": "programme d’un atelier",
    },
    "01": {
        "Qu’est-ce que le développement": "deux définitions du développement",
        "participatif": "participatif",
        "dix acteurs": "dix acteurs",
        "mécanismes": "mécanismes et dispositifs",
        "Cartographier": "grille influence / intérêt",
    },
    "02": {
        "Qu’est-ce qu’un partenariat": "définitions du partenariat",
        "fin en soi": "fin en soi",
        "D’où naît": "l’origine d’un partenariat",
        "Pourquoi le partenariat": "thèmes",
        "Classer les avantages": "W de Kendall",
    },
    "03": {
        "horizontale": "relation horizontale",
        "bonnes pratiques": "huit bonnes pratiques",
        "critères de qualité": "onze critères",
        "subordination": "subordination",
        "signes d’alerte": "signes d’alerte",
        "Auditer": "règle du verdict",
    },
    "04": {
        "pas tirée du guide": "pas tirée du guide",
        "sept étapes": "sept étapes",
        "pas à pas": "outil adapté à une étape",
        "clauses usuelles": "clauses d’une convention",
        "Quelle clause protège": "relier chaque clause aux critères",
    },
}
"""For each section of a lesson (a word of its heading), what an objective must say of it."""


def plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_each_section_of_a_lesson_is_named_by_an_objective(path):
    cells = nbformat.read(path, as_version=4).cells
    headings = [
        plain(h)
        for c in cells
        if c.cell_type == "markdown"
        for h in re.findall(r"^## (.+)$", c.source, re.M)
    ]
    goals = plain(objectives(path)).lower()
    sections = SECTIONS[path.name[:2]]
    for heading in headings:
        if any(word in heading for word in STANDARD):
            continue
        (word,) = [w for w in sections if w in heading] or [f"aucune clé pour « {heading} »"]
        assert word in sections, word
        assert plain(sections[word]).lower() in goals, (heading, sections[word])
    unused = [w for w in sections if not any(w in h for h in headings)]
    assert not unused, f"sections disparues : {unused}"


DURATION = re.compile(
    r"\*\*Durée\*\*\s*:\s*(\d+) min \(enseignement\s*:\s*(\d+) min · exercices\s*:\s*(\d+) min\)"
)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_a_lessons_duration_is_its_teaching_plus_its_exercises(path):
    first = nbformat.read(path, as_version=4).cells[0].source
    match = DURATION.search(first)
    assert match, "durée attendue : « N min (enseignement : N min · exercices : N min) »"
    total, teaching, exercises = map(int, match.groups())
    assert total == teaching + exercises
    challenges = sum(
        bool(re.search(r"^### Défi \d", c.source, re.M))
        for c in nbformat.read(path, as_version=4).cells
    )
    assert exercises >= 5 * challenges
