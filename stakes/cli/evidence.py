"""`stakes evidence`: what contact logs say."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from stakes.cli._common import (
    OutputOption,
    PolicyOption,
    _emit,
    _fail,
    _use_color,
    _width,
    app,
)


class EvidenceFormat(enum.StrEnum):
    """Output formats of ``stakes evidence``."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


@app.command()
def evidence(
    log: Annotated[
        str, typer.Argument(metavar="LOG", help="A contact log: CSV, Parquet or JSON Lines.")
    ],
    journeys: Annotated[
        list[str],
        typer.Option("--journeys", "-j", help="Journey files or folders the contacts belong to."),
    ],
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help='The log\'s column for a field, e.g. touchpoint="Ticket Type".',
        ),
    ] = None,
    handler: Annotated[
        list[str] | None,
        typer.Option(metavar="LABEL=HANDLER", help="What a handled_by label means, e.g. Tier0=ai."),
    ] = None,
    input_format: Annotated[
        str | None, typer.Option(help="csv, parquet or jsonl (default: from the extension).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="The CSV's encoding (default: UTF-8, with or without BOM).")
    ] = None,
    window: Annotated[
        str | None, typer.Option(help="Repeat-contact window: 7d (default), 48h, 2w ...")
    ] = None,
    day_first: Annotated[
        bool | None,
        typer.Option(
            "--day-first/--month-first", help="How to read 03/04/2025 (default: month first)."
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(help="Exit 2 on unreadable values or duplicate ids instead of counting them."),
    ] = False,
    format: Annotated[
        EvidenceFormat, typer.Option("--format", "-f", help="Output format.")
    ] = EvidenceFormat.table,
    policy: PolicyOption = None,
    output: OutputOption = None,
) -> None:
    """Measure what a contact log says about each touchpoint.

    AI share, deflection, resolution, deflected-but-unresolved, repeat contacts, looping
    customers, escalation and CSAT, per touchpoint, per journey and overall.

    Customer ids never appear in the output. Problems in the log are reported on stderr and
    counted; --strict makes them fatal. Exit codes: 0 done, 2 usage error or unusable input.

    [bold]Examples[/bold]

      stakes evidence contacts.csv --journeys journeys/

      stakes evidence tickets.csv -j examples/ --map touchpoint="Ticket Type" --format md
    """
    from stakes.evidence.command import run
    from stakes.evidence.model import LogError

    try:
        outcome = run(
            log,
            journeys,
            mapping=map_ or [],
            handlers=handler or [],
            input_format=input_format,
            encoding=encoding,
            window=window,
            strict=strict,
            day_first=day_first,
            policy=policy,
            fmt=format.value,
            width=_width(),
            color=output is None and _use_color(),
        )
    except LogError as exc:
        _fail(str(exc))
    for line in outcome.messages:
        typer.echo(line, err=True)
    _emit(outcome.text, output, outcome.inputs)
    raise typer.Exit(outcome.exit_code)
