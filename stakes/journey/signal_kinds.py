"""The kinds of signal: how a signal raises the stakes, the words its reason uses, and what a
contact log can observe of it. ``stakes.journey.signals`` declares each signal with one of them;
the policy and the scorer read the kinds, so a new signal of a known kind needs no code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Intensity:
    """A word from the policy's list (emotions), scored by its intensity from 0 to 1."""


@dataclass(frozen=True, slots=True)
class Scale:
    """One of ordered values, least to most risky; the policy scales each from 0 to 1."""

    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Categories:
    """A set of categories; the policy scales each, and the most sensitive one counts."""

    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Flag:
    """True or false: all of the factor's weight when the value is ``raises_when``."""

    raises_when: bool = True


@dataclass(frozen=True, slots=True)
class Ramp:
    """A number whose points rise linearly to the full weight at the policy's ``full_at``."""


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in the journey's currency, on a log scale in the policy's currency."""


@dataclass(frozen=True, slots=True)
class Axis:
    """Not scored: the complexity axis of the verdict matrix."""

    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RaisesComplexity:
    """Not scored: when true, the touchpoint counts one step more complex (a policy switch)."""


@dataclass(frozen=True, slots=True)
class Qualifier:
    """Not scored: ordered values, least to most risky, that a hard rule may test (which way
    a decision can go)."""

    values: tuple[str, ...]


Kind = Intensity | Scale | Categories | Flag | Ramp | Money | Axis | RaisesComplexity | Qualifier
#: The kinds that are factors of the score (the others shape the complexity).
SCORED_KINDS = (Intensity, Scale, Categories, Flag, Ramp, Money)


@dataclass(frozen=True, slots=True)
class Observable:
    """A signal a contact log can measure: how far the observed value may be from the declared
    one before the log contradicts it, what was observed in words (``say``), and how a value
    is written (``shows``, for the declared one)."""

    tolerance: float
    say: Callable[[Any], str]  # observed -> words
    shows: Callable[[Any], str] = str


@dataclass(frozen=True, slots=True)
class Signal:
    """How a signal raises the stakes, and the words its reason uses (``say(value)``).

    ``factor`` names its factor in the policy when that is not the signal's own name
    (``reversible`` is scored as ``irreversible``); ``label`` names it in prose when its name
    with spaces will not do.
    """

    kind: Kind
    say: Callable[[Any], str] | None = None
    factor: str | None = None
    observable: Observable | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class SignalSpec:
    """One signal as declared: its field, its kind, its factor and its words."""

    name: str
    signal: Signal
    annotation: Any  # the field's type with its constraints, for models built from signals
    default: Any
    description: str

    @property
    def kind(self) -> Kind:
        """How it raises the stakes."""
        return self.signal.kind

    @property
    def scored(self) -> bool:
        """Whether it is a factor of the score."""
        return isinstance(self.signal.kind, SCORED_KINDS)

    @property
    def factor(self) -> str:
        """Its name in the policy's factors and hard-rule conditions."""
        return self.signal.factor or self.name

    @property
    def label(self) -> str:
        """Its name in prose."""
        return self.signal.label or self.factor.replace("_", " ")

    def say(self, value: Any) -> str:
        """The reason's words for ``value``."""
        if self.signal.say is None:
            raise ValueError(f"{self.name} is not scored, so it has no reason")
        return self.signal.say(value)
