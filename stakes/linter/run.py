"""One lint run: load journeys, assess them, run every rule, apply suppressions and selection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from stakes.assessment.policy import Policy
from stakes.assessment.policy_file import load_policy
from stakes.assessment.results import Assessment
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
    from stakes.linter.rules import places

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
    findings, silenced = checked(
        portfolio, assessment, Selection(tuple(select), tuple(ignore), dict(severity or {}))
    )
    return LintResult(
        findings=tuple(sort_findings(findings)),
        files=tuple(f.file for f in portfolio.files),
        errors=tuple(portfolio.errors),
        suppressed=len(silenced),
    )


def checked(
    portfolio: Portfolio,
    assessment: Assessment,
    selection: Selection,
    only: Collection[str] | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """The findings of a lint run over an assessed portfolio (loaded with its text and places):
    the format's, then the journey rules' (those whose codes are ``only``), after the
    journeys' ``# stakes: ignore`` comments and the selection; and those a comment silenced
    (before the selection)."""
    from stakes.linter.catalogue import find_rule, suppressible
    from stakes.linter.rules import run_checks
    from stakes.linter.suppress import apply_suppressions

    by_file = {f.file: f for f in portfolio.files}
    found: dict[str, list[Finding]] = {
        f.file: list(f.findings) if only is None else [] for f in portfolio.files
    }
    for f in run_checks(assessment, by_file, only):
        found.setdefault(f.file, []).append(f)
    findings: list[Finding] = []
    silenced: list[Finding] = []
    for name, items in found.items():
        text = by_file[name].text if name in by_file else None
        if text is not None:
            kept, n = apply_suppressions(name, text, items, find_rule, suppressible)
            if n:
                ids = {id(f) for f in kept}
                silenced += [f for f in items if id(f) not in ids]
            items = kept
        findings.extend(items)
    return selection.apply(findings), silenced


def data_use_shown(
    portfolio: Portfolio, assessment: Assessment, selection: Selection
) -> dict[tuple[str, str], bool]:
    """What a lint run shows of the data-use rules, by ``(journey/touchpoint, code)``: True
    shown, False silenced by a comment; a rule the selection switches off is absent."""
    from stakes.linter.rules import data_use_codes

    codes = data_use_codes()
    shown, silenced = checked(portfolio, assessment, selection, codes)
    out = {(f.subject, f.code): False for f in selection.apply(silenced) if f.code in codes}
    out |= {(f.subject, f.code): True for f in shown if f.code in codes}
    return out
