"""A touchpoint does not say what is at stake: no signals, or not how the customer feels.

Why it matters: stakes reads a signal that is not given as its lowest value. A moment nobody
has assessed would then score as if nothing were at stake, and the report would call a person
there capacity for a bot. Such a touchpoint is `unassessed` instead: its verdict is only a
floor, it is never counted as under-automated, and the report lists it apart until its signals
are written. The emotion is the one signal every assessment needs: how the customer feels at
that moment is what the rest is weighed against.

Fails:

    - id: resolution-call
      handled_by: human

Passes:

    - id: resolution-call
      handled_by: human
      signals: {emotion: frustrated, money_at_stake: 120}
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK404"
NAME = "unassessed"
SEVERITY = Severity.WARNING
SUMMARY = "A touchpoint does not say what is at stake (no signals, or no emotion); not assessed."
SUPPRESSIBLE = True
REPORTS_AT = ("handled_by", "signals")


def check(ctx: Context) -> Iterator[Finding]:
    """Touchpoints with no signals, or whose signals do not give the emotion."""
    for t in ctx.assessment:
        if not t.unsaid:
            continue
        floor = (
            f"; until then its verdict is at least {t.verdict}" if t.verdict != "automate" else ""
        )
        if t.unsaid == ("signals",):
            yield ctx.at(
                t,
                "no signals: stakes cannot say what is at stake here, so it does not assess it",
                "handled_by",
                hint="add signals, at least the customer's emotion (stakes schema lists them)"
                + floor,
            )
        else:
            yield ctx.at(
                t,
                "the signals do not say how the customer feels (emotion): not assessed",
                "signals",
                hint="add emotion: calm, anxious, frustrated, angry ... (stakes policy lists them)"
                + floor,
            )
