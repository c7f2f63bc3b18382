"""Pure scoring: a touchpoint's signals and the policy -> score, level, verdict and reasons.

The formula (docs/scoring.md): every factor contributes ``weight x scale(signal)`` points,
rounded half up to a whole point; the score is the sum of the points (weights add up to 100,
so the score is 0-100 and the reasons add up to it exactly). The level is the highest
threshold the score reaches. The verdict is the matrix cell for (level, complexity), where
needing authority makes a touchpoint one step more complex, raised by every hard rule whose
conditions hold. Each step only ever rises with a risk signal, so scoring is monotone.

The factors and conditions are read from the signal declarations (stakes.journey.signals):
each kind of signal is compiled once per policy into a function of the signals.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from stakes.assessment.policy import COMPLEXITIES, LEVELS, VERDICTS, HardRule, Policy
from stakes.journey.signal_kinds import (
    Axis,
    Categories,
    Flag,
    Intensity,
    Money,
    RaisesComplexity,
    Ramp,
    Scale,
    SignalSpec,
)
from stakes.journey.signals import Signals, by_factor, by_name, factors, signals

#: The factors of the score, in policy order (the ``points_<factor>`` columns of a DataFrame).
FACTOR_ORDER: tuple[str, ...] = tuple(s.factor for s in factors())
_VERDICT_RANK: dict[str, int] = {v: i for i, v in enumerate(VERDICTS)}
_COMPLEXITY_RANK: dict[str, int] = {c: i for i, c in enumerate(COMPLEXITIES)}
_LEVEL_RANK: dict[str, int] = {lv: i for i, lv in enumerate(LEVELS)}


@dataclass(frozen=True, slots=True)
class FactorPoints:
    """One factor's contribution: its points out of its weight, and the signal behind it."""

    name: str
    points: int
    weight: int
    value: Any

    @property
    def sentence(self) -> str:
        """The contribution in plain words."""
        return _sentence(self.name, self.value)


@dataclass(frozen=True, slots=True)
class FiredHardRule:
    """A hard rule whose conditions held, and the verdict it demands at least."""

    id: str
    at_least: str
    sentence: str
    source: str


@dataclass(frozen=True, slots=True)
class Score:
    """The assessment of one set of signals under one policy."""

    score: int
    level: str
    complexity: str
    matrix_verdict: str
    verdict: str
    factors: tuple[FactorPoints, ...]
    hard_rules: tuple[FiredHardRule, ...]

    @property
    def top_factor(self) -> FactorPoints:
        """The factor with the most points (the first such, in policy order)."""
        return max(self.factors, key=lambda f: f.points)


@dataclass(frozen=True, slots=True)
class _Seen:
    """What a hard rule's condition may look at besides the signals."""

    signals: Signals
    rate: float  # one unit of the journey's currency in the policy currency
    score: int
    level: str
    complexity: str  # effective: one step up when resolving needs authority


#: A factor compiled for one policy: (signals, currency rate, currency name) -> its points.
_Factor = Callable[[Signals, float, str], FactorPoints]
_Test = Callable[[_Seen], bool]


def verdict_rank(verdict: str) -> int:
    """Position of a verdict from ``automate`` (0) to ``human-only`` (3)."""
    return _VERDICT_RANK[verdict]


