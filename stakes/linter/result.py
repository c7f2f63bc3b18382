"""What one lint run found."""

from __future__ import annotations

from dataclasses import dataclass

from stakes.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class LintResult:
    """The outcome of one lint run: findings in order, files checked, and unreadable inputs."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    errors: tuple[str, ...]
    suppressed: int = 0
    #: Findings left out because the baseline has them (``stakes lint --baseline``).
    baselined: int = 0

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    def counts(self) -> dict[str, int]:
        """Findings per severity label, most severe first, every label present."""
        return {s.label: self.count(s) for s in sorted(Severity, reverse=True)}
