"""The lint job: the configuration and the options in, the findings and the exit code out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from stakes.app import outcome as common
from stakes.app.outcome import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Outcome, UsageError
from stakes.linter.result import LintResult

if TYPE_CHECKING:
    from stakes.app.config import Config
    from stakes.app.config_evidence import EvidenceSettings
    from stakes.app.evidence import LogSource
    from stakes.assessment.policy import Policy
    from stakes.assessment.touchpoints import Observed
    from stakes.journey.files import Portfolio


@dataclass(frozen=True)
class LintRequest:
    """What ``stakes lint`` was asked; empty or None values fall back to the configuration."""

    paths: tuple[str, ...] = ()
    policy: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    as_of: str | None = None
    config: str | None = None
    isolated: bool = False
    stdin_name: str = "<stdin>"
    source: LogSource | None = None  # --evidence LOG: compare the journeys with a contact log
    baseline: str | None = None  # --baseline FILE|REF: only the findings new since then


def lint(
    request: LintRequest, progress: Callable[[int, int], None] | None = None
) -> Outcome[LintResult]:
    """Lint the journeys the request names: format findings, the journey rules, suppressions
    and the selection. Raises UsageError for a request that cannot run."""
    from stakes.findings import Severity
    from stakes.journey.loader import HAS_LIBYAML
    from stakes.linter.catalogue import unknown_selectors
    from stakes.linter.run import lint as lint_paths

    config = common.settings(request.config, request.isolated)
    paths = common.targets(request.paths, config)
    select = request.select or config.select
    ignore = (*config.ignore, *request.ignore)
    for name in unknown_selectors([*select, *ignore, *config.severity]):
        from_file = config.file is not None and (
            name in config.select or name in config.ignore or name in config.severity
        )
        where = f"{config.locate(name)}: " if from_file else ""
        raise UsageError(f"{where}no rule is called {name!r}; 'stakes rules' lists them")
    messages = []
    if not HAS_LIBYAML:
        messages.append("stakes: warning: PyYAML has no libyaml here; reading is about 9x slower")
    try:
        effective = common.policy(request.policy or config.policy)
    except UsageError as exc:
        exc.details[:0] = messages
        raise
    jurisdictions = common.jurisdictions(config, effective)
    evidence = None
    if request.source is not None:
        evidence = _observer(request.source, config.evidence, messages)
    result = lint_paths(
        paths,
        evidence=evidence,
        policy=effective,
        select=select,
        ignore=ignore,
        severity=config.severity,
        triggers=config.known_triggers,
        jurisdictions=jurisdictions,
        processors=config.processors,
        as_of=common.as_of(request.as_of),
        stdin_name=request.stdin_name,
        progress=progress,
    )
    if request.baseline is not None:
        day = common.as_of(request.as_of)
        result = _since(request.baseline, result, paths, config, effective, select, ignore, day)
    messages += [f"stakes: error: {error}" for error in result.errors]
    level = request.fail_on or config.fail_on or "error"
    fail_on = None if level == "never" else Severity.parse(level)
    if result.errors:
        code = EXIT_USAGE
    elif fail_on is not None and any(f.severity >= fail_on for f in result.findings):
        code = EXIT_FINDINGS
    else:
        code = EXIT_OK
    return Outcome(result, messages, code, (*paths, *result.files))


def _observer(
    source: LogSource, settings: EvidenceSettings, messages: list[str]
) -> Callable[[Portfolio], Callable[[str], Observed | None]]:
    """What the log observed, once the journeys are loaded (the log is matched to them); its
    problems go to ``messages``."""

    def observer(portfolio: Portfolio) -> Callable[[str], Observed | None]:
        from stakes.app.evidence import observe

        observed, _, said = observe(source, portfolio, settings)
        messages.extend(said)
        return observed

    return observer


def _since(
    baseline: str,
    result: LintResult,
    paths: Sequence[str],
    config: Config,
    policy: Policy,
    select: Sequence[str],
    ignore: Sequence[str],
    day: dt.date | None,
) -> LintResult:
    """``result`` without the findings the baseline has (--baseline), its overrides judged on
    the run's date."""
    from pathlib import Path

    from stakes.app.baseline import known, new_since
    from stakes.linter.selection import Selection

    selection = Selection(tuple(select), tuple(ignore), dict(config.severity))
    seen = known(baseline, paths, config, policy, day, selection, Path.cwd())
    kept = tuple(new_since(result.findings, seen))
    return replace(result, findings=kept, baselined=len(result.findings) - len(kept))
