"""Layouts, styles and controls shared by many widgets (their words with French spacing).

Every ipywidgets model is one more message between the kernel and the browser, and each
widget brings its own layout and style models unless it is given some: a lesson's quiz
made about 130 models, two thirds of them identical layouts and styles. Widgets whose
layout and style never change after they are built share one of each here; a widget
whose layout is changed later (shown, hidden, bordered) keeps its own.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

# The style classes, for the widgets to share (:func:`shared`):
from ipywidgets.widgets.widget_bool import CheckboxStyle as CheckboxStyle
from ipywidgets.widgets.widget_button import ButtonStyle as ButtonStyle
from ipywidgets.widgets.widget_description import DescriptionStyle as DescriptionStyle
from ipywidgets.widgets.widget_int import SliderStyle as SliderStyle
from ipywidgets.widgets.widget_selection import ToggleButtonsStyle as ToggleButtonsStyle
from ipywidgets.widgets.widget_string import HTMLStyle as HTMLStyle
from ipywidgets.widgets.widget_string import TextStyle as TextStyle

from .palette import FAINT, PAPER
from .text import french_spacing

STYLESHEET = f"""<style>
.tanmia-audit .widget-checkbox label, .tanmia-audit .widget-label-basic,
.tanmia-quiz .widget-radio-box label, .tanmia-quiz .widget-checkbox label,
.tanmia-quiz .widget-label-basic {{ white-space: normal !important; overflow: visible !important;
  height: auto !important; line-height: 1.4; }}
.tanmia-audit .widget-checkbox {{ height: auto !important; }}
.tanmia-audit .widget-toggle-button {{ width: auto !important; min-width: 3.2em; }}
.tanmia-quiz .widget-radio-box label {{ margin-bottom: 0.3em; }}
.tanmia-quiz .widget-html-content {{ line-height: 1.45; }}
.tanmia-quiz .widget-html-content h4,
.tanmia-quiz .widget-html-content p {{ margin: 0.5em 0 0.3em; }}
.tanmia-classement-widget select {{ font-size: 0.95em; }}
.tanmia-classement-widget .widget-html-content {{ white-space: normal; }}
.tanmia-classement-widget .tanmia-carte {{ display:inline-block; width:11em; min-height:3.2em;
  margin:0.15em; padding:0.25em 0.4em; border:1px solid {FAINT}; border-radius:5px;
  font-size:0.85em; vertical-align:top; text-align:left; background:{PAPER}; }}
.tanmia-classement-widget .tanmia-carte.vide {{ border-style:dashed; color:{FAINT};
  text-align:center; }}
.tanmia-carte-acteurs .widget-toggle-buttons {{ display: flex; align-items: baseline;
  margin: var(--jp-widgets-margin); }}
.tanmia-carte-acteurs .widget-toggle-buttons > .widget-label {{ flex: 0 0 auto;
  text-align: right; margin-right: calc(var(--jp-widgets-inline-margin) * 2); }}
.tanmia-carte-acteurs .widget-toggle-buttons > div {{ display: flex; flex-wrap: wrap; }}
.tanmia-carte-acteurs .widget-toggle-buttons .widget-toggle-button {{ width: auto; }}
.tanmia-carte-acteurs .widget-button {{ min-width: fit-content; }}
</style>"""
"""The exercise widgets' one stylesheet, each rule scoped by a widget's class: long labels
wrap instead of being cut off (audit, quiz), the ranking's lists and diamond cards (only
there: the actor map's result uses the class ``tanmia-carte`` too), and the actor map's
position buttons in a row beside their label, in the 9em column of the other controls'
labels (ipywidgets 8 puts the label on a line of its own above them)."""

_models: dict[tuple[type, tuple[tuple[str, Any], ...]], widgets.Widget] = {}


def shared(kind: type, **traits: Any) -> Any:
    """The one ``kind`` model (a Layout or a style) with these traits, built on first use
    (and again if it was closed)."""
    key = (kind, tuple(sorted(traits.items())))
    model = _models.get(key)
    if model is None or getattr(model, "comm", None) is None:
        model = _models[key] = kind(**traits)
    return model


# ipywidgets gives each control a margin all round (--jp-widgets-margin, 2 px): a control 100 %
# wide sticks out of its box by that margin, and the box, which scrolls, hides its right edge.
# A control as wide as its box keeps its margin above and below only.
FULL_WIDTH = {"width": "100%", "margin": "var(--jp-widgets-margin) 0"}


def full_width(**traits: Any) -> widgets.Layout:
    """The shared layout of a control as wide as its box, with these other ``traits``."""
    return shared(widgets.Layout, **FULL_WIDTH, **traits)


def html(value: str = "", **layout: Any) -> widgets.HTML:
    """An HTML widget with the shared layout (``layout`` traits, if any) and style."""
    return widgets.HTML(value, layout=shared(widgets.Layout, **layout), style=shared(HTMLStyle))


def button(description: str, tooltip: str = "", icon: str = "", **traits: Any) -> widgets.Button:
    """A button as wide as its words, with the shared layout and style (``traits``: others,
    such as ``button_style="primary"`` for the action a panel is for)."""
    return widgets.Button(
        description=french_spacing(description),
        tooltip=french_spacing(tooltip),
        icon=icon,
        layout=shared(widgets.Layout, width="auto"),
        style=shared(ButtonStyle),
        **traits,
    )


def upload_button(description: str, multiple: bool) -> widgets.FileUpload:
    """A button to send work files (JSON) from this computer to the course."""
    return widgets.FileUpload(
        accept=".json",
        multiple=multiple,
        description=french_spacing(description),
        icon="upload",
        layout=shared(widgets.Layout, width="auto"),
        style=shared(ButtonStyle),
    )


def checkbox(description: str) -> widgets.Checkbox:
    """An unticked box with its text beside it (not indented), as wide as its box."""
    return widgets.Checkbox(
        value=False,
        description=french_spacing(description),
        indent=False,
        layout=full_width(),
        style=shared(CheckboxStyle),
    )


def text_area(
    placeholder: str, rows: int | None = None, continuous: bool = False, **layout: Any
) -> widgets.Textarea:
    """A text box as wide as its box (``layout`` traits: its height), whose value changes
    when the learner leaves it, or at each key (``continuous``)."""
    return widgets.Textarea(
        placeholder=french_spacing(placeholder),
        rows=rows,
        continuous_update=continuous,
        layout=full_width(**layout),
        style=shared(TextStyle),
    )
