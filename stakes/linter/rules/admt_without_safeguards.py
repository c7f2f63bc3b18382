"""An automated decision with significant effect on a customer, in an area California's rules
on automated decisionmaking cover, without a pre-use notice, an opt-out or a way to a person.

Why it matters: the CPPA's regulations on automated decisionmaking technology (adopted in
2025; compliance from 1 January 2027) cover ADMT used for a significant decision about a
consumer: financial or lending services, housing, education, employment, health care
(insurance, in an earlier draft, is not among them). The business gives a pre-use notice
(§7220), lets the consumer opt out (§7221), or else offers an appeal to a person who can
overturn the decision (the human appeal exception, §7221(b)), and answers requests to access
how the decision was made (§7222). The journey says it:
`data_use.notice: pre-use`, `data_use.opt_out: true` or a `contest` touchpoint whose people
`can_override`, and an escalation or contest that reaches a person. A decision counts as
automated when AI takes it, or shares it with people who cannot change it (`can_override`).
The pack's `areas` say which `decision_area`s are significant decisions.

This finding is about the law, so a comment cannot silence it.

Fails:

    journey: lending
    title: Applying for a loan
    owner: lending-team
    jurisdictions: [us-ca]
    stages:
      - id: apply
        title: Applies
        touchpoints:
          - id: loan-decision
            title: The model decides the application
            channel: web
            handled_by: self-service
            interaction: form
            decision_area: creditworthiness
            signals: {decision_effect: legal, personal_data: [financial]}

Passes:

    journey: lending
    title: Applying for a loan
    owner: lending-team
    jurisdictions: [us-ca]
    stages:
      - id: apply
        title: Applies
        touchpoints:
          - id: loan-decision
            title: The model decides the application
            channel: web
            handled_by: self-service
            interaction: form
            decision_area: creditworthiness
            signals: {decision_effect: legal, personal_data: [financial]}
            data_use: {purposes: [decide], notice: pre-use, opt_out: true}
            escalation: {to: loan-officer, triggers: [customer-request]}
          - id: loan-officer
            title: A loan officer reviews the application
            channel: phone
            handled_by: human
            can_override: true
"""

from __future__ import annotations

from stakes.assessment.packs import PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Severity
from stakes.linter.compliance import PASSES, PEOPLE, Judgement, person_reached, target
from stakes.linter.data_use import automated_decision, place

CODE = "STK614"
NAME = "admt-without-safeguards"
SEVERITY = Severity.ERROR
SUMMARY = (
    "An automated significant decision (CPPA's ADMT rules) lacks a pre-use notice, an opt-out "
    "or a way to a person."
)
SUPPRESSIBLE = False
REPORTS_AT = ("decision_area", "data_use", "data_use.notice", "data_use.opt_out")
DATA_USE = True


def judge(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> Judgement | None:
    """Automated decisions with legal or significant effect on personal data, in the pack's
    areas: notice before use, an opt-out (or an appeal to a person who can overturn), and a
    way to a person."""
    tp = t.touchpoint
    significant = tp.signals.decision_effect in ("significant", "legal")
    if not (significant and tp.signals.personal_data and tp.decision_area in rule.areas):
        return None
    if not automated_decision(tp):
        return None
    use = tp.data_use
    appeal = target(t, tp.contest, assessment) if tp.contest else None
    appeal_to_person = appeal is not None and appeal.person
    overturns = appeal is not None and (
        appeal.at is None or appeal.at.touchpoint.can_override is True
    )
    # What is missing, the key that says so, and the fix.
    missing: list[tuple[str, str, str]] = []
    if use is None or use.notice != "pre-use":
        missing.append(
            ("no pre-use notice (§7220)", "notice", "tell the customer before (notice: pre-use)")
        )
    if not (use is not None and use.opt_out is True) and not (appeal_to_person and overturns):
        missing.append(
            (
                "no opt-out, and no appeal to a person who can overturn it (§7221)",
                "opt_out",
                "let them opt out (opt_out: true) or appeal (contest: <people who can_override>)",
            )
        )
    # People who handle the moment are a way to a person, even when they cannot change the
    # decision (the rule above asks for that).
    here = tp.handled_by in PEOPLE
    if not (here or person_reached(t, assessment).person or appeal_to_person):
        missing.append(("no way to a person", "", "route them to a person (escalation or contest)"))
    if not missing:
        return PASSES
    area = str(tp.decision_area).replace("-", " ")
    deciders = (
        "AI decides"
        if tp.decider == "ai"
        else "AI and people decide, and the people are not said to be able to change it "
        "(can_override),"
    )
    return Judgement(
        f"{deciders} about {area} with {tp.signals.decision_effect} effect: "
        + "; ".join(what for what, _, _ in missing),
        place(tp, missing[0][1], "decision_area"),
        "; ".join(fix for _, _, fix in missing),
    )
