"""``stakes import intents``: a bot's intent catalogue as a journey skeleton of the bot's
moments, one touchpoint per intent (or per group of intents, ``--group-by``).

Each touchpoint is what customers ask the bot for: its id and title come from the intent's
name (``lost_or_stolen_card``: ``lost-or-stolen-card``, "Lost or stolen card"), its channel
is ``chat`` and its handler ``ai`` (both marked guessed), and its description keeps the
intent's name, how many utterances it has and a few of them. Its signals are left to the
analyst: the touchpoint stays unassessed (lint's STK404), with a to-do holding the signals
its utterances suggest (``suggest``), commented out, each with its evidence. A catalogue
without utterances is read by the intents' names.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from stakes.interchange.catalogue import Catalogue, Intent, groups_of, name_words, read_catalogue
from stakes.interchange.draft import Draft, Ids, Options, Problem, one_line, slug_of
from stakes.interchange.suggest import group_todo, todo
from stakes.shown import shown

#: The most touchpoints one imported journey may have (group the intents beyond it).
MAX_TOUCHPOINTS = 2_000
#: How many utterances a description quotes, and how much of each.
EXAMPLES = 3
EXAMPLE_LIMIT = 100
#: How many of a group's intents its description names.
LISTED = 20
#: How long a title made from a name may be.
TITLE_LIMIT = 200
#: The stage that holds the bot's moments.
STAGE = {"id": "bot-moments", "title": "The bot's moments"}
#: A run of digits long enough to be a card or account number: not quoted.
_NUMBER = re.compile(r"\d(?:[ -]?\d){7,}")


def read(data: bytes, file: str, options: Options) -> tuple[list[Draft], list[Problem]]:
    """The catalogue in ``data`` as one journey draft, or the problems that stop it."""
    catalogue, problems = read_catalogue(data, file)
    if catalogue is None:
        return [], problems
    grouped, problems = groups_of(catalogue, options.group_by)
    if problems:
        return [], problems
    units = _units(catalogue, grouped)
    if len(units) > MAX_TOUCHPOINTS:
        why = (
            f"{len(units):,} touchpoints to make, more than the {MAX_TOUCHPOINTS:,} one journey "
            "may have: group the intents (--group-by prefix, or --group-by FILE of intent,group)"
        )
        return [], [Problem(file, 1, 1, why)]
    return [draft(catalogue, units, options, grouped)], []


def _units(catalogue: Catalogue, grouped: dict[str, str]) -> list[tuple[str, list[Intent]]]:
    """The touchpoints to make: each group's name and intents (a group of one is that
    intent's own), and each intent in no group; in the order they first appear."""
    units: dict[str, tuple[str, list[Intent]]] = {}
    for intent in catalogue.intents.values():
        group = grouped.get(intent.name)
        key = f"group:{group}" if group is not None else f"intent:{intent.name}"
        units.setdefault(key, (group or "", []))[1].append(intent)
    return [(name if len(members) > 1 else "", members) for name, members in units.values()]


def title_of(name: str) -> str:
    """An intent's name in words, as a title: ``lost_or_stolen_card`` is "Lost or stolen
    card" (a word in capitals, ``ATM``, is kept)."""
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in name_words(one_line(name))]
    text = " ".join(words) or one_line(name) or "Intent"
    text = text[:1].upper() + text[1:]
    return text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1] + "…"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def draft(
    catalogue: Catalogue,
    units: list[tuple[str, list[Intent]]],
    options: Options,
    grouped: dict[str, str] | None = None,
) -> Draft:
    """The journey of a catalogue's ``units`` (each a group's name, or "", and its intents)."""
    file = catalogue.file
    stem = PurePath(file).stem
    title = title_of(stem) if stem and stem != "<stdin>" else "Intents"
    data: dict[str, Any] = {"journey": slug_of(title, "intents"), "title": title}
    if options.owner:
        data["owner"] = options.owner
    intents, utterances = len(catalogue.intents), catalogue.utterances
    said = f"{intents:,} intent{'s' * (intents != 1)}" + (
        f", {utterances:,} utterances" if catalogue.with_utterances else ""
    )
    data["description"] = f"The moments of a bot, from its intent catalogue ({said})."
    result = Draft(data, file, 1)
    result.header = _header(catalogue, said, options, grouped or {})
    ids = Ids()
    touchpoints: list[dict[str, Any]] = []
    for name, members in units:
        path = ("stages", 0, "touchpoints", len(touchpoints))
        first = members[0]
        tp_title = _capital(one_line(name)[:TITLE_LIMIT]) if name else title_of(first.name)
        touchpoints.append(
            {
                "id": ids(tp_title, f"intent-{len(touchpoints) + 1}"),
                "title": tp_title,
                "channel": "chat",
                "handled_by": "ai",
                "description": _described(members),
            }
        )
        result.origin[path] = (first.line, first.column)
        result.notes[(*path, "channel")] = (
            "guessed: an intent is what customers say to a bot; a voice bot's is phone"
        )
        result.notes[(*path, "handled_by")] = "guessed: an intent is a moment the bot handles"
        result.todo[(*path, "description")] = _suggested(members)
    data["stages"] = [{**STAGE, "touchpoints": touchpoints}]
    return result


