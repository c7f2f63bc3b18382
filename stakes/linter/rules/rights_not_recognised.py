"""A bot in a dispute or complaint stage has no hand-over for a customer who invokes their
rights.

Why it matters: the US CFPB (Chatbots in Consumer Finance, 2023) warns that chatbots which fail
to recognise that a customer is invoking their rights (disputing a charge, reporting an error,
complaining, asking for hardship help or for their data) risk breaking federal consumer
financial law. Where a stage or touchpoint is about such a moment (the pack's `words`, matched
in its id or title), the bot's escalation needs a `rights-invoked` trigger.

This finding is about the law, so a comment cannot silence it.

Fails:

    journey: card-dispute
    title: Disputing a card payment
    owner: payments-team
    jurisdictions: [us-cfpb]
    stages:
      - id: dispute
        title: Disputes a charge
        touchpoints:
          - id: dispute-bot
            title: The bot takes the dispute
            channel: chat
            handled_by: ai
            escalation: {to: disputes-team, triggers: [customer-request]}
          - id: disputes-team
            title: The disputes team
            channel: phone
            handled_by: human

Passes:

    journey: card-dispute
    title: Disputing a card payment
    owner: payments-team
    jurisdictions: [us-cfpb]
    stages:
      - id: dispute
        title: Disputes a charge
        touchpoints:
          - id: dispute-bot
            title: The bot takes the dispute
            channel: chat
            handled_by: ai
            escalation: {to: disputes-team, triggers: [customer-request, rights-invoked]}
          - id: disputes-team
            title: The disputes team
            channel: phone
            handled_by: human
"""

from __future__ import annotations

import re
from functools import cache

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, Judgement, person_reached, starts
from stakes.linter.phrases import said

CODE = "STK607"
NAME = "rights-not-recognised"
SEVERITY = Severity.ERROR
SUMMARY = "A bot where customers invoke their rights has no rights-invoked escalation."
SUPPRESSIBLE = False
REPORTS_AT = ("handled_by", "escalation.triggers")


@cache
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w.lower()).replace("\\-", "[- ]?") for w in words)
    return re.compile(rf"(?<![a-z])({alternatives})")


def about(t: TouchpointAssessment, words: tuple[str, ...]) -> str | None:
    """The word that makes the touchpoint or its stage a moment where rights are invoked."""
    s, tp = t.stage, t.touchpoint
    text = " ".join((s.id, s.title, tp.id, tp.title)).lower()
    found = _words(words).search(text)
    return found.group(1) if found else None


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """AI conversations about disputes, complaints and the like: is rights-invoked handed on?"""
    tp = t.touchpoint
    if tp.handled_by != "ai" or tp.interaction != "conversation":
        return None
    word = about(t, rule.words)
    if word is None:
        return None
    esc = tp.escalation
    wanted = said(rule.triggers)
    if starts(esc, rule.triggers):
        if person_reached(t, assessment).person:
            return PASSES
        assert esc is not None
        return Judgement(
            f"customers invoke their rights here ({word!r}), and the bot's {wanted} escalation "
            f"to {esc.to} never reaches a person",
            "escalation.triggers" if esc.triggers else "handled_by",
            "hand them over to people (human or hybrid) who can act on it",
        )
    return Judgement(
        f"customers invoke their rights here ({word!r}), and the bot has no {wanted} "
        "escalation to hand them over",
        "escalation.triggers" if esc is not None and esc.triggers else "handled_by",
        f"add {rule.triggers[0]} to the triggers of an escalation to a person",
    )
