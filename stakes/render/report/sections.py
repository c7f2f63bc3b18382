"""The report's sections by decision: never automate, over-automated, escalation design,
under-automated, not assessed and overrides. Each lists the touchpoints whose home it is
(render/report/problems.py) and counts the others."""

from __future__ import annotations

from collections.abc import Sequence

from stakes.journey.values import AI_HANDLERS
from stakes.linter.escalation import UNVERIFIED_CODE, Gap
from stakes.render.markdown import cell, code
from stakes.render.report.problems import GAPS, Plan
from stakes.render.report.tables import (
    MAX_ROWS,
    Row,
    capped_table,
    listed_above,
    named,
    needs,
    reasons,
    stakes_cell,
)

ALSO = "also here"


def never(rows: Sequence[Row], plan: Plan, more: str) -> str:
    listed = plan.listed(rows, "never")
    head = f"## Never automate ({len(listed)})\n\n"
    if not listed:
        return head + "No touchpoint must always be handled by a person.\n"
    # The ones AI acts at come first: as the headline counts them, by who acts (who decides at
    # a form or a notice, who handles a conversation), so that both say the same. Those people
    # handle today with nothing to change are only named.
    listed.sort(key=lambda t: (t.touchpoint.acting not in AI_HANDLERS, -t.result.score, t.key))
    bots = sum(t.touchpoint.acting in AI_HANDLERS for t in listed)
    kept = [
        t
        for t in listed
        if t.touchpoint.acting not in AI_HANDLERS
        and t.key not in plan.by_key
        and t.touchpoint.override is None
    ]
    named_only = {t.key for t in kept}
    tabled = [t for t in listed if t.key not in named_only]
    first = "comes first" if bots == 1 else "come first"
    if bots == len(tabled):
        first = "is listed" if bots == 1 else "are listed"
    out = [
        head
        + "These moments need a person with authority and the history"
        + (
            f"; the {'one' if bots == 1 else bots} that a bot or self-service handles or "
            f"decides today {first}"
            if bots
            else ""
        )
        + (". Each row names every other problem found there.\n" if tabled else ".\n")
    ]
    if tabled:
        out.append(
            capped_table(
                ["touchpoint", "stakes", "today", "why", "a person there needs", ALSO],
                tabled,
                lambda t: [
                    named(t),
                    stakes_cell(t),
                    _today(t),
                    reasons(t),
                    needs(t),
                    plan.also(t),
                ],
                f"{more} --only never --format csv",
                "human-only moments",
            )
        )
    if kept:
        out.append(
            "People handle this one today, with nothing to change: keep it so (the appendix has "
            "its stakes; `stakes explain FILE#TOUCHPOINT` says why).\n"
            if len(kept) == 1
            else f"People handle the {'other ' if tabled else ''}{len(kept)} today, with nothing "
            "to change: keep it so (the appendix has their stakes; `stakes explain "
            "FILE#TOUCHPOINT` says why).\n"
        )
        out.append(named_by_journey(kept) + "\n")
    return "\n".join(out)


def named_by_journey(rows: Sequence[Row]) -> str:
    """Touchpoints as short references: a line per journey naming their ids (at most
    MAX_ROWS journeys)."""
    by: dict[str, list[str]] = {}
    for t in rows:
        by.setdefault(t.journey.journey, []).append(t.touchpoint.id)
    lines = [
        f"- `{cell(j)}`: {', '.join(cell(i) for i in ids)}"
        for j, ids in list(by.items())[:MAX_ROWS]
    ]
    if len(by) > MAX_ROWS:
        lines.append(f"- …and {len(by) - MAX_ROWS} more journeys")
    return "\n".join(lines)


def over(rows: Sequence[Row], plan: Plan, more: str) -> str:
    listed = sorted(plan.listed(rows, "over"), key=lambda t: (-t.result.score, t.key))
    out = [f"## Over-automated: AI handles what its verdict does not allow ({len(listed)})\n"]
    out.append(
        "AI at a `human-only` moment is under *Never automate*, and a `guarded` moment a bot "
        "handles with no way to a person under *Escalation design*.\n"
    )
    if not listed:
        return "\n".join([*out, "No other moment is over-automated.\n"])
    out.append(
        capped_table(
            ["touchpoint", "stakes", "verdict", "today", "way to a person", "why", ALSO],
            listed,
            lambda t: [
                named(t),
                stakes_cell(t),
                t.verdict,
                _today(t),
                _exit(t),
                reasons(t),
                plan.also(t),
            ],
            f"{more} --only misaligned --format csv",
            "over-automated",
        )
    )
    return "\n".join(out)


def under(rows: Sequence[Row], plan: Plan, more: str) -> str:
    listed = sorted(plan.listed(rows, "under"), key=lambda t: (t.result.score, t.key))
    if not listed:
        return ""
    return (
        f"## Under-automated: people handle what AI could ({len(listed)})\n\n"
        "Moving these to AI frees people for the moments above.\n\n"
        + capped_table(
            ["touchpoint", "stakes", "verdict", "today", ALSO],
            listed,
            lambda t: [
                named(t),
                stakes_cell(t),
                t.verdict,
                t.touchpoint.handled_by,
                plan.also(t),
            ],
            f"{more} --only misaligned --format csv",
            "under-automated",
        )
    )


