"""Every rule tested as data: each tests/linter/cases/STKnnn.yaml holds cases for one rule, and each
rule's documented Fails/Passes snippets are run as cases too, so the docs cannot drift.

A case is ``{name, journey | files, encoding?, policy? | policy_file?, as_of?, log?,
processors?, also?, xfail?, expect}``: ``journey`` is a whole journey file as written (``files``
several, by name; ``encoding`` how the journey is written to disk; ``policy`` the text of a
policy file to lint with, ``policy_file`` the name of one that does not exist; ``log`` a contact
log linted with the journeys; ``processors`` the approved processors, as ``processors`` in
[tool.stakes] lists them), and ``expect`` the findings of the rule as ``{code, line, col,
file?}`` (1-based; 0 for a finding about a whole file). Only the rule's own findings are
compared, plus the suppression rules (STK501-STK503) when the journey holds a ``# stakes:
ignore`` comment, plus the codes listed in ``also``. ``xfail`` marks a case that shows a known
bug (strict: it must keep failing until the bug is fixed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from snippets import Snippet, snippets

from stakes.app.config_evidence import EvidenceSettings
from stakes.app.evidence import LogSource, observe
from stakes.assessment.policy import PolicyError
from stakes.assessment.touchpoints import Observed
from stakes.findings import Finding, Rule, Severity
from stakes.journey.files import Portfolio
from stakes.linter.catalogue import all_rules, find_rule
from stakes.linter.run import lint
from stakes.linter.suppress import SUPPRESSION_RULES

CASES = Path(__file__).resolve().parent / "cases"
SUPPRESSION_CODES = frozenset(r.code for r in SUPPRESSION_RULES)
CASE_KEYS = {"name", "journey", "files", "encoding", "policy", "policy_file", "as_of", "also"}
CASE_KEYS |= {"xfail", "expect", "log", "processors"}
JOURNEY = "journey.yaml"
#: Rules whose documentation shows no YAML snippet, and why: their cases are in tests/linter/cases/.
NO_SNIPPET = {
    "STK002": "the problem is the file's bytes, not its YAML",
    "STK003": "the problem is a file with nothing in it",
    "STK006": "the limits are sizes: 32 MiB, 64 levels, 100,000 aliased nodes",
    "STK009": "the problem is a file that cannot be opened",
    "STK017": "the problem is two files",
    "STK019": "the problem is a file that is not among those checked",
    "STK021": "the problem is in a policy file, not a journey",
    "STK104": "the problem is in a contact log: its cases carry one (log:)",
    "STK616": "the approved list is in [tool.stakes]: its cases carry one (processors:)",
}

Found = list[tuple[str, str, int, int]]


@dataclass(frozen=True)
class Case:
    """Files to lint, and the findings a rule must report for them."""

    code: str
    name: str
    files: dict[str, str]
    encoding: str = "utf-8"
    policy: str | None = None
    policy_file: str | None = None
    as_of: dt.date | None = None
    also: tuple[str, ...] = ()
    xfail: str | None = None
    expect: Found = field(default_factory=list)
    log: str | None = None  # a contact log (CSV) linted with the journeys: --evidence
    processors: tuple[str, ...] | None = None  # approved processors: processors in [tool.stakes]

    @property
    def compared(self) -> frozenset[str]:
        """The rule codes whose findings this case pins down."""
        codes = {self.code, *self.also}
        texts = "".join(self.files.values())
        if self.code in SUPPRESSION_CODES or "stakes: ignore" in texts:
            codes |= SUPPRESSION_CODES
        return frozenset(codes)

    @property
    def fails(self) -> bool:
        """The rule itself reports something here."""
        return any(code == self.code for _, code, _, _ in self.expect)


def _case(code: str, raw: dict[str, Any]) -> Case:
    unknown = set(raw) - CASE_KEYS
    assert not unknown, f"{code}: unknown case keys {unknown}"
    assert ("journey" in raw) != ("files" in raw), f"{code}/{raw['name']}: journey or files"
    files = raw["files"] if "files" in raw else {JOURNEY: raw["journey"]}
    expect = [(e.get("file", JOURNEY), e["code"], e["line"], e["col"]) for e in raw["expect"] or []]
    return Case(
        code=code,
        name=raw["name"],
        files=dict(files),
        encoding=raw.get("encoding", "utf-8"),
        policy=raw.get("policy"),
        policy_file=raw.get("policy_file"),
        as_of=raw.get("as_of"),
        also=tuple(raw.get("also", ())),
        xfail=raw.get("xfail"),
        expect=sorted(expect),
        log=raw.get("log"),
        processors=tuple(raw["processors"]) if raw.get("processors") is not None else None,
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


def findings_of(case: Case, tmp_path: Path) -> list[Finding]:
    """Every finding of linting the case's files (or of reading its policy)."""
    for name, text in case.files.items():
        (tmp_path / name).write_bytes(text.encode(case.encoding))
    policy = None
    if case.policy is not None:
        policy = str(tmp_path / "policy.yaml")
        (tmp_path / "policy.yaml").write_text(case.policy, encoding="utf-8")
    elif case.policy_file is not None:
        policy = str(tmp_path / case.policy_file)
    evidence = None
    if case.log is not None:
        (tmp_path / "contacts.csv").write_text(case.log, encoding="utf-8")
        source = LogSource(str(tmp_path / "contacts.csv"), min_contacts=1)

        def evidence(portfolio: Portfolio) -> Callable[[str], Observed | None]:
            return observe(source, portfolio, EvidenceSettings())[0]

    try:
        result = lint(
            [str(tmp_path / n) for n in sorted(case.files)],
            as_of=case.as_of,
            policy=policy,
            evidence=evidence,
            processors=case.processors,
        )
    except PolicyError as exc:
        return exc.findings
    assert result.errors == ()
    return list(result.findings)


