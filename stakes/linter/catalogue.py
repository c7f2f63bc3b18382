"""The rule catalogue: every rule stakes can report, looked up by code or name."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from stakes.assessment.policy_file import POLICY_RULES
from stakes.findings import Rule
from stakes.journey.format_rules import FORMAT_RULES, UNRESOLVED_JOURNEY


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule (format, policy, journey and suppression rules), ordered by code."""
    from stakes.linter.rules import all_checks
    from stakes.linter.suppress import SUPPRESSION_RULES

    rules = [*FORMAT_RULES, *POLICY_RULES, *(c.rule for c in all_checks()), *SUPPRESSION_RULES]
    return tuple(sorted(rules, key=lambda r: r.code))


@cache
def _suppressible() -> frozenset[str]:
    from stakes.linter.rules import all_checks

    return frozenset(
        {UNRESOLVED_JOURNEY.code, *(c.rule.code for c in all_checks() if c.suppressible)}
    )


def suppressible(rule: Rule) -> bool:
    """Whether an inline comment may silence this rule's findings (hygiene, not the verdict)."""
    return rule.code in _suppressible()


def find_rule(key: str) -> Rule | None:
    """The rule whose code (any case) or name is ``key``."""
    wanted = key.strip().lower()
    for rule in all_rules():
        if wanted in (rule.code.lower(), rule.name):
            return rule
    return None


def matches(rule: Rule, selectors: Iterable[str]) -> bool:
    """Whether any selector names the rule: a code, a code prefix (``STK2``) or a name."""
    for raw in selectors:
        s = raw.strip()
        if s and (rule.code.lower().startswith(s.lower()) or s == rule.name or s.upper() == "ALL"):
            return True
    return False


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """The selectors that name no rule (a typo in --select would otherwise select nothing)."""
    return [s for s in selectors if s.strip() and not any(matches(r, [s]) for r in all_rules())]
