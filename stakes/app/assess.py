"""The assess job and its three views: ``map`` (every touchpoint), ``report`` (the document for
people who decide) and ``explain`` (one touchpoint, step by step)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from stakes.app import outcome as common
from stakes.app.evidence import LogSource
from stakes.app.outcome import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Outcome, UsageError
from stakes.assessment.results import Assessment
from stakes.render.documents import ExplainDocument, MapDocument, ReportDocument

if TYPE_CHECKING:
    from stakes.app.config import Config
    from stakes.journey.files import Portfolio
    from stakes.linter.data_use import DataUseRow

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
    """``stakes report``: its title, whether misalignment fails, and whether the files that
    cannot be read are left out (named in a banner) rather than stopping the report."""

    assess: AssessRequest
    title: str = "Stakes report"
    fail_on_misaligned: bool = False
    skip_invalid: bool = False


def assess(request: AssessRequest, progress: Progress | None = None) -> Outcome[Assessment]:
    """Every touchpoint of the journeys assessed (scored with the log's observations when
    there is one). Files with errors are reported and left out: exit code 2."""
    return run_assessment(request, progress).outcome


@dataclass(frozen=True)
class Assessed:
    """An assessment's outcome, the paths it read (given, or the configuration's), the
    journeys as loaded and the configuration in effect."""

    outcome: Outcome[Assessment]
    paths: tuple[str, ...]
    portfolio: Portfolio
    config: Config

    def data_use(self) -> list[DataUseRow]:
        """The moments that use customer data, with the data-use findings as lint shows them
        (the configuration's selection and the journeys' comments applied); the portfolio
        must be loaded ``for_lint``."""
        from stakes.linter.rules import data_use_rows
        from stakes.linter.run import data_use_shown
        from stakes.linter.selection import Selection

        assessment = self.outcome.document
        assert assessment is not None
        c = self.config
        selection = Selection(c.select, c.ignore, dict(c.severity))
        return data_use_rows(assessment, data_use_shown(self.portfolio, assessment, selection))


def run_assessment(
    request: AssessRequest, progress: Progress | None, *, for_lint: bool = False
) -> Assessed:
    """The assessment, the paths it read, the journeys and the configuration; ``for_lint``
    keeps each file's text and where the data-use rules report, so that they can run as lint
    runs them (``Assessed.data_use``)."""
    from stakes.app.evidence import observe
    from stakes.assessment.engine import assess as assess_portfolio
    from stakes.journey.files import load

    config = common.settings(request.config, request.isolated)
    paths = common.targets(request.paths, config)
    day = common.as_of(request.as_of)
    policy = common.policy(request.policy or config.policy)
    jurisdictions = common.jurisdictions(config, policy)
    portfolio = load(
        paths,
        emotions=tuple(policy.emotions),
        triggers=config.known_triggers,
        progress=progress,
        keep_text=for_lint,
        places=_places() if for_lint else (),
    )
    observed, log, messages = None, None, list[str]()
    if request.evidence is not None:
        observed, log, messages = observe(request.evidence, portfolio, config.evidence)
    assessment = assess_portfolio(
        portfolio,
        policy,
        as_of=day,
        observe=observed,
        jurisdictions=jurisdictions,
        processors=config.processors,
    )
    assessment.log = log
    messages += [f"stakes: error: {error}" for error in assessment.errors]
    errors = common.failing(assessment.findings)
    messages += common.located(errors)
    failed = bool(assessment.errors or errors)
    inputs = (*paths, *(f for f, _ in assessment.inputs))
    outcome = Outcome(assessment, messages, EXIT_USAGE if failed else EXIT_OK, inputs)
    return Assessed(outcome, paths, portfolio, config)


def _places() -> tuple[str, ...]:
    from stakes.linter.rules import data_use_places

    return data_use_places()


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
    journey would mislead), unless ``skip_invalid`` asks for one without them (named in a
    banner); never one of no journey at all."""
    assessed = run_assessment(request.assess, progress, for_lint=True)
    done, assessment = assessed.outcome, assessed.outcome.document
    assert assessment is not None
    skipped: tuple[str, ...] = ()
    if done.exit_code != EXIT_OK:
        if not len(assessment):
            raise UsageError("no report was written: no journey could be read", done.messages)
        if not request.skip_invalid:
            raise UsageError(
                "no report was written: fix the journeys above, leave them out, or give "
                "--skip-invalid to report without them",
                done.messages,
            )
        skipped = unread(assessment)
    listing = "stakes map " + " ".join(shlex.quote(p) for p in assessed.paths)
    document = report_document(assessment, request.title, listing, assessed.data_use())
    document = replace(document, skipped=skipped)
    code = EXIT_FINDINGS if skipped else _misaligned_code(done, request.fail_on_misaligned)
    return Outcome(document, done.messages, code, done.inputs)


