"""Which rules report, and at what severity: ``--select``, ``--ignore`` and per-rule severity."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stakes.findings import Finding, Severity
from stakes.linter.catalogue import matches


@dataclass(frozen=True)
class Selection:
    """Rules named by code, code prefix (``STK2``) or name; ``severity`` maps a rule (or a
    prefix) to ``error``, ``warning``, ``info`` or ``off``."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings of selected rules, each at its configured severity."""
        out = []
        for f in findings:
            if self.select and not matches(f.rule, self.select):
                continue
            if self.ignore and matches(f.rule, self.ignore):
                continue
            level = most_specific(f.rule.code, f.rule.name, self.severity)
            if level == "off":
                continue
            if level:
                f = dataclasses.replace(f, severity=Severity.parse(level))
            out.append(f)
        return out


def most_specific(rule_code: str, rule_name: str, levels: Mapping[str, str]) -> str | None:
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
