"""`stakes init`: a starter that lints clean, never overwriting; and every data file packaged."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, invoke
from linting import write

#: Every test runs in its own folder, outside any CI environment the suite runs in.
pytestmark = pytest.mark.usefixtures("in_tmp")

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
    steps = workflow["jobs"]["stakes"]["steps"]
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


def test_the_starter_points_at_what_a_pip_user_has(tmp_path: Path) -> None:
    # It pointed at docs/journey-format.md, which an installed package does not have, and did
    # not say that the starter stays in the report until it is replaced (issue #17, item 18).
    invoke("init", str(tmp_path))
    journey = (tmp_path / "journeys" / "order-question.yaml").read_text(encoding="utf-8")
    config = (tmp_path / "stakes.toml").read_text(encoding="utf-8")
    assert "docs/" not in journey and "docs/" not in config
    assert "`stakes schema`" in journey and "`stakes rules`" in journey
    assert "`stakes report` shows it" in journey
    explain = journey.split("`stakes explain ")[1].split("`")[0]
    assert invoke("explain", "--isolated", str(tmp_path / explain)).exit_code == 0


def _install_line(folder: Path) -> str:
    """The install line of the workflow's jobs, which install the same stakes."""
    text = (folder / ".github/workflows/stakes.yml").read_text(encoding="utf-8")
    lines = {line.split("#")[0].strip() for line in text.splitlines() if "pip install" in line}
    assert len(lines) == 1, lines
    return lines.pop()


def test_the_workflow_installs_exactly_this_version(tmp_path: Path) -> None:
    # It ran pip install "stakes>=0.1": whatever was newest, or nothing (issue #17, item 6).
    from stakes.version import __version__

    result = invoke("init", str(tmp_path))
    assert f'pip install "stakes=={__version__}"' in _install_line(tmp_path)
    assert f"the CI workflow installs stakes=={__version__}" in result.stdout


@pytest.mark.parametrize(
    "install",
    ["stakes==0.1.0", "stakes @ git+https://github.com/acme/stakes@v0.1.0"],
)
def test_init_install_names_what_the_workflow_installs(tmp_path: Path, install: str) -> None:
    assert invoke("init", str(tmp_path), "--install", install).exit_code == 0
    assert f'pip install "{install}"' in _install_line(tmp_path)
    workflow = yaml.safe_load((tmp_path / ".github/workflows/stakes.yml").read_text("utf-8"))
    runs = [s.get("run", "") for s in workflow["jobs"]["stakes"]["steps"]]
    assert f'pip install "{install}"' in runs


@pytest.mark.parametrize(
    "install", ["stakes>=0.1", "stakes", 'stakes==0.1"; rm -rf /', "stakes==0.1\nrun: x", ""]
)
def test_init_refuses_an_install_line_that_is_not_pinned_or_safe(
    tmp_path: Path, install: str
) -> None:
    result = invoke("init", str(tmp_path), "--install", install)
    assert result.exit_code == 2
    assert "not a pinned requirement" in result.stderr
    assert not (tmp_path / ".github").exists()


def test_installed_from_git_the_workflow_installs_that_commit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import metadata

    from stakes.app import starter

    commit = "0123456789abcdef0123456789abcdef01234567"
    recorded = {
        "url": "https://user:secret@github.com/acme/stakes.git",
        "vcs_info": {"vcs": "git", "commit_id": commit, "requested_revision": "v0.1.0"},
    }

    class Installed:
        def read_text(self, name: str) -> str | None:
            return json.dumps(recorded) if name == "direct_url.json" else None

    monkeypatch.setattr(metadata, "distribution", lambda name: Installed())
    assert starter.this_version() == f"stakes @ git+https://github.com/acme/stakes.git@{commit}"
    recorded["url"] = 'https://github.com/acme/stakes"; echo pwned'
    assert starter.this_version().startswith("stakes==")
    recorded.pop("vcs_info")  # a local folder or an editable install: the version
    assert starter.this_version().startswith("stakes==")


def test_init_comments_what_a_pull_request_changes(tmp_path: Path) -> None:
    from stakes.render.diff.summary import MARKER

    invoke("init", ".")
    workflow = yaml.safe_load((tmp_path / ".github/workflows/stakes.yml").read_text("utf-8"))
    job = workflow["jobs"]["diff"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkout, _, _, compare, comment = job["steps"]
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is read from git
    assert compare["env"]["BASE"] == "origin/${{ github.base_ref }}"
    run = compare["run"]
    assert run.startswith('stakes diff "$BASE" HEAD --format md -o stakes-diff.md')
    assert "--fail-on new-over-automation" in run
    # One comment, found by the marker the markdown starts with, updated on each push.
    assert comment["uses"] == "actions/github-script@v7" and comment["if"].startswith("always()")
    script = comment["with"]["script"]
    assert f'const marker = "{MARKER}";' in script and "startsWith(marker)" in script
    assert 'readFileSync("stakes-diff.md"' in script and "could not compare" in script
    assert 'c.user.login === "github-actions[bot]"' in script  # never someone else's comment
    assert job["concurrency"]["group"] == "stakes-diff-${{ github.event.pull_request.number }}"
    assert "updateComment" in script and "createComment" in script
