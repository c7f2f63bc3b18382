"""``stakes evidence --format csv``: a row per touchpoint, per journey and overall."""

from __future__ import annotations

import csv
import io

from stakes.evidence.metrics import names
from stakes.evidence.model import Evidence
from stakes.render.data import spreadsheet_safe
from stakes.render.evidence.common import rounded
from stakes.render.registry import Options

CSV_COLUMNS = ("level", "journey", "touchpoint", "title", "declared_handled_by", *names())


def render(evidence: Evidence, options: Options) -> str:
    """One row per touchpoint, then per journey, then overall; safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = [{"level": "touchpoint", **t} for t in evidence.touchpoint_records()]
    rows += [{"level": "journey", **j} for j in evidence.journey_records()]
    rows.append({"level": "overall", **evidence.overall_record()})
    for row in rows:
        values = rounded(row)
        writer.writerow([spreadsheet_safe(values.get(c)) for c in CSV_COLUMNS])
    return out.getvalue()
