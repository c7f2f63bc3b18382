"""An automated decision with legal or similarly significant effect gives the customer no way
to contest it.

Why it matters: GDPR Art. 22(3) (and the UK's) gives the customer the right "to express his or
her point of view and to contest the decision". A journey that decides and ends there leaves
the customer with a complaint letter at best. `contest:` names the touchpoint where they
contest it, and people must handle it.

This finding is about the law, so a comment cannot silence it.

Fails:

    journey: credit
    title: Applying for credit
    owner: lending-team
    jurisdictions: [eu]
    stages:
      - id: apply
        title: Applies
        touchpoints:
          - id: credit-decision
            title: The model approves or declines
            channel: web
            handled_by: self-service
            signals: {decision_effect: legal}
            escalation: {to: underwriter, triggers: [customer-request]}
          - id: underwriter
            title: An underwriter reviews
            channel: phone
            handled_by: human
            can_override: true

Passes:

    journey: credit
    title: Applying for credit
    owner: lending-team
    jurisdictions: [eu]
    stages:
      - id: apply
        title: Applies
        touchpoints:
          - id: credit-decision
            title: The model approves or declines
            channel: web
            handled_by: self-service
            signals: {decision_effect: legal}
            escalation: {to: underwriter, triggers: [customer-request]}
            contest: underwriter
          - id: underwriter
            title: An underwriter reviews
            channel: phone
            handled_by: human
            can_override: true
"""

from __future__ import annotations

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement, decision_at_stake, target

CODE = "STK606"
NAME = "decision-not-contestable"
SEVERITY = Severity.ERROR
SUMMARY = "An automated decision with significant effect gives no way to contest it."
SUPPRESSIBLE = False
REPORTS_AT = ("signals.decision_effect", "contest")


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Decisions AI takes or shares: does the journey say where to contest them?"""
    tp = t.touchpoint
    if not decision_at_stake(t, rule, assessment):
        return None
    if tp.contest is None:
        return Judgement(
            "the customer has no way to contest the decision: the journey names none",
            "signals.decision_effect",
            "add contest: <the touchpoint where a person hears the customer's case>",
        )
    reached = target(t, tp.contest, assessment)
    there = reached.at
    if there is not None and there.key == t.key:
        problem = "where it was taken: the same touchpoint would judge its own decision"
    elif there is not None and there.touchpoint.interaction in ("notification", "view"):
        problem = f"at {tp.contest}, a {there.touchpoint.interaction} that cannot hear the "
        problem += "customer"
    elif reached.person:
        return PASSES
    else:
        problem = f"at {tp.contest}, which a bot handles"
    return Judgement(
        f"the decision is contested {problem}",
        "contest",
        "contest at a touchpoint where people (human or hybrid) hear the customer's case",
    )
