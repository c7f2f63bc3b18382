"""Inline suppressions: a reason required, unused and invalid ones reported, verdict rules only
changed by a reviewed override; and an escalation to itself is a finding, not a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, invoke
from linting import CLEAN, DROPS, HUMAN_ONLY, above, found, lint_text, trailing, write

from stakes.findings import Severity
from stakes.linter.rules import all_checks

#: Every test runs in its own folder, outside any CI environment the suite runs in.
pytestmark = pytest.mark.usefixtures("in_tmp")


@pytest.mark.parametrize(
    "text",
    [
        trailing(DROPS, "keeps_context: false}", "# stakes: ignore[STK202] Case file by email."),
        above(DROPS, "keeps_context: false", "# stakes: ignore[STK202] Case file by email."),
        above(DROPS, "keeps_context", "# stakes: ignore[escalation-drops-context] By email."),
        above(DROPS, "keeps_context", "#stakes:ignore[ stk202 ]   By email."),
        above(DROPS, "keeps_context", "# stakes: ignore[STK202] By email.").replace("\n", "\r\n"),
    ],
    ids=["same-line", "line-above", "by-name", "lower-case-and-tight", "crlf"],
)
def test_a_suppression_with_a_reason_silences_the_finding(tmp_path: Path, text: str) -> None:
    result = lint_text(tmp_path, text)
    assert found(result) == []
    assert result.suppressed == 1
    assert lint_text(tmp_path, DROPS).suppressed == 0


def test_a_suppression_without_a_reason_is_stk502_and_silences_nothing(tmp_path: Path) -> None:
    text = above(DROPS, "keeps_context", "# stakes: ignore[STK202]")
    result = lint_text(tmp_path, text)
    assert found(result) == [("STK502", 12, 9), ("STK202", 13, 53)]
    assert result.suppressed == 0
    (invalid,) = [f for f in result.findings if f.code == "STK502"]
    assert invalid.severity is Severity.ERROR
    assert "reason" in invalid.message


def test_a_suppression_of_an_unknown_rule_is_stk502(tmp_path: Path) -> None:
    text = above(DROPS, "keeps_context", "# stakes: ignore[escalation-drop-context] By email.")
    result = lint_text(tmp_path, text)
    assert found(result) == [("STK502", 12, 9), ("STK202", 13, 53)]
    assert "'escalation-drop-context' is not a rule" in result.findings[0].message


def test_a_verdict_rule_cannot_be_silenced_by_a_comment(tmp_path: Path) -> None:
    text = above(HUMAN_ONLY, "handled_by: ai", "# stakes: ignore[STK101] Supervised pilot.")
    result = lint_text(tmp_path, text)
    assert found(result) == [("STK503", 11, 9), ("STK101", 12, 21)]
    assert result.suppressed == 0
    assert "override" in result.findings[0].hint


def test_the_verdict_rules_are_the_documented_ones_and_only_they_are_unsuppressible() -> None:
    from stakes.linter.catalogue import suppressible

    # docs/lint.md lists them: only a reviewed override changes a verdict finding.
    verdict = {"STK101", "STK102", "STK104", "STK201", "STK301", "STK302", "STK402", "STK403"}
    law = {f"STK6{n:02d}" for n in range(1, 15)}  # the jurisdictions' packs: docs/compliance.md
    documented = verdict | law
    assert {c.rule.code for c in all_checks() if not c.suppressible} == documented
    assert {c.rule.code for c in all_checks() if not suppressible(c.rule)} == documented
    docs = " ".join((ROOT / "docs" / "lint.md").read_text(encoding="utf-8").split())
    assert ", ".join(sorted(verdict)) in docs
    assert ", ".join(sorted(law)) in docs


def test_suppressing_a_format_rule_does_not_send_the_analyst_to_an_override(
    tmp_path: Path,
) -> None:
    text = above(CLEAN, "channel: chat", "# stakes: ignore[STK013] Migrating in Q1.")
    result = lint_text(tmp_path, text.replace("channel: chat", "channel: webchat"))
    (note,) = [f for f in result.findings if f.code in ("STK502", "STK503")]
    assert "verdict" not in note.message and "override" not in note.hint


def test_an_unused_suppression_is_stk501(tmp_path: Path) -> None:
    text = above(CLEAN, "keeps_context", "# stakes: ignore[STK202] Case file by email.")
    result = lint_text(tmp_path, text)
    assert found(result) == [("STK501", 12, 9)]
    assert result.findings[0].severity is Severity.WARNING
    assert result.suppressed == 0


def test_two_codes_in_one_comment_silence_two_findings(tmp_path: Path) -> None:
    # A loop-prone bot whose escalation drops the context: STK205 at '{' and STK202 at 'false',
    # both on line 12.
    text = DROPS.replace(
        "signals: {emotion: anxious}\n", "signals: {emotion: anxious, prior_contacts: 2}\n", 1
    )
    assert found(lint_text(tmp_path, text)) == [("STK205", 12, 21), ("STK202", 12, 53)]
    comment = "# stakes: ignore[STK202, loop-without-turn-limit] Fraud desk calls back at once."
    result = lint_text(tmp_path, above(text, "keeps_context", comment))
    assert found(result) == []
    assert result.suppressed == 2


def test_two_codes_one_unused_one_verdict(tmp_path: Path) -> None:
    comment = "# stakes: ignore[STK202,STK101] Pilot."
    result = lint_text(tmp_path, above(HUMAN_ONLY, "handled_by: ai", comment))
    assert found(result) == [("STK501", 11, 9), ("STK503", 11, 9), ("STK101", 12, 21)]


def test_suppressions_are_applied_before_select_and_ignore(tmp_path: Path) -> None:
    # A comment that silences a finding is used, even when the rule is not selected.
    write(tmp_path / "j.yaml", above(DROPS, "keeps_context", "# stakes: ignore[STK202] Email."))
    for args in (["--ignore", "STK202"], ["--select", "STK5"], []):
        result = invoke("lint", "j.yaml", "--format", "json", *args)
        assert json.loads(result.stdout)["findings"] == [], args


def test_suppression_text_inside_a_yaml_string_is_not_a_comment(tmp_path: Path) -> None:
    note = 'description: "Runbook: add # stakes: ignore[STK202] only with a reason"'
    result = lint_text(tmp_path, above(DROPS, "escalation:", note))
    assert found(result) == [("STK202", 13, 53)]
    assert result.suppressed == 0


# --- self-escalation (a crash found by the rule cases) ---------------------------------------


def test_an_escalation_to_itself_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path / "j.yaml", CLEAN.replace("to: fraud-team", "to: fraud-bot"))
    result = invoke("lint", "j.yaml", "--format", "json")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["STK204"]
