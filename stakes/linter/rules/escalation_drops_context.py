"""An escalation hands the customer over without their history.

Why it matters: a customer who reaches a person and must explain everything again has been
failed twice; it is the most common complaint about bot-to-human handovers. The person receiving
the handover needs the transcript, the account and the earlier contacts.

Fails:

    - id: fraud-bot
      handled_by: ai
      escalation:
        to: fraud-team
        keeps_context: false
    - id: fraud-team
      handled_by: human

Passes:

    - id: fraud-bot
      handled_by: ai
      escalation:
        to: fraud-team
        keeps_context: true
    - id: fraud-team
      handled_by: human
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.assessment.results import Assessment
from stakes.findings import Finding, Severity
from stakes.linter.context import Context
from stakes.linter.escalation import Gap

CODE = "STK202"
NAME = "escalation-drops-context"
SEVERITY = Severity.WARNING
SUMMARY = "An escalation does not pass the customer's history to the person."
SUPPRESSIBLE = True
REPORTS_AT = ("escalation.keeps_context",)
GAP = "handovers that drop the history, so the customer starts again"


def gaps(assessment: Assessment) -> Iterator[Gap]:
    """Escalations with keeps_context: false."""
    for t in assessment:
        esc = t.touchpoint.escalation
        if esc is not None and not esc.keeps_context:
            yield Gap(CODE, GAP, t, target=esc.to)


def check(ctx: Context) -> Iterator[Finding]:
    """Each gap, at the escalation's keeps_context."""
    for gap in gaps(ctx.assessment):
        yield ctx.at(
            gap.at,
            f"the handover to {gap.target} drops the history: the customer starts again",
            "escalation",
            "keeps_context",
            hint="pass the transcript and the case to the person (keeps_context: true)",
        )
