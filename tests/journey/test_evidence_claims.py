"""A touchpoint's evidence.match is validated as the other fields are: each problem a finding at
its line and column, with the hint people need."""

from __future__ import annotations

import pytest

import stakes

TOUCHPOINT = """\
journey: account
title: Account help
stages:
  - id: ask
    title: Asks
    touchpoints:
      - id: login-help
        title: Gets help signing in
        channel: chat
        handled_by: ai
        evidence:
"""


def findings(evidence: str) -> list[tuple[int, int, str, str]]:
    result, _ = stakes.load_text(TOUCHPOINT + evidence, "j.yaml")
    return [(f.line, f.col, f.message.split(": ", 1)[1], f.hint) for f in result.findings]


def test_a_valid_claim_loads() -> None:
    text = "          match: {category: [Login issue], channel: [Chat], handled_by: [ai]}\n"
    result, _ = stakes.load_text(TOUCHPOINT + text, "j.yaml")
    assert result.findings == [] and result.journey is not None
    rule = result.journey.stages[0].touchpoints[0].evidence.match  # type: ignore[union-attr]
    assert (rule.category, rule.channel, rule.handled_by, rule.restricts) == (
        ("Login issue",),
        ("Chat",),
        ("ai",),
        3,
    )


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (
            "          match: {categroy: [technical]}\n",
            [
                (
                    12,
                    19,
                    "unknown key 'categroy', and the required key 'category' is missing",
                    "did you mean 'category'?",
                )
            ],
        ),
        (
            "          match: {category: [a], channels: [chat]}\n",
            [(12, 34, "unknown key 'channels'", "did you mean 'channel'?")],
        ),
        (
            "          matches: {category: [a]}\n",
            [
                (
                    12,
                    11,
                    "unknown key 'matches', and the required key 'match' is missing",
                    "did you mean 'match'?",
                )
            ],
        ),
        (
            "          match: {category: technical}\n",
            [
                (
                    12,
                    29,
                    "expected a list, found text 'technical'",
                    "write it as a list: [technical]",
                )
            ],
        ),
        (
            "          match: {category: [a], handled_by: [bot]}\n",
            [
                (
                    12,
                    47,
                    "'bot' is not allowed; use one of: ai, human, hybrid, self-service",
                    "did you mean 'ai'?",
                )
            ],
        ),
        (
            "          match: {category: []}\n",
            [(12, 29, "must not be empty", "")],
        ),
    ],
)
def test_problems_are_findings_at_their_place(
    evidence: str, expected: list[tuple[int, int, str, str]]
) -> None:
    assert findings(evidence) == expected
