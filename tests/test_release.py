"""Releases: the tag names the version, the release workflow builds and checks what it
publishes, and the built wheel and sdist pass ``twine check`` (issue #17, item 6)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from stakes.version import __version__

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
CHECK = ROOT / "scripts" / "release_check.py"


def _check(tag: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), tag], capture_output=True, text=True, check=False
    )


def test_the_release_tag_must_name_the_version() -> None:
    assert _check(f"v{__version__}").returncode == 0
    wrong = _check("v99.0.0")
    assert wrong.returncode == 1
    assert f"does not name version {__version__}" in wrong.stdout


def test_the_release_workflow_checks_before_it_publishes() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the key "on" as true
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    runs = [step.get("run", "") for step in build["steps"]]
    order = [
        next(i for i, run in enumerate(runs) if needle in run)
        for needle in ("release_check.py", "python -m build", "twine check --strict")
    ]
    assert order == sorted(order)
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("pypa/gh-action-pypi-publish@") for u in uses)


@pytest.mark.network
def test_the_wheel_and_the_sdist_build_and_pass_twine_check(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    built = sorted(p.name for p in dist.iterdir())
    assert built == [f"stakes-{__version__}-py3-none-any.whl", f"stakes-{__version__}.tar.gz"]
    check = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    with zipfile.ZipFile(dist / built[0]) as wheel:
        names = set(wheel.namelist())
    assert "stakes/data/default-policy.yaml" in names
    assert "stakes/data/init/workflow.yml" in names