def _today(t: Row) -> str:
    """How the journey says the moment is handled, and, where the log shows bots handling it
    against that, what the log says (the reason it is listed)."""
    tp = t.touchpoint
    in_fact = t.observation is not None and t.observation.in_fact
    if in_fact and tp.acting not in AI_HANDLERS:
        return f"{tp.handled_by}; bots in the contact log"
    if tp.acting != tp.handled_by and tp.acting in ("human", "hybrid", "ai"):
        who = {"human": "a person", "hybrid": "a person with AI", "ai": "AI"}[tp.acting]
        return f"{tp.handled_by}; {who} decides"
    return tp.handled_by


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


def escalation(rows: Sequence[Row], gaps: Sequence[Gap], plan: Plan, more: str) -> str:
    listed = sorted(plan.listed(rows, "escalation"), key=lambda t: (-t.result.score, t.key))
    out = [f"## Escalation design ({len(listed)})\n"]
    found = {g.at.key for g in gaps if g.code in GAPS}
    unverified = [g for g in gaps if g.code == UNVERIFIED_CODE]
    if not found:
        follow = " in the escalations this report could follow" if unverified else ""
        out.append(f"No escalation gap found{follow}.\n")
    else:
        above = plan.elsewhere(GAPS, "escalation")
        out.append(
            "A bot with no way to a person, or a hand-over that drops the history, leads to a "
            "bot, loops or offers no person after a few turns"
            + (f"; {listed_above(above, 'such a gap')}" if above else "")
            + ".\n"
        )
    if listed:
        out.append(
            capped_table(
                ["touchpoint", "stakes", "verdict", "today", "what is wrong", ALSO],
                listed,
                lambda t: [
                    named(t),
                    stakes_cell(t),
                    t.verdict,
                    t.touchpoint.handled_by,
                    cell("; ".join(p for k in GAPS for p in plan.by_key[t.key].found.get(k, []))),
                    plan.also(t, *GAPS),
                ],
                f"{more} --format csv",
                "such gaps",
            )
        )
    if unverified:
        pairs = sorted({f"{g.at.touchpoint.id} → {g.target}" for g in unverified})
        shown = ", ".join(code(x) for x in pairs[:10])
        rest = f" and {len(pairs) - 10} more" if len(pairs) > 10 else ""
        n = len(unverified)
        out.append(
            f"{n} escalation{' goes' if n == 1 else 's go'} into journeys this report does not "
            f"include, so nobody checked them: {shown}{rest}.\n"
        )
    return "\n".join(out)


def unassessed(rows: Sequence[Row], plan: Plan, more: str) -> str:
    """The touchpoints nobody has assessed: never counted as automatable, listed to be done."""
    listed = plan.listed(rows, "unassessed")
    if not listed:
        return ""

    def line(t: Row) -> list[str]:
        floor = t.verdict if t.verdict != "automate" else "—"
        return [named(t), _today(t), ", ".join(t.unsaid), floor, plan.also(t, "unassessed")]

    above = plan.elsewhere(["unassessed"], "unassessed")
    intro = (
        f"## Not assessed yet ({len(listed)})\n\nThe journey does not say what is at stake here "
        "(no signals, or not how the customer feels). Nothing at stake is not the same as "
        "nothing said: these are never counted as moments a bot could take over. The verdict "
        "is a floor until the signals are written"
        + (f"; {listed_above(above, 'nothing said')}" if above else "")
        + ".\n\n"
    )
    header = ["touchpoint", "today", "not given", "verdict at least", ALSO]
    return intro + capped_table(header, listed, line, f"{more} --format csv", "touchpoints")


def overrides(rows: Sequence[Row], plan: Plan) -> str:
    items = [t for t in rows if t.touchpoint.override is not None]
    listed = plan.listed(items, "overrides")
    if not items:
        return ""
    order = {"expired": 0, "unreviewed": 1, "applied": 2}
    listed.sort(key=lambda t: (order[t.override or "applied"], t.key))
    elsewhere = len(items) - len(listed)
    out = [
        f"## Overrides ({len(listed)})\n\nExceptions to the computed verdict, applied when "
        "reviewed and unexpired"
        + (f"; {listed_above(elsewhere, 'an override')}" if elsewhere else "")
        + ".\n"
    ]

    def line(t: Row) -> list[str]:
        o = t.touchpoint.override
        assert o is not None
        return [
            named(t),
            o.verdict,
            t.computed_verdict,
            cell(o.approved_by or "—"),
            o.expires.isoformat() if o.expires else "—",
            override_status(t),
            cell(o.reason or "—"),
            plan.also(t, "override"),
        ]

    if listed:
        header = ["touchpoint", "override", "computed", "approved by", "expires", "status"]
        out.append(capped_table([*header, "reason", ALSO], listed, line, "", "overrides"))
    return "\n".join(out)


def override_status(t: Row) -> str:
    o = t.touchpoint.override
    assert o is not None
    return {
        "applied": "applied",
        "expired": "**EXPIRED: not applied**",
        "unreviewed": f"**no {' and no '.join(o.unreviewed)}: not applied**",
    }[t.override or ""]
