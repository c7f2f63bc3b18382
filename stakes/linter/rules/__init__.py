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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from stakes.assessment.results import Assessment
from stakes.findings import Finding, Rule
from stakes.journey.files import JourneyFile
from stakes.linter.context import Context


@dataclass(frozen=True, slots=True)
class Check:
    """A rule and the function that looks for it."""

    rule: Rule
    run: Callable[[Context], Iterable[Finding]]
    suppressible: bool


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
