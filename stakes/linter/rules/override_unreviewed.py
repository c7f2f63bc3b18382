"""An override has no reason or no approver.

Why it matters: an override changes what a bot is allowed to do at a moment that matters to
customers. Without a written reason and a named approver it is an unreviewed exception, and
stakes does not apply it.

Fails:

    override: {verdict: automate}

Passes:

    override:
      verdict: guarded
      reason: Supervised pilot; a team lead watches every conversation.
      approved_by: head-of-cx
      expires: 2027-03-31
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK302"
NAME = "override-unreviewed"
SEVERITY = Severity.ERROR
SUMMARY = "An override lacks a reason or an approver; it is not applied."
SUPPRESSIBLE = False
REPORTS_AT = ("override",)


def check(ctx: Context) -> Iterator[Finding]:
    """Overrides without reason or approved_by."""
    for t in ctx.assessment:
        o = t.touchpoint.override
        if o is None:
            continue
        missing = o.unreviewed
        if missing:
            yield ctx.at(
                t,
                f"the override to {o.verdict} has no {' and no '.join(missing)}; it is not applied",
                "override",
                hint="write why, who approved it, and until when (expires)",
            )
