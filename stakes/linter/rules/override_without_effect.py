"""An override sets the verdict the touchpoint already has.

Why it matters: an override is a reviewed exception. One that repeats the computed verdict
changes nothing today, yet reads as a decision someone took, and it goes on deciding silently
when the signals or the policy change: the computed verdict moves and the override holds the
old one without anyone reviewing it again. (An override that records why a bot may handle
sensitive data with no way to a person, STK402, does change something, and is not reported.)

Fails:

    - id: status-bot
      handled_by: ai
      override: {verdict: automate, reason: Shows the status, approved_by: head-of-cx}

Passes:

    - id: status-bot
      handled_by: ai
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context
from stakes.linter.rules.sensitive_data_without_escalation import exposed

CODE = "STK304"
NAME = "override-without-effect"
SEVERITY = Severity.WARNING
SUMMARY = "An override sets the verdict the touchpoint already has; it changes nothing."
SUPPRESSIBLE = True
REPORTS_AT = ("override.verdict",)


def check(ctx: Context) -> Iterator[Finding]:
    """Overrides whose verdict equals the computed one."""
    for t in ctx.assessment:
        o = t.touchpoint.override
        if o is not None and o.verdict == t.computed_verdict and not exposed(t.touchpoint):
            yield ctx.at(
                t,
                f"the override to {o.verdict} changes nothing: {o.verdict} is already the "
                "computed verdict",
                "override",
                "verdict",
                hint="remove the override; a verdict that should stay fixed needs a signal "
                "or a policy rule, not an exception",
            )
