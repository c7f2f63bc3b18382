"""A loop-prone AI moment never offers a person after a set number of turns.

Why it matters: where customers arrive after earlier contacts, or keep coming back, a bot that
can go round indefinitely is where doom loops happen. Intercom's Fin, for example, offers a
human when a customer repeats themselves over three turns. Declaring `offer_after_turns` makes
that promise explicit and testable. The policy's `loop_prone` thresholds say when a moment is
loop-prone (by default 2 earlier contacts, or 30% of customers coming back).

Fails:

    - id: refund-chat
      handled_by: ai
      signals: {prior_contacts: 2}
      escalation: {to: billing-agent}
    - id: billing-agent
      handled_by: human

Passes:

    - id: refund-chat
      handled_by: ai
      signals: {prior_contacts: 2}
      escalation: {to: billing-agent, offer_after_turns: 3}
    - id: billing-agent
      handled_by: human
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.assessment.results import Assessment
from stakes.findings import Finding, Severity
from stakes.journey.signals import Signals
from stakes.linter.context import Context
from stakes.linter.escalation import Gap, is_bot

CODE = "STK205"
NAME = "loop-without-turn-limit"
SEVERITY = Severity.WARNING
SUMMARY = "A loop-prone AI moment has an escalation without offer_after_turns."
SUPPRESSIBLE = True
REPORTS_AT = ("escalation",)
GAP = "loop-prone moments where no human is offered after a set number of turns"


def gaps(assessment: Assessment) -> Iterator[Gap]:
    """Loop-prone AI or self-service touchpoints whose escalation has no turn limit."""
    limit = assessment.policy.loop_prone
    for t in assessment:
        esc, s = t.touchpoint.escalation, t.touchpoint.signals
        if esc is None or esc.offer_after_turns is not None or not is_bot(t):
            continue
        if s.prior_contacts >= limit.prior_contacts or (
            s.repeat_contact_rate >= limit.repeat_contact_rate
        ):
            yield Gap(CODE, GAP, t, _known(s))


def _known(s: Signals) -> str:
    """What makes the moment loop-prone, in words: only what was declared (or observed), never
    "0% come back" for a rate nobody gave."""
    said, prior, rate = s.model_fields_set, s.prior_contacts, s.repeat_contact_rate
    parts = []
    if prior or "prior_contacts" in said:
        parts.append(f"{prior} earlier contact{'' if prior == 1 else 's'}")
    if rate or "repeat_contact_rate" in said:
        parts.append(f"{rate:.0%} of customers come back")
    return ", ".join(parts)


def check(ctx: Context) -> Iterator[Finding]:
    """Each gap, at the escalation."""
    for gap in gaps(ctx.assessment):
        yield ctx.at(
            gap.at,
            f"loop-prone ({gap.detail}) but no human is offered after a set number of turns",
            "escalation",
            hint="add offer_after_turns: 3 to the escalation",
        )
