"""Per-group primitives of the evidence metrics, on numpy arrays: the window, distinct
customers, the 90th percentile."""

from __future__ import annotations

import numpy as np
import pandas as pd


def window(
    touchpoint: np.ndarray, customer: np.ndarray, times: np.ndarray, span: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per contact: whether it counts (a customer and a time), whether the same customer comes
    back to the same touchpoint within ``span`` seconds, and how many of their contacts there
    fall in the ``span`` before it. One sort by touchpoint, customer and time; then neighbours."""
    windowed = (customer >= 0) & ~np.isnat(times)
    n = len(touchpoint)
    repeat_out, prior_out = np.zeros(n, bool), np.full(n, -1, np.int64)
    if not windowed.any():
        return windowed, repeat_out, prior_out
    ts = times[windowed].astype(np.int64)
    ts -= ts.min()
    group = touchpoint[windowed] * (int(customer.max()) + 1) + customer[windowed]
    # One integer key per contact, (group, time), with gaps wider than the window between
    # groups: sorting it orders each customer's contacts on a touchpoint in time, and a binary
    # search finds each contact's earliest contact within the window.
    stride = int(ts.max()) + span + 1
    if int(group.max()) >= (2**62) // stride:  # too wide for one int64: rank the groups first
        group = np.asarray(pd.factorize(group, sort=True)[0], dtype=np.int64)
    key = group * stride + ts
    order = np.argsort(key, kind="stable")  # stable: equal times keep the log's order
    key = key[order]
    repeat = np.zeros(len(key), dtype=bool)
    repeat[:-1] = key[1:] - key[:-1] <= span  # across groups the gap exceeds the window
    prior = np.arange(len(key)) - np.searchsorted(key, key - span, side="left")
    where = np.flatnonzero(windowed)[order]
    repeat_out[where] = repeat
    prior_out[where] = prior
    return windowed, repeat_out, prior_out


def distinct(group: np.ndarray, n: int, customer: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Distinct customers per group among the contacts in ``mask``."""
    customers = int(customer.max()) + 1 if len(customer) else 1
    pairs = group[mask] * customers + customer[mask]
    if n * customers <= 1 << 27:  # a bitmap of (group, customer) is cheaper than hashing
        seen = np.zeros(n * customers, dtype=bool)
        seen[pairs] = True
        counts = np.count_nonzero(seen.reshape(n, customers), axis=1)
    else:
        counts = np.bincount(pd.unique(pairs) // customers, minlength=n)
    return np.asarray(counts, dtype=np.float64)


def p90(group: np.ndarray, n: int, values: np.ndarray) -> np.ndarray:
    """The 90th percentile per group: the smallest value at least 90% of the group is at most."""
    out = np.full(n, np.nan)
    if not len(values):
        return out
    sizes = np.bincount(group, minlength=n)
    has = sizes > 0
    k = (9 * sizes + 9) // 10  # ceil(0.9 * size), in integers
    width = int(values.max()) + 1
    if n * width <= 1 << 24:  # a histogram per group (prior counts are small numbers)
        hist = np.bincount(group * width + values, minlength=n * width).reshape(n, width)
        reached = hist.cumsum(axis=1) >= k[:, None]
        out[has] = np.argmax(reached, axis=1)[has]
        return out
    order = np.lexsort((values, group))
    starts = np.cumsum(sizes) - sizes
    out[has] = values[order][starts[has] + k[has] - 1]
    return out
