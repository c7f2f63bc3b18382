"""Hypothesis strategies for signals, built from the signal declarations (stakes.journey.signals):
a new signal of a known kind is generated, raised and compared without an edit here; a new
kind of signal fails loudly until it has its strategies."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from stakes.assessment.policy_file import default_policy
from stakes.journey.signal_kinds import (
    Axis,
    Categories,
    Flag,
    Intensity,
    Money,
    Qualifier,
    RaisesComplexity,
    Ramp,
    Scale,
    SignalSpec,
)
from stakes.journey.signals import Signals, signals

EMOTIONS: tuple[str, ...] = tuple(default_policy().emotions)
MAX_MONEY = 10**7
MAX_COUNT = 20


def _order(spec: SignalSpec) -> tuple[Any, ...]:
    """The values of an ordinal signal, least to most risky."""
    kind = spec.kind
    if isinstance(kind, Intensity):
        return EMOTIONS
    if isinstance(kind, Scale | Axis | Qualifier):
        return kind.values
    if isinstance(kind, Flag):
        return (not kind.raises_when, kind.raises_when)
    if isinstance(kind, RaisesComplexity):
        return (False, True)
    raise TypeError(f"{spec.name} is not ordinal")


def _is_rate(spec: SignalSpec) -> bool:
    """A number from 0 to 1 (a share), rather than a count."""
    return Signals.model_fields[spec.name].annotation is float


def values(spec: SignalSpec, *, plain: bool = False) -> st.SearchStrategy[Any]:
    """Any value of the signal; ``plain``: values that YAML writes and reads back exactly."""
    kind = spec.kind
    if isinstance(kind, Categories):
        return st.lists(st.sampled_from(kind.values), unique=True).map(tuple)
    if isinstance(kind, Money):
        if plain:
            return st.integers(min_value=0, max_value=MAX_MONEY).map(float)
        return st.floats(min_value=0, max_value=MAX_MONEY, allow_nan=False, allow_infinity=False)
    if isinstance(kind, Ramp):
        if not _is_rate(spec):
            return st.integers(min_value=0, max_value=MAX_COUNT)
        if plain:
            return st.integers(min_value=0, max_value=100).map(lambda n: n / 100)
        return st.floats(min_value=0, max_value=1, allow_nan=False)
    return st.sampled_from(_order(spec))


def raised(spec: SignalSpec) -> st.SearchStrategy[tuple[Any, Any]]:
    """Pairs ``(lower, higher)`` of the signal's values, the second at least as risky."""
    kind = spec.kind
    if isinstance(kind, Categories):
        return st.tuples(values(spec), st.sampled_from(kind.values)).map(
            lambda p: (p[0], tuple(dict.fromkeys((*p[0], p[1]))))
        )
    if isinstance(kind, Money | Ramp):
        return st.tuples(values(spec), values(spec)).map(lambda p: tuple(sorted(p)))
    order = _order(spec)
    return st.tuples(st.sampled_from(order), st.sampled_from(order)).map(
        lambda p: tuple(sorted(p, key=order.index))
    )


def riskier(spec: SignalSpec, x: Any, y: Any) -> Any:
    """The riskier of two values of the signal (for categories: both together)."""
    kind = spec.kind
    if isinstance(kind, Categories):
        return tuple(dict.fromkeys((*x, *y)))
    if isinstance(kind, Money | Ramp):
        return max(x, y)
    order = _order(spec)
    return max(x, y, key=order.index)


def extreme(spec: SignalSpec, *, highest: bool) -> Any:
    """The least or the most risky value of the signal."""
    kind = spec.kind
    if isinstance(kind, Categories):
        return ("health",) if highest else ()
    if isinstance(kind, Money):
        return float(MAX_MONEY) if highest else 0.0
    if isinstance(kind, Ramp):
        return (1.0 if _is_rate(spec) else MAX_COUNT) if highest else spec.default
    order = _order(spec)
    return order[-1] if highest else order[0]


def signals_of(*, plain: bool = False) -> st.SearchStrategy[Signals]:
    """Any set of signals."""
    return st.builds(Signals, **{s.name: values(s, plain=plain) for s in signals()})


#: For every signal: a strategy of (lower, higher) values, where higher is at least as risky.
RAISES: dict[str, st.SearchStrategy[tuple[Any, Any]]] = {s.name: raised(s) for s in signals()}
