"""A moment that takes a decision does not say how complex it is.

Why it matters: complexity is the other axis of the verdict matrix (after Wirtz et al. 2018:
how much cognitive-analytical and emotional-social work the moment takes). Not given, it counts
as `low`, and a decision is rarely low: the verdict may be softer than the moment deserves.
docs/scoring.md says how to choose low, medium or high, with examples.

Fails:

    - id: claim-decision
      handled_by: human
      signals: {emotion: anxious, decision_effect: significant}

Passes:

    - id: claim-decision
      handled_by: human
      signals: {emotion: anxious, decision_effect: significant, complexity: medium}
"""

from __future__ import annotations

from collections.abc import Iterator

from stakes.findings import Finding, Severity
from stakes.linter.context import Context

CODE = "STK405"
NAME = "complexity-unset"
SEVERITY = Severity.INFO
SUMMARY = "A moment that takes a significant or legal decision does not say how complex it is."
SUPPRESSIBLE = True
REPORTS_AT = ("signals.decision_effect",)


def check(ctx: Context) -> Iterator[Finding]:
    """Touchpoints with a significant or legal decision and no complexity given."""
    for t in ctx.assessment:
        signals = t.touchpoint.signals
        decides = signals.decision_effect in ("significant", "legal")
        if decides and "complexity" not in signals.model_fields_set and not t.unsaid:
            yield ctx.at(
                t,
                f"a {signals.decision_effect} decision is taken here, but the signals do not say "
                "how complex it is (read as low)",
                "signals",
                "decision_effect",
                hint="add complexity: low, medium or high (docs/scoring.md has examples)",
            )
