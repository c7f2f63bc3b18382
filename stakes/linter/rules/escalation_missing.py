"""A bot or self-service moment above `automate` has no way to reach a person.

Why it matters: a `guarded` moment is one AI may handle only behind tested escalation; at
higher stakes the need is greater still. Without an `escalation`, a customer the bot cannot help
has nowhere to go, and leaves (the US CFPB's 2023 report on bank chatbots calls this the "doom
loop").

This finding is about whether the verdict's condition is met, so a comment cannot silence it:
add the escalation, or record a reviewed `override`.

Fails:

    - id: retention-bot
      handled_by: ai
      signals: {emotion: frustrated, money_at_stake: 300, churn_risk: high}

Passes:

    - id: retention-bot
      handled_by: ai
      signals: {emotion: frustrated, money_at_stake: 300, churn_risk: high}
      escalation: {to: retention-call, triggers: [customer-request], keeps_context: true}
    - id: retention-call
      handled_by: human
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.assessment.results import Assessment
from stakes.assessment.scoring import verdict_rank
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Finding, Severity
from stakes.linter.context import Context
from stakes.linter.escalation import Gap, is_bot

CODE = "STK201"
NAME = "escalation-missing"
SEVERITY = Severity.ERROR
SUMMARY = "An AI or self-service moment above automate has no escalation to a person."
SUPPRESSIBLE = False
REPORTS_AT = ("handled_by",)
GAP = "AI or self-service moments with no way to reach a person"


def applies(t: TouchpointAssessment) -> bool:
    """A bot handles a moment above automate with no escalation."""
    above = verdict_rank(t.verdict) > verdict_rank("automate")
    return t.touchpoint.escalation is None and is_bot(t) and above


def gaps(assessment: Assessment) -> Iterator[Gap]:
    """AI or self-service touchpoints with a verdict above automate and no escalation."""
    for t in assessment:
        if applies(t):
            yield Gap(CODE, GAP, t)


def check(ctx: Context) -> Iterator[Finding]:
    """Each gap, at the touchpoint's handled_by."""
    for gap in gaps(ctx.assessment):
        t = gap.at
        yield ctx.at(
            t,
            f"{t.touchpoint.handled_by} handles {'an' if t.verdict[0] in 'aeiou' else 'a'} "
            f"{t.verdict} moment "
            f"(stakes {t.result.score} {t.result.level}) with no way to reach a person",
            "handled_by",
            hint="add escalation: {to: <a human touchpoint>, triggers: [customer-request], "
            "keeps_context: true}",
        )
