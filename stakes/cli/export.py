"""`stakes export`: what the journeys say, in the forms other teams keep it in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from stakes.cli.options import (
    AsOfOption,
    ConfigOption,
    IsolatedOption,
    OutputOption,
    PathsArgument,
    PolicyOption,
    format_choices,
)
from stakes.cli.output import run, show
from stakes.cli.root import app
from stakes.cli.terminal import progress

if TYPE_CHECKING:
    DataUseFormat = str
else:
    DataUseFormat = format_choices("data_use")

export = typer.Typer(
    name="export",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(
    export, name="export", short_help="Write what the journeys say for other teams' records."
)


@export.callback()
def _export() -> None:
    """Write what the journeys say in the forms other teams keep it in.

    Examples:

    \b
      stakes export data-use journeys/ -o data-use.csv
    """


@export.command("data-use", short_help="How each moment uses customer data (CSV, JSON).")
def data_use(
    paths: PathsArgument = None,
    format: Annotated[
        DataUseFormat,
        typer.Option("--format", "-f", help="csv: for a spreadsheet; json: for tools."),
    ] = "csv",
    output: OutputOption = None,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Write how each moment uses customer data, for a privacy team's records.

    One row per touchpoint and data category: who handles and decides it, its verdict, the
    data's purposes, sources, lawful basis, Art. 9(2) condition or Art. 10 basis, processors,
    whether it trains models, the notice, the opt-out and the retention, the jurisdictions,
    and the data-use rules it fails (STK611-STK616), as lint shows them (the configuration's
    select, ignore and severity, and the journeys' # stakes: ignore comments, apply). Paste it
    into your records of processing (GDPR Art. 30) or a DPIA. A cell a spreadsheet would run
    as a formula starts with a '. If any journey cannot be read, nothing is written and the
    exit code is 2.

    Examples:

    \b
      stakes export data-use journeys/ -o data-use.csv
      stakes export data-use journeys/ --format json -o data-use.json
    """
    from stakes.app.assess import AssessRequest
    from stakes.app.export import data_use as data_use_job

    request = AssessRequest(tuple(paths or ()), policy, as_of, config, isolated)
    with progress("assessing") as bar:
        outcome = run(data_use_job, request, bar)
    show(outcome, "data_use", format, output)
    raise typer.Exit(outcome.exit_code)


@export.command("csv", short_help="The journeys as a spreadsheet, as stakes import csv reads.")
def csv_(
    paths: PathsArgument = None,
    output: OutputOption = None,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Write the journeys as a spreadsheet journey map: one row per touchpoint, a column per
    field (docs/import.md lists them), in the layout stakes import csv reads back, so that a
    team can keep its journeys in a journey-mapping tool and round-trip them. Only what a
    journey says is written; a cell a spreadsheet would run as a formula starts with a '. If
    any journey cannot be read, nothing is written and the exit code is 2.

    Examples:

    \b
      stakes export csv journeys/ -o journeys.csv
      stakes import csv journeys.csv -o journeys/ --force
    """
    _journeys("csv", paths, output, policy, as_of, config, isolated)


@export.command("mermaid", short_help="Mermaid journey diagrams with each moment's verdict.")
def mermaid(
    paths: PathsArgument = None,
    output: OutputOption = None,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Write each journey as a Mermaid journey diagram, in markdown for docs and wikis (a
    heading and a ```mermaid block per journey). Stages are sections, touchpoints tasks; each
    task ends with its verdict in brackets, its actor is who handles it today (AI, Agent,
    Customer), and its score comes from the stakes: 5 below a stakes score of 20, one less
    per 20 points, 1 from 80 (a sad face where most is at stake, not satisfaction).

    Examples:

    \b
      stakes export mermaid journeys/ -o docs/journeys.md
      stakes export mermaid journeys/billing-dispute.yaml
    """
    _journeys("mermaid", paths, output, policy, as_of, config, isolated)


def _journeys(
    format: str,
    paths: list[str] | None,
    output: str | None,
    policy: str | None,
    as_of: str | None,
    config: str | None,
    isolated: bool,
) -> None:
    from stakes.app.assess import AssessRequest
    from stakes.app.export import journeys

    request = AssessRequest(tuple(paths or ()), policy, as_of, config, isolated)
    with progress("assessing") as bar:
        outcome = run(journeys, request, bar)
    show(outcome, "journeys", format, output)
    raise typer.Exit(outcome.exit_code)
