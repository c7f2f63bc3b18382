"""`stakes import`: journeys from the forms teams already keep them in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from stakes.cli.output import emit, fail, run
from stakes.cli.root import app
from stakes.shown import MESSAGE_LIMIT, shown

if TYPE_CHECKING:
    from stakes.interchange.draft import Options

imports = typer.Typer(
    name="import",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(
    imports,
    name="import",
    short_help="Start journeys from Mermaid, spreadsheets, blueprints, intents.",
)

FilesArgument = Annotated[
    list[str],
    typer.Argument(metavar="FILE...", help="The files to import ('-' reads standard input)."),
]
ImportOutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="A folder to write one JOURNEY.yaml per journey in (made if missing), or a "
        ".yaml file for one journey (default: stdout).",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace journey files that already exist.")
]
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner", metavar="TEAM", help="The team accountable for the journeys (their owner)."
    ),
]


@imports.callback()
def _import() -> None:
    """Start journey files from the forms teams already keep journeys in.

    Each journey is checked as lint reads it and written to a new file (an existing one only
    with --force); a value that cannot be used is an error at its line and column in the
    input, and that journey is not written. What the input does not say is left for the
    analyst, marked TODO: every touchpoint stays unassessed until its signals say what is at
    stake, and lint lists them. Guesses (who handles a step, its channel) are marked
    'guessed'.

    Examples:

    \b
      stakes import mermaid docs/journeys.md -o journeys/
      stakes import csv journey-map.csv -o journeys/ --owner billing-cx
    """


@imports.command("mermaid", short_help="Mermaid journey diagrams (.mmd, or ```mermaid in .md).")
def mermaid(
    files: FilesArgument,
    output: ImportOutputOption = None,
    force: ForceOption = False,
    owner: OwnerOption = None,
) -> None:
    """Import Mermaid journey diagrams: a .mmd file, or each ```mermaid journey block of a
    markdown file, becomes one journey.

    Sections become stages and tasks touchpoints (ids from their names, names kept as
    titles). Who handles each step is guessed from its actors (System, Bot, AI, Assistant:
    ai; Agent, Advisor, Support, Team or another role: human; both: hybrid; the customer's
    own step: self-service, unless its name says 'AI' or 'agent') and the channel from its
    words, each marked 'guessed'. Mermaid's 1-5 score is satisfaction, not what is at stake:
    it is kept in the description, never made an emotion. A diagram Mermaid would refuse is
    an error at its line; the others are still imported.

    Examples:

    \b
      stakes import mermaid journey.mmd -o journeys/
      stakes import mermaid docs/*.md -o journeys/ --owner support-cx
      stakes import mermaid journey.mmd > journeys/onboarding.yaml
    """
    from stakes.interchange.draft import Options

    _run("mermaid", files, output, force, Options(owner=owner))


@imports.command("csv", short_help="Spreadsheet journey maps (.csv, .xlsx), a row per touchpoint.")
def csv_(
    files: FilesArgument,
    output: ImportOutputOption = None,
    force: ForceOption = False,
    owner: OwnerOption = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            metavar="FIELD=HEADER",
            help="The header of the column that holds FIELD, when it is not one stakes knows "
            "(repeat it): --column touchpoint='Customer step'.",
        ),
    ] = None,
) -> None:
    """Import spreadsheet journey maps: a CSV file (comma, semicolon or tab separated) or the
    first sheet of an Excel workbook (.xlsx, with pip install 'stakes[xlsx]'), one row per
    touchpoint.

    Columns are found by the names stakes export csv writes and by the names journey-mapping
    tools give them (Stage or Phase, Touchpoint or Step, Channel, Owner or Handled by,
    Emotion or Feeling: docs/import.md lists them all), or as --column says. Values are read
    as lint's hints read them (worried is anxious, portal is web), each such value noted. A
    column stakes does not know goes into the touchpoint's description, so nothing is lost.
    A value that cannot be used is an error at its line and column (the column counted from
    1, as A is 1), and its journey is not written.

    Examples:

    \b
      stakes import csv journey-map.csv -o journeys/
      stakes import csv map.xlsx --column touchpoint='Customer step' -o journeys/
      stakes import csv map.csv -o journeys/ --force
    """
    from stakes.interchange.draft import Options

    told = []
    for said in column or ():
        field, sep, header = said.partition("=")
        if not sep or not field.strip() or not header.strip():
            fail(f"--column {said!r}: write FIELD=HEADER, e.g. --column touchpoint='Step'")
        told.append((field.strip(), header.strip()))
    _run("csv", files, output, force, Options(owner=owner, columns=tuple(told)))


def _run(kind: str, files: list[str], output: str | None, force: bool, options: Options) -> None:
    """Import, say on stderr what was written and what was not, print to stdout the journeys
    that go there, and exit with the import's code."""
    from stakes.app.imports import ImportRequest, run_import

    request = ImportRequest(kind, tuple(files), output, force, options)
    outcome = run(run_import, request)
    for line in outcome.messages:
        typer.echo(shown(line, MESSAGE_LIMIT), err=True)
    if outcome.document is not None and outcome.document.journeys:
        emit(outcome.document.text, None)
    raise typer.Exit(outcome.exit_code)
