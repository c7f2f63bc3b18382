"""Lint: load journeys, assess them, run every rule, apply suppressions and selection."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from stakes.assessment.policy import Policy, default_policy
from stakes.findings import Finding, Severity, sort_findings
from stakes.journey.files import load

#: Exit codes, the contract of every command (docs/assessment.md#exit-codes).
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class LintResult:
    """The outcome of one lint run: findings in order, files checked, and unreadable inputs."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    errors: tuple[str, ...]
    suppressed: int = 0

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    def exit_code(self, fail_on: Severity | None) -> int:
        """2 for unreadable input, 1 for findings at or above ``fail_on`` (None: never), else 0."""
        if self.errors:
            return EXIT_USAGE
        if fail_on is not None and any(f.severity >= fail_on for f in self.findings):
            return EXIT_FINDINGS
        return EXIT_OK


@dataclass(frozen=True)
class Selection:
    """Which rules report, and at what severity: --select, --ignore and per-rule severity."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def _level(self, f: Finding) -> str | None:
        return _most_specific(f.rule.code, f.rule.name, self.severity) if self.severity else None

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings of selected rules, each at its configured severity."""
        from stakes.linter.catalogue import matches

        out = []
        for f in findings:
            if self.select and not matches(f.rule, self.select):
                continue
            if self.ignore and matches(f.rule, self.ignore):
                continue
            level = self._level(f)
            if level == "off":
                continue
            if level:
                f = dataclasses.replace(f, severity=Severity.parse(level))
            out.append(f)
        return out


def _most_specific(rule_code: str, rule_name: str, levels: Mapping[str, str]) -> str | None:
    """The level set for a rule by the most specific key: its name or code, else the longest
    code prefix that matches (``STK202`` beats ``STK2``, which beats ``STK``)."""
    best: tuple[int, str] | None = None
    for key, level in levels.items():
        k = key.strip()
        if k == rule_name:
            return level
        if rule_code.lower().startswith(k.lower()) and (best is None or len(k) > best[0]):
            best = (len(k), level)
    return best[1] if best else None


def lint(
    paths: Iterable[str],
    *,
    policy: Policy | None = None,
    selection: Selection | None = None,
    as_of: dt.date | None = None,
    stdin_name: str = "<stdin>",
    progress: Callable[[int, int], None] | None = None,
) -> LintResult:
    """Lint the journeys under ``paths``: format findings, then every journey rule on the
    journeys that loaded, then inline suppressions and the selection."""
    from stakes.assessment.engine import assess
    from stakes.linter.catalogue import find_rule, suppressible
    from stakes.linter.rules import run_checks
    from stakes.linter.suppress import apply_suppressions

    policy = policy or default_policy()
    portfolio = load(
        paths,
        emotions=tuple(policy.emotions),
        keep_text=True,
        stdin_name=stdin_name,
        progress=progress,
    )
    assessment = assess(portfolio, policy, as_of=as_of)
    by_file = {f.file: f for f in portfolio.files}
    found: dict[str, list[Finding]] = {f.file: list(f.findings) for f in portfolio.files}
    for f in run_checks(assessment, by_file):
        found.setdefault(f.file, []).append(f)
    findings: list[Finding] = []
    silenced = 0
    for name, items in found.items():
        text = by_file[name].text if name in by_file else None
        if text is not None:
            items, n = apply_suppressions(name, text, items, find_rule, suppressible)
            silenced += n
        findings.extend(items)
    chosen = (selection or Selection()).apply(findings)
    return LintResult(
        findings=tuple(sort_findings(chosen)),
        files=tuple(f.file for f in portfolio.files),
        errors=tuple(portfolio.errors),
        suppressed=silenced,
    )


def parse_fail_on(text: str) -> Severity | None:
    """``error``/``warning``/``info`` -> that severity; ``never`` -> None."""
    return None if text == "never" else Severity.parse(text)


def summary_counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Findings per severity label, every label present."""
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for f in findings:
        counts[f.severity.label] += 1
    return counts
