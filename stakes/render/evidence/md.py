"""``stakes evidence --format md``: the headline, a table per journey, the contacts that match
no touchpoint and what the log's reading met."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from stakes.evidence.model import Evidence
from stakes.evidence.notes import notes
from stakes.render.evidence.common import (
    breakdown_columns,
    breakdown_rows,
    handled_otherwise,
    headline,
    num,
    pct,
)
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
    lines += _holds(evidence, records)
    lines += _breakdowns(evidence)
    otherwise = handled_otherwise(evidence)
    if otherwise:
        lines += ["## Handled otherwise than the journeys declare", ""]
        lines += [f"- {cell(line)}" for line in otherwise] + [""]
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


#: The table of what happened after the contacts: (heading, metric, count shown with it).
_AFTER = (
    ("verified resolution (of outcomes given)", "verified_resolution_rate"),
    ("assumed resolution (of resolved)", "assumed_resolution_rate"),
    ("lost quietly (of deflected)", "lost_quietly_rate"),
    ("bot then person (of bot contacts)", "bot_then_person_rate"),
    ("reached a person in time (of those)", "person_within_target_rate"),
    ("seen by a person (of all)", "human_exposure"),
)


def _holds(evidence: Evidence, records: list[dict[str, Any]]) -> list[str]:
    """Resolution that holds, per touchpoint: each rate as ``k / n (rate)``; the definitions
    are in docs/evidence.md."""
    measured = [(h, m) for h, m in _AFTER if m not in evidence.not_measured]
    if not measured or not records:
        return []
    counted = evidence.counted("touchpoint")
    lines = [
        "## Resolution that holds",
        "",
        "Each cell: contacts / the contacts the column counts them among (share). A resolution "
        "holds when the customer does not contact the journey again within "
        f"{evidence.window_days:g} days; only contacts the log follows for a whole window count.",
        "",
        "| touchpoint | " + " | ".join(h for h, _ in measured) + " |",
        "| --- |" + " ---: |" * len(measured),
    ]
    for t in records:
        rates = counted.get((t["journey"], t["touchpoint"]), {})
        cells = []
        for _, name in measured:
            rate = rates.get(name)
            if rate is None or not rate["denominator"]:
                cells.append("-")
            else:
                k, n = rate["numerator"], rate["denominator"]
                cells.append(f"{k:,} / {n:,} ({pct(k / n)})")
        lines.append(f"| `{t['journey']}/{t['touchpoint']}` | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _breakdowns(evidence: Evidence) -> list[str]:
    """The tables by channel and by week (the latest MAX_WEEKS weeks)."""
    lines: list[str] = []
    for by, heading in (("channel", "By channel"), ("week", "By week")):
        rows, hidden = breakdown_rows(evidence, by)
        if not rows:
            continue
        lines += [
            f"## {heading}",
            "",
            "| " + " | ".join([by, *(h for h, _, _ in breakdown_columns(evidence))]) + " |",
        ]
        lines.append("| --- |" + " ---: |" * len(breakdown_columns(evidence)))
        lines += ["| " + " | ".join([cell(r[0]), *r[1:]]) + " |" for r in rows]
        if hidden:
            lines += ["", f"{hidden} earlier week(s) not shown: `--format json` or `csv` has them."]
        lines.append("")
    return lines
