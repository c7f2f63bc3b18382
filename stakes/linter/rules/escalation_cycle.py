"""Following the escalations leads back to where the customer started.

Why it matters: a cycle in the escalation graph is a designed "doom loop": the customer who
asks for help is routed round and back to the start, and never reaches anyone who can resolve
the issue.

Fails:

    - id: night-billing-bot
      escalation: {to: callback-request}
    - id: callback-request
      escalation: {to: night-billing-bot}

Passes:

    - id: night-billing-bot
      escalation: {to: callback-request}
    - id: callback-request
      escalation: {to: billing-specialist}
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK204"
NAME = "escalation-cycle"
SEVERITY = Severity.ERROR
SUMMARY = "Escalations form a cycle that routes the customer back to the start."
SUPPRESSIBLE = True


def check(ctx: Context) -> Iterator[Finding]:
    """One finding per escalation cycle, at its first touchpoint."""
    for gap in ctx.gaps:
        if gap.kind == "cycle":
            yield ctx.at(
                gap.at,
                "escalations loop back: " + " -> ".join((*gap.path, gap.path[0])),
                "escalation",
                "to",
                hint="end the path at a person who can resolve the issue",
            )
