"""The README's commands are the truth: CI runs the same test command, and the examples are real."""

from __future__ import annotations

import re
import shlex

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


def _console_examples() -> list[tuple[str, str]]:
    """Every ``$ stakes ...`` command in the README's console blocks, with its shown output."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL):
        for match in re.finditer(r"^\$ (stakes [^\n]*)\n(.*?)(?=^\$ |\Z)", block, re.S | re.M):
            examples.append((match.group(1), match.group(2)))
    return examples


def test_readme_console_examples_are_real_output(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    example = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)[0]
    (tmp_path / "billing.yaml").write_text(example, encoding="utf-8")
    runner = CliRunner()
    examples = _console_examples()
    assert len(examples) >= 5
    for command, shown in examples:
        monkeypatch.chdir(tmp_path if "billing.yaml" in command else ROOT)
        result = runner.invoke(app, shlex.split(command)[1:])
        assert result.output == shown, command


def test_readme_workflow_is_the_one_init_writes() -> None:
    from stakes.app.starter import template

    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)
    assert template("workflow.yml") in blocks


def test_readme_report_excerpt_is_the_example_report() -> None:
    (excerpt,) = re.findall(r"```markdown\n(.*?)```", README, flags=re.DOTALL)
    example = (ROOT / "docs" / "example-report.md").read_text(encoding="utf-8")
    assert example.startswith(excerpt)
