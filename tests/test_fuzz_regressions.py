"""Every input a fuzzing campaign found (tests/fuzz_regressions/), replayed through the
campaign's own oracles (fuzz/oracles.py): the loader's, and every command in every format."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))

from oracles import Violation, check_load
from pipeline import check_portfolio, from_journey, from_manifest

REGRESSIONS = ROOT / "tests" / "fuzz_regressions"

#: The inputs stakes still fails on, each with the row of issue #19 whose fix makes it pass.
#: When a fix lands, remove its lines here: the test then guards it.
KNOWN: dict[str, str] = {}


def _cases() -> list[object]:
    cases = []
    for path in sorted(REGRESSIONS.iterdir()):
        if path.suffix not in (".yaml", ".json"):
            continue
        marks = []
        if path.suffix == ".json" and json.loads(path.read_bytes()).get("budget"):
            marks.append(pytest.mark.slow)  # at the limits: seconds per command and format
        if path.name in KNOWN:
            # An input over the time and memory budget is not run before its fix: minutes and
            # gigabytes (fuzz/run.py --replay measures it).
            heavy = path.suffix == ".json" and json.loads(path.read_bytes()).get("budget")
            marks.append(pytest.mark.xfail(reason=KNOWN[path.name], strict=False, run=not heavy))
        cases.append(pytest.param(path, id=path.name, marks=marks))
    return cases


@pytest.mark.parametrize("path", _cases())
def test_a_found_input_passes_every_oracle(path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    violations: list[Violation] = []
    if path.suffix == ".json":
        portfolio = from_manifest(data)
    else:
        portfolio = from_journey(data)
        violations += check_load(data)
    # No time or memory oracle here: the suite has no timed test (fuzz/run.py --replay has).
    violations += check_portfolio(portfolio, tmp_path, budget=False)
    assert not violations, "\n".join(str(v) for v in violations)


def test_every_known_failure_is_a_file_here() -> None:
    assert sorted(KNOWN) == sorted(n for n in KNOWN if (REGRESSIONS / n).is_file())
