"""Which touchpoint a log's category names, before its id is tried (docs/evidence.md, "Matching
contacts to touchpoints"): the explicit matches (``--match`` over the configuration's ``match``
table), then the journeys' ``evidence.match``, the claim that restricts more fields first. A
tie is never settled by order: the contact is left unmatched, with the touchpoints it matches.

pandas-free, so that a ``--match`` target is checked before a log is read."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from stakes.journey.keys import label_key, slugify, split_key, touchpoint_key
from stakes.journey.model import Journey, Touchpoint

#: A tie between journey claims lists at most this many of the touchpoints it names.
TIE_LISTED = 3


def target(key: str, touchpoints: Sequence[tuple[str, str]]) -> int:
    """The index in ``touchpoints`` ((journey, touchpoint id) pairs) of the touchpoint ``key``
    names: ``journey/touchpoint``, ``journey#touchpoint``, or an id only one journey has.
    ValueError, with a "did you mean", when it names none or several."""
    journey, tp = split_key(key.strip())
    keys = [touchpoint_key(j, t) for j, t in touchpoints]
    if journey is None:
        found = [i for i, (_, t) in enumerate(touchpoints) if t == tp]
        if len(found) > 1:
            where = ", ".join(keys[i] for i in found[:TIE_LISTED])
            raise ValueError(f"{key!r} is in {len(found)} journeys ({where}): name one")
    else:
        found = [i for i, pair in enumerate(touchpoints) if pair == (journey, tp)]
    if found:
        return found[0]
    close = difflib.get_close_matches(key.strip(), keys, n=1, cutoff=0.6)
    if not close and journey is None:
        close = [
            keys[i]
            for i, (_, t) in enumerate(touchpoints)
            if t in difflib.get_close_matches(tp, [t for _, t in touchpoints], n=1, cutoff=0.6)
        ][:1]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"no touchpoint {key!r} in the journeys loaded{hint}")


@dataclass(frozen=True, slots=True)
class Claim:
    """A touchpoint's ``evidence.match``, as its contacts are compared with it."""

    number: int  # the touchpoint's number in the catalogue
    journey: str
    channels: frozenset[str]  # label keys; empty: any channel
    handlers: frozenset[str]  # empty: any handler
    restricts: int

    def fits(self, journey: str | None, channel: str | None, handler: str | None) -> bool:
        """Whether a contact of this category, journey, channel and handler is the claim's."""
        if journey is not None and journey != self.journey:
            return False
        if self.channels and (channel is None or label_key(channel) not in self.channels):
            return False
        return not self.handlers or handler in self.handlers


@dataclass
class Matchers:
    """The explicit matches and the journeys' claims, by the label key of the category."""

    explicit: dict[str, int] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)  # touchpoint number -> journey/touchpoint
    written: set[str] = field(default_factory=set)  # the categories as the journeys write them
    channel: bool = False  # some claim restricts the channel
    handler: bool = False  # some claim restricts the handler

    @classmethod
    def of(
        cls, items: Sequence[tuple[Journey, Touchpoint]], explicit: Mapping[str, str] | None = None
    ) -> Matchers:
        """The matchers of the touchpoints ``items`` (in catalogue order) and of ``explicit``
        (log value -> touchpoint key; of two values with the same label key, the later wins:
        give the configuration's first, the command line's after). ValueError for a target
        that names no touchpoint."""
        pairs = [(j.journey, t.id) for j, t in items]
        found = cls(keys=[touchpoint_key(j, t) for j, t in pairs])
        for value, key in (explicit or {}).items():
            found.explicit[label_key(value)] = target(key, pairs)
        for number, (journey, tp) in enumerate(items):
            if tp.evidence is None:
                continue
            rule = tp.evidence.match
            claim = Claim(
                number,
                journey.journey,
                frozenset(map(label_key, rule.channel)),
                frozenset(rule.handled_by),
                rule.restricts,
            )
            found.channel = found.channel or bool(rule.channel)
            found.handler = found.handler or bool(rule.handled_by)
            for category in dict.fromkeys(map(label_key, rule.category)):
                found.claims.setdefault(category, []).append(claim)
            found.written.update(c.strip() for c in rule.category)
        return found

    def resolve(
        self, value: str, journey: str | None, channel: str | None, handler: str | None
    ) -> tuple[int, str, bool]:
        """The touchpoint number a contact is claimed for (-1: none), why not, and whether
        that is final (a tie; else the id matching is tried)."""
        category = label_key(value)
        if category in self.explicit:
            return self.explicit[category], "", True
        claims = self.claims.get(category, [])
        if journey is not None:
            loaded = {c.journey for c in claims}
            journey = journey if journey in loaded else slugify(journey)
        fitting = [c for c in claims if c.fits(journey, channel, handler)]
        if not fitting:
            return -1, self._unfit(claims), False
        best = max(c.restricts for c in fitting)
        winners = sorted({c.number for c in fitting if c.restricts == best})
        if len(winners) == 1:
            return winners[0], "", True
        named = ", ".join(self.keys[n] for n in winners[:TIE_LISTED])
        more = ", ..." if len(winners) > TIE_LISTED else ""
        return (
            -1,
            f"matches {len(winners)} touchpoints ({named}{more}); make their evidence.match "
            "differ by channel or handled_by, or choose one with --match",
            True,
        )

    def _unfit(self, claims: list[Claim]) -> str:
        if not claims:
            return ""
        named = ", ".join(dict.fromkeys(self.keys[c.number] for c in claims[:TIE_LISTED]))
        return f"claimed by the evidence.match of {named} for another journey, channel or handler"
