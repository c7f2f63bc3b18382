"""A contact log shows bots handling a moment whose verdict asks for a person.

Why it matters: a journey says how a moment is handled; the contact log says how it was. A
fraud report the journey hands to people, but that a chatbot answers for a quarter of the
customers, is over-automated whatever the journey says: those customers meet a bot at a
moment that needs authority, and the deflection metric counts them as wins. This rule reports
only when lint is given the log (`stakes lint --evidence LOG`), at a touchpoint with at least
`--min-contacts` contacts in it (20), whose verdict is `assist` or `human-only`, and where bots
or self-service alone (not escalating, when the log says) handled at least the policy's
`observed_handling_share` (10%) of the contacts the log names a handler for, at the lower bound
of the 95% interval. A bot that takes the details and passes every customer to a person is
triage, not over-automation.

This finding is about the verdict and what happened, so a comment cannot silence it: change how
the moment is routed (so that the log shows people handling it), or record a reviewed
`override` with a reason, an approver and an expiry date.

The problem is in the log, not the journey, so there is no failing journey snippet: the rule's
cases, each with a log, are in the tests' rule cases (STK104).
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK104"
NAME = "over-automated-in-fact"
SEVERITY = Severity.ERROR
SUMMARY = "The contact log shows bots handling a moment whose verdict is assist or human-only."
SUPPRESSIBLE = False
REPORTS_AT = ("handled_by",)


def check(ctx: Context) -> Iterator[Finding]:
    """Touchpoints the log shows over-automated in fact (``Observation.in_fact``)."""
    for t in ctx.assessment:
        said = t.observation.in_fact if t.observation is not None else None
        if said:
            yield ctx.at(
                t,
                f"{said}; the journey says {t.touchpoint.handled_by} "
                f"({t.short_reason}; stakes {t.result.score} {t.result.level})",
                "handled_by",
                hint="route the moment to people (the log will show it), or record a reviewed "
                f"override; `stakes evidence` shows the log's numbers for {t.key}",
            )
