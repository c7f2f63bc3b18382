"""The report's "why" in plain words (issue #14, part 3): the sentence of the hard rule that
decided the verdict, its name one click from the Method (its source, every rule that fired)."""

from __future__ import annotations

import datetime as dt
import json

from conftest import JOURNEYS, report_text

from stakes.app.assess import report_document
from stakes.assessment.engine import assess
from stakes.render.registry import render
from stakes.render.report.problems import against_verdict

AS_OF = dt.date(2026, 11, 26)


def test_the_why_is_the_deciding_rules_sentence_with_a_link_to_its_source() -> None:
    assessment = assess(str(JOURNEYS), as_of=AS_OF)
    text = report_text(assessment, command="stakes map journeys")
    t = assessment.find("loan-hardship/payments-assistant")
    assert t is not None and t.result.deciding_rule is not None
    rule = t.result.deciding_rule
    row = next(
        line
        for line in text.splitlines()
        if line.startswith("| ") and "(`loan-hardship/payments-assistant`)" in line
    )
    more = len(t.result.hard_rules) - 1
    assert f"| {rule.sentence} ([{rule.id}](#method), and {more} more rules) |" in row
    assert "hard rule" not in row  # no list of rule ids
    method = text.split("## Method", 1)[1]
    assert f"- **{rule.id}** (at least {rule.at_least}): {rule.sentence} Source: " in method


def test_without_a_hard_rule_the_why_is_the_matrix_cell_in_a_sentence() -> None:
    assessment = assess(str(JOURNEYS), as_of=AS_OF)
    text = report_text(assessment, command="stakes map journeys")
    body = text.split("## Never automate", 1)[1].split("## Escalation design", 1)[0]
    plain = [
        t
        for t in assessment
        if against_verdict(t) and t.result.deciding_rule is None and not t.unsaid
    ]
    assert plain
    for t in plain:
        r = t.result
        row = next(x for x in body.splitlines() if f"(`{t.key}`)" in x)
        assert f"| {r.level.capitalize()} stakes ({r.score} of 100) and" in row, row
        assert "complexity: the policy gives such moments to " in row
        assert f"What weighs most: {r.top_factor.sentence}. ([how](#method)) |" in row
        assert t.top_reason not in row  # not the terse cell of the map


def test_a_guarded_moment_with_no_way_to_a_person_is_counted_once_as_a_gap() -> None:
    # 'Over-automated' counted guarded moments that only lack an escalation, which the
    # escalation gaps counted again: the headline said 29 bots handle moments against their
    # verdict, 13 of which only lacked a way to a person.
    assessment = assess(str(JOURNEYS), as_of=AS_OF)
    text = report_text(assessment, command="stakes map journeys")
    over = [t for t in assessment if against_verdict(t)]
    bare = [t for t in assessment if t.alignment == "over-automated" and not against_verdict(t)]
    assert len(over) == 16 and len(bare) == 13
    assert all(t.verdict == "guarded" and t.touchpoint.escalation is None for t in bare)
    # Each is counted once: AI at a human-only moment under Never automate, the rest here.
    headline = next(x for x in text.splitlines() if x.startswith("| Over-automated"))
    assert headline.startswith("| Over-automated | 7 |") and "(16 in all" in headline
    section = text.split("## Over-automated", 1)[1].split("\n## ", 1)[0]
    assert "a `guarded` moment a bot handles with no way to a person under *Escalation" in section
    listed = [t for t in assessment if f"(`{t.key}`)" in section]
    assert sorted(t.key for t in listed) == sorted(t.key for t in over if t.verdict != "human-only")
    gaps = text.split("## Escalation design", 1)[1].split("\n## ", 1)[0]
    assert all(f"(`{t.key}`)" in gaps for t in bare)
    # The JSON report says the same, beside the alignment's own count.
    data = json.loads(str(render("report", "json", report_document(assessment))))
    assert sorted(data["against_verdict"]) == sorted(t.key for t in over)
    assert len(data["over_automated"]) == 29
