"""What a journey rule sees: the assessment, and where things are written in each file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Finding, Rule, finding, format_path
from stakes.journey.files import JourneyFile
from stakes.journey.model import Journey


@dataclass
class Context:
    """One rule's view of a lint run: the assessment, the files read, and where it reports."""

    assessment: Assessment
    files: dict[str, JourneyFile]
    rule: Rule
    reports_at: tuple[str, ...] = ()
    #: Each touchpoint's stage and place, filled on first use (shared by the rules of a run).
    indices: dict[int, tuple[int, int]] = field(default_factory=dict, repr=False)
    #: What the rules of a run work out once and share (the compliance outcomes).
    shared: dict[str, Any] = field(default_factory=dict, repr=False)

    def path(self, t: TouchpointAssessment, *rest: str) -> tuple[str | int, ...]:
        """The data path of ``t`` (and of ``rest`` inside it) in its file."""
        if not self.indices:
            journeys = {id(a.journey): a.journey for a in self.assessment}
            for journey in journeys.values():
                for i, stage in enumerate(journey.stages):
                    for j, tp in enumerate(stage.touchpoints):
                        self.indices.setdefault(id(tp), (i, j))
        i, j = self.indices[id(t.touchpoint)]
        return ("stages", i, "touchpoints", j, *rest)

    def position(self, file: str, path: tuple[str | int, ...], key: bool) -> tuple[int, int]:
        """1-based line and column of ``path`` in ``file`` (0, 0 when unknown)."""
        jf = self.files.get(file)
        return jf.position(path, key) if jf is not None else (0, 0)

    def at(self, t: TouchpointAssessment, message: str, *rest: str, hint: str = "") -> Finding:
        """A finding of the rule at ``t``'s value at ``rest`` (a place the rule declares)."""
        place = ".".join(rest)
        if place not in self.reports_at:
            raise AssertionError(f"{self.rule.code} reports at {place!r}: add it to REPORTS_AT")
        path = self.path(t, *rest)
        line, col = self.position(t.file, path, False)
        return finding(
            self.rule, message, t.file, line, col, path=format_path(path), subject=t.key, hint=hint
        )

    def at_journey(self, journey: Journey, file: str, message: str, hint: str = "") -> Finding:
        """A finding of the rule about a whole journey (at its ``journey`` key)."""
        line, col = self.position(file, ("journey",), True)
        return finding(
            self.rule, message, file, line, col, path="journey", subject=journey.journey, hint=hint
        )

    def journeys(self) -> Iterator[tuple[Journey, str]]:
        """Each assessed journey once, with its file."""
        seen: set[str] = set()
        for t in self.assessment:
            if t.journey.journey not in seen:
                seen.add(t.journey.journey)
                yield t.journey, t.file
