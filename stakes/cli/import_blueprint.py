"""`stakes import blueprint`: service blueprints (the JSON IR) as journeys."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from stakes.cli.imports import (
    FilesArgument,
    ForceOption,
    ImportOutputOption,
    OwnerOption,
    _run,
    imports,
)
from stakes.cli.output import fail

#: A language tag as the IR writes one: ``en``, ``zh``, ``zh-Hant``.
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")

LanguageOption = Annotated[
    str,
    typer.Option(
        "--language",
        metavar="LANG",
        help="The language of the blueprint's text to read (en, zh...); text without it is "
        "read in another it has.",
    ),
]


@imports.command("blueprint", short_help="Service blueprints (the JSON IR): one journey a path.")
def blueprint(
    files: FilesArgument,
    output: ImportOutputOption = None,
    force: ForceOption = False,
    owner: OwnerOption = None,
    language: LanguageOption = "en",
) -> None:
    """Import service blueprints (the JSON IR of agentic-service-blueprinting): each path of
    each scenario (as designed, as done...) becomes one journey.

    The path's steps, in its order, become stages, and the customer's cells (the
    customer_actions lane) touchpoints; at a step with no customer cell, a frontstage cell
    is the touchpoint. A step with neither is not a stage: what its lanes say goes into the
    description of the touchpoint before it. The channel is guessed from the cell's words
    and form and the frontstage technology of its step; who handles it from that
    technology (a portal: self-service; a hotline: human; a bot: ai); decided_by only where
    a step's words say a decision is taken (triage, approve), from who works there; an
    escalation only where a trigger hands the customer's step to people. Each guess is
    marked 'guessed' with the cell it comes from. Text that is not JSON, or JSON that is
    not this IR, is an error at its line and column, named by its JSON path.

    Examples:

    \b
      stakes import blueprint blueprint/ir.json -o journeys/
      stakes import blueprint ir.json -o journeys/ --owner city-311
      stakes import blueprint ir.json --language zh > repair.yaml
    """
    from stakes.interchange.draft import Options

    if not LANGUAGE.fullmatch(language):
        fail(f"--language {language!r} is not a language tag such as en, zh or zh-Hant")
    _run("blueprint", files, output, force, Options(owner=owner, language=language))
