"""Label placement: no two label boxes overlap, whatever the points."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tanmia_course.exercises.actor_map.labels import (
    PlacementImpossible,
    overlapping,
    place_labels,
    spread_points,
)

BOUNDS = (0.0, 0.0, 800.0, 600.0)


def assert_valid(boxes, points, radii, bounds=BOUNDS, pad=1.5):
    for i, box in enumerate(boxes):
        assert box[0] >= bounds[0] and box[1] >= bounds[1]
        assert box[2] <= bounds[2] and box[3] <= bounds[3]
        others = np.delete(boxes, i, axis=0) + np.array([-pad, -pad, pad, pad])
        assert not overlapping(box, others).any(), f"l’étiquette {i} en chevauche une autre"
        px, py = points[i]
        own = np.array([px - radii[i], py - radii[i], px + radii[i], py + radii[i]])
        assert not overlapping(own, box[None, :]).any(), f"l’étiquette {i} cache son point"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(40, 760),
            st.floats(30, 570),
            st.integers(20, 260),
            st.integers(10, 16),
        ),
        min_size=1,
        max_size=18,
    )
)
def test_placed_labels_never_overlap_stay_inside_and_leave_their_point_visible(labels):
    points = np.array([(x, y) for x, y, _, _ in labels])
    sizes = np.array([(w, h) for _, _, w, h in labels], dtype=float)
    radii = np.full(len(labels), 8.0)
    boxes, scale = place_labels(points, sizes, BOUNDS, radii)
    assert len(boxes) == len(labels)
    assert np.allclose(boxes[:, 2] - boxes[:, 0], sizes[:, 0] * scale)
    assert_valid(boxes, points, radii)


def test_labels_of_actors_piled_on_one_point_are_spread_around_it():
    points = np.tile([[400.0, 300.0]], (12, 1))
    sizes = np.tile([[180.0, 14.0]], (12, 1))
    radii = np.full(12, 10.0)
    boxes, scale = place_labels(points, sizes, BOUNDS, radii)
    assert scale == 1.0
    assert_valid(boxes, points, radii)
    centres = boxes.reshape(-1, 2, 2).mean(axis=1)
    assert np.hypot(*(centres - [400.0, 300.0]).T).max() < 160  # still near their point


def test_a_label_prefers_the_spot_right_of_its_point_and_avoids_other_markers():
    boxes, _ = place_labels(np.array([[100.0, 100.0]]), np.array([[50.0, 10.0]]), BOUNDS, [5.0])
    assert boxes[0][0] > 100 and boxes[0][1] < 100 < boxes[0][3]
    points = np.array([[100.0, 100.0], [130.0, 100.0]])
    boxes, _ = place_labels(points, np.array([[50.0, 10.0]] * 2), BOUNDS, [5.0, 5.0])
    marker = np.array([125.0, 95.0, 135.0, 105.0])
    assert not overlapping(marker, boxes[:1]).any()


def test_a_preferred_direction_is_tried_first():
    boxes, _ = place_labels(
        np.array([[400.0, 300.0]]), np.array([[60.0, 12.0]]), BOUNDS, [5.0], preferred=[np.pi / 2]
    )
    assert boxes[0][1] > 300  # above the point


def test_crowded_labels_shrink_rather_than_overlap():
    bounds = (0.0, 0.0, 300.0, 200.0)
    points = np.tile([[150.0, 100.0]], (20, 1))
    sizes = np.tile([[140.0, 16.0]], (20, 1))
    boxes, scale = place_labels(points, sizes, bounds, np.full(20, 4.0))
    assert scale < 1.0
    assert_valid(boxes, points, np.full(20, 4.0), bounds)


def test_when_nothing_fits_it_says_so_instead_of_overlapping():
    with pytest.raises(PlacementImpossible, match="sans chevauchement"):
        place_labels(
            np.tile([[50.0, 50.0]], (30, 1)), np.tile([[90.0, 30.0]], (30, 1)), (0, 0, 100, 100)
        )


def test_points_sharing_a_place_are_spread_on_a_small_circle():
    spread = spread_points([2, 2, 2, 4], [3, 3, 3, 1], 0.2)
    assert spread[3].tolist() == [4.0, 1.0]
    distances = np.hypot(spread[:3, 0] - 2, spread[:3, 1] - 3)
    assert np.allclose(distances, 0.2)
    assert len({tuple(p) for p in spread[:3].round(6)}) == 3
