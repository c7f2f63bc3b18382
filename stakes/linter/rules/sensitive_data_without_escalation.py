"""A bot handles sensitive personal data with no way to a person.

Why it matters: health, biometric, children's, criminal and financial data are where a mistake
hurts most and where people most need to reach someone accountable (GDPR treats most of these
as special categories). A bot that handles them must at least let the customer reach a person.

This finding is about whether the moment may be automated at all, so a comment cannot silence
it: add an escalation, or, where a person is not needed (a one-way reminder that asks nothing,
say), record a reviewed `override` with a reason, an approver and an expiry date; an applied
override clears it.

Fails:

    - id: health-form
      handled_by: self-service
      signals: {personal_data: [health]}

Passes:

    - id: health-form
      handled_by: self-service
      signals: {personal_data: [health]}
      escalation: {to: care-team, triggers: [customer-request]}
    - id: care-team
      handled_by: human
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.journey.model import Touchpoint
from stakes.journey.values import AI_HANDLERS
from stakes.linter.context import Context
from stakes.linter.rules.escalation_missing import applies as escalation_missing

CODE = "STK402"
NAME = "sensitive-data-without-escalation"
SEVERITY = Severity.ERROR
SUMMARY = (
    "A bot handles health, biometric, children's, criminal or financial data with no escalation."
)
SUPPRESSIBLE = False
REPORTS_AT = ("signals.personal_data",)

SENSITIVE = ("health", "biometric", "children", "criminal", "financial")


def exposed(tp: Touchpoint) -> list[str]:
    """The sensitive categories a bot handles at ``tp`` with no escalation (else none)."""
    if tp.handled_by not in AI_HANDLERS or tp.escalation is not None:
        return []
    return [c for c in tp.signals.personal_data if c in SENSITIVE]


def check(ctx: Context) -> Iterator[Finding]:
    """AI or self-service touchpoints with sensitive data categories, no escalation and no
    applied override."""
    for t in ctx.assessment:
        tp = t.touchpoint
        found = exposed(tp)
        if found and t.override != "applied":
            # One problem, one fix: when STK201 reports the same missing escalation, say so.
            same = "; the same missing escalation as STK201 here" if escalation_missing(t) else ""
            yield ctx.at(
                t,
                f"{tp.handled_by} handles {', '.join(found)} data with no way to reach a person"
                + same,
                "signals",
                "personal_data",
                hint="add an escalation to a person who may see this data, or record a "
                "reviewed override (reason, approved_by, expires) saying why none is needed",
            )
