"""AI decides in an area the EU AI Act calls high-risk, and the journey names no human
oversight.

Why it matters: the EU AI Act (Annex III) makes AI used "to evaluate the creditworthiness of
natural persons", for risk assessment and pricing in life and health insurance, for public
benefits, emergency calls or employment high-risk; Art. 14 requires that people oversee it and
can "disregard, override or reverse the output". A journey that puts such a decision in AI's
hands names who oversees it (`oversight:`), so the claim can be checked.

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
          - id: credit-score
            title: The model scores the application
            channel: web
            handled_by: self-service
            decision_area: creditworthiness

Passes:

    journey: credit
    title: Applying for credit
    owner: lending-team
    jurisdictions: [eu]
    stages:
      - id: apply
        title: Applies
        touchpoints:
          - id: credit-score
            title: The model scores the application
            channel: web
            handled_by: self-service
            decision_area: creditworthiness
            oversight: Credit risk team reviews declines daily and can reverse them
"""

from __future__ import annotations

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement

CODE = "STK609"
NAME = "high-risk-unsupervised"
SEVERITY = Severity.ERROR
SUMMARY = "AI decides in a high-risk area (EU AI Act Annex III) with no human oversight named."
SUPPRESSIBLE = False
REPORTS_AT = ("decision_area",)


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Touchpoints in a high-risk area where AI or self-service takes part: who oversees it?"""
    tp = t.touchpoint
    area = tp.decision_area
    # AI takes part unless a person decides alone (decided_by: human).
    ai_takes_part = tp.decider in ("ai", "hybrid") or (
        tp.decided_by is None and tp.handled_by in ("ai", "self-service", "hybrid")
    )
    if area is None or area not in rule.areas or not ai_takes_part:
        return None
    if tp.oversight is not None:
        return PASSES
    return Judgement(
        f"AI takes part in a decision about {area}, a high-risk area, and the journey names "
        "no human oversight",
        "decision_area",
        "add oversight: <who reviews these decisions and can override or reverse them>",
    )
