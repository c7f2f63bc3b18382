"""``stakes evidence`` as a table, JSON, CSV and markdown: pure functions of an Evidence.

Only ids from the journeys, counts, rates and already-redacted log values reach these
renderers (see stakes.evidence.privacy): never a customer identifier.
"""

from __future__ import annotations

import csv
import io
import json
from itertools import groupby
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from stakes.evidence.model import COUNTS, METRICS, NEEDS, Evidence
from stakes.render.console import string_console, trimmed
from stakes.render.map_formats import spreadsheet_safe
from stakes.render.markdown import cell
from stakes.version import __version__

#: Bumped only when a field is removed or changes meaning (docs/evidence.md).
SCHEMA_VERSION = 1
TOP_UNMATCHED = 10
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


def _rounded(record: dict[str, Any]) -> dict[str, Any]:
    return {
        k: round(v, 4) if isinstance(v, float) and k not in COUNTS else v for k, v in record.items()
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


def warnings(evidence: Evidence) -> list[str]:
    """Lines for stderr: data problems, unmatched contacts, what could not be measured."""
    r = evidence.report
    out = [f"warning: {p.describe()}" for p in r.problems]
    unmatched = evidence.unmatched_contacts
    if unmatched:
        top = ", ".join(
            f"{u['value']!r} ({u['contacts']:,})" for u in evidence.unmatched_records()[:3]
        )
        out.append(
            f"warning: {unmatched:,} of {r.contacts:,} contacts match no touchpoint and are "
            f"left out; most: {top}"
        )
    return out + [f"note: {line}" for line in notes(evidence)]


def notes(evidence: Evidence) -> list[str]:
    """What was skipped, assumed or could not be measured, and which --map might help."""
    r = evidence.report
    out = [f"{r.empty_rows:,} empty row(s) skipped"] if r.empty_rows else []
    out += r.notes
    for name in r.missing():
        lost = [m for m in NEEDS[name] if m in evidence.not_measured]
        if lost:
            hint = f" (--map {name}={r.hints[name]}?)" if name in r.hints else ""
            out.append(f"no {name} column{hint}: not measured: {', '.join(lost)}")
    return out


def render_table(evidence: Evidence, *, width: int = 80, color: bool = False) -> str:
    """One table per journey (touchpoints with contacts), its total, and the headline."""
    console, out = string_console(width, color)
    days = f"{evidence.window_days:g}d"
    records = [t for t in evidence.touchpoint_records() if t["contacts"]]
    totals = {j["journey"]: j for j in evidence.journey_records()}
    for journey, items in groupby(records, key=lambda t: t["journey"]):
        total = totals[journey]
        table = Table(
            title=Text(f"{total['title']} ({journey})", style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            padding=0,
            expand=True,
        )
        table.add_column("touchpoint", overflow="fold", ratio=1, min_width=12)
        for name in ("contacts", "AI", "defl.", "unres.", "resolved", f"repeat\n{days}", "loop"):
            table.add_column(name, justify="right", no_wrap=True)
        table.add_column("CSAT\nAI/hum", justify="right", no_wrap=True)
        rows = list(items)
        for i, t in enumerate(rows):
            table.add_row(*_cells(t["touchpoint"], t), end_section=i == len(rows) - 1)
        table.add_row(*_cells("journey", total), style="bold")
        console.print(table)
    if not records:
        console.print("No contact matched a touchpoint.")
    silent = sum(1 for t in evidence.touchpoint_records() if not t["contacts"])
    if silent:
        console.print(Text(f"{silent} touchpoint(s) of these journeys had no contacts.", "dim"))
    for line in headline(evidence):
        console.print(line)
    console.print(
        Text(
            "AI: share handled by AI or self-service; defl.: share of those not escalated; "
            "unres.: share of the deflected not resolved; loop: customers with 3+ contacts "
            "in the window; CSAT: AI (not escalated) / the rest, or one mean for all",
            style="dim",
        )
    )
    return trimmed(out.getvalue())


def _cells(name: str, t: dict[str, Any]) -> list[str]:
    csat = NA
    if t["csat_ai"] is not None or t["csat_human"] is not None:
        csat = f"{num(t['csat_ai'], 1)}/{num(t['csat_human'], 1)}"
    elif t["csat"] is not None:
        csat = num(t["csat"], 1)
    return [
        name,
        num(t["contacts"]),
        pct(t["ai_share"]),
        pct(t["deflection_rate"]),
        pct(t["deflected_unresolved_rate"]),
        pct(t["resolution_rate"]),
        pct(t["repeat_contact_rate"]),
        num(t["looping_customers"]),
        csat,
    ]


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
            }
            for p in r.problems
        ],
        "notes": notes(evidence),
    }


