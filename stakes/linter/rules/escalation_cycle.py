"""Following the escalations leads back to where the customer started.

Why it matters: a cycle in the escalation graph is a designed "doom loop": the customer who
asks for help is routed round and back to the start, and never reaches anyone who can resolve
the issue.

Fails:

    - id: night-billing-bot
      handled_by: ai
      escalation: {to: callback-request}
    - id: callback-request
      handled_by: hybrid
      escalation: {to: night-billing-bot}

Passes:

    - id: night-billing-bot
      handled_by: ai
      escalation: {to: callback-request}
    - id: callback-request
      handled_by: hybrid
      escalation: {to: billing-specialist}
    - id: billing-specialist
      handled_by: human
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.assessment.results import Assessment
from stakes.findings import Finding, Severity
from stakes.journey.keys import target_key
from stakes.linter.context import Context
from stakes.linter.escalation import Gap

CODE = "STK204"
NAME = "escalation-cycle"
SEVERITY = Severity.ERROR
SUMMARY = "Escalations form a cycle that routes the customer back to the start."
SUPPRESSIBLE = True
REPORTS_AT = ("escalation.to",)
GAP = "escalation paths that lead back to where the customer started"


def gaps(assessment: Assessment) -> Iterator[Gap]:
    """Each escalation cycle once, reported at its first touchpoint in assessment order."""
    keys = [t.key for t in assessment]
    order = {key: i for i, key in enumerate(keys)}
    nxt = {}
    for t, at_key in zip(assessment, keys, strict=True):
        esc = t.touchpoint.escalation
        if esc is not None and (to := target_key(esc.to, t.journey.journey)) in order:
            nxt[at_key] = to
    seen: set[str] = set()
    found: list[Gap] = []
    for start_key in keys:
        path: list[str] = []
        key: str | None = start_key
        while key is not None and key not in seen and key not in path:
            path.append(key)
            key = nxt.get(key)
        if key is not None and key in path:
            cycle = path[path.index(key) :]
            first = min(cycle, key=order.__getitem__)
            start = cycle.index(first)
            ring = tuple(cycle[start:] + cycle[:start])
            target = ring[1 % len(ring)]  # a touchpoint may escalate to itself
            at = assessment.find(first)
            assert at is not None
            found.append(Gap(CODE, GAP, at, " -> ".join((*ring, ring[0])), ring, target))
        seen.update(path)
    yield from sorted(found, key=lambda g: order[g.at.key])


def check(ctx: Context) -> Iterator[Finding]:
    """One finding per escalation cycle, at its first touchpoint's target."""
    for gap in gaps(ctx.assessment):
        yield ctx.at(
            gap.at,
            "escalations loop back: " + " -> ".join((*gap.path, gap.path[0])),
            "escalation",
            "to",
            hint="end the path at a person who can resolve the issue",
        )