class Scorer:
    """A policy compiled for scoring many touchpoints fast."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.factors = tuple(self._factor(s) for s in factors())
        (self.axis,) = [s.name for s in signals() if isinstance(s.kind, Axis)]
        self.raisers = tuple(s.name for s in signals() if isinstance(s.kind, RaisesComplexity))
        self.hard_rules = tuple(r for r in policy.hard_rules if r.enabled)
        self.tests = tuple(self._condition(rule) for rule in self.hard_rules)
        self.thresholds = (
            (policy.levels.critical, "critical"),
            (policy.levels.high, "high"),
            (policy.levels.moderate, "moderate"),
        )

    def rate(self, currency: str | None) -> float:
        """How much one unit of ``currency`` is worth in the policy currency (1 when unknown)."""
        if currency is None:
            return 1.0
        return self.policy.currency_rates.get(currency, 1.0)

    def score(self, signals: Signals, currency: str | None = None) -> Score:
        """Score, level, complexity, verdict and reasons for one touchpoint's signals."""
        rate = self.rate(currency)
        points = tuple(f(signals, rate, currency or self.policy.currency) for f in self.factors)
        total = sum(p.points for p in points)
        level = next((name for at, name in self.thresholds if total >= at), "low")
        complexity = getattr(signals, self.axis)
        raised = any(getattr(signals, name) for name in self.raisers)
        if raised and self.policy.needs_authority_raises_complexity:
            complexity = COMPLEXITIES[min(_COMPLEXITY_RANK[complexity] + 1, len(COMPLEXITIES) - 1)]
        matrix_verdict = self.policy.matrix[level][complexity]  # type: ignore[index]
        verdict = matrix_verdict
        seen = _Seen(signals, rate, total, level, complexity)
        fired = []
        for rule, test in zip(self.hard_rules, self.tests, strict=True):
            if test(seen):
                fired.append(FiredHardRule(rule.id, rule.at_least, rule.sentence, rule.source))
                if _VERDICT_RANK[rule.at_least] > _VERDICT_RANK[verdict]:
                    verdict = rule.at_least
        return Score(total, level, complexity, matrix_verdict, verdict, points, tuple(fired))

    def hard_rule(self, rule_id: str) -> HardRule | None:
        """The enabled hard rule with this id."""
        return next((r for r in self.hard_rules if r.id == rule_id), None)

    def _factor(self, spec: SignalSpec) -> _Factor:
        """The factor of ``spec`` under this policy, as a function of the signals."""
        name, factor, kind = spec.name, spec.factor, spec.kind
        config = getattr(self.policy.factors, factor)
        weight: int = config.weight

        def points(scale: float, value: Any) -> FactorPoints:
            return FactorPoints(factor, math.floor(weight * scale + 0.5), weight, value)

        if isinstance(kind, Intensity):
            intensity = dict(self.policy.emotions)
            return lambda s, rate, cur: points(
                intensity.get(getattr(s, name), 0.0), getattr(s, name)
            )
        if isinstance(kind, Money):
            step, norm = config.step, math.log1p(config.full_at / config.step)

            def money(s: Signals, rate: float, currency: str) -> FactorPoints:
                amount = getattr(s, name)
                scale = min(1.0, math.log1p(amount * rate / step) / norm)
                return points(scale, (amount, currency))

            return money
        if isinstance(kind, Flag):
            raises = kind.raises_when
            return lambda s, rate, cur: points(
                1.0 if getattr(s, name) is raises else 0.0, getattr(s, name)
            )
        if isinstance(kind, Categories):
            scales = config.scale
            return lambda s, rate, cur: points(
                max((scales[c] for c in getattr(s, name)), default=0.0), getattr(s, name)
            )
        if isinstance(kind, Scale):
            scales = config.scale
            return lambda s, rate, cur: points(scales[getattr(s, name)], getattr(s, name))
        if isinstance(kind, Ramp):
            full = config.full_at
            return lambda s, rate, cur: points(min(1.0, getattr(s, name) / full), getattr(s, name))
        raise TypeError(f"{name}: a {type(kind).__name__} signal is not a factor")

    def _condition(self, rule: HardRule) -> _Test:
        """Whether every threshold of ``rule`` is reached (each "at least")."""
        tests = [self._threshold(name, wanted) for name, wanted in rule.when if wanted is not None]
        return lambda seen: all(test(seen) for test in tests)

    def _threshold(self, name: str, wanted: Any) -> _Test:
        """One "at least" test of a hard rule's condition."""
        if name == "score":
            return lambda seen: seen.score >= wanted
        if name == "level":
            return lambda seen: _LEVEL_RANK[seen.level] >= _LEVEL_RANK[wanted]
        spec = by_factor().get(name) or by_name()[name]
        field, kind = spec.name, spec.kind
        if isinstance(kind, Intensity):
            rank = {e: i for i, e in enumerate(self.policy.emotions)}
            least = rank[wanted]
            return lambda seen: rank.get(getattr(seen.signals, field), -1) >= least
        if isinstance(kind, Axis):
            return lambda seen: _COMPLEXITY_RANK[seen.complexity] >= _COMPLEXITY_RANK[wanted]
        if isinstance(kind, Scale):
            order = {v: i for i, v in enumerate(kind.values)}
            return lambda seen: order[getattr(seen.signals, field)] >= order[wanted]
        if isinstance(kind, Categories):
            wanted_set = set(wanted)
            return lambda seen: bool(wanted_set & set(getattr(seen.signals, field)))
        if isinstance(kind, Flag):
            raises = kind.raises_when
            return lambda seen: getattr(seen.signals, field) is raises
        if isinstance(kind, RaisesComplexity):
            return lambda seen: bool(getattr(seen.signals, field))
        if isinstance(kind, Money):
            return lambda seen: getattr(seen.signals, field) * seen.rate >= wanted
        return lambda seen: getattr(seen.signals, field) >= wanted  # Ramp: a number


@lru_cache(maxsize=4096)
def _sentence(factor: str, value: Any) -> str:
    # Few distinct values recur across thousands of touchpoints: say each once.
    return by_factor()[factor].say(value)
