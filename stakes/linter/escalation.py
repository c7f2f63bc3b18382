"""What the escalation rules (STK201-STK205) share: a gap in the escalation design, and where
an escalation leads. Each rule finds its own gaps; the report lists them by rule."""

from __future__ import annotations

from dataclasses import dataclass

from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.journey.keys import target_key
from stakes.journey.values import AI_HANDLERS


@dataclass(frozen=True, slots=True)
class Gap:
    """One escalation problem at one touchpoint, found by the rule ``code``; ``heading`` says
    what such gaps are, and ``path`` holds the keys of a cycle."""

    code: str
    heading: str
    at: TouchpointAssessment
    detail: str = ""
    path: tuple[str, ...] = ()
    target: str = ""


def is_bot(t: TouchpointAssessment) -> bool:
    """Whether AI or self-service handles the touchpoint today."""
    return t.touchpoint.handled_by in AI_HANDLERS


def leads_to(t: TouchpointAssessment, assessment: Assessment) -> TouchpointAssessment | None:
    """The touchpoint ``t`` escalates to, when it is among those assessed."""
    esc = t.touchpoint.escalation
    if esc is None:
        return None
    return assessment.find(target_key(esc.to, t.journey.journey))


UNVERIFIED = "escalations into journeys this report does not include: not verified"
UNVERIFIED_CODE = "STK019"


def unverified(assessment: Assessment) -> list[Gap]:
    """Escalations into another journey that was not assessed (STK019 in lint): nobody knows
    whether the person they promise exists, so they are not counted as a way to one."""
    out = []
    for t in assessment:
        esc = t.touchpoint.escalation
        if esc is not None and leads_to(t, assessment) is None:
            out.append(Gap(UNVERIFIED_CODE, UNVERIFIED, t, target=esc.to))
    return out
