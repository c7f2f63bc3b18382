"""The journey rules: one module per rule, discovered automatically.

A rule module defines ``CODE`` (``STK201``, stable forever once released), ``NAME``
(kebab-case), ``SEVERITY``, ``SUMMARY`` (one sentence), ``SUPPRESSIBLE`` (False for findings
about the verdict itself, which only a reviewed ``override`` can change), a docstring that is
its documentation (why it matters for customers, a failing and a passing snippet), and
``check(ctx)`` that yields findings. Adding a rule means adding one module and its cases in
tests/rules/.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from types import ModuleType

from stakes.diagnostics import Finding, Rule, Severity, finding, format_path
from stakes.engine import Assessment, TouchpointAssessment
from stakes.escalation import Gap, escalation_gaps
from stakes.model import Journey
from stakes.portfolio import JourneyFile


@dataclass(frozen=True, slots=True)
class Check:
    """A rule and the function that looks for it."""

    rule: Rule
    run: Callable[[Context], Iterable[Finding]]
    suppressible: bool


@dataclass
class Context:
    """What a check sees: the assessment, the escalation gaps, and where things are written."""

    assessment: Assessment
    files: dict[str, JourneyFile]
    rule: Rule = field(default_factory=lambda: Rule("", "", Severity.INFO, ""))

    @cached_property
    def gaps(self) -> list[Gap]:
        """Every escalation gap of the portfolio (computed once for all checks)."""
        return escalation_gaps(self.assessment, self.assessment.policy)

    @cached_property
    def _indices(self) -> dict[int, tuple[int, int]]:
        out: dict[int, tuple[int, int]] = {}
        for t in self.assessment:
            if id(t.touchpoint) not in out:
                for i, stage in enumerate(t.journey.stages):
                    for j, tp in enumerate(stage.touchpoints):
                        out[id(tp)] = (i, j)
        return out

    def path(self, t: TouchpointAssessment, *rest: str) -> tuple[str | int, ...]:
        """The data path of ``t`` (and of ``rest`` inside it) in its file."""
        i, j = self._indices[id(t.touchpoint)]
        return ("stages", i, "touchpoints", j, *rest)

    def position(self, file: str, path: tuple[str | int, ...], key: bool) -> tuple[int, int]:
        """1-based line and column of ``path`` in ``file`` (0, 0 when unknown)."""
        jf = self.files.get(file)
        return jf.position(path, key) if jf is not None else (0, 0)

    def at(
        self, t: TouchpointAssessment, message: str, *rest: str, hint: str = "", key: bool = False
    ) -> Finding:
        """A finding of the current rule at ``t`` (or at ``rest`` inside it)."""
        path = self.path(t, *rest)
        line, col = self.position(t.file, path, key)
        return finding(
            self.rule, message, t.file, line, col, path=format_path(path), subject=t.key, hint=hint
        )

    def at_journey(self, journey: Journey, file: str, message: str, hint: str = "") -> Finding:
        """A finding of the current rule about a whole journey (at its ``journey`` key)."""
        line, col = self.position(file, ("journey",), True)
        return finding(
            self.rule, message, file, line, col, path="journey", subject=journey.journey, hint=hint
        )

    def journeys(self) -> Iterator[tuple[Journey, str]]:
        """Each assessed journey once, with its file."""
        seen: set[str] = set()
        for t in self.assessment:
            if t.journey.journey not in seen:
                seen.add(t.journey.journey)
                yield t.journey, t.file


def _load(module: ModuleType) -> Check:
    rule = Rule(
        module.CODE,
        module.NAME,
        module.SEVERITY,
        module.SUMMARY,
        (module.__doc__ or "").strip(),
    )
    return Check(rule, module.check, module.SUPPRESSIBLE)


@cache
def all_checks() -> tuple[Check, ...]:
    """Every rule module of this package, ordered by code."""
    checks = [
        _load(importlib.import_module(f"{__name__}.{info.name}"))
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    return tuple(sorted(checks, key=lambda c: c.rule.code))


def run_checks(assessment: Assessment, files: dict[str, JourneyFile]) -> list[Finding]:
    """Every finding of every rule over the assessed journeys."""
    ctx = Context(assessment, files)
    found: list[Finding] = []
    for check in all_checks():
        ctx.rule = check.rule
        found.extend(check.run(ctx))
    return found
