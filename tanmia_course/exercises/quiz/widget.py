"""The self-check quiz at the end of each lesson: immediate French feedback, fully offline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ...content.model import Question, Quiz
from ...display import html as h
from ...display.widgets import STYLESHEET, DescriptionStyle, checkbox, full_width, html, shared
from ..base_widget import ExerciseWidget
from .analysis import OptionFeedback, evaluate, score
from .answer import Selection, normalise, normalise_answer


def _feedback_html(feedback: OptionFeedback) -> str:
    """An option's explanation, after its verdict (unless it says it itself)."""
    if feedback.word:
        return h.feedback(feedback.message, feedback.level, feedback.word, feedback.icon)
    return h.feedback(f"{feedback.icon} {feedback.message.strip()}", feedback.level)


class QuestionView(widgets.VBox):
    """One question: radio buttons (single choice) or check boxes (multiple choice)."""

    def __init__(self, question: Question, on_change: Callable[[], None]) -> None:
        self.question = question
        self._on_change = on_change
        self.summary = html()
        hint = " <em>(plusieurs réponses possibles)</em>"
        if question.type == "single" or "plusieurs réponses" in str(question.prompt).lower():
            hint = ""  # single choice, or the prompt says it already
        prompt = html(f"<p><strong>{h.escape(str(question.prompt))}</strong>{hint}</p>")
        self.feedback: dict[str, widgets.HTML] = {o.id: html() for o in question.options}
        if question.type == "single":
            self.radio = widgets.RadioButtons(
                options=[(str(o.text), o.id) for o in question.options],
                value=None,
                layout=full_width(),
                style=shared(DescriptionStyle),
            )
            self.radio.observe(self._refresh, names="value")
            self.boxes: dict[str, widgets.Checkbox] = {}
            body: list[widgets.Widget] = [self.radio, *self.feedback.values()]
        else:
            self.radio = None
            self.boxes = {o.id: checkbox(str(o.text)) for o in question.options}
            for box in self.boxes.values():
                box.observe(self._refresh, names="value")
            body = [w for o in question.options for w in (self.boxes[o.id], self.feedback[o.id])]
        # Nothing is chosen yet: no feedback and no summary to show.
        super().__init__([prompt, *body, self.summary], layout=shared(widgets.Layout))

    @property
    def selection(self) -> Selection:
        if self.radio is not None:
            return self.radio.value
        return [option_id for option_id, box in self.boxes.items() if box.value]

    @selection.setter
    def selection(self, value: Selection) -> None:
        chosen = normalise(self.question, value)
        if self.radio is not None:
            self.radio.value = chosen[0] if chosen else None
        else:
            for option_id, box in self.boxes.items():
                box.value = option_id in chosen

    def _refresh(self, _change: Any = None) -> None:
        result = evaluate(self.question, self.selection)
        shown = {f.option_id: f for f in result.feedback}
        for option_id, box in self.feedback.items():
            f = shown.get(option_id)
            box.value = _feedback_html(f) if f else ""
        self.summary.value = (
            h.paragraph(f"{result.icon} {result.summary}")
            if result.status != "sans_reponse"
            else ""
        )
        self._on_change()


class QuizWidget(ExerciseWidget):
    """A lesson's quiz; ``answer`` reads or restores the learner's choices (autosaved as
    exercise ``quiz_<quiz id>``)."""

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        self.score_line = html()
        self.questions = {q.id: QuestionView(q, self._update_score) for q in quiz.questions}
        title = html(STYLESHEET + h.heading(str(quiz.title), 3))
        items: list[widgets.Widget] = [title]
        for n, view in enumerate(self.questions.values(), start=1):
            items += [html(h.heading(f"Question {n}")), view]
        super().__init__([*items, self.score_line], exercise_id=f"quiz_{quiz.id}")
        self.add_class("tanmia-quiz")
        self._update_score()
        self._start_autosave()

    @property
    def answer(self) -> dict[str, Any]:
        """The learner's choices: question id → option id (or list of ids)."""
        return {qid: view.selection for qid, view in self.questions.items()}

    @answer.setter
    def answer(self, value: dict[str, Selection]) -> None:
        checked = normalise_answer(value, self.quiz)  # before any change
        for qid, chosen in checked.items():
            self.questions[qid].selection = list(chosen)

    def _update_score(self) -> None:
        right, total = score(self.quiz, self.answer)
        self.score_line.value = f"<p><strong>Score : {right} / {total}</strong></p>"
        self._answer_changed()


def quiz(identifiant: str) -> QuizWidget:
    """Le quiz d’auto-évaluation d’une leçon, par exemple ``quiz("lecon_01")``."""
    from ...content.loader import load_content
    from ...errors import by_id

    return QuizWidget(by_id(load_content().quizzes, identifiant, "Quiz"))
