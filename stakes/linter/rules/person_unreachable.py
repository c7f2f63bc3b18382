"""A bot or self-service moment is the only means of service: the customer who asks for a
person cannot reach one, whatever the verdict.

Why it matters: where the law gives customers a person on request, stakes' verdict does not
matter. Spain's Ley 10/2025 of customer-service services says automated systems may not be the
only means of service and that a person must attend on request; the US CFPB (Chatbots in
Consumer Finance, 2023) warns that chatbots which block access to a person risk breaking the
law. So even an `automate` moment needs an escalation that a customer's request starts
(`customer-request`, or no triggers listed) and that reaches a person, through bots if it must.

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
            signals: {emotion: calm}

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
            signals: {emotion: calm}
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
from stakes.linter.compliance import PASSES, Judgement, is_bot, person_reached, starts

CODE = "STK602"
NAME = "person-unreachable"
SEVERITY = Severity.ERROR
SUMMARY = "A bot or self-service moment gives no way to a person where the law requires one."
SUPPRESSIBLE = False
REPORTS_AT = ("handled_by", "escalation.to", "escalation.triggers")
HINT = "add escalation: {to: <a human touchpoint>, triggers: [customer-request]}"


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Bot conversations and forms: can the customer who asks reach a person?"""
    tp = t.touchpoint
    if not is_bot(t) or tp.interaction not in ("conversation", "form"):
        return None
    esc = tp.escalation
    if esc is None:
        return Judgement(
            f"{'AI' if tp.handled_by == 'ai' else 'self-service'} is the only means of service "
            "here: a customer who asks cannot reach a person",
            "handled_by",
            HINT,
        )
    if not starts(esc, ("customer-request",)):
        return Judgement(
            "a customer who asks for a person is not handed over: the escalation's triggers "
            "leave out customer-request",
            "escalation.triggers",
            "add customer-request to the triggers",
        )
    if not person_reached(t, assessment, on=("customer-request",)).person:
        return Judgement(
            f"the escalation to {esc.to} never brings a customer who asks to a person: the "
            "bots on the way do not hand over on customer-request",
            "escalation.to",
            "escalate to a touchpoint people handle (human or hybrid)",
        )
    return PASSES
