"""The engine: journeys and a policy -> an assessment of every touchpoint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial

from stakes.assessment.policy import Policy
from stakes.assessment.policy_file import default_policy
from stakes.assessment.results import Assessment
from stakes.assessment.scoring import Score, Scorer, verdict_rank
from stakes.assessment.touchpoints import (
    Alignment,
    Handled,
    Observation,
    Observed,
    OverrideStatus,
    TouchpointAssessment,
    unsaid,
)
from stakes.journey.files import Portfolio, load
from stakes.journey.keys import touchpoint_key
from stakes.journey.model import Journey, Touchpoint
from stakes.journey.values import AI_HANDLERS


def alignment(
    handled_by: str, verdict: str, has_escalation: bool, assessed: bool = True
) -> Alignment:
    """Today's handling against the verdict (docs/assessment.md). Unassessed, the verdict is a
    floor: a bot below it is still over-automated, anything else is ``unassessed``."""
    if not assessed:
        over = alignment(handled_by, verdict, has_escalation) == "over-automated"
        return "over-automated" if over else "unassessed"
    rank = verdict_rank(verdict)
    if handled_by in AI_HANDLERS:
        if rank >= verdict_rank("assist") or (verdict == "guarded" and not has_escalation):
            return "over-automated"
        return "aligned"
    # Human or hybrid: people are involved, which is never over-automated.
    return "under-automated" if verdict == "automate" else "aligned"


def noticed(tp: Touchpoint, result: Score, ceiling: str = "guarded") -> Score:
    """``result``, held at the policy's ``notice_ceiling`` when the touchpoint is a notification
    or a view that announces no decision: it holds no conversation for a person to take over.
    One that announces a decision is judged as that decision. Its stakes still count
    (STK406)."""
    if tp.interaction == "conversation" or verdict_rank(result.verdict) <= verdict_rank(ceiling):
        return result  # the cheap test first: most touchpoints are conversations
    if not tp.announces_nothing:
        return result
    why = f"a {tp.interaction} announcing no decision holds no conversation: at most {ceiling}"
    return replace(result, verdict=ceiling, capped=why)


def observed(tp: Touchpoint, seen: Observed) -> Observation | None:
    """What the log measured at ``tp``, against what it declares (None: nothing measured)."""
    updates = seen.updates()
    handling = getattr(seen, "handling", None)  # optional (see Observed)
    if not updates and handling is None:
        return None
    declared = {name: getattr(tp.signals, name) for name in updates}
    intervals = getattr(seen, "intervals", None) or {}
    unsaid_signals = tuple(n for n in updates if n not in tp.signals.model_fields_set)
    return Observation(
        seen.contacts, declared, updates, intervals, handling, undeclared=unsaid_signals
    )


def in_fact(tp: Touchpoint, verdict: str, seen: Observation, share: float) -> Observation:
    """``seen``, saying so when the log shows bots handling at least ``share`` of the contacts
    of a moment whose verdict is ``assist`` or ``human-only`` (over-automated in fact, whatever
    the journey declares), or people handling at least ``share`` of one the journey says a bot
    handles. "At least" is beyond the uncertainty: the 95% interval's lower bound."""
    h = seen.handling
    if h is None or not h.labelled:
        return seen
    bots, people = h.automated_interval, h.people_interval
    if verdict_rank(verdict) >= verdict_rank("assist") and bots and bots[0] >= share:
        passed = getattr(h, "passed_on", 0)
        more = f"; {passed:,} more were passed to a person" if passed else ""
        said = (
            f"the verdict is {verdict}, but bots or self-service alone handled "
            f"{_share(h.automated, h)} contacts with a known handler ({_rate(h.automated, h)}"
            f"{_bounds(bots)}){more}: over-automated in fact"
        )
        return replace(seen, in_fact=said)
    if tp.handled_by in AI_HANDLERS and people and people[0] >= share:
        said = (
            f"the journey says {tp.handled_by}, but people handled {_share(h.people, h)} "
            f"contacts with a known handler ({_rate(h.people, h)}{_bounds(people)})"
        )
        return replace(seen, handled_otherwise=said)
    return seen


def _share(k: int, h: Handled) -> str:
    return f"{k:,} of its {h.labelled:,}"


def _rate(k: int, h: Handled) -> str:
    return f"{k / h.labelled:.0%}"


