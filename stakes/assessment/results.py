"""An assessment: every touchpoint's assessment, the policy used, and what was met on the way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stakes.assessment.policy import Policy
from stakes.assessment.touchpoints import TouchpointAssessment
from stakes.findings import Finding
from stakes.journey.keys import normal_key

if TYPE_CHECKING:
    import pandas as pd


@dataclass(slots=True)
class Assessment:
    """Every touchpoint's assessment, the policy used, and the findings met on the way."""

    touchpoints: list[TouchpointAssessment]
    policy: Policy
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    as_of: dt.date = field(default_factory=dt.date.today)
    #: ``(file, SHA-256 of its bytes)`` of every input read, in the order read.
    inputs: list[tuple[str, str]] = field(default_factory=list)
    #: The jurisdictions of journeys that name none (``jurisdictions`` in [tool.stakes]).
    jurisdictions: tuple[str, ...] = ()
    #: The processors the team approved (``processors`` in [tool.stakes]; None: not set).
    processors: tuple[str, ...] | None = None
    #: The measured contact log (``stakes.evidence.Evidence``) when the signals came from one.
    log: Any = None
    #: ``find``'s index, built on first use (again when the number of touchpoints changes).
    _by_key: dict[str, TouchpointAssessment] = field(default_factory=dict, repr=False)

    def fingerprint(self) -> str:
        """A short digest of every input's name and content, for reproducing a result."""
        import hashlib

        h = hashlib.sha256()
        for name, digest in sorted(self.inputs):
            h.update(f"{name}\0{digest}\n".encode())
        return h.hexdigest()[:12]

    def __iter__(self) -> Iterator[TouchpointAssessment]:
        return iter(self.touchpoints)

    def __len__(self) -> int:
        return len(self.touchpoints)

    def find(self, key: str) -> TouchpointAssessment | None:
        """The assessment of ``journey/touchpoint`` or ``journey#touchpoint``."""
        if len(self._by_key) != len(self.touchpoints):
            self._by_key = {t.key: t for t in reversed(self.touchpoints)}
        return self._by_key.get(normal_key(key))

    def never_automate(self) -> list[TouchpointAssessment]:
        """The touchpoints whose verdict is ``human-only``."""
        return [t for t in self.touchpoints if t.verdict == "human-only"]

    def misaligned(self) -> list[TouchpointAssessment]:
        """The touchpoints handled today against their verdict, either way."""
        return [t for t in self.touchpoints if t.alignment in ("over-automated", "under-automated")]

    def unassessed(self) -> list[TouchpointAssessment]:
        """The touchpoints whose journey does not say what is at stake (their ``unsaid``)."""
        return [t for t in self.touchpoints if t.unsaid]

    def to_frame(self) -> pd.DataFrame:
        """One row per touchpoint; the columns are documented in docs/api.md."""
        from stakes.assessment.pandas_export import assessment_frame

        return assessment_frame(self.touchpoints)
