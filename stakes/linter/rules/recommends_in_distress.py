"""Customer data is used to recommend or personalise offers at a moment that must stay human,
or where the customer is distressed or grieving.

Why it matters: a bereaved customer closing an account, or a distressed one disputing a
charge, is not a sales lead. Recommending products or personalising offers at such a moment
uses their data against their interest: the FCA's Consumer Duty asks firms to act in good
faith and avoid foreseeable harm, which its guidance says rules out exploiting customers'
behavioural biases or vulnerability (PRIN 2A.2; FG22/5), and GDPR's purpose limitation (Art.
5(1)(b)) asks whether the customer would expect the use at all. This applies whatever
the journey's jurisdictions: it is a warning about the design, which a reviewed comment can
silence (a recommendation that helps, such as a hardship plan offered to a customer in
difficulty, is such a case: say why in the comment, on the line of `purposes` or the line
above). The emotions are the default policy's `distressed` and `grieving`.

Fails:

    - id: close-account
      handled_by: ai
      signals: {emotion: grieving, personal_data: [financial]}
      data_use: {purposes: [answer, recommend]}

Passes:

    - id: close-account
      handled_by: ai
      signals: {emotion: grieving, personal_data: [financial]}
      data_use: {purposes: [answer]}
"""

from __future__ import annotations

from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement
from stakes.linter.phrases import listed

CODE = "STK615"
NAME = "recommends-in-distress"
SEVERITY = Severity.WARNING
SUMMARY = (
    "Data is used to recommend or personalise where the verdict is human-only or the customer "
    "is distressed or grieving."
)
SUPPRESSIBLE = True
REPORTS_AT = ("data_use.purposes",)
DATA_USE = True

SELLING = ("recommend", "personalise")
HARD = ("distressed", "grieving")


def examine(t: TouchpointAssessment, assessment: Assessment) -> Judgement | None:
    """Moments that recommend or personalise: is the customer in a state to be sold to?"""
    tp = t.touchpoint
    use = tp.data_use
    selling = [p for p in SELLING if use is not None and p in use.purposes]
    if not selling:
        return None
    emotion = tp.signals.emotion
    moment = [f"the customer is {emotion}"] if emotion in HARD else []
    if t.verdict == "human-only":
        moment.append("the moment's verdict is human-only")
    if not moment:
        return PASSES
    return Judgement(
        f"the customer's data is used to {' and '.join(selling)} where {listed(moment)}",
        "data_use.purposes",
        "take recommend and personalise out of this moment's purposes; if what is recommended "
        "is help (a hardship plan, support), say so in a # stakes: ignore[STK615] comment",
    )
