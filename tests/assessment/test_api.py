"""The Python API: stakes.assess takes paths, journeys or a portfolio, Assessment.to_frame(), and
every name the package exports stays what it is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import JOURNEYS, VALID

import stakes
from stakes.assessment.engine import assess
from stakes.assessment.pandas_export import COLUMNS
from stakes.assessment.results import Assessment
from stakes.assessment.scoring import FACTOR_ORDER

AS_OF = "2026-11-26"


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    import datetime as dt

    return assess(str(JOURNEYS), as_of=dt.date.fromisoformat(AS_OF))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_to_frame(assessment: Assessment) -> None:
    import pandas as pd

    frame = assessment.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == len(assessment)
    assert list(frame["touchpoint"]) == [t.touchpoint.id for t in assessment]
    level = frame["stakes_level"]
    assert isinstance(level.dtype, pd.CategoricalDtype) and level.dtype.ordered
    assert list(level.dtype.categories) == ["low", "moderate", "high", "critical"]
    verdict = frame["verdict"]
    assert isinstance(verdict.dtype, pd.CategoricalDtype) and verdict.dtype.ordered
    assert list(verdict.dtype.categories) == ["automate", "guarded", "assist", "human-only"]
    assert (frame["verdict"] >= "assist").sum() == sum(
        t.verdict in ("assist", "human-only") for t in assessment
    )
    points = frame[[f"points_{n}" for n in FACTOR_ORDER]].sum(axis=1)
    assert (points == frame["stakes_score"]).all()


def test_to_frame_of_nothing_has_the_columns() -> None:
    frame = assess([]).to_frame()
    assert tuple(frame.columns) == COLUMNS and len(frame) == 0


#: Import every module, then ask each package for what it exports: a submodule whose name is
#: an exported function (stakes.evidence.measure) would replace it in the package.
EXPORTS_SURVIVE = """\
import importlib, pkgutil, types
import stakes, stakes.evidence
for info in pkgutil.walk_packages(stakes.__path__, "stakes."):
    if not info.name.startswith(("stakes.cli", "stakes.__main__")):
        importlib.import_module(info.name)
for package in (stakes, stakes.evidence):
    for name in package.__all__:
        value = getattr(package, name)
        assert not isinstance(value, types.ModuleType), f"{package.__name__}.{name} is a module"
print("ok")
"""


def test_every_exported_name_stays_itself_after_every_module_is_imported(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", EXPORTS_SURVIVE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.stdout.strip() == "ok", proc.stdout + proc.stderr


def _keys(a: Assessment) -> list[str]:
    return [t.key for t in a]


def test_assess_accepts_paths_journeys_and_portfolios(assessment: Assessment) -> None:
    files = sorted(str(p) for p in JOURNEYS.glob("*.yaml"))
    portfolio = stakes.load(str(JOURNEYS))
    journeys = portfolio.journeys
    expected = _keys(assessment)
    assert len(expected) == len(set(expected)) > 0
    assert _keys(assess(files)) == expected
    assert _keys(assess(journeys)) == expected
    assert _keys(assess(portfolio)) == expected
    assert _keys(assess(tuple(files))) == expected
    one = next(j for j in journeys if j.journey == "billing-dispute")
    single = [k for k in expected if k.startswith("billing-dispute/")]
    assert _keys(assess(str(JOURNEYS / "billing-dispute.yaml"))) == single
    assert _keys(assess([str(JOURNEYS / "billing-dispute.yaml")])) == single
    assert _keys(assess(one)) == single
    assert _keys(assess([one])) == single
    assert _keys(assess(stakes.load([str(JOURNEYS / "billing-dispute.yaml")]))) == single


def test_assess_of_journeys_and_of_paths_gives_the_same_results(assessment: Assessment) -> None:
    again = assess(stakes.load(str(JOURNEYS)).journeys, as_of=assessment.as_of)
    same = [(t.key, t.result, t.verdict, t.alignment, t.override) for t in assessment]
    assert [(t.key, t.result, t.verdict, t.alignment, t.override) for t in again] == same


def test_assess_keeps_findings_of_files_that_do_not_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "broken.yaml", "journey: [x\n")
    write(tmp_path / "ok.yaml", VALID)
    a = assess(["broken.yaml", "ok.yaml", "missing.yaml"])
    assert _keys(a) == ["billing-dispute/invoice-faq", "billing-dispute/dispute-specialist"]
    assert [f.code for f in a.findings] == ["STK001"]
    assert a.errors == ["missing.yaml: no such file or folder"]
