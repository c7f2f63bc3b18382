"""A bot hands customers over to people who are not there: the people's hours do not cover the
hours the bot runs, and there is no out-of-hours fallback that is a person.

Why it matters: the 2 a.m. billing bot that escalates to a 9-to-5 team has a way to a person
on paper only. Spain's Ley 10/2025 says a person must attend on request; the FCA's Consumer
Duty forbids unreasonable barriers to support; the CFPB calls a chatbot that leaves customers
stuck a "doom loop". A bot runs `24/7` unless its `hours:` say otherwise; the people it hands
over to say when they are there (`hours:`, in their journey's `timezone`), and an
`out_of_hours:` target takes the hours they are not. Hours are compared in UTC on every week
of a year, so spans past midnight, time zones and daylight saving all count, including the
weeks when one side has changed its clocks and the other has not.

This finding is about the law, so a comment cannot silence it.

Fails:

    journey: billing
    title: A question about a bill
    owner: billing-team
    timezone: Europe/London
    jurisdictions: [uk]
    stages:
      - id: ask
        title: Asks about a bill
        touchpoints:
          - id: billing-bot
            title: The billing assistant
            channel: chat
            handled_by: ai
            hours: 24/7
            escalation: {to: billing-team, triggers: [customer-request]}
          - id: billing-team
            title: The billing team
            channel: phone
            handled_by: human
            hours: mon-fri 09:00-17:00

Passes:

    journey: billing
    title: A question about a bill
    owner: billing-team
    timezone: Europe/London
    jurisdictions: [uk]
    stages:
      - id: ask
        title: Asks about a bill
        touchpoints:
          - id: billing-bot
            title: The billing assistant
            channel: chat
            handled_by: ai
            hours: 24/7
            escalation:
              to: billing-team
              triggers: [customer-request]
              out_of_hours: night-desk
          - id: billing-team
            title: The billing team
            channel: phone
            handled_by: human
            hours: mon-fri 09:00-17:00
          - id: night-desk
            title: The out-of-hours desk
            channel: phone
            handled_by: human
            hours: [daily 17:00-09:00, sat-sun 00:00-24:00]
"""

from __future__ import annotations

import datetime as dt

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.journey import hours
from stakes.linter.compliance import PASSES, Judgement, hours_of, is_bot, target

CODE = "STK608"
NAME = "handover-out-of-hours"
SEVERITY = Severity.ERROR
SUMMARY = "A bot hands over to people who are not there when it runs, with no fallback."
SUPPRESSIBLE = False
REPORTS_AT = ("escalation.to", "escalation.out_of_hours")


def _when(t: TouchpointAssessment) -> str:
    """Its hours as written (the first three spans of a long list) and its time zone."""
    value = t.touchpoint.hours or hours.ALWAYS
    spans = [value] if isinstance(value, str) else list(value)
    text = ", ".join(spans[:3]) + (f" and {len(spans) - 3} more" if len(spans) > 3 else "")
    return f"{text} ({t.journey.timezone or 'UTC'})"


def _season(week: dt.date | None) -> str:
    """When a gap is found: always (winter), in summer time, or in a week of changing clocks."""
    if week is None or week == hours.REFERENCE_WEEKS[0].date():
        return ""
    if week == hours.REFERENCE_WEEKS[1].date():
        return " in summer time"
    return f" in the week of {week.day} {week:%B}, when only one side has changed its clocks"


#: What runs at a touchpoint, by how the customer meets it.
RUNS = {"conversation": "the bot", "form": "the form", "notification": "the notice"}


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Escalations from bots to people: are the people there whenever the bot runs?"""
    esc = t.touchpoint.escalation
    if esc is None or not is_bot(t):
        return None
    to = target(t, esc.to, assessment)
    if to.at is None or not to.person:
        return None  # no person at all: STK602 and STK019 say so
    staffed = hours_of(to.at)
    if staffed is None:
        return Judgement(
            f"{to.at.key} does not say when people are there, so nobody can tell whether "
            "they are when the bot hands over",
            "escalation.to",
            f"add hours: to {to.at.key}, e.g. mon-fri 08:00-18:00, or 24/7",
        )
    cover = [(staffed, to.at.journey.timezone)]
    fallback = target(t, esc.out_of_hours, assessment)
    if fallback.at is None and fallback.state == "unverified":
        return PASSES  # in a journey not checked: STK019 says so
    if fallback.at is not None and fallback.person:
        theirs = hours_of(fallback.at)
        if theirs is None:
            return Judgement(
                f"the out-of-hours fallback {fallback.at.key} does not say when people are there",
                "escalation.out_of_hours",
                f"add hours: to {fallback.at.key}",
            )
        cover.append((theirs, fallback.at.journey.timezone))
    runs = hours_of(t, hours.ALWAYS)
    assert runs is not None
    gap, week = hours.uncovered_when(runs, t.journey.timezone, cover)
    if not gap:
        return PASSES
    if fallback.at is not None:
        state = "is not there either" if fallback.person else "is a bot"
        why = f"and the fallback {fallback.at.key} {state}"
    else:
        why = "and there is no out-of-hours fallback"
    return Judgement(
        f"{RUNS.get(t.touchpoint.interaction, 'the page')} runs {_when(t)}, but the people "
        f"it hands over to ({to.at.key}) are there {_when(to.at)}: nobody answers "
        f"{hours.described(gap)}{_season(week)}, {why}",
        "escalation.out_of_hours" if esc.out_of_hours else "escalation.to",
        "add out_of_hours: <people who are there then> to the escalation, or run the bot "
        "only while people are there (hours:)",
    )
