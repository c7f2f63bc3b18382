"""The policy (rubric) as data: its model, the built-in default, and loading a team's policy."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from stakes.findings import Finding, finding, format_path
from stakes.journey import format_rules as R
from stakes.journey import loader
from stakes.journey.model import (
    ChurnRisk,
    Complexity,
    DataCategory,
    DecisionEffect,
    Text,
    Verdict,
    Vulnerability,
)
from stakes.journey.validation import Positions, validate_model

Level = Literal["low", "moderate", "high", "critical"]
LEVELS: tuple[Level, ...] = get_args(Level)
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
COMPLEXITIES: tuple[Complexity, ...] = get_args(Complexity)
RuleId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Weight = Annotated[int, Field(ge=0, le=100)]
Unit = Annotated[float, Field(ge=0, le=1)]
Positive = Annotated[float, Field(gt=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Weighted(_Model):
    """A yes/no factor: all its weight or nothing."""

    weight: Weight


class Scaled(_Model):
    """A factor over named values, each scaled from 0 to 1."""

    weight: Weight
    scale: dict[str, Unit]


class Ramp(_Model):
    """A numeric factor that rises linearly to its full weight at ``full_at``."""

    weight: Weight
    full_at: Positive


class Money(_Model):
    """Money on a log scale: full weight at ``full_at`` (policy currency); ``step`` bends it."""

    weight: Weight
    full_at: Positive
    step: Positive = 10


class Factors(_Model):
    """The weight and scale of every signal that raises the stakes."""

    emotion: Weighted
    money_at_stake: Money
    irreversible: Weighted
    vulnerability: Scaled
    personal_data: Scaled
    decision_effect: Scaled
    prior_contacts: Ramp
    repeat_contact_rate: Ramp
    churn_risk: Scaled
    safety: Weighted


class Levels(_Model):
    """The score at which each level starts; below ``moderate`` the stakes are low."""

    moderate: Annotated[int, Field(ge=1, le=100)]
    high: Annotated[int, Field(ge=1, le=100)]
    critical: Annotated[int, Field(ge=1, le=100)]


class Condition(_Model):
    """When a hard rule applies: every given threshold holds (a value means "at least this")."""

    emotion: str | None = None
    money_at_stake: Annotated[float, Field(ge=0)] | None = None
    irreversible: Literal[True] | None = None
    vulnerability: Vulnerability | None = None
    personal_data: tuple[DataCategory, ...] | None = None
    decision_effect: DecisionEffect | None = None
    complexity: Complexity | None = None
    needs_authority: Literal[True] | None = None
    prior_contacts: Annotated[int, Field(ge=0)] | None = None
    repeat_contact_rate: Unit | None = None
    churn_risk: ChurnRisk | None = None
    safety: Literal[True] | None = None
    level: Level | None = None
    score: Annotated[int, Field(ge=0, le=100)] | None = None


class HardRule(_Model):
    """A rule that raises the verdict to at least ``at_least`` when its condition holds."""

    id: RuleId
    when: Condition
    at_least: Verdict
    sentence: Text
    source: Text
    enabled: bool = True


class LoopProne(_Model):
    """When a touchpoint counts as loop-prone: customers reach it after earlier contacts, or
    come back to it; such a moment needs a human offered after a set number of bot turns."""

    prior_contacts: Annotated[int, Field(ge=0)] = 2
    repeat_contact_rate: Unit = 0.3


class Policy(_Model):
    """The whole rubric: emotions, factor weights, levels, the verdict matrix and hard rules."""

    policy: Text
    version: Text
    description: str | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    currency_rates: dict[str, Positive] = {}
    emotions: dict[str, Unit]
    factors: Factors
    levels: Levels
    needs_authority_raises_complexity: bool = True
    matrix: dict[Level, dict[Complexity, Verdict]]
    rules: tuple[HardRule, ...] = ()
    loop_prone: LoopProne = LoopProne()

    def digest(self) -> str:
        """A short fingerprint of the policy's content (the first 12 hex digits of SHA-256)."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:12]


#: The order of each ordinal signal, least to most risky (the scales must not decrease along it).
ORDERS: dict[str, tuple[str, ...]] = {
    "vulnerability": get_args(Vulnerability),
    "decision_effect": get_args(DecisionEffect),
    "churn_risk": get_args(ChurnRisk),
    "personal_data": get_args(DataCategory),
}


class PolicyError(Exception):
    """A policy that cannot be used; ``findings`` say where and why."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        super().__init__("; ".join(f"{f.location}: {f.message}" for f in self.findings))


@dataclass(frozen=True, slots=True)
class _Raw:
    data: dict[str, Any]
    source: loader.SourceMap


def _read(data: bytes, file: str) -> _Raw:
    text, problems = loader.decode(data, file)
    if text is None:
        raise PolicyError(problems)
    parsed = loader.parse(text, file, kind="policy")
    if parsed.findings:
        raise PolicyError(parsed.findings)
    if not isinstance(parsed.data, dict) or parsed.source is None:
        raise PolicyError([finding(R.NOT_A_MAPPING, "a policy is a mapping", file, 1, 1)])
    return _Raw(parsed.data, parsed.source)


@cache
def _default_raw() -> _Raw:
    data = resources.files("stakes").joinpath("data/default-policy.yaml").read_bytes()
    return _read(data, "default-policy.yaml")


@cache
def default_policy() -> Policy:
    """The built-in default policy."""
    raw = _default_raw()
    return _check(raw.data, "default-policy.yaml", raw.source)


def load_policy(file: str | None) -> Policy:
    """The policy in ``file`` (None: the default). ``extends: default`` starts from the default.

    Raises PolicyError, with positions in ``file``, when the file or the merged policy is invalid.
    """
    if file is None:
        return default_policy()
    try:
        with open(file, "rb") as fh:
            data = fh.read(loader.MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise PolicyError(
            [finding(R.UNREADABLE, f"cannot read the policy: {exc.strerror or exc}", file)]
        ) from None
    raw = _read(data, file)
    merged = dict(raw.data)
    base = merged.pop("extends", None)
    if base is not None:
        if base != "default":
            line, col = raw.source.position(("extends",))
            raise PolicyError(
                [
                    finding(
                        R.INVALID_CHOICE,
                        f"extends: {base!r} is not known; the only base is 'default'",
                        file,
                        line,
                        col,
                        path="extends",
                    )
                ]
            )
        merged = merge(_default_raw().data, merged)
    return _check(merged, file, raw.source)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` laid over ``base``: mappings merge key by key, rules merge by id."""
    out = dict(base)
    for key, value in override.items():
        if key == "rules" and isinstance(value, tuple) and isinstance(base.get(key), tuple):
            out[key] = _merge_rules(base[key], value)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            out[key] = merge(base[key], value)
        else:
            out[key] = value
    return out


