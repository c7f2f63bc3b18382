"""``stakes map --format csv``: one row per touchpoint (docs/map.md), safe in a spreadsheet."""

from __future__ import annotations

import csv
import io

from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.render.data import spreadsheet_safe
from stakes.render.documents import MapDocument
from stakes.render.registry import Options

CSV_COLUMNS = (
    "journey",
    "stage",
    "touchpoint",
    "title",
    "channel",
    "handled_by",
    "stakes_score",
    "stakes_level",
    "complexity",
    "verdict",
    "computed_verdict",
    "override",
    "alignment",
    "rules",
    "top_reason",
    "file",
    "observed_repeat_contact_rate",
    "observed_prior_contacts",
    "contradicted",
)


def render(document: MapDocument, options: Options) -> str:
    """One row per touchpoint, safe to open in a spreadsheet."""
    out = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any cell holding a CR or LF.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for t in document.rows:
        r = t.result
        values = (
            t.journey.journey,
            t.stage.id,
            t.touchpoint.id,
            t.touchpoint.title,
            t.touchpoint.channel,
            t.touchpoint.handled_by,
            r.score,
            r.level,
            r.complexity,
            t.verdict,
            r.verdict,
            t.override or "",
            t.alignment,
            " ".join(x.id for x in r.hard_rules),
            t.top_reason,
            t.file,
            *_observed(t),
        )
        writer.writerow([spreadsheet_safe(v) for v in values])
    return out.getvalue()


def _observed(t: TouchpointAssessment) -> tuple[object, object, str]:
    e = t.observation
    if e is None:
        return "", "", ""
    return (
        e.observed.get("repeat_contact_rate", ""),
        e.observed.get("prior_contacts", ""),
        " ".join(e.contradicted),
    )
