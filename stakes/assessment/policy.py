"""The policy (rubric) as data: its model. The factors and the conditions of hard rules are
built from the signal declarations (stakes.assessment.factors); the rule packs of the places
customers are in are stakes.assessment.packs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Annotated

from pydantic import Field

from stakes.assessment.factors import (
    Condition,
    Factors,
    HardRuleId,
    Level,
    PolicyPart,
    Positive,
    Unit,
)
from stakes.assessment.packs import JurisdictionId, Pack
from stakes.findings import Finding
from stakes.journey.model import Text
from stakes.journey.signals import Complexity
from stakes.journey.values import Verdict


class Levels(PolicyPart):
    """The score at which each level starts; below ``moderate`` the stakes are low."""

    moderate: Annotated[int, Field(ge=1, le=100)]
    high: Annotated[int, Field(ge=1, le=100)]
    critical: Annotated[int, Field(ge=1, le=100)]


class HardRule(PolicyPart):
    """A rule that raises the verdict to at least ``at_least`` when its condition holds."""

    id: HardRuleId
    when: Condition
    at_least: Verdict
    sentence: Text
    source: Text
    enabled: bool = True


class LoopProne(PolicyPart):
    """When a touchpoint counts as loop-prone: customers reach it after earlier contacts, or
    come back to it; such a moment needs a human offered after a set number of bot turns."""

    prior_contacts: Annotated[int, Field(ge=0)] = 2
    repeat_contact_rate: Unit = 0.3


class Policy(PolicyPart):
    """The whole rubric: emotions, factor weights, levels, the verdict matrix and hard rules."""

    policy: Text
    version: Text
    description: str | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    currency_rates: dict[str, Positive] = Field(default_factory=dict)
    emotions: dict[str, Unit]
    factors: Factors
    levels: Levels
    needs_authority_raises_complexity: bool = True
    #: The most a notification or a view that announces no decision asks for.
    notice_ceiling: Verdict = "guarded"
    #: A verdict that would change if the score moved this many points is borderline.
    borderline_margin: Annotated[int, Field(ge=0, le=20)] = 2
    #: With a contact log: the share of a moment's contacts that bots may handle, beyond the
    #: log's uncertainty, before an assist or human-only moment is over-automated in fact.
    observed_handling_share: Annotated[float, Field(gt=0, le=1)] = 0.10
    matrix: dict[Level, dict[Complexity, Verdict]]
    #: The hard rules, in order (``rules:`` in a policy file).
    hard_rules: Annotated[tuple[HardRule, ...], Field(alias="rules")] = ()
    loop_prone: LoopProne = LoopProne()
    #: The rule packs of the places customers are in, by jurisdiction (docs/compliance.md).
    packs: dict[JurisdictionId, Pack] = Field(default_factory=dict)

    def digest(self) -> str:
        """A short fingerprint of the policy's content (the first 12 hex digits of SHA-256)."""
        data = self.model_dump(mode="json", by_alias=True)
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:12]


class PolicyError(Exception):
    """A policy that cannot be used; ``findings`` say where and why."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        super().__init__("; ".join(f"{f.location}: {f.message}" for f in self.findings))
