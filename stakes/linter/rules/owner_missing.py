"""A journey names no owner.

Why it matters: a verdict, an override or an escalation gap needs a team that answers for it.
A journey without an `owner` is a journey whose findings nobody is asked to fix.

Fails:

    journey: billing-dispute
    title: Disputing an unexpected charge

Passes:

    journey: billing-dispute
    title: Disputing an unexpected charge
    owner: billing-cx
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK401"
NAME = "owner-missing"
SEVERITY = Severity.WARNING
SUMMARY = "A journey has no owner."
SUPPRESSIBLE = True
REPORTS_AT = ()


def check(ctx: Context) -> Iterator[Finding]:
    """Journeys without an owner."""
    for journey, file in ctx.journeys():
        if not journey.owner:
            yield ctx.at_journey(
                journey,
                file,
                f"journey {journey.journey!r} has no owner",
                hint="add owner: <the accountable team>",
            )
