"""The engine: journeys and a policy -> an assessment of every touchpoint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from stakes.assessment.policy import Policy, default_policy
from stakes.assessment.scoring import Score, Scorer, verdict_rank
from stakes.findings import Finding
from stakes.journey.files import Portfolio, load
from stakes.journey.model import AI_HANDLERS, Journey, Stage, Touchpoint

if TYPE_CHECKING:
    import pandas as pd

Alignment = Literal["aligned", "over-automated", "under-automated"]
OverrideStatus = Literal["applied", "expired", "unreviewed"]

#: How far an observed value may be from the declared one before the evidence contradicts it.
CONTRADICTS = {"repeat_contact_rate": 0.10, "prior_contacts": 1}


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
class Evidence:
    """Declared against observed looping signals at one touchpoint, from a contact log."""

    contacts: int
    declared: dict[str, float | int]
    observed: dict[str, float | int]

    @property
    def contradicted(self) -> tuple[str, ...]:
        """The signals whose observed value is far from the declared one."""
        return tuple(
            name
            for name, value in self.observed.items()
            if abs(value - self.declared[name]) >= CONTRADICTS[name] - 1e-9  # 0.3 - 0.2 < 0.1
        )


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
    evidence: Evidence | None = None  # with a contact log: declared vs observed signals

    @property
    def key(self) -> str:
        """``journey/touchpoint``."""
        return f"{self.journey.journey}/{self.touchpoint.id}"

    @property
    def computed_verdict(self) -> str:
        """The verdict before any override."""
        return self.result.verdict

    @property
    def short_reason(self) -> str:
        """The fired rules' ids, else the biggest factor's sentence: for narrow tables."""
        if self.result.rules:
            ids = [r.id for r in self.result.rules]
            return ("rule " if len(ids) == 1 else "rules ") + ", ".join(ids)
        top = self.result.top_factor
        return top.sentence if top.points else "nothing raises the stakes"

    @property
    def top_reason(self) -> str:
        """The first fired rule's sentence, else the biggest factor's, in plain words."""
        if self.result.rules:
            strongest = max(self.result.rules, key=lambda r: verdict_rank(r.at_least))
            return f"rule {strongest.id}: {strongest.sentence}"
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
        key = key.replace("#", "/")
        return next((t for t in self.touchpoints if t.key == key), None)

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


def alignment(handled_by: str, verdict: str, has_escalation: bool) -> Alignment:
    """Today's handling against the verdict (docs/assessment.md)."""
    rank = verdict_rank(verdict)
    if handled_by in AI_HANDLERS:
        if rank >= verdict_rank("assist") or (verdict == "guarded" and not has_escalation):
            return "over-automated"
        return "aligned"
    # Human or hybrid: people are involved, which is never over-automated.
    return "under-automated" if verdict == "automate" else "aligned"


def override_status(tp: Touchpoint, as_of: dt.date) -> OverrideStatus | None:
    """Whether the touchpoint's override is applied, expired or lacks its reason or approver."""
    o = tp.override
    if o is None:
        return None
    if o.expires is not None and o.expires < as_of:
        return "expired"
    if not o.reason or not o.approved_by:
        return "unreviewed"
    return "applied"


def assess_journeys(
    journeys: Iterable[tuple[Journey, str]],
    policy: Policy | None = None,
    *,
    as_of: dt.date | None = None,
    observe: Callable[[str], Observed | None] | None = None,
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
            seen = observe(f"{journey.journey}/{tp.id}") if observe else None
            signals, evidence = tp.signals, None
            if seen is not None and seen.updates():
                updates = seen.updates()
                declared = {name: getattr(signals, name) for name in updates}
                evidence = Evidence(seen.contacts, declared, updates)
                signals = signals.model_copy(update=updates)
            result = scorer.score(signals, journey.currency)
            status = override_status(tp, day)
            verdict = tp.override.verdict if status == "applied" and tp.override else result.verdict
            out.append(
                TouchpointAssessment(
                    journey,
                    stage,
                    tp,
                    file,
                    result,
                    verdict,
                    status,
                    alignment(tp.handled_by, verdict, tp.escalation is not None),
                    evidence,
                )
            )
    return Assessment(out, policy, as_of=day)


def assess(
    source: str | Iterable[str] | Journey | Iterable[Journey] | Portfolio,
    policy: Policy | str | None = None,
    *,
    as_of: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    observe: Callable[[str], Observed | None] | None = None,
) -> Assessment:
    """Assess journeys given as paths (files, folders), Journey objects, or a loaded Portfolio.

    ``policy`` is a Policy, the path of a policy file, or None for the default policy.
    Files that do not load are left out; their findings are in ``Assessment.findings``.
    """
    from stakes.assessment.policy import load_policy

    chosen = policy if isinstance(policy, Policy) else load_policy(policy)
    if isinstance(source, Journey):
        source = [source]
    if not isinstance(source, Portfolio):
        items = list(source) if not isinstance(source, str) else [source]
        if items and all(isinstance(i, Journey) for i in items):
            pairs = [(j, f"<{j.journey}>") for j in items if isinstance(j, Journey)]
            return assess_journeys(pairs, chosen, as_of=as_of, observe=observe)
        source = load([str(i) for i in items], emotions=tuple(chosen.emotions), progress=progress)
    pairs = [(f.journey, f.file) for f in source.files if f.journey is not None]
    assessment = assess_journeys(pairs, chosen, as_of=as_of, observe=observe)
    assessment.findings = list(source.findings)
    assessment.errors = list(source.errors)
    assessment.inputs = [(f.file, f.digest) for f in source.files]
    return assessment