def _header(
    catalogue: Catalogue, said: str, options: Options, grouped: dict[str, str]
) -> list[str]:
    name = PurePath(catalogue.file).name
    lines = [
        f"Imported by stakes import intents from {name} ({said}).",
        "Each touchpoint is a moment of the bot: an intent, or a group of them (--group-by);",
        "its channel and handler are guessed (chat, ai): check them.",
        "Each stays unassessed until its signals say what is at stake; lint lists them. The",
        "TODO above each description suggests signals from cues in its utterances (or its",
        "name), each with its evidence: the cue, the words heard and in how many utterances.",
        "Uncomment what you accept. The cues and how they suggest: docs/import.md.",
    ]
    if catalogue.unnamed:
        shown_lines = ", ".join(map(str, catalogue.unnamed[:10]))
        more = ", ..." if len(catalogue.unnamed) > 10 else ""
        n = len(catalogue.unnamed)
        lines.append(
            f"{n} row{'s' * (n != 1)} without an intent left out "
            f"(line{'s' * (n != 1)} {shown_lines}{more})."
        )
    if catalogue.unread:
        lines.append(f"Columns not read: {', '.join(catalogue.unread[:10])}.")
    if options.group_by and options.group_by != "prefix":
        alone = sum(1 for name in catalogue.intents if name not in grouped)
        unknown = sum(1 for name in grouped if name not in catalogue.intents)
        if alone:
            lines.append(f"{alone} intents are in no group of {options.group_by}: each is its own.")
        if unknown:
            lines.append(
                f"{options.group_by} names {unknown} intents this catalogue does not have."
            )
    if not options.owner:
        lines.append("TODO: add owner: the team accountable for this journey.")
    return lines


def _described(members: list[Intent]) -> str:
    """The intents of a touchpoint, how many utterances they have and a few of them."""
    count = sum(len(i.utterances) for i in members)
    if len(members) == 1:
        which = f"Intent {_name(members[0].name)}"
    else:
        listed = ", ".join(f"{_name(i.name)} ({len(i.utterances)})" for i in members[:LISTED])
        more = f" and {len(members) - LISTED} more" if len(members) > LISTED else ""
        which = f"Intents {listed}{more}"
    if not count:
        return f"{which}: no utterances given."
    examples = []
    for intent in members:
        for utterance in intent.utterances:
            quoted = _example(utterance)
            if quoted and quoted not in examples:
                examples.append(quoted)
            if len(examples) == EXAMPLES:
                break
        if len(examples) == EXAMPLES:
            break
    quoted = "; ".join(f'"{e}"' for e in examples)
    return f"{which}: {count:,} utterance{'s' * (count != 1)}, e.g. {quoted}."


def _name(name: str) -> str:
    return shown(name, EXAMPLE_LIMIT)


def _example(utterance: str) -> str:
    """An utterance as quoted: one line, controls made visible, long numbers masked, cut."""
    return shown(_NUMBER.sub("[number]", one_line(utterance)), EXAMPLE_LIMIT)


def _suggested(members: list[Intent]) -> str:
    """The to-do of a touchpoint: the signals its utterances (else its names) suggest."""
    if any(i.utterances for i in members):
        return group_todo([(i.name, i.utterances) for i in members if i.utterances])
    return todo([" ".join(name_words(i.name)) for i in members], names=True)
