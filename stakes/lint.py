"""Lint: load journeys, collect every finding, and decide the exit code."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from stakes.diagnostics import Finding, Severity, sort_findings
from stakes.portfolio import load

#: Exit codes, the contract of every command (SPEC §5).
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class LintResult:
    """The outcome of one lint run: findings in order, files checked, and unreadable inputs."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    errors: tuple[str, ...]

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


def lint(
    paths: Iterable[str],
    *,
    stdin_name: str = "<stdin>",
    progress: Callable[[int, int], None] | None = None,
) -> LintResult:
    """Lint the journeys under ``paths``: every format finding, sorted."""
    portfolio = load(paths, stdin_name=stdin_name, progress=progress)
    return LintResult(
        findings=tuple(sort_findings(portfolio.findings)),
        files=tuple(f.file for f in portfolio.files),
        errors=tuple(portfolio.errors),
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
