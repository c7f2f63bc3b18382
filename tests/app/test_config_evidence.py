"""One configuration reader for every table: ``--config`` and ``--isolated`` are honoured by
every command, and a bad value is blamed on the place it is written, never on an option the
user did not give."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import REFUND_JOURNEY, invoke

from stakes.app.config import ConfigError, load_config

#: A log whose touchpoint column is called Topic: it needs the evidence table's map.
LOG = textwrap.dedent(
    """\
    contact_id,customer_id,timestamp,Topic,handled_by,escalated,resolved
    k1,c1,2025-01-01 09:00,refund-chat,bot,no,no
    k2,c1,2025-01-03 09:00,refund-chat,bot,no,no
    k3,c2,2025-01-04 09:00,refund-call,agent,no,yes
    """
)


@pytest.fixture(autouse=True)
def project(in_tmp: Path) -> Path:
    """Every test runs in its own folder holding the refund journey and the log above."""
    (in_tmp / "support.yaml").write_text(REFUND_JOURNEY, encoding="utf-8")
    (in_tmp / "log.csv").write_text(LOG, encoding="utf-8")
    return in_tmp


def write_config(root: Path, text: str, name: str = "stakes.toml") -> Path:
    path = root / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


MAP_EVIDENCE = ["map", "support.yaml", "--evidence", "log.csv", "--min-contacts", "1"]


# --- the bug: map --isolated --evidence read the discovered evidence table --------------------


def test_map_isolated_ignores_the_discovered_evidence_table(project: Path) -> None:
    write_config(project, '[evidence]\nmap = {touchpoint = "Topic"}\nwindow = "soon"\n')
    broken = invoke(*MAP_EVIDENCE, "--format", "json")
    assert broken.exit_code == 2
    # The bad value is where it is written; no --window was given, so none is blamed.
    (line,) = broken.stderr.splitlines()
    assert line.startswith(f"stakes: error: {project / 'stakes.toml'}:3:1: evidence window")
    assert "--window" not in line
    isolated = invoke(*MAP_EVIDENCE, "--format", "json", "--isolated")
    # Isolated: no map from the file, so the log has no touchpoint column.
    assert isolated.exit_code == 2
    assert "the log has no touchpoint column" in isolated.stderr
    assert "stakes.toml" not in isolated.stderr
    fixed = invoke(*MAP_EVIDENCE, "--isolated", "--column", "touchpoint=Topic")
    assert fixed.exit_code == 0, fixed.stderr


def test_report_and_map_use_the_evidence_table_of_config(project: Path) -> None:
    other = project / "elsewhere"
    other.mkdir()
    write_config(other, '[evidence]\nmap = {touchpoint = "Topic"}\nwindow = "2d"\n')
    mapped = invoke(*MAP_EVIDENCE, "--format", "json", "--config", "elsewhere/stakes.toml")
    assert mapped.exit_code == 0, mapped.stderr
    doc = json.loads(mapped.stdout)
    (chat,) = [t for t in doc["touchpoints"] if t["touchpoint"] == "refund-chat"]
    # k1 -> k2 within 2 days: its one customer comes back (1 of 2 contacts is followed)
    assert chat["evidence"]["observed"]["repeat_contact_rate"] == 1.0
    report = invoke("report", "support.yaml", "--evidence", "log.csv", "--min-contacts", "1",
                    "--config", "elsewhere/stakes.toml")  # fmt: skip
    assert report.exit_code == 0, report.stderr
    assert "## Deflection is not resolution" in report.stdout


def test_evidence_honours_config_and_isolated(project: Path) -> None:
    write_config(project, '[evidence]\nmap = {touchpoint = "Topic"}\n')
    assert invoke("evidence", "log.csv", "-j", "support.yaml").exit_code == 0
    isolated = invoke("evidence", "log.csv", "-j", "support.yaml", "--isolated")
    assert isolated.exit_code == 2 and "no touchpoint column" in isolated.stderr
    # --config names another file, and wins over --isolated.
    (project / "stakes.toml").unlink()
    write_config(project, '[evidence]\nmap = {touchpoint = "Topic"}\n', "team.toml")
    assert invoke("evidence", "log.csv", "-j", "support.yaml").exit_code == 2
    for extra in ([], ["--isolated"]):
        named = invoke("evidence", "log.csv", "-j", "support.yaml", "--config", "team.toml", *extra)
        assert named.exit_code == 0, named.stderr


def test_evidence_uses_the_configured_policy(project: Path) -> None:
    (project / "team.yaml").write_text("extends: default\nfactors: {emotion: {weight: 5}}\n")
    write_config(project, 'policy = "team.yaml"\n[evidence]\nmap = {touchpoint = "Topic"}\n')
    result = invoke("evidence", "log.csv", "-j", "support.yaml")
    assert result.exit_code == 2
    assert "team.yaml:" in result.stderr  # the policy's own problem, at its place
    assert result.stderr.splitlines()[-1] == (
        "stakes: error: the policy cannot be used; nothing was measured"
    )


# --- every evidence setting is checked where it is written --------------------------------------

BAD_EVIDENCE = [
    ("unknown", "colums = 1", "2:1", "unknown evidence setting 'colums'; known keys: map,"),
    ("dash", "day-first = true", "2:1", "unknown evidence setting 'day-first'; did you mean"),
    ("map-type", "map = 3", "2:1", "evidence map must be a table of strings"),
    ("map-field", 'map = {touchpont = "Topic"}', "2:8", "unknown field 'touchpont'; did you"),
    ("handler", 'handlers = {"Tier 0" = "robot"}', "2:13", "'Tier 0': use one of ai, human,"),
    ("window", 'window = "a week"', "2:1", "evidence window 'a week': give a duration"),
    ("zero-window", 'window = "0d"', "2:1", "give a duration above zero"),
    ("window-type", "window = 7", "2:1", "evidence window must be a string"),
    ("format", 'input_format = "xlsx"', "2:1", "input_format must be one of csv, parquet, jsonl"),
    ("encoding", 'encoding = "klingon"', "2:1", "evidence encoding 'klingon' is not known"),
    ("day-first", 'day_first = "yes"', "2:1", "evidence day_first must be true or false"),
    ("target", 'target = "soon"', "2:1", "evidence target 'soon': give a duration"),
    ("target-type", "target = 3", "2:1", "evidence target must be a string"),
]


@pytest.mark.parametrize(
    ("line2", "where", "message"), [pytest.param(*c[1:], id=c[0]) for c in BAD_EVIDENCE]
)
def test_a_bad_evidence_setting_is_an_error_at_its_place(
    project: Path, line2: str, where: str, message: str
) -> None:
    path = write_config(project, f"[evidence]\n{line2}\n")
    with pytest.raises(ConfigError) as info:
        load_config(cwd=project)
    assert str(info.value).startswith(f"{path}:{where}: "), str(info.value)
    assert message in str(info.value)
    # Every command that reads the configuration stops there, exit code 2, one line.
    for args in (["lint", "support.yaml"], ["map", "support.yaml"], ["evidence", "log.csv",
                 "-j", "support.yaml"]):  # fmt: skip
        result = invoke(*args)
        assert result.exit_code == 2, args
        assert result.stderr == f"stakes: error: {info.value}\n", args


def test_a_pyproject_evidence_table_is_read_and_located(project: Path) -> None:
    path = write_config(
        project,
        '[project]\nname = "cx"\n\n[tool.stakes.evidence]\nwindow = "48h"\nmap = {a = "b"}\n',
        "pyproject.toml",
    )
    with pytest.raises(ConfigError) as info:
        load_config(cwd=project)
    assert str(info.value).startswith(f"{path}:6:8: evidence map: unknown field 'a'")
    path.write_text('[tool.stakes.evidence]\nwindow = "48h"\nday_first = true\n', "utf-8")
    settings = load_config(cwd=project).evidence
    assert (settings.window, settings.day_first, settings.map) == ("48h", True, {})


def test_the_command_line_wins_over_the_evidence_table(project: Path) -> None:
    write_config(project, '[evidence]\nmap = {touchpoint = "Topic"}\nwindow = "1d"\n')
    doc = json.loads(invoke("evidence", "log.csv", "-j", "support.yaml", "-f", "json").stdout)
    assert doc["window_days"] == 1
    args = ("evidence", "log.csv", "-j", "support.yaml", "-f", "json", "--window", "3d")
    assert json.loads(invoke(*args).stdout)["window_days"] == 3
    bad = invoke("evidence", "log.csv", "-j", "support.yaml", "--window", "0d")
    assert bad.exit_code == 2
    assert bad.stderr == ("stakes: error: --window '0d': give a duration above zero, such as 7d\n")
