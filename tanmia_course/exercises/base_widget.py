"""What every exercise widget shares: an exercise id, a plain answer, change listeners."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as widgets

AnswerListener = Callable[[str, Any], None]
PREFILL_ARGUMENTS = ("reponse", "answer")


def _prefill(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The answer the widget was built with (``reponse=`` / ``answer=``), or None."""
    try:
        bound = inspect.signature(cls.__init__).bind(None, *args, **kwargs).arguments
    except TypeError:
        bound = kwargs
    return next((bound[n] for n in PREFILL_ARGUMENTS if bound.get(n) is not None), None)


class _AutosaveMeta(type(widgets.VBox)):  # type: ignore[misc]
    """Starts autosave once a widget is fully built (after the subclass's ``__init__``)."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        widget = super().__call__(*args, **kwargs)
        widget._start_autosave(prefill=_prefill(cls, args, kwargs))
        return widget


class ExerciseWidget(widgets.VBox, metaclass=_AutosaveMeta):
    """Base class of the exercise widgets.

    Subclasses expose ``answer`` (a plain, JSON-ready dict) that can be read and set;
    setting it checks the whole value first and leaves the view unchanged on bad input.
    They call :meth:`_answer_changed` after each change, so that listeners (autosave, class
    view) hear of it, keyed by ``exercise_id`` — never by widget id.

    Autosave needs no code in subclasses: once built, a widget restores the answer saved in
    the work folder (see :mod:`tanmia_course.work.store`) unless it was given one explicitly
    (``reponse=``), then saves its answer after each change and says where in a short
    line at its bottom (the first one shown after the old work folders were gathered into
    the course's also says that, see :func:`tanmia_course.work.store.gather_old_folders`).
    ``autosave = False`` on a subclass turns this off.
    """

    exercise_id: str = ""
    autosave: bool = True

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

    # ------------------------------------------------------------------ autosave

    def _start_autosave(self, prefill: Any = None) -> None:
        from ..work import store
        from ..work.registry import blank_answer

        # A widget always built with an answer (a blank one when the notebook gives none)
        # is pre-filled only when that answer is not the blank one.
        prefilled = prefill is not None and prefill != blank_answer(self.exercise_id, self)

        self.enregistrement = widgets.HTML(layout=widgets.Layout(margin="0.3em 0 0 0"))
        if not self.autosave or not self.exercise_id:
            return
        self.children = (*self.children, self.enregistrement)
        store.register(self)
        try:
            path = store.answer_path(self.exercise_id)
        except ValueError as exc:
            self._show_save_line(f"⚠ Pas d’enregistrement automatique : {exc}")
            return
        where = store.shown_path(path)
        # The first widget shown after the old work folders were gathered says so.
        self._merges = store.take_merges()
        try:
            saved = store.load_answer(self.exercise_id)
        except store.TravauxIllisibles as exc:
            self._show_save_line(
                f"⚠ Sauvegarde illisible, {self._set_aside(path)} : {exc.raison}. Vous "
                "repartez d’une réponse vide."
            )
            saved = None
        else:
            if saved is None:
                self._show_save_line(
                    f"Vos réponses s’enregistrent automatiquement dans {where} à chaque changement."
                )
        if saved is not None and prefilled:
            self._show_save_line(
                f"Réponse préremplie par le carnet. Une réponse enregistrée {saved.quand} "
                f"existe dans {where} : votre premier changement la remplacera."
            )
        elif saved is not None:
            try:
                self.answer = saved.reponse
            except (ValueError, LookupError, TypeError, AttributeError) as exc:
                self._show_save_line(
                    f"⚠ La réponse enregistrée ne correspond plus à l’exercice ({exc}) ; "
                    f"{self._set_aside(path)}. Vous repartez d’une réponse vide."
                )
            else:
                self._show_save_line(f"↩ Réponse reprise : enregistrée {saved.quand} dans {where}.")
        self.on_answer_change(self._autosave)

    def _autosave(self, exercise_id: str, answer: Any) -> None:
        from ..work import store

        try:
            saved = store.save_answer(exercise_id, answer)
        except (OSError, TypeError, ValueError) as exc:
            detail = getattr(exc, "strerror", None) or str(exc)
            self._show_save_line(
                f"⚠ Enregistrement impossible ({detail}). Exportez vos travaux "
                "(tc.mes_travaux()) pour ne rien perdre.",
            )
            return
        self._show_save_line(f"✓ Enregistré {saved.quand} dans {store.shown_path(saved.chemin)}")

    def _set_aside(self, path: Any) -> str:
        """Keep an unusable save under another name (so no later save overwrites it)."""
        from ..work import store

        try:
            moved = store.set_aside(path)
        except OSError as exc:
            return f"laissée dans {store.shown_path(path)} (renommage impossible : {exc.strerror})"
        return f"gardée dans {store.shown_path(moved)}"

    def _show_save_line(self, text: str) -> None:
        colour = "#D55E00" if text.startswith("⚠") else "#555555"
        line = f"<small style='color:{colour}'>{escape(text)}</small>"
        for merge in getattr(self, "_merges", ()):
            colour = "#D55E00" if merge.erreur else "#0072B2"
            line += f"<br><small style='color:{colour}'>{escape(merge.message())}</small>"
        self.enregistrement.value = line
