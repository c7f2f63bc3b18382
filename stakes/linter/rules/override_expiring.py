"""An override expires within 30 days.

Why it matters: when an override expires, the computed verdict applies again and CI fails.
A warning a month ahead gives the team time to review the exception, renew it or end it.
Overrides without an expiry date are reported too: every exception should end.

Fails (on 2027-03-10):

    override: {verdict: guarded, reason: Pilot, approved_by: head-of-cx, expires: 2027-03-31}

Passes:

    override: {verdict: guarded, reason: Pilot, approved_by: head-of-cx, expires: 2027-09-30}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK303"
NAME = "override-expiring"
SEVERITY = Severity.WARNING
SUMMARY = "An override expires within 30 days, or has no expiry date."
SUPPRESSIBLE = True
REPORTS_AT = ("override", "override.expires")

DAYS = 30


def check(ctx: Context) -> Iterator[Finding]:
    """Overrides expiring within DAYS days of today (or --as-of), or never."""
    today = ctx.assessment.as_of
    for t in ctx.assessment:
        o = t.touchpoint.override
        if o is None:
            continue
        if o.expires is None:
            yield ctx.at(
                t,
                f"the override to {o.verdict} never expires",
                "override",
                hint="add expires: YYYY-MM-DD so the exception is reviewed again",
            )
        elif today <= o.expires <= today + dt.timedelta(days=DAYS):
            days = (o.expires - today).days
            yield ctx.at(
                t,
                f"the override to {o.verdict} expires in {days} day{'s' if days != 1 else ''} "
                f"({o.expires.isoformat()})",
                "override",
                "expires",
                hint="review it now: renew, or plan the change it was covering",
            )
