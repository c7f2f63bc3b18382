"""``stakes evidence --format md``: the headline, a table per journey, the contacts that match
no touchpoint and what the log's reading met."""

from __future__ import annotations

from itertools import groupby

from stakes.evidence.model import Evidence
from stakes.evidence.notes import notes
from stakes.render.evidence.common import headline, num, pct
from stakes.render.markdown import cell
from stakes.render.registry import Options

TOP_UNMATCHED = 10


def render(evidence: Evidence, options: Options) -> str:
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
