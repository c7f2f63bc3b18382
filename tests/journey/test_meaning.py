"""Hints from meaning as well as spelling, and values written as people write them get the
fix (issue #17, items 8 and 9). Each case is a touchpoint line as a new analyst wrote it."""

from __future__ import annotations

from typing import get_args

import pytest

from stakes.journey.data_use import LawfulBasis, Notice, Purpose, Source, SpecialCondition
from stakes.journey.files import load_text
from stakes.journey.model import (
    KNOWN_TRIGGERS,
    Channel,
    Decider,
    Handler,
    Interaction,
    Verdict,
)
from stakes.journey.signals import (
    DEFAULT_EMOTIONS,
    ChurnRisk,
    Complexity,
    DataCategory,
    DecisionEffect,
    Vulnerability,
)
from stakes.journey.words import WORDS

JOURNEY = """\
journey: support
title: Getting help
owner: care-team
stages:
  - id: ask
    title: Asks about a charge
    touchpoints:
      - id: {id}
        title: Asks about it
        channel: {channel}
        handled_by: {handled_by}
        signals: {signals}
        override: {override}
"""
FINE = {
    "id": "billing-bot",
    "channel": "chat",
    "handled_by": "ai",
    "signals": "{}",
    "override": "{verdict: automate, reason: Shows the status, approved_by: head-of-cx}",
}

#: (what the analyst wrote, in which part of the touchpoint, the finding's code and its hint).
CASES = [
    ("channel", "portal", "STK013", "did you mean 'web'?"),
    ("channel", "Website", "STK013", "did you mean 'web'?"),
    ("channel", "post", "STK013", "did you mean 'letter'?"),
    ("handled_by", "automated", "STK013", "did you mean 'ai'?"),
    ("handled_by", "bot", "STK013", "did you mean 'ai'?"),
    ("handled_by", "agent", "STK013", "did you mean 'human'?"),
    ("signals", "{emotion: worried}", "STK020", "did you mean 'anxious'?"),
    ("signals", "{emotion: scared}", "STK020", "did you mean 'anxious'?"),
    ("signals", "{emotion: furios}", "STK020", "did you mean 'angry'?"),
    ("signals", "{emotion: angyr}", "STK020", "did you mean 'angry'?"),
    ("signals", "{vulnerability: true}", "STK013", "did you mean 'likely'?"),
    ("signals", "{personal_data: health}", "STK012", "write it as a list: [health]"),
    ("signals", "{personal_data: 'health, financial'}", "STK012", "[health, financial]"),
    ("signals", "{personal_data: [medical]}", "STK013", "did you mean 'health'?"),
    ("signals", "{decision_effect: high}", "STK013", "did you mean 'significant'?"),
    ("signals", "{complexity: hard}", "STK013", "did you mean 'high'?"),
    ("signals", '{money_at_stake: "£430"}', "STK012", "write 430 and set currency: GBP"),
    ("signals", '{money_at_stake: "1,200 EUR"}', "STK012", "write 1200 and set currency: EUR"),
    ("signals", '{money_at_stake: "430"}', "STK012", "write 430 without quotes"),
    ("signals", "{repeat_contact_rate: 25%}", "STK012", "from 0 to 1: 0.25"),
    ("signals", "{repeat_contact_rate: 25}", "STK015", "write 0.25 for 25%"),
    ("signals", '{prior_contacts: "2"}', "STK012", "write 2 without quotes"),
    ("override", "{verdict: human, reason: R, approved_by: A}", "STK013", "'human-only'?"),
    (
        "override",
        "{verdict: automate, reason: R, approved_by: A, expires: 31/12/2026}",
        "STK012",
        "write 2026-12-31 (YYYY-MM-DD)",
    ),
    (
        "override",
        "{verdict: automate, reason: R, approved_by: A, expires: 01/02/2027}",
        "STK012",
        "write 2027-02-01 (YYYY-MM-DD), or 2027-01-02 if the month comes first",
    ),
    ("id", "café-line", "STK014", "ids are ASCII slugs (a-z, 0-9 and -); try 'cafe-line'"),
    ("id", "請求", "STK014", "ids are ASCII slugs (a-z, 0-9 and -); write one"),
]