def render_json(evidence: Evidence) -> str:
    """The evidence as a versioned JSON document (docs/evidence.md)."""
    doc = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "stakes", "version": __version__},
        "window_days": evidence.window_days,
        "log": log_record(evidence),
        "not_measured": list(evidence.not_measured),
        "overall": _rounded(evidence.overall_record()),
        "journeys": [_rounded(j) for j in evidence.journey_records()],
        "touchpoints": [
            _rounded({"key": f"{t['journey']}/{t['touchpoint']}", **t})
            for t in evidence.touchpoint_records()
        ],
        "unmatched": evidence.unmatched_records(),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("level", "journey", "touchpoint", "title", "declared_handled_by", *METRICS)


def render_csv(evidence: Evidence) -> str:
    """One row per touchpoint, then per journey, then overall; safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = [{"level": "touchpoint", **t} for t in evidence.touchpoint_records()]
    rows += [{"level": "journey", **j} for j in evidence.journey_records()]
    rows.append({"level": "overall", **evidence.overall_record()})
    for row in rows:
        values = _rounded(row)
        writer.writerow([spreadsheet_safe(values.get(c)) for c in CSV_COLUMNS])
    return out.getvalue()


def render_markdown(evidence: Evidence) -> str:
    """A markdown document: headline, a table per journey, unmatched values, data problems."""
    days = f"{evidence.window_days:g}"
    lines = ["# Interaction evidence", "", *headline(evidence), ""]
    head = (
        f"| touchpoint | contacts | customers | AI share | deflection | deflected unresolved "
        f"| resolution | repeat ({days} d) | looping | prior p90 | CSAT AI / human |"
    )
    totals = {j["journey"]: j for j in evidence.journey_records()}
    records = [t for t in evidence.touchpoint_records() if t["contacts"]]
    for journey, items in groupby(records, key=lambda t: t["journey"]):
        total = totals[journey]
        lines += [f"## {cell(total['title'])} (`{journey}`)", "", head]
        lines.append("| --- |" + " ---: |" * 10)
        for t in [*items, {**total, "touchpoint": None}]:
            name = f"`{t['touchpoint']}`" if t["touchpoint"] else "**journey**"
            csat = f"{num(t['csat_ai'], 2)} / {num(t['csat_human'], 2)}"
            lines.append(
                f"| {name} | {num(t['contacts'])} | {num(t['customers'])} "
                f"| {pct(t['ai_share'])} | {pct(t['deflection_rate'])} "
                f"| {pct(t['deflected_unresolved_rate'])} | {pct(t['resolution_rate'])} "
                f"| {pct(t['repeat_contact_rate'])} | {num(t['looping_customers'])} "
                f"| {num(t['prior_contacts_p90'])} | {csat} |"
            )
        lines.append("")
    unmatched = evidence.unmatched_records()
    if unmatched:
        lines += [
            f"## Contacts that match no touchpoint ({evidence.unmatched_contacts:,})",
            "",
            "| log value | contacts | why |",
            "| --- | ---: | --- |",
        ]
        for u in unmatched[:TOP_UNMATCHED]:
            lines.append(f"| {cell(u['value'])} | {u['contacts']:,} | {cell(u['reason'])} |")
        if len(unmatched) > TOP_UNMATCHED:
            rest = sum(u["contacts"] for u in unmatched[TOP_UNMATCHED:])
            lines.append(f"| {len(unmatched) - TOP_UNMATCHED} more values | {rest:,} | |")
        lines.append("")
    problems = [p.describe() for p in evidence.report.problems] + notes(evidence)
    if problems:
        lines += ["## The log", "", *(f"- {cell(p)}" for p in problems), ""]
    return "\n".join(lines)
