"""One touchpoint's assessment as plain data, the headline counts, and the contact log's
contradictions in words: what several ``stakes map`` formats and the report share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import Observation, TouchpointAssessment


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
        "evidence": None if t.observation is None else _observation(t.observation),
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


def _observation(e: Observation) -> dict[str, Any]:
    """What the log observed: declared and observed signals, the observed rates' 95% intervals,
    who handled the contacts, and what that contradicts."""
    h = e.handling
    return {
        "contacts": e.contacts,
        "declared": e.declared,
        "observed": e.observed,
        "intervals": {
            k: [round(v[0], 4), round(v[1], 4)] if v else None for k, v in e.intervals.items()
        },
        "contradicted": list(e.contradicted),
        "handling": None
        if h is None
        else {
            "labelled": h.labelled,
            "automated": h.automated,
            "people": h.people,
            "passed_on": getattr(h, "passed_on", 0),
            "automated_interval": [round(x, 4) for x in h.automated_interval or ()] or None,
        },
        "over_automated_in_fact": e.in_fact is not None,
        "sentences": e.sentences(),
    }


def contradictions(rows: Sequence[TouchpointAssessment], handling: bool = True) -> list[str]:
    """One sentence per signal that a contact log contradicts, for the people reading a map;
    then, with ``handling``, what it shows of who handled the contacts."""
    out = []
    for t in rows:
        e = t.observation
        if e is None:
            continue
        out += [f"{t.key}: {said}" for said in e.contradictions(f", over {e.contacts:,} contacts")]
        if handling:
            out += [f"{t.key}: {said}" for said in (e.in_fact, e.handled_otherwise) if said]
    return out
