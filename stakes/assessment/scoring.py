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
from operator import attrgetter
from typing import Any

from stakes.assessment.conditions import condition
from stakes.assessment.factors import COMPLEXITIES, VERDICTS
from stakes.assessment.policy import HardRule, Policy
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
from stakes.journey.signals import Signals, by_factor, factors, signals

#: The factors of the score, in policy order (the ``points_<factor>`` columns of a DataFrame).
FACTOR_ORDER: tuple[str, ...] = tuple(s.factor for s in factors())
_VERDICT_RANK: dict[str, int] = {v: i for i, v in enumerate(VERDICTS)}
_COMPLEXITY_RANK: dict[str, int] = {c: i for i, c in enumerate(COMPLEXITIES)}


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
    #: The complexity made the difference: one step less complex, the matrix is softer.
    complexity_decides: bool = False
    #: Why the verdict was held below what the stakes give ("" when it was not): a notice or
    #: a page that announces no decision holds no conversation.
    capped: str = ""
    #: The rubric, not the moment, decides it: the score is within the policy's margin of a
    #: level threshold, or one factor's weight moved by a fifth would change the verdict.
    borderline: bool = False

    @property
    def deciding_rule(self) -> FiredHardRule | None:
        """The hard rule that sets the verdict: the first to demand exactly it (a rule holds
        whatever the score, so it is named even when the matrix gives the same verdict); None
        when the matrix set it, or when the verdict was capped."""
        if self.capped:
            return None
        return next((r for r in self.hard_rules if r.at_least == self.verdict), None)

    @property
    def top_factor(self) -> FactorPoints:
        """The factor with the most points (the first such, in policy order)."""
        return max(self.factors, key=lambda f: f.points)


@dataclass(slots=True)  # built once per touchpoint: a frozen one costs more
class Seen:
    """What a hard rule's condition (or a rule pack's) may look at besides the signals."""

    signals: Signals
    rate: float  # one unit of the journey's currency in the policy currency
    score: int
    level: str
    complexity: str  # effective: one step up when resolving needs authority


#: A factor's scale compiled for one policy: (signals, currency rate, currency name) -> its
#: scale from 0 to 1 and the value it reports.
_Scale = Callable[[Signals, float, str], tuple[float, Any]]


#: How far one factor's weight may move before a verdict that changes counts as borderline.
BORDERLINE_SWING = 0.2


def currency_rate(policy: Policy, currency: str | None) -> float:
    """How much one unit of ``currency`` is worth in ``policy``'s currency (1 when unknown)."""
    return 1.0 if currency is None else policy.currency_rates.get(currency, 1.0)


def verdict_rank(verdict: str) -> int:
    """Position of a verdict from ``automate`` (0) to ``human-only`` (3)."""
    return _VERDICT_RANK[verdict]


