"""An override has passed its expiry date.

Why it matters: an override is a reviewed exception ("a supervised AI pilot until March"). Once
it expires nobody has reviewed the exception any more; stakes stops applying it, and CI fails
until the team renews it (with a new review) or removes it.

Fails:

    override: {verdict: guarded, reason: Pilot, approved_by: head-of-cx, expires: 2024-03-31}

Passes:

    override: {verdict: guarded, reason: Pilot, approved_by: head-of-cx, expires: 2027-03-31}
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK301"
NAME = "override-expired"
SEVERITY = Severity.ERROR
SUMMARY = "An override's expiry date has passed; it is no longer applied."
SUPPRESSIBLE = False
REPORTS_AT = ("override.expires",)


def check(ctx: Context) -> Iterator[Finding]:
    """Overrides whose expires date is before today (or --as-of)."""
    for t in ctx.assessment:
        o = t.touchpoint.override
        if o is not None and o.expires is not None and o.expires < ctx.assessment.as_of:
            yield ctx.at(
                t,
                f"the override to {o.verdict} expired on {o.expires.isoformat()}; the computed "
                f"verdict {t.computed_verdict} applies again",
                "override",
                "expires",
                hint="renew it after a new review, or remove it",
            )
