"""`stakes schema`, `rules` and `init`: the format, the rules, a starting point."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from stakes.cli.options import OutputOption, PolicyOption
from stakes.cli.output import run, show
from stakes.cli.root import app
from stakes.cli.terminal import width


@app.command(short_help="Print the JSON Schema of the journey format.")
def schema(
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of the journey format, for editors and other validators.

    Examples:

    \b
      stakes schema -o schema/journey.schema.json
      then start a journey file with
      # yaml-language-server: $schema=../schema/journey.schema.json
    """
    from stakes.app.tools import schema as schema_job

    show(run(schema_job), "schema", "json", output)


@app.command(short_help="Start a journeys repository with CI.")
def init(
    folder: Annotated[
        str, typer.Argument(metavar="DIR", help="Where to start (default: here).")
    ] = ".",
    install: Annotated[
        str | None,
        typer.Option(
            metavar="REQUIREMENT",
            help="What the CI workflow installs (default: this very version of stakes).",
        ),
    ] = None,
) -> None:
    """Start a journeys repository: a starter journey, the schema, a config and a CI workflow.

    Writes journeys/order-question.yaml, schema/journey.schema.json, stakes.toml and
    .github/workflows/stakes.yml. Nothing that exists is overwritten. The workflow installs
    exactly the stakes that wrote it (stakes==VERSION, or the git commit it was installed
    from), so CI never picks up other rules unasked.

    Examples:

    \b
      stakes init my-journeys && cd my-journeys && stakes lint
      stakes init --install "stakes @ git+https://github.com/acme/stakes@v0.1.0"
    """
    from stakes.app.tools import init as init_job

    done = run(init_job, folder, install)
    for item in done.document or ():
        verb = "wrote" if item.created else "kept existing"
        typer.echo(f"{verb:>13} {item.path}")
    for note in done.messages:
        typer.echo(note)


@app.command(short_help="List the rules, or explain one.")
def rules(
    rule: Annotated[
        str | None,
        typer.Argument(metavar="CODE|NAME", help="Document one rule, by code or name."),
    ] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the whole reference as markdown.")
    ] = False,
    policy: PolicyOption = None,
) -> None:
    """List the rules stakes checks, or explain one: why it matters and how to fix it. The
    jurisdictions' rule packs (the policy's) are listed after the rules; name one to see its
    rules, their settings and the law they cite.

    Examples:

    \b
      stakes rules
      stakes rules STK007
      stakes rules unknown-key
      stakes rules eu
      stakes rules --policy team-policy.yaml es
    """
    from stakes.app.tools import rules as rules_job
    from stakes.render import rules as words

    document = run(rules_job, None if markdown else rule, policy).document
    assert document is not None
    found, effective = document.rules, document.policy
    if document.pack is not None:
        sys.stdout.write(words.pack_document(document.pack, effective.packs[document.pack]))
    elif markdown:
        sys.stdout.write(words.reference(found, effective))
    elif rule is None:
        sys.stdout.write(words.listing(found, width()) + words.packs_listing(effective, width()))
    else:
        sys.stdout.write(words.document(found[0]) + words.rule_packs(found[0], effective))
