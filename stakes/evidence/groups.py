"""Contacts in groups, on numpy arrays: the named masks and counts metrics are computed from,
distinct customers and the 90th percentile, per touchpoint, journey, overall, channel or week
(the window itself is ``stakes.evidence.windows``).

Counts and sums are taken once per touchpoint and added up for journeys and overall; distinct
customers, percentiles and medians are pooled at each level. Nothing loops over rows in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd

from stakes.evidence.fields import HANDLERS
from stakes.evidence.windows import distinct, p90


@dataclass(slots=True)
class Contacts:
    """The matched contacts as arrays, one entry per contact; None where the log lacks the
    field (the metrics that need it are not measured)."""

    tp: np.ndarray  # touchpoint number
    ai: np.ndarray  # AI-handled (ai or self-service): the log's label, else the declared one
    handler: np.ndarray | None = None  # the log's handler (position in HANDLERS), -1 unlabelled
    escalated: np.ndarray | None = None
    resolved: np.ndarray | None = None  # false where not known
    known: np.ndarray | None = None  # whether the log says if it was resolved
    csat: np.ndarray | None = None
    customer: np.ndarray | None = None  # code, -1 when blank
    minutes: np.ndarray | None = None  # to resolution
    windowed: np.ndarray | None = None  # has a customer and a timestamp
    repeat: np.ndarray | None = None  # followed by the same customer, same touchpoint, in window
    prior: np.ndarray | None = None  # earlier contacts, same customer and touchpoint, in window
    again: np.ndarray | None = None  # followed by the same customer, same journey, in window
    followed: np.ndarray | None = None  # the log runs on for a whole window after it
    to_person: np.ndarray | None = None  # minutes from a bot contact to a person, NaN if none
    target: float = 3.0  # minutes within which a person should be reached
    _masks: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def has(self, name: str) -> bool:
        """Whether the log gives what the field ``name`` stands for."""
        present = {
            "handled_by": self.handler,
            "customer_id": self.customer,
            "timestamp": self.windowed,
            "escalated": self.escalated,
            "resolved": self.resolved,
            "csat": self.csat,
            "resolved_at": self.minutes,
        }
        return present.get(name, self.tp) is not None

    def subset(self, chosen: np.ndarray) -> Contacts:
        """These contacts, only those ``chosen`` picks out (what each measured stays)."""
        values = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name != "_masks" and isinstance(getattr(self, f.name), np.ndarray)
        }
        return replace(self, **{k: v[chosen] for k, v in values.items()}, _masks={})

    def mask(self, name: str) -> np.ndarray:
        """The contacts ``name`` picks out (computed once): ai, deflected, ai_escalated,
        resolved, deflected_unresolved, rated, rated_ai, windowed, repeat, has_customer,
        looping."""
        found = self._masks.get(name)
        if found is None:
            found = self._masks[name] = _MASKS[name](self)
        return found


def given(value: np.ndarray | None) -> np.ndarray:
    assert value is not None, "a metric used a field the log does not have"
    return value


def _by(*names: str) -> Callable[[Contacts], np.ndarray]:
    codes = [HANDLERS.index(n) for n in names]
    return lambda c: np.isin(given(c.handler), codes)


_MASKS: dict[str, Callable[[Contacts], np.ndarray]] = {
    "ai": lambda c: c.ai,
    "labelled": lambda c: given(c.handler) >= 0,
    "by_ai": _by("ai"),
    "by_self_service": _by("self-service"),
    "by_human": _by("human"),
    "by_hybrid": _by("hybrid"),
    "by_automated": _by("ai", "self-service"),
    "by_alone": lambda c: c.mask("by_automated") & ~given(c.escalated),
    "deflected": lambda c: c.ai & ~given(c.escalated),
    "ai_escalated": lambda c: c.ai & given(c.escalated),
    "seen_by_person": lambda c: ~c.ai | given(c.escalated),
    "resolution_known": lambda c: given(c.known),
    "resolved": lambda c: given(c.resolved) & given(c.known),
    "deflected_known": lambda c: c.mask("deflected") & given(c.known),
    "deflected_unresolved": lambda c: c.mask("deflected_known") & ~given(c.resolved),
    "rated": lambda c: ~np.isnan(given(c.csat)),
    "rated_ai": lambda c: c.mask("rated") & c.mask("deflected"),
    "windowed": lambda c: given(c.windowed),
    "repeat": lambda c: given(c.repeat),
    "has_customer": lambda c: given(c.customer) >= 0,
    "looping": lambda c: c.mask("windowed") & (given(c.prior) >= 2),
    # What the customer did next: only contacts the log follows for a whole window.
    "followed": lambda c: given(c.followed),
    "known_windowed": lambda c: c.mask("followed") & given(c.known),
    "resolved_windowed": lambda c: c.mask("followed") & c.mask("resolved"),
    "verified": lambda c: c.mask("resolved_windowed") & ~given(c.again),
    "assumed": lambda c: c.mask("resolved_windowed") & given(c.again),
    "deflected_known_windowed": lambda c: c.mask("followed") & c.mask("deflected_known"),
    "lost": lambda c: c.mask("followed") & c.mask("deflected_unresolved") & ~given(c.again),
    "ai_windowed": lambda c: c.mask("followed") & c.ai,
    "bot_then_person": lambda c: c.mask("followed") & c.mask("reached_person"),
    "reached_person": lambda c: ~np.isnan(given(c.to_person)),
    "in_target": lambda c: given(c.to_person) <= c.target,
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
                    weights = given(getattr(self.c, values))
                    weights = weights if chosen is None else weights[chosen]
                    found = np.bincount(group, weights=weights, minlength=self.n)
            self._sums[key] = found
        return found

    def counts(
        self, part: str, whole: str | None, *, customers: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """``part``'s contacts and ``whole``'s (None: all contacts), or with ``customers`` the
        distinct customers among them: a rate's numerator and denominator."""
        if customers:
            return self.distinct(part), self.distinct(whole or "has_customer")
        return self.count(part), self.count(whole)

    def ratio(self, part: str, whole: str | None, *, customers: bool = False) -> np.ndarray:
        """``counts`` as a ratio; NaN for 0 / 0."""
        top, bottom = self.counts(part, whole, customers=customers)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray(top / bottom)

    def mean(self, rated: str, but_not: str | None = None) -> np.ndarray:
        """Mean CSAT of ``rated``'s contacts (less ``but_not``'s); NaN where none is rated."""
        total, n = self.total("csat", rated), self.count(rated)
        if but_not is not None:
            total, n = total - self.total("csat", but_not), n - self.count(but_not)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray(total / n)

    def distinct(self, mask: str) -> np.ndarray:
        """Distinct customers per group among ``mask``'s contacts."""
        key = ("distinct", mask)
        found = self._sums.get(key)
        if found is None:
            chosen = self.c.mask(mask)
            found = distinct(self.group, self.n, given(self.c.customer), chosen)
            self._sums[key] = found
        return found

    def p90_prior(self) -> np.ndarray:
        """The 90th percentile of earlier contacts per group, over windowed contacts."""
        windowed = self.c.mask("windowed")
        return p90(self.group[windowed], self.n, given(self.c.prior)[windowed])

    def median(self, values: str, mask: str | None = None) -> np.ndarray:
        """The median of the contacts' ``values`` (``minutes``, ``to_person``) per group, over
        ``mask``'s contacts (NaN values left out)."""
        data = given(getattr(self.c, values))
        group = self.group
        if mask is not None:
            chosen = self.c.mask(mask)
            data, group = data[chosen], group[chosen]
        found = pd.Series(data).groupby(group).median()
        return found.reindex(range(self.n)).to_numpy(np.float64)
