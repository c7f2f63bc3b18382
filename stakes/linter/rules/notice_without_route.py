"""A notice at high stakes gives the customer no way to reach a person.

Why it matters: a notification (a letter, a text, an e-mail they cannot answer in the same
place) or a page that announces no decision holds no conversation, so its verdict is at most
`guarded`. Its stakes still count: a grieving customer told by text that their case moved on,
or a customer warned of a disconnection, must be able to reach someone. At high or critical
stakes, or where the stakes would otherwise ask for a person (`assist` or `human-only` before
the ceiling), such a notice needs a named route to a person (an `escalation`).

Fails:

    - id: case-status-text
      handled_by: ai
      interaction: notification
      signals: {emotion: grieving, vulnerability: likely}

Passes:

    - id: case-status-text
      handled_by: ai
      interaction: notification
      signals: {emotion: grieving, vulnerability: likely}
      escalation: {to: bereavement-team}
    - id: bereavement-team
      handled_by: human
      signals: {emotion: grieving}
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.assessment.scoring import verdict_rank
from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK406"
NAME = "notice-without-route"
SEVERITY = Severity.WARNING
SUMMARY = "A notification or page at high stakes names no way to reach a person."
SUPPRESSIBLE = True
REPORTS_AT = ("interaction",)


def check(ctx: Context) -> Iterator[Finding]:
    """Notifications and views that decide nothing, at high or critical stakes, with no
    escalation."""
    for t in ctx.assessment:
        tp = t.touchpoint
        if tp.interaction == "conversation" or tp.escalation is not None:
            continue
        r = t.result
        asks = max((r.matrix_verdict, *(h.at_least for h in r.hard_rules)), key=verdict_rank)
        high = r.level in ("high", "critical") or verdict_rank(asks) >= verdict_rank("assist")
        if tp.announces_nothing and high and not t.unsaid:
            yield ctx.at(
                t,
                f"a {tp.interaction} where the stakes ask for {asks} ({r.score} {r.level}) "
                "names no way to reach a person",
                "interaction",
                hint="add escalation: {to: <a human touchpoint>} and name it in the notice "
                "(a phone number, a reply that a person reads)",
            )
