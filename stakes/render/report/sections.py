"""The report's sections about touchpoints: never automate, misalignments, escalation design
and overrides."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from stakes.journey.values import AI_HANDLERS
from stakes.linter.escalation import Gap
from stakes.render.markdown import cell, code
from stakes.render.report.tables import Row, capped_table, named, needs, reasons, stakes_cell


def never(never: Sequence[Row], more: str) -> str:
    head = "## Never automate\n\n"
    if not never:
        return head + "No touchpoint must always be handled by a person.\n"
    # The ones AI acts at come first: as the headline counts them, by who acts (who decides at
    # a form or a notice, who handles a conversation), so that both say the same.
    rows = sorted(never, key=lambda t: (t.touchpoint.acting not in AI_HANDLERS, -t.result.score))
    return (
        head
        + (
            "These moments need a person with authority and the history; "
            "the ones AI handles or decides today come first.\n\n"
        )
        + capped_table(
            ["touchpoint", "stage", "stakes", "today", "why", "a person there needs"],
            rows,
            lambda t: [
                named(t),
                cell(t.stage.title),
                stakes_cell(t),
                t.touchpoint.handled_by,
                reasons(t),
                needs(t),
            ],
            f"{more} --only never --format csv",
            "human-only moments",
        )
    )


def against_verdict(t: Row) -> bool:
    """The moment is over-automated, and not only as an escalation gap: a guarded moment a bot
    handles with no way to a person (STK201) is over-automated too, but the report counts and
    lists it there, once."""
    return t.alignment == "over-automated" and not gap_only(t)


def gap_only(t: Row) -> bool:
    """A guarded moment a bot handles with no way to a person: an escalation gap (STK201)."""
    return (
        t.alignment == "over-automated"
        and t.verdict == "guarded"
        and t.touchpoint.handled_by in AI_HANDLERS
        and t.touchpoint.escalation is None
    )


def misaligned(rows: Sequence[Row], more: str) -> str:
    over = sorted((t for t in rows if against_verdict(t)), key=lambda t: (-t.result.score, t.key))
    bare = sum(gap_only(t) for t in rows)
    under = sorted(
        (t for t in rows if t.alignment == "under-automated"), key=lambda t: (t.result.score, t.key)
    )
    out = ["## Misalignments\n", "### Over-automated: AI handles what its verdict does not allow\n"]
    if bare:
        out.append(
            f"{bare} `guarded` moment{'' if bare == 1 else 's'} a bot handles with no way to a "
            f"person {'is' if bare == 1 else 'are'} under *Escalation design*.\n"
        )
    if over:
        out.append(
            capped_table(
                ["touchpoint", "stakes", "verdict", "today", "way to a person", "why"],
                over,
                lambda t: [
                    named(t),
                    stakes_cell(t),
                    t.verdict,
                    _today(t),
                    _exit(t),
                    reasons(t),
                ],
                f"{more} --only misaligned --format csv",
                "over-automated",
            )
        )
    else:
        out.append("None.\n")
    out.append("### Under-automated: people handle what AI could\n")
    if under:
        out.append("Moving these to AI frees people for the moments above.\n")
        out.append(
            capped_table(
                ["touchpoint", "stakes", "verdict", "today"],
                under,
                lambda t: [named(t), stakes_cell(t), t.verdict, t.touchpoint.handled_by],
                f"{more} --only misaligned --format csv",
                "under-automated",
            )
        )
    else:
        out.append("None.\n")
    return "\n".join(out)


def _today(t: Row) -> str:
    """How the journey says the moment is handled, and, where the log shows bots handling it
    against that, what the log says (the reason it is listed)."""
    in_fact = t.observation is not None and t.observation.in_fact
    if in_fact and t.touchpoint.acting not in AI_HANDLERS:
        return f"{t.touchpoint.handled_by}; bots in the contact log"
    return t.touchpoint.handled_by


def _exit(t: Row) -> str:
    esc = t.touchpoint.escalation
    if esc is None:
        return "**none**"
    parts = [f"to {code(esc.to)}"]
    if not esc.keeps_context:
        parts.append("drops the history")
    if esc.offer_after_turns:
        parts.append(f"after {esc.offer_after_turns} turns")
    return ", ".join(parts)


def escalation(gaps: Sequence[Gap], more: str) -> str:
    out = ["## Escalation design\n"]
    if not gaps:
        out.append("Every AI moment has a way to a person that keeps the history.\n")
    for heading, group in groupby(gaps, key=lambda g: g.heading):
        items = list(group)
        out.append(f"### {heading[0].upper()}{heading[1:]} ({len(items)})\n")
        if all(g.path for g in items):  # cycles: the path is the finding
            out.append(
                "\n".join("- " + " → ".join(code(k) for k in (*g.path, g.path[0])) for g in items)
                + "\n"
            )
            continue
        by_key = {g.at.key: g for g in items}
        header = ["touchpoint", "stakes", "verdict", "today"]
        if any(g.target for g in items):
            header.append("hands over to")
        if any(g.detail for g in items):
            header.append("detail")

        def line(t: Row, header: list[str] = header, by_key: dict[str, Gap] = by_key) -> list[str]:
            gap = by_key[t.key]
            cells = [named(t), stakes_cell(t), t.verdict, t.touchpoint.handled_by]
            if "hands over to" in header:
                cells.append(code(gap.target) if gap.target else "")
            if "detail" in header:
                cells.append(cell(gap.detail))
            return cells

        out.append(
            capped_table(header, [g.at for g in items], line, f"{more} --format csv", "such gaps")
        )
    return "\n".join(out)


def unassessed(rows: Sequence[Row], more: str) -> str:
    """The touchpoints nobody has assessed: never counted as automatable, listed to be done."""
    if not rows:
        return ""

    def line(t: Row) -> list[str]:
        floor = t.verdict if t.verdict != "automate" else "—"
        return [named(t), t.touchpoint.handled_by, ", ".join(t.unsaid), floor]

    intro = (
        "## Not assessed yet\n\nThe journey does not say what is at stake here (no signals, or "
        "not how the customer feels). Nothing at stake is not the same as nothing said: these "
        "are never counted as moments a bot could take over. The verdict is a floor until the "
        "signals are written.\n\n"
    )
    header = ["touchpoint", "today", "not given", "verdict at least"]
    return intro + capped_table(header, list(rows), line, f"{more} --format csv", "touchpoints")


def overrides(rows: Sequence[Row]) -> str:
    items = [t for t in rows if t.touchpoint.override is not None]
    if not items:
        return ""
    order = {"expired": 0, "unreviewed": 1, "applied": 2}
    items.sort(key=lambda t: (order[t.override or "applied"], t.key))

    def line(t: Row) -> list[str]:
        o = t.touchpoint.override
        assert o is not None
        status = {
            "applied": "applied",
            "expired": "**EXPIRED: not applied**",
            "unreviewed": f"**no {' and no '.join(o.unreviewed)}: not applied**",
        }[t.override or ""]
        return [
            named(t),
            o.verdict,
            t.computed_verdict,
            cell(o.approved_by or "—"),
            o.expires.isoformat() if o.expires else "—",
            status,
            cell(o.reason or "—"),
        ]

    return "## Overrides\n\nReviewed exceptions to the computed verdict.\n\n" + capped_table(
        ["touchpoint", "override", "computed", "approved by", "expires", "status", "reason"],
        items,
        line,
        "",
        "overrides",
    )
