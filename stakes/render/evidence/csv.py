"""``stakes evidence --format csv``: a row per touchpoint, per journey and overall."""

from __future__ import annotations

import csv
import io
from typing import Any

from stakes.evidence.metrics import names, rates
from stakes.evidence.model import Evidence
from stakes.render.data import spreadsheet_safe
from stakes.render.evidence.common import rounded
from stakes.render.registry import Options

#: Each rate's numerator, denominator and 95% interval, after the metrics.
_PARTS = ("numerator", "denominator", "low", "high")
CSV_COLUMNS = (
    "level",
    "journey",
    "touchpoint",
    "group",
    "title",
    "declared_handled_by",
    *names(),
    *(f"{m.name}_{part}" for m in rates() for part in _PARTS),
)


def render(evidence: Evidence, options: Options) -> str:
    """One row per touchpoint, then per journey, then overall; safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    tps, journeys = evidence.counted("touchpoint"), evidence.counted("journey")
    overall = evidence.counted("overall").get((None, None), {})
    rows = [
        {"level": "touchpoint", **t, **_flat(tps.get((t["journey"], t["touchpoint"]), {}))}
        for t in evidence.touchpoint_records()
    ]
    rows += [
        {"level": "journey", **j, **_flat(journeys.get((j["journey"], None), {}))}
        for j in evidence.journey_records()
    ]
    rows.append({"level": "overall", **evidence.overall_record(), **_flat(overall)})
    for by in ("channel", "week"):
        counted = evidence.counted(by)
        rows += [
            {"level": by, "group": r[by], **r, **_flat(counted.get((r[by], None), {}))}
            for r in evidence.breakdown_records(by)
        ]
    for row in rows:
        values = rounded(row)
        writer.writerow([spreadsheet_safe(values.get(c)) for c in CSV_COLUMNS])
    return out.getvalue()


def _flat(counted: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {f"{name}_{part}": rate[part] for name, rate in counted.items() for part in _PARTS}
