"""Contacts in groups, on numpy arrays: the window, the named masks and counts metrics are
computed from, distinct customers and the 90th percentile, per touchpoint, journey or overall.

Counts and sums are taken once per touchpoint and added up for journeys and overall; distinct
customers, percentiles and medians are pooled at each level. Nothing loops over rows in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


@dataclass(slots=True)
class Contacts:
    """The matched contacts as arrays, one entry per contact; None where the log lacks the
    field (the metrics that need it are not measured)."""

    tp: np.ndarray  # touchpoint number
    ai: np.ndarray  # AI-handled (ai or self-service)
    escalated: np.ndarray | None = None
    resolved: np.ndarray | None = None
    csat: np.ndarray | None = None
    customer: np.ndarray | None = None  # code, -1 when blank
    minutes: np.ndarray | None = None  # to resolution
    windowed: np.ndarray | None = None  # has a customer and a timestamp
    repeat: np.ndarray | None = None  # followed by the same customer, same touchpoint, in window
    prior: np.ndarray | None = None  # earlier contacts, same customer and touchpoint, in window
    _masks: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def has(self, name: str) -> bool:
        """Whether the log gives what the field ``name`` stands for."""
        present = {
            "customer_id": self.customer,
            "timestamp": self.windowed,
            "escalated": self.escalated,
            "resolved": self.resolved,
            "csat": self.csat,
            "resolved_at": self.minutes,
        }
        return present.get(name, self.tp) is not None

    def mask(self, name: str) -> np.ndarray:
        """The contacts ``name`` picks out (computed once): ai, deflected, ai_escalated,
        resolved, deflected_unresolved, rated, rated_ai, windowed, repeat, has_customer,
        looping."""
        found = self._masks.get(name)
        if found is None:
            found = self._masks[name] = _MASKS[name](self)
        return found


def _given(value: np.ndarray | None) -> np.ndarray:
    assert value is not None, "a metric used a field the log does not have"
    return value


_MASKS: dict[str, Callable[[Contacts], np.ndarray]] = {
    "ai": lambda c: c.ai,
    "deflected": lambda c: c.ai & ~_given(c.escalated),
    "ai_escalated": lambda c: c.ai & _given(c.escalated),
    "resolved": lambda c: _given(c.resolved),
    "deflected_unresolved": lambda c: c.mask("deflected") & ~_given(c.resolved),
    "rated": lambda c: ~np.isnan(_given(c.csat)),
    "rated_ai": lambda c: c.mask("rated") & c.mask("deflected"),
    "windowed": lambda c: _given(c.windowed),
    "repeat": lambda c: _given(c.repeat),
    "has_customer": lambda c: _given(c.customer) >= 0,
    "looping": lambda c: c.mask("windowed") & (_given(c.prior) >= 2),
}


class Level:
    """One level of grouping, ``n`` groups: every touchpoint, every journey, or overall.

    A journey or the overall level adds up the touchpoint level's counts (``fold``); distinct
    customers, percentiles and medians are pooled over the level's own groups.
    """

    def __init__(
        self,
        contacts: Contacts,
        group: np.ndarray,
        n: int,
        finer: Level | None = None,
        fold: Callable[[np.ndarray], np.ndarray] | None = None,
    ) -> None:
        self.c, self.group, self.n = contacts, group, n
        self.finer, self.fold = finer, fold
        self._sums: dict[tuple[str | None, str | None], np.ndarray] = {}

    def count(self, mask: str | None = None) -> np.ndarray:
        """Contacts per group (those ``mask`` picks out), as floats."""
        return self.total(None, mask)

    def total(self, values: str | None, mask: str | None) -> np.ndarray:
        """The sum of ``values`` (``csat``; None: count) over ``mask``'s contacts per group."""
        key = (values, mask)
        found = self._sums.get(key)
        if found is None:
            if self.finer is not None and self.fold is not None:
                found = self.fold(self.finer.total(values, mask))
            else:
                chosen = self.c.mask(mask) if mask else None
                group = self.group if chosen is None else self.group[chosen]
                if values is None:
                    found = np.bincount(group, minlength=self.n).astype(np.float64)
                else:
                    weights = _given(getattr(self.c, values))
                    weights = weights if chosen is None else weights[chosen]
                    found = np.bincount(group, weights=weights, minlength=self.n)
            self._sums[key] = found
        return found

    def ratio(self, part: str, whole: str | None) -> np.ndarray:
        """``part``'s contacts over ``whole``'s (None: all contacts); NaN for 0 / 0."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray(self.count(part) / self.count(whole))

    def mean(self, rated: str, but_not: str | None = None) -> np.ndarray:
        """Mean CSAT of ``rated``'s contacts (less ``but_not``'s); NaN where none is rated."""
        total, n = self.total("csat", rated), self.count(rated)
        if but_not is not None:
            total, n = total - self.total("csat", but_not), n - self.count(but_not)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray(total / n)

    def distinct(self, mask: str) -> np.ndarray:
        """Distinct customers per group among ``mask``'s contacts."""
        return distinct(self.group, self.n, _given(self.c.customer), self.c.mask(mask))

    def p90_prior(self) -> np.ndarray:
        """The 90th percentile of earlier contacts per group, over windowed contacts."""
        windowed = self.c.mask("windowed")
        return p90(self.group[windowed], self.n, _given(self.c.prior)[windowed])

    def median_minutes(self) -> np.ndarray:
        """The median minutes to resolution per group."""
        minutes = pd.Series(_given(self.c.minutes)).groupby(self.group).median()
        return minutes.reindex(range(self.n)).to_numpy(np.float64)
