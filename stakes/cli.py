"""The command line: each command parses its options and calls the library. Only module that
imports typer."""

from __future__ import annotations

import enum
import json
import os
import sys
from typing import Annotated, NoReturn

import typer

from stakes import __version__

app = typer.Typer(
    name="stakes",
    help="Decide, review and test where AI may handle a customer journey and where a human must.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class LintFormat(enum.StrEnum):
    """Output formats of ``stakes lint``."""

    text = "text"
    json = "json"
    github = "github"


class FailOn(enum.StrEnum):
    """The severity at or above which ``stakes lint`` exits 1."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _fail(message: str) -> NoReturn:
    typer.echo(f"stakes: error: {message}", err=True)
    raise typer.Exit(2)


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _emit(text: str, output: str | None, inputs: list[str]) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from stakes.output import OutputError, write_atomic

    try:
        write_atomic(output, text, inputs)
    except OutputError as exc:
        _fail(str(exc))


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
    """Decide, review and test where AI may handle a customer journey and where a human must."""


@app.command()
def lint(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Journey files or folders (searched recursively for *.yaml, *.yml); - for stdin.",
            show_default=False,
        ),
    ],
    format: Annotated[
        LintFormat, typer.Option("--format", "-f", help="Output format.")
    ] = LintFormat.text,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding is at least this severe.")
    ] = FailOn.error,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
    stdin_filename: Annotated[
        str, typer.Option(help="The name to report for a journey read from stdin (-).")
    ] = "<stdin>",
) -> None:
    """Check journey files: syntax, keys, types, values, ids and escalation targets.

    Every finding has a rule code and name, a severity, file:line:col and a hint.
    Exit codes: 0 no finding at --fail-on, 1 findings, 2 usage error or unreadable input.

    [bold]Examples[/bold]

      stakes lint journeys/

      stakes lint journeys/ --format github --fail-on warning

      cat billing.yaml | stakes lint - --stdin-filename billing.yaml
    """
    from stakes.lint import lint as run_lint
    from stakes.lint import parse_fail_on
    from stakes.loader import HAS_LIBYAML

    if not HAS_LIBYAML:
        typer.echo(
            "stakes: warning: PyYAML has no libyaml here; reading is about 9x slower", err=True
        )
    result = run_lint(paths, stdin_name=stdin_filename)
    for error in result.errors:
        typer.echo(f"stakes: error: {error}", err=True)
    if format is LintFormat.json:
        from stakes.render.lint_json import render_json

        text = render_json(result)
    elif format is LintFormat.github:
        from stakes.render.lint_github import render_github

        text = render_github(result)
    else:
        from stakes.render.lint_text import render_text

        text = render_text(result, color=output is None and _use_color())
    _emit(text, output, [*paths, *result.files])
    raise typer.Exit(result.exit_code(parse_fail_on(fail_on.value)))


@app.command()
def schema(
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
) -> None:
    """Print the JSON Schema of the journey format, for editors and other validators.

    [bold]Example[/bold]

      stakes schema -o schema/journey.schema.json

    then start a journey file with
    # yaml-language-server: $schema=../schema/journey.schema.json
    """
    from stakes.model import json_schema

    _emit(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", output, [])


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
    from stakes.rules import all_rules, find_rule, rules_markdown

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


def main() -> None:
    """Run the command line; user errors never show a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("stakes: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (e.g. `stakes lint ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
