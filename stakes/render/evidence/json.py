"""``stakes evidence --format json``: a versioned document (docs/evidence.md)."""

from __future__ import annotations

from stakes.evidence.model import Evidence
from stakes.render.data import json_text
from stakes.render.evidence.common import log_record, rounded
from stakes.render.registry import Options
from stakes.version import __version__

#: Bumped only when a field is removed or changes meaning (docs/evidence.md).
SCHEMA_VERSION = 1


def render(evidence: Evidence, options: Options) -> str:
    """The evidence as a versioned JSON document (docs/evidence.md)."""
    doc = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "stakes", "version": __version__},
        "window_days": evidence.window_days,
        "log": log_record(evidence),
        "not_measured": list(evidence.not_measured),
        "overall": rounded(evidence.overall_record()),
        "journeys": [rounded(j) for j in evidence.journey_records()],
        "touchpoints": [
            rounded({"key": f"{t['journey']}/{t['touchpoint']}", **t})
            for t in evidence.touchpoint_records()
        ],
        "unmatched": evidence.unmatched_records(),
    }
    return json_text(doc)
