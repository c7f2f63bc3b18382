"""A loop-prone AI moment never offers a person after a set number of turns.

Why it matters: where customers arrive after earlier contacts, or keep coming back, a bot that
can go round indefinitely is where doom loops happen. Intercom's Fin, for example, offers a
human when a customer repeats themselves over three turns. Declaring `offer_after_turns` makes
that promise explicit and testable. The policy's `loop_prone` thresholds say when a moment is
loop-prone (by default 2 earlier contacts, or 30% of customers coming back).

Fails:

    - id: refund-chat
      handled_by: ai
      signals: {prior_contacts: 2}
      escalation: {to: billing-agent}

Passes:

    - id: refund-chat
      handled_by: ai
      signals: {prior_contacts: 2}
      escalation: {to: billing-agent, offer_after_turns: 3}
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK205"
NAME = "loop-without-turn-limit"
SEVERITY = Severity.WARNING
SUMMARY = "A loop-prone AI moment has an escalation without offer_after_turns."
SUPPRESSIBLE = True


def check(ctx: Context) -> Iterator[Finding]:
    """Loop-prone AI or self-service touchpoints whose escalation has no turn limit."""
    for gap in ctx.gaps:
        if gap.kind == "no-turn-limit":
            yield ctx.at(
                gap.at,
                f"loop-prone ({gap.detail}) but no human is offered after a set number of turns",
                "escalation",
                hint="add offer_after_turns: 3 to the escalation",
            )
