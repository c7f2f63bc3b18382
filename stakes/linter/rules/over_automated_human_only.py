"""A bot or self-service handles a moment that must never be automated.

Why it matters: at a `human-only` moment (a bereavement, a safety risk, a customer looping for
the fourth time, critical stakes) a customer who meets a bot is the customer the deflection
metric counts as a win and the organisation quietly loses. Only a person with authority and the
history should handle it.

This finding is about the verdict itself, so a comment cannot silence it: change how the moment
is handled, or record a reviewed `override` with a reason, an approver and an expiry date.

Fails:

    - id: app-assistant-intake
      handled_by: ai
      signals: {emotion: grieving, vulnerability: likely}
      escalation: {to: bereavement-line}
    - id: bereavement-line
      handled_by: human

Passes:

    - id: bereavement-line
      handled_by: human
      signals: {emotion: grieving, vulnerability: likely}
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.journey.model import Touchpoint
from stakes.journey.values import AI_HANDLERS
from stakes.linter.context import Context

CODE = "STK101"
NAME = "over-automated-human-only"
SEVERITY = Severity.ERROR
SUMMARY = "A bot or self-service handles a moment whose verdict is human-only."
SUPPRESSIBLE = False
REPORTS_AT = ("handled_by",)


def check(ctx: Context) -> Iterator[Finding]:
    """Touchpoints handled by ai or self-service whose verdict is human-only."""
    for t in ctx.assessment:
        if t.verdict == "human-only" and t.touchpoint.acting in AI_HANDLERS:
            yield ctx.at(
                t,
                f"{who(t.touchpoint)}, but the verdict is human-only "
                f"({t.short_reason}; stakes {t.result.score} {t.result.level})",
                "handled_by",
                hint=f"see `stakes explain {t.file}#{t.touchpoint.id}`; hand it to a person, "
                "or record a reviewed override",
            )


def who(tp: Touchpoint) -> str:
    """``handled by ai``, or ``decided by ai`` at a form, notice or page whose decider acts."""
    return f"handled by {tp.acting}" if tp.acting == tp.handled_by else f"decided by {tp.acting}"
