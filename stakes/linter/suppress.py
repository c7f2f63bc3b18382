"""Inline suppressions: ``# stakes: ignore[CODE] reason`` on a finding's line or the line above.

Hygiene findings can be silenced this way, with a written reason, and a suppression that
silences nothing is itself reported. Findings about the verdict itself (a bot handling a
human-only moment, say) cannot: only a reviewed ``override`` in the journey changes a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from stakes.findings import Finding, Rule, Severity, finding

UNUSED = Rule(
    "STK501",
    "unused-suppression",
    Severity.WARNING,
    "A suppression comment silences nothing.",
    """A `# stakes: ignore[...]` comment whose rule no longer reports anything on its line or the
next is noise that hides nothing today and may hide something tomorrow. Remove it.

Fails:

    - id: fraud-bot
      handled_by: ai
      # stakes: ignore[STK202] Fraud team gets the case file by secure email.
      escalation: {to: fraud-team, keeps_context: true}
    - id: fraud-team
      handled_by: human

Passes:

    - id: fraud-bot
      handled_by: ai
      escalation: {to: fraud-team, keeps_context: true}
    - id: fraud-team
      handled_by: human
""",
)
INVALID = Rule(
    "STK502",
    "invalid-suppression",
    Severity.ERROR,
    "A suppression comment has no reason or names no known rule.",
    """Every suppression needs a written reason, so that a reviewer can judge it, and must name
rules by code (`STK202`) or name (`escalation-drops-context`). An invalid suppression silences
nothing.

Fails:

    - id: fraud-bot
      handled_by: ai
      escalation: {to: fraud-team, keeps_context: false}  # stakes: ignore[STK202]
    - id: fraud-team
      handled_by: human

Passes:

    - id: fraud-bot
      handled_by: ai
      # stakes: ignore[STK202] Case file goes by secure email.
      escalation: {to: fraud-team, keeps_context: false}
    - id: fraud-team
      handled_by: human
""",
)
UNSUPPRESSIBLE = Rule(
    "STK503",
    "unsuppressible",
    Severity.ERROR,
    "A suppression comment names a rule that comments cannot silence.",
    """Findings about the verdict itself (over-automated moments, missing escalation where the
verdict requires it, automated legal decisions, expired or unreviewed overrides) cannot be
silenced by a comment: a comment has no approver and no expiry. Record a reviewed `override`
on the touchpoint instead, with `reason`, `approved_by` and `expires`. Nor can the findings of
the jurisdictions' rule packs (STK601-STK614): meet the rule, or switch it off in the policy's
pack with a `reason` and `approved_by`. Format errors cannot be silenced either: a journey that
breaks the format cannot be assessed at all.

Fails:

    - id: night-billing-bot   # stakes: ignore[STK101] The bot is good enough.
      handled_by: ai
      signals: {emotion: angry, prior_contacts: 3, decision_effect: significant}

Passes:

    - id: night-billing-bot
      handled_by: ai
      signals: {emotion: angry, prior_contacts: 3, decision_effect: significant}
      override:
        verdict: guarded
        reason: Night pilot with a live supervisor; ends when the night team starts.
        approved_by: head-of-billing-cx
        expires: 2027-03-31
""",
)
SUPPRESSION_RULES = (UNUSED, INVALID, UNSUPPRESSIBLE)

_COMMENT = re.compile(r"(?:^|\s)#\s*stakes:\s*ignore\[([^\]]*)\]\s*(.*?)\s*$")


@dataclass(frozen=True, slots=True)
class Suppression:
    """One ``# stakes: ignore[...]`` comment: where it is, what it names, and why."""

    line: int
    col: int
    names: tuple[str, ...]
    reason: str


def parse_suppressions(
    text: str, inside_scalar: Callable[[int, int], bool] | None = None
) -> list[Suppression]:
    """Every suppression comment in a file's text; ``inside_scalar(line, col)`` (1-based) tells
    a ``#`` inside a quoted string or a block of text, which is not a comment."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if "stakes:" not in line:
            continue
        match = _COMMENT.search(line)
        if match:
            col = line.index("#", match.start()) + 1
            if inside_scalar is not None and inside_scalar(number, col):
                continue
            names = tuple(n.strip() for n in match.group(1).split(",") if n.strip())
            found.append(Suppression(number, col, names, match.group(2)))
    return found


def apply_suppressions(
    file: str,
    text: str,
    findings: Iterable[Finding],
    lookup: Callable[[str], Rule | None],
    suppressible: Callable[[Rule], bool],
) -> tuple[list[Finding], int]:
    """The findings that stay (plus findings about the comments) and how many were silenced."""
    comments = parse_suppressions(text, _scalar_test(text)) if "stakes:" in text else []
    kept = list(findings)
    if not comments:
        return kept, 0
    problems: list[Finding] = []
    silenced: set[int] = set()
    for s in comments:
        rules: list[Rule] = []
        for name in s.names or ("",):
            rule = lookup(name)
            if rule is None:
                problems.append(_note(INVALID, file, s, f"{name!r} is not a rule of stakes"))
            elif not suppressible(rule) and rule.code < "STK100":
                problems.append(
                    _note(
                        UNSUPPRESSIBLE,
                        file,
                        s,
                        f"{rule.title} is a format error: a journey that breaks the format "
                        "cannot be assessed, so it cannot be silenced",
                        "fix the file; `stakes rules " + rule.code + "` shows how",
                    )
                )
            elif not suppressible(rule) and rule.code.startswith("STK6"):
                problems.append(
                    _note(
                        UNSUPPRESSIBLE,
                        file,
                        s,
                        f"{rule.title} is about the law and cannot be silenced by a comment",
                        "meet the rule, or switch it off in the policy's pack with a reason and "
                        "approved_by (docs/compliance.md)",
                    )
                )
            elif not suppressible(rule):
                problems.append(
                    _note(
                        UNSUPPRESSIBLE,
                        file,
                        s,
                        f"{rule.title} is about the verdict and cannot be silenced by a comment",
                        "record a reviewed override (reason, approved_by, expires) instead",
                    )
                )
            else:
                rules.append(rule)
        if not s.reason:
            problems.append(_note(INVALID, file, s, "a suppression needs a reason after the ]"))
            continue
        for rule in rules:
            hits = [
                i
                for i, f in enumerate(kept)
                if f.rule.code == rule.code and f.line in (s.line, s.line + 1)
            ]
            if hits:
                silenced.update(hits)
            else:
                problems.append(
                    _note(UNUSED, file, s, f"nothing to silence: {rule.title} reports nothing here")
                )
    remaining = [f for i, f in enumerate(kept) if i not in silenced]
    return remaining + problems, len(silenced)


def _note(rule: Rule, file: str, s: Suppression, message: str, hint: str = "") -> Finding:
    return finding(rule, message, file, s.line, s.col, hint=hint)


def _scalar_test(text: str) -> Callable[[int, int], bool]:
    from stakes.journey.loader import scalar_spans

    spans = scalar_spans(text)

    def inside(line: int, col: int) -> bool:
        here = (line - 1, col - 1)
        return any(start <= here < end for start, end in spans)

    return inside
