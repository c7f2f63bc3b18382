"""The report's "why" in plain words (issue #14, part 3): the sentence of the hard rule that
decided the verdict, its name one click from the Method (its source, every rule that fired)."""

from __future__ import annotations

import datetime as dt

from conftest import JOURNEYS, report_text

from stakes.assessment.engine import assess

AS_OF = dt.date(2026, 11, 26)


def test_the_why_is_the_deciding_rules_sentence_with_a_link_to_its_source() -> None:
    assessment = assess(str(JOURNEYS), as_of=AS_OF)
    text = report_text(assessment, command="stakes map journeys")
    t = assessment.find("loan-hardship/payments-assistant")
    assert t is not None and t.result.deciding_rule is not None
    rule = t.result.deciding_rule
    row = next(line for line in text.splitlines() if "(`loan-hardship/payments-assistant`)" in line)
    more = len(t.result.hard_rules) - 1
    assert f"| {rule.sentence} ([{rule.id}](#method), and {more} more rules) |" in row
    assert "hard rule" not in row  # no list of rule ids
    method = text.split("## Method", 1)[1]
    assert f"- **{rule.id}** (at least {rule.at_least}): {rule.sentence} Source: " in method


def test_without_a_hard_rule_the_why_is_the_matrix_cell() -> None:
    assessment = assess(str(JOURNEYS), as_of=AS_OF)
    text = report_text(assessment, command="stakes map journeys")
    over = text.split("### Over-automated", 1)[1].split("###", 1)[0]
    plain = [
        t
        for t in assessment
        if t.alignment == "over-automated" and t.result.deciding_rule is None and not t.unsaid
    ]
    assert plain
    for t in plain:
        row = next(x for x in over.splitlines() if f"(`{t.key}`)" in x)
        assert row.rstrip(" |").endswith(t.top_reason), row
