"""The journey rules: one module per rule, discovered automatically.

A rule module defines ``CODE`` (``STK201``, stable forever once released), ``NAME``
(kebab-case), ``SEVERITY``, ``SUMMARY`` (one sentence), ``SUPPRESSIBLE`` (False for findings
about the verdict itself, which only a reviewed ``override`` can change), ``REPORTS_AT`` (the
places inside a touchpoint it reports at, such as ``"escalation.to"``: the loader records
their positions while it reads), a docstring that is its documentation (why it matters for
customers, and a failing and a passing snippet that the tests run), and ``check(ctx)`` that
yields findings. An escalation rule also defines ``GAP`` (what its gaps are, for the report)
and ``gaps(assessment)``, its logic; a compliance rule (STK6xx) defines ``judge(t, rule,
assessment)`` instead of ``check``, what it says of a touchpoint under a jurisdiction's pack
(its failures are its findings: linter/compliance.py), and its NAME is the id packs turn it
on by. A rule that applies to every journey whatever its jurisdictions may define
``examine(t, assessment)`` instead, what it says of a touchpoint. A data-use rule sets
``DATA_USE = True``: the report's "How customer data is used" and ``stakes export data-use``
list its failures (linter/data_use.py). Adding a rule means one module here and its cases in
tests/linter/cases/.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from stakes.assessment.results import Assessment
from stakes.findings import Finding, Rule
from stakes.journey.files import JourneyFile
from stakes.linter import compliance, data_use
from stakes.linter.context import Context
from stakes.linter.escalation import Gap, unverified


@dataclass(frozen=True, slots=True)
class Check:
    """A rule, the function that looks for it, and what it declares about itself."""

    rule: Rule
    run: Callable[[Context], Iterable[Finding]]
    suppressible: bool
    reports_at: tuple[str, ...]
    gaps: Callable[[Assessment], Iterator[Gap]] | None = None
    #: A compliance check (STK6xx): what it says of a touchpoint under a pack's rule, or None
    #: when the rule does not concern the touchpoint.
    judge: compliance.Judge | None = None
    #: A rule for every journey, whatever its jurisdictions: what it says of a touchpoint.
    examine: data_use.Examine | None = None
    #: A data-use rule (STK611-STK616): the data-use view lists its failures.
    data_use: bool = False


def _load(module: ModuleType) -> Check:
    rule = Rule(
        module.CODE,
        module.NAME,
        module.SEVERITY,
        module.SUMMARY,
        (module.__doc__ or "").strip(),
    )
    gaps, judge = getattr(module, "gaps", None), getattr(module, "judge", None)
    examine = getattr(module, "examine", None)
    # A compliance rule's findings are its judgements that fail (linter/compliance.py), and
    # a rule that examines each touchpoint's are its examinations that fail.
    if judge is not None:
        run = _compliance
    elif examine is not None:
        run = functools.partial(data_use.examined, examine=examine)
    else:
        run = module.check
    return Check(
        rule,
        run,
        module.SUPPRESSIBLE,
        tuple(module.REPORTS_AT),
        gaps,
        judge,
        examine,
        getattr(module, "DATA_USE", False),
    )


@cache
def all_checks() -> tuple[Check, ...]:
    """Every rule module of this package, ordered by code."""
    checks = [
        _load(importlib.import_module(f"{__name__}.{info.name}"))
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
    return tuple(sorted(checks, key=lambda c: c.rule.code))


@cache
def places() -> tuple[str, ...]:
    """Every place inside a touchpoint that some rule reports at."""
    return tuple(sorted({p for c in all_checks() for p in c.reports_at}))


def run_checks(
    assessment: Assessment, files: dict[str, JourneyFile], only: Collection[str] | None = None
) -> list[Finding]:
    """Every finding of every rule (or of the rules whose codes are ``only``) over the
    assessed journeys."""
    found: list[Finding] = []
    indices: dict[int, tuple[int, int]] = {}
    shared: dict[str, Any] = {}
    for check in all_checks():
        if only is not None and check.rule.code not in only:
            continue
        ctx = Context(assessment, files, check.rule, check.reports_at, indices, shared)
        found.extend(check.run(ctx))
    return found


def escalation_gaps(assessment: Assessment) -> list[Gap]:
    """Every escalation gap, by rule (in code order), touchpoints in assessment order, then
    the escalations into journeys not assessed."""
    found = [gap for c in all_checks() if c.gaps is not None for gap in c.gaps(assessment)]
    return found + unverified(assessment)


@cache
def judges() -> dict[str, tuple[str, compliance.Judge]]:
    """The compliance rules by the name packs turn them on by: their code and their judge."""
    return {c.rule.name: (c.rule.code, c.judge) for c in all_checks() if c.judge is not None}


def _compliance(ctx: Context) -> Iterator[Finding]:
    return compliance.findings(ctx, judges())


@cache
def data_use_checks() -> tuple[Check, ...]:
    """The data-use rules (STK611-STK616), by code."""
    return tuple(c for c in all_checks() if c.data_use)


def data_use_rows(
    assessment: Assessment, shown: data_use.Shown | None = None
) -> list[data_use.DataUseRow]:
    """The moments that use customer data automatically or declare how, with what the
    data-use rules say of each (the report's "How customer data is used", ``stakes export
    data-use``, ``stakes.data_use_rows``); ``shown``: as a lint run showed them."""
    names = {c.rule.name for c in data_use_checks()}
    judging = {name: judged for name, judged in judges().items() if name in names}
    examining = {
        c.rule.code: (c.rule.name, c.examine) for c in data_use_checks() if c.examine is not None
    }
    return data_use.rows(assessment, judging, examining, shown)


@cache
def data_use_codes() -> tuple[str, ...]:
    """The codes of the data-use rules."""
    return tuple(c.rule.code for c in data_use_checks())


@cache
def data_use_places() -> tuple[str, ...]:
    """Every place inside a touchpoint that a data-use rule reports at (what a run of only
    those rules needs the loader to record)."""
    return tuple(sorted({p for c in data_use_checks() for p in c.reports_at}))


def by_jurisdiction(assessment: Assessment) -> list[compliance.PackResult]:
    """Each jurisdiction the journeys serve, with its pack's rules: where they pass and fail
    (the report's compliance section, ``stakes.by_jurisdiction``); its data-use rules are
    only named (``data_use_rows`` has what they say)."""
    data = {c.rule.name: c.rule.code for c in data_use_checks() if c.judge is not None}
    law = {name: judged for name, judged in judges().items() if name not in data}
    return compliance.by_jurisdiction(assessment, law, data)
