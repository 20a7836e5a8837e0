"""The calibrated probability: a strictly increasing map that keeps the default threshold's hits."""

from __future__ import annotations

from itertools import pairwise

from embargo.matching import DEFAULT_THRESHOLD
from embargo.matching.algorithm import MatchResult
from embargo.matching.calibration import KNOTS, probability


def test_knots_strictly_increasing() -> None:
    assert len(KNOTS) >= 2
    for (x0, y0), (x1, y1) in pairwise(KNOTS):
        assert x0 < x1
        assert y0 < y1
    assert all(0.0 <= y <= 1.0 for _, y in KNOTS)


def test_probability_keeps_the_threshold_meaning() -> None:
    cut = probability(DEFAULT_THRESHOLD)
    scores = [i / 1000 for i in range(1001)]
    values = [probability(s) for s in scores]
    assert all(a <= b for a, b in pairwise(values))
    for score, value in zip(scores, values, strict=True):
        assert (score >= DEFAULT_THRESHOLD) == (value >= cut)


def test_probability_bounds() -> None:
    assert probability(0.0) == KNOTS[0][1]
    assert probability(1.0) == KNOTS[-1][1]
    assert probability(-1.0) == KNOTS[0][1]


def test_match_result_default_probability() -> None:
    assert MatchResult(0.5, 0.5, None).probability == 0.0
