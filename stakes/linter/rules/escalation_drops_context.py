"""An escalation hands the customer over without their history.

Why it matters: a customer who reaches a person and must explain everything again has been
failed twice; it is the most common complaint about bot-to-human handovers. The person receiving
the handover needs the transcript, the account and the earlier contacts.

Fails:

    escalation:
      to: fraud-team
      keeps_context: false

Passes:

    escalation:
      to: fraud-team
      keeps_context: true
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK202"
NAME = "escalation-drops-context"
SEVERITY = Severity.WARNING
SUMMARY = "An escalation does not pass the customer's history to the person."
SUPPRESSIBLE = True


def check(ctx: Context) -> Iterator[Finding]:
    """Escalations with keeps_context: false."""
    for gap in ctx.gaps:
        if gap.kind == "drops-context":
            yield ctx.at(
                gap.at,
                f"the handover to {gap.target} drops the history: the customer starts again",
                "escalation",
                "keeps_context",
                hint="pass the transcript and the case to the person (keeps_context: true)",
            )
