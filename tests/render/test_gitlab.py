"""GitLab Code Quality: every finding an issue with the fields GitLab requires, fingerprints
unique and stable across line moves, unreadable inputs as blockers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke
from linting import DROPS, HUMAN_ONLY, write

#: Every test runs in its own folder, outside any CI environment the suite runs in.
pytestmark = pytest.mark.usefixtures("in_tmp")

REQUIRED = {"description", "check_name", "fingerprint", "severity", "location"}


def gitlab(*args: str) -> list[dict[str, object]]:
    result = invoke("lint", *args, "--format", "gitlab", "--fail-on", "never")
    issues: list[dict[str, object]] = json.loads(result.stdout)
    return issues


def test_every_issue_has_what_gitlab_requires(tmp_path: Path) -> None:
    write(tmp_path / "journeys" / "fraud.yaml", DROPS)
    write(tmp_path / "journeys" / "grief.yaml", HUMAN_ONLY)
    issues = gitlab("journeys", "missing.yaml")
    assert [i["check_name"] for i in issues] == [
        "STK202 escalation-drops-context",
        "STK101 over-automated-human-only",
        "stakes unreadable-input",
    ]
    for issue in issues:
        assert set(issue) == REQUIRED
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        location = issue["location"]
        assert isinstance(location, dict) and not str(location["path"]).startswith("/")
        assert location["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_fingerprints_survive_a_line_move(tmp_path: Path) -> None:
    write(tmp_path / "fraud.yaml", DROPS)
    before = [i["fingerprint"] for i in gitlab("fraud.yaml")]
    write(tmp_path / "fraud.yaml", "# a comment that moves every line\n" + DROPS)
    assert [i["fingerprint"] for i in gitlab("fraud.yaml")] == before
