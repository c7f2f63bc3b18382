"""A bot or self-service decides a moment where a person should decide.

Why it matters: an `assist` moment needs human judgement (a refund, an exception, a complex or
emotional case); AI may draft, summarise and surface the history, but a person decides. A bot
that decides alone gets these wrong in ways customers remember.

This finding is about the verdict itself, so a comment cannot silence it: change how the moment
is handled (`hybrid`: AI helps, a person decides), or record a reviewed `override`.

Fails:

    - id: dispute-form
      handled_by: self-service
      signals: {emotion: angry, money_at_stake: 900, complexity: medium,
                needs_authority: true, churn_risk: high}

Passes:

    - id: dispute-form
      handled_by: hybrid
      signals: {emotion: angry, money_at_stake: 900, complexity: medium,
                needs_authority: true, churn_risk: high}
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.journey.values import AI_HANDLERS
from stakes.linter.context import Context
from stakes.linter.rules.over_automated_human_only import who

CODE = "STK102"
NAME = "over-automated-assist"
SEVERITY = Severity.ERROR
SUMMARY = "A bot or self-service handles a moment whose verdict is assist."
SUPPRESSIBLE = False
REPORTS_AT = ("handled_by",)


def check(ctx: Context) -> Iterator[Finding]:
    """Touchpoints handled by ai or self-service whose verdict is assist."""
    for t in ctx.assessment:
        if t.verdict == "assist" and t.touchpoint.acting in AI_HANDLERS:
            yield ctx.at(
                t,
                f"{who(t.touchpoint)}, but the verdict is assist: a person "
                f"should decide ({t.short_reason}; stakes {t.result.score} {t.result.level})",
                "handled_by",
                hint="hybrid handling (AI drafts, a person decides) fits an assist moment",
            )
