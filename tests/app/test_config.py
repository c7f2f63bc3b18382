"""Configuration for lint: discovery, --config and --isolated, the command line winning, per-rule
severity, and every bad value an error at its line and column."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke
from linting import CLEAN, DROPS, HUMAN_ONLY, write

#: Every test runs in its own folder, outside any CI environment the suite runs in.
pytestmark = pytest.mark.usefixtures("in_tmp")


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

    # A stakes.toml further up: never found, since a pyproject.toml marks the project's root
    # (issue #19: a pyproject without [tool.stakes] stops the search, with no configuration).
    write(tmp_path / "stakes.toml", 'paths = ["outer"]\n')
    inner = tmp_path / "repo"
    for name, text in files.items():
        write(inner / name, text)
    (inner / "src").mkdir()
    monkeypatch.chdir(inner / "src")
    found_at = discover(Path.cwd())
    if expected is None:
        assert found_at is None
        assert load_config().file is None
        assert load_config().paths == ()
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
    ("triggers-type", "triggers = 5", "2:1", "triggers must be a list of strings"),
    ("trigger-slug", 'triggers = ["Fraud Flag"]', "2:13", "trigger 'Fraud Flag' must be a slug"),
    ("jurisdictions-type", "jurisdictions = 5", "2:1", "jurisdictions must be a list of strings"),
    ("jurisdiction-slug", 'jurisdictions = ["EU"]', "2:18", "jurisdiction 'EU' must be a slug"),
    ("processors-type", "processors = 5", "2:1", "processors must be a list of strings"),
    ("processor-empty", 'processors = [" "]', "2:1", "each processor must be a name of 1 to"),
    (
        "jurisdiction-unknown",
        'jurisdictions = ["ue"]',
        "2:18",
        "no rule pack for jurisdiction 'ue'",
    ),
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
        "signals: {emotion: anxious}\n", "signals: {emotion: anxious, prior_contacts: 2}\n", 1
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


#: Malformed shapes that ended in a traceback (issue #19, row 13), with --config: (id, file
#: name, text, where, message).
BAD_SHAPES = [
    ("tool-string", "pyproject.toml", 'tool = "x"\n', "1:1",
     "no [tool.stakes] table in this file"),
    ("stakes-int", "pyproject.toml", "[tool]\nstakes = 5\n", "2:1",
     "[tool.stakes] must be a table of settings"),
    ("stakes-array", "pyproject.toml", '[project]\nname = "x"\n\n[[tool.stakes]]\npaths = []\n',
     "4:1", "[tool.stakes] must be a table of settings"),
    ("nul-in-paths", "stakes.toml", 'paths = ["jour\\u0000neys"]\n', "1:1",
     "paths: a path cannot contain a NUL character"),
    ("nul-in-policy", "stakes.toml", 'fail-on = "error"\npolicy = "p\\u0000.yaml"\n', "2:1",
     "policy: a path cannot contain a NUL character"),
    ("nul-in-encoding", "stakes.toml", '[evidence]\nencoding = "utf-8\\u0000"\n', "2:1",
     "evidence encoding 'utf-8\\x00' is not known"),
    ("deep", "stakes.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n", "1:1",
     "not valid TOML: nested too deeply"),
    ("not-utf8", "stakes.toml", 'fail-on = "error"\npaths = ["\xff"]\n', "2:11",
     "not UTF-8 text (byte 0xff)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "where", "message"), [pytest.param(*c[1:], id=c[0]) for c in BAD_SHAPES]
)
def test_a_malformed_config_shape_is_one_line_at_its_place(
    tmp_path: Path, name: str, text: str, where: str, message: str
) -> None:
    write(tmp_path / "j.yaml", CLEAN)
    data = text.encode("utf-8") if "\xff" not in text else text.encode("latin-1")
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / name).write_bytes(data)
    result = invoke("lint", "j.yaml", "--config", f"cfg/{name}")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == f"stakes: error: cfg/{name}:{where}: {message}\n"


def test_a_config_that_is_a_folder_or_a_device_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "j.yaml", CLEAN)
    (tmp_path / "folder").mkdir()
    result = invoke("lint", "j.yaml", "--config", "folder")
    assert result.exit_code == 2
    assert result.stderr == "stakes: error: folder: cannot read the configuration: Is a directory\n"
    if Path("/dev/zero").exists():  # endless: only the first MiB is read
        result = invoke("lint", "j.yaml", "--config", "/dev/zero")
        assert result.exit_code == 2
        assert "/dev/zero: not a configuration file: larger than 1048576 bytes" in result.stderr


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    write(tmp_path / "j.yaml", CLEAN)
    (tmp_path / "stakes.toml").write_bytes(b'\xef\xbb\xbffail-on = "never"\n')
    assert invoke("lint", "j.yaml").exit_code == 0


def test_a_pyproject_may_spell_the_table_any_toml_way(tmp_path: Path) -> None:
    from stakes.app.config import discover, load_config

    for text in (
        '[tool]\nstakes = {fail-on = "info"}\n',
        'tool.stakes.fail-on = "info"\n',
        'tool = {stakes = {fail-on = "info"}}\n',
    ):
        write(tmp_path / "pyproject.toml", text)
        assert discover(tmp_path) == tmp_path / "pyproject.toml"
        assert load_config(cwd=tmp_path).fail_on == "info"


def test_a_project_declares_its_own_escalation_triggers(tmp_path: Path) -> None:
    journey = DROPS.replace("keeps_context: false", "triggers: [fraud-flag]")
    assert journey != DROPS
    write(tmp_path / "journeys" / "fraud.yaml", journey)
    code, doc = lint_json("journeys")
    assert ("STK022", "error") in codes_of(doc) and code == 1
    write(tmp_path / "stakes.toml", 'triggers = ["fraud-flag"]\n')
    code, doc = lint_json("journeys")
    assert "STK022" not in {c for c, _ in codes_of(doc)}
    assert invoke("map", "journeys").exit_code == 0
    shown = invoke("config").stdout
    assert 'triggers = ["fraud-flag"]' in shown
