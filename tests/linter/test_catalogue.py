"""The rule catalogue: stable unique codes, documentation for each, and a current docs/rules.md."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from stakes.cli import app
from stakes.linter.catalogue import all_rules, find_rule


def test_codes_and_names_are_unique_and_well_formed() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"STK\d{3}", rule.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
        assert rule.summary.endswith(".")
        assert len(rule.doc) > 80, f"{rule.code} needs documentation"


def test_rules_found_by_code_or_name() -> None:
    assert find_rule("stk007") is find_rule("duplicate-key") is not None
    assert find_rule("no-such-rule") is None


def test_rules_command_lists_and_documents() -> None:
    runner = CliRunner()
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0
    assert all(rule.code in listing.output for rule in all_rules())
    one = runner.invoke(app, ["rules", "unknown-key"])
    assert one.exit_code == 0
    assert "STK010 unknown-key" in one.output and "Fails:" in one.output
    missing = runner.invoke(app, ["rules", "STK999"])
    assert missing.exit_code == 2
