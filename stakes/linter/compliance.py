"""Compliance with the law where the customer is: each journey's jurisdictions (its own, else
the project's), the rule packs the policy gives them, and what each pack's checks say of each
touchpoint. The checks are journey rules (STK601-STK609) that define ``judge`` (the rules
package passes them in); lint turns their failures into findings, and the report lists passes
and failures by jurisdiction."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from stakes.assessment.conditions import Test, compiled
from stakes.assessment.factors import Condition
from stakes.assessment.packs import Pack, PackRule
from stakes.assessment.results import Assessment
from stakes.assessment.scoring import Seen, currency_rate
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Finding
from stakes.journey import hours
from stakes.journey.keys import target_key
from stakes.journey.model import Escalation, Journey
from stakes.journey.values import AI_HANDLERS
from stakes.linter.context import Context

PEOPLE = frozenset({"human", "hybrid"})


@dataclass(frozen=True, slots=True)
class Judgement:
    """What a check says of one touchpoint under one pack's rule: it fails when ``problem``
    says what is wrong, reported at ``place`` (a place the rule declares) with ``hint``."""

    problem: str = ""
    place: str = "handled_by"
    hint: str = ""

    @property
    def passed(self) -> bool:
        return not self.problem


PASSES = Judgement()

#: What a compliance rule says of a touchpoint under a pack's rule (None: not its concern).
Judge = Callable[[TouchpointAssessment, PackRule, Assessment], "Judgement | None"]
#: The compliance rules by the name packs turn them on by: their code and their judge.
Judges = Mapping[str, tuple[str, Judge]]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One check of one jurisdiction's pack at one touchpoint."""

    jurisdiction: str
    code: str
    rule: PackRule
    at: TouchpointAssessment
    judgement: Judgement


def scope(journey: Journey, default: tuple[str, ...]) -> tuple[str, ...]:
    """The jurisdictions a journey serves: its own ``jurisdictions``, else the project's."""
    return journey.jurisdictions if journey.jurisdictions is not None else default


def packs_of(assessment: Assessment, journey: Journey) -> Iterator[tuple[str, Pack]]:
    """The packs that apply to a journey (a jurisdiction the policy has no pack for is
    reported by STK610 and checks nothing)."""
    packs = assessment.policy.packs
    for name in dict.fromkeys(scope(journey, assessment.jurisdictions)):
        if name in packs:
            yield name, packs[name]


def outcomes(assessment: Assessment, judges: Judges) -> list[Outcome]:
    """Every check of every pack that applies, at every touchpoint it concerns (the checks
    ``judges`` has)."""
    out: list[Outcome] = []
    journeys: dict[int, list[tuple[str, Pack]]] = {}
    for t in assessment:
        applying = journeys.get(id(t.journey))
        if applying is None:
            applying = journeys[id(t.journey)] = list(packs_of(assessment, t.journey))
        for name, pack in applying:
            for rule in pack.enabled():
                if rule.id not in judges:  # a view of some of the rules (the data-use ones)
                    continue
                code, judge = judges[rule.id]
                judged = judge(t, rule, assessment)
                if judged is not None:
                    out.append(Outcome(name, code, rule, t, judged))
    return out


def findings(ctx: Context, judges: Judges) -> Iterator[Finding]:
    """The rule's failures as findings: one per touchpoint and place, naming every
    jurisdiction that fails it and its source."""
    by_code = ctx.shared.get("compliance")
    if by_code is None:  # the failures of every rule, worked out once for the run
        by_code = ctx.shared["compliance"] = {}
        for o in outcomes(ctx.assessment, judges):
            if not o.judgement.passed:
                at = (o.at.key, o.judgement.place)
                by_code.setdefault(o.code, {}).setdefault(at, []).append(o)
    failed: dict[tuple[str, str], list[Outcome]] = by_code.get(ctx.rule.code, {})
    for group in failed.values():
        # Each problem with the jurisdictions whose law it breaks: packs ask for different
        # things (eu accepts an obvious AI, us-ca does not), so one problem is not every law's.
        problems: dict[str, list[Outcome]] = {}
        for o in group:
            problems.setdefault(o.judgement.problem, []).append(o)
        message = "; ".join(
            f"{problem} ({'; '.join(f'{o.jurisdiction}: {o.rule.source}' for o in these)})"
            for problem, these in problems.items()
        )
        hint = "; ".join(dict.fromkeys(o.judgement.hint for o in group if o.judgement.hint))
        yield ctx.at(group[0].at, message, *group[0].judgement.place.split("."), hint=hint)


