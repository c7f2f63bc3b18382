"""Transcripts or customer data train models, and the customer is not told, or cannot opt
out.

Why it matters: using conversations to train models is a purpose of its own. The customer must
be told it when the data is collected, or before it is used for a new purpose (GDPR Art.
13(1)(c) and 13(3); in California the notice at collection of Civil Code §1798.100), and may
object or withdraw consent (GDPR Art. 21 and 7(3)): a customer who wants help should not have
to donate their words to get it. The pack says what it requires (`requires: [notice,
opt-out]`); `data_use.trains_models: true` or the purpose `train` says the data trains models.

This finding is about the law, so a comment cannot silence it.

Fails:

    journey: support
    title: Getting help
    owner: care-team
    jurisdictions: [eu]
    stages:
      - id: ask
        title: Asks for help
        touchpoints:
          - id: assistant
            title: The assistant answers
            channel: chat
            handled_by: ai
            discloses_ai: at-start
            signals: {personal_data: [contact]}
            data_use:
              purposes: [answer, train]
              lawful_basis: legitimate-interests
              trains_models: true

Passes:

    journey: support
    title: Getting help
    owner: care-team
    jurisdictions: [eu]
    stages:
      - id: ask
        title: Asks for help
        touchpoints:
          - id: assistant
            title: The assistant answers
            channel: chat
            handled_by: ai
            discloses_ai: at-start
            signals: {personal_data: [contact]}
            data_use:
              purposes: [answer, train]
              lawful_basis: legitimate-interests
              trains_models: true
              notice: at-collection
              opt_out: true
"""

from __future__ import annotations

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement

CODE = "STK613"
NAME = "training-without-notice"
SEVERITY = Severity.ERROR
SUMMARY = "Customer data trains models with no notice to the customer or no way to opt out."
SUPPRESSIBLE = False
REPORTS_AT = ("data_use", "data_use.notice", "data_use.opt_out")
DATA_USE = True


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Moments whose data trains models: is the customer told, and may they opt out?"""
    use = t.touchpoint.data_use
    if use is None or not use.trains:
        return None
    missing, at, fixes = [], "data_use", []
    if "notice" in rule.requires and use.notice in (None, "none"):
        missing.append("is not told")
        at = "data_use.notice" if use.notice is not None else at
        fixes.append("tell the customer when the data is collected (notice: at-collection)")
    if "opt-out" in rule.requires and use.opt_out is not True:
        missing.append("cannot opt out")
        at = "data_use.opt_out" if use.opt_out is not None and not missing[:-1] else at
        fixes.append("let them refuse and still be served (opt_out: true)")
    if not missing:
        return PASSES
    return Judgement(
        f"the customer's data trains models, and the customer {' and '.join(missing)}",
        at,
        " and ".join(fixes),
    )
