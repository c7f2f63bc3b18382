"""``stakes map --format csv``: one row per touchpoint (docs/map.md), safe in a spreadsheet."""

from __future__ import annotations

import csv
import io

from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.render.data import spreadsheet_safe
from stakes.render.documents import MapDocument
from stakes.render.registry import Options

#: The touchpoint's own fields, in the CSV's order (``TouchpointAssessment.fields``).
_FIELDS = (
    "journey",
    "stage",
    "touchpoint",
    "title",
    "channel",
    "handled_by",
    "interaction",
    "decided_by",
    "stakes_score",
    "stakes_level",
    "complexity",
    "borderline",
    "verdict",
    "computed_verdict",
    "override",
    "alignment",
    "state",
    "rules",
    "top_reason",
    "file",
)
#: The columns: the fields, then what a contact log observed (empty without one).
CSV_COLUMNS = (
    *_FIELDS,
    "observed_repeat_contact_rate",
    "observed_prior_contacts",
    "contradicted",
    "observed_automated_share",
    "over_automated_in_fact",
)


def render(document: MapDocument, options: Options) -> str:
    """One row per touchpoint, safe to open in a spreadsheet."""
    out = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any cell holding a CR or LF.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for t in document.rows:
        fields = t.fields()
        fields["rules"] = " ".join(fields["rules"])
        values = (*(fields[c] for c in _FIELDS), *_observed(t))
        writer.writerow([spreadsheet_safe(v) for v in values])
    return out.getvalue()


def _observed(t: TouchpointAssessment) -> tuple[object, ...]:
    e = t.observation
    if e is None:
        return "", "", "", "", ""
    h = e.handling
    return (
        e.observed.get("repeat_contact_rate", ""),
        e.observed.get("prior_contacts", ""),
        " ".join(e.contradicted),
        round(h.automated / h.labelled, 4) if h and h.labelled else "",
        "true" if e.in_fact else "false",
    )
