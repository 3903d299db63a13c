"""Smoothed arcs: a fixed number of points, whatever the length of the text.

Units (sentences) are dropped into ``points`` bins by the position of their middle in the
span; bin sums are smoothed with a Gaussian over bins (O(points²), not O(units × points)), and
the smoothed value sum is divided by the smoothed weight, so empty bins borrow from neighbours.
"""

from __future__ import annotations

import math

from fabula.emotion.lexicon import EMOTIONS, Score


def _kernel(points: int, sigma: float) -> list[list[tuple[int, float]]]:
    """Per point, the (bin, weight) pairs within four sigmas."""
    reach = int(4 * sigma) + 1
    return [
        [(j, math.exp(-0.5 * ((i - j) / sigma) ** 2)) for j in range(max(0, i - reach), min(points, i + reach + 1))]
        for i in range(points)
    ]


def arc(items: list[tuple[int, Score]], start: int, end: int, points: int, sigma_share: float = 0.05) -> dict:
    """``items`` are (middle offset, score); returns valence and per-emotion rates per point."""
    points = max(1, points)
    width = max(1, end - start)
    val = [0.0] * points
    units = [0.0] * points
    toks = [0.0] * points
    emo = [[0.0] * points for _ in EMOTIONS]
    for mid, s in items:
        b = min(points - 1, max(0, (mid - start) * points // width))
        val[b] += s.valence_sum
        units[b] += s.units
        toks[b] += s.tokens
        for k, v in enumerate(s.emotions):
            emo[k][b] += v
    kernel = _kernel(points, max(1.0, sigma_share * points))

    def smooth(xs: list[float]) -> list[float]:
        return [sum(w * xs[j] for j, w in row) for row in kernel]

    su, st = smooth(units), smooth(toks)
    sv = smooth(val)
    out = {
        "valence": [round(v / u, 4) if u > 1e-9 else 0.0 for v, u in zip(sv, su)],
        "emotions": {
            name: [round(100 * v / t, 4) if t > 1e-9 else 0.0 for v, t in zip(smooth(emo[k]), st)]
            for k, name in enumerate(EMOTIONS)
        },
        "points": points,
    }
    return out
