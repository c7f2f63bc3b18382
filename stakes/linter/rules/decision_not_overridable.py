"""An automated decision with legal or similarly significant effect has no person who can
change it.

Why it matters: GDPR Art. 22(3) gives the customer "the right to obtain human intervention", and
the ICO's guidance says the reviewer needs "the authority and competence to change the
decision"; the EU AI Act (Art. 14(4)(d)) asks that human overseers can "disregard, override or
reverse the output". A person who can only explain the bot's answer is a token review. Where
AI decides alone, the person its escalation reaches must have `can_override: true`; where a
person decides with AI (`hybrid`), the touchpoint itself must.

This finding is about the law, so a comment cannot silence it.

Fails:

    journey: claims
    title: Making a claim
    owner: claims-team
    jurisdictions: [eu]
    stages:
      - id: decide
        title: Gets a decision
        touchpoints:
          - id: claim-decision
            title: The model decides the claim
            channel: web
            handled_by: ai
            signals: {decision_effect: significant}
            escalation: {to: claims-desk, triggers: [customer-request]}
            contest: claims-desk
          - id: claims-desk
            title: A person explains the decision
            channel: phone
            handled_by: human
            can_override: false

Passes:

    journey: claims
    title: Making a claim
    owner: claims-team
    jurisdictions: [eu]
    stages:
      - id: decide
        title: Gets a decision
        touchpoints:
          - id: claim-decision
            title: The model decides the claim
            channel: web
            handled_by: ai
            signals: {decision_effect: significant}
            escalation: {to: claims-desk, triggers: [customer-request]}
            contest: claims-desk
          - id: claims-desk
            title: A claims handler reviews the decision
            channel: phone
            handled_by: human
            can_override: true
"""

from __future__ import annotations

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement, decision_at_stake, person_reached

CODE = "STK605"
NAME = "decision-not-overridable"
SEVERITY = Severity.ERROR
SUMMARY = "An automated decision with significant effect has no person who can change it."
SUPPRESSIBLE = False
REPORTS_AT = ("signals.decision_effect", "escalation.to", "can_override")


def _unsaid(value: bool | None) -> str:
    return "is not allowed to" if value is False else "is not said to be able to"


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Decisions AI takes or shares: can the person in the loop change them?"""
    tp = t.touchpoint
    if not decision_at_stake(t, rule, assessment):
        return None
    if tp.handled_by in ("human", "hybrid") and tp.can_override:
        return PASSES  # the people here may change what the AI decided
    if tp.decider == "hybrid" and tp.handled_by in ("human", "hybrid"):
        return Judgement(
            f"the person who decides with AI here {_unsaid(tp.can_override)} change its decision",
            "can_override" if tp.can_override is not None else "signals.decision_effect",
            "set can_override: true where the person has the authority to change the decision",
        )
    if tp.escalation is None:
        return Judgement(
            "AI decides and no person can change the decision: there is no escalation",
            "signals.decision_effect",
            "add escalation: {to: <people who can change it>}, with can_override: true there",
        )
    reached = person_reached(t, assessment)
    if not reached.person:
        return Judgement(
            "AI decides and the escalation never reaches a person who could change it",
            "escalation.to",
            "escalate to people (human or hybrid) with can_override: true",
        )
    if reached.at is None:  # in a journey that was not checked: STK019 says so
        return PASSES
    if reached.at.touchpoint.can_override:
        return PASSES
    return Judgement(
        f"the person the escalation reaches ({reached.at.key}) "
        f"{_unsaid(reached.at.touchpoint.can_override)} change the decision",
        "escalation.to",
        f"give {reached.at.key} the authority: can_override: true",
    )
