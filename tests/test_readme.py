"""The README's commands are the truth: CI runs the same test command, and the examples are real."""

from __future__ import annotations

import re

import console_examples
from conftest import ROOT

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
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    assert len(commands) >= 10
    for name in commands:
        assert f"`stakes {name}" in README, f"stakes {name} is not in the README"


def test_readme_console_examples_are_real_output() -> None:
    shown = console_examples.examples(README)
    assert len(shown) >= 5
    real = console_examples.real_outputs(README, ROOT)
    for command, output in shown:
        assert real[command][1] == output, f"{command}: run `python scripts/regenerate-docs.py`"


def test_readme_workflow_is_the_one_init_writes() -> None:
    from stakes.app.starter import template

    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)
    assert template("workflow.yml") in blocks


def test_readme_report_excerpt_is_the_example_report() -> None:
    (excerpt,) = re.findall(r"```markdown\n(.*?)```", README, flags=re.DOTALL)
    example = (ROOT / "docs" / "example-report.md").read_text(encoding="utf-8")
    assert example.startswith(excerpt)


def test_readme_diff_comment_is_the_golden_comment() -> None:
    (excerpt,) = re.findall(r"```md\n(.*?)```", README, flags=re.DOTALL)
    golden = (ROOT / "tests" / "golden" / "diff" / "md.md").read_text(encoding="utf-8")
    assert golden.startswith(excerpt) and excerpt.startswith("<!-- stakes-diff -->\n")