def run_case(case: Case, tmp_path: Path) -> tuple[Found, Found]:
    """(the compared findings, the other format errors) of the case's files."""
    found = findings_of(case, tmp_path)

    def key(f: Finding) -> tuple[str, str, int, int]:
        return (Path(f.file).name, f.code, f.line, f.col)

    compared = sorted(key(f) for f in found if f.code in case.compared)
    other = [key(f) for f in found if _format_error(f) and f.code not in case.compared]
    return compared, other


def _format_error(f: Finding) -> bool:
    return f.code < "STK100" and f.severity is Severity.ERROR


@pytest.mark.parametrize("case", _params())
def test_rule_case(case: Case, tmp_path: Path) -> None:
    found, format_errors = run_case(case, tmp_path)
    # A typo in a case's journey would leave it unassessed and make "expect: []" pass.
    assert format_errors == [], "the case's journey must be a valid journey"
    assert found == case.expect


# --- the documentation's snippets ---------------------------------------------------------------


def _documented() -> list[Any]:
    return [
        pytest.param(rule, s, id=f"{rule.code}-{'fails' if s.fails else 'passes'}-{i}")
        for rule in all_rules()
        for i, s in enumerate(snippets(rule.doc))
    ]


@pytest.mark.parametrize(("rule", "snippet"), _documented())
def test_documented_snippet(rule: Rule, snippet: Snippet, tmp_path: Path) -> None:
    """A Fails snippet makes the rule report; a Passes snippet does not, and is a valid journey
    (so is a Fails snippet of a rule that is not about the format itself)."""
    case = Case(rule.code, "snippet", {JOURNEY: snippet.journey}, as_of=snippet.as_of)
    found = findings_of(case, tmp_path)
    codes = {f.code for f in found}
    assert (rule.code in codes) is snippet.fails, (snippet.journey, found)
    errors = [f"{f.code} {f.message}" for f in found if _format_error(f) and f.code != rule.code]
    if not snippet.fails or rule.code >= "STK100":
        assert errors == [], snippet.journey


def test_every_rule_documents_a_failing_and_a_passing_snippet_or_says_why() -> None:
    for rule in all_rules():
        kinds = {s.fails for s in snippets(rule.doc)}
        if rule.code in NO_SNIPPET:
            assert kinds == set(), f"{rule.code} has snippets now: take it out of NO_SNIPPET"
        else:
            assert kinds == {True, False}, f"{rule.code}: document a Fails and a Passes snippet"


# --- the cases themselves ---------------------------------------------------------------------


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    codes = {r.code for r in all_rules()}
    assert codes <= set(ALL), f"no case file for {sorted(codes - set(ALL))}"
    for code in sorted(codes):
        working = [c for c in ALL[code] if not c.xfail]
        assert any(c.fails for c in working), f"{code}: no failing case"
        assert any(not c.fails for c in working), f"{code}: no passing case"


def test_every_way_out_a_rule_offers_works() -> None:
    """A rule that tells the user to record a reviewed override shows, in a passing case, that
    one clears it (STK402 once offered an override that did not)."""
    for rule in all_rules():
        if "reviewed `override`" not in rule.doc:
            continue
        cleared = [
            c
            for c in ALL[rule.code]
            if not c.fails and not c.xfail and "approved_by:" in "".join(c.files.values())
        ]
        assert cleared, f"{rule.code}: no passing case where a reviewed override clears it"


def test_case_files_are_well_formed() -> None:
    for code, cases in ALL.items():
        rule = find_rule(code)
        assert rule is not None and rule.code == code, f"{code}.yaml names no rule"
        names = [c.name for c in cases]
        assert len(set(names)) == len(names), f"{code}: case names repeat"
        for case in cases:
            where = f"{code}/{case.name}"
            assert {e[1] for e in case.expect} <= case.compared, f"{where}: expects other codes"
            assert all(line >= 0 and col >= 0 for _, _, line, col in case.expect), where
            for text in case.files.values():
                assert text == "" or text.endswith("\n"), where
                assert "\t" not in text, where
                if "expires:" in text:
                    # Overrides are judged against a date: pin it, or the case rots.
                    assert isinstance(case.as_of, dt.date), f"{where}: give as_of"
