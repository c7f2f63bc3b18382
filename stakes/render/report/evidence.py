"""The report's evidence section: deflection is not resolution, and what a log contradicts."""

from __future__ import annotations

from typing import Any

from stakes.assessment.results import Assessment
from stakes.render.evidence.common import headline, num, pct
from stakes.render.map.records import contradictions
from stakes.render.markdown import cell

MAX_ROWS = 50


def evidence_section(a: Assessment) -> str:
    """'Deflection is not resolution' from the contact log behind the assessment ('' without)."""
    log: Any = a.log
    if log is None:
        return ""
    days = f"{log.window_days:g}"
    rows = [t for t in log.touchpoint_records() if t.get("ai_contacts")]
    rows.sort(key=lambda t: (-(t.get("deflected_unresolved") or 0), t["journey"], t["touchpoint"]))
    out = [
        "## Deflection is not resolution\n",
        " ".join(headline(log)) + "\n",
        "A contact the bot handled and did not escalate counts as a deflection, and a win; the "
        "column that matters is how many of those were never resolved. Worst first.\n",
    ]
    if rows:
        out.append(
            "| touchpoint | contacts | AI share | deflection | deflected, unresolved "
            f"| resolution | repeat ({days} d) | looping customers | CSAT AI / human |\n"
            "| --- |" + " ---: |" * 8
        )
        for t in rows[:MAX_ROWS]:
            deflected = t.get("deflected_unresolved")
            share = pct(t.get("deflected_unresolved_rate"))
            out.append(
                f"| `{t['journey']}/{t['touchpoint']}` | {num(t['contacts'])} "
                f"| {pct(t['ai_share'])} | {pct(t['deflection_rate'])} "
                f"| {num(deflected)} ({share}) | {pct(t['resolution_rate'])} "
                f"| {pct(t['repeat_contact_rate'])} | {num(t['looping_customers'])} "
                f"| {num(t['csat_ai'], 2)} / {num(t['csat_human'], 2)} |"
            )
        if len(rows) > MAX_ROWS:
            out.append(
                f"\n…and {len(rows) - MAX_ROWS} more: `stakes evidence` lists every touchpoint."
            )
        out.append("")
    else:
        out.append("No contact in the log was handled by AI or self-service.\n")
    notes = contradictions(list(a))
    out.append("### Where the log contradicts the journeys\n")
    if notes:
        out.append(
            "The observed values replaced the declared ones in every score above, at the "
            "touchpoints with enough contacts (`stakes map` with the same `--evidence` options "
            "lists them per touchpoint).\n"
        )
        out.append("\n".join(f"- {cell(n)}" for n in notes) + "\n")
    else:
        out.append("The observed repeat contacts and prior contacts agree with the journeys.\n")
    return "\n".join(out)
