"""The documents the assessment's renderers take: what the application hands them."""

from __future__ import annotations

from dataclasses import dataclass, field

from stakes.assessment.policy import Policy
from stakes.assessment.results import Assessment
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.linter.compliance import PackResult
from stakes.linter.data_use import DataUseRow
from stakes.linter.escalation import Gap


@dataclass(frozen=True)
class MapDocument:
    """The touchpoints ``stakes map`` shows (after ``--only`` and ``--sort``) and their
    assessment."""

    assessment: Assessment
    rows: list[TouchpointAssessment]
    by_journey: bool = True  # False: sorted across journeys (one table, a journey column)


@dataclass(frozen=True)
class Fix:
    """What one change at a touchpoint fixes, found by making it on a copy of the journey and
    running the checks again (stakes/app/fixes.py)."""

    #: The change, in a few words (``handled_by: human``).
    change: str
    #: The problems that went, by touchpoint key.
    fixed: tuple[tuple[str, tuple[str, ...]], ...]
    #: The other touchpoints every problem of which went.
    whole: tuple[str, ...] = ()

    @property
    def findings(self) -> int:
        return sum(len(problems) for _, problems in self.fixed)

    @property
    def journeys(self) -> int:
        return len({key.split("/", 1)[0] for key, _ in self.fixed})


@dataclass(frozen=True)
class ReportDocument:
    """The report: the assessment, its escalation gaps, the title, the ``stakes map``
    command that lists every touchpoint where a table is capped, and compliance by
    jurisdiction."""

    assessment: Assessment
    gaps: list[Gap] = field(default_factory=list)
    title: str = "Stakes report"
    command: str = "stakes map PATH..."
    #: Each jurisdiction's rule pack over the journeys that serve it.
    compliance: list[PackResult] = field(default_factory=list)
    #: The moments that use customer data automatically or declare how.
    data_use: list[DataUseRow] = field(default_factory=list)
    #: The inputs left out because they could not be read (``--skip-invalid``), each with why.
    skipped: tuple[str, ...] = ()
    #: What the change each of the first actions asks for fixes, by touchpoint key.
    fixes: dict[str, Fix] = field(default_factory=dict)


@dataclass(frozen=True)
class ExplainDocument:
    """The touchpoints to explain (one, or every one of a file) and the policy that assessed
    them."""

    touchpoints: tuple[TouchpointAssessment, ...]
    policy: Policy


@dataclass(frozen=True)
class DataUseDocument:
    """``stakes export data-use``: the moments that use customer data, with their findings."""

    rows: list[DataUseRow]
