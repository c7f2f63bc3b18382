"""What the ``stakes evidence`` formats share: numbers in words, the headline, the log read.

Only ids from the journeys, counts, rates and already-redacted log values reach these
renderers (see stakes.evidence.privacy): never a customer identifier.
"""

from __future__ import annotations

from typing import Any

from stakes.evidence.metrics import METRICS
from stakes.evidence.model import Evidence
from stakes.evidence.notes import notes

#: The metrics that are whole numbers (counts), shown without rounding.
WHOLE = frozenset(m.name for m in METRICS if m.whole)

NA = "-"


def pct(value: float | None) -> str:
    """A rate as a percentage: one decimal under 10%, none above; ``-`` when not measured."""
    if value is None:
        return NA
    if 0 < value < 0.095:
        return f"{value:.1%}"
    return f"{value:.0%}"


def num(value: float | int | None, digits: int = 0) -> str:
    """A count with thousands separators, or a mean with ``digits`` decimals; ``-`` if None."""
    if value is None:
        return NA
    return f"{value:,.{digits}f}"


def rounded(record: dict[str, Any]) -> dict[str, Any]:
    """Rates and means to 4 decimals; counts as they are."""
    return {
        k: round(v, 4) if isinstance(v, float) and k not in WHOLE else v for k, v in record.items()
    }


def headline(evidence: Evidence) -> list[str]:
    """The few sentences that say what the log shows, for the table and the markdown."""
    o = evidence.overall_record()
    r = evidence.report
    matched = o["contacts"] or 0
    lines = [
        f"{matched:,} of {r.contacts:,} contacts matched "
        f"{sum(1 for t in evidence.touchpoint_records() if t['contacts'])} touchpoint(s) "
        f"in {sum(1 for j in evidence.journey_records() if j['contacts'])} journey(s); "
        f"window {evidence.window_days:g} day(s)."
    ]
    if o["deflected"] is not None and o["ai_contacts"]:
        line = (
            f"AI or self-service handled {o['ai_contacts']:,} contacts and deflected "
            f"{o['deflected']:,} ({pct(o['deflection_rate'])})"
        )
        if o["deflected_unresolved"] is not None:
            line += (
                f"; {o['deflected_unresolved']:,} of those ({pct(o['deflected_unresolved_rate'])})"
                " were not resolved: the deflection metric counts them as wins"
            )
        lines.append(line + ".")
    if o["looping_customers"]:
        lines.append(
            f"{o['looping_customers']:,} customer(s) contacted the same touchpoint 3 or more "
            f"times within {evidence.window_days:g} day(s)."
        )
    return lines


def log_record(evidence: Evidence) -> dict[str, Any]:
    """How the log was read, as plain data (no values from it, only counts and row numbers)."""
    r = evidence.report
    return {
        "file": r.file,
        "format": r.format,
        "encoding": r.encoding,
        "delimiter": r.delimiter,
        "rows": r.rows,
        "empty_rows": r.empty_rows,
        "duplicates": r.duplicates,
        "contacts": r.contacts,
        "matched": evidence.overall_record()["contacts"],
        "unmatched": evidence.unmatched_contacts,
        "columns": r.columns,
        "problems": [
            {
                "field": p.field,
                "kind": p.kind,
                "count": p.count,
                "rows": list(p.rows),
                "treated_as": p.treated_as,
                **(
                    {"labels": list(p.labels), "unshown": p.unshown}
                    if p.kind == "unknown-label"
                    else {}
                ),
            }
            for p in r.problems
        ],
        "notes": notes(evidence),
    }
