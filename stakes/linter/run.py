"""One lint run: load journeys, assess them, run every rule, apply suppressions and selection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence

from stakes.assessment.policy import Policy
from stakes.assessment.policy_file import load_policy
from stakes.assessment.touchpoints import Observed
from stakes.findings import Finding, sort_findings
from stakes.journey.files import Portfolio, load
from stakes.journey.values import KNOWN_TRIGGERS
from stakes.linter.result import LintResult
from stakes.linter.selection import Selection


def lint(
    paths: str | Iterable[str],
    *,
    policy: Policy | str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    severity: Mapping[str, str] | None = None,
    triggers: Sequence[str] = KNOWN_TRIGGERS,
    as_of: dt.date | None = None,
    stdin_name: str = "<stdin>",
    progress: Callable[[int, int], None] | None = None,
    evidence: Callable[[Portfolio], Callable[[str], Observed | None]] | None = None,
    jurisdictions: Sequence[str] = (),
    processors: Sequence[str] | None = None,
) -> LintResult:
    """Lint the journeys under ``paths``: format findings, then every journey rule on the
    journeys that loaded, then inline suppressions, then the selection.

    ``policy`` is a Policy, a policy file's path or None (the default). ``select`` and
    ``ignore`` take rule codes, code prefixes (``STK2``) or names; ``severity`` maps rules to
    ``error``, ``warning``, ``info`` or ``off``; ``triggers`` are the escalation triggers a
    journey may name (the standard ones, and any the project declares). Overrides are judged
    on ``as_of`` (today). ``evidence(portfolio)``, when given, says what a contact log
    observed at each touchpoint (``stakes.app.evidence.observe``): the rules that compare the
    journeys with the log (STK104) report only then. ``jurisdictions`` are the rule packs
    that apply to journeys that name none (docs/compliance.md); ``processors`` those the
    team approved to receive customer data (None: not set, so STK616 checks nothing).
    """
    from stakes.assessment.engine import assess
    from stakes.linter.catalogue import find_rule, suppressible
    from stakes.linter.rules import places, run_checks
    from stakes.linter.suppress import apply_suppressions

    chosen = policy if isinstance(policy, Policy) else load_policy(policy)
    portfolio = load(
        [paths] if isinstance(paths, str) else paths,
        emotions=tuple(chosen.emotions),
        triggers=triggers,
        keep_text=True,
        places=places(),
        stdin_name=stdin_name,
        progress=progress,
    )
    observe = evidence(portfolio) if evidence is not None and portfolio.journeys else None
    assessment = assess(
        portfolio,
        chosen,
        as_of=as_of,
        observe=observe,
        jurisdictions=jurisdictions,
        processors=processors,
    )
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
    selection = Selection(tuple(select), tuple(ignore), dict(severity or {}))
    return LintResult(
        findings=tuple(sort_findings(selection.apply(findings))),
        files=tuple(f.file for f in portfolio.files),
        errors=tuple(portfolio.errors),
        suppressed=silenced,
    )
