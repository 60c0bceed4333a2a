"""Plots: ``f(data, ax=None) -> Axes``; matplotlib is imported here only, when a plot is drawn.

Colours come from the Okabe-Ito palette, readable by colour-blind viewers.
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
