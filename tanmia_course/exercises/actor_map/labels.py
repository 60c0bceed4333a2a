"""Put text labels next to their points so that no two labels overlap.

Pure geometry in pixels, with numpy only (no matplotlib): a plot measures its labels, calls
:func:`place_labels`, then draws each label in the box it gets back. The guarantee: the
returned boxes never overlap one another (a strictly positive common area), stay inside the
bounds and never cover their own point; if that is impossible at full size the labels are
shrunk step by step, and if even the smallest size does not fit, :class:`PlacementImpossible`
is raised rather than letting two labels overlap.

Boxes are ``(x0, y0, x1, y1)`` with ``x0 < x1`` and ``y0 < y1``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)
_FIRST_RING = (0.0, math.pi, math.pi / 2, -math.pi / 2, math.pi / 4, 3 * math.pi / 4)
_FIRST_RING += (-math.pi / 4, -3 * math.pi / 4)
_RING = tuple(k * math.pi / 8 for k in range(16))
_NEAR_RINGS = 4
_SOFT_PENALTY = 60.0  # pixels of extra distance a label accepts to avoid covering a marker
_GAP = 3.0  # pixels between a marker's edge and the nearest labels
_PAD = 1.5  # pixels at least between two labels


class PlacementImpossible(ValueError):
    """Even at the smallest size, some labels cannot be placed without overlapping."""


def _overlap_matrix(cands: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """(k, m) matrix: candidate i overlaps obstacle j with a positive area (boxes that only
    touch do not overlap)."""
    c, b = cands[:, None, :], boxes[None, :, :]
    return (c[..., :2] < b[..., 2:]).all(-1) & (b[..., :2] < c[..., 2:]).all(-1)


def overlapping(box: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """For each row of ``boxes`` (shape ``(m, 4)``), whether it overlaps ``box``."""
    return _overlap_matrix(np.asarray(box, float)[None, :], np.asarray(boxes, float))[0]


def boxes_around(centres: np.ndarray, half: np.ndarray | float) -> np.ndarray:
    """Boxes centred on ``centres`` (``(n, 2)``), ``half`` their half width and height:
    one for all, or per box (``(n, 1)`` or ``(n, 2)``)."""
    return np.hstack([centres - half, centres + half])


def _ring_boxes(
    point: np.ndarray, half: np.ndarray, distances: np.ndarray, angles: np.ndarray
) -> np.ndarray:
    """Boxes around ``point``: for an angle θ and a distance d, the box sits in direction θ,
    its near side (or corner, on diagonals) at distance d from the point."""
    ux, uy = np.cos(angles), np.sin(angles)
    slide = 1 / math.sin(math.pi / 8)  # from 22.5° on, the box is fully on one side
    cx = point[0] + distances * ux + half[0] * np.clip(ux * slide, -1, 1)
    cy = point[1] + distances * uy + half[1] * np.clip(uy * slide, -1, 1)
    return boxes_around(np.column_stack([cx, cy]), half)


def _angles(preferred: float | None, ring: Sequence[float]) -> np.ndarray:
    angles = np.array(ring)
    if preferred is not None:
        gap = np.abs((angles - preferred + math.pi) % (2 * math.pi) - math.pi)
        angles = angles[np.argsort(gap, kind="stable")]
    return angles


def _inside(cands: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    return (cands[:, :2] >= bounds[:2]).all(1) & (cands[:, 2:] <= bounds[2:]).all(1)


def _place_one(
    point: np.ndarray,
    size: np.ndarray,
    radius: float,
    bounds: np.ndarray,
    hard: np.ndarray,
    soft: np.ndarray,
    step: float,
    preferred: float | None,
) -> np.ndarray | None:
    """The box of one label (``hard``: the boxes it must not cover, its own marker's too)."""
    half = size / 2
    # 1. Near the point, in order of preference: the first box that hides nothing.
    near_d, near_a = [radius + _GAP] * len(_FIRST_RING), list(_angles(preferred, _FIRST_RING))
    for ring in range(1, _NEAR_RINGS):
        angles = _angles(preferred, _RING)
        near_d += [radius + _GAP + ring * step] * len(angles)
        near_a += list(angles)
    cands = _ring_boxes(point, half, np.array(near_d), np.array(near_a))
    ok = _inside(cands, bounds) & ~_overlap_matrix(cands, hard).any(axis=1)
    clean = ok & ~_overlap_matrix(cands, soft).any(axis=1)
    if clean.any():
        return cands[np.argmax(clean)]
    # 2. Anywhere: rings up to the far corner of the bounds, then a grid over the bounds;
    #    the nearest box wins, covering a marker or a title counts as extra distance.
    diagonal = math.hypot(bounds[2] - bounds[0], bounds[3] - bounds[1])
    rings = np.arange(radius + _GAP, diagonal + step, step)
    angles = _angles(preferred, _RING)
    far = _ring_boxes(point, half, np.repeat(rings, len(angles)), np.tile(angles, len(rings)))
    xs = np.arange(bounds[0], bounds[2] - size[0] + 1e-9, max(2.0, size[0] / 8))
    ys = np.arange(bounds[1], bounds[3] - size[1] + 1e-9, max(2.0, size[1] / 4))
    corners = np.column_stack([c.ravel() for c in np.meshgrid(xs, ys)])
    far = np.vstack([far, np.hstack([corners, corners + size])])
    far = far[_inside(far, bounds)]  # first: the overlap test below is the costly one
    far = far[~_overlap_matrix(far, hard).any(axis=1)]
    if len(far) == 0:
        return None
    gaps = np.maximum(np.maximum(far[:, :2] - point, point - far[:, 2:]), 0.0)  # to the point
    covered = _overlap_matrix(far, soft).sum(axis=1)
    score = np.hypot(gaps[:, 0], gaps[:, 1]) + _SOFT_PENALTY * covered
    return far[np.argmin(score)]


def place_labels(
    points: np.ndarray,
    sizes: np.ndarray | Callable[[float], np.ndarray],
    bounds: Sequence[float],
    radii: np.ndarray | None = None,
    obstacles: np.ndarray | None = None,
    preferred: Sequence[float | None] | None = None,
) -> tuple[np.ndarray, float]:
    """Boxes for labels of ``sizes`` (``(n, 2)``: width, height) next to ``points``
    (``(n, 2)``), inside ``bounds`` (x0, y0, x1, y1), and the size factor used: the
    :data:`SCALES` are tried in turn, each multiplying ``sizes``, or given to ``sizes`` when it
    is a function (scale → sizes) that measures the labels at each scale.

    ``radii`` are the markers' radii: a label never covers its own marker and avoids the
    others when it can, like the ``obstacles`` boxes (titles…). Labels stay 1.5 pixels
    apart at least. ``preferred`` gives, per label, an angle to try first (radians).
    Labels are placed in the order given: put the most important first.

    >>> boxes, scale = place_labels(
    ...     np.array([[50.0, 50.0], [50.0, 50.0]]), np.array([[40.0, 10.0], [40.0, 10.0]]),
    ...     (0, 0, 200, 100))
    >>> bool(overlapping(boxes[0], boxes[1:]).any()), scale
    (False, 1.0)
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    n = len(points)
    area = np.asarray(bounds, dtype=float)
    radii = np.zeros(n) if radii is None else np.asarray(radii, dtype=float)
    markers = boxes_around(points, radii[:, None])
    extra = np.zeros((0, 4)) if obstacles is None else np.asarray(obstacles, float).reshape(-1, 4)
    wanted = [None] * n if preferred is None else list(preferred)
    for scale in SCALES:
        scaled = sizes(scale) if callable(sizes) else np.asarray(sizes, dtype=float) * scale
        scaled = np.asarray(scaled, dtype=float).reshape(-1, 2)
        placed = np.zeros((0, 4))
        for i in range(n):
            soft = np.vstack([np.delete(markers, i, axis=0), extra])
            hard = np.vstack([placed + np.array([-_PAD, -_PAD, _PAD, _PAD]), markers[i]])
            step = max(6.0, scaled[i, 1])
            box = _place_one(points[i], scaled[i], radii[i], area, hard, soft, step, wanted[i])
            if box is None:
                break
            placed = np.vstack([placed, box])
        else:
            return placed, scale
    raise PlacementImpossible(
        f"Impossible de placer {n} étiquettes sans chevauchement, même réduites à "
        f"{int(min(SCALES) * 100)} % : retirez des acteurs ou raccourcissez leurs noms."
    )


def spread_points(
    xs: Sequence[float],
    ys: Sequence[float],
    radius: float,
    inside: tuple[float, float] | None = None,
) -> np.ndarray:
    """Positions for points that share the same place: each group of k identical points is
    spread evenly on a small circle (``radius``, in data units) around it; a lone point stays.
    With ``inside`` (the scale's ends, the same on both axes), a group on an end of the
    scale is spread on the scale's side of it, its circle touching the place: nothing goes
    into the margin, where the picture writes its corner names.

    >>> spread_points([1, 1, 2], [3, 3, 0], 0.2).round(2).tolist()
    [[1.0, 3.2], [1.0, 2.8], [2.0, 0.0]]
    >>> spread_points([0, 0], [5, 5], 0.2, inside=(0, 5)).round(2).tolist()
    [[0.2, 5.0], [0.2, 4.6]]
    """
    out = np.column_stack([np.asarray(xs, float), np.asarray(ys, float)])
    groups: dict[tuple[float, float], list[int]] = {}
    for i, (x, y) in enumerate(out):
        groups.setdefault((float(x), float(y)), []).append(i)
    for (x, y), members in groups.items():
        k = len(members)
        if k == 1:
            continue
        r = radius * (1 + 0.15 * max(0, k - 4))
        cx, cy = x, y
        if inside is not None:
            low, high = inside
            cx += r if x <= low else -r if x >= high else 0.0
            cy += r if y <= low else -r if y >= high else 0.0
        for j, i in enumerate(members):
            angle = math.pi / 2 + 2 * math.pi * j / k
            out[i] = (cx + r * math.cos(angle), cy + r * math.sin(angle))
    return out
