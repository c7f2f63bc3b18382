"""An AI that talks to customers does not tell them it is an AI, or tells them too late.

Why it matters: the EU AI Act (Art. 50(1), from 2 August 2026) requires that people are
"informed that they are interacting with an AI system, unless this is obvious", at the latest at
the first interaction; California (B&P Code §17941) requires a bot's disclosure to be clear and
conspicuous; Utah (§13-77-103) requires disclosure when asked, and at the start of a high-risk
interaction (health, financial or biometric data, or personalised financial, legal, medical or
mental-health advice). A customer who thinks they are talking to a person shares what they
would not tell a machine, and trusts answers they would check. The jurisdictions' packs say
which disclosures are enough (`stakes policy`); `obvious` counts only with a
`disclosure_reason`. A hybrid moment whose AI only drafts or suggests for the agent, and never
talks to the customer, says `discloses_ai: agent-facing`.

This finding is about the law, so a comment cannot silence it: only a reviewed change to the
policy's pack can.

Fails:

    journey: web-help
    title: Getting help online
    owner: cx-team
    jurisdictions: [eu]
    stages:
      - id: ask
        title: Asks a question
        touchpoints:
          - id: assistant
            title: The assistant answers
            channel: chat
            handled_by: ai
            discloses_ai: on-request

Passes:

    journey: web-help
    title: Getting help online
    owner: cx-team
    jurisdictions: [eu]
    stages:
      - id: ask
        title: Asks a question
        touchpoints:
          - id: assistant
            title: The assistant answers
            channel: chat
            handled_by: ai
            discloses_ai: at-start
"""

from __future__ import annotations

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement
from stakes.linter.phrases import said

CODE = "STK601"
NAME = "ai-disclosure"
SEVERITY = Severity.ERROR
SUMMARY = "An AI that talks to customers does not say it is an AI, or says it too late."
SUPPRESSIBLE = False
REPORTS_AT = ("handled_by", "discloses_ai")

DOES = {
    "no": "never says it is an AI",
    "on-request": "says it is an AI only when asked",
    "obvious": "relies on being obviously an AI",
    "at-start": "says it is an AI at the start",
    "throughout": "shows it is an AI throughout",
    "agent-facing": "only helps agents",
}


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """AI and hybrid conversations: is the disclosure one the pack accepts?"""
    tp = t.touchpoint
    if tp.handled_by not in ("ai", "hybrid") or tp.interaction != "conversation":
        return None
    accepts, why = rule.accepts, ""
    risk = rule.high_risk
    if risk is not None:
        data = sorted(set(tp.signals.personal_data) & set(risk.personal_data))
        advice = sorted(set(tp.advice) & set(risk.advice))
        if data or advice:
            accepts = risk.accepts
            what = [f"{d} data" for d in data] + [f"{a} advice" for a in advice]
            why = f" in a high-risk interaction ({', '.join(what)})"
    value = tp.discloses_ai
    if value == "agent-facing":
        if tp.handled_by == "hybrid":
            return None  # the AI helps the agent; a person talks to the customer
        return Judgement(
            "discloses_ai says the AI only helps agents, but AI handles this conversation alone",
            "discloses_ai",
            "say how the AI tells customers it is an AI, or hand the moment to people (hybrid)",
        )
    if value is None:
        return Judgement(
            f"the journey does not say whether the AI tells customers it is an AI{why}",
            "handled_by",
            f"add discloses_ai: {accepts[0]}",
        )
    if value not in accepts:
        return Judgement(
            f"the AI {DOES[value]}{why}; the law asks for {said(accepts)}",
            "discloses_ai",
            f"tell customers they are talking to an AI: discloses_ai: {accepts[0]}",
        )
    if value == "obvious" and tp.disclosure_reason is None:
        return Judgement(
            "discloses_ai is obvious, but the journey does not say why it is obvious",
            "discloses_ai",
            "add disclosure_reason: why no customer could take it for a person",
        )
    return PASSES
