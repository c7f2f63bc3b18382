"""What a journey rule sees: the assessment, the escalation gaps, and where things are written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from stakes.assessment.results import Assessment, TouchpointAssessment
from stakes.findings import Finding, Rule, Severity, finding, format_path
from stakes.journey.files import JourneyFile
from stakes.journey.model import Journey
from stakes.linter.escalation import Gap, escalation_gaps


@dataclass
class Context:
    """What a check sees: the assessment, the escalation gaps, and where things are written."""

    assessment: Assessment
    files: dict[str, JourneyFile]
    rule: Rule = field(default_factory=lambda: Rule("", "", Severity.INFO, ""))

    @cached_property
    def gaps(self) -> list[Gap]:
        """Every escalation gap of the portfolio (computed once for all checks)."""
        return escalation_gaps(self.assessment, self.assessment.policy)

    @cached_property
    def _indices(self) -> dict[int, tuple[int, int]]:
        out: dict[int, tuple[int, int]] = {}
        for t in self.assessment:
            if id(t.touchpoint) not in out:
                for i, stage in enumerate(t.journey.stages):
                    for j, tp in enumerate(stage.touchpoints):
                        out[id(tp)] = (i, j)
        return out

    def path(self, t: TouchpointAssessment, *rest: str) -> tuple[str | int, ...]:
        """The data path of ``t`` (and of ``rest`` inside it) in its file."""
        i, j = self._indices[id(t.touchpoint)]
        return ("stages", i, "touchpoints", j, *rest)

    def position(self, file: str, path: tuple[str | int, ...], key: bool) -> tuple[int, int]:
        """1-based line and column of ``path`` in ``file`` (0, 0 when unknown)."""
        jf = self.files.get(file)
        return jf.position(path, key) if jf is not None else (0, 0)

    def at(
        self, t: TouchpointAssessment, message: str, *rest: str, hint: str = "", key: bool = False
    ) -> Finding:
        """A finding of the current rule at ``t`` (or at ``rest`` inside it)."""
        path = self.path(t, *rest)
        line, col = self.position(t.file, path, key)
        return finding(
            self.rule, message, t.file, line, col, path=format_path(path), subject=t.key, hint=hint
        )

    def at_journey(self, journey: Journey, file: str, message: str, hint: str = "") -> Finding:
        """A finding of the current rule about a whole journey (at its ``journey`` key)."""
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
