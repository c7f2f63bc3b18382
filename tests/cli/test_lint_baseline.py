"""``stakes lint --baseline FILE|REF`` (issue #15): only the findings new since a baseline, so
that a team adopting stakes on a portfolio with many findings today gates on new ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import invoke
from test_diff_command import LOAN, commit, repo, to_bot

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
RUN = ("--isolated", "--as-of", "2026-11-26")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    at = repo(tmp_path / "repo")
    monkeypatch.chdir(at)
    return at


def lint_json(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = invoke("lint", "journeys", "--format", "json", *RUN, *args)
    return result.exit_code, json.loads(result.stdout)


def test_a_ref_as_baseline_leaves_only_the_new_findings(here: Path) -> None:
    code, before = lint_json()
    assert code == 1 and before["summary"]["findings"] > 20  # the shipped journeys have many
    (here / "journeys" / "loan-hardship.yaml").write_text(to_bot(LOAN), encoding="utf-8")
    commit(here, "a bot")
    code, after = lint_json("--baseline", "main~1")
    assert code == 1
    found = after["findings"]
    assert {f["subject"] for f in found} >= {"loan-hardship/debt-advice-referral"}
    assert all(f["subject"].startswith("loan-hardship/") for f in found)
    assert after["summary"]["baselined"] > 0
    assert after["summary"]["findings"] + after["summary"]["baselined"] == len(
        lint_json()[1]["findings"]
    )
    # Against itself, nothing is new: exit 0, and the text says how many are known.
    text = invoke("lint", "journeys", *RUN, "--baseline", "HEAD")
    assert text.exit_code == 0
    assert "no findings; " in text.stdout and "more known in the baseline" in text.stdout


def test_a_lint_json_file_as_baseline(here: Path) -> None:
    result = invoke("lint", "journeys", *RUN, "--format", "json", "-o", "baseline.json")
    assert result.exit_code == 1
    code, doc = lint_json("--baseline", "baseline.json")
    assert code == 0 and doc["findings"] == []
    # Moving lines does not make a finding new: a comment at the top shifts every line.
    path = here / "journeys" / "loan-hardship.yaml"
    path.write_text("# reviewed\n" + LOAN, encoding="utf-8")
    code, doc = lint_json("--baseline", "baseline.json")
    assert code == 0 and doc["findings"] == []


@pytest.mark.parametrize("text", ["not json", '{"findings": []}', '{"tool": {"name": "x"}}'])
def test_a_file_that_is_not_a_lint_document_is_a_usage_error(here: Path, text: str) -> None:
    (here / "old.json").write_text(text, encoding="utf-8")
    result = invoke("lint", "journeys", *RUN, "--baseline", "old.json")
    assert result.exit_code == 2 and not result.stdout
    assert "--baseline old.json: not a stakes lint JSON document" in result.stderr


def test_a_baseline_that_is_neither_a_file_nor_a_ref(here: Path) -> None:
    result = invoke("lint", "journeys", *RUN, "--baseline", "no-such-branch")
    assert result.exit_code == 2
    assert "'no-such-branch' is not a commit, branch or tag of this repository" in result.stderr
