"""What a log's reading met, in words for standard error and the outputs: problems, unmatched
contacts, what was skipped, assumed or not measured. Values from the log appear only as the
unmatched values that ``match`` lets be shown (ids, near misses), never customer data."""

from __future__ import annotations

from typing import Any

from stakes.evidence.metrics import needs
from stakes.evidence.model import Evidence


def warnings(evidence: Evidence) -> list[str]:
    """Lines for stderr: data problems, unmatched contacts, what could not be measured."""
    r = evidence.report
    out = [f"warning: {p.describe()}" for p in r.problems]
    unmatched = evidence.unmatched_contacts
    if unmatched:
        top = ", ".join(_unmatched(u) for u in evidence.unmatched_records()[:3])
        out.append(
            f"warning: {unmatched:,} of {r.contacts:,} contacts match no touchpoint and are "
            f"left out; most: {top}"
        )
    return out + [f"note: {line}" for line in notes(evidence)]


def _unmatched(record: dict[str, Any]) -> str:
    """An unmatched value and its contacts, for stderr: a pooled row's words unquoted, a near
    miss with its "did you mean"."""
    value, contacts, reason = record["value"], f"{record['contacts']:,}", record["reason"]
    if value.startswith("(") and value.endswith(")"):
        return f"{value[1:-1]} ({contacts})"
    near = reason.split("; ")[-1] if "did you mean" in reason else ""
    return f"{value!r} ({contacts}{'; ' + near if near else ''})"


def notes(evidence: Evidence) -> list[str]:
    """What was skipped, assumed or could not be measured, and which --column might help."""
    r = evidence.report
    out = [f"{r.empty_rows:,} empty row(s) skipped"] if r.empty_rows else []
    out += r.notes
    for group, reasons in evidence.left_out.items():
        total = sum(reasons.values())
        why = ", ".join(f"{n:,} {reason}" for reason, n in reasons.items())
        out.append(f"the {group} leave out {total:,} matched contact(s): {why}")
    for name in r.missing():
        lost = [m for m in needs()[name] if m in evidence.not_measured]
        if lost:
            hint = f" (--column {name}={r.hints[name]}?)" if name in r.hints else ""
            out.append(f"no {name} column{hint}: not measured: {', '.join(lost)}")
    return out
