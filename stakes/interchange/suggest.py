"""Signals suggested from the cues heard in an intent's utterances, each with its evidence,
written as a commented-out ``signals:`` block the analyst uncomments.

A cue suggests its signals when it is in at least the lexicon's share of the utterances and
in at least its number of them (``cues.Lexicon``); an intent without utterances is read by
its name, and a cue in the name is enough. Where cues disagree, the value that raises the
stakes most wins (the most intense emotion, the likelier vulnerability, irreversible over
reversible, every category of personal data), and the evidence of every cue is shown. The
money at stake is the median of the largest amount each utterance with an amount names.
Every number in the evidence is a count of utterances (or names).
"""

from __future__ import annotations

import statistics
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stakes.interchange.cues import AMOUNT, Hits, Lexicon, lexicon, scan, yaml_value
from stakes.journey.signal_kinds import Axis, Categories, Flag, Intensity, Qualifier, Scale
from stakes.journey.signals import DEFAULT_EMOTIONS, by_name, signals
from stakes.shown import shown

#: How many forms of a cue its evidence shows, and how long one value's evidence may be (a
#: YAML comment is cut at 300 characters: whole cues are left out instead, and counted).
SHOWN_FORMS = 2
EVIDENCE_LIMIT = 220


@dataclass(frozen=True, slots=True)
class Source:
    """What the cues were heard in: ``total`` utterances, or names (an intent's, or its
    group's intents') when ``names``."""

    total: int
    names: bool = False

    def of(self, count: int) -> str:
        """Where a cue was heard ``count`` times: ``in 31 of 82``, ``in its name``."""
        if self.names:
            return "in its name" if self.total == 1 else f"in {count} of its {self.total} names"
        return f"in {count:,} of {self.total:,}"


@dataclass(slots=True)
class Suggestion:
    """One signal's suggested value, and the evidence for it (one phrase per cue)."""

    signal: str
    value: Any
    evidence: list[str] = field(default_factory=list)


def todo(texts: Sequence[str], names: bool = False) -> str:
    """The to-do above an unassessed touchpoint whose utterances (or names, with ``names``)
    are ``texts``: the signals they suggest, as a block to uncomment."""
    total, hits = scan(texts)
    source = Source(total, names)
    return block(suggestions(heard(hits, source), source), source)


