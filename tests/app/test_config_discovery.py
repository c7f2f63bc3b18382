"""Configuration discovery stops at the project's root (issue #19, row 14): the folder that
holds .git, or a pyproject.toml without [tool.stakes]. A stakes.toml above it (a CI workspace,
the home folder, a temporary folder) is never read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke
from linting import HUMAN_ONLY, write

from stakes.app.config import discover, load_config
from stakes.app.config_discovery import search

pytestmark = pytest.mark.usefixtures("in_tmp")

#: The reproducer: a parent folder's stakes.toml that turns every rule off.
EVERYTHING_OFF = 'severity = {STK = "off"}\n'


def lint_codes(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, list[str]]:
    monkeypatch.chdir(cwd)
    result = invoke("lint", *args, "--format", "json")
    assert result.stdout, result.stderr
    return result.exit_code, [f["code"] for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize("marker", ["folder", "file"])
def test_a_config_above_the_repository_root_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, marker: str
) -> None:
    write(tmp_path / "stakes.toml", EVERYTHING_OFF)  # the workspace's, or the home folder's
    repo = tmp_path / "repo"
    write(repo / "journeys" / "bereavement.yaml", HUMAN_ONLY)
    if marker == "folder":
        (repo / ".git").mkdir()
    else:  # a worktree or a submodule: .git is a file
        write(repo / ".git", "gitdir: ../elsewhere/.git/worktrees/repo\n")
    (repo / "journeys" / "sub").mkdir()
    for here in (repo, repo / "journeys" / "sub"):
        assert discover(here) is None
        assert lint_codes(here, monkeypatch, str(repo / "journeys")) == (1, ["STK101"])
    assert search(repo / "journeys").stop == repo


def test_the_repository_roots_own_config_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "stakes.toml", EVERYTHING_OFF)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "stakes.toml", 'paths = ["journeys"]\nfail-on = "never"\n')
    write(repo / "journeys" / "bereavement.yaml", HUMAN_ONLY)
    assert discover(repo / "journeys") == repo / "stakes.toml"
    assert lint_codes(repo / "journeys", monkeypatch) == (0, ["STK101"])


@pytest.mark.parametrize(
    "pyproject",
    ['[project]\nname = "journeys"\n', "[tool.ruff]\nline-length = 99\n", "", "tool = 5\n"],
)
def test_a_pyproject_without_tool_stakes_is_the_root_and_no_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pyproject: str
) -> None:
    write(tmp_path / "stakes.toml", EVERYTHING_OFF)
    project = tmp_path / "project"
    write(project / "pyproject.toml", pyproject)
    write(project / "journeys" / "bereavement.yaml", HUMAN_ONLY)
    found = search(project / "journeys")
    assert (found.file, found.stop) == (None, project)
    assert load_config(cwd=project / "journeys").file is None
    assert lint_codes(project / "journeys", monkeypatch, ".") == (1, ["STK101"])


def test_a_stakes_toml_next_to_a_plain_pyproject_is_read(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "journeys"\n')
    write(tmp_path / "stakes.toml", 'fail-on = "info"\n')
    assert discover(tmp_path) == tmp_path / "stakes.toml"


def test_a_broken_pyproject_that_seems_to_configure_stakes_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "j.yaml", HUMAN_ONLY)
    write(tmp_path / "pyproject.toml", '[tool.stakes]\nfail-on = "never\n')
    result = invoke("lint", "j.yaml")
    assert result.exit_code == 2
    assert f"{tmp_path / 'pyproject.toml'}:2:" in result.stderr
    write(tmp_path / "pyproject.toml", '[project]\nname = "x\n')  # broken, but not ours
    assert invoke("lint", "j.yaml").exit_code == 1


def test_outside_any_project_the_search_goes_up_to_the_top(tmp_path: Path) -> None:
    write(tmp_path / "stakes.toml", 'fail-on = "info"\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert discover(tmp_path / "a" / "b") == tmp_path / "stakes.toml"
    found = search(tmp_path / "a" / "b")
    assert found.describe() == f"{tmp_path / 'stakes.toml'}, found from {tmp_path / 'a' / 'b'}"


def test_a_non_file_named_like_a_config_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "inner" / "stakes.toml").mkdir(parents=True)
    (tmp_path / "inner" / "pyproject.toml").symlink_to("/dev/null")  # not a regular file
    write(tmp_path / "stakes.toml", 'fail-on = "info"\n')
    assert discover(tmp_path / "inner") == tmp_path / "stakes.toml"
