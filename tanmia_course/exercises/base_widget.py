"""What every exercise widget shares: an exercise id, a plain answer, change listeners."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets as widgets

from ..display.html import escape
from ..display.palette import ERROR, OK, TEXT_MUTED
from ..errors import system_reason
from ..work import store

AnswerListener = Callable[[str, Any], None]


class ExerciseWidget(widgets.VBox):
    """Base class of the exercise widgets.

    Subclasses expose ``answer`` (a plain, JSON-ready dict) that can be read and set;
    setting it checks the whole value first (with the exercise's answer type) and leaves the
    view unchanged on bad input. They call :meth:`_answer_changed` after each change, so that
    listeners (the class view, tests) hear of it, keyed by ``exercise_id`` — never by widget
    id — and the answer is saved.

    Autosave is one call: a subclass ends its ``__init__`` with
    ``self._start_autosave(prefill=reponse)``. The widget then restores the answer saved in
    the work folder (see :mod:`tanmia_course.work.store`) unless it was given one explicitly
    (``prefill``), saves its answer after each change and says where in a short line at its
    bottom (the first one shown after the old work folders were gathered into the course's
    also says that, see :func:`tanmia_course.work.store.gather_old_folders`).
    ``autosave = False`` on a subclass turns this off.
    """

    # The exercise widgets on screen (not closed), by exercise id, as ipywidgets itself keeps
    # every widget until it is closed: resuming a hand-in refreshes them (refresh_shown).
    shown: ClassVar[dict[str, list[ExerciseWidget]]] = {}

    exercise_id: str = ""
    autosave: bool = True

    def __init__(self, children: list[widgets.Widget], exercise_id: str, **kwargs: Any) -> None:
        super().__init__(children, **kwargs)
        self.exercise_id = exercise_id
        self._listeners: list[AnswerListener] = []
        self._saving = False  # True once autosave has started (after the restore)

    @property
    def answer(self) -> Any:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def on_answer_change(self, listener: AnswerListener) -> None:
        """Call ``listener(exercise_id, answer)`` after every change of the answer."""
        self._listeners.append(listener)

    def _answer_changed(self) -> None:
        """Tell the listeners, and save the answer (autosave), after a change."""
        if not self._listeners and not self._saving:
            return
        answer = self.answer
        for listener in self._listeners:
            listener(self.exercise_id, answer)
        if self._saving:
            self._autosave(answer)

    def close(self) -> None:
        """Close the widget (ipywidgets forgets it); a resumed hand-in no longer refreshes it."""
        on_screen = ExerciseWidget.shown.get(self.exercise_id, [])
        if self in on_screen:
            on_screen.remove(self)
        super().close()

    # ------------------------------------------------------------------ autosave

    def _start_autosave(self, prefill: Any = None) -> None:
        """Start autosave (see the class's docstring): called once, at the end of a subclass's
        ``__init__``."""
        self.enregistrement = widgets.HTML(layout=widgets.Layout(margin="0.3em 0 0 0"))
        if not self.autosave or not self.exercise_id:
            return
        self.children = (*self.children, self.enregistrement)
        ExerciseWidget.shown.setdefault(self.exercise_id, []).append(self)
        try:
            path = store.answer_path(self.exercise_id)
        except ValueError as exc:
            self._show_save_line(f"⚠ Pas d’enregistrement automatique : {exc}")
            return
        # The first widget shown after the old work folders were gathered says so.
        self._merges = store.take_merges()
        self._show_save_line(self._restore(path, prefill))
        self._saving = True

    def _restore(self, path: Path, prefill: Any) -> str:
        """Restore the answer saved at ``path``, unless the notebook gave one (``prefill``);
        the line that says what happened."""
        where = store.shown_path(path)
        self._seen = store.file_state(path)  # the file as this widget knows it
        try:
            saved = store.load_answer(self.exercise_id)
        except store.UnreadableWork as exc:
            return (
                f"⚠ Sauvegarde illisible, {self._set_aside(path)} : {exc.raison}. Vous "
                "repartez d’une réponse vide."
            )
        if saved is None:
            return f"Vos réponses s’enregistrent automatiquement dans {where} à chaque changement."
        if prefill is not None:
            return (
                f"Réponse préremplie par le carnet. Une réponse enregistrée {saved.quand} "
                f"existe dans {where} : votre premier changement la remplacera."
            )
        try:
            self.answer = saved.reponse
        except (ValueError, LookupError, TypeError, AttributeError) as exc:
            return (
                f"⚠ La réponse enregistrée ne correspond plus à l’exercice ({exc}) ; "
                f"{self._set_aside(path)}. Vous repartez d’une réponse vide."
            )
        return f"↩ Réponse reprise : enregistrée {saved.quand} dans {where}."

    def _autosave(self, answer: Any) -> None:
        try:
            saved = store.save_answer(self.exercise_id, answer, seen=self._seen)
        except (OSError, TypeError, ValueError) as exc:
            detail = system_reason(exc) if isinstance(exc, OSError) else str(exc)
            self._show_save_line(
                f"⚠ Enregistrement impossible ({detail}). Exportez vos travaux "
                "(tc.mes_travaux()) pour ne rien perdre.",
            )
            return
        for shown in ExerciseWidget.shown.get(self.exercise_id, [self]):
            shown._seen = saved.etat  # this kernel's widgets of the exercise know this file
        where = store.shown_path(saved.chemin)
        if saved.ecartee is not None:
            self._show_save_line(
                f"⚠ Enregistré {saved.quand} dans {where}, qu’un autre onglet ou un autre "
                "carnet avait modifié entre-temps : sa version est gardée dans "
                f"{store.shown_path(saved.ecartee)}. Travaillez dans un seul onglet à la fois."
            )
            return
        self._show_save_line(f"✓ Enregistré {saved.quand} dans {where}")

    def _set_aside(self, path: Path) -> str:
        """Keep an unusable save under another name (so no later save overwrites it)."""
        try:
            moved = store.set_aside(path)
        except OSError as exc:
            why = system_reason(exc)
            return f"laissée dans {store.shown_path(path)} (renommage impossible : {why})"
        return f"gardée dans {store.shown_path(moved)}"

    def _show_save_line(self, text: str) -> None:
        lines = [(text, ERROR if text.startswith("⚠") else TEXT_MUTED)]
        lines += [(m.message, ERROR if m.erreur else OK) for m in getattr(self, "_merges", ())]
        self.enregistrement.value = "<br>".join(
            f"<small style='color:{colour}'>{escape(line)}</small>" for line, colour in lines
        )


def saved_answer(exercise_id: str) -> Any:
    """The answer saved for an exercise in the work folder (a later exercise may start from
    it: the agreement's parties from the actor map), None if there is none; an unreadable
    file raises :class:`~tanmia_course.work.store.UnreadableWork`, left in place."""
    saved = store.load_answer(exercise_id)
    return None if saved is None else saved.reponse


UnreadableWork = store.UnreadableWork


def write_document(name: str, data: bytes) -> Path:
    """Write a document for the learner into the work folder (``travaux/`` in the course
    folder, beside the saved answers) as ``name``, or ``<name>-2``… when a file of that name
    is there (the learner may have edited it): never over a file. Returns where."""
    return store.write_new_file(store.work_folder() / name, data, free_name=True)


def refresh_shown(answers: Mapping[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:
    """Give the answers of a resumed hand-in (by exercise id) to the exercise widgets on
    screen: the exercises refreshed, and those whose widget refused the answer (with why)."""
    refreshed: dict[str, None] = {}  # in order, each exercise once
    refused: list[tuple[str, str]] = []
    for eid, answer in answers.items():
        for widget in list(ExerciseWidget.shown.get(eid, ())):
            # the resumption wrote the file: the widget's next save replaces it, warning-free
            widget._seen = store.file_state(store.answer_path(eid))
            try:
                widget.answer = answer
            except (ValueError, LookupError, TypeError) as exc:
                refused.append((eid, str(exc)))
            else:
                refreshed[eid] = None
    return list(refreshed), refused
