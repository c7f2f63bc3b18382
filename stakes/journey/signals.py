"""Every signal a touchpoint can carry, declared once.

A signal is one field of ``Signals``: its type and default (the lowest value: an absent signal
never raises the stakes) and its documentation are the field's; a ``Signal`` in its
annotation says how it raises the stakes (its kind), the words its reason uses, and what a
contact log can observe of it. Everything else reads these declarations: the policy's factors
and hard-rule conditions, the scorer, the DataFrame's columns, the docs' tables and the
property tests. A new signal is one field here plus its weight in the default policy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from stakes.journey.signal_kinds import (
    Axis,
    Categories,
    Flag,
    Intensity,
    Money,
    Observable,
    Qualifier,
    RaisesComplexity,
    Ramp,
    Scale,
    Signal,
    SignalSpec,
)

SLUG = r"^[a-z0-9][a-z0-9-]*$"

Vulnerability = Literal["none", "possible", "likely"]
DataCategory = Literal[
    "contact",
    "identity",
    "billing",
    "financial",
    "location",
    "health",
    "biometric",
    "children",
    "criminal",
    "other",
]
DecisionEffect = Literal["none", "informational", "significant", "legal"]
#: Which way a decision can go, least to most risky: one that can only grant, one that can go
#: either way, one that refuses or takes away.
DecisionOutcome = Literal["favourable", "either", "adverse"]
Complexity = Literal["low", "medium", "high"]
ChurnRisk = Literal["low", "medium", "high"]

#: The default emotions, least to most intense. The policy owns the list; this is its default.
DEFAULT_EMOTIONS: tuple[str, ...] = (
    "delighted",
    "calm",
    "curious",
    "confused",
    "anxious",
    "frustrated",
    "angry",
    "distressed",
    "grieving",
)


def by_value(words: Mapping[Any, str]) -> Callable[[Any], str]:
    """A reason that looks its value up in ``words``."""
    return lambda value: words[value]


def _money(value: tuple[float, str]) -> str:
    amount, currency = value
    return f"{amount:,.0f} {currency} at stake" if amount else "no money at stake"


def _earlier(n: int) -> str:
    if not n:
        return "no earlier contacts on the issue"
    return f"typically {n} earlier contact{'s' if n != 1 else ''} on the same issue"


def _data(categories: tuple[str, ...]) -> str:
    return "handles " + ", ".join(categories) + " data" if categories else "no personal data"


class Signals(BaseModel):
    """What raises or lowers the stakes at a touchpoint; an absent signal is its lowest value."""

    # Strict: YAML already gives typed values, so "12" is not a number and 1 is not true.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)

    emotion: Annotated[
        str,
        Field(
            pattern=SLUG,
            description="One of the policy's emotions, least to most intense: "
            + ", ".join(DEFAULT_EMOTIONS)
            + " (the default policy's list).",
            json_schema_extra={"examples": list(DEFAULT_EMOTIONS)},
        ),
        Signal(Intensity(), lambda v: f"the customer is {v}"),
    ] = "calm"
    money_at_stake: Annotated[
        float,
        Field(ge=0, description="Money at stake, in the journey's currency."),
        Signal(Money(), _money, label="money at stake (log scale)"),
    ] = 0
    reversible: Annotated[
        bool,
        Field(description="Can a wrong outcome be undone cheaply?"),
        Signal(
            Flag(raises_when=False),
            by_value(
                {
                    True: "a wrong outcome can be undone",
                    False: "a wrong outcome cannot be undone cheaply",
                }
            ),
            factor="irreversible",
            label="irreversibility",
        ),
    ] = True
    vulnerability: Annotated[
        Vulnerability,
        Field(description="Signs of vulnerability: bereavement, illness, hardship, age ..."),
        Signal(
            Scale(get_args(Vulnerability)),
            by_value(
                {
                    "none": "no sign of vulnerability",
                    "possible": "the customer may be vulnerable",
                    "likely": "the customer is likely vulnerable",
                }
            ),
        ),
    ] = "none"
    personal_data: Annotated[
        tuple[DataCategory, ...],
        Field(description="Categories of personal data handled."),
        Signal(Categories(get_args(DataCategory)), _data),
    ] = ()
    decision_effect: Annotated[
        DecisionEffect,
        Field(description="Effect of a decision taken here (GDPR Art. 22 sense)."),
        Signal(
            Scale(get_args(DecisionEffect)),
            by_value(
                {
                    "none": "no decision is taken here",
                    "informational": "a decision here is informational",
                    "significant": "a decision here has a significant effect",
                    "legal": "a decision here has legal effect",
                }
            ),
        ),
    ] = "none"
    decision_outcome: Annotated[
        DecisionOutcome,
        Field(
            description="Which way the decision can go: favourable (it can only grant: approve, "
            "refund in full), adverse (it refuses or takes away), or either."
        ),
        Signal(Qualifier(get_args(DecisionOutcome))),
    ] = "either"
    complexity: Annotated[
        Complexity,
        Field(description="Ambiguity, judgement, multi-step work."),
        Signal(Axis(get_args(Complexity))),
    ] = "low"
    needs_authority: Annotated[
        bool,
        Field(description="Resolving can require an exception, refund, credit or approval."),
        Signal(RaisesComplexity()),
    ] = False
    prior_contacts: Annotated[
        int,
        Field(ge=0, description="Typical earlier contacts on the same issue before this one."),
        Signal(
            Ramp(),
            _earlier,
            observable=Observable(
                1, lambda seen: f"{seen} earlier contacts at the 90th percentile"
            ),
        ),
    ] = 0
    repeat_contact_rate: Annotated[
        float,
        Field(ge=0, le=1, description="Share of customers who come back on the same issue."),
        Signal(
            Ramp(),
            lambda v: f"{v:.0%} of customers come back on the same issue",
            label="repeat-contact rate",
            observable=Observable(
                0.10, lambda seen: f"{seen:.0%} of customers come back", lambda v: f"{v:.0%}"
            ),
        ),
    ] = 0
    churn_risk: Annotated[
        ChurnRisk,
        Field(description="The relationship at stake."),
        Signal(Scale(get_args(ChurnRisk)), lambda v: f"{v} churn risk"),
    ] = "low"
    safety: Annotated[
        bool,
        Field(description="Risk to health or physical safety."),
        Signal(
            Flag(),
            by_value({True: "a risk to health or physical safety", False: "no safety risk"}),
        ),
    ] = False


@cache
def signals() -> tuple[SignalSpec, ...]:
    """Every signal, in the order of the journey format."""
    out = []
    for name, info in Signals.model_fields.items():
        (signal,) = [m for m in info.metadata if isinstance(m, Signal)]
        constraints = [m for m in info.metadata if not isinstance(m, Signal)]
        annotation = Annotated[(info.annotation, *constraints)] if constraints else info.annotation
        out.append(SignalSpec(name, signal, annotation, info.default, info.description or ""))
    return tuple(out)


@cache
def factors() -> tuple[SignalSpec, ...]:
    """The signals that are factors of the score, in policy order."""
    return tuple(s for s in signals() if s.scored)


@cache
def by_factor() -> dict[str, SignalSpec]:
    """Each scored signal by its factor's name."""
    return {s.factor: s for s in factors()}


@cache
def by_name() -> dict[str, SignalSpec]:
    """Each signal by its name."""
    return {s.name: s for s in signals()}


def observable() -> tuple[SignalSpec, ...]:
    """The signals a contact log can measure."""
    return tuple(s for s in signals() if s.signal.observable is not None)