class Scorer:
    """A policy compiled for scoring many touchpoints fast."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.factors = tuple(
            (s.factor, getattr(policy.factors, s.factor).weight, self._scale(s)) for s in factors()
        )
        (self.axis,) = [s.name for s in signals() if isinstance(s.kind, Axis)]
        self.raisers = tuple(s.name for s in signals() if isinstance(s.kind, RaisesComplexity))
        self.hard_rules = tuple(r for r in policy.hard_rules if r.enabled)
        self.tests = tuple(condition(rule, tuple(policy.emotions)) for rule in self.hard_rules)
        #: Whether the complexity made the difference in each matrix cell: one step less
        #: complex, the cell is softer.
        self.complexity_decides: dict[tuple[str, str], bool] = {
            (level, cx): step > 0
            and _VERDICT_RANK[row[COMPLEXITIES[step - 1]]] < _VERDICT_RANK[row[cx]]
            for level, row in policy.matrix.items()
            for step, cx in enumerate(COMPLEXITIES)
        }
        #: Whether a hard rule tests the score itself (then any change of it may matter).
        self.score_rules = any(getattr(r.when, "score", None) is not None for r in self.hard_rules)
        self.margin = policy.borderline_margin
        self.thresholds = (
            (policy.levels.critical, "critical"),
            (policy.levels.high, "high"),
            (policy.levels.moderate, "moderate"),
        )

    def rate(self, currency: str | None) -> float:
        """How much one unit of ``currency`` is worth in the policy currency (1 when unknown)."""
        return currency_rate(self.policy, currency)

    def score(self, signals: Signals, currency: str | None = None) -> Score:
        """Score, level, complexity, verdict and reasons for one touchpoint's signals."""
        rate = self.rate(currency)
        cur = currency or self.policy.currency
        points = []
        total = 0
        most = 0  # the biggest factor's points: a fifth of them is the most one weight moves
        for factor, weight, scale_of in self.factors:
            scale, value = scale_of(signals, rate, cur)
            earned = math.floor(weight * scale + 0.5)
            points.append(FactorPoints(factor, earned, weight, value))
            total += earned
            if earned > most:
                most = earned
        swing = math.floor(BORDERLINE_SWING * most + 0.5)
        level = next((name for at, name in self.thresholds if total >= at), "low")
        complexity = getattr(signals, self.axis)
        raised = any(getattr(signals, name) for name in self.raisers)
        if raised and self.policy.needs_authority_raises_complexity:
            complexity = COMPLEXITIES[min(_COMPLEXITY_RANK[complexity] + 1, len(COMPLEXITIES) - 1)]
        matrix_verdict = self.policy.matrix[level][complexity]  # type: ignore[index]
        verdict = matrix_verdict
        seen = Seen(signals, rate, total, level, complexity)
        fired = []
        for rule, test in zip(self.hard_rules, self.tests, strict=True):
            if test(seen):
                fired.append(FiredHardRule(rule.id, rule.at_least, rule.sentence, rule.source))
                if _VERDICT_RANK[rule.at_least] > _VERDICT_RANK[verdict]:
                    verdict = rule.at_least
        decides = self.complexity_decides[level, complexity]
        near = self._borderline(seen, verdict, swing)
        return Score(
            total,
            level,
            complexity,
            matrix_verdict,
            verdict,
            tuple(points),
            tuple(fired),
            decides,
            borderline=near,
        )

    def _borderline(self, seen: Seen, verdict: str, swing: int) -> bool:
        """Whether the verdict would change if the score moved by the policy's margin, or by
        what one factor's weight moved by a fifth either way would give (the rubric, not the
        moment, decides it). The verdict is monotone in the score, so the two extreme totals
        are enough; a verdict a hard rule holds whatever the score is never borderline."""
        total = seen.score
        reach = max(swing, self.margin)
        low, high = total - reach, total + reach
        for at, _ in self.thresholds:  # the common case: no level boundary within reach
            if low < at <= high:
                break
        else:
            if not self.score_rules:
                return False
        for moved in (low, high):
            level = next((name for at, name in self.thresholds if moved >= at), "low")
            if level == seen.level and not self.score_rules:
                continue
            other = Seen(seen.signals, seen.rate, moved, level, seen.complexity)
            found = self.policy.matrix[level][seen.complexity]  # type: ignore[index]
            for rule, test in zip(self.hard_rules, self.tests, strict=True):
                if _VERDICT_RANK[rule.at_least] > _VERDICT_RANK[found] and test(other):
                    found = rule.at_least
            if found != verdict:
                return True
        return False

    def hard_rule(self, rule_id: str) -> HardRule | None:
        """The enabled hard rule with this id."""
        return next((r for r in self.hard_rules if r.id == rule_id), None)

    def _scale(self, spec: SignalSpec) -> _Scale:
        """How far the factor of ``spec`` goes under this policy (0 to 1), and the value it
        reports, as a function of the signals: one call per factor per touchpoint."""
        name, kind = spec.name, spec.kind
        config = getattr(self.policy.factors, spec.factor)
        value = attrgetter(name)
        if isinstance(kind, Intensity):
            intensity = dict(self.policy.emotions)

            def felt(s: Signals, rate: float, currency: str) -> tuple[float, Any]:
                word = value(s)
                return intensity.get(word, 0.0), word

            return felt
        if isinstance(kind, Money):
            step, norm = config.step, math.log1p(config.full_at / config.step)

            def money(s: Signals, rate: float, currency: str) -> tuple[float, Any]:
                amount = value(s)
                return min(1.0, math.log1p(amount * rate / step) / norm), (amount, currency)

            return money
        if isinstance(kind, Flag):
            raises = kind.raises_when

            def flag(s: Signals, rate: float, currency: str) -> tuple[float, Any]:
                on = value(s)
                return (1.0 if on is raises else 0.0), on

            return flag
        if isinstance(kind, Categories | Scale):
            scales = config.scale
            if isinstance(kind, Scale):
                return lambda s, rate, cur: (scales[value(s)], value(s))

            def most_sensitive(s: Signals, rate: float, currency: str) -> tuple[float, Any]:
                chosen = value(s)
                return max((scales[c] for c in chosen), default=0.0), chosen

            return most_sensitive
        if isinstance(kind, Ramp):
            full = config.full_at
            return lambda s, rate, cur: (min(1.0, value(s) / full), value(s))
        raise TypeError(f"{name}: a {type(kind).__name__} signal is not a factor")


@lru_cache(maxsize=4096)
def _sentence(factor: str, value: Any) -> str:
    # Few distinct values recur across thousands of touchpoints: say each once.
    return by_factor()[factor].say(value)
