"""Help is written for 80 columns (issue #17, item 17): no line is wider, sentences are
rewrapped rather than broken where the source breaks them, parameters are shown by name and
metavar (never ``<bool>`` or ``<list[str]>``), and every command shows examples."""

from __future__ import annotations

import re

import pytest
from conftest import invoke

from stakes.cli import app

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]
GROUPS = sorted(str(g.name) for g in app.registered_groups)
#: Each group's commands, as typed: ``export data-use``.
SUBCOMMANDS = sorted(
    f"{group.name} {command.name}"
    for group in app.registered_groups
    for command in group.typer_instance.registered_commands
)


def _help(monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", "80")
    result = invoke(*args, "--help")
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize("command", ["", *COMMANDS, *GROUPS, *SUBCOMMANDS])
def test_help_fits_80_columns_and_shows_examples(
    monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    text = _help(monkeypatch, *command.split())
    assert [line for line in text.splitlines() if len(line) > 80] == []
    assert not re.search(r"<(str|bool|int|float|list\[[^>]*\]|int range)>", text), text
    assert "[bold]" not in text and "\b" not in text
    examples = text.split("Examples:\n\n", 1)
    assert len(examples) == 2, "no examples"
    assert examples[1].lstrip().startswith("stakes ")


def test_the_command_list_is_not_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _help(monkeypatch)
    listed = text.split("Commands:\n", 1)[1].splitlines()
    assert len(listed) == len(COMMANDS) + len(GROUPS)
    assert not any(line.rstrip().endswith("...") for line in listed)


def test_help_rewraps_sentences_instead_of_keeping_source_line_breaks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # At 80 columns, "... repeat contacts, looping" broke onto a line of its own.
    text = _help(monkeypatch, "evidence")
    description = text.split("Examples:")[0].split("\n\n")[1:]
    for paragraph in description:
        lines = paragraph.splitlines()
        assert all(len(line) >= 60 for line in lines[:-1]), lines


@pytest.mark.parametrize("columns", ["80", "120", ""])
def test_rules_keeps_its_columns_aligned(monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    # STK402's name is longer than the column stakes rules once gave names.
    monkeypatch.setenv("COLUMNS", columns)
    lines = invoke("rules").stdout.splitlines()
    if columns:
        assert all(len(line) <= int(columns) for line in lines)
    rows = [line for line in lines if re.match(r"STK\d{3}  ", line)]
    assert len(rows) > 30
    severity = {re.search(r"  (error|warning|info)\b", row).start() for row in rows}  # type: ignore[union-attr]
    assert len(severity) == 1, severity


@pytest.mark.parametrize(
    ("command", "old"),
    [
        (["evidence", "LOG", "-j", "J"], "--map"),
        (["map", "J", "--evidence", "LOG"], "--evidence-map"),
    ],
)
def test_one_option_name_per_idea_and_the_old_names_still_work(
    monkeypatch: pytest.MonkeyPatch, command: list[str], old: str
) -> None:
    # evidence --map and map/report --evidence-map were one idea under two names (item 16).
    from conftest import ROOT

    log = str(ROOT / "examples" / "marketplace-contacts.csv")
    journeys = str(ROOT / "examples" / "marketplace-service.yaml")
    args = [log if a == "LOG" else journeys if a == "J" else a for a in command]
    assert old not in _help(monkeypatch, command[0])
    assert "--column FIELD=COLUMN" in _help(monkeypatch, command[0])
    monkeypatch.delenv("COLUMNS")
    new = invoke(*args, "--column", "handled_by=channel", "--format", "json")
    legacy = invoke(*args, old, "handled_by=channel", "--format", "json")
    assert new.exit_code == legacy.exit_code == 0, legacy.stderr
    assert legacy.stdout == new.stdout
    assert f"stakes: note: {old} is now --column" in legacy.stderr
    assert f"{old} is now" not in new.stderr
