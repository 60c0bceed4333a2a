"""The course's colours, defined once: pictures, feedback blocks and widgets all use these.

Colours come from the Okabe-Ito palette, readable by colour-blind viewers; a word or an
icon always goes with a colour, so that nothing is said by colour alone.
"""

OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)

# What a colour says in feedback: done or right, to look at, refused or wrong, nothing yet.
OK = "#0072B2"  # blue
WARNING = "#E69F00"  # orange
ERROR = "#D55E00"  # vermillion
MUTED = "#999999"  # grey: not rated, nothing to say
GOOD = "#009E73"  # bluish green: a criterion met (the audit's green light)

# Greys of text and lines, darkest first.
INK = "#000000"
TEXT_SOFT = "#444444"  # hints under a control
TEXT_MUTED = "#555555"  # notes, what was just done
FAINT = "#777777"  # placeholders, axes
RULE = "#DDDDDD"  # separators
PAPER = "#FFFFFF"

LEVEL_COLOURS = {"ok": OK, "warning": WARNING, "error": ERROR, "info": MUTED}
"""The colour of each feedback level (the ``level`` of a check's or a quiz's feedback)."""

FEU_COLOURS = {"vert": GOOD, "ambre": WARNING, "rouge": ERROR, None: MUTED}
"""The audit's traffic lights (``None``: not rated)."""


def colours_for(names: list[str]) -> dict[str, str]:
    """One Okabe-Ito colour per name (black left out), in sorted order so that a name keeps
    its colour whatever the order it comes in.

    >>> colours_for(["b", "a"])
    {'a': '#E69F00', 'b': '#56B4E9'}
    """
    colours = [c for c in OKABE_ITO if c != INK]
    return {name: colours[i % len(colours)] for i, name in enumerate(sorted(set(names)))}
