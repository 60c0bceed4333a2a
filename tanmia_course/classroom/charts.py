"""Charts of the trainer's class view: who handed in what, the class's actor map, and its
audits as a heatmap.

Each function takes a table of a :class:`~tanmia_course.classroom.result.Classe` and an
optional ``ax``, returns the Axes, and never calls ``plt.show()``; without ``ax`` it makes a
figure of the right size (no pyplot), laid out by matplotlib. Learner names are shown as plain text
(matplotlib's ``$…$`` maths is switched off for them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from ..content.verdict import LEVEL_RANGE
from ..display.palette import MUTED, OKABE_ITO, PAPER, RULE
from ..display.picture import axes_for, typed
from ..display.text import clip, plural
from ..exercises.actor_map.labels import PlacementImpossible, place_labels
from ..exercises.audit.analysis import FEU_COLOURS, feu
from ..exercises.ranking.charts import legend_below

MAX_ROWS = 60  # learners drawn in a heatmap; a note says how many are left out
PARTICIPATION_LEGEND = (
    ("réponse acceptée", OKABE_ITO[2]),
    ("réponse refusée", OKABE_ITO[5]),
)


def plain(text: object, width: int = 30) -> str:
    """A text matplotlib shows as is: no ``$…$`` maths, cut at ``width`` characters.

    >>> plain("Groupe $x$ — Aït Sidi Brahim", 12)
    'Groupe \\\\$x\\\\$…'
    """
    return typed(clip(text, width))


def class_actor_map(
    table: pd.DataFrame,
    quadrants: Mapping[tuple[str, str], str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The class's actor map: each actor at its median interest (x) and influence (y), with
    bars from the first to the third quartile (the middle half of the class) on each axis;
    the colour is the median stance. ``quadrants`` names each quadrant, as
    ``{(influence, interest): label}`` with ``"high"`` / ``"low"``.

    ``table`` is :meth:`~tanmia_course.classroom.result.Classe.carte_acteurs`.
    """
    from ..exercises.actor_map.charts import draw_grid
    from ..exercises.actor_map.layout import MapStyle, stance_colour

    ax = axes_for(ax, 9.0, 7.6)
    draw_grid(ax, MapStyle(quadrants or {}), "médiane de la classe, ")
    ax.set_title(
        "La carte des acteurs de la classe\nbarres : la moitié centrale des cartes ; "
        "couleur : position médiane (vermillon : opposé … bleu : moteur)",
        fontsize=10,
    )
    if table.empty:
        ax.text(2.5, 2.5, "Aucune carte rendue", ha="center", va="center")
        return ax
    x = table["interet"].to_numpy(dtype=float)
    y = table["influence"].to_numpy(dtype=float)
    ax.errorbar(
        x,
        y,
        xerr=[x - table["interet_q1"].to_numpy(float), table["interet_q3"].to_numpy(float) - x],
        yerr=[
            y - table["influence_q1"].to_numpy(float),
            table["influence_q3"].to_numpy(float) - y,
        ],
        fmt="none",
        ecolor=MUTED,
        elinewidth=1,
        capsize=2,
        zorder=1,
    )
    colours = [stance_colour(round(v)) for v in table["soutien"].fillna(0)]
    ax.scatter(x, y, s=80, c=colours, edgecolors="black", linewidths=0.6, zorder=2)
    _labels(ax, x, y, [plain(n, 28) for n in table["nom"]])
    return ax