def group_todo(intents: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The to-do of a touchpoint for a group of intents (each name and its utterances): a
    cue heard often enough in any one of them counts for the group (the moment holds the
    stakes of each), with its count in all their utterances and the intent it was heard in
    most."""
    pooled: dict[str, Hits] = {}
    counted: set[str] = set()
    best: dict[str, float] = {}
    everything = 0
    for name, utterances in intents:
        total, hits = scan(utterances)
        everything += total
        kept = {hit.cue.id for hit in heard(hits, Source(total))}
        counted |= kept
        for cue, hit in hits.items():
            if cue not in pooled:
                pooled[cue] = Hits(hit.cue)
            pooled[cue].add(hit)
            share = hit.count / total
            if len(intents) > 1 and cue in kept and share > best.get(cue, 0):
                best[cue] = share
                pooled[cue].where = f"{name}: {hit.count} of {total}"
    source = Source(everything)
    return block(suggestions([pooled[c] for c in sorted(counted)], source), source)


def heard(hits: Mapping[str, Hits], source: Source, lex: Lexicon | None = None) -> list[Hits]:
    """The cues heard often enough to suggest something: in at least the lexicon's share of
    the utterances and in at least its number of them; in names, once is enough."""
    lex = lex or lexicon()
    if source.names:
        return [hit for hit in hits.values() if hit.count]
    least = max(lex.least, lex.share * source.total)
    return [hit for hit in hits.values() if hit.count >= least]


def suggestions(hits: list[Hits], source: Source) -> list[Suggestion]:
    """The suggested signals, in the order of the journey format, from the cues ``heard``."""
    proposed: dict[str, list[tuple[Any, Hits]]] = {}
    for hit in sorted(hits, key=lambda h: (-h.count, h.cue.id)):
        for name, value in hit.cue.suggests.items():
            if name in by_name():
                proposed.setdefault(name, []).append((value, hit))
    out = []
    for spec in signals():
        said = proposed.get(spec.name)
        if not said:
            continue
        if spec.name == "money_at_stake":
            made = _money(said, source)
        else:
            made = _chosen(spec.name, said, source)
        if made is not None:
            made.evidence = made.evidence or [_evidence(hit, source) for _, hit in said]
            out.append(made)
    return out


def _chosen(name: str, said: list[tuple[Any, Hits]], source: Source) -> Suggestion | None:
    """The value that raises the stakes most among those suggested for the signal ``name``;
    the evidence of each cue, with the value it suggested when they differ."""
    kind = by_name()[name].kind
    values = [value for value, _ in said]
    if isinstance(kind, Categories):
        wanted = {v for value in values for v in value}
        chosen: Any = [v for v in kind.values if v in wanted]
        if len(chosen) < 2:
            return Suggestion(name, chosen) if chosen else None
        evidence = [f"{'/'.join(value)}: {_evidence(hit, source)}" for value, hit in said]
        return Suggestion(name, chosen, evidence)
    order: tuple[Any, ...]
    if isinstance(kind, Intensity):
        order = DEFAULT_EMOTIONS
    elif isinstance(kind, Scale | Axis | Qualifier):
        order = kind.values
    elif isinstance(kind, Flag):
        order = (not kind.raises_when, kind.raises_when)
    else:  # a count (prior contacts), or a switch that raises the complexity when true
        order = tuple(sorted(set(values), key=float))
    ranked = [v for v in values if v in order]
    if not ranked:
        return None
    chosen = max(ranked, key=order.index)
    if len({yaml_value(v) for v in values}) > 1:
        # The chosen value's evidence first, then the others'.
        first = sorted(said, key=lambda pair: yaml_value(pair[0]) != yaml_value(chosen))
        evidence = [f"{yaml_value(value)}: {_evidence(hit, source)}" for value, hit in first]
        return Suggestion(name, chosen, evidence)
    return Suggestion(name, chosen)


def _money(said: list[tuple[Any, Hits]], source: Source) -> Suggestion | None:
    """The median of the largest amount each utterance names, in their currencies."""
    pairs = [(a, hit) for value, hit in said if value == AMOUNT for a in hit.amounts]
    if not pairs:
        return None
    median = statistics.median(value for (value, _), _ in pairs)
    value: float | int = int(median) if float(median).is_integer() else round(median, 2)
    currencies = Counter(currency or "no currency" for (_, currency), _ in pairs)
    named = ", ".join(f"{c} in {n}" for c, n in currencies.most_common())
    evidence = (
        f"{_evidence(pairs[0][1], source)}: the median of the largest amount each names "
        f"({named}; set the journey's currency)"
    )
    return Suggestion("money_at_stake", value, [evidence])


def _evidence(hit: Hits, source: Source) -> str:
    """A cue's evidence: ``theft ('stolen', 'stole') in 31 of 82``."""
    forms = ", ".join(f"'{form}'" for form, _ in hit.forms.most_common(SHOWN_FORMS))
    more = ", ..." if len(hit.forms) > SHOWN_FORMS else ""
    where = f" ({shown(hit.where, 140)})" if hit.where else ""
    return f"{hit.cue.id} ({forms}{more}) {source.of(hit.count)}{where}"


def block(found: list[Suggestion], source: Source) -> str:
    """The to-do above an unassessed touchpoint: the suggestions as a ``signals:`` block to
    uncomment (newline-separated lines), or the signals to add when there is none."""
    if source.names:
        said = "its name" if source.total == 1 else f"its {source.total} names"
    else:
        said = f"its {source.total:,} utterance{'s' * (source.total != 1)}"
    if not found:
        names = ", ".join(spec.name for spec in signals() if spec.name != "emotion")
        listed = textwrap.wrap(f"emotion (needed), and those that apply: {names}", 86)
        head = f"TODO: what is at stake here? No cue in {said} suggests a signal. Add signals:"
        return "\n".join([head, *(f"  {line}" for line in listed)])
    lines = [(f"{s.signal}: {yaml_value(s.value)}", _fitted(s.evidence)) for s in found]
    width = max(len(value) for value, _ in lines)
    emotion = any(s.signal == "emotion" for s in found)
    ask = "uncomment what you accept" + ("" if emotion else "; no cue suggests the emotion: add it")
    head = f"TODO: what is at stake here? Suggested from {said} ({ask}):"
    body = [f"  {value.ljust(width)}  # {evidence}" for value, evidence in lines]
    return "\n".join([head, "signals:", *body])


def _fitted(evidence: list[str]) -> str:
    """The evidence of one value, the first cues that fit in ``EVIDENCE_LIMIT``, and how
    many more there are."""
    shown_cues = list(evidence)
    while len(shown_cues) > 1 and len("; ".join(shown_cues)) > EVIDENCE_LIMIT:
        shown_cues.pop()
    extra = len(evidence) - len(shown_cues)
    more = [f"and {extra} more cue{'s' * (extra != 1)}"] if extra else []
    return "; ".join(shown_cues + more)
