"""An escalation from a bot leads to another bot.

Why it matters: "escalation" that ends at another automated touchpoint (a callback form, an IVR,
a second assistant) is not a way to a person; customers experience it as being passed around.

Fails:

    - id: night-billing-bot
      handled_by: ai
      escalation: {to: callback-form}     # callback-form is handled_by: ai

Passes:

    - id: night-billing-bot
      handled_by: ai
      escalation: {to: billing-specialist} # handled_by: human
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK203"
NAME = "escalation-bot-to-bot"
SEVERITY = Severity.ERROR
SUMMARY = "An escalation from an AI moment leads to another AI or self-service moment."
SUPPRESSIBLE = True


def check(ctx: Context) -> Iterator[Finding]:
    """AI or self-service touchpoints escalating to an AI or self-service touchpoint."""
    for gap in ctx.gaps:
        if gap.kind == "bot-to-bot":
            yield ctx.at(
                gap.at,
                f"escalates to {gap.target}, which is {gap.detail}: not a person",
                "escalation",
                "to",
                hint="escalate to a touchpoint handled by a human or hybrid team",
            )
