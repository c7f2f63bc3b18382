"""How sure a rate is: the 95% Wilson score interval of ``k`` successes in ``n`` trials.

The Wilson interval (Wilson, 1927; recommended over the normal approximation by Brown, Cai and
DasGupta, 2001) stays inside 0..1 and is honest for small samples and for rates near 0 or 1:
2 of 20 is 10%, but anything from 3% to 30% is as likely to have produced it. Evidence that
contradicts a journey, or shows bots handling a moment they should not, is reported only when
the interval leaves out what the journey declares.
"""

from __future__ import annotations

import math

import numpy as np

#: The normal quantile of a two-sided 95% interval.
Z95 = 1.959963984540054


def wilson(k: np.ndarray, n: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """The lower and upper bounds of the Wilson interval of ``k`` in ``n``, element-wise;
    NaN where ``n`` is 0."""
    k, n = np.asarray(k, dtype=np.float64), np.asarray(n, dtype=np.float64)
    z2 = z * z
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = (k + z2 / 2) / (n + z2)
        half = z * np.sqrt(np.maximum(k * (n - k) / n, 0) + z2 / 4) / (n + z2)
        low, high = np.maximum(centre - half, 0.0), np.minimum(centre + half, 1.0)
    empty = n <= 0
    low[empty] = high[empty] = np.nan
    return low, high


def interval(k: int, n: int) -> tuple[float, float] | None:
    """The 95% Wilson interval of one rate, or None for 0 / 0."""
    if n <= 0:
        return None
    low, high = wilson(np.array([k]), np.array([n]))
    return float(low[0]), float(high[0])


def excludes(bounds: tuple[float, float] | None, value: float) -> bool:
    """Whether ``value`` lies outside the interval (never, without one)."""
    if bounds is None or math.isnan(bounds[0]):
        return False
    low, high = bounds
    return value < low - 1e-12 or value > high + 1e-12
