"""`stakes import intents`: a bot's intent catalogue as a journey of the bot's moments."""

from __future__ import annotations

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

GroupByOption = Annotated[
    str | None,
    typer.Option(
        "--group-by",
        metavar="prefix|FILE",
        help="One touchpoint per group of intents: prefix groups them by the first word of "
        "their names (card_arrival, card_linking: card); FILE is a CSV of intent,group.",
    ),
]


@imports.command("intents", short_help="A bot's intent catalogue (CSV of utterance, intent).")
def intents(
    files: FilesArgument,
    output: ImportOutputOption = None,
    force: ForceOption = False,
    owner: OwnerOption = None,
    group_by: GroupByOption = None,
) -> None:
    """Import a bot's intent catalogue: each file becomes one journey of the bot's moments,
    a touchpoint per intent, or per group of intents with --group-by.

    A catalogue is a CSV of utterances and their intents, found by their headers (text,
    utterance, example or query; intent, category or label), a list of intents (one a line,
    or a CSV with only an intent column), or a JSON list of intent names. Each touchpoint is
    a chat the bot handles (both marked 'guessed'); its description keeps the intent's name,
    how many utterances it has and three of them. Its signals are left to you: it stays
    unassessed, with a TODO above its description that suggests signals from a documented
    lexicon of cues in its utterances (stolen, fraud, still hasn't, declined, bereavement,
    amounts...), commented out, each with its evidence: the cue, its words and how many
    utterances had it. Uncomment what you accept. A cue counts when at least a tenth of an
    intent's utterances, and two, have it; an intent without utterances is read by its
    name.

    Examples:

    \b
      stakes import intents banking77/train.csv -o journeys/
      stakes import intents intents.csv --group-by prefix --owner bot-cx
      stakes import intents intents.csv --group-by groups.csv > bot.yaml
    """
    from stakes.interchange.draft import Options

    _run("intents", files, output, force, Options(owner=owner, group_by=group_by))
