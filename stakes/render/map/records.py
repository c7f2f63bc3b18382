"""One touchpoint's assessment as plain data, the headline counts, and the contact log's
contradictions in words: what several ``stakes map`` formats and the report share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment


def touchpoint_record(t: TouchpointAssessment) -> dict[str, Any]:
    """One touchpoint's assessment as plain JSON data."""
    r = t.result
    o = t.touchpoint.override
    return {
        "journey": t.journey.journey,
        "stage": t.stage.id,
        "touchpoint": t.touchpoint.id,
        "title": t.touchpoint.title,
        "channel": t.touchpoint.channel,
        "handled_by": t.touchpoint.handled_by,
        "interaction": t.touchpoint.interaction,
        "decided_by": t.touchpoint.decider,
        "file": t.file,
        "stakes": {"score": r.score, "level": r.level},
        "complexity": r.complexity,
        "borderline": r.borderline,
        "matrix_verdict": r.matrix_verdict,
        "computed_verdict": r.verdict,
        "verdict": t.verdict,
        "override": None
        if o is None
        else {
            "status": t.override,
            "verdict": o.verdict,
            "reason": o.reason,
            "approved_by": o.approved_by,
            "expires": o.expires.isoformat() if o.expires else None,
            "ticket": o.ticket,
        },
        "alignment": t.alignment,
        "state": t.state,
        "unsaid": list(t.unsaid),
        "evidence": None
        if t.observation is None
        else {
            "contacts": t.observation.contacts,
            "declared": t.observation.declared,
            "observed": t.observation.observed,
            "contradicted": list(t.observation.contradicted),
        },
        "reasons": {
            "factors": [
                {"name": f.name, "points": f.points, "weight": f.weight, "sentence": f.sentence}
                for f in r.factors
            ],
            "rules": [
                {"id": x.id, "at_least": x.at_least, "sentence": x.sentence, "source": x.source}
                for x in r.hard_rules
            ],
        },
    }


def summary(assessment: Assessment, rows: Sequence[TouchpointAssessment]) -> dict[str, int]:
    """Headline counts over ``rows``."""
    return {
        "touchpoints": len(rows),
        "never_automate": sum(t.verdict == "human-only" for t in rows),
        "over_automated": sum(t.alignment == "over-automated" for t in rows),
        "under_automated": sum(t.alignment == "under-automated" for t in rows),
        "unassessed": sum(t.state == "unassessed" for t in rows),
        "journeys": len({t.journey.journey for t in rows}),
    }


def contradictions(rows: Sequence[TouchpointAssessment]) -> list[str]:
    """One sentence per signal that a contact log contradicts, for the people reading a map."""
    return [
        f"{t.key}: {said}, over {t.observation.contacts:,} contacts"
        for t in rows
        if t.observation is not None
        for said in t.observation.sentences()
    ]
