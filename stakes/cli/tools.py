"""`stakes schema`, `rules` and `init`: the format, the rules, a starting point."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass

from stakes.cli._common import (
    OutputOption,
    _emit,
    _fail,
    app,
)


@app.command()
def schema(
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of the journey format, for editors and other validators.

    [bold]Example[/bold]

      stakes schema -o schema/journey.schema.json

    then start a journey file with
    # yaml-language-server: $schema=../schema/journey.schema.json
    """
    from stakes.journey.model import json_schema

    _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output, [])


@app.command()
def init(
    folder: Annotated[
        str, typer.Argument(metavar="[DIR]", help="Where to start (default: here).")
    ] = ".",
) -> None:
    """Start a journeys repository: a starter journey, the schema, a config and a CI workflow.

    Writes journeys/order-question.yaml, schema/journey.schema.json, stakes.toml and
    .github/workflows/stakes.yml. Nothing that exists is overwritten.

    [bold]Example[/bold]

      stakes init my-journeys && cd my-journeys && stakes lint
    """
    from pathlib import Path

    from stakes.app.starter import init as run_init

    try:
        written = run_init(Path(folder))
    except OSError as exc:
        _fail(f"{folder}: cannot write: {exc.strerror or exc}")
    for item in written:
        verb = "wrote" if item.created else "kept existing"
        typer.echo(f"{verb:>13} {item.path}")


@app.command()
def rules(
    rule: Annotated[
        str | None,
        typer.Argument(metavar="[CODE|NAME]", help="Document one rule, by code or name."),
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the whole reference as markdown.")
    ] = False,
) -> None:
    """List the rules stakes checks, or explain one: why it matters and how to fix it.

    [bold]Examples[/bold]

      stakes rules

      stakes rules STK007

      stakes rules unknown-key
    """
    from stakes.linter.catalogue import all_rules, find_rule, rules_markdown

    if markdown:
        sys.stdout.write(rules_markdown())
        return
    if rule is None:
        for r in all_rules():
            typer.echo(f"{r.code}  {r.name:<32} {r.severity.label:<8} {r.summary}")
        return
    found = find_rule(rule)
    if found is None:
        _fail(f"no rule {rule!r}; 'stakes rules' lists them all")
    typer.echo(f"{found.code} {found.name} ({found.severity.label})\n\n{found.summary}\n")
    if found.doc:
        typer.echo(found.doc.strip())
