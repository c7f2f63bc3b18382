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
