"""Escalation design across a portfolio: where a customer cannot reach a person, or reaches
one without their history, or is sent from bot to bot, or round in a circle."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from stakes.assessment.policy import Policy
from stakes.assessment.results import TouchpointAssessment
from stakes.assessment.scoring import verdict_rank
from stakes.journey.model import AI_HANDLERS

GapKind = Literal["missing", "drops-context", "bot-to-bot", "cycle", "no-turn-limit"]

#: The order gaps are listed in, and what each means for the customer.
KINDS: dict[GapKind, str] = {
    "missing": "AI or self-service moments with no way to reach a person",
    "drops-context": "handovers that drop the history, so the customer starts again",
    "bot-to-bot": "escalations that hand the customer to another bot",
    "cycle": "escalation paths that lead back to where the customer started",
    "no-turn-limit": "loop-prone moments where no human is offered after a set number of turns",
}


@dataclass(frozen=True, slots=True)
class Gap:
    """One escalation problem at one touchpoint; ``path`` holds the keys of a cycle."""

    kind: GapKind
    at: TouchpointAssessment
    detail: str = ""
    path: tuple[str, ...] = ()
    target: str = ""


def _target_key(t: TouchpointAssessment) -> str | None:
    esc = t.touchpoint.escalation
    if esc is None:
        return None
    journey, sep, tp = esc.to.partition("#")
    return f"{journey}/{tp}" if sep else f"{t.journey.journey}/{esc.to}"


def loop_prone(t: TouchpointAssessment, policy: Policy) -> bool:
    """Customers typically come back here, or come here after earlier contacts."""
    s, limit = t.touchpoint.signals, policy.loop_prone
    return s.prior_contacts >= limit.prior_contacts or (
        s.repeat_contact_rate >= limit.repeat_contact_rate
    )


def escalation_gaps(touchpoints: Iterable[TouchpointAssessment], policy: Policy) -> list[Gap]:
    """Every escalation gap, grouped by kind in ``KINDS`` order, touchpoints in input order."""
    items = list(touchpoints)
    by_key = {t.key: t for t in items}
    found: dict[GapKind, list[Gap]] = {kind: [] for kind in KINDS}
    for t in items:
        ai = t.touchpoint.handled_by in AI_HANDLERS
        esc = t.touchpoint.escalation
        if esc is None:
            if ai and verdict_rank(t.verdict) > verdict_rank("automate"):
                found["missing"].append(Gap("missing", t))
            continue
        target = by_key.get(_target_key(t) or "")
        if not esc.keeps_context:
            found["drops-context"].append(Gap("drops-context", t, target=esc.to))
        # A touchpoint escalating to itself is reported once, as a cycle.
        if ai and target is not None and target is not t:
            handler = target.touchpoint.handled_by
            if handler in AI_HANDLERS:
                found["bot-to-bot"].append(
                    Gap("bot-to-bot", t, f"handled by {handler}", target=esc.to)
                )
        if ai and esc.offer_after_turns is None and loop_prone(t, policy):
            s = t.touchpoint.signals
            found["no-turn-limit"].append(
                Gap(
                    "no-turn-limit",
                    t,
                    f"{s.prior_contacts} earlier contact{'' if s.prior_contacts == 1 else 's'}, "
                    f"{s.repeat_contact_rate:.0%} come back",
                )
            )
    found["cycle"] = _cycles(items, by_key)
    return [gap for kind in KINDS for gap in found[kind]]


def _cycles(
    items: list[TouchpointAssessment], by_key: dict[str, TouchpointAssessment]
) -> list[Gap]:
    """Each escalation cycle once, reported at its first touchpoint in input order."""
    order = {t.key: i for i, t in enumerate(items)}
    nxt = {t.key: k for t in items if (k := _target_key(t)) in by_key}
    seen: set[str] = set()
    gaps: list[Gap] = []
    for t in items:
        path: list[str] = []
        key: str | None = t.key
        while key is not None and key not in seen and key not in path:
            path.append(key)
            key = nxt.get(key)
        if key is not None and key in path:
            cycle = path[path.index(key) :]
            first = min(cycle, key=order.__getitem__)
            start = cycle.index(first)
            ring = tuple(cycle[start:] + cycle[:start])
            target = ring[1 % len(ring)]  # a touchpoint may escalate to itself
            gaps.append(Gap("cycle", by_key[first], " -> ".join((*ring, ring[0])), ring, target))
        seen.update(path)
    gaps.sort(key=lambda g: order[g.at.key])
    return gaps