def unread(assessment: Assessment) -> tuple[str, ...]:
    """Each input that could not be read or assessed, once, with why: its first error (and
    how many more), or why it could not be read at all."""
    by_file: dict[str, list[str]] = {}
    for f in common.failing(assessment.findings):
        by_file.setdefault(f.file, []).append(f"{f.location}: {f.rule.code} {f.message}")
    out = [
        first[0] + (f" (and {len(first) - 1} more)" if len(first) > 1 else "")
        for first in by_file.values()
    ]
    return (*assessment.errors, *out)


def report_document(
    assessment: Assessment,
    title: str = "Stakes report",
    command: str = "stakes map PATH...",
    data_use: list[DataUseRow] | None = None,
    *,
    try_fixes: bool = True,
) -> ReportDocument:
    """The report's document: the assessment with its escalation gaps, the title, the
    ``stakes map`` command named where a table is capped, the moments that use customer
    data (``data_use``: as lint shows their findings; else what the rules say), and what the
    first actions' changes fix (``try_fixes``: app/fixes.py)."""
    from stakes.app.fixes import document as bare
    from stakes.app.fixes import fixes

    document = bare(assessment, title, command, data_use)
    return replace(document, fixes=fixes(document)) if try_fixes else document


EXPLAIN_FORMS = (
    "give FILE#TOUCHPOINT (journeys/billing.yaml#invoice-faq), a journey FILE for all its "
    "touchpoints, or JOURNEY/TOUCHPOINT as the other outputs print it"
)


def explain(target: str, request: AssessRequest) -> Outcome[ExplainDocument]:
    """Touchpoints step by step: ``FILE#TOUCHPOINT``; a journey ``FILE`` (every touchpoint in
    it); or ``JOURNEY/TOUCHPOINT``, the key the other outputs print, looked up in the paths of
    the request (or the configuration's)."""
    import os

    from stakes.journey.keys import split_key
    from stakes.journey.references import suggest

    file, sep, touchpoint = target.rpartition("#")
    journey: str | None = None
    paths: tuple[str, ...] = (file,)
    key = re.compile(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*")
    if os.path.isdir(target):
        keys = [p for p in request.paths if key.fullmatch(p)]
        swapped = f"; did you mean: stakes explain {keys[0]} {target}" if keys else ""
        raise UsageError(f"{target!r} is a folder; {EXPLAIN_FORMS}, then the folder{swapped}")
    if request.paths and (os.path.exists(target) or (sep and file and touchpoint)):
        raise UsageError(f"PATH is only for a JOURNEY/TOUCHPOINT key; {target!r} names a file")
    if os.path.exists(target):
        file, touchpoint, paths = target, "", (target,)
    elif sep and file and touchpoint:
        pass
    elif key.fullmatch(target):
        journey, touchpoint = split_key(target)
        paths = request.paths or common.targets(
            (), common.settings(request.config, request.isolated)
        )
    else:
        raise UsageError(f"{target!r}: no such file; {EXPLAIN_FORMS}")
    done = assess(replace(request, paths=tuple(paths)))
    assessment = done.document
    assert assessment is not None
    if done.exit_code != EXIT_OK:
        return Outcome(None, done.messages, done.exit_code, done.inputs)
    rows = list(assessment)
    where = file
    if journey is not None:
        slugs = sorted({t.journey.journey for t in rows})
        if journey not in slugs:
            raise UsageError(
                f"no journey {journey!r} in {', '.join(paths)}; "
                + suggest(journey, slugs, what="journeys"),
                done.messages,
            )
        rows = [t for t in rows if t.journey.journey == journey]
        where = f"journey {journey!r}"
    found = [t for t in rows if t.touchpoint.id == touchpoint] if touchpoint else rows
    if not found:
        ids = [t.touchpoint.id for t in rows]
        raise UsageError(
            f"{where} has no touchpoint {touchpoint!r}; {suggest(touchpoint, ids)}", done.messages
        )
    document = ExplainDocument(tuple(found), assessment.policy)
    return Outcome(document, done.messages, EXIT_OK, done.inputs)
