"""Interaction evidence: what a contact log says about each touchpoint (docs/evidence.md).

The only package besides ``stakes.assessment.pandas_export`` that imports pandas (and
pyarrow, to read logs)::

    from stakes.evidence import read_log, measure
    frame, report = read_log("contacts.csv", {"touchpoint": "Ticket Type"})
    evidence = measure(frame, "journeys/", window="7d", report=report)
    evidence = load_evidence("contacts.csv", portfolio, {"touchpoint": "Ticket Type"})  # both
    evidence.touchpoints            # DataFrame indexed by (journey, touchpoint)
    evidence.observed("billing-dispute/billing-chat")   # ObservedSignals or None
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from stakes.evidence.log import read_log
from stakes.evidence.metrics import measure
from stakes.evidence.model import (
    FIELDS,
    METRICS,
    Evidence,
    LogError,
    LogReport,
    ObservedSignals,
    Problem,
    parse_window,
)
from stakes.journey.files import Portfolio
from stakes.journey.model import Journey


def load_evidence(
    log: str,
    journeys: Portfolio | Sequence[Journey] | str | Sequence[str],
    mapping: Mapping[str, str] | None = None,
    window: str | dt.timedelta | pd.Timedelta = "7d",
    **options: Any,
) -> Evidence:
    """The evidence of the log at ``log`` on ``journeys``: ``read_log`` then ``measure``.

    ``journeys`` and ``window`` are as for ``measure``; ``options`` go to ``read_log``
    (``input_format``, ``encoding``, ``delimiter``, ``day_first``, ``handlers``, ``strict``).
    """
    frame, report = read_log(log, mapping, **options)
    return measure(frame, journeys, window, report=report)


__all__ = [
    "FIELDS",
    "METRICS",
    "Evidence",
    "LogError",
    "LogReport",
    "ObservedSignals",
    "Problem",
    "load_evidence",
    "measure",
    "parse_window",
    "read_log",
]
