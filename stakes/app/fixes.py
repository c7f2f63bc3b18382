"""What one change fixes: the change each of the report's first actions asks for, made on a
copy of its journey, the journeys it touches assessed again with the same policy, and the
problems that go away counted.

Nothing is guessed: a finding counts as fixed only when the checks, run again on the changed
journey, no longer find it. The changes are the plain ones a journey can show: a person
handles the moment (``handled_by: human``, or ``hybrid`` where a person decides with AI
drafting), a person takes the decision (``decided_by: human``), a hand-over that keeps the
history, goes to people and starts on every trigger, a person offered after three turns.
Problems only a person can settle (what is at stake, the law's own wording, data use, an
override) are not tried.
"""

from __future__ import annotations

from collections.abc import Iterable

from stakes.assessment.engine import assess_journeys
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.journey.keys import target_key
from stakes.journey.model import Escalation, Journey, Touchpoint
from stakes.journey.values import AI_HANDLERS, KNOWN_TRIGGERS
from stakes.linter.data_use import DataUseRow
from stakes.render.documents import Fix, ReportDocument
from stakes.render.report.problems import BOT, Action, Plan

#: The first actions tried: the report shows ten, and a change that settles a later action's
#: touchpoint whole takes it off the list.
TRIED = 30
#: The turns after which a simulated bot offers a person.
TURNS = 3


def fixes(report: ReportDocument) -> dict[str, Fix]:
    """For each of the first TRIED actions that a journey edit can settle, what it fixes."""
    plan = Plan(report)
    a = report.assessment
    files = {t.journey.journey: (t.journey, t.file) for t in a}
    links = _links(a)
    found: dict[str, list[Action]] = {}
    for action in plan.actions:
        found.setdefault(action.at.journey.journey, []).append(action)
    out: dict[str, Fix] = {}
    for action in plan.actions[:TRIED]:
        edit = _edit(action, a)
        if edit is None:
            continue
        touchpoint, said = edit
        home = action.at.journey.journey
        touched = sorted(links.get(home, set()) - {home})
        pairs = [(_with(action.at.journey, touchpoint), action.at.file)]
        pairs += [files[j] for j in touched if j in files]
        again = assess_journeys(
            pairs, a.policy, as_of=a.as_of, jurisdictions=a.jurisdictions, processors=a.processors
        )
        after = Plan(document(again, report.title, report.command))
        before = [x for j in (home, *touched) for x in found.get(j, ())]
        fixed = _gone(before, after, action.at.key)
        if fixed:
            whole = tuple(
                x.at.key
                for x in before
                if x.at.key != action.at.key and set(x.problems) <= set(fixed.get(x.at.key, ()))
            )
            out[action.at.key] = Fix(said, tuple(fixed.items()), whole)
    return out


def document(
    assessment: Assessment,
    title: str,
    command: str,
    data_use: list[DataUseRow] | None = None,
) -> ReportDocument:
    """The report's document without the fixes: the assessment with its escalation gaps,
    compliance by jurisdiction and the moments that use customer data (``data_use``: as lint
    shows their findings; else what the rules say)."""
    from stakes.linter.rules import by_jurisdiction, data_use_rows, escalation_gaps

    return ReportDocument(
        assessment,
        escalation_gaps(assessment),
        title,
        command,
        by_jurisdiction(assessment),
        data_use_rows(assessment) if data_use is None else data_use,
    )


def _gone(before: Iterable[Action], after: Plan, changed: str) -> dict[str, tuple[str, ...]]:
    """The problems found before and not after, by touchpoint (what a contact log showed is
    not assessed again: a bot seen in fact counts only where the change was made)."""
    out: dict[str, tuple[str, ...]] = {}
    for found in before:
        key = found.at.key
        now = after.by_key.get(key)
        left = set(now.problems) if now is not None else set()
        gone = tuple(
            p
            for kind, problems in found.found.items()
            if key == changed or kind not in BOT
            for p in problems
            if p not in left
        )
        if gone:
            out[key] = gone
    return out


def _links(a: Assessment) -> dict[str, set[str]]:
    """Each journey's neighbours: those it hands over to and those that hand over to it (a
    change in one can change findings in the other)."""
    out: dict[str, set[str]] = {}
    for t in a:
        esc = t.touchpoint.escalation
        targets = (esc.to, esc.out_of_hours) if esc is not None else ()
        for to in filter(None, targets):
            other = target_key(to, t.journey.journey).split("/", 1)[0]
            out.setdefault(t.journey.journey, set()).add(other)
            out.setdefault(other, set()).add(t.journey.journey)
    return out


def _edit(action: Action, a: Assessment) -> tuple[Touchpoint, str] | None:
    """The touchpoint as the action's change leaves it, and the change in a few words; None
    where no edit of the journey settles it."""
    t, kind = action.at, action.kind
    tp = t.touchpoint
    if kind in BOT:
        in_fact = t.observation is not None and t.observation.in_fact
        if (in_fact and tp.handled_by not in AI_HANDLERS) or t.verdict == "guarded":
            return None  # the journey already says a person; the fix is in operations
        if tp.interaction != "conversation":
            return tp.model_copy(update={"decided_by": "human"}), "decided_by: human"
        handler = "human" if kind == "human-only" else "hybrid"
        return tp.model_copy(update={"handled_by": handler}), f"handled_by: {handler}"
    esc = tp.escalation
    if kind == "STK202" and esc is not None:
        edited = esc.model_copy(update={"keeps_context": True})
        return _escalated(tp, edited), "escalation: {keeps_context: true}"
    if kind == "STK205" and esc is not None:
        update = {"offer_after_turns": TURNS}
        edited = esc.model_copy(update=update)
        return _escalated(tp, edited), f"escalation: {{offer_after_turns: {TURNS}}}"
    if kind in ("STK201", "STK203", "STK204"):
        person = _person(t, a)
        if person is None:
            return None
        triggers = tuple(sorted(set(KNOWN_TRIGGERS) | set(esc.triggers if esc else ())))
        new = Escalation(to=person, triggers=triggers, keeps_context=True)
        said = f"escalation: {{to: {person}, keeps_context: true, triggers: [every one]}}"
        return _escalated(tp, new), said
    return None


def _escalated(tp: Touchpoint, esc: Escalation) -> Touchpoint:
    return tp.model_copy(update={"escalation": esc})


def _person(t: TouchpointAssessment, a: Assessment) -> str | None:
    """The people of the same journey a bot would hand over to: those it names if they are
    people, else the first touchpoint people handle, the one with the highest stakes."""
    esc = t.touchpoint.escalation
    if esc is not None:
        target = a.find(target_key(esc.to, t.journey.journey))
        if target is not None and target.touchpoint.handled_by in ("human", "hybrid"):
            return esc.to
    people = [
        x
        for x in a
        if x.journey.journey == t.journey.journey
        and x.touchpoint.handled_by == "human"
        and x.key != t.key
    ]
    if not people:
        return None
    return max(people, key=lambda x: x.result.score).touchpoint.id


def _with(journey: Journey, touchpoint: Touchpoint) -> Journey:
    """``journey`` with ``touchpoint`` in place of the one with its id."""
    stages = tuple(
        s.model_copy(
            update={
                "touchpoints": tuple(
                    touchpoint if tp.id == touchpoint.id else tp for tp in s.touchpoints
                )
            }
        )
        for s in journey.stages
    )
    return journey.model_copy(update={"stages": stages})
