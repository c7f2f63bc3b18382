"""The policy's factors and hard-rule conditions as models, built from the signal declarations
(stakes.journey.signals), so a new signal needs no edit here."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

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
from stakes.journey.signals import Complexity, factors, signals
from stakes.journey.values import Verdict

Level = Literal["low", "moderate", "high", "critical"]
LEVELS: tuple[Level, ...] = get_args(Level)
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
COMPLEXITIES: tuple[Complexity, ...] = get_args(Complexity)
HardRuleId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Weight = Annotated[int, Field(ge=0, le=100)]
Unit = Annotated[float, Field(ge=0, le=1)]
Positive = Annotated[float, Field(gt=0)]

_CONFIG = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class PolicyPart(BaseModel):
    model_config = _CONFIG


class Weighted(PolicyPart):
    """A yes/no factor, or an emotion's intensity: the weight times a scale from 0 to 1."""

    weight: Weight


class Scaled(PolicyPart):
    """A factor over named values, each scaled from 0 to 1."""

    weight: Weight
    scale: dict[str, Unit]


class Ramped(PolicyPart):
    """A numeric factor that rises linearly to its full weight at ``full_at``."""

    weight: Weight
    full_at: Positive


class MoneyScale(PolicyPart):
    """Money on a log scale: full weight at ``full_at`` (policy currency); ``step`` bends it."""

    weight: Weight
    full_at: Positive
    step: Positive = 10

    @model_validator(mode="after")
    def _bends(self) -> MoneyScale:
        # The scale divides by log(1 + full_at / step), which must not round to zero.
        if not math.log1p(self.full_at / self.step) > 1e-12:
            raise ValueError("full_at / step is too small to make a scale; lower the step")
        return self


def _factor_model(spec: SignalSpec) -> type[PolicyPart]:
    """What the policy says of a factor of this kind."""
    kind = spec.kind
    if isinstance(kind, Scale | Categories):
        return Scaled
    if isinstance(kind, Ramp):
        return Ramped
    if isinstance(kind, Money):
        return MoneyScale
    return Weighted


def _unweighted(spec: SignalSpec) -> PolicyPart:
    """The factor a policy that does not name it gets: no weight (a policy written before the
    signal existed still loads, and scores as it did)."""
    kind = spec.kind
    if isinstance(kind, Scale | Categories):
        return Scaled(weight=0, scale=dict.fromkeys(kind.values, 0.0))
    if isinstance(kind, Ramp):
        return Ramped(weight=0, full_at=1.0)
    if isinstance(kind, Money):
        return MoneyScale(weight=0, full_at=1.0)
    return Weighted(weight=0)


def _threshold(spec: SignalSpec) -> Any:
    """The type of a hard rule's threshold on this signal ("at least this")."""
    kind = spec.kind
    if isinstance(kind, Flag | RaisesComplexity):
        return Literal[True]
    if isinstance(kind, Intensity):
        return str  # one of the policy's emotions: checked against them
    return spec.annotation  # the signal's own type: a value, a set of categories, a number


if TYPE_CHECKING:
    Factors = BaseModel
    Condition = BaseModel
else:
    #: The weight and scale of every signal that raises the stakes, one field per factor.
    Factors = create_model(
        "Factors",
        __config__=_CONFIG,
        __doc__="The weight and scale of every signal that raises the stakes.",
        **{s.factor: (_factor_model(s), _unweighted(s)) for s in factors()},
    )
    #: When a hard rule applies: every given threshold holds (a value means "at least this").
    Condition = create_model(
        "Condition",
        __config__=_CONFIG,
        __doc__='When a hard rule applies: every given threshold holds ("at least this").',
        **{s.factor: (_threshold(s) | None, None) for s in signals()},
        level=(Level | None, None),
        score=(Annotated[int, Field(ge=0, le=100)] | None, None),
    )


#: The values of each scaled factor, least to most risky (a scale must not decrease along them,
#: except for categories, of which the most sensitive counts).
ORDERS: dict[str, tuple[str, ...]] = {
    s.factor: s.kind.values for s in factors() if isinstance(s.kind, Scale | Categories)
}
#: Signals whose values have an order without being a factor: the complexity axis.
AXES: dict[str, tuple[str, ...]] = {
    s.name: s.kind.values for s in signals() if isinstance(s.kind, Axis)
}
