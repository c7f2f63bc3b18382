"""A touchpoint sends customer data to a processor the team has not approved.

Why it matters: whoever receives customer data on the organisation's behalf must be bound by
a contract that meets GDPR Art. 28 (instructions, confidentiality, security, sub-processors,
deletion). Teams keep the list of processors their privacy and procurement people have
approved; a journey that sends the transcript to another LLM provider is a change nobody
reviewed. Set the approved list as `processors = ["Anthropic", "Zendesk"]` in `[tool.stakes]`
(names compared ignoring case, spaces and punctuation); the rule checks every
`data_use.processors` against it, and checks nothing while the list is not set. A comment can
silence it for one touchpoint while a processor is being approved (say so in the comment).

With `processors = ["Zendesk"]` in the configuration, this touchpoint is reported:

    - id: assistant
      handled_by: ai
      signals: {personal_data: [contact]}
      data_use: {purposes: [answer], processors: [Zendesk, OpenAI]}
"""

from __future__ import annotations

import difflib
import re

from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement
from stakes.linter.phrases import listed

CODE = "STK616"
NAME = "processor-not-approved"
SEVERITY = Severity.ERROR
SUMMARY = "Customer data goes to a processor that is not on the team's approved list."
SUPPRESSIBLE = True
REPORTS_AT = ("data_use.processors",)
DATA_USE = True


def examine(t: TouchpointAssessment, assessment: Assessment) -> Judgement | None:
    """Moments that name processors, when the project lists those it approved."""
    approved = assessment.processors
    use = t.touchpoint.data_use
    if approved is None or use is None or not use.processors:
        return None
    keys = {_key(a): a for a in approved}
    others = list({_key(p): p for p in use.processors if _key(p) not in keys}.values())
    if not others:
        return PASSES
    guesses = []
    for name in others[:5]:
        close = difflib.get_close_matches(_key(name), list(keys), n=1)
        if close:
            guesses.append(f"{keys[close[0]]!r} for {name!r}")
    guess = f"did you mean {listed(guesses)}? " if guesses else ""
    known = listed(sorted(keys.values())) if keys else "none"
    return Judgement(
        f"customer data goes to {listed([repr(o) for o in others])}, not among the processors "
        f"the project approved ({known})",
        "data_use.processors",
        f"{guess}use an approved processor, or add it to processors in [tool.stakes] once it "
        "is approved (a GDPR Art. 28 contract)",
    )


def _key(name: str) -> str:
    """A processor's name as compared: letters and digits only, lower case (``Open AI`` is
    ``OpenAI``)."""
    return re.sub(r"[\W_]+", "", name.casefold())
