"""A calibrated probability of "same party" for a raw match score.

The raw score (:func:`embargo.matching.score_entity`) orders candidates; this
module maps it to the probability that the listed entity is the party
screened, by a monotone table fitted on pairs built from the real lists
(never on a benchmark): a listed name against the same entity's other names
(positives) and against the other entities of its own list that the
screener retrieves for it (hard negatives), one positive to up to 20
retrieved negatives per query. ``bench/calibrate.py`` regenerates the table
and docs/matching.md describes its provenance.

Between knots the map is linear; it is strictly increasing, so a raw
threshold and its probability select the same hits
(``probability(DEFAULT_THRESHOLD)`` is the default threshold's meaning).
"""

from __future__ import annotations

from bisect import bisect_right

__all__ = ["KNOTS", "probability"]

#: (raw score at a bin centre, probability of same party), strictly increasing in both.
KNOTS: tuple[tuple[float, float], ...] = (
    # BEGIN TABLE (written by bench/calibrate.py --write)
    # bench/calibrate.py --queries 3000 --seed 7: 3000 positives, 12686 same-list negatives
    (0.025, 0.0621),  # 4013 pairs
    (0.075, 0.0631),  # 420 pairs
    (0.125, 0.0641),  # 755 pairs
    (0.175, 0.0651),  # 951 pairs
    (0.225, 0.0661),  # 1238 pairs
    (0.275, 0.0671),  # 2202 pairs
    (0.325, 0.0681),  # 834 pairs
    (0.375, 0.0772),  # 751 pairs
    (0.425, 0.0835),  # 563 pairs
    (0.475, 0.1638),  # 458 pairs
    (0.525, 0.1813),  # 342 pairs
    (0.575, 0.1979),  # 374 pairs
    (0.625, 0.2629),  # 232 pairs
    (0.675, 0.3987),  # 178 pairs
    (0.725, 0.3997),  # 133 pairs
    (0.775, 0.6674),  # 147 pairs
    (0.825, 0.6684),  # 142 pairs
    (0.875, 0.6694),  # 177 pairs
    (0.925, 0.8158),  # 304 pairs
    (0.975, 0.8764),  # 1472 pairs
    # END TABLE
)


def probability(score: float) -> float:
    """The probability of "same party" for a raw score in [0, 1] (linear between knots, flat beyond)."""
    xs = [x for x, _ in KNOTS]
    i = bisect_right(xs, score)
    if i == 0:
        return KNOTS[0][1]
    if i == len(KNOTS):
        return KNOTS[-1][1]
    (x0, y0), (x1, y1) = KNOTS[i - 1], KNOTS[i]
    return y0 + (y1 - y0) * (score - x0) / (x1 - x0)
