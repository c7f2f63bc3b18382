"""A decision with legal or similarly significant effect is taken by AI alone.

Why it matters: GDPR Art. 22(3) gives people subject to solely automated decisions with legal
or similarly significant effect the right to human intervention, to express their point of view
and to contest the decision. A bot that decides (a claim, a loan, compensation) with no route to
a person denies that right.

This finding is about the verdict itself, so a comment cannot silence it.

Fails:

    - id: claim-decision
      handled_by: ai
      signals: {decision_effect: legal}

Passes:

    - id: claim-decision
      handled_by: ai
      signals: {decision_effect: legal}
      escalation: {to: claims-handler, triggers: [customer-request]}
    - id: claims-handler
      handled_by: human
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK403"
NAME = "automated-decision"
SEVERITY = Severity.ERROR
SUMMARY = "A decision with legal or significant effect is handled by AI alone."
SUPPRESSIBLE = False
REPORTS_AT = ("signals.decision_effect",)


def check(ctx: Context) -> Iterator[Finding]:
    """AI or self-service touchpoints with a legal or significant decision and no escalation."""
    for t in ctx.assessment:
        tp = t.touchpoint
        effect = tp.signals.decision_effect
        ai_alone = tp.decider == "ai" and tp.escalation is None
        if effect in ("legal", "significant") and ai_alone:
            yield ctx.at(
                t,
                f"{tp.handled_by} takes a decision with {effect} effect and the customer "
                "cannot reach a person (GDPR Art. 22(3))",
                "signals",
                "decision_effect",
                hint="let a person decide (hybrid), or at least offer human review",
            )
