"""``stakes evidence --format json``: a versioned document (docs/evidence.md)."""

from __future__ import annotations

from typing import Any

from stakes.evidence.model import Evidence
from stakes.render.data import json_text
from stakes.render.evidence.common import handled_otherwise, log_record, rounded
from stakes.render.registry import Options
from stakes.version import __version__

#: Bumped only when a field is removed or changes meaning (docs/evidence.md). 2:
#: ``repeat_contact_rate`` is a share of customers (the old share of contacts is
#: ``repeat_contact_share``), and a blank ``resolved`` is left out rather than unresolved.
SCHEMA_VERSION = 2


def render(evidence: Evidence, options: Options) -> str:
    """The evidence as a versioned JSON document (docs/evidence.md)."""
    tps, journeys = evidence.counted("touchpoint"), evidence.counted("journey")
    overall = evidence.counted("overall").get((None, None), {})
    doc = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "stakes", "version": __version__},
        "window_days": evidence.window_days,
        "target_minutes": evidence.target.total_seconds() / 60,
        "log": log_record(evidence),
        "not_measured": list(evidence.not_measured),
        "left_out": evidence.left_out,
        "overall": {**rounded(evidence.overall_record()), "intervals": _rounded(overall)},
        "journeys": [
            {**rounded(j), "intervals": _rounded(journeys.get((j["journey"], None), {}))}
            for j in evidence.journey_records()
        ],
        "touchpoints": [
            {
                **rounded({"key": f"{t['journey']}/{t['touchpoint']}", **t}),
                "intervals": _rounded(tps.get((t["journey"], t["touchpoint"]), {})),
            }
            for t in evidence.touchpoint_records()
        ],
        "handled_otherwise": handled_otherwise(evidence),
        "by_channel": _breakdown(evidence, "channel"),
        "by_week": _breakdown(evidence, "week"),
        "unmatched": evidence.unmatched_records(),
    }
    return json_text(doc)


def _rounded(counted: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each rate's numerator, denominator and interval, the bounds to 4 decimals."""
    return {name: rounded(rate) for name, rate in counted.items()}


def _breakdown(evidence: Evidence, by: str) -> list[dict[str, Any]]:
    counted = evidence.counted(by)
    return [
        {**rounded(r), "intervals": _rounded(counted.get((r[by], None), {}))}
        for r in evidence.breakdown_records(by)
    ]
