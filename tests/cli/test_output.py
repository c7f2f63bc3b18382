"""Standard output and the job summary when writing fails (issue #19, rows 8, 10 and 20): a
full disk, a closed descriptor, a reader that goes away, /dev/stdout, a $GITHUB_STEP_SUMMARY
that cannot be written. Real processes, since these are about real descriptors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import JOURNEYS, VALID, invoke

pytestmark = pytest.mark.usefixtures("in_tmp")

STAKES = Path(sys.executable).with_name("stakes")
#: VALID with one error finding (STK013 at 10:18): lint exits 1 and prints a few lines.
BAD = VALID.replace("channel: web", "channel: webchat")


def stakes(
    *args: str, cwd: Path, stdout: int | None = subprocess.PIPE, shell_redirect: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run ``stakes ARGS`` (its stdout redirected by the shell when ``shell_redirect``)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_STEP_SUMMARY")}
    command: list[str] = [str(STAKES), *args]
    if shell_redirect:
        command = ["sh", "-c", f'exec "$@" {shell_redirect}', "sh", *command]
    proc = subprocess.run(
        command, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, timeout=60
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Exception ignored" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args", [["lint", "bad.yaml", "--isolated"], ["rules"], ["--help"], ["config"]]
)
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(bad: Path, args: list[str]) -> None:
    # The reproducer: `stakes lint journeys/ > /dev/full` ended in a traceback.
    proc = stakes(*args, cwd=bad, shell_redirect="> /dev/full")
    assert proc.returncode == 2
    assert proc.stderr == "stakes: error: standard output: cannot write: No space left on device\n"


@pytest.mark.parametrize("args", [["lint", "bad.yaml", "--isolated"], ["rules"], ["--version"]])
def test_a_closed_stdout_is_one_line_and_exit_2(bad: Path, args: list[str]) -> None:
    proc = stakes(*args, cwd=bad, shell_redirect=">&-")
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line.startswith("stakes: error: standard output: cannot write: Bad file descriptor")


@pytest.mark.parametrize("args", [["lint", str(JOURNEYS), "--isolated"], ["rules", "--markdown"]])
def test_a_reader_that_goes_away_ends_quietly_with_exit_2(tmp_path: Path, args: list[str]) -> None:
    # `stakes ... | head -1`, made certain: the reading end is closed before stakes writes.
    read, write = os.pipe()
    os.close(read)
    try:
        proc = stakes(*args, cwd=tmp_path, stdout=write)
    finally:
        os.close(write)
    assert (proc.returncode, proc.stderr) == (2, "")


def test_a_closed_stderr_keeps_the_exit_code(bad: Path) -> None:
    proc = stakes("lint", "bad.yaml", "--isolated", cwd=bad, shell_redirect="2>&-")
    assert proc.returncode == 1
    assert proc.stdout.endswith("✗ 1 finding (1 error) in 1 of 1 file\n")


def test_output_to_dev_stdout_writes_to_stdout_and_replaces_nothing(bad: Path) -> None:
    # The reproducer: `-o /dev/stdout` failed as non-root and replaced /dev/stdout as root.
    before = os.lstat("/dev/stdout")
    piped = stakes("lint", "bad.yaml", "--isolated", "-o", "/dev/stdout", cwd=bad)
    assert piped.returncode == 1 and piped.stderr == ""
    assert piped.stdout == stakes("lint", "bad.yaml", "--isolated", cwd=bad).stdout
    # Redirected to a file in append mode: appended, as a shell's redirection would.
    (bad / "log.txt").write_text("earlier run\n", encoding="utf-8")
    appended = stakes(
        "lint", "bad.yaml", "--isolated", "-o", "/dev/stdout", cwd=bad, shell_redirect=">> log.txt"
    )
    assert appended.returncode == 1
    assert (bad / "log.txt").read_text(encoding="utf-8") == "earlier run\n" + piped.stdout
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_output_to_dev_null_leaves_the_device(bad: Path) -> None:
    proc = stakes("lint", "bad.yaml", "--isolated", "-o", "/dev/null", cwd=bad)
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, "", "")
    assert sorted(p.name for p in bad.iterdir()) == ["bad.yaml"]
    assert Path("/dev/null").is_char_device()


def test_output_over_an_input_is_still_refused(bad: Path) -> None:
    result = invoke("lint", "bad.yaml", "--isolated", "-o", "bad.yaml")
    assert result.exit_code == 2
    assert "refusing to write over an input file" in result.stderr
    assert (bad / "bad.yaml").read_text(encoding="utf-8") == BAD


# --- $GITHUB_STEP_SUMMARY -------------------------------------------------------------------


@pytest.mark.parametrize("target", ["missing/summary.md", "a-folder"])
def test_a_step_summary_that_cannot_be_written_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    # The reproducer: $GITHUB_STEP_SUMMARY in a missing folder ended a clean lint in a
    # traceback, after the annotations, and failed the job.
    (tmp_path / "ok.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / target))
    result = invoke("lint", "ok.yaml", "--isolated", "--format", "github")
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"stakes: warning: GITHUB_STEP_SUMMARY={tmp_path / target}: ")
    assert "no job summary written" in line
    assert not (tmp_path / "missing").exists()


def test_a_step_summary_warning_keeps_the_findings_exit_code(
    bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(bad / "missing" / "summary.md"))
    result = invoke("lint", "bad.yaml", "--isolated", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=bad.yaml,line=10,col=18")
    assert "stakes: warning: GITHUB_STEP_SUMMARY=" in result.stderr


def test_a_step_summary_is_never_appended_to_an_input(
    bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(bad / "bad.yaml"))
    result = invoke("lint", "bad.yaml", "--isolated", "--format", "github")
    assert result.exit_code == 1
    assert "no job summary written: it is one of the inputs" in result.stderr
    assert (bad / "bad.yaml").read_text(encoding="utf-8") == BAD


def test_a_writable_step_summary_is_appended_to(bad: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (bad / "summary.md").write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(bad / "summary.md"))
    result = invoke("lint", "bad.yaml", "--isolated", "--format", "github")
    assert (result.exit_code, result.stderr) == (1, "")
    text = (bad / "summary.md").read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n") and "STK013" in text
