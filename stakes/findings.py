"""Findings: what every check, the loader included, reports; and the rules that produce them."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How serious a finding is; a higher value is more serious."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lower-case name used in every output: ``error``, ``warning`` or ``info``."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """The severity named by ``text`` (``error``, ``warning`` or ``info``)."""
        try:
            return cls[text.upper()]
        except KeyError:
            allowed = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r}; use one of: {allowed}") from None


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: a stable code, a kebab-case name, a default severity and its documentation."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str = ""

    @property
    def title(self) -> str:
        """``CODE name``, as shown in every output."""
        return f"{self.code} {self.name}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place: rule, severity, message, position and what it concerns.

    ``line`` and ``col`` are 1-based; 0 means the finding concerns the file as a whole.
    ``path`` is the data path inside the file (``stages[1].touchpoints[0].channel``).
    ``subject`` is ``journey`` or ``journey/touchpoint`` where known.
    """

    rule: Rule
    message: str
    file: str
    line: int = 0
    col: int = 0
    path: str = ""
    subject: str = ""
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR)

    @property
    def code(self) -> str:
        """The rule's code."""
        return self.rule.code

    @property
    def location(self) -> str:
        """``file:line:col`` (or just ``file`` when the finding has no position)."""
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, then position, then rule code, then message."""
        return (self.file, self.line, self.col, self.rule.code, self.message)


def finding(
    rule: Rule,
    message: str,
    file: str,
    line: int = 0,
    col: int = 0,
    *,
    path: str = "",
    subject: str = "",
    hint: str = "",
) -> Finding:
    """A finding of ``rule`` at its default severity."""
    return Finding(rule, message, file, line, col, path, subject, hint, rule.severity)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """The findings in a stable order: by file, position, code and message."""
    return sorted(findings, key=Finding.sort_key)


def format_path(parts: Iterable[str | int]) -> str:
    """A data path as written in messages: ``stages[1].touchpoints[0].channel``."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(part)
    return "".join(out)
