"""CI-grade lint around the rules: suppressions, configuration, the SARIF, JUnit and GitHub
outputs, `stakes rules`, `stakes init` and the pre-commit hook.

The rules themselves are tested as data in tests/rules/ (test_rule_cases.py); the format
findings, exit codes, text/json output and the basic GitHub escaping are in test_cli.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT, rendered
from typer.testing import CliRunner, Result

from stakes.cli import app
from stakes.findings import Severity, finding
from stakes.linter.catalogue import all_rules
from stakes.linter.result import LintResult
from stakes.linter.rules import all_checks
from stakes.linter.run import lint
from stakes.linter.suppress import SUPPRESSION_RULES
from stakes.render.lint.github import PER_STEP_LIMIT

runner = CliRunner()

#: Only a warning: STK202 at 12:53 (the value of keeps_context).
DROPS = textwrap.dedent(
    """\
    journey: support
    title: Getting help
    owner: care-team
    stages:
      - id: ask
        title: Reports a suspicious payment
        touchpoints:
          - id: fraud-bot
            title: Tells the bot about the payment
            channel: chat
            handled_by: ai
            escalation: {to: fraud-team, keeps_context: false}
          - id: fraud-team
            title: Talks to the fraud team
            channel: phone
            handled_by: human
    """
)
DROPS_AT = ("STK202", 12, 53)

#: A verdict error: STK101 at 11:21 (the value of handled_by).
HUMAN_ONLY = textwrap.dedent(
    """\
    journey: bereavement
    title: Reporting a death
    owner: care-team
    stages:
      - id: tell
        title: Tells us a relative died
        touchpoints:
          - id: bereavement-chat
            title: Tells the bot a relative died
            channel: chat
            handled_by: ai
            signals: {emotion: grieving, vulnerability: likely}
            escalation: {to: bereavement-team}
          - id: bereavement-team
            title: Talks to the bereavement team
            channel: phone
            handled_by: human
    """
)
HUMAN_ONLY_AT = ("STK101", 11, 21)

#: Clean under the default policy.
CLEAN = DROPS.replace("keeps_context: false", "keeps_context: true")


def invoke(*args: str, input: str | None = None) -> Result:
    """Run the CLI in-process; a user error never surfaces as an exception or a traceback."""
    result = runner.invoke(app, list(args), input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def found(result: LintResult) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.col) for f in result.findings]


def lint_text(tmp_path: Path, text: str, name: str = "j.yaml") -> LintResult:
    return lint([str(write(tmp_path / name, text))])


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in its own folder, outside any CI environment the suite itself runs in."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


# --- suppressions ----------------------------------------------------------------------------


def above(text: str, anchor: str, comment: str) -> str:
    """``text`` with ``comment`` on its own line above the line holding ``anchor``."""
    lines = text.splitlines(keepends=True)
    (i,) = [n for n, line in enumerate(lines) if anchor in line]
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    return "".join([*lines[:i], f"{indent}{comment}\n", *lines[i:]])


def trailing(text: str, anchor: str, comment: str) -> str:
    """``text`` with ``comment`` at the end of the line holding ``anchor``."""
    return text.replace(anchor, f"{anchor}  {comment}", 1)


@pytest.mark.parametrize(
    "text",
    [
        trailing(DROPS, "keeps_context: false}", "# stakes: ignore[STK202] Case file by email."),
        above(DROPS, "keeps_context: false", "# stakes: ignore[STK202] Case file by email."),
        above(DROPS, "keeps_context", "# stakes: ignore[escalation-drops-context] By email."),
        above(DROPS, "keeps_context", "#stakes:ignore[ stk202 ]   By email."),
        above(DROPS, "keeps_context", "# stakes: ignore[STK202] By email.").replace("\n", "\r\n"),
    ],
    ids=["same-line", "line-above", "by-name", "lower-case-and-tight", "crlf"],
)
def test_a_suppression_with_a_reason_silences_the_finding(tmp_path: Path, text: str) -> None:
    result = lint_text(tmp_path, text)
    assert found(result) == []
    assert result.suppressed == 1
    assert lint_text(tmp_path, DROPS).suppressed == 0


def test_a_suppression_without_a_reason_is_stk502_and_silences_nothing(tmp_path: Path) -> None:
    text = above(DROPS, "keeps_context", "# stakes: ignore[STK202]")
    result = lint_text(tmp_path, text)
    assert found(result) == [("STK502", 12, 9), ("STK202", 13, 53)]
    assert result.suppressed == 0
    (invalid,) = [f for f in result.findings if f.code == "STK502"]
    assert invalid.severity is Severity.ERROR
    assert "reason" in invalid.message


def test_a_suppression_of_an_unknown_rule_is_stk502(tmp_path: Path) -> None:
    text = above(DROPS, "keeps_context", "# stakes: ignore[escalation-drop-context] By email.")
    result = lint_text(tmp_path, text)
    assert found(result) == [("STK502", 12, 9), ("STK202", 13, 53)]
    assert "'escalation-drop-context' is not a rule" in result.findings[0].message


def test_a_verdict_rule_cannot_be_silenced_by_a_comment(tmp_path: Path) -> None:
    text = above(HUMAN_ONLY, "handled_by: ai", "# stakes: ignore[STK101] Supervised pilot.")
    result = lint_text(tmp_path, text)
    assert found(result) == [("STK503", 11, 9), ("STK101", 12, 21)]
    assert result.suppressed == 0
    assert "override" in result.findings[0].hint


def test_the_verdict_rules_are_the_documented_ones_and_only_they_are_unsuppressible() -> None:
    from stakes.linter.catalogue import suppressible

    # docs/lint.md lists them: only a reviewed override changes a verdict finding.
    documented = {"STK101", "STK102", "STK201", "STK301", "STK302", "STK402", "STK403"}
    assert {c.rule.code for c in all_checks() if not c.suppressible} == documented
    assert {c.rule.code for c in all_checks() if not suppressible(c.rule)} == documented
    docs = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    assert ", ".join(sorted(documented)) in docs


def test_suppressing_a_format_rule_does_not_send_the_analyst_to_an_override(
    tmp_path: Path,
) -> None:
    text = above(CLEAN, "channel: chat", "# stakes: ignore[STK013] Migrating in Q1.")
    result = lint_text(tmp_path, text.replace("channel: chat", "channel: webchat"))
    (note,) = [f for f in result.findings if f.code in ("STK502", "STK503")]
    assert "verdict" not in note.message and "override" not in note.hint


def test_an_unused_suppression_is_stk501(tmp_path: Path) -> None:
    text = above(CLEAN, "keeps_context", "# stakes: ignore[STK202] Case file by email.")
    result = lint_text(tmp_path, text)
    assert found(result) == [("STK501", 12, 9)]
    assert result.findings[0].severity is Severity.WARNING
    assert result.suppressed == 0


def test_two_codes_in_one_comment_silence_two_findings(tmp_path: Path) -> None:
    # A loop-prone bot whose escalation drops the context: STK205 at '{' and STK202 at 'false',
    # both on line 13.
    text = DROPS.replace(
        "handled_by: ai\n", "handled_by: ai\n        signals: {prior_contacts: 2}\n"
    )
    assert found(lint_text(tmp_path, text)) == [("STK205", 13, 21), ("STK202", 13, 53)]
    comment = "# stakes: ignore[STK202, loop-without-turn-limit] Fraud desk calls back at once."
    result = lint_text(tmp_path, above(text, "keeps_context", comment))
    assert found(result) == []
    assert result.suppressed == 2


def test_two_codes_one_unused_one_verdict(tmp_path: Path) -> None:
    comment = "# stakes: ignore[STK202,STK101] Pilot."
    result = lint_text(tmp_path, above(HUMAN_ONLY, "handled_by: ai", comment))
    assert found(result) == [("STK501", 11, 9), ("STK503", 11, 9), ("STK101", 12, 21)]


def test_suppressions_are_applied_before_select_and_ignore(tmp_path: Path) -> None:
    # A comment that silences a finding is used, even when the rule is not selected.
    write(tmp_path / "j.yaml", above(DROPS, "keeps_context", "# stakes: ignore[STK202] Email."))
    for args in (["--ignore", "STK202"], ["--select", "STK5"], []):
        result = invoke("lint", "j.yaml", "--format", "json", *args)
        assert json.loads(result.stdout)["findings"] == [], args


def test_suppression_text_inside_a_yaml_string_is_not_a_comment(tmp_path: Path) -> None:
    note = 'description: "Runbook: add # stakes: ignore[STK202] only with a reason"'
    result = lint_text(tmp_path, above(DROPS, "escalation:", note))
    assert found(result) == [("STK202", 13, 53)]
    assert result.suppressed == 0


# --- configuration ---------------------------------------------------------------------------


def project(root: Path, config: str, name: str = "stakes.toml") -> Path:
    """A project: ``config`` in ``root/name``, a warning-only journey in journeys/."""
    write(root / "journeys" / "fraud.yaml", DROPS)
    return write(root / name, textwrap.dedent(config))


def lint_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = invoke("lint", *args, "--format", "json")
    assert result.stdout, result.stderr
    return result.exit_code, json.loads(result.stdout)


def codes_of(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["code"], f["severity"]) for f in doc["findings"]]


def test_config_is_found_walking_up_and_its_paths_are_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project(tmp_path, 'paths = ["journeys"]\nfail-on = "warning"\n')
    nested = tmp_path / "docs" / "deep"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    code, doc = lint_json()
    assert code == 1  # fail-on warning, from the file
    assert codes_of(doc) == [("STK202", "warning")]
    assert doc["findings"][0]["file"].endswith("journeys/fraud.yaml")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"pyproject.toml": '[tool.stakes]\npaths = ["journeys"]\n'}, "pyproject.toml"),
        ({"pyproject.toml": '[tool.stakes.severity]\nSTK202 = "off"\n'}, "pyproject.toml"),
        (
            {"pyproject.toml": '[tool.stakes]\npaths = ["a"]\n', "stakes.toml": 'paths = ["b"]\n'},
            "stakes.toml",
        ),
        ({"stakes.toml": "", "pyproject.toml": '[tool.stakes]\npaths = ["a"]\n'}, "stakes.toml"),
        ({"pyproject.toml": '[project]\nname = "x"\n[tool.ruff]\nline-length = 99\n'}, None),
        ({"pyproject.toml": '[project]\nname = "stakes-tool"  # not [tool.stakes]\n'}, None),
    ],
    ids=["pyproject", "pyproject-subtable", "stakes-toml-wins", "empty-stakes-toml-wins",
         "pyproject-without-table", "pyproject-mentioning-stakes"],
)  # fmt: skip
def test_discovery_picks_stakes_toml_or_a_pyproject_with_tool_stakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], expected: str | None
) -> None:
    from stakes.app.config import discover, load_config

    # A stakes.toml further up: found only when the nearer folder has no config of its own.
    write(tmp_path / "stakes.toml", 'paths = ["outer"]\n')
    inner = tmp_path / "repo"
    for name, text in files.items():
        write(inner / name, text)
    (inner / "src").mkdir()
    monkeypatch.chdir(inner / "src")
    found_at = discover(Path.cwd())
    if expected is None:
        assert found_at == tmp_path / "stakes.toml"
        assert load_config().paths == (str(tmp_path / "outer"),)
    else:
        assert found_at == inner / expected
        assert load_config().file == inner / expected


def test_config_file_and_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, 'paths = ["journeys"]\nseverity = {STK202 = "error"}\n')
    write(tmp_path / "elsewhere" / "strict.toml", 'fail-on = "warning"\n')
    write(
        tmp_path / "elsewhere" / "pyproject.toml",
        '[tool.stakes]\nseverity = {STK202 = "off"}\n',
    )
    code, doc = lint_json()
    assert (code, codes_of(doc)) == (1, [("STK202", "error")])
    # --config replaces the discovered file: its paths are gone, its own settings apply.
    code, doc = lint_json("journeys", "--config", "elsewhere/strict.toml")
    assert (code, codes_of(doc)) == (1, [("STK202", "warning")])
    code, doc = lint_json("journeys", "--config", "elsewhere/pyproject.toml")
    assert (code, codes_of(doc)) == (0, [])
    # --isolated: defaults only, so a path must be given.
    code, doc = lint_json("journeys", "--isolated")
    assert (code, codes_of(doc)) == (0, [("STK202", "warning")])
    result = invoke("lint", "--isolated")
    assert result.exit_code == 2
    assert "give a journey file or folder" in result.stderr
    # --config wins over --isolated: it names the file to use.
    code, doc = lint_json("journeys", "--isolated", "--config", "elsewhere/strict.toml")
    assert code == 1


def test_the_command_line_wins_over_the_file(tmp_path: Path) -> None:
    project(
        tmp_path,
        """\
        paths = ["journeys"]
        fail-on = "warning"
        select = ["STK4"]
        ignore = ["STK401"]
        """,
    )
    write(tmp_path / "journeys" / "orphan.yaml", HUMAN_ONLY.replace("owner: care-team\n", ""))
    code, doc = lint_json()
    assert (code, codes_of(doc)) == (0, [])  # STK4 selected, STK401 ignored: nothing left
    code, doc = lint_json("--select", "STK202")
    assert (code, codes_of(doc)) == (1, [("STK202", "warning")])  # fail-on warning still
    code, doc = lint_json("--select", "STK202", "--fail-on", "error")
    assert (code, codes_of(doc)) == (0, [("STK202", "warning")])
    # --ignore adds to the file's ignore list.
    code, doc = lint_json("--select", "STK", "--ignore", "STK2,STK1")
    assert codes_of(doc) == []
    code, doc = lint_json("--select", "STK")
    assert sorted(codes_of(doc)) == [
        ("STK101", "error"),
        ("STK202", "warning"),
    ]


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        ('{STK202 = "error"}', (1, [("STK202", "error")])),
        ('{escalation-drops-context = "info"}', (0, [("STK202", "info")])),
        ('{STK202 = "off"}', (0, [])),
        ("{}", (0, [("STK202", "warning")])),
    ],
)
def test_per_rule_severity(
    tmp_path: Path, severity: str, expected: tuple[int, list[tuple[str, str]]]
) -> None:
    project(tmp_path, f'paths = ["journeys"]\nseverity = {severity}\n')
    code, doc = lint_json()
    assert (code, codes_of(doc)) == expected


@pytest.mark.parametrize("key", ["STK2", "stk202"])
def test_a_severity_key_is_applied_or_refused(tmp_path: Path, key: str) -> None:
    project(tmp_path, f'paths = ["journeys"]\nseverity = {{{key} = "off"}}\n')
    result = invoke("lint", "--format", "json")
    assert result.exit_code == 2 or json.loads(result.stdout)["findings"] == []


def config_error(tmp_path: Path, config: str, name: str = "stakes.toml") -> str:
    """The one line stakes prints on stderr for a bad configuration (exit 2, no output)."""
    project(tmp_path, config, name)
    result = invoke("lint")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    return line


#: (id, the config's second line, where the error is, what the message says); line 1 is paths.
BAD_CONFIGS = [
    ("toml", "fail-on = error", "2:11", "not valid TOML: Invalid value"),
    ("unknown-key", 'selct = ["STK2"]', "2:1", "unknown key 'selct'; did you mean 'select'?"),
    ("underscore-key", 'fail_on = "warning"', "2:1", "did you mean 'fail-on'?"),
    ("unknown-key-no-match", "colour = true", "2:1", "unknown key 'colour'; known keys: paths,"),
    ("select-type", "select = 5", "2:1", "select must be a list of strings"),
    ("ignore-item-type", 'ignore = ["STK2", 3]', "2:1", "ignore must be a list of strings"),
    ("indented-key", "  policy = 3", "2:3", "policy must be the path of a policy file"),
    ("fail-on-value", 'fail-on = "sometimes"', "2:1", "fail-on must be one of: error, warning,"),
    ("severity-type", 'severity = "error"', "2:1", "severity must be a table of rule = level"),
    ("severity-value", '[severity]\nSTK202 = "fatal"', "3:1", "'STK202' must be one of: error,"),
]


@pytest.mark.parametrize(
    ("line2", "where", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in BAD_CONFIGS],
)
def test_a_bad_config_is_exit_2_with_its_position(
    tmp_path: Path, line2: str, where: str, message: str
) -> None:
    line = config_error(tmp_path, f'paths = ["journeys"]\n{line2}\n')
    assert line.startswith(f"stakes: error: {tmp_path / 'stakes.toml'}:{where}: "), line
    assert message in line


def test_a_bad_pyproject_table_points_into_the_pyproject(tmp_path: Path) -> None:
    config = '[project]\nname = "cx"\n\n[tool.stakes]\npaths = ["journeys"]\nselct = []\n'
    line = config_error(tmp_path, config, "pyproject.toml")
    assert f"{tmp_path / 'pyproject.toml'}:6:1: unknown key 'selct'" in line


def test_a_config_named_with_config_must_exist_and_hold_the_table(tmp_path: Path) -> None:
    write(tmp_path / "j.yaml", CLEAN)
    missing = invoke("lint", "j.yaml", "--config", "nope.toml")
    assert missing.exit_code == 2 and "nope.toml" in missing.stderr
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    no_table = invoke("lint", "j.yaml", "--config", "pyproject.toml")
    assert no_table.exit_code == 2
    assert "pyproject.toml:1:1: no [tool.stakes] table" in no_table.stderr


def test_the_config_policy_is_relative_to_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A refund bot two contacts in is loop-prone by default (STK205); the team policy raises
    # the threshold. Run from a nested folder: the policy is found next to the config.
    loop = DROPS.replace("keeps_context: false", "keeps_context: true").replace(
        "handled_by: ai\n", "handled_by: ai\n        signals: {prior_contacts: 2}\n"
    )
    write(tmp_path / "journeys" / "loop.yaml", loop)
    write(tmp_path / "stakes.toml", 'paths = ["journeys"]\npolicy = "policy/team.yaml"\n')
    write(
        tmp_path / "policy" / "team.yaml",
        "extends: default\nloop_prone: {prior_contacts: 5, repeat_contact_rate: 0.9}\n",
    )
    (tmp_path / "journeys" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "journeys" / "sub")
    assert codes_of(lint_json()[1]) == []
    assert codes_of(lint_json(str(tmp_path / "journeys"), "--isolated")[1]) == [
        ("STK205", "warning")
    ]


def test_a_bad_severity_in_an_inline_table_points_at_its_line(tmp_path: Path) -> None:
    line = config_error(tmp_path, 'paths = ["journeys"]\nseverity = { STK202 = "fatal" }\n')
    assert f"{tmp_path / 'stakes.toml'}:2:" in line


def test_a_pyproject_error_points_into_tool_stakes_not_another_table(tmp_path: Path) -> None:
    config = '[tool.ruff]\nselect = ["E"]\n\n[tool.stakes]\npaths = ["journeys"]\nselect = 5\n'
    line = config_error(tmp_path, config, "pyproject.toml")
    assert f"{tmp_path / 'pyproject.toml'}:6:1: select must be a list of strings" in line


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ('paths = ["journeys"]\nselect = ["STK9"]\n', "2:11"),
        ('paths = ["journeys"]\n\n[severity]\nescalation-dropped = "off"\n', "4:1"),
    ],
)
def test_an_unknown_rule_in_the_config_names_the_file_and_position(
    tmp_path: Path, config: str, where: str
) -> None:
    line = config_error(tmp_path, config)
    assert f"{tmp_path / 'stakes.toml'}:{where}:" in line


# --- SARIF -----------------------------------------------------------------------------------

#: The OASIS schema, vendored unchanged (tests/data/sarif/SOURCE.md).
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"


def sarif(*args: str) -> dict[str, Any]:
    result = invoke("lint", *args, "--format", "sarif", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def a_portfolio(root: Path) -> None:
    write(root / "journeys" / "fraud.yaml", DROPS)
    write(root / "journeys" / "care" / "bereavement.yaml", HUMAN_ONLY.replace("owner:", "# o:"))
    write(root / "journeys" / "care" / "empty.yaml", "")
    write(root / "journeys" / "ok.yaml", CLEAN.replace("journey: support", "journey: ok"))


@pytest.mark.parametrize("clean", [False, True])
def test_sarif_is_valid_against_the_sarif_2_1_0_schema(tmp_path: Path, clean: bool) -> None:
    if clean:
        write(tmp_path / "journeys" / "ok.yaml", CLEAN)
    else:
        a_portfolio(tmp_path)
    doc = sarif("journeys")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    assert (len(doc["runs"][0]["results"]) == 0) is clean


def test_sarif_has_what_github_code_scanning_requires(tmp_path: Path) -> None:
    a_portfolio(tmp_path)
    doc = sarif("journeys")
    assert doc["version"] == "2.1.0" and doc["$schema"]
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "stakes"
    ids = [r["id"] for r in driver["rules"]]
    assert sorted(ids) == ["STK003", "STK101", "STK202", "STK401"]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert 0 < len(rule["fullDescription"]["text"]) <= 1000
        assert rule["help"]["text"]
    uris = set()
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        assert result["level"] in ("error", "warning", "note")
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "\\" not in uri and ":" not in uri
        uris.add(uri)
        assert location["region"]["startLine"] >= 1
        assert location["region"]["startColumn"] >= 1
        assert result["partialFingerprints"]
    assert uris == {
        "journeys/fraud.yaml",
        "journeys/care/bereavement.yaml",
        "journeys/care/empty.yaml",
    }


def test_sarif_rule_descriptors_fit_github_for_every_rule() -> None:
    # Only rules that reported are listed; make every rule report once.
    findings = tuple(finding(r, "m", "j.yaml", 1, 1) for r in all_rules())
    result = LintResult(findings, ("j.yaml",), ())
    doc = json.loads(rendered("lint", "sarif", result, root=Path.cwd()))
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for rule in rules:
        assert rule["shortDescription"]["text"].endswith(".")
        assert 0 < len(rule["fullDescription"]["text"]) <= 1000, rule["id"]
        assert len(rule["help"]["text"]) > len(rule["shortDescription"]["text"]), rule["id"]


def test_sarif_uris_are_relative_to_github_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In Actions a step may run in a sub-folder; the URIs stay repository-relative.
    a_portfolio(tmp_path)
    write(tmp_path / "stakes.toml", 'paths = ["journeys"]\n')
    (tmp_path / "tools").mkdir()
    monkeypatch.chdir(tmp_path / "tools")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    results = sarif()["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "journeys/fraud.yaml" in uris
    assert all(u.startswith("journeys/") for u in uris)


def fingerprints(doc: dict[str, Any]) -> dict[tuple[str, str], tuple[str, int]]:
    """(ruleId, touchpoint) -> (fingerprint, line) of each result."""
    out = {}
    for r in doc["runs"][0]["results"]:
        loc = r["locations"][0]
        subject = loc.get("logicalLocations", [{}])[0].get("fullyQualifiedName", "")
        key = (r["ruleId"], subject)
        assert key not in out, f"two results for {key}"
        ((_, value),) = r["partialFingerprints"].items()
        out[key] = (value, loc["physicalLocation"]["region"]["startLine"])
    return out


def test_sarif_fingerprints_survive_line_moves_and_tell_findings_apart(tmp_path: Path) -> None:
    text = HUMAN_ONLY.replace("owner: care-team\n", "") + DROPS.split("touchpoints:\n")[1]
    text = text.replace("to: fraud-team", "to: bereavement-team")
    write(tmp_path / "j.yaml", text)
    before = fingerprints(sarif("j.yaml"))
    assert set(before) == {
        ("STK101", "bereavement/bereavement-chat"),
        ("STK202", "bereavement/fraud-bot"),
        ("STK401", "bereavement"),
    }
    values = [fp for fp, _ in before.values()]
    assert len(set(values)) == len(values)  # different findings, different fingerprints
    moved = "# yaml-language-server: $schema=schema.json\n\n# owned by nobody yet\n" + text
    write(tmp_path / "j.yaml", moved)
    after = fingerprints(sarif("j.yaml"))
    assert {k: fp for k, (fp, _) in after.items()} == {k: fp for k, (fp, _) in before.items()}
    assert {k: line for k, (_, line) in after.items()} == {
        k: line + 3 for k, (_, line) in before.items()
    }


def test_two_unused_suppressions_have_different_fingerprints(tmp_path: Path) -> None:
    text = above(CLEAN, "to: fraud-team", "# stakes: ignore[STK202] Email.")
    text = above(text, "handled_by: human", "# stakes: ignore[STK202] Email.")
    write(tmp_path / "j.yaml", text)
    results = sarif("j.yaml")["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["STK501", "STK501"]
    first, second = (r["partialFingerprints"] for r in results)
    assert first != second


# --- JUnit -----------------------------------------------------------------------------------


def junit(*args: str) -> Any:
    from junitparser import JUnitXml

    result = invoke("lint", *args, "--format", "junit", "-o", "report.xml")
    assert result.stdout == ""
    return JUnitXml.fromfile("report.xml")


def test_junit_one_case_per_file_and_rule_failures_for_errors(tmp_path: Path) -> None:
    from junitparser import Failure

    a_portfolio(tmp_path)
    xml = junit("journeys")
    suites = {s.name: s for s in xml}
    assert set(suites) == {
        "journeys/fraud.yaml",
        "journeys/ok.yaml",
        "journeys/care/bereavement.yaml",
        "journeys/care/empty.yaml",
    }
    n = len(all_rules())
    titles = {r.title for r in all_rules()}
    failing: dict[str, set[str]] = {}
    for name, suite in suites.items():
        cases = list(suite)
        assert len(cases) == n and {c.name for c in cases} == titles
        assert {c.classname for c in cases} == {name}
        failing[name] = {c.name.split()[0] for c in cases if not c.is_passed}
        for case in cases:
            assert all(isinstance(r, Failure) for r in case.result)
        # the suite's own counts match its cases
        assert (suite.tests, suite.failures, suite.errors) == (n, len(failing[name]), 0)
    assert failing == {
        "journeys/fraud.yaml": set(),  # a warning is not a failure
        "journeys/ok.yaml": set(),
        "journeys/care/bereavement.yaml": {"STK101"},  # STK401 is a warning
        "journeys/care/empty.yaml": {"STK003"},
    }
    # warnings are reported in the passing case's output
    (drops,) = [c for c in suites["journeys/fraud.yaml"] if c.name.startswith("STK202")]
    assert drops.is_passed and "journeys/fraud.yaml:12:53: warning STK202" in drops.system_out
    (stk101,) = [c for c in suites["journeys/care/bereavement.yaml"] if c.name.startswith("STK101")]
    assert "journeys/care/bereavement.yaml:11:21: error STK101" in stk101.result[0].text
    assert (xml.tests, xml.failures, xml.errors) == (4 * n, 2, 0)


def test_junit_of_a_clean_run_passes_every_case(tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml", CLEAN)
    (suite,) = junit("ok.yaml")
    assert all(case.is_passed for case in suite)
    assert (suite.tests, suite.failures, suite.errors) == (len(all_rules()), 0, 0)


def test_junit_follows_the_configured_severity_and_reports_unreadable_inputs(
    tmp_path: Path,
) -> None:
    write(tmp_path / "j.yaml", DROPS)
    write(tmp_path / "stakes.toml", 'severity = {STK202 = "error"}\n')
    xml = junit("j.yaml", "missing.yaml")
    suites = {s.name: s for s in xml}
    assert [c.name for c in suites["j.yaml"] if not c.is_passed] == [
        "STK202 escalation-drops-context"
    ]
    (read,) = suites["inputs"]
    assert not read.is_passed and "missing.yaml" in read.result[0].message


def test_junit_stays_well_formed_with_a_hostile_file_name(tmp_path: Path) -> None:
    write(tmp_path / "a<&\"'\x01.yaml", HUMAN_ONLY)
    (suite,) = junit(".")
    assert suite.failures == 1  # STK101


# --- GitHub ----------------------------------------------------------------------------------


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
        "%0Ahint: see `stakes explain we%25ird,na:me%0D%0A.yaml#bereavement-chat`; "
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
        for i in range(n)
    )
    agent = "      - id: agent\n        title: Agent\n        channel: phone\n"
    agent += "        handled_by: human\n"
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


# --- stakes rules ----------------------------------------------------------------------------


def test_rules_lists_every_journey_and_suppression_rule() -> None:
    listing = invoke("rules").stdout.splitlines()
    rules = [*(c.rule for c in all_checks()), *SUPPRESSION_RULES]
    assert {r.code[:4] for r in rules} == {"STK1", "STK2", "STK3", "STK4", "STK5"}
    for rule in rules:
        (line,) = [x for x in listing if x.startswith(rule.code + " ")]
        assert rule.name in line and rule.severity.label in line and rule.summary in line


@pytest.mark.parametrize("key", ["STK201", "escalation-missing", "stk201"])
def test_rules_documents_one_rule(key: str) -> None:
    result = invoke("rules", key)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("STK201 escalation-missing (error)\n")
    assert "Why it matters" in out
    assert out.index("Fails:") < out.index("Passes:")


# --- stakes init -----------------------------------------------------------------------------

INIT_FILES = [
    "journeys/order-question.yaml",
    "stakes.toml",
    ".github/workflows/stakes.yml",
    "schema/journey.schema.json",
]


def test_init_writes_a_starter_that_lints_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke("init", "start")
    assert result.exit_code == 0
    target = tmp_path / "start"
    for name in INIT_FILES:
        assert (target / name).is_file(), name
        assert f"wrote {Path('start') / name}" in result.stdout
    monkeypatch.chdir(target)
    lint = invoke("lint")  # paths and fail-on from the written stakes.toml
    assert lint.exit_code == 0, lint.stdout
    assert lint.stdout == "✓ 1 file checked, no findings\n"
    strict = invoke("lint", "--fail-on", "info", "--format", "json")
    assert (strict.exit_code, json.loads(strict.stdout)["findings"]) == (0, [])


def test_init_schema_is_the_one_the_journey_points_at(tmp_path: Path) -> None:
    invoke("init", ".")
    journey = (tmp_path / INIT_FILES[0]).read_text(encoding="utf-8")
    ref = re.search(r"\$schema=(\S+)", journey.splitlines()[0])
    assert ref is not None
    schema_file = (tmp_path / "journeys" / ref.group(1)).resolve()
    assert schema_file == (tmp_path / "schema" / "journey.schema.json").resolve()
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(journey), schema)


def test_init_twice_keeps_every_existing_file(tmp_path: Path) -> None:
    invoke("init", "start")
    target = tmp_path / "start"
    (target / "stakes.toml").write_text('paths = ["mine"]\n', encoding="utf-8")
    before = {name: (target / name).read_bytes() for name in INIT_FILES}
    again = invoke("init", "start")
    assert again.exit_code == 0
    for name in INIT_FILES:
        assert f"kept existing {Path('start') / name}" in again.stdout
    assert "wrote" not in again.stdout
    assert {name: (target / name).read_bytes() for name in INIT_FILES} == before


def test_init_fills_in_only_what_is_missing(tmp_path: Path) -> None:
    write(tmp_path / "stakes.toml", "# ours\n")
    result = invoke("init")
    assert result.exit_code == 0
    assert "kept existing stakes.toml" in result.stdout
    assert "wrote journeys/order-question.yaml" in result.stdout
    assert (tmp_path / "stakes.toml").read_text(encoding="utf-8") == "# ours\n"


def test_init_into_an_unwritable_place_is_exit_2(tmp_path: Path) -> None:
    # A regular file where a folder must go: refused even for root, unlike permissions.
    write(tmp_path / "occupied", "a file\n")
    result = invoke("init", "occupied/starter")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("stakes: error: occupied/starter: cannot write")


def test_init_workflow_lints_and_uploads_sarif(tmp_path: Path) -> None:
    invoke("init", ".")
    workflow = yaml.safe_load((tmp_path / ".github/workflows/stakes.yml").read_text("utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    (upload,) = [
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")
    ]
    sarif_file = upload["with"]["sarif_file"]
    assert upload.get("if") == "always()"
    runs = [s["run"] for s in steps if "run" in s]
    assert any("stakes lint --format github" in r for r in runs)
    (makes_sarif,) = [r for r in runs if "--format sarif" in r]
    assert f"-o {sarif_file}" in makes_sarif
    assert steps.index(upload) > [s.get("run") for s in steps].index(makes_sarif)


def test_every_data_file_is_packaged() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["stakes"]
    package = ROOT / "stakes"
    packaged = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    data = {
        p for p in (package / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }
    assert data - packaged == set()


# --- self-escalation (a crash found by the rule cases) ---------------------------------------


def test_an_escalation_to_itself_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path / "j.yaml", CLEAN.replace("to: fraud-team", "to: fraud-bot"))
    result = invoke("lint", "j.yaml", "--format", "json")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["STK204"]


# --- pre-commit ------------------------------------------------------------------------------


def git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    proc = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return proc.stdout


def snapshot(source: Path, target: Path) -> Path:
    """The working tree of ``source`` (tracked and untracked, not ignored) as a one-commit repo.

    `pre-commit try-repo` takes the repository's HEAD plus changes to tracked files; a new,
    uncommitted module would be missing. A snapshot tests what is on disk.
    """
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=source)
    for name in filter(None, listed.split("\0")):
        src = source / name
        if src.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return target


@pytest.mark.network
def test_pre_commit_hook_fails_on_a_bad_journey_and_passes_once_fixed(tmp_path: Path) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit (or git) is not installed")
    hooks = snapshot(ROOT, tmp_path / "stakes-src")
    repo = tmp_path / "analysts"
    write(repo / "journeys" / "bereavement.yaml", HUMAN_ONLY)
    write(repo / "journeys" / "fraud.yaml", CLEAN)
    write(repo / "README.md", "not a journey\n")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "journeys", cwd=repo)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VIRTUAL_ENV"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pre_commit), "try-repo", str(hooks), "stakes-lint", "--all-files"],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    failed = try_repo()
    out = failed.stdout + failed.stderr
    assert failed.returncode == 1, out
    assert "journeys/bereavement.yaml" in out
    assert "11:21" in out and "STK101 over-automated-human-only" in out
    assert "in 1 of 2 files" in out  # both journeys checked, README.md not passed

    fixed = HUMAN_ONLY.replace("handled_by: ai", "handled_by: hybrid")
    write(repo / "journeys" / "bereavement.yaml", fixed)
    git("add", "-A", cwd=repo)
    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


@pytest.mark.network
def test_the_projects_own_pre_commit_config_runs_ruff_and_mypy_and_passes(tmp_path: Path) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit (or git) is not installed")
    repo = snapshot(ROOT, tmp_path / "stakes-src")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VIRTUAL_ENV"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    proc = subprocess.run(
        [str(pre_commit), "run", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    for hook in ("ruff check", "ruff format", "mypy --strict (stakes/)"):
        assert re.search(rf"^{re.escape(hook)}\.+Passed$", proc.stdout, re.M), out
