"""What a log observed at one touchpoint, for the assessment: the signals it measures (with
their 95% intervals) and who really handled the contacts.

``stakes map`` and ``report --evidence`` score with these (see docs/evidence.md): an observed
signal replaces the declared one only where the log contradicts it beyond its uncertainty, and
contacts a bot handled at a moment whose verdict is ``assist`` or ``human-only`` make the
touchpoint over-automated in fact, whatever the journey declares.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from stakes.evidence.metrics import observing
from stakes.evidence.uncertainty import interval

Bounds = tuple[float, float]


def plain(value: Any) -> Any:
    """A metric as plain JSON data: NaN and NA become None, numpy numbers Python ones."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


@dataclass(frozen=True, slots=True)
class ObservedHandling:
    """Who the log says handled a touchpoint's contacts: of the ``labelled`` contacts (with a
    handler the log names), how many a bot or self-service handled without passing them to a
    person (``automated``; ``passed_on`` the ones it passed on) and how many a person
    (``people``: human or hybrid), each with its 95% Wilson interval."""

    labelled: int
    automated: int
    people: int
    passed_on: int = 0  # bot contacts the log says were escalated to a person (not counted)

    @property
    def automated_interval(self) -> Bounds | None:
        """The 95% interval of the automated share."""
        return interval(self.automated, self.labelled)

    @property
    def people_interval(self) -> Bounds | None:
        """The 95% interval of the share people handled."""
        return interval(self.people, self.labelled)


@dataclass(frozen=True, slots=True)
class ObservedSignals:
    """What a log measured of a touchpoint's signals (by the metrics that observe one), for use
    in place of the declared ones: ``values`` by signal name, None where the log cannot tell;
    ``intervals`` the 95% interval of each rate among them; ``handling`` who handled the
    contacts (None without a handled_by column). Each value is also an attribute
    (``seen.repeat_contact_rate``)."""

    key: str  # journey/touchpoint
    contacts: int
    window_days: float
    values: dict[str, float | int | None]
    intervals: dict[str, Bounds | None] | None = None
    handling: ObservedHandling | None = None

    def __getattr__(self, name: str) -> float | int | None:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def updates(self) -> dict[str, float | int]:
        """The measured values as ``Signals`` fields, for ``signals.model_copy(update=...)``."""
        return {name: value for name, value in self.values.items() if value is not None}


def observed_signals(
    key: str, row: pd.Series, counted: dict[str, Any], window_days: float, min_contacts: int = 1
) -> ObservedSignals:
    """The observation of one touchpoint from its row of metrics and its rates' counts. A signal
    measured over customers' histories (repeat contacts, prior contacts) is left out below
    ``min_contacts`` customers: twenty contacts of one customer are one customer's story."""
    values: dict[str, float | int | None] = {}
    intervals: dict[str, Bounds | None] = {}
    customers = plain(row.get("customers"))
    for signal, metric in observing().items():
        value = plain(row[metric.name])
        if "customer_id" in metric.needs and customers is not None and customers < min_contacts:
            value = None
        values[signal] = None if value is None else int(value) if metric.whole else float(value)
        rate = counted.get(metric.name)
        if rate is not None and rate["low"] is not None:
            intervals[signal] = (rate["low"], rate["high"])
    handling = None
    automated = counted.get("handled_automated_share")
    if automated is not None and automated["denominator"]:
        human, hybrid = counted["handled_human_share"], counted["handled_hybrid_share"]
        # With an escalated column, a bot contact passed to a person is not a bot's alone.
        alone = counted.get("handled_alone_share", automated)
        handling = ObservedHandling(
            automated["denominator"],
            alone["numerator"],
            human["numerator"] + hybrid["numerator"],
            automated["numerator"] - alone["numerator"],
        )
    return ObservedSignals(key, int(row["contacts"]), window_days, values, intervals, handling)