def _labels(ax: Axes, x: np.ndarray, y: np.ndarray, texts: list[str]) -> None:
    """Put each label next to its point, none overlapping (else small labels beside)."""
    engine = ax.figure.get_layout_engine()
    if engine is not None:
        engine.execute(ax.figure)  # lays the figure out: pixel positions are final
    points = ax.transData.transform(np.column_stack([x, y]))
    probes = [ax.text(0, 0, t, fontsize=8) for t in texts]
    sizes = np.array([[b.width, b.height] for b in (p.get_window_extent() for p in probes)])
    for probe in probes:
        probe.remove()
    bbox = ax.get_window_extent()
    try:
        boxes, scale = place_labels(
            points, sizes, (bbox.x0, bbox.y0, bbox.x1, bbox.y1), radii=np.full(len(x), 6.0)
        )
    except PlacementImpossible:
        for xi, yi, text in zip(x, y, texts, strict=True):
            ax.annotate(
                text, (xi, yi), xytext=(4, 4), textcoords="offset points", fontsize=6
            ).set_in_layout(False)
        return
    inverse = ax.transData.inverted()
    for box, text in zip(boxes, texts, strict=True):
        cx, cy = inverse.transform(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
        ax.text(
            cx, cy, text, fontsize=8 * scale, ha="center", va="center", zorder=3, in_layout=False
        )


def audit_heatmap(
    niveaux: pd.DataFrame,
    reference: pd.Series,
    criteres: dict[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Learners (rows) × criteria (columns): each cell shows the learner's level; its colour
    is the gap to the reference (blue: below, white: same, orange: above; grey: not rated).
    The first row is the reference audit, coloured by traffic light."""
    shown = niveaux.iloc[:MAX_ROWS]
    n_rows, n_cols = len(shown) + 1, niveaux.shape[1]
    ax = axes_for(ax, 2.2 + 0.75 * n_cols, 1.6 + 0.32 * n_rows)
    # −2 or less … +2 or more (Okabe-Ito blues and oranges); grey when not rated.
    gap_colours = ListedColormap(
        [OKABE_ITO[4], OKABE_ITO[1], PAPER, "#F5C26B", OKABE_ITO[5]]
    ).with_extremes(bad=RULE)
    levels = shown.to_numpy(dtype=float, na_value=np.nan)
    ref = reference.reindex(niveaux.columns).to_numpy(dtype=float, na_value=np.nan)
    gaps = np.clip(levels - ref, -2, 2)  # NaN (not rated) is drawn as the colour map's "bad"
    ax.imshow(
        np.vstack([np.full((1, n_cols), np.nan), gaps]),
        cmap=gap_colours,
        vmin=-2.5,
        vmax=2.5,
        aspect="auto",
        interpolation="none",  # SVG: the cells themselves, scaled by the browser, crisp
    )
    for j, value in enumerate(ref):
        colour = FEU_COLOURS[None if math.isnan(value) else feu(value)]
        ax.add_patch(Rectangle((j - 0.5, -0.5), 1, 1, color=colour, alpha=0.55))
        ax.text(
            j,
            0,
            "—" if math.isnan(value) else f"{int(value)}",
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            in_layout=False,  # inside the Axes: nothing for the layout to make room for
        )
    for i in range(len(shown)):
        for j in range(n_cols):
            value = levels[i, j]
            ax.text(
                j,
                i + 1,
                "·" if math.isnan(value) else f"{int(value)}",
                ha="center",
                va="center",
                fontsize=8,
                in_layout=False,
            )
    names = criteres or {}
    columns = [plain(names.get(c, c), 22) for c in niveaux.columns]
    rows = ["Référence", *(plain(n, 30) for n in shown.index)]
    ax.set_xticks(range(n_cols), columns, rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(n_rows), rows, fontsize=8)
    ax.axhline(0.5, color="black", linewidth=1.5)
    more = len(niveaux) - len(shown)
    ax.set_title(
        f"Niveaux donnés par chaque participant, {LEVEL_RANGE}\n"
        "couleur : écart à la référence ; "
        "bleu : plus bas · blanc : identique · orange : plus haut · gris : non noté"
        + (
            f"\n({plural(more, 'participant', 'participants')} de plus dans le tableau, "
            f"{plural(more, 'non dessiné', 'non dessinés', False)})"
            if more
            else ""
        ),
        fontsize=9,
    )
    ax.tick_params(length=0)
    return ax


def participation_chart(participation: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """How many participants handed in each exercise (bars), refused answers after the
    accepted ones. ``participation`` is
    :meth:`~tanmia_course.classroom.result.Classe.participation` (« ✓ » accepted, « ✗ »
    refused)."""
    columns = [c for c in participation.columns if c != "nb_exercices"]
    ax = axes_for(ax, 8.0, 0.5 * len(columns) + 1.8)
    done = [int((participation[c] == "✓").sum()) for c in columns]
    refused = [int((participation[c] == "✗").sum()) for c in columns]
    y = np.arange(len(columns))
    (accepted, green), (wrong, red) = PARTICIPATION_LEGEND
    ax.barh(y, done, color=green, label=accepted)
    ax.barh(y, refused, left=done, color=red, label=wrong)
    ax.set_yticks(y, [plain(c, 40) for c in columns], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max(len(participation), 1))
    ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))  # counts: never « 2.5 »
    ax.set_xlabel(f"Participants ou groupes (sur {len(participation)})")
    # under the scale and its name, clear of the bars however long they are
    legend_below(ax, 0.5, ncol=2, frameon=False)
    ax.set_title("Qui a rendu quoi", fontsize=10)
    return ax


# The colour of each group of the guide in the drafts' chart (the legend names it too).
AGREEMENT_GROUP_COLOURS = {
    "criterion": OKABE_ITO[4],  # blue
    "practice": OKABE_ITO[1],  # sky blue
    "warning_sign": OKABE_ITO[0],  # orange
}


def agreement_chart(elements: pd.DataFrame, drafts: int, ax: Axes | None = None) -> Axes:
    """The share of the class's drafts that secure each item of the guide (a warning sign:
    guard against it), as horizontal bars in the guide's order, coloured by group, each
    bar followed by its count (« 6 sur 8 »). ``elements`` is
    :attr:`~tanmia_course.classroom.analysis.ConventionsClasse.elements`, ``drafts`` the
    number of drafts read."""
    n = len(elements)
    # the names are cut to 48 characters: a fixed margin holds them (see axes_for)
    ax = axes_for(ax, 9.0, 0.3 * n + 1.9, margins=(3.4, 0.3, 0.75, 1.25))
    y = np.arange(n)
    shares = elements["part"].to_numpy(dtype=float)
    shares = np.nan_to_num(shares, nan=0.0) * 100
    kinds = list(elements["type"])
    ax.barh(y, shares, color=[AGREEMENT_GROUP_COLOURS.get(k, MUTED) for k in kinds])
    for yi, share, count in zip(y, shares, elements["nb_protegent"], strict=True):
        ax.text(share + 1, yi, f"{count} sur {drafts}", va="center", fontsize=7, in_layout=False)
    ax.set_yticks(y, [plain(name, 48) for name in elements["nom"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xticks(range(0, 101, 25), [f"{v}\u202f%" for v in range(0, 101, 25)])
    ax.set_xlabel(f"Part des projets de convention ({plural(drafts, 'projet', 'projets')})")
    for edge in [i - 0.5 for i in range(1, n) if kinds[i] != kinds[i - 1]]:
        ax.axhline(edge, color=RULE, linewidth=1)
    groups = list(dict.fromkeys(zip(kinds, elements["groupe"], strict=True)))
    handles = [Patch(color=AGREEMENT_GROUP_COLOURS.get(k, MUTED), label=t) for k, t in groups]
    legend_below(ax, 0.5, handles=handles, ncol=2, frameon=False)
    ax.set_title(
        "Ce que protègent les projets de convention de la classe\n"
        "critères et bonnes pratiques protégés, signes d’alerte évités",
        fontsize=10,
    )
    return ax
