"""A hand-over from a bot to a person does not say how soon the person answers, or promises
later than the law allows.

Why it matters: Spain's Ley 10/2025 of customer-service services requires the companies it
covers to answer 95% of requests for a person within 3 minutes. A hand-over that leaves the
customer in a queue for half an hour is not "a person attends". The escalation's
`response_target` (`3m`, `90s`, `2h`) is the promise the operation staffs for; the pack's
`within` is the law's.

This finding is about the law, so a comment cannot silence it.

Fails:

    journey: order-help
    title: Getting help with an order
    owner: cx-team
    jurisdictions: [es]
    stages:
      - id: track
        title: Tracks an order
        touchpoints:
          - id: tracking-bot
            title: The bot says where the parcel is
            channel: chat
            handled_by: ai
            discloses_ai: at-start
            escalation: {to: care-team, triggers: [customer-request], response_target: 15m}
          - id: care-team
            title: A person picks up the chat
            channel: chat
            handled_by: human

Passes:

    journey: order-help
    title: Getting help with an order
    owner: cx-team
    jurisdictions: [es]
    stages:
      - id: track
        title: Tracks an order
        touchpoints:
          - id: tracking-bot
            title: The bot says where the parcel is
            channel: chat
            handled_by: ai
            discloses_ai: at-start
            escalation: {to: care-team, triggers: [customer-request], response_target: 3m}
          - id: care-team
            title: A person picks up the chat
            channel: chat
            handled_by: human
"""

from __future__ import annotations

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.journey.hours import duration, spoken
from stakes.linter.compliance import PASSES, Judgement, is_bot

CODE = "STK603"
NAME = "response-target"
SEVERITY = Severity.ERROR
SUMMARY = "A bot's hand-over to a person has no response target, or one above the law's."
SUPPRESSIBLE = False
REPORTS_AT = ("escalation.to", "escalation.response_target")


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Escalations from bots: is a person promised within the law's time?"""
    esc = t.touchpoint.escalation
    if esc is None or not is_bot(t) or rule.within is None:
        return None
    law = duration(rule.within)
    if esc.response_target is None:
        return Judgement(
            f"the hand-over does not say how soon a person answers; the law asks for "
            f"{spoken(law)} at most",
            "escalation.to",
            f"add response_target: {spoken(law)} to the escalation",
        )
    promised = duration(esc.response_target)
    if promised > law:
        return Judgement(
            f"a person answers within {spoken(promised)} of the hand-over, later than the "
            f"law's {spoken(law)}",
            "escalation.response_target",
            f"staff the team to answer within {spoken(law)}",
        )
    return PASSES
