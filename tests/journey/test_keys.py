"""Touchpoint keys: ``journey/touchpoint`` and ``journey#touchpoint`` split at the first
separator, whichever it is; a bare id has no journey."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from stakes.journey.keys import normal_key, other_journey, split_key, target_key

TEXT = st.text(alphabet="ab/#-", max_size=8)


@given(TEXT)
def test_split_at_the_first_separator(text: str) -> None:
    parts = re.split(r"[/#]", text, maxsplit=1)
    expected = (parts[0], parts[1]) if len(parts) == 2 else (None, text)
    assert split_key(text) == expected


def test_both_spellings_name_the_same_touchpoint() -> None:
    assert normal_key("billing#refund-chat") == normal_key("billing/refund-chat")
    assert normal_key("refund-chat") == "refund-chat"


def test_an_escalation_target_is_in_its_own_journey_unless_it_names_another() -> None:
    assert target_key("specialist", "billing") == "billing/specialist"
    assert target_key("support#specialist", "billing") == "support/specialist"
    assert other_journey("support#specialist", "billing") == "support"
    assert other_journey("billing#specialist", "billing") is None
    assert other_journey("specialist", "billing") is None
