"""`stakes config` says which configuration is in effect, or that none is and why, and prints
the settings as a stakes.toml would hold them (issue #19, row 14)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, invoke
from linting import write

pytestmark = pytest.mark.usefixtures("in_tmp")

FULL = """\
paths = ["journeys"]
policy = "team-policy.yaml"
fail-on = "warning"
select = ["STK2", "STK4"]
ignore = ["owner-missing"]
triggers = ["fraud-flag"]
jurisdictions = ["eu", "uk"]
severity = { STK202 = "error", "escalation-missing" = "info" }

[evidence]
window = "48h"
day_first = true

[evidence.map]
touchpoint = "Ticket Type"
"""


def shown(*args: str) -> tuple[str, dict[str, object]]:
    """The comment line saying where the settings come from, and the settings."""
    result = invoke("config", *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    first, _, _ = result.stdout.partition("\n")
    return first, tomllib.loads(result.stdout)


def test_it_names_the_file_found_and_its_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "stakes.toml", FULL)
    (tmp_path / "journeys" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "journeys" / "deep")
    origin, settings = shown()
    here = tmp_path / "journeys" / "deep"
    assert origin == f"# configuration: {tmp_path / 'stakes.toml'}, found from {here}"
    assert settings == {
        "paths": [str(tmp_path / "journeys")],
        "policy": str(tmp_path / "team-policy.yaml"),
        "fail-on": "warning",
        "select": ["STK2", "STK4"],
        "ignore": ["owner-missing"],
        "triggers": ["fraud-flag"],
        "jurisdictions": ["eu", "uk"],
        "severity": {"STK202": "error", "escalation-missing": "info"},
        "evidence": {"window": "48h", "day_first": True, "map": {"touchpoint": "Ticket Type"}},
    }


def test_what_it_prints_is_a_config_that_gives_the_same_settings(tmp_path: Path) -> None:
    from stakes.app.config import load_config

    write(tmp_path / "stakes.toml", FULL)
    printed = invoke("config").stdout
    write(tmp_path / "copy" / "stakes.toml", printed)
    original, copy = load_config(cwd=tmp_path), load_config(cwd=tmp_path / "copy")
    names = ("paths", "policy", "fail_on", "select", "ignore", "severity", "triggers")
    names += ("jurisdictions", "evidence")
    for name in names:
        assert getattr(copy, name) == getattr(original, name), name


def test_it_says_when_no_file_is_in_effect_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "stakes.toml", 'severity = {STK = "off"}\n')  # above the repository
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    result = invoke("config")
    assert result.stdout.startswith(f"# configuration: {tmp_path / 'stakes.toml'}, found")
    monkeypatch.chdir(repo)
    origin, settings = shown()
    assert origin == (
        f"# configuration: none; no stakes.toml or pyproject.toml with [tool.stakes] from {repo} "
        f"up to {repo}, the repository's root; the defaults apply"
    )
    assert settings == {
        "paths": [],
        "fail-on": "error",
        "select": [],
        "ignore": [],
        "triggers": [],
        "jurisdictions": [],
        "severity": {},
        "evidence": {},
    }


def test_isolated_and_config(tmp_path: Path) -> None:
    write(tmp_path / "stakes.toml", FULL)
    write(tmp_path / "ci" / "strict.toml", 'fail-on = "info"\n')
    origin, settings = shown("--isolated")
    assert origin == "# configuration: none (--isolated); the defaults apply"
    assert settings["fail-on"] == "error" and settings["severity"] == {}
    origin, settings = shown("--config", "ci/strict.toml")
    assert origin == "# configuration: ci/strict.toml, named by --config"
    assert settings["fail-on"] == "info" and settings["paths"] == []


def test_a_broken_config_is_exit_2_at_its_place(tmp_path: Path) -> None:
    write(tmp_path / "stakes.toml", 'paths = ["journeys"]\nselct = []\n')
    result = invoke("config")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"stakes: error: {tmp_path / 'stakes.toml'}:2:1: unknown key 'selct'; "
        "did you mean 'select'?\n"
    )


def test_the_repositorys_own_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "journeys")
    origin, settings = shown()
    assert origin == f"# configuration: {ROOT / 'pyproject.toml'}, found from {ROOT / 'journeys'}"
    assert settings["paths"] == [str(ROOT / "journeys")]
    verdicts = ["STK101", "STK102", "STK201", "STK203", "STK204", "STK402", "STK403"]
    compliance = ["STK601", "STK602", "STK603", "STK604", "STK605", "STK606", "STK608"]
    data_use = ["STK611", "STK613", "STK616"]
    assert settings["severity"] == dict.fromkeys(verdicts + compliance + data_use, "warning")
    assert settings["processors"] == ["Azure OpenAI", "Twilio", "Zendesk"]


def test_help_shows_examples() -> None:
    result = invoke("config", "--help")
    assert result.exit_code == 0
    assert "stakes config --config" in result.output
