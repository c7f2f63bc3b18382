"""An escalation from a bot leads to another bot.

Why it matters: "escalation" that ends at another automated touchpoint (a callback form, an IVR,
a second assistant) is not a way to a person; customers experience it as being passed around.

Fails:

    - id: night-billing-bot
      handled_by: ai
      escalation: {to: callback-form}
    - id: callback-form
      handled_by: ai

Passes:

    - id: night-billing-bot
      handled_by: ai
      escalation: {to: billing-specialist}
    - id: billing-specialist
      handled_by: human
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.assessment.results import Assessment
from stakes.findings import Finding, Severity
from stakes.linter.context import Context
from stakes.linter.escalation import Gap, is_bot, leads_to

CODE = "STK203"
NAME = "escalation-bot-to-bot"
SEVERITY = Severity.ERROR
SUMMARY = "An escalation from an AI moment leads to another AI or self-service moment."
SUPPRESSIBLE = True
REPORTS_AT = ("escalation.to",)
GAP = "escalations that hand the customer to another bot"


def gaps(assessment: Assessment) -> Iterator[Gap]:
    """AI or self-service touchpoints escalating to another AI or self-service touchpoint (one
    escalating to itself is a cycle, STK204)."""
    for t in assessment:
        target = leads_to(t, assessment)
        if target is not None and target is not t and is_bot(t) and is_bot(target):
            esc = t.touchpoint.escalation
            assert esc is not None
            detail = f"handled by {target.touchpoint.handled_by}"
            yield Gap(CODE, GAP, t, detail, target=esc.to)


def check(ctx: Context) -> Iterator[Finding]:
    """Each gap, at the escalation's target."""
    for gap in gaps(ctx.assessment):
        yield ctx.at(
            gap.at,
            f"escalates to {gap.target}, which is {gap.detail}: not a person",
            "escalation",
            "to",
            hint="escalate to a touchpoint handled by a human or hybrid team",
        )
