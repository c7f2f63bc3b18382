"""The README's commands are the truth: CI runs the same test command, and the examples are real."""

from __future__ import annotations

import re

from conftest import ROOT
from typer.testing import CliRunner

from stakes.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)


def test_ci_runs_the_readme_test_command() -> None:
    install, test = (block.strip() for block in _sh_blocks())
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
    assert "stakes lint journeys/" in install


def test_readme_lists_every_command() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--help"])
    commands = re.findall(r"│ (\w+)\s{2,}", result.output)
    assert commands
    for name in commands:
        assert f"`stakes {name}" in README, f"stakes {name} is not in the README"


def _console_output(command: str) -> str:
    block = "\n".join(re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL))
    match = re.search(rf"^\$ {re.escape(command)}\n(.*?)(?=^\$ |\Z)", block, re.S | re.M)
    assert match, f"no example of {command!r} in the README"
    return match.group(1)


def test_readme_lint_examples_are_real_output(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (example,) = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)
    (tmp_path / "billing.yaml").write_text(example, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for command in ("stakes lint billing.yaml", "stakes lint billing.yaml --format github"):
        result = runner.invoke(app, command.split()[1:])
        assert result.output == _console_output(command)