def _merge_rules(base: tuple[Any, ...], override: tuple[Any, ...]) -> tuple[Any, ...]:
    """The team's rules first, in their order (each merged with the default rule of its id),
    then the default rules it does not mention. Keeping the team's order keeps every finding
    about its rules at its own index, and a repeated id stays visible as a duplicate."""
    by_id = {r.get("id"): r for r in base if isinstance(r, dict)}
    mentioned = {r.get("id") for r in override if isinstance(r, dict)}
    merged = [
        merge(by_id[r["id"]], r) if isinstance(r, dict) and r.get("id") in by_id else r
        for r in override
    ]
    rest = [r for r in base if not (isinstance(r, dict) and r.get("id") in mentioned)]
    return (*merged, *rest)


def _check(data: dict[str, Any], file: str, positions: Positions) -> Policy:
    policy, findings = validate_model(Policy, data, file, positions)
    if policy is None:
        raise PolicyError(findings)
    problems = [
        finding(
            R.INVALID_POLICY, f"{format_path(path)}: {message}", file, *positions.position(path)
        )
        for path, message in consistency_problems(policy)
    ]
    if problems:
        raise PolicyError(problems)
    return policy


def consistency_problems(policy: Policy) -> list[tuple[tuple[str | int, ...], str]]:
    """What makes a well-typed policy unusable: weights, orders, thresholds, matrix, rules."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    f = policy.factors
    total = sum(getattr(f, name).weight for name in Factors.model_fields)
    if total != 100:
        problems.append((("factors",), f"the weights add up to {total}; they must add up to 100"))
    for name, order in ORDERS.items():
        scale = getattr(f, name).scale
        if set(scale) != set(order):
            missing, unknown = set(order) - set(scale), set(scale) - set(order)
            problems.append(
                (
                    ("factors", name, "scale"),
                    f"needs exactly the values {', '.join(order)}"
                    + (f"; missing {', '.join(sorted(missing))}" if missing else "")
                    + (f"; unknown {', '.join(sorted(unknown))}" if unknown else ""),
                )
            )
        elif name != "personal_data":
            values = [scale[v] for v in order]
            if values != sorted(values):
                problems.append(
                    (("factors", name, "scale"), f"must not decrease along {', '.join(order)}")
                )
    intensities = list(policy.emotions.values())
    if not intensities:
        problems.append((("emotions",), "needs at least one emotion"))
    elif intensities != sorted(intensities):
        problems.append(
            (("emotions",), "intensities must not decrease: list emotions least to most intense")
        )
    lv = policy.levels
    if not lv.moderate < lv.high < lv.critical:
        problems.append((("levels",), "thresholds must rise: moderate < high < critical"))
    problems += _matrix_problems(policy)
    seen: set[str] = set()
    for i, rule in enumerate(policy.rules):
        if rule.id in seen:
            problems.append((("rules", i, "id"), f"rule id {rule.id!r} is used twice"))
        seen.add(rule.id)
        emotion = rule.when.emotion
        if emotion is not None and emotion not in policy.emotions:
            problems.append((("rules", i, "when", "emotion"), f"{emotion!r} is not an emotion"))
        if rule.when == Condition():
            problems.append((("rules", i, "when"), "a rule needs at least one condition"))
    return problems


def _matrix_problems(policy: Policy) -> list[tuple[tuple[str | int, ...], str]]:
    problems: list[tuple[tuple[str | int, ...], str]] = []
    rank = {v: i for i, v in enumerate(VERDICTS)}
    for level in LEVELS:
        row = policy.matrix.get(level)
        if row is None or set(row) != set(COMPLEXITIES):
            problems.append(
                (
                    ("matrix", level),
                    f"needs a verdict for each complexity: {', '.join(COMPLEXITIES)}",
                )
            )
    if problems:
        return problems
    for li, level in enumerate(LEVELS):
        for ci, cx in enumerate(COMPLEXITIES):
            here = rank[policy.matrix[level][cx]]
            left = rank[policy.matrix[level][COMPLEXITIES[ci - 1]]] if ci else -1
            up = rank[policy.matrix[LEVELS[li - 1]][cx]] if li else -1
            if here < left or here < up:
                problems.append(
                    (
                        ("matrix", level, cx),
                        "verdicts must not soften as stakes or complexity rise",
                    )
                )
    return problems


def dump_policy(policy: Policy) -> str:
    """The policy as YAML, in the same shape as a policy file."""
    return loader.dump_yaml(policy.model_dump(mode="json", exclude_none=True))
