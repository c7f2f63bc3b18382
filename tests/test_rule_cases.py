"""Rule tests as data: each tests/rules/STKnnn.yaml holds cases for one rule.

A case is ``{name, journey, as_of?, also?, xfail?, expect}``: ``journey`` is a whole journey
file as written, ``expect`` the findings of the rule as ``{code, line, col}`` (1-based). Only
the rule's own findings are compared, plus the suppression rules (STK501-STK503) when the
journey holds a ``# stakes: ignore`` comment, plus the codes listed in ``also``. ``xfail``
marks a case that shows a known bug (strict: it must keep failing until the bug is fixed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from stakes.linter.catalogue import find_rule
from stakes.linter.rules import all_checks
from stakes.linter.run import lint
from stakes.linter.suppress import SUPPRESSION_RULES

CASES = Path(__file__).resolve().parent / "rules"
SUPPRESSION_CODES = frozenset(r.code for r in SUPPRESSION_RULES)
CASE_KEYS = {"name", "journey", "as_of", "also", "xfail", "expect"}

Found = list[tuple[str, int, int]]


@dataclass(frozen=True)
class Case:
    """One journey and the findings a rule must report for it."""

    code: str
    name: str
    journey: str
    as_of: dt.date | None
    also: tuple[str, ...]
    xfail: str | None
    expect: Found

    @property
    def compared(self) -> frozenset[str]:
        """The rule codes whose findings this case pins down."""
        codes = {self.code, *self.also}
        if self.code in SUPPRESSION_CODES or "stakes: ignore" in self.journey:
            codes |= SUPPRESSION_CODES
        return frozenset(codes)

    @property
    def fails(self) -> bool:
        """The rule itself reports something here."""
        return any(code == self.code for code, _, _ in self.expect)


def _case(code: str, raw: dict[str, Any]) -> Case:
    unknown = set(raw) - CASE_KEYS
    assert not unknown, f"{code}: unknown case keys {unknown}"
    expect = [(e["code"], e["line"], e["col"]) for e in raw["expect"] or []]
    return Case(
        code=code,
        name=raw["name"],
        journey=raw["journey"],
        as_of=raw.get("as_of"),
        also=tuple(raw.get("also", ())),
        xfail=raw.get("xfail"),
        expect=sorted(expect),
    )


def load_cases() -> dict[str, list[Case]]:
    """Every case file, by rule code (the file's name)."""
    out: dict[str, list[Case]] = {}
    for path in sorted(CASES.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(raw, list), f"{path.name}: a list of cases"
        out[path.stem] = [_case(path.stem, item) for item in raw]
    return out


ALL = load_cases()


def _params() -> list[Any]:
    params = []
    for code, cases in ALL.items():
        for case in cases:
            marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
            params.append(pytest.param(case, id=f"{code}-{case.name}", marks=marks))
    return params


def run_case(case: Case, tmp_path: Path) -> tuple[Found, Found]:
    """(the compared findings, the format findings) of the case's journey."""
    file = tmp_path / "journey.yaml"
    file.write_text(case.journey, encoding="utf-8")
    result = lint([str(file)], as_of=case.as_of)
    assert result.errors == ()
    found = sorted((f.code, f.line, f.col) for f in result.findings if f.code in case.compared)
    format_findings = [
        (f.code, f.line, f.col)
        for f in result.findings
        if f.code < "STK100" and f.code not in case.compared
    ]
    return found, format_findings


@pytest.mark.parametrize("case", _params())
def test_rule_case(case: Case, tmp_path: Path) -> None:
    found, format_findings = run_case(case, tmp_path)
    # A typo in a case's journey would leave it unassessed and make "expect: []" pass.
    assert format_findings == [], "the case's journey must be a valid journey"
    assert found == case.expect


# --- the cases themselves --------------------------------------------------------------------


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    codes = {c.rule.code for c in all_checks()} | SUPPRESSION_CODES
    assert codes <= set(ALL), f"no case file for {sorted(codes - set(ALL))}"
    for code in sorted(codes):
        working = [c for c in ALL[code] if not c.xfail]
        assert any(c.fails for c in working), f"{code}: no failing case"
        assert any(not c.fails for c in working), f"{code}: no passing case"


def test_case_files_are_well_formed() -> None:
    for code, cases in ALL.items():
        rule = find_rule(code)
        assert rule is not None and rule.code == code, f"{code}.yaml names no rule"
        names = [c.name for c in cases]
        assert len(set(names)) == len(names), f"{code}: case names repeat"
        for case in cases:
            where = f"{code}/{case.name}"
            assert {e[0] for e in case.expect} <= case.compared, f"{where}: expects other codes"
            assert all(line >= 1 and col >= 1 for _, line, col in case.expect), where
            assert case.journey.endswith("\n") and "\t" not in case.journey, where
            if "expires:" in case.journey:
                # Overrides are judged against a date: pin it, or the case rots.
                assert isinstance(case.as_of, dt.date), f"{where}: give as_of"
