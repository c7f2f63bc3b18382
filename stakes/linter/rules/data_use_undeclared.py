"""AI uses a customer's personal data, and the journey does not say what for or on what
lawful basis.

Why it matters: personal data may be collected only "for specified, explicit and legitimate
purposes" and no more than they need (GDPR Art. 5(1)(b)-(c)), and only on one of the six
lawful bases of Art. 6 (consent, contract, legal obligation, vital interests, public task,
legitimate interests), one for each purpose; the customer is told both (Art. 13, or Art. 14
for data from elsewhere).
Whether a bot that reads the account to answer a question meets that minimally or
meaningfully is decided at this moment of the journey, so the journey says it:
`data_use.purposes` and `data_use.lawful_basis` (one basis, or one per purpose:
`{answer: contract, train: legitimate-interests}`). A warning: the design is incomplete, not
necessarily unlawful.

This finding is about the law, so a comment cannot silence it.

Fails:

    journey: billing
    title: A question about a bill
    owner: billing-team
    jurisdictions: [eu]
    stages:
      - id: ask
        title: Asks
        touchpoints:
          - id: billing-bot
            title: The assistant explains the bill
            channel: chat
            handled_by: ai
            discloses_ai: at-start
            signals: {personal_data: [billing]}

Passes:

    journey: billing
    title: A question about a bill
    owner: billing-team
    jurisdictions: [eu]
    stages:
      - id: ask
        title: Asks
        touchpoints:
          - id: billing-bot
            title: The assistant explains the bill
            channel: chat
            handled_by: ai
            discloses_ai: at-start
            signals: {personal_data: [billing]}
            data_use: {purposes: [answer], lawful_basis: contract}
"""

from __future__ import annotations

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement
from stakes.linter.data_use import automated, place, who
from stakes.linter.phrases import listed

CODE = "STK612"
NAME = "data-use-undeclared"
SEVERITY = Severity.WARNING
SUMMARY = "AI uses personal data with no purpose or no lawful basis declared."
SUPPRESSIBLE = False
REPORTS_AT = ("signals.personal_data", "data_use")
DATA_USE = True


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Automated moments with personal data: are its purposes and lawful basis declared?"""
    tp = t.touchpoint
    if not tp.signals.personal_data or not automated(tp):
        return None
    use = tp.data_use
    missing = []
    if use is None or not use.purposes:
        missing.append("no purpose")
    if use is None or use.lawful_basis is None:
        missing.append("no lawful basis")
    elif use.unbased():
        missing.append(f"no lawful basis for {listed(use.unbased())}")
    if not missing:
        return PASSES
    data = listed(list(dict.fromkeys(tp.signals.personal_data)))
    return Judgement(
        f"{who(tp)} uses {data} data with {' and '.join(missing)} declared",
        place(tp, ""),
        "add data_use: {purposes: [<what it is used for>], lawful_basis: <one of the six bases "
        "of GDPR Art. 6, or one per purpose>}",
    )