@pytest.mark.parametrize(("part", "written", "code", "hint"), CASES, ids=[c[1] for c in CASES])
def test_the_hint_offers_what_was_meant(part: str, written: str, code: str, hint: str) -> None:
    result, _ = load_text(JOURNEY.format(**{**FINE, part: written}), "j.yaml")
    found = [(f.code, f.hint) for f in result.findings if f.code < "STK100"]
    assert len(found) == 1, found
    assert found[0][0] == code
    assert hint in found[0][1], found[0][1]


def test_the_meaning_of_a_bool_is_shown_as_yaml_writes_it() -> None:
    result, _ = load_text(JOURNEY.format(**{**FINE, "signals": "{vulnerability: true}"}), "j")
    assert "true is not allowed" in result.findings[0].message


ALLOWED: dict[str, tuple[str, ...]] = {
    "emotion": DEFAULT_EMOTIONS,
    "channel": get_args(Channel),
    "handled_by": get_args(Handler),
    "vulnerability": get_args(Vulnerability),
    "personal_data": get_args(DataCategory),
    "decision_effect": get_args(DecisionEffect),
    "complexity": get_args(Complexity),
    "churn_risk": get_args(ChurnRisk),
    "verdict": get_args(Verdict),
    "triggers": KNOWN_TRIGGERS,
    "interaction": get_args(Interaction),
    "decided_by": get_args(Decider),
    "purposes": get_args(Purpose),
    "sources": get_args(Source),
    "lawful_basis": get_args(LawfulBasis),
    "special_category_condition": get_args(SpecialCondition),
    "notice": get_args(Notice),
}


def test_every_word_means_an_allowed_value_and_is_not_one() -> None:
    assert set(WORDS) == set(ALLOWED)
    for key, words in WORDS.items():
        for said, meant in words.items():
            assert meant in ALLOWED[key], (key, said, meant)
            assert said not in ALLOWED[key], (key, said)
            assert said == said.lower().strip(), (key, said)


@pytest.mark.parametrize(
    ("signals", "hint"),
    [
        ("{irreversible: true}", "write reversible: false"),
        ("{vulnerable: true}", "write vulnerability: likely"),
        ("{amount: 300}", "did you mean 'money_at_stake'?"),
        ("{mony_at_stake: 300}", "did you mean 'money_at_stake'?"),
    ],
)
def test_an_unknown_key_gets_what_was_meant(signals: str, hint: str) -> None:
    # irreversible: yes suggested 'reversible', the opposite of what was meant (review).
    result, _ = load_text(JOURNEY.format(**{**FINE, "signals": signals}), "j.yaml")
    (f,) = [f for f in result.findings if f.code == "STK010"]
    assert f.hint == hint


def test_every_key_people_write_points_at_a_key_of_the_format() -> None:
    from stakes.journey.data_use import DataUse
    from stakes.journey.model import Journey, Stage, Touchpoint
    from stakes.journey.signals import Signals
    from stakes.journey.words import KEYS

    known = {
        *Journey.model_fields,
        *Stage.model_fields,
        *Touchpoint.model_fields,
        *Signals.model_fields,
        *DataUse.model_fields,
    }
    for said, meant in KEYS.items():
        assert meant.split(":")[0] in known and said not in known, said


def test_a_currency_and_a_quoted_flag_get_their_fix() -> None:
    text = JOURNEY.format(**FINE).replace("owner: care-team", "owner: care-team\ncurrency: gbp")
    result, _ = load_text(text, "j.yaml")
    (f,) = result.findings
    assert (f.code, f.hint) == ("STK013", "write 'GBP'")
    assert "three capital letters" in f.message and "^[A-Z]" not in f.message
    signals = "{reversible: 'false'}"
    result, _ = load_text(JOURNEY.format(**{**FINE, "signals": signals}), "j.yaml")
    assert result.findings[0].hint == "write false without quotes"