def _bounds(bounds: tuple[float, float]) -> str:
    return f"; 95% interval {bounds[0]:.0%} to {bounds[1]:.0%}"


def override_status(tp: Touchpoint, as_of: dt.date) -> OverrideStatus | None:
    """Whether the touchpoint's override is applied, expired or lacks its reason or approver."""
    o = tp.override
    if o is None:
        return None
    if o.expires is not None and o.expires < as_of:
        return "expired"
    if o.unreviewed:
        return "unreviewed"
    return "applied"


def assess_journeys(
    journeys: Iterable[tuple[Journey, str]],
    policy: Policy | None = None,
    *,
    as_of: dt.date | None = None,
    observe: Callable[[str], Observed | None] | None = None,
    jurisdictions: Sequence[str] = (),
    processors: Sequence[str] | None = None,
) -> Assessment:
    """Assess ``(journey, file)`` pairs; journeys are ordered by slug, touchpoints as written.

    ``observe(journey/touchpoint)`` gives what a contact log measured there (see
    ``stakes.evidence``); its repeat-contact rate and prior contacts replace the declared ones.
    """
    policy = policy or default_policy()
    day = as_of or dt.date.today()
    scorer = Scorer(policy)
    out: list[TouchpointAssessment] = []
    for journey, file in sorted(journeys, key=lambda jf: jf[0].journey):
        for stage, tp in journey.touchpoints():
            seen = observe(touchpoint_key(journey.journey, tp.id)) if observe else None
            signals, observation = tp.signals, None
            observation = observed(tp, seen) if seen is not None else None
            if observation is not None and observation.scored:
                update = {name: observation.observed[name] for name in observation.scored}
                signals = signals.model_copy(update=update)
            result = noticed(tp, scorer.score(signals, journey.currency), policy.notice_ceiling)
            status = override_status(tp, day)
            verdict = tp.override.verdict if status == "applied" and tp.override else result.verdict
            missing = unsaid(tp)
            aligned = alignment(tp.acting, verdict, tp.escalation is not None, not missing)
            if observation is not None:
                observation = in_fact(tp, verdict, observation, policy.observed_handling_share)
                if observation.in_fact:
                    aligned = "over-automated"
            out.append(
                TouchpointAssessment(
                    journey,
                    stage,
                    tp,
                    file,
                    result,
                    verdict,
                    status,
                    aligned,
                    observation,
                    missing,
                )
            )
    approved = tuple(processors) if processors is not None else None
    return Assessment(
        out, policy, as_of=day, jurisdictions=tuple(jurisdictions), processors=approved
    )


def assess(
    source: str | Iterable[str] | Journey | Iterable[Journey] | Portfolio,
    policy: Policy | str | None = None,
    *,
    as_of: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    observe: Callable[[str], Observed | None] | None = None,
    jurisdictions: Sequence[str] = (),
    processors: Sequence[str] | None = None,
) -> Assessment:
    """Assess journeys given as paths (files, folders), Journey objects, or a loaded Portfolio.

    ``policy`` is a Policy, the path of a policy file, or None for the default policy.
    Files that do not load are left out; their findings are in ``Assessment.findings``.
    ``jurisdictions`` are the rule packs for journeys that name none (docs/compliance.md);
    ``processors`` those the team approved to receive customer data (None: no list, STK616
    checks nothing).
    """
    from stakes.assessment.policy_file import load_policy

    chosen = policy if isinstance(policy, Policy) else load_policy(policy)
    run = partial(
        assess_journeys,
        policy=chosen,
        as_of=as_of,
        observe=observe,
        jurisdictions=jurisdictions,
        processors=processors,
    )
    if isinstance(source, Journey):
        source = [source]
    if not isinstance(source, Portfolio):
        items = list(source) if not isinstance(source, str) else [source]
        if items and all(isinstance(i, Journey) for i in items):
            pairs = [(j, f"<{j.journey}>") for j in items if isinstance(j, Journey)]
            return run(pairs)
        source = load([str(i) for i in items], emotions=tuple(chosen.emotions), progress=progress)
    pairs = [(f.journey, f.file) for f in source.files if f.journey is not None]
    assessment = run(pairs)
    assessment.findings = list(source.findings)
    assessment.errors = list(source.errors)
    assessment.inputs = [(f.file, f.digest) for f in source.files]
    return assessment
