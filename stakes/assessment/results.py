"""What an assessment is: every touchpoint's stakes, verdict, reasons and alignment, and what a
contact log observed of its signals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from stakes.assessment.policy import Policy
from stakes.assessment.scoring import Score, verdict_rank
from stakes.findings import Finding
from stakes.journey.keys import normal_key, touchpoint_key
from stakes.journey.model import Journey, Stage, Touchpoint
from stakes.journey.signals import by_name

if TYPE_CHECKING:
    import pandas as pd

Alignment = Literal["aligned", "over-automated", "under-automated"]
OverrideStatus = Literal["applied", "expired", "unreviewed"]


class Observed(Protocol):
    """What a contact log measured at a touchpoint (``stakes.evidence.ObservedSignals``)."""

    @property
    def contacts(self) -> int:
        """How many contacts the log has at the touchpoint."""
        ...

    def updates(self) -> dict[str, float | int]:
        """The measured values, as ``Signals`` fields."""
        ...


@dataclass(frozen=True, slots=True)
class Observation:
    """What a contact log observed of a touchpoint's signals, against what its journey declares
    (the observable signals of stakes.journey.signals)."""

    contacts: int
    declared: dict[str, float | int]
    observed: dict[str, float | int]

    @property
    def contradicted(self) -> tuple[str, ...]:
        """The signals whose observed value is as far from the declared one as the signal's
        tolerance, or farther."""
        return tuple(
            name
            for name, value in self.observed.items()
            if abs(value - self.declared[name]) >= _tolerance(name) - 1e-9  # 0.3 - 0.2 < 0.1
        )

    def sentences(self) -> list[str]:
        """Each contradiction in words: what was observed, and what was declared."""
        out = []
        for name in self.contradicted:
            observable = by_name()[name].signal.observable
            assert observable is not None
            out.append(observable.say(self.observed[name], self.declared[name]))
        return out


def _tolerance(name: str) -> float:
    observable = by_name()[name].signal.observable
    if observable is None:
        raise ValueError(f"a contact log cannot observe {name}")
    return observable.tolerance


@dataclass(frozen=True, slots=True)
class TouchpointAssessment:
    """One touchpoint's stakes, verdict, reasons and alignment with how it is handled today."""

    journey: Journey
    stage: Stage
    touchpoint: Touchpoint
    file: str
    result: Score
    verdict: str
    override: OverrideStatus | None
    alignment: Alignment
    observation: Observation | None = None  # with a contact log: declared vs observed

    @property
    def key(self) -> str:
        """``journey/touchpoint``."""
        return touchpoint_key(self.journey.journey, self.touchpoint.id)

    @property
    def computed_verdict(self) -> str:
        """The verdict before any override."""
        return self.result.verdict

    @property
    def short_reason(self) -> str:
        """The fired rules' ids, else the biggest factor's sentence: for narrow tables."""
        if self.result.hard_rules:
            ids = [r.id for r in self.result.hard_rules]
            return ("hard rule " if len(ids) == 1 else "hard rules ") + ", ".join(ids)
        top = self.result.top_factor
        return top.sentence if top.points else "nothing raises the stakes"

    @property
    def top_reason(self) -> str:
        """The first fired rule's sentence, else the biggest factor's, in plain words."""
        if self.result.hard_rules:
            strongest = max(self.result.hard_rules, key=lambda r: verdict_rank(r.at_least))
            return f"hard rule {strongest.id}: {strongest.sentence}"
        top = self.result.top_factor
        return top.sentence if top.points else "nothing raises the stakes"


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
        return [t for t in self.touchpoints if t.alignment != "aligned"]

    def to_frame(self) -> pd.DataFrame:
        """One row per touchpoint; the columns are documented in docs/api.md."""
        from stakes.assessment.pandas_export import assessment_frame

        return assessment_frame(self)
