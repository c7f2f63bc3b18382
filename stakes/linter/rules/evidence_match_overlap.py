"""Two touchpoints claim the same contacts of a log.

Why it matters: `stakes evidence` and `map --evidence` give a contact to the touchpoint whose
`evidence.match` restricts more fields (category, channel, handled_by). When two claims are
equally precise and a contact fits both, neither gets it: the contact is left out of the
metrics as "matches 2 touchpoints", and what customers live at both goes unmeasured.

Fails:

    - id: billing-chat
      handled_by: ai
      evidence: {match: {category: [billing]}}
    - id: billing-call
      handled_by: human
      evidence: {match: {category: [Billing]}}

Passes:

    - id: billing-chat
      handled_by: ai
      evidence: {match: {category: [billing], channel: [chat]}}
    - id: billing-call
      handled_by: human
      evidence: {match: {category: [Billing], channel: [phone]}}
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK407"
NAME = "evidence-match-overlap"
SEVERITY = Severity.WARNING
SUMMARY = "Two touchpoints' evidence.match claim the same contacts equally precisely."
SUPPRESSIBLE = True
REPORTS_AT = ("evidence.match",)


def check(ctx: Context) -> Iterator[Finding]:
    """Each claim that ties with an earlier one, at the later one's evidence.match."""
    claimed = [(t, t.touchpoint.evidence.match) for t in ctx.assessment if t.touchpoint.evidence]
    for i, (t, rule) in enumerate(claimed):
        earlier = [o.key for o, other in claimed[:i] if rule.overlaps(other)]
        if earlier:
            yield ctx.at(
                t,
                f"its evidence.match claims the contacts {earlier[0]} claims, as precisely: "
                "a contact that fits both is left unmatched",
                "evidence",
                "match",
                hint="tell them apart by channel or handled_by, or name the touchpoint of the "
                'category with --match "VALUE=journey/touchpoint"',
            )
