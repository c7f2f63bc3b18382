"""The assess job and its three views: ``map`` (every touchpoint), ``report`` (the document for
people who decide) and ``explain`` (one touchpoint, step by step)."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass

from stakes.app import outcome as common
from stakes.app.evidence import LogSource
from stakes.app.outcome import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Outcome, UsageError
from stakes.assessment.results import Assessment
from stakes.render.documents import ExplainDocument, MapDocument, ReportDocument

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AssessRequest:
    """The journeys to assess and how: empty or None values fall back to the configuration."""

    paths: tuple[str, ...] = ()
    policy: str | None = None
    as_of: str | None = None
    config: str | None = None
    isolated: bool = False
    evidence: LogSource | None = None


@dataclass(frozen=True)
class MapRequest:
    """``stakes map``: which touchpoints, in which order, and whether misalignment fails."""

    assess: AssessRequest
    only: str = "all"  # all | never | misaligned
    sort: str = "journey"  # journey | stakes
    fail_on_misaligned: bool = False


@dataclass(frozen=True)
class ReportRequest:
    """``stakes report``: its title, and whether misalignment fails."""

    assess: AssessRequest
    title: str = "Stakes report"
    fail_on_misaligned: bool = False


def assess(request: AssessRequest, progress: Progress | None = None) -> Outcome[Assessment]:
    """Every touchpoint of the journeys assessed (scored with the log's observations when
    there is one). Files with errors are reported and left out: exit code 2."""
    return _assess(request, progress)[0]


def _assess(
    request: AssessRequest, progress: Progress | None
) -> tuple[Outcome[Assessment], tuple[str, ...]]:
    """The assessment, and the paths it read (given, or the configuration's)."""
    from stakes.app.evidence import observe
    from stakes.assessment.engine import assess as assess_portfolio
    from stakes.journey.files import load

    config = common.settings(request.config, request.isolated)
    paths = common.targets(request.paths, config)
    day = common.as_of(request.as_of)
    policy = common.policy(request.policy or config.policy)
    portfolio = load(
        paths,
        emotions=tuple(policy.emotions),
        triggers=config.known_triggers,
        progress=progress,
    )
    observed, log, messages = None, None, list[str]()
    if request.evidence is not None:
        observed, log, messages = observe(request.evidence, portfolio, config.evidence)
    assessment = assess_portfolio(portfolio, policy, as_of=day, observe=observed)
    assessment.log = log
    messages += [f"stakes: error: {error}" for error in assessment.errors]
    errors = common.failing(assessment.findings)
    messages += common.located(errors)
    failed = bool(assessment.errors or errors)
    inputs = (*paths, *(f for f, _ in assessment.inputs))
    return Outcome(assessment, messages, EXIT_USAGE if failed else EXIT_OK, inputs), paths


def _misaligned_code(outcome: Outcome[Assessment], fail_on_misaligned: bool) -> int:
    if outcome.exit_code != EXIT_OK or outcome.document is None:
        return outcome.exit_code
    return EXIT_FINDINGS if fail_on_misaligned and outcome.document.misaligned() else EXIT_OK


def map_(request: MapRequest, progress: Progress | None = None) -> Outcome[MapDocument]:
    """The touchpoints ``stakes map`` shows. Files with errors are left out and said so; the
    rest is still mapped."""
    done = assess(request.assess, progress)
    assessment = done.document
    assert assessment is not None
    rows = list(assessment)
    if request.only == "never":
        rows = assessment.never_automate()
    elif request.only == "misaligned":
        rows = assessment.misaligned()
    if request.sort == "stakes":
        rows.sort(key=lambda t: -t.result.score)
    messages = list(done.messages)
    bad = len({f.file for f in common.failing(assessment.findings)})
    if bad:
        messages.append(f"stakes: {bad} file(s) with errors were left out of the map")
    code = _misaligned_code(done, request.fail_on_misaligned)
    document = MapDocument(assessment, rows, by_journey=request.sort != "stakes")
    return Outcome(document, messages, code, done.inputs)


def report(request: ReportRequest, progress: Progress | None = None) -> Outcome[ReportDocument]:
    """The report; none when a journey cannot be read (a report that silently leaves out a
    journey would mislead)."""
    done, paths = _assess(request.assess, progress)
    assessment = done.document
    assert assessment is not None
    if done.exit_code != EXIT_OK:
        raise UsageError(
            "no report was written: fix the journeys above, or leave them out", done.messages
        )
    listing = "stakes map " + " ".join(shlex.quote(p) for p in paths)
    document = report_document(assessment, request.title, listing)
    code = _misaligned_code(done, request.fail_on_misaligned)
    return Outcome(document, done.messages, code, done.inputs)


def report_document(
    assessment: Assessment, title: str = "Stakes report", command: str = "stakes map PATH..."
) -> ReportDocument:
    """The report's document: the assessment with its escalation gaps, the title, and the
    ``stakes map`` command named where a table is capped."""
    from stakes.linter.rules import escalation_gaps

    gaps = escalation_gaps(assessment)
    return ReportDocument(assessment, gaps, title, command)


def explain(target: str, request: AssessRequest) -> Outcome[ExplainDocument]:
    """One touchpoint, named ``FILE#TOUCHPOINT``, step by step."""
    file, sep, touchpoint = target.rpartition("#")
    if not sep or not file or not touchpoint:
        raise UsageError(
            f"{target!r}: give FILE#TOUCHPOINT, e.g. journeys/billing.yaml#invoice-faq"
        )
    only = AssessRequest((file,), request.policy, request.as_of, request.config, request.isolated)
    done = assess(only)
    assessment = done.document
    assert assessment is not None
    if done.exit_code != EXIT_OK:
        return Outcome(None, done.messages, done.exit_code, done.inputs)
    found = [t for t in assessment if t.touchpoint.id == touchpoint]
    if not found:
        known = ", ".join(sorted(t.touchpoint.id for t in assessment))
        raise UsageError(f"{file} has no touchpoint {touchpoint!r}; it has: {known}", done.messages)
    return Outcome(
        ExplainDocument(found[0], assessment.policy), done.messages, EXIT_OK, done.inputs
    )
