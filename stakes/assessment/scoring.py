"""Pure scoring: a touchpoint's signals and the policy -> score, level, verdict and reasons.

The formula (docs/scoring.md): every factor contributes ``weight x scale(signal)`` points,
rounded half up to a whole point; the score is the sum of the points (weights add up to 100,
so the score is 0-100 and the reasons add up to it exactly). The level is the highest
threshold the score reaches. The verdict is the matrix cell for (level, complexity), where
needing authority makes a touchpoint one step more complex, raised by every hard rule whose
conditions hold. Each step only ever rises with a risk signal, so scoring is monotone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from stakes.assessment.policy import COMPLEXITIES, LEVELS, ORDERS, VERDICTS, HardRule, Policy
from stakes.journey.model import Signals

FACTOR_ORDER: tuple[str, ...] = (
    "emotion",
    "money_at_stake",
    "irreversible",
    "vulnerability",
    "personal_data",
    "decision_effect",
    "prior_contacts",
    "repeat_contact_rate",
    "churn_risk",
    "safety",
)
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
class FiredRule:
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
    rules: tuple[FiredRule, ...]

    @property
    def top_factor(self) -> FactorPoints:
        """The factor with the most points (the first such, in policy order)."""
        return max(self.factors, key=lambda f: f.points)


def verdict_rank(verdict: str) -> int:
    """Position of a verdict from ``automate`` (0) to ``human-only`` (3)."""
    return _VERDICT_RANK[verdict]


class Scorer:
    """A policy compiled for scoring many touchpoints fast."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        f = policy.factors
        self.emotions = dict(policy.emotions)
        self.emotion_rank = {e: i for i, e in enumerate(policy.emotions)}
        self.money = f.money_at_stake
        self.money_norm = math.log1p(f.money_at_stake.full_at / f.money_at_stake.step)
        self.rules = tuple(r for r in policy.rules if r.enabled)
        self.conditions = tuple(
            tuple((name, wanted) for name, wanted in rule.when if wanted is not None)
            for rule in self.rules
        )
        self.thresholds = (
            (policy.levels.critical, "critical"),
            (policy.levels.high, "high"),
            (policy.levels.moderate, "moderate"),
        )

    @cached_property
    def ordinal_ranks(self) -> dict[str, dict[str, int]]:
        """The rank of every ordinal value, for the at-least conditions of hard rules."""
        ranks = {name: {v: i for i, v in enumerate(order)} for name, order in ORDERS.items()}
        ranks["complexity"] = _COMPLEXITY_RANK
        ranks["level"] = _LEVEL_RANK
        ranks["emotion"] = self.emotion_rank
        return ranks

    def rate(self, currency: str | None) -> float:
        """How much one unit of ``currency`` is worth in the policy currency (1 when unknown)."""
        if currency is None:
            return 1.0
        return self.policy.currency_rates.get(currency, 1.0)

    def score(self, signals: Signals, currency: str | None = None) -> Score:
        """Score, level, complexity, verdict and reasons for one touchpoint's signals."""
        f = self.policy.factors
        s = signals
        money = s.money_at_stake * self.rate(currency)
        sensitivity = max((f.personal_data.scale[c] for c in s.personal_data), default=0.0)
        factors = (
            _points("emotion", f.emotion.weight, self.emotions.get(s.emotion, 0.0), s.emotion),
            _points(
                "money_at_stake",
                f.money_at_stake.weight,
                min(1.0, math.log1p(money / self.money.step) / self.money_norm),
                (s.money_at_stake, currency or self.policy.currency),
            ),
            _points(
                "irreversible", f.irreversible.weight, 0.0 if s.reversible else 1.0, s.reversible
            ),
            _points(
                "vulnerability",
                f.vulnerability.weight,
                f.vulnerability.scale[s.vulnerability],
                s.vulnerability,
            ),
            _points("personal_data", f.personal_data.weight, sensitivity, s.personal_data),
            _points(
                "decision_effect",
                f.decision_effect.weight,
                f.decision_effect.scale[s.decision_effect],
                s.decision_effect,
            ),
            _points(
                "prior_contacts",
                f.prior_contacts.weight,
                min(1.0, s.prior_contacts / f.prior_contacts.full_at),
                s.prior_contacts,
            ),
            _points(
                "repeat_contact_rate",
                f.repeat_contact_rate.weight,
                min(1.0, s.repeat_contact_rate / f.repeat_contact_rate.full_at),
                s.repeat_contact_rate,
            ),
            _points(
                "churn_risk", f.churn_risk.weight, f.churn_risk.scale[s.churn_risk], s.churn_risk
            ),
            _points("safety", f.safety.weight, 1.0 if s.safety else 0.0, s.safety),
        )
        total = sum(p.points for p in factors)
        level = next((name for at, name in self.thresholds if total >= at), "low")
        complexity = s.complexity
        if s.needs_authority and self.policy.needs_authority_raises_complexity:
            complexity = COMPLEXITIES[min(_COMPLEXITY_RANK[complexity] + 1, len(COMPLEXITIES) - 1)]
        matrix_verdict = self.policy.matrix[level][complexity]  # type: ignore[index]
        verdict = matrix_verdict
        fired = []
        for rule, condition in zip(self.rules, self.conditions, strict=True):
            if self.holds(condition, s, money, total, level, complexity):
                fired.append(FiredRule(rule.id, rule.at_least, rule.sentence, rule.source))
                if _VERDICT_RANK[rule.at_least] > _VERDICT_RANK[verdict]:
                    verdict = rule.at_least
        return Score(total, level, complexity, matrix_verdict, verdict, factors, tuple(fired))

    def holds(
        self,
        condition: Iterable[tuple[str, Any]],
        s: Signals,
        money: float,
        score: int,
        level: str,
        complexity: str,
    ) -> bool:
        """Whether every ``(signal, threshold)`` of a condition is reached (each "at least")."""
        ranks = self.ordinal_ranks
        for name, wanted in condition:
            if name in ranks:
                value = level if name == "level" else complexity if name == "complexity" else None
                if value is None:
                    value = getattr(s, name)
                if ranks[name].get(value, -1) < ranks[name][wanted]:
                    return False
            elif name == "personal_data":
                if not set(wanted) & set(s.personal_data):
                    return False
            elif name == "irreversible":
                if s.reversible:
                    return False
            elif name == "money_at_stake":
                if money < wanted:
                    return False
            elif name == "score":
                if score < wanted:
                    return False
            elif getattr(s, name) < wanted:  # prior_contacts, repeat_contact_rate, booleans
                return False
        return True

    def rule(self, rule_id: str) -> HardRule | None:
        """The enabled hard rule with this id."""
        return next((r for r in self.rules if r.id == rule_id), None)


