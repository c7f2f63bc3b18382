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


@pytest.mark.usefixtures("in_tmp")
def test_a_misspelt_required_key_says_both_in_one_finding() -> None:
    # A missing `channel` and an unknown `chanel` were two findings (issue #17, item 12).
    Path("j.yaml").write_text(VALID.replace("channel: web", "chanel: web"), encoding="utf-8")
    out = invoke("lint", "--isolated", "j.yaml", "--format", "json").stdout
    assert out.count('"code": "STK010"') == 1 and '"STK011"' not in out
    assert "unknown key 'chanel', and the required key 'channel' is missing" in out
    assert "did you mean 'channel'?" in out


@pytest.mark.usefixtures("in_tmp")
def test_one_missing_escalation_is_named_as_one_problem() -> None:
    # STK201 and STK402 both reported the same missing escalation (issue #17, item 12).
    text = """\
journey: care
title: Looking after a patient
owner: care-team
stages:
  - id: ask
    title: Asks about a test result
    touchpoints:
      - id: results-bot
        title: Asks the bot what the result means
        channel: chat
        handled_by: ai
        signals: {emotion: anxious, personal_data: [health], decision_effect: significant}
"""
    Path("j.yaml").write_text(text, encoding="utf-8")
    out = invoke("lint", "--isolated", "j.yaml").output
    assert "STK201" in out
    assert "with no way to reach a person; the same missing escalation as STK201 here" in out
