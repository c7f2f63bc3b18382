"""The pre-commit hook stakes offers, and the project's own pre-commit configuration, run for real
(they build environments from PyPI: marked network)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from linting import (
    CLEAN,
    HUMAN_ONLY,
    write,
)

#: Every test runs in its own folder, outside any CI environment the suite runs in.
pytestmark = pytest.mark.usefixtures("in_tmp")


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
    for hook in ("ruff check", "ruff format", "mypy --strict (stakes/, scripts/)"):
        assert re.search(rf"^{re.escape(hook)}\.+Passed$", proc.stdout, re.M), out
