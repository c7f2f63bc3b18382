"""Contacts on numpy arrays, in order of time per customer: the window (who came back, and
how many earlier contacts), what the customer did next on the journey, and the distinct
customers and 90th percentiles of groups. Nothing loops over rows in Python."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _sorted(
    group: np.ndarray, customer: np.ndarray, times: np.ndarray, span: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The contacts that count (a customer and a time), their positions in order of group,
    customer and time, and one integer key per ordered contact with gaps wider than ``span``
    between (group, customer) runs: keys within ``span`` of each other are one customer's."""
    windowed = (customer >= 0) & ~np.isnat(times)
    if not windowed.any():
        return windowed, np.zeros(0, np.int64), np.zeros(0, np.int64)
    ts = times[windowed].astype(np.int64)
    ts -= ts.min()
    pair = group[windowed] * (int(customer.max()) + 1) + customer[windowed]
    stride = int(ts.max()) + span + 1
    if int(pair.max()) >= (2**62) // stride:  # too wide for one int64: rank the pairs first
        pair = np.asarray(pd.factorize(pair, sort=True)[0], dtype=np.int64)
    key = pair * stride + ts
    order = np.argsort(key, kind="stable")  # stable: equal times keep the log's order
    return windowed, np.flatnonzero(windowed)[order], key[order]


def window(
    touchpoint: np.ndarray, customer: np.ndarray, times: np.ndarray, span: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per contact: whether it counts (a customer and a time), whether the same customer comes
    back to the same group (touchpoint or journey) within ``span`` seconds, and how many of
    their contacts there fall in the ``span`` before it. One sort; then neighbours and a
    binary search for each contact's earliest contact within the window."""
    n = len(touchpoint)
    repeat_out, prior_out = np.zeros(n, bool), np.full(n, -1, np.int64)
    windowed, where, key = _sorted(touchpoint, customer, times, span)
    if not len(key):
        return windowed, repeat_out, prior_out
    repeat = np.zeros(len(key), dtype=bool)
    repeat[:-1] = key[1:] - key[:-1] <= span  # across customers the gap exceeds the window
    repeat_out[where] = repeat
    prior_out[where] = np.arange(len(key)) - np.searchsorted(key, key - span, side="left")
    return windowed, repeat_out, prior_out


def journey_window(
    journey: np.ndarray, customer: np.ndarray, times: np.ndarray, span: int, ai: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per contact, whether the same customer contacts the same journey again within ``span``
    seconds, and, per AI-handled contact, the minutes until their next contact with a person
    (not AI-handled) on the journey when that is within ``span`` (else NaN). One sort."""
    n = len(journey)
    again, minutes = np.zeros(n, dtype=bool), np.full(n, np.nan)
    _, where, key = _sorted(journey, customer, times, span)
    if not len(key):
        return again, minutes
    gap = np.zeros(len(key), dtype=np.int64)
    gap[:-1] = key[1:] - key[:-1]
    followed = np.zeros(len(key), dtype=bool)
    followed[:-1] = gap[:-1] <= span  # across customers the gap exceeds the window
    again[where] = followed
    bot = ai[where]
    people = np.flatnonzero(~bot)
    if len(people):
        after = np.searchsorted(people, np.arange(len(key)), side="right")
        found = after < len(people)
        to_next = key[people[np.minimum(after, len(people) - 1)]] - key
        reached = bot & found & (to_next <= span)
        minutes[where[reached]] = to_next[reached] / 60
    return again, minutes


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
