"""What every exercise widget shares: an exercise id, a plain answer, change listeners."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

AnswerListener = Callable[[str, Any], None]


class ExerciseWidget(widgets.VBox):
    """Base class of the exercise widgets.

    Subclasses expose ``answer`` (a plain, JSON-ready dict) that can be read and set;
    setting it checks the whole value first and leaves the view unchanged on bad input.
    They call :meth:`_answer_changed` after each change, so that listeners (autosave, class
    view) hear of it, keyed by ``exercise_id`` — never by widget id.
    """

    exercise_id: str = ""

    def __init__(self, children: list[widgets.Widget], exercise_id: str, **kwargs: Any) -> None:
        super().__init__(children, **kwargs)
        self.exercise_id = exercise_id
        self._listeners: list[AnswerListener] = []

    @property
    def answer(self) -> Any:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def on_answer_change(self, listener: AnswerListener) -> None:
        """Call ``listener(exercise_id, answer)`` after every change of the answer."""
        self._listeners.append(listener)

    def _answer_changed(self) -> None:
        if not getattr(self, "_listeners", None):
            return
        answer = self.answer
        for listener in self._listeners:
            listener(self.exercise_id, answer)
