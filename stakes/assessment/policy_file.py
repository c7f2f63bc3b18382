"""Reading a policy: the built-in default, a team's file (whole, or ``extends: default``),
and the checks that keep scoring monotone (STK021)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from stakes.assessment.factors import COMPLEXITIES, LEVELS, ORDERS, VERDICTS, Condition, Factors
from stakes.assessment.packs import pack_problems
from stakes.assessment.policy import Policy, PolicyError
from stakes.findings import Rule, Severity, finding, format_path
from stakes.journey import format_rules as R
from stakes.journey import loader
from stakes.journey.plain import Positions
from stakes.journey.signal_kinds import Intensity, Scale
from stakes.journey.signals import by_factor, signals
from stakes.journey.validation import validate_model

INVALID_POLICY = Rule(
    "STK021",
    "invalid-policy",
    Severity.ERROR,
    "A policy file is well-formed but cannot be used.",
    """A policy must be consistent for its scores to mean anything: factor weights add up to 100
(the score is points out of 100), each scale names every value of its signal and never
decreases along it, emotions are listed least to most intense, level thresholds rise, the
verdict matrix never softens as stakes or complexity rise, and rule ids are unique. Together
these keep scoring monotone: a riskier touchpoint never gets a softer verdict.""",
)

#: The rules of policy files (their reading reports the format rules too).
POLICY_RULES: tuple[Rule, ...] = (INVALID_POLICY,)


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
        finding(INVALID_POLICY, f"{format_path(path)}: {message}", file, *positions.position(path))
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
        elif isinstance(by_factor()[name].kind, Scale):  # categories: the most sensitive counts
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
    problems += pack_problems(policy.packs, tuple(policy.emotions))
    seen: set[str] = set()
    for i, rule in enumerate(policy.hard_rules):
        if rule.id in seen:
            problems.append((("rules", i, "id"), f"hard rule id {rule.id!r} is used twice"))
        seen.add(rule.id)
        for s in signals():
            word = getattr(rule.when, s.factor) if isinstance(s.kind, Intensity) else None
            if word is not None and word not in policy.emotions:
                problems.append((("rules", i, "when", s.factor), f"{word!r} is not an emotion"))
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
    data = policy.model_dump(mode="json", exclude_none=True, by_alias=True)
    for pack in data.get("packs", {}).values():
        # A pack rule names only the settings its check takes: the rest are empty.
        pack["rules"] = [
            {k: v for k, v in rule.items() if v != [] and not (k == "enabled" and v is True)}
            for rule in pack["rules"]
        ]
    return loader.dump_yaml(data)
