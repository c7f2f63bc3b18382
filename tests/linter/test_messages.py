"""What findings say: only what is known (issue #17: friction found by new users)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID, invoke

LOOPING = VALID.replace("handled_by: self-service", "handled_by: ai").replace(
    "money_at_stake: 120", "prior_contacts: 2"
)


@pytest.mark.usefixtures("in_tmp")
def test_stk205_says_only_what_was_declared() -> None:
    # It said "2 earlier contacts, 0% come back" when no repeat rate was declared.
    Path("j.yaml").write_text(LOOPING, encoding="utf-8")
    out = invoke("lint", "--isolated", "j.yaml").output
    assert "loop-prone (2 earlier contacts) but no human is offered" in out
    Path("j.yaml").write_text(
        LOOPING.replace("prior_contacts: 2", "repeat_contact_rate: 0.5"), encoding="utf-8"
    )
    out = invoke("lint", "--isolated", "j.yaml").output
    assert "loop-prone (50% of customers come back) but" in out


@pytest.mark.usefixtures("in_tmp")
def test_an_unknown_escalation_target_lists_the_touchpoints_there() -> None:
    # STK018 only guessed by spelling; with no close match it said nothing at all (issue #17,
    # item 11).
    Path("j.yaml").write_text(
        VALID.replace("to: dispute-specialist", "to: dispute-specialst"), encoding="utf-8"
    )
    out = invoke("lint", "--isolated", "j.yaml").output
    assert (
        "hint: did you mean 'dispute-specialist'? the touchpoints are invoice-faq, "
        "dispute-specialist"
    ) in out
    Path("j.yaml").write_text(VALID.replace("to: dispute-specialist", "to: manager"), "utf-8")
    out = invoke("lint", "--isolated", "j.yaml").output
    assert "hint: the touchpoints are invoice-faq, dispute-specialist" in out
