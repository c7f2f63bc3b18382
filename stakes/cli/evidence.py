"""`stakes evidence`: what contact logs say."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from stakes.cli.options import (
    ColumnOption,
    ConfigOption,
    EpochUnitOption,
    HandlerOption,
    IsolatedOption,
    MatchOption,
    OutputOption,
    PolicyOption,
    SinceOption,
    TargetOption,
    UntilOption,
    format_choices,
    merged,
    renamed,
)
from stakes.cli.output import run, show
from stakes.cli.root import app

if TYPE_CHECKING:
    EvidenceFormat = str
else:
    EvidenceFormat = format_choices("evidence")


@app.command(short_help="Measure what a contact log says about each touchpoint.")
def evidence(
    log: Annotated[
        str, typer.Argument(metavar="LOG", help="A contact log: CSV, Parquet or JSON Lines.")
    ],
    journeys: Annotated[
        list[str],
        typer.Option(
            "--journeys", "-j", metavar="PATH", help="Journey files or folders of the contacts."
        ),
    ],
    column: ColumnOption = None,
    legacy_map: Annotated[list[str] | None, renamed("--map", "--column")] = None,
    handler: HandlerOption = None,
    match: MatchOption = None,
    input_format: Annotated[
        str | None,
        typer.Option(metavar="FORMAT", help="csv, parquet or jsonl (default: from the extension)."),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="The CSV's encoding (default: UTF-8, BOM or not)."),
    ] = None,
    window: Annotated[
        str | None,
        typer.Option(
            metavar="DURATION",
            help="Who came back, and what customers did next, within: 7d (default), 48h, 2w.",
        ),
    ] = None,
    day_first: Annotated[
        bool | None,
        typer.Option(
            "--day-first/--month-first", help="How to read 03/04/2025 (default: month first)."
        ),
    ] = None,
    epoch_unit: EpochUnitOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    target: TargetOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 2 on unreadable values or duplicate ids instead of counting them.",
        ),
    ] = False,
    format: Annotated[
        EvidenceFormat, typer.Option("--format", "-f", help="Output format.")
    ] = "table",
    policy: PolicyOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    output: OutputOption = None,
) -> None:
    """Measure what a contact log says about each touchpoint.

    Who handled the contacts, deflection, resolution that holds, customers lost quietly, bot
    then person, repeat contacts, looping customers and CSAT, per touchpoint, per journey,
    overall, per channel and per week; every rate with its 95% interval in JSON.

    Customer ids never appear in the output. Problems in the log are reported on stderr and
    counted; --strict makes them fatal. Exit codes: 0 done, 1 no contact matched a touchpoint,
    2 usage error or unusable input.

    Examples:

    \b
      stakes evidence contacts.csv --journeys journeys/
      stakes evidence tickets.csv -j examples/ --column touchpoint="Ticket Type"
      stakes evidence log.csv -j journeys/ --match "Login issue=account/login"
      stakes evidence log.csv -j journeys/ --since 2025-01-01 --until 2025-03-31
    """
    from stakes.app.evidence import EvidenceRequest, LogOptions
    from stakes.app.evidence import evidence as evidence_job

    options = LogOptions(
        mapping=tuple(merged("--map", legacy_map, column)),
        handlers=tuple(handler or ()),
        matches=tuple(match or ()),
        input_format=input_format,
        encoding=encoding,
        window=window,
        day_first=day_first,
        strict=strict,
        epoch_unit=epoch_unit,
        since=since,
        until=until,
        target=target,
    )
    request = EvidenceRequest(log, tuple(journeys), options, policy, config, isolated)
    outcome = run(evidence_job, request)
    show(outcome, "evidence", format, output)
    raise typer.Exit(outcome.exit_code)
