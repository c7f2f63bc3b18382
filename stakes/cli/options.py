"""The options several commands share, and ``--format`` choices from the renderer registry."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

if TYPE_CHECKING:
    from stakes.app.evidence import LogSource


def format_choices(kind: str) -> type[enum.StrEnum]:
    """An enum of the formats of ``kind`` in the renderer registry (typer shows and checks it);
    the registry is read without importing a renderer."""
    from stakes.render.registry import names

    members = {name: name for name in names(kind)}
    return cast(type[enum.StrEnum], enum.StrEnum(f"{kind.title()}Format", members))


def split(values: Sequence[str] | None) -> tuple[str, ...]:
    """Repeated and comma-separated values, trimmed: ``--select STK1,STK2 --select STK4``."""
    return tuple(v.strip() for raw in values or () for v in raw.split(",") if v.strip())


PolicyOption = Annotated[
    str | None,
    typer.Option(
        "--policy", metavar="FILE", help="A policy file (YAML) replacing or extending the default."
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="The date overrides are checked against (default: today), for reproducible runs.",
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file instead of stdout (a file atomically, keeping its permissions; "
        "a device or FIFO directly).",
    ),
]
ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="A stakes.toml or pyproject.toml to use instead of the discovered one "
        "(`stakes config` shows which one is in effect).",
    ),
]
IsolatedOption = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]
PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATH",
        help="Journey files or folders (searched for *.yaml, *.yml); - for stdin. "
        "Default: the configuration's paths.",
        show_default=False,
    ),
]
EvidenceLogOption = Annotated[
    str | None,
    typer.Option(
        "--evidence",
        metavar="LOG",
        help="A contact log (CSV, Parquet, JSON Lines): compared with what the journeys "
        "declare: who handled the contacts, repeat contacts and prior contacts.",
    ),
]
ColumnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--column",
        metavar="FIELD=COLUMN",
        help='The log\'s column for a field, e.g. touchpoint="Ticket Type"; repeatable.',
    ),
]

MatchOption = Annotated[
    list[str] | None,
    typer.Option(
        "--match",
        metavar="VALUE=TOUCHPOINT",
        help="The touchpoint of a log value (a category in the touchpoint column), e.g. "
        '"Login issue=account/login-help"; repeatable; over evidence.match and the ids.',
    ),
]


def renamed(old: str, new: str) -> Any:
    """A hidden option under a name that was replaced: it still works for a release, and
    says so on stderr (see ``merged``)."""
    return typer.Option(old, hidden=True, help=f"Renamed {new}.")


#: Options renamed, and the name that replaced each (one name per idea across commands).
RENAMED = {"--map": "--column", "--evidence-map": "--column"}


def merged(old: str, legacy: Sequence[str] | None, current: Sequence[str] | None) -> list[str]:
    """The values given under an option's old and new names; a note when the old one is used."""
    if legacy:
        typer.echo(
            f"stakes: note: {old} is now {RENAMED[old]}; {old} will be removed in the next release",
            err=True,
        )
    return [*(legacy or ()), *(current or ())]


HandlerOption = Annotated[
    list[str] | None,
    typer.Option(metavar="LABEL=HANDLER", help="What a handled_by label means, e.g. Tier0=ai."),
]
WindowOption = Annotated[
    str | None,
    typer.Option(
        metavar="DURATION",
        help="The --evidence window (who came back, what they did next): 7d (default).",
    ),
]
EpochUnitOption = Annotated[
    str | None,
    typer.Option(
        metavar="UNIT",
        help="Unit of timestamps written as numbers: s, ms, us or ns (default: from their size).",
    ),
]
MinContactsOption = Annotated[
    int,
    typer.Option(
        min=1,
        metavar="N",
        help="Use observed signals only where the log has at least N contacts (N >= 1).",
    ),
]


SinceOption = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Only contacts from this date or time (inclusive)."),
]
UntilOption = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Only contacts up to this date or time (inclusive)."),
]
TargetOption = Annotated[
    str | None,
    typer.Option(
        metavar="DURATION",
        help="How soon a customer a bot passes on should reach a person: 3m (default).",
    ),
]


def log_source(
    evidence: str | None,
    columns: list[str],
    window: str | None,
    min_contacts: int,
    handlers: list[str] | None,
    epoch_unit: str | None,
    matches: list[str] | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    target: str | None = None,
) -> LogSource | None:
    """``--evidence LOG`` and how to read it (None: no log)."""
    if evidence is None:
        return None
    from stakes.app.evidence import LogSource  # only with a log: start-up time

    labels = tuple(handlers or ())
    return LogSource(
        evidence,
        tuple(columns),
        window,
        min_contacts,
        labels,
        epoch_unit=epoch_unit,
        matches=tuple(matches or ()),
        since=since,
        until=until,
        target=target,
    )
