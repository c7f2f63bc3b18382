"""The typer application every command registers on, and its ``--version``."""

from __future__ import annotations

from typing import Annotated

import typer

from stakes.version import __version__

app = typer.Typer(
    name="stakes",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stakes {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Decide, review and test where AI may handle a customer journey and where a human must.

    Examples:

    \b
      stakes init my-journeys
      stakes lint journeys/
      stakes map journeys/ --only misaligned
      stakes report journeys/ -o stakes-report.md
    """