def _points(name: str, weight: int, scale: float, value: Any) -> FactorPoints:
    return FactorPoints(name, math.floor(weight * scale + 0.5), weight, value)


@lru_cache(maxsize=4096)
def _sentence(name: str, value: Any) -> str:
    # Few distinct values recur across thousands of touchpoints: say each once.
    return _SENTENCES[name](value)


def _money_sentence(value: tuple[float, str]) -> str:
    amount, currency = value
    if not amount:
        return "no money at stake"
    return f"{amount:,.0f} {currency} at stake"


_SENTENCES: dict[str, Callable[[Any], str]] = {
    "emotion": lambda v: f"the customer is {v}",
    "money_at_stake": _money_sentence,
    "irreversible": lambda v: (
        "a wrong outcome can be undone" if v else "a wrong outcome cannot be undone cheaply"
    ),
    "vulnerability": lambda v: {
        "none": "no sign of vulnerability",
        "possible": "the customer may be vulnerable",
        "likely": "the customer is likely vulnerable",
    }[v],
    "personal_data": lambda v: "handles " + ", ".join(v) + " data" if v else "no personal data",
    "decision_effect": lambda v: {
        "none": "no decision is taken here",
        "informational": "a decision here is informational",
        "significant": "a decision here has a significant effect",
        "legal": "a decision here has legal effect",
    }[v],
    "prior_contacts": lambda v: (
        "no earlier contacts on the issue"
        if not v
        else f"typically {v} earlier contact{'s' if v != 1 else ''} on the same issue"
    ),
    "repeat_contact_rate": lambda v: f"{v:.0%} of customers come back on the same issue",
    "churn_risk": lambda v: f"{v} churn risk",
    "safety": lambda v: "a risk to health or physical safety" if v else "no safety risk",
}
