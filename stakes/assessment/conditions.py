"""Hard-rule conditions compiled once per policy: each "at least" threshold on a signal, the
level or the score becomes a test of what a touchpoint's scoring has seen (its signals, the
currency rate, the score, the level and the effective complexity)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stakes.assessment.factors import COMPLEXITIES, LEVELS, Condition
from stakes.assessment.policy import HardRule
from stakes.journey.signal_kinds import (
    Axis,
    Categories,
    Flag,
    Intensity,
    Money,
    Qualifier,
    RaisesComplexity,
    Scale,
)
from stakes.journey.signals import by_factor, by_name

#: A compiled condition: what scoring has seen of one touchpoint -> whether it holds.
Test = Callable[[Any], bool]
_COMPLEXITY_RANK: dict[str, int] = {c: i for i, c in enumerate(COMPLEXITIES)}
_LEVEL_RANK: dict[str, int] = {lv: i for i, lv in enumerate(LEVELS)}


def condition(rule: HardRule, emotions: tuple[str, ...]) -> Test:
    """Whether every threshold of ``rule`` is reached (each "at least")."""
    return compiled(rule.when, emotions)


def compiled(when: Condition, emotions: tuple[str, ...]) -> Test:
    """Whether every threshold of ``when`` is reached (each "at least")."""
    tests = [threshold(name, wanted, emotions) for name, wanted in when if wanted is not None]
    if len(tests) == 1:  # the common cases, without a generator per touchpoint
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda seen: first(seen) and second(seen)
    return lambda seen: all(test(seen) for test in tests)


def threshold(name: str, wanted: Any, emotions: tuple[str, ...]) -> Test:
    """One "at least" test of a hard rule's condition."""
    if name == "score":
        return lambda seen: seen.score >= wanted
    if name == "level":
        return lambda seen: _LEVEL_RANK[seen.level] >= _LEVEL_RANK[wanted]
    spec = by_factor().get(name) or by_name()[name]
    field, kind = spec.name, spec.kind
    if isinstance(kind, Intensity):
        rank = {e: i for i, e in enumerate(emotions)}
        least = rank[wanted]
        return lambda seen: rank.get(getattr(seen.signals, field), -1) >= least
    if isinstance(kind, Axis):
        return lambda seen: _COMPLEXITY_RANK[seen.complexity] >= _COMPLEXITY_RANK[wanted]
    if isinstance(kind, Scale | Qualifier):
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
