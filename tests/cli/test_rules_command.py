"""`stakes rules`: the listing and one rule's documentation."""

from __future__ import annotations

import pytest
from conftest import invoke

from stakes.linter.rules import all_checks
from stakes.linter.suppress import SUPPRESSION_RULES

#: Every test runs in its own folder, outside any CI environment the suite runs in.
pytestmark = pytest.mark.usefixtures("in_tmp")


def test_rules_lists_every_journey_and_suppression_rule() -> None:
    listing = invoke("rules").stdout.splitlines()
    rules = [*(c.rule for c in all_checks()), *SUPPRESSION_RULES]
    assert {r.code[:4] for r in rules} == {"STK1", "STK2", "STK3", "STK4", "STK5", "STK6"}
    for rule in rules:
        (line,) = [x for x in listing if x.startswith(rule.code + " ")]
        assert rule.name in line and rule.severity.label in line and rule.summary in line


@pytest.mark.parametrize("key", ["STK201", "escalation-missing", "stk201"])
def test_rules_documents_one_rule(key: str) -> None:
    result = invoke("rules", key)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("STK201 escalation-missing (error)\n")
    assert "Why it matters" in out
    assert out.index("Fails:") < out.index("Passes:")


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("STK40", "rules STK401 to STK4"),
        ("escalaton-missing", "did you mean 'escalation-missing'?"),
    ],
)
def test_an_unknown_rule_gets_a_suggestion(key: str, said: str) -> None:
    result = invoke("rules", key)
    assert result.exit_code == 2
    assert said in result.stderr
