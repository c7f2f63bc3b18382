"""AI or an automated step handles health, biometric or criminal-offence data, and the journey
does not say on which condition the law allows it.

Why it matters: GDPR Art. 9(1) prohibits processing health and biometric data unless one of
the conditions of Art. 9(2) applies (explicit consent, health care, legal claims...), and
Art. 10 allows criminal-offence data only under the control of an official authority or
where a law authorises it; the UK GDPR and the Data Protection Act 2018 (Schedule 1) say the
same. A bot that reads a customer's diagnosis to answer a claim is such processing. A journey
that puts it in AI's hands says what it relies on (`data_use.special_category_condition`;
for criminal-offence data `data_use.criminal_data_basis`), so the privacy team can check the
claim before the bot goes live. The pack's `personal_data` says which categories need one.
The condition is needed whoever processes the data; this rule looks at the moments AI takes
part in, where a design review can still change what the bot is given. Data about people who
have died is not personal data under the GDPR (Recital 27) or the UK's (DPA 2018 s.3(2)).

This finding is about the law, so a comment cannot silence it.

Fails:

    journey: claims
    title: Making a health claim
    owner: claims-team
    jurisdictions: [eu]
    stages:
      - id: claim
        title: Claims
        touchpoints:
          - id: claim-bot
            title: The assistant takes the claim
            channel: chat
            handled_by: ai
            discloses_ai: at-start
            signals: {personal_data: [health]}
            data_use: {purposes: [answer], lawful_basis: contract}

Passes:

    journey: claims
    title: Making a health claim
    owner: claims-team
    jurisdictions: [eu]
    stages:
      - id: claim
        title: Claims
        touchpoints:
          - id: claim-bot
            title: The assistant takes the claim
            channel: chat
            handled_by: ai
            discloses_ai: at-start
            signals: {personal_data: [health]}
            data_use:
              purposes: [answer]
              lawful_basis: contract
              special_category_condition: explicit-consent
"""

from __future__ import annotations

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement
from stakes.linter.data_use import automated, place, who
from stakes.linter.phrases import listed

CODE = "STK611"
NAME = "special-category-without-condition"
SEVERITY = Severity.ERROR
SUMMARY = (
    "AI handles health, biometric or criminal-offence data with no Art. 9(2) condition or "
    "Art. 10 basis declared."
)
SUPPRESSIBLE = False
REPORTS_AT = ("signals.personal_data", "data_use")
DATA_USE = True


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Automated moments with the pack's special categories: is a condition declared?"""
    tp = t.touchpoint
    special = list(dict.fromkeys(c for c in tp.signals.personal_data if c in rule.personal_data))
    if not special or not automated(tp):
        return None
    use = tp.data_use
    condition = use is not None and use.special_category_condition is not None
    basis = use is not None and use.criminal_data_basis is not None
    bare = [c for c in special if not (basis if c == "criminal" else condition)]
    if not bare:
        return PASSES
    fixes = []
    if any(c != "criminal" for c in bare):
        fixes.append(
            "data_use.special_category_condition: the Art. 9(2) condition relied on "
            "(explicit-consent, health-care, legal-claims...)"
        )
    if "criminal" in bare:
        fixes.append(
            "data_use.criminal_data_basis: official-authority or authorised-by-law (Art. 10)"
        )
    return Judgement(
        f"{who(tp)} handles {listed(bare)} data, and the journey declares nothing that allows it",
        place(tp, ""),
        "add " + "; and ".join(fixes),
    )
