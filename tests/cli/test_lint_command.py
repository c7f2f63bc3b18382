"""The command line: exit codes, output formats, stdin, -o, file discovery, help and imports."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import JOURNEYS, ROOT, VALID, imports_pandas, invoke

import stakes
from stakes.render.lint.github import PER_STEP_LIMIT, escape_data, escape_property

#: Every test runs in its own folder, so shown file names are predictable.
pytestmark = pytest.mark.usefixtures("in_tmp")

STAKES = Path(sys.executable).with_name("stakes")

#: VALID with two errors: an unknown channel (10:18) and an unknown handler (24:21).
BAD = VALID.replace("channel: web", "channel: webchat").replace(
    "handled_by: human", "handled_by: bot"
)
#: VALID with one warning only: an escalation into a journey that is not among the inputs.
WARN = VALID.replace("to: dispute-specialist", "to: other-journey#x")
BROKEN = "journey: [billing\n"


def journey(slug: str, text: str = VALID) -> str:
    """``text`` under another journey slug (slugs are unique across the files checked)."""
    return text.replace("journey: billing-dispute", f"journey: {slug}", 1)


def run(
    *args: str | Path, cwd: Path, input: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run a real process; no traceback in what it prints."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    proc = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=env,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def lint_json(*args: str, input: str | None = None) -> tuple[int, dict[str, object]]:
    result = invoke("lint", *args, "--format", "json", input=input)
    return result.exit_code, json.loads(result.stdout)


# --- exit codes ------------------------------------------------------------------------------


def test_the_shipped_journeys_have_a_clean_format() -> None:
    result = invoke("lint", str(JOURNEYS), "--select", "STK0", "--isolated")
    n = len(list(JOURNEYS.glob("*.yaml")))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"✓ {n} files checked, no findings\n"


def test_the_shipped_journeys_show_their_gaps_as_warnings_under_the_repo_config(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # journeys/ is an as-is portfolio; the repository's [tool.stakes] reports its verdict
    # findings as warnings, so CI passes and every gap stays visible.
    monkeypatch.chdir(ROOT)
    result = invoke("lint")
    assert result.exit_code == 0, result.output
    assert "warning STK101 over-automated-human-only" in result.stdout
    assert " error " not in result.stdout
    isolated = invoke("lint", str(JOURNEYS), "--isolated")
    assert isolated.exit_code == 1
    assert "error   STK101 over-automated-human-only" in isolated.stdout


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        (VALID, [], 0),
        (BAD, [], 1),
        (BAD, ["--fail-on", "error"], 1),
        (BAD, ["--fail-on", "warning"], 1),
        (BAD, ["--fail-on", "never"], 0),
        (WARN, [], 0),
        (WARN, ["--fail-on", "error"], 0),
        (WARN, ["--fail-on", "warning"], 1),
        (WARN, ["--fail-on", "never"], 0),
    ],
)
def test_exit_code_follows_fail_on(
    tmp_path: Path, text: str, options: list[str], expected: int
) -> None:
    write(tmp_path / "j.yaml", text)
    for fmt in ("text", "json", "github"):
        result = invoke("lint", "j.yaml", "--format", fmt, *options)
        assert result.exit_code == expected, (fmt, result.output)


def test_a_warning_only_file_is_an_unresolved_escalation_warning(tmp_path: Path) -> None:
    write(tmp_path / "j.yaml", WARN)
    code, doc = lint_json("j.yaml")
    assert code == 0
    findings = doc["findings"]
    assert isinstance(findings, list)
    assert [(f["code"], f["severity"]) for f in findings] == [("STK019", "warning")]


def _cross_journey_typo(tmp_path: Path) -> None:
    folder = tmp_path / "journeys"
    folder.mkdir()
    write(folder / "billing.yaml", VALID)
    typo = VALID.replace("to: dispute-specialist", "to: biling-dispute#dispute-specialist")
    write(folder / "repeat.yaml", journey("billing-repeat", typo))


def test_a_typo_in_another_journey_is_an_error_when_its_folder_was_checked(
    tmp_path: Path,
) -> None:
    _cross_journey_typo(tmp_path)
    code, doc = lint_json("journeys")
    assert code == 1
    findings = doc["findings"]
    assert isinstance(findings, list)
    [typo] = [f for f in findings if f["file"] == "journeys/repeat.yaml"]
    assert (typo["code"], typo["severity"]) == ("STK018", "error")
    assert "no journey 'biling-dispute' in journeys/" in typo["message"]
    assert typo["hint"].startswith("did you mean 'billing-dispute#dispute-specialist'?")
    assert "the journeys checked are billing-dispute, billing-repeat" in typo["hint"]


def test_a_journey_outside_the_files_checked_stays_a_warning_with_a_guess(
    tmp_path: Path,
) -> None:
    _cross_journey_typo(tmp_path)
    code, doc = lint_json("journeys/repeat.yaml", "journeys/billing.yaml")
    assert code == 0
    findings = doc["findings"]
    assert isinstance(findings, list)
    [typo] = findings
    assert (typo["code"], typo["severity"]) == ("STK019", "warning")
    assert typo["hint"].startswith("did you mean 'billing-dispute#dispute-specialist'?")


def test_the_report_does_not_count_an_unverified_escalation_as_a_way_to_a_person(
    tmp_path: Path,
) -> None:
    _cross_journey_typo(tmp_path)
    result = invoke("report", "journeys/repeat.yaml", "-o", "report.md")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "Every AI moment has a way to a person" not in report
    assert (
        "1 escalation goes into journeys this report does not include, so nobody checked them: "
        "`invoice-faq → biling-dispute#dispute-specialist`."
    ) in report
    # Not a gap: not verified, and said apart (review).
    assert "| Escalation design | 0 |" in report


def test_the_report_of_the_folder_names_the_typo_with_its_hint(tmp_path: Path) -> None:
    _cross_journey_typo(tmp_path)
    result = invoke("report", "journeys", "-o", "report.md")
    assert result.exit_code == 2 and not (tmp_path / "report.md").exists()
    assert "(hint: did you mean 'billing-dispute#dispute-specialist'?" in result.stderr


def test_a_missing_path_is_exit_2_and_the_other_files_are_still_linted(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", BAD)
    result = invoke("lint", "bad.yaml", "missing.yaml")
    assert result.exit_code == 2
    assert "stakes: error: missing.yaml: no such file or folder" in result.stderr
    assert "bad.yaml\n  10:18  error   STK013 invalid-choice" in result.stdout
    code, doc = lint_json("missing.yaml", "bad.yaml")
    assert code == 2
    assert doc["summary"] == {
        "files": 1,
        "findings": 2,
        "error": 2,
        "warning": 0,
        "info": 0,
        "unreadable": 1,
        "suppressed": 0,
        "baselined": 0,
    }
    assert doc["errors"] == ["missing.yaml: no such file or folder"]


def test_a_missing_path_beats_fail_on_never(tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml", VALID)
    assert invoke("lint", "ok.yaml", "nope/", "--fail-on", "never").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "x.yaml", "--format", "xml"],
        ["lint", "x.yaml", "--fail-on", "sometimes"],
        ["lint", "x.yaml", "--no-such-option"],
        ["lint"],
        ["no-such-command"],
    ],
)
def test_a_usage_error_is_exit_2_without_a_traceback(tmp_path: Path, args: list[str]) -> None:
    write(tmp_path / "x.yaml", VALID)
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""


# --- text ------------------------------------------------------------------------------------


def test_text_groups_findings_by_file_with_a_summary(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", journey("a", BAD))
    write(tmp_path / "b.yaml", journey("b", BAD))
    write(tmp_path / "c.yaml", journey("c"))
    result = invoke("lint", ".")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines.count("a.yaml") == 1 and lines.count("b.yaml") == 1
    assert "c.yaml" not in result.stdout  # a clean file has no heading
    a, b = lines.index("a.yaml"), lines.index("b.yaml")
    assert a < b
    assert lines[a + 1].startswith("  10:18  error   STK013 invalid-choice  ")
    assert lines[a + 1].endswith("[a/invoice-faq]")
    assert lines[a + 2] == "         hint: did you mean 'chat'?"
    assert lines[a + 3].startswith("  24:21  error   STK013 invalid-choice  ")
    assert lines[-1] == "✗ 4 findings (4 errors) in 2 of 3 files"
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        (VALID, "✓ 1 file checked, no findings"),
        (BAD, "✗ 2 findings (2 errors) in 1 of 1 file"),
        (WARN, "✗ 1 finding (1 warning) in 1 of 1 file"),
    ],
)
def test_text_summary_line(tmp_path: Path, text: str, summary: str) -> None:
    write(tmp_path / "j.yaml", text)
    result = invoke("lint", "j.yaml")
    assert result.stdout.splitlines()[-1] == summary
    assert "\x1b[" not in result.stdout


# --- json ------------------------------------------------------------------------------------


def test_json_is_versioned_and_every_finding_has_every_field(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", BAD)
    code, doc = lint_json("bad.yaml")
    assert code == 1
    assert doc["version"] == 1
    assert doc["tool"] == {"name": "stakes", "version": stakes.__version__}
    assert doc["summary"] == {
        "files": 1,
        "findings": 2,
        "error": 2,
        "warning": 0,
        "info": 0,
        "unreadable": 0,
        "suppressed": 0,
        "baselined": 0,
    }
    assert doc["errors"] == []
    findings = doc["findings"]
    assert isinstance(findings, list) and len(findings) == 2
    keys = {"code", "name", "severity", "message", "file", "line", "column", "path", "subject"}
    for f in findings:
        assert set(f) == {*keys, "hint"}
    assert findings[0] == {
        "code": "STK013",
        "name": "invalid-choice",
        "severity": "error",
        "message": "stages[0].touchpoints[0].channel: 'webchat' is not allowed; use one of: "
        "chat, email, phone, web, app, sms, social, messaging, ivr, in-person, letter, other",
        "file": "bad.yaml",
        "line": 10,
        "column": 18,
        "path": "stages[0].touchpoints[0].channel",
        "subject": "billing-dispute/invoice-faq",
        "hint": "did you mean 'chat'?",
    }
    assert (findings[1]["line"], findings[1]["column"]) == (24, 21)
    assert findings[1]["subject"] == "billing-dispute/dispute-specialist"


def test_json_when_clean(tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml", VALID)
    code, doc = lint_json("ok.yaml")
    assert code == 0
    assert doc["findings"] == [] and doc["errors"] == []
    assert doc["summary"] == {
        "files": 1,
        "findings": 0,
        "error": 0,
        "warning": 0,
        "info": 0,
        "unreadable": 0,
        "suppressed": 0,
        "baselined": 0,
    }


# --- github ----------------------------------------------------------------------------------


def github(*args: str) -> list[str]:
    result = invoke("lint", *args, "--format", "github")
    # One workflow command per line: no value may break a command over two lines.
    lines = result.stdout.splitlines()
    assert all(line.startswith("::") for line in lines), result.stdout
    return lines


def test_github_workflow_commands(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", BAD)
    first, second = github("bad.yaml")
    assert first == (
        "::error file=bad.yaml,line=10,col=18,title=STK013 invalid-choice::"
        "stages[0].touchpoints[0].channel: 'webchat' is not allowed; use one of: "
        "chat, email, phone, web, app, sms, social, messaging, ivr, in-person, letter, other"
        "%0Ahint: did you mean 'chat'?"
    )
    assert second.startswith("::error file=bad.yaml,line=24,col=21,title=STK013 invalid-choice::")


def test_github_is_empty_when_clean(tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml", VALID)
    assert github("ok.yaml") == []


def test_github_escapes_hostile_file_names_and_values(tmp_path: Path) -> None:
    text = VALID.replace("channel: web", 'channel: "we%b\\r::x"').replace(
        "    signals:", '    "k,e:y%": 1\n        signals:', 1
    )
    write(tmp_path / "a,b:c.yaml", text)
    lines = github("a,b:c.yaml")
    # Properties escape % CR LF : and , ; the message escapes only % CR LF.
    assert lines[0] == (
        "::error file=a%2Cb%3Ac.yaml,line=10,col=18,title=STK013 invalid-choice::"
        "stages[0].touchpoints[0].channel: 'we%25b\\r::x' is not allowed; use one of: "
        "chat, email, phone, web, app, sms, social, messaging, ivr, in-person, letter, other"
        "%0Ahint: did you mean 'web'?"
    )
    assert lines[1].startswith(
        "::error file=a%2Cb%3Ac.yaml,line=12,col=9,title=STK010 unknown-key::"
        "stages[0].touchpoints[0].k,e:y%25: unknown key 'k,e:y%25'"
    )
    assert len(lines) == 2


def test_github_escapes_cr_lf_and_percent_in_file_names_and_errors(tmp_path: Path) -> None:
    write(tmp_path / "we%ird\r\nname.yaml", BAD)
    lines = github("we%ird\r\nname.yaml", "gone%\r\n.yaml")
    # Unreadable inputs come first: GitHub drops annotations past the tenth of a level.
    assert lines[0] == "::error::gone%25%0D%0A.yaml: no such file or folder"
    assert lines[1].startswith("::error file=we%25ird%0D%0Aname.yaml,line=10,col=18,")


def test_escape_data_and_escape_property() -> None:
    hostile = "50% off:\r\nnext, line::end"
    assert escape_data(hostile) == "50%25 off:%0D%0Anext, line::end"
    assert escape_property(hostile) == "50%25 off%3A%0D%0Anext%2C line%3A%3Aend"
    # % first, so an escape is never escaped twice (or produced by the input).
    assert escape_data("%0A") == "%250A"
    assert escape_property("%3A:") == "%253A%3A"
    assert escape_data("plain text") == escape_property("plain text") == "plain text"


def many_errors(errors: int, warnings: int = 1) -> str:
    """A journey whose warnings come first in the file and ``errors`` bad channels after."""
    tps = [
        f"      - id: warn-{i}\n        title: W\n        channel: web\n        handled_by: human\n"
        f"        escalation: {{to: 'other-journey#x'}}\n"
        for i in range(warnings)
    ]
    tps += [
        f"      - id: bad-{i}\n        title: B\n        channel: fax\n        handled_by: human\n"
        for i in range(errors)
    ]
    head = "journey: many\ntitle: Many\nowner: x\nstages:\n  - id: s\n    title: S\n"
    return head + "    touchpoints:\n" + "".join(tps)


def test_github_sorts_by_severity_and_notices_what_is_not_annotated(tmp_path: Path) -> None:
    write(tmp_path / "many.yaml", many_errors(PER_STEP_LIMIT + 3, warnings=2))
    lines = github("many.yaml")
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels == ["::error"] * 13 + ["::warning"] * 2 + ["::notice"]
    assert "title=STK019 unresolved-escalation-journey" in lines[13]
    assert lines[-1].startswith("::notice title=stakes::3 more findings than GitHub annotates")
    # within a level, findings stay in file order
    error_lines = [int(line.split("line=")[1].split(",")[0]) for line in lines[:13]]
    assert error_lines == sorted(error_lines)


def test_github_has_no_notice_at_the_limit(tmp_path: Path) -> None:
    write(tmp_path / "many.yaml", many_errors(PER_STEP_LIMIT))
    lines = github("many.yaml")
    assert len(lines) == PER_STEP_LIMIT + 1
    assert not any(line.startswith("::notice") for line in lines)


# --- stdin -----------------------------------------------------------------------------------


def test_stdin() -> None:
    result = invoke("lint", "-", input=VALID)
    assert result.exit_code == 0
    assert result.stdout == "✓ 1 file checked, no findings\n"
    result = invoke("lint", "-", input=BAD)
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>\n  10:18  error")


def test_stdin_filename_names_the_journey() -> None:
    result = invoke("lint", "-", "--stdin-filename", "billing.yaml", input=BAD)
    assert result.exit_code == 1
    assert result.stdout.startswith("billing.yaml\n  10:18  error   STK013")
    code, doc = lint_json("-", "--stdin-filename", "billing.yaml", input=BAD)
    assert code == 1
    findings = doc["findings"]
    assert isinstance(findings, list)
    assert {f["file"] for f in findings} == {"billing.yaml"}


def test_stdin_alongside_files(tmp_path: Path) -> None:
    write(tmp_path / "other.yaml", journey("other", WARN))
    code, doc = lint_json("other.yaml", "-", input=journey("other-journey"))
    summary = doc["summary"]
    assert isinstance(summary, dict)
    assert summary["files"] == 2
    # the escalation into other-journey is resolved by the journey read from stdin
    assert code == 1
    findings = doc["findings"]
    assert isinstance(findings, list)
    assert [f["code"] for f in findings] == ["STK018"]  # other-journey has no touchpoint 'x'


# --- -o / --output ---------------------------------------------------------------------------


def test_output_file_has_the_full_content(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", BAD)
    expected = invoke("lint", "bad.yaml", "-f", "json").stdout
    result = invoke("lint", "bad.yaml", "-f", "json", "-o", "out.json")
    assert result.exit_code == 1  # the exit code is the findings', not the writing's
    assert result.stdout == ""
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "out.json"]  # no temp file


def test_output_replaces_an_existing_file(tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml", VALID)
    write(tmp_path / "out.txt", "old content that is much longer than the new one\n" * 100)
    assert invoke("lint", "ok.yaml", "--output", "out.txt").exit_code == 0
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert text == "✓ 1 file checked, no findings\n"


@pytest.mark.parametrize("target", ["bad.yaml", "./bad.yaml", "sub/../bad.yaml", "link.yaml"])
def test_output_over_an_input_file_is_refused(tmp_path: Path, target: str) -> None:
    write(tmp_path / "bad.yaml", BAD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.yaml").symlink_to(tmp_path / "bad.yaml")
    result = invoke("lint", "bad.yaml", "-o", target)
    assert result.exit_code == 2
    assert "refusing to write over an input file" in result.stderr
    assert (tmp_path / "bad.yaml").read_text(encoding="utf-8") == BAD


def test_output_over_a_file_found_in_an_input_folder_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "d" / "j.yaml", VALID)
    result = invoke("lint", "d", "-o", "d/j.yaml")
    assert (tmp_path / "d" / "j.yaml").read_text(encoding="utf-8") == VALID
    assert result.exit_code == 2


def test_output_into_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml", VALID)
    result = invoke("lint", "ok.yaml", "-o", "no/such/dir/out.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("stakes: error: no/such/dir/out.txt: cannot write")
    assert not (tmp_path / "no").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.yaml"]


def test_output_onto_a_folder_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml", VALID)
    (tmp_path / "out").mkdir()
    result = invoke("lint", "ok.yaml", "-o", "out")
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


# --- discovery -------------------------------------------------------------------------------


def test_folders_are_searched_recursively_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    write(tmp_path / "d" / "top.yaml", journey("top"))
    write(tmp_path / "d" / "nested" / "deeper" / "inner.yml", journey("inner"))
    write(tmp_path / "d" / ".git" / "x.yaml", BROKEN)
    write(tmp_path / "d" / "nested" / ".cache" / "y.yml", BROKEN)
    write(tmp_path / "d" / ".hidden.yaml", BROKEN)
    write(tmp_path / "d" / "notes.txt", BROKEN)
    write(tmp_path / "d" / "yaml", BROKEN)
    write(tmp_path / "d" / "x.yaml.bak", BROKEN)
    write(tmp_path / "d" / "x.json", "{")
    code, doc = lint_json("d")
    assert code == 0, doc
    summary = doc["summary"]
    assert isinstance(summary, dict)
    assert summary["files"] == 2
    assert doc["findings"] == []


def test_a_hidden_file_named_explicitly_is_read(tmp_path: Path) -> None:
    write(tmp_path / ".hidden.yaml", BAD)
    assert invoke("lint", ".hidden.yaml").exit_code == 1


def test_the_same_file_given_twice_is_linted_once(tmp_path: Path) -> None:
    write(tmp_path / "d" / "j.yaml", BAD)
    (tmp_path / "alias.yaml").symlink_to(tmp_path / "d" / "j.yaml")
    code, doc = lint_json("d/j.yaml", "d/j.yaml", "./d/j.yaml", "d", "alias.yaml")
    assert code == 1
    summary = doc["summary"]
    assert isinstance(summary, dict)
    assert summary["files"] == 1
    assert summary["findings"] == 2  # no duplicate-journey finding against itself


def test_an_empty_folder_is_exit_2_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "only-hidden" / ".x.yaml", VALID)
    for folder in ("empty", "only-hidden"):
        result = invoke("lint", folder)
        assert result.exit_code == 2
        assert f"stakes: error: {folder}: no journey files" in result.stderr


def test_one_bad_file_never_stops_the_others(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a-broken.yaml", BROKEN)
    write(tmp_path / "d" / "b-good.yaml", VALID)
    write(tmp_path / "d" / "c-binary.yaml", b"\x00\xff\xfe")
    write(tmp_path / "d" / "d-empty.yaml", "")
    write(tmp_path / "d" / "e-list.yaml", "- a\n")
    result = invoke("lint", "d")
    assert result.exit_code == 1
    out = result.stdout
    assert out.splitlines()[-1] == "✗ 4 findings (4 errors) in 4 of 5 files"
    for name, code in [("a-broken", "STK001"), ("c-binary", "STK002"), ("d-empty", "STK003")]:
        assert f"d/{name}.yaml\n" in out and code in out
    assert "b-good" not in out


def test_a_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path / "d" / "j.yaml", VALID)
    write(tmp_path / "d" / "sub" / "k.yaml", journey("k"))
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    os.symlink(tmp_path / "d", tmp_path / "d" / "sub" / "up")
    proc = run(STAKES, "lint", "d", "--format", "json", cwd=tmp_path, timeout=30)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["summary"]["files"] == 2
    assert doc["findings"] == []


# --- help, version, schema -------------------------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"stakes {stakes.__version__}\n"


def test_help() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "lint" in result.stdout and "schema" in result.stdout
    result = invoke("lint", "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and "--fail-on" in result.stdout
    assert "--stdin-filename" in result.stdout


def test_no_arguments_shows_help() -> None:
    result = invoke()
    assert result.exit_code in (0, 2)
    assert "Usage" in result.output


def test_schema_is_json_schema_that_accepts_the_valid_journey(tmp_path: Path) -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(VALID), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(BAD), schema)
    written = invoke("schema", "-o", "schema.json")
    assert written.exit_code == 0 and written.stdout == ""
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == result.stdout


# --- real processes --------------------------------------------------------------------------


def test_installed_executable_on_the_shipped_journeys(tmp_path: Path) -> None:
    proc = run(STAKES, "lint", JOURNEYS, "--select", "STK0", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.endswith("files checked, no findings\n")
    assert proc.stderr == ""
    proc = run(STAKES, "lint", cwd=ROOT)  # the repository's own configuration
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "warnings) in 11 of 11 files" in proc.stdout


def test_python_m_stakes_reports_without_colour_on_a_pipe(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", BAD)
    proc = run(sys.executable, "-m", "stakes", "lint", "bad.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.startswith("bad.yaml\n  10:18  error   STK013 invalid-choice")
    assert proc.stdout.endswith("✗ 2 findings (2 errors) in 1 of 1 file\n")
    assert "\x1b[" not in proc.stdout + proc.stderr
    proc = run(sys.executable, "-m", "stakes", "lint", "missing.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "stakes: error: missing.yaml: no such file or folder" in proc.stderr


def test_stdin_through_a_real_pipe(tmp_path: Path) -> None:
    proc = run(STAKES, "lint", "-", "--stdin-filename", "billing.yaml", cwd=tmp_path, input=BAD)
    assert proc.returncode == 1
    assert proc.stdout.startswith("billing.yaml\n")


def _on_a_terminal(tmp_path: Path, env: dict[str, str]) -> str:
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [str(STAKES), "lint", "bad.yaml"],
            cwd=tmp_path,
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
    finally:
        os.close(follower)
    assert proc.returncode == 1
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", BAD)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm"}
    coloured = _on_a_terminal(tmp_path, env)
    assert "\x1b[" in coloured and "STK013" in coloured
    plain = _on_a_terminal(tmp_path, env | {"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "STK013" in plain


@pytest.mark.parametrize("args", [["lint", str(JOURNEYS)], ["--help"], ["lint", "--help"]])
def test_lint_and_help_do_not_import_pandas(tmp_path: Path, args: list[str]) -> None:
    assert not imports_pandas(*args, cwd=tmp_path)
