"""`stakes map`, `report`, `explain` and `policy`: the assessment for people."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from stakes.cli.options import (
    AsOfOption,
    ColumnOption,
    ConfigOption,
    EpochUnitOption,
    EvidenceLogOption,
    HandlerOption,
    IsolatedOption,
    MatchOption,
    MinContactsOption,
    OutputOption,
    PathsArgument,
    PolicyOption,
    SinceOption,
    TargetOption,
    UntilOption,
    WindowOption,
    format_choices,
    log_source,
    merged,
    renamed,
)
from stakes.cli.output import run, show
from stakes.cli.root import app
from stakes.cli.terminal import progress

if TYPE_CHECKING:
    from stakes.app.assess import AssessRequest
    from stakes.app.evidence import LogSource

    MapFormat = str
    ReportFormat = str
else:
    MapFormat = format_choices("map")
    ReportFormat = format_choices("report")


class Only(enum.StrEnum):
    """Which touchpoints ``stakes map`` shows."""

    all = "all"
    never = "never"
    misaligned = "misaligned"


class SortBy(enum.StrEnum):
    """How ``stakes map`` orders touchpoints."""

    journey = "journey"
    stakes = "stakes"


FailOnMisaligned = Annotated[
    bool,
    typer.Option(
        "--fail-on-misaligned", help="Exit 1 when a touchpoint is over- or under-automated."
    ),
]


def _request(
    paths: list[str] | None,
    policy: str | None,
    as_of: str | None,
    config: str | None,
    isolated: bool,
    source: LogSource | None = None,
) -> AssessRequest:
    from stakes.app.assess import AssessRequest

    return AssessRequest(tuple(paths or ()), policy, as_of, config, isolated, source)


@app.command("map", short_help="Each touchpoint's stakes, verdict and fit, with why.")
def map_(
    paths: PathsArgument = None,
    format: Annotated[MapFormat, typer.Option("--format", "-f", help="Output format.")] = "table",
    only: Annotated[
        Only,
        typer.Option(help="never: only human-only moments; misaligned: handled against verdict."),
    ] = Only.all,
    sort: Annotated[SortBy, typer.Option(help="journey: as written; stakes: highest first.")] = (
        SortBy.journey
    ),
    fail_on_misaligned: FailOnMisaligned = False,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    evidence: EvidenceLogOption = None,
    column: ColumnOption = None,
    legacy_map: Annotated[list[str] | None, renamed("--evidence-map", "--column")] = None,
    handler: HandlerOption = None,
    match: MatchOption = None,
    window: WindowOption = None,
    epoch_unit: EpochUnitOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    target: TargetOption = None,
    min_contacts: MinContactsOption = 20,
    output: OutputOption = None,
) -> None:
    """Tag every touchpoint with its emotional stakes and an automation verdict.

    Verdicts: automate, guarded (AI behind tested escalation), assist (a human decides, AI
    helps), human-only (never automate). "fit" compares the verdict with how each touchpoint
    is handled today: OVER means AI handles what it should not (the verdict asks for a
    person, or a guarded moment has no way to one).

    Examples:

    \b
      stakes map journeys/
      stakes map journeys/ --only misaligned --sort stakes
      stakes map journeys/ --format csv -o stakes.csv
      stakes map journeys/ --evidence contacts.csv --only misaligned
    """
    from stakes.app.assess import MapRequest
    from stakes.app.assess import map_ as map_job

    columns = merged("--evidence-map", legacy_map, column)
    source = log_source(
        evidence,
        columns,
        window,
        min_contacts,
        handler,
        epoch_unit,
        match,
        since=since,
        until=until,
        target=target,
    )
    inputs = _request(paths, policy, as_of, config, isolated, source)
    request = MapRequest(inputs, only.value, sort.value, fail_on_misaligned)
    with progress("assessing") as bar:
        outcome = run(map_job, request, bar)
    show(outcome, "map", format, output)
    raise typer.Exit(outcome.exit_code)


@app.command(short_help="The markdown report for the people who decide.")
def report(
    paths: PathsArgument = None,
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="md: for people; html: one page, charts; json: tools."),
    ] = "md",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to this file (atomically) instead of stdout.",
        ),
    ] = None,
    title: Annotated[str, typer.Option(metavar="TEXT", help="The report's title.")] = (
        "Stakes report"
    ),
    fail_on_misaligned: FailOnMisaligned = False,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Report without the files that cannot be read, named in a banner at the top "
            "(exit code 1).",
        ),
    ] = False,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    evidence: EvidenceLogOption = None,
    column: ColumnOption = None,
    legacy_map: Annotated[list[str] | None, renamed("--evidence-map", "--column")] = None,
    handler: HandlerOption = None,
    match: MatchOption = None,
    window: WindowOption = None,
    epoch_unit: EpochUnitOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    target: TargetOption = None,
    min_contacts: MinContactsOption = 20,
) -> None:
    """Write the markdown report for the people who decide what a bot may do.

    The top actions first; then each moment once, in the section where it matters most:
    what must never be automated, what AI handles against its verdict, escalation gaps and
    loops, under-automated moments, overrides, compliance with the law of each jurisdiction
    the journeys serve, how customer data is used; a chart of verdicts, the method, and every
    touchpoint in a folded appendix. --format html writes the same as one self-contained
    page, with a stakes curve per journey and a heat map, for e-mail and print.

    The same inputs give the same bytes. If any journey cannot be read, no report is written
    (a report that silently leaves out a journey would mislead) and the exit code is 2; with
    --skip-invalid the report is written without those files, names them in a banner at the
    top, and the exit code is 1.

    Examples:

    \b
      stakes report journeys/ -o stakes-report.md
      stakes report journeys/ --skip-invalid -o stakes-report.md
      stakes report journeys/ --title "Q1 review" --policy team-policy.yaml
      stakes report journeys/ --format html -o stakes-report.html
      stakes report journeys/ --format json -o stakes-report.json
    """
    from stakes.app.assess import ReportRequest
    from stakes.app.assess import report as report_job

    columns = merged("--evidence-map", legacy_map, column)
    source = log_source(
        evidence,
        columns,
        window,
        min_contacts,
        handler,
        epoch_unit,
        match,
        since=since,
        until=until,
        target=target,
    )
    inputs = _request(paths, policy, as_of, config, isolated, source)
    with progress("assessing") as bar:
        request = ReportRequest(inputs, title, fail_on_misaligned, skip_invalid)
        outcome = run(report_job, request, bar)
    show(outcome, "report", format, output)
    raise typer.Exit(outcome.exit_code)


@app.command(short_help="Why a touchpoint got its stakes and its verdict.")
def explain(
    target: Annotated[
        str,
        typer.Argument(
            metavar="TARGET",
            help="FILE#TOUCHPOINT, a FILE (each of its touchpoints), or JOURNEY/TOUCHPOINT.",
        ),
    ],
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH", help="Where to look up a JOURNEY/TOUCHPOINT (default: paths)."
        ),
    ] = None,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Explain why a touchpoint got its stakes and its verdict.

    Its score factor by factor, the level, the matrix cell, the hard rules that fired and the
    override, so a reviewer can see why it is (say) human-only. Name it as FILE#TOUCHPOINT,
    or by the JOURNEY/TOUCHPOINT key the other outputs print (looked up in PATH, or the
    configured paths); a FILE alone explains each of its touchpoints.

    Examples:

    \b
      stakes explain journeys/billing-dispute.yaml#billing-chat
      stakes explain billing-dispute/billing-chat journeys/
      stakes explain journeys/billing-dispute.yaml
    """
    from stakes.app.assess import explain as explain_job

    request = _request(paths, policy, as_of, config, isolated)
    outcome = run(explain_job, target, request)
    show(outcome, "explain", "text")
    raise typer.Exit(outcome.exit_code)


@app.command("policy", short_help="Print the policy in effect, with its digest.")
def policy_(
    policy: Annotated[
        str | None, typer.Argument(metavar="FILE", help="A policy file; default: the built-in.")
    ] = None,
) -> None:
    """Print the effective policy (after `extends: default`) as YAML, with its digest.

    Examples:

    \b
      stakes policy
      stakes policy team-policy.yaml
    """
    from stakes.app.tools import show_policy

    show(run(show_policy, policy), "policy", "yaml")
