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
        rate = evidence.counted("overall").get((None, None), {}).get("deflected_unresolved_rate")
        if o["deflected"] and rate is not None and rate["denominator"]:
            k, n = rate["numerator"], rate["denominator"]
            of = "those" if n == o["deflected"] else f"the {n:,} whose outcome the log gives"
            line += (
                f"; {k:,} of {of} ({pct(k / n)}{interval(rate)}) were not resolved: the "
                "deflection metric counts them as wins"
            )
        lines.append(line + ".")
    lines += _after(evidence, o)
    if o["looping_customers"]:
        lines.append(
            f"{o['looping_customers']:,} customer(s) contacted the same touchpoint 3 or more "
            f"times within {evidence.window_days:g} day(s)."
        )
    return lines


def _after(evidence: Evidence, o: dict[str, Any]) -> list[str]:
    """What happened after the contacts: resolutions that did not hold, customers lost
    quietly, and bots that passed customers on to people."""
    days = f"{evidence.window_days:g} day(s)"
    rates = evidence.counted("overall").get((None, None), {})
    lines = []
    if o["assumed_resolutions"]:
        lines.append(
            f"{_of(rates['assumed_resolution_rate'], 'contacts the log marks resolved')} came "
            f"back on the same journey within {days}: the resolution did not hold."
        )
    if o["lost_quietly"]:
        lines.append(
            f"{_of(rates['lost_quietly_rate'], 'deflected contacts')} were not resolved and "
            f"the customer never came back within {days}: lost quietly, not helped."
        )
    if o["bot_then_person"]:
        minutes = o["median_minutes_to_person"]
        within = o["person_within_target_rate"]
        target = _duration(evidence.target.total_seconds() / 60)
        in_time = f"; {pct(within)} within {target}" if within is not None else ""
        lines.append(
            f"{_of(rates['bot_then_person_rate'], 'AI-handled contacts')} were followed, within "
            f"{days}, by the same customer's contact with a person on the same journey (median "
            f"{_duration(minutes)} later{in_time})."
        )
    return lines


def _of(rate: dict[str, Any], noun: str) -> str:
    """``13 of the 16 {noun} (81%; 95% interval 57% to 93%)``."""
    k, n = rate["numerator"], rate["denominator"]
    return f"{k:,} of the {n:,} {noun} ({pct(k / n if n else None)}{interval(rate)})"


def interval(rate: dict[str, Any]) -> str:
    """``; 95% interval 57% to 93%``, or nothing for 0 / 0."""
    if rate.get("low") is None:
        return ""
    return f"; 95% interval {_bound(rate['low'])} to {_bound(rate['high'])}"


def _bound(value: float) -> str:
    """A bound as a percentage, with a decimal near 100% (99.7%, not a rounded 100%)."""
    return f"{value:.1%}" if 0.99 < value < 1 else pct(value)


def _duration(minutes: float | None) -> str:
    if minutes is None:
        return NA
    if minutes < 120:
        return f"{minutes:g} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} days"


#: The contacts with a known handler a touchpoint needs before its handling is compared with
#: the journey (as ``--min-contacts`` defaults to for map, report and lint).
ENOUGH = 20


def handled_otherwise(evidence: Evidence) -> list[str]:
    """Per touchpoint with at least ENOUGH contacts with a known handler, whose contacts the log
    says were handled otherwise than its journey declares (a share at least
    ``handling_share``, at the 95% interval's lower bound): what was declared and what the log
    shows."""
    from stakes.journey.values import AI_HANDLERS

    out = []
    counted = evidence.counted("touchpoint")
    for t in evidence.touchpoint_records():
        rates = counted.get((t["journey"], t["touchpoint"]), {})
        bots = rates.get("handled_automated_share")
        if not bots or bots["denominator"] < ENOUGH:
            continue
        declared = t["declared_handled_by"]
        other = dict(bots)
        if declared in AI_HANDLERS:
            other["numerator"] = bots["denominator"] - bots["numerator"]
            other["low"], other["high"] = 1 - bots["high"], 1 - bots["low"]
        if other["low"] is None or other["low"] < evidence.handling_share:
            continue
        who = "people" if declared in AI_HANDLERS else "a bot or self-service"
        out.append(
            f"{t['journey']}/{t['touchpoint']}: declared {declared}, but {who} handled "
            f"{_of(other, 'contacts the log names a handler for')}"
        )
    return out


#: The columns of a breakdown by channel or week: heading, metric, whether it is a rate.
BREAKDOWN = (
    ("contacts", "contacts", False),
    ("AI", "ai_share", True),
    ("defl.", "deflection_rate", True),
    ("unres.", "deflected_unresolved_rate", True),
    ("lost", "lost_quietly_rate", True),
    ("resolved", "resolution_rate", True),
    ("verified", "verified_resolution_rate", True),
)
#: The most weeks a table shows (the latest); JSON and CSV have every week.
MAX_WEEKS = 26


def breakdown_columns(evidence: Evidence) -> list[tuple[str, str, bool]]:
    """The BREAKDOWN columns the log can give (a metric it cannot measure is left out)."""
    return [c for c in BREAKDOWN if c[1] not in evidence.not_measured]


def breakdown_rows(evidence: Evidence, by: str) -> tuple[list[list[str]], int]:
    """A breakdown's rows as cells (label, then ``breakdown_columns``), the latest MAX_WEEKS
    weeks for ``week``, and how many earlier weeks were left out."""
    records = evidence.breakdown_records(by)
    hidden = max(0, len(records) - MAX_WEEKS) if by == "week" else 0
    columns = breakdown_columns(evidence)
    rows = []
    for r in records[hidden:]:
        cells = [str(r[by])]
        cells += [pct(r[m]) if rate else num(r[m]) for _, m, rate in columns]
        rows.append(cells)
    return rows, hidden


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