# --- what the checks share ----------------------------------------------------------------------


def is_bot(t: TouchpointAssessment) -> bool:
    """AI or self-service handles it."""
    return t.touchpoint.handled_by in AI_HANDLERS


def target(t: TouchpointAssessment, to: str | None, assessment: Assessment) -> Reached:
    """Where ``to`` (written at ``t``) leads: the touchpoint, or why there is none."""
    if to is None:
        return Reached(None, "none")
    found = assessment.find(target_key(to, t.journey.journey))
    return Reached(found, "unverified" if found is None else "found")


@dataclass(frozen=True, slots=True)
class Reached:
    """A target: the touchpoint, or ``none`` (nothing named) or ``unverified`` (named in a
    journey that was not checked: STK019 says so, and it is not held against the journey)."""

    at: TouchpointAssessment | None
    state: str

    @property
    def person(self) -> bool:
        """A person is there (or the target could not be checked)."""
        if self.at is None:
            return self.state == "unverified"
        return self.at.touchpoint.handled_by in PEOPLE


def starts(esc: Escalation | None, triggers: tuple[str, ...]) -> bool:
    """Whether an escalation starts on any of ``triggers`` (one that lists none starts on
    anything)."""
    return esc is not None and (not esc.triggers or bool(set(esc.triggers) & set(triggers)))


def person_reached(
    t: TouchpointAssessment, assessment: Assessment, on: tuple[str, ...] = ()
) -> Reached:
    """The first person its escalation leads to, following bots that escalate on (a bot that
    passes the customer to another bot is not a route to a person until one of them reaches a
    person); with ``on``, every bot on the way must hand over on one of those triggers."""
    seen = {t.key}
    here = target(t, t.touchpoint.escalation.to if t.touchpoint.escalation else None, assessment)
    while here.at is not None and not here.person and here.at.key not in seen:
        seen.add(here.at.key)
        esc = here.at.touchpoint.escalation
        passes_on = esc is not None and (not on or starts(esc, on))
        here = target(here.at, esc.to if esc and passes_on else None, assessment)
    return here if here.person else Reached(here.at, "bot" if here.at else here.state)


def trained(reached: Reached, skills: tuple[str, ...]) -> bool:
    """Whether the target is people with one of ``skills`` (or in a journey not checked)."""
    if reached.at is None:
        return reached.state == "unverified"
    tp = reached.at.touchpoint
    return tp.handled_by in PEOPLE and bool(set(tp.skills) & set(skills))


@lru_cache(maxsize=4096)  # a portfolio writes a handful of hours many times
def _parsed(value: str | tuple[str, ...]) -> hours.Minutes:
    return hours.parse(value)


def hours_of(t: TouchpointAssessment, default: str | None = None) -> hours.Minutes | None:
    """The minutes of the week ``t`` runs or is staffed (local time); ``default`` when it
    does not say, None when there is no default."""
    value = t.touchpoint.hours if t.touchpoint.hours is not None else default
    return None if value is None else _parsed(value)


@cache
def _test(when: Condition, emotions: tuple[str, ...]) -> Test:
    return compiled(when, emotions)


