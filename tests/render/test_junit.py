"""JUnit XML: a test case per file and rule, failures for errors, well formed whatever the names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import invoke
from linting import CLEAN, DROPS, HUMAN_ONLY, a_portfolio, write

from stakes.linter.catalogue import all_rules

#: Every test runs in its own folder, outside any CI environment the suite runs in.
pytestmark = pytest.mark.usefixtures("in_tmp")


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
