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

from typing import TYPE_CHECKING

from stakes.lazy import lazy_exports

_EXPORTS = {
    "FIELDS": "stakes.evidence.fields",
    "LogError": "stakes.evidence.fields",
    "METRICS": "stakes.evidence.metrics",
    "Metric": "stakes.evidence.metrics",
    "Evidence": "stakes.evidence.model",
    "LogReport": "stakes.evidence.model",
    "ObservedSignals": "stakes.evidence.observed",
    "ObservedHandling": "stakes.evidence.observed",
    "Problem": "stakes.evidence.model",
    "parse_window": "stakes.evidence.model",
    "read_log": "stakes.evidence.log",
    "measure": "stakes.evidence.measurement",
    "load_evidence": "stakes.evidence.measurement",
}

if TYPE_CHECKING:
    from stakes.evidence.fields import FIELDS as FIELDS
    from stakes.evidence.fields import LogError as LogError
    from stakes.evidence.log import read_log as read_log
    from stakes.evidence.measurement import load_evidence as load_evidence
    from stakes.evidence.measurement import measure as measure
    from stakes.evidence.metrics import METRICS as METRICS
    from stakes.evidence.metrics import Metric as Metric
    from stakes.evidence.model import Evidence as Evidence
    from stakes.evidence.model import LogReport as LogReport
    from stakes.evidence.model import Problem as Problem
    from stakes.evidence.model import parse_window as parse_window
    from stakes.evidence.observed import ObservedHandling as ObservedHandling
    from stakes.evidence.observed import ObservedSignals as ObservedSignals

__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