def decision_at_stake(t: TouchpointAssessment, rule: PackRule, assessment: Assessment) -> bool:
    """AI takes or shares a decision at ``t`` that meets the rule's condition (its effect)."""
    return (
        t.touchpoint.decider in ("ai", "hybrid")
        and rule.when is not None
        and holds(rule.when, t, assessment)
    )


def holds(when: Condition, t: TouchpointAssessment, assessment: Assessment) -> bool:
    """Whether every threshold of a pack's condition is reached at ``t``."""
    policy, r = assessment.policy, t.result
    rate = currency_rate(policy, t.journey.currency)
    seen = Seen(t.touchpoint.signals, rate, r.score, r.level, r.complexity)
    return _test(when, tuple(policy.emotions))(seen)


# --- by jurisdiction, for the report -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule of a pack over the journeys it applies to: where it passes and fails."""

    code: str
    rule: PackRule
    passed: tuple[TouchpointAssessment, ...]
    failed: tuple[tuple[TouchpointAssessment, Judgement], ...]


@dataclass(frozen=True, slots=True)
class PackResult:
    """One jurisdiction's pack over the journeys that serve it."""

    jurisdiction: str
    title: str
    journeys: tuple[str, ...]
    rules: tuple[RuleResult, ...]
    #: The pack's rules the policy switches off (each with its reason and approver).
    off: tuple[PackRule, ...] = ()
    #: False for a jurisdiction the policy has no pack for: nothing was checked (STK610).
    known: bool = True
    #: The pack's data-use rules (``STK611 special-category-without-condition``...), which
    #: the data-use view reports (linter/data_use.py) rather than this one.
    data_use: tuple[str, ...] = ()

    @property
    def checked(self) -> list[TouchpointAssessment]:
        """The touchpoints some rule of the pack concerns, once each."""
        seen = {r.key: r for rule in self.rules for r in rule.passed}
        seen |= {t.key: t for rule in self.rules for t, _ in rule.failed}
        return list(seen.values())

    @property
    def failing(self) -> set[str]:
        """The keys of the touchpoints that fail at least one rule."""
        return {t.key for rule in self.rules for t, _ in rule.failed}


def by_jurisdiction(
    assessment: Assessment, judges: Judges, elsewhere: Mapping[str, str] | None = None
) -> list[PackResult]:
    """Each jurisdiction some journey serves, in the order first named, with the pack's rules
    that ``judges`` has (those that concern no touchpoint too) and those it switches off; the
    pack's rules in ``elsewhere`` (name: code, reported by another view) are only named. A
    jurisdiction with no pack is listed as unknown, so that a typo is never silent."""
    elsewhere = elsewhere or {}
    by_rule: dict[tuple[str, str], list[Outcome]] = {}
    for o in outcomes(assessment, judges):
        by_rule.setdefault((o.jurisdiction, o.rule.id), []).append(o)
    journeys: dict[str, dict[str, None]] = {}
    for journey in {id(t.journey): t.journey for t in assessment}.values():
        for name in scope(journey, assessment.jurisdictions):
            journeys.setdefault(name, {})[journey.journey] = None
    out = []
    for name, slugs in journeys.items():
        pack = assessment.policy.packs.get(name)
        if pack is None:
            out.append(PackResult(name, "", tuple(slugs), (), known=False))
            continue
        rules, other = [], []
        for rule in pack.enabled():
            if rule.id not in judges:
                if rule.id in elsewhere:
                    other.append(f"{elsewhere[rule.id]} {rule.id}")
                continue
            mine = by_rule.get((name, rule.id), [])
            passed = tuple(o.at for o in mine if o.judgement.passed)
            failed = tuple((o.at, o.judgement) for o in mine if not o.judgement.passed)
            rules.append(RuleResult(judges[rule.id][0], rule, passed, failed))
        off = tuple(r for r in pack.rules if not r.enabled)
        out.append(
            PackResult(name, pack.title, tuple(slugs), tuple(rules), off, data_use=tuple(other))
        )
    return out
