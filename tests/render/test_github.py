"""GitHub annotations: errors first, escaping, the per-step limit, the job summary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, invoke
from linting import DROPS, HUMAN_ONLY, above, write

from stakes.render.lint.github import PER_STEP_LIMIT

#: Every test runs in its own folder, outside any CI environment the suite runs in.
pytestmark = pytest.mark.usefixtures("in_tmp")


def github(*args: str) -> list[str]:
    result = invoke("lint", *args, "--format", "github")
    lines = result.stdout.splitlines()
    assert all(line.startswith("::") for line in lines), result.stdout
    return lines


def test_github_puts_errors_before_warnings(tmp_path: Path) -> None:
    # owner-missing (a warning at 1:1) comes first in the file, the errors later.
    text = HUMAN_ONLY.replace("owner: care-team\n", "").replace(
        "escalation: {to: bereavement-team}",
        "escalation: {to: bereavement-team, keeps_context: false}",
    )
    write(tmp_path / "j.yaml", text)
    lines = github("j.yaml")
    heads = [line.split("::")[1] for line in lines]
    assert heads == [
        "error file=j.yaml,line=10,col=21,title=STK101 over-automated-human-only",
        "warning file=j.yaml,line=1,col=1,title=STK401 owner-missing",
        "warning file=j.yaml,line=12,col=59,title=STK202 escalation-drops-context",
    ]


def test_github_escapes_hostile_file_names_in_the_new_rules_messages(tmp_path: Path) -> None:
    # A touchpoint id cannot hold % : , CR or LF, but a file name can, and STK101's hint
    # names the file (`stakes explain FILE#touchpoint`).
    name = "we%ird,na:me\r\n.yaml"
    write(tmp_path / name, HUMAN_ONLY)
    first = github(name)[0]
    assert first.startswith(
        "::error file=we%25ird%2Cna%3Ame%0D%0A.yaml,line=11,col=21,"
        "title=STK101 over-automated-human-only::handled by ai, but the verdict is human-only"
    )
    assert first.endswith(
        "%0Ahint: see `stakes explain we%25ird,na:me .yaml#bereavement-chat`; "
        "hand it to a person, or record a reviewed override"
    )


def test_github_escapes_hostile_text_from_a_suppression_comment(tmp_path: Path) -> None:
    # STK502 quotes what the comment names: user text, in the message.
    write(tmp_path / "j.yaml", above(DROPS, "keeps_context", "# stakes: ignore[%0A::x] Why."))
    lines = github("j.yaml")
    assert lines[0] == (
        "::error file=j.yaml,line=12,col=9,title=STK502 invalid-suppression::"
        "'%250A::x' is not a rule of stakes"
    )


def many_drops(n: int) -> str:
    """A journey with ``n`` bots whose handover drops the context (n STK202 warnings)."""
    bots = "".join(
        f"      - id: bot-{i}\n        title: Bot {i}\n        channel: chat\n"
        f"        handled_by: ai\n        escalation: {{to: agent, keeps_context: false}}\n"
        f"        signals: {{emotion: calm}}\n"
        for i in range(n)
    )
    agent = "      - id: agent\n        title: Agent\n        channel: phone\n"
    agent += "        handled_by: human\n        signals: {emotion: calm}\n"
    head = "journey: many\ntitle: Many\nowner: care\nstages:\n  - id: s\n    title: S\n"
    return head + "    touchpoints:\n" + bots + agent


def test_github_notices_warnings_past_the_per_level_limit(tmp_path: Path) -> None:
    write(tmp_path / "many.yaml", many_drops(PER_STEP_LIMIT + 2))
    write(tmp_path / "grief.yaml", HUMAN_ONLY)
    lines = github("many.yaml", "grief.yaml")
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels == ["::error"] + ["::warning"] * (PER_STEP_LIMIT + 2) + ["::notice"]
    assert lines[-1].startswith("::notice title=stakes::2 more findings than GitHub annotates")
    write(tmp_path / "many.yaml", many_drops(PER_STEP_LIMIT))
    assert not github("many.yaml")[-1].startswith("::notice")


def test_github_never_hides_an_unreadable_input(tmp_path: Path) -> None:
    # ten bots with a channel that does not exist: ten STK013 errors
    bad = many_drops(PER_STEP_LIMIT).replace("channel: chat", "channel: fax")
    write(tmp_path / "bad.yaml", bad.replace("keeps_context: false", "keeps_context: true"))
    lines = github("bad.yaml", "missing.yaml")
    errors = [line for line in lines if line.startswith("::error")]
    shown = errors[:PER_STEP_LIMIT]
    assert any("missing.yaml" in line for line in shown) or lines[-1].startswith("::notice")


def test_github_step_summary_is_appended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = write(tmp_path / "summary.md", "## Earlier step\n\nkept\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write(tmp_path / "j.yaml", DROPS)
    write(tmp_path / "grief.yaml", HUMAN_ONLY)
    result = invoke("lint", "j.yaml", "grief.yaml", "--format", "github")
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Earlier step\n\nkept\n")
    added = text.removeprefix("## Earlier step\n\nkept\n")
    assert added.startswith("## stakes lint\n")
    assert "| `grief.yaml:11:21` | error | STK101 over-automated-human-only |" in added
    assert "| `j.yaml:12:53` | warning | STK202 escalation-drops-context |" in added
    # a second step appends again
    invoke("lint", "j.yaml", "--format", "github")
    assert summary.read_text(encoding="utf-8").count("## stakes lint") == 2


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_github_step_summary_is_only_written_by_the_github_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    summary = write(tmp_path / "summary.md", "before\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write(tmp_path / "j.yaml", DROPS)
    invoke("lint", "j.yaml", "--format", fmt)
    assert summary.read_text(encoding="utf-8") == "before\n"


def test_github_step_summary_table_survives_a_pipe_in_a_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write(tmp_path / "a|b.yaml", DROPS)
    invoke("lint", "a|b.yaml", "--format", "github")
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if "STK202" in line]
    (row,) = rows
    assert len(re.split(r"(?<!\\)\|", row.strip("|"))) == 4


def test_a_file_name_that_starts_like_a_command_is_exact_in_the_file_property(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The property cannot start a line, so nothing is added to it (GitHub matches the path).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "::warning::x.yaml").write_text(
        (ROOT / "journeys" / "billing-dispute-repeat.yaml").read_text(encoding="utf-8"), "utf-8"
    )
    result = invoke("lint", "--isolated", "::warning::x.yaml", "--format", "github")
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=%3A%3Awarning%3A%3Ax.yaml,line=")
    assert "\u200b" not in first.split("::", 2)[1]
