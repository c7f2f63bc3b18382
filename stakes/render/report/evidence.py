"""The report's evidence section: deflection is not resolution, and what a log contradicts."""

from __future__ import annotations

from typing import Any

from stakes.assessment.results import Assessment
from stakes.render.evidence.common import breakdown_columns, breakdown_rows, headline, num, pct
from stakes.render.map.records import contradictions
from stakes.render.markdown import cell
from stakes.render.report import figures
from stakes.render.report.figures import Figure

MAX_ROWS = 50


def evidence_section(a: Assessment) -> list[str | Figure]:
    """'Deflection is not resolution' from the contact log behind the assessment (nothing
    without): markdown, and the charts the report draws."""
    log: Any = a.log
    if log is None:
        return []
    days = f"{log.window_days:g}"
    rows = [t for t in log.touchpoint_records() if t.get("ai_contacts")]
    rows.sort(key=lambda t: (-(t.get("deflected_unresolved") or 0), t["journey"], t["touchpoint"]))
    out: list[str | Figure] = [
        "## Deflection is not resolution\n",
        " ".join(headline(log)) + "\n",
        "A contact the bot handled and did not escalate counts as a deflection, and a win; the "
        "column that matters is how many of those were not resolved. Sorted by deflected, "
        "unresolved contacts, most first.\n",
    ]
    if rows:
        out.append(
            "| touchpoint | contacts | AI share | deflection | deflected, unresolved "
            f"| lost quietly | bot then person | resolution | repeat ({days} d) "
            "| looping customers | CSAT AI / human |\n"
            "| --- |" + " ---: |" * 10
        )
        for t in rows[:MAX_ROWS]:
            deflected = t.get("deflected_unresolved")
            share = pct(t.get("deflected_unresolved_rate"))
            out.append(
                f"| `{t['journey']}/{t['touchpoint']}` | {num(t['contacts'])} "
                f"| {pct(t['ai_share'])} | {pct(t['deflection_rate'])} "
                f"| {num(deflected)} ({share}) | {num(t.get('lost_quietly'))} "
                f"| {num(t.get('bot_then_person'))} | {pct(t['resolution_rate'])} "
                f"| {pct(t['repeat_contact_rate'])} | {num(t['looping_customers'])} "
                f"| {num(t['csat_ai'], 2)} / {num(t['csat_human'], 2)} |"
            )
        if len(rows) > MAX_ROWS:
            out.append(
                f"\n…and {len(rows) - MAX_ROWS} more: `stakes evidence` lists every touchpoint."
            )
        out.append("")
        out.append(figures.deflection(rows))
    else:
        out.append("No contact in the log was handled by AI or self-service.\n")
    out += _trend(log)
    out += _in_fact(a)
    notes = contradictions(list(a), handling=False)
    out.append("### Where the log contradicts the journeys\n")
    unmeasured = [m for m in ("repeat_contact_rate", "prior_contacts_p90") if m in log.not_measured]
    if notes:
        out.append(
            "Where the log shows a signal higher than declared, beyond its 95% interval, the "
            "observed value replaced the declared one in every score above, at the touchpoints "
            "with enough contacts. A lower observation is reported and not scored: a log shows "
            "that customers came back, never that they did not (by a channel it does not hold, "
            "after the window, or by giving up).\n"
        )
        out.append("\n".join(f"- {cell(n)}" for n in notes) + "\n")
    if len(unmeasured) == 2:
        out.append(
            "Repeat contacts and prior contacts were not measured: the log has no customer "
            "ids or no contact times, so it cannot confirm or contradict what the journeys "
            "declare.\n"
        )
    elif not any(t.observation is not None and t.observation.observed for t in a):
        out.append(
            "No touchpoint has enough contacts in the log (`--min-contacts`) for its repeat "
            "contacts and prior contacts to be compared with the journeys: nothing was checked.\n"
        )
    elif not notes:
        out.append(
            "At the touchpoints with enough contacts, the observed repeat contacts and prior "
            "contacts are within the 95% interval of what the journeys declare, or within the "
            "signal's tolerance of it.\n"
        )
    return _joined(out)


def _joined(out: list[str | Figure]) -> list[str | Figure]:
    """Consecutive lines joined into one markdown part, the charts between them."""
    parts: list[str | Figure] = []
    for part in out:
        if isinstance(part, str) and parts and isinstance(parts[-1], str):
            parts[-1] += "\n" + part
        else:
            parts.append(part)
    return parts


def _in_fact(a: Assessment) -> list[str]:
    """The moments the contact log shows bots handling against their verdict."""
    rows = [(t, t.observation.in_fact) for t in a if t.observation and t.observation.in_fact]
    if not rows:
        return []
    return [
        "### Over-automated in fact\n",
        "The journeys say a person handles these moments, or their verdict asks for one; the "
        "contact log shows bots handling them, beyond its uncertainty.\n",
        "\n".join(f"- `{t.key}` ({t.verdict}): {cell(said)}" for t, said in rows) + "\n",
    ]


def _trend(log: Any) -> list[str | Figure]:
    """Week by week: the share of deflected contacts never resolved (lost quietly, when the
    log can tell), as a line, and the table of the latest weeks."""
    rows, hidden = breakdown_rows(log, "week")
    if len(rows) < 2:
        return []
    metric = "lost_quietly_rate"
    if metric in log.not_measured:
        metric = "deflected_unresolved_rate"
    if metric in log.not_measured:
        return []
    what = {
        "lost_quietly_rate": "Deflected contacts lost quietly",
        "deflected_unresolved_rate": "Deflected contacts not resolved",
    }[metric]
    points = [
        (r["week"], r[metric]) for r in log.breakdown_records("week") if r[metric] is not None
    ]
    out: list[str | Figure] = ["### Week by week\n"]
    if len(points) >= 2:
        out.append(figures.trend(f"{what}, by week", "per cent of deflected contacts", points))
    out += [
        "| week | " + " | ".join(h for h, _, _ in breakdown_columns(log)) + " |",
        "| --- |" + " ---: |" * len(breakdown_columns(log)),
        *("| " + " | ".join(r) + " |" for r in rows),
        "",
    ]
    if hidden:
        out.append(
            f"{hidden} earlier week(s) not shown: `stakes evidence --format csv` has them.\n"
        )
    return out
