"""What every command shares: the typer app, options, input, output and exit codes."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from stakes.version import __version__

if TYPE_CHECKING:
    from stakes.app.config import Config
    from stakes.assessment.engine import Assessment
    from stakes.assessment.policy import Policy
    from stakes.journey.files import Portfolio

app = typer.Typer(
    name="stakes",
    help="Decide, review and test where AI may handle a customer journey and where a human must.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _fail(message: str) -> NoReturn:
    typer.echo(f"stakes: error: {message}", err=True)
    raise typer.Exit(2)


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _width() -> int:
    """The terminal's width, at least 80; 80 when not a terminal (stable for pipes and files)."""
    if sys.stdout.isatty():
        import shutil

        return max(80, shutil.get_terminal_size().columns)
    return 80


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on a terminal's stderr; None when piped or in CI.

    The bar appears only once a run has many files, and vanishes when it ends.
    """
    if not sys.stderr.isatty() or os.environ.get("CI") or "NO_COLOR" in os.environ:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        f"[bold]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < 100:
            return
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        bar.stop()


def _emit(text: str | Iterable[str], output: str | None, inputs: list[str]) -> None:
    """Write to stdout, or atomically to ``output``; ``text`` may come in chunks."""
    if output is None or output == "-":
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.writelines(text)
        sys.stdout.flush()
        return
    from stakes.app.atomic_write import OutputError, write_atomic

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


PolicyOption = Annotated[
    str | None,
    typer.Option("--policy", help="A policy file (YAML) replacing or extending the default."),
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
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
]
ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config", help="A stakes.toml or pyproject.toml to use instead of the discovered one."
    ),
]
IsolatedOption = Annotated[bool, typer.Option("--isolated", help="Ignore configuration files.")]
PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[PATH]...",
        help="Journey files or folders (searched for *.yaml, *.yml); - for stdin. "
        "Default: the configuration's paths.",
        show_default=False,
    ),
]


def _settings(config: str | None, isolated: bool) -> Config:
    """The configuration in effect; a bad file is a usage error (exit 2) with its position."""
    from stakes.app.config import ConfigError, load_config

    try:
        return load_config(config, isolated=isolated)
    except ConfigError as exc:
        _fail(str(exc))


def _paths(given: list[str] | None, settings: Config) -> list[str]:
    if given:
        return given
    if settings.paths:
        return list(settings.paths)
    _fail(
        "give a journey file or folder, or set paths in [tool.stakes]; e.g. stakes lint journeys/"
    )


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for raw in values or () for v in raw.split(",") if v.strip())


def _as_of(as_of: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        _fail(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)")


def _load_policy(file: str | None) -> Policy:
    """The policy in ``file`` (None: the default); an unusable one stops the run (exit 2)."""
    from stakes.assessment.policy import PolicyError, load_policy

    try:
        return load_policy(file)
    except PolicyError as exc:
        for f in exc.findings:
            typer.echo(f"{f.location}: {f.rule.title}: {f.message}", err=True)
        _fail("the policy cannot be used; nothing was assessed")


@dataclass(frozen=True)
class EvidenceOptions:
    """``--evidence LOG`` and how to read it, for the commands that assess."""

    log: str | None = None
    mapping: tuple[str, ...] = ()
    window: str | None = None
    min_contacts: int = 20


EvidenceLogOption = Annotated[
    str | None,
    typer.Option(
        "--evidence",
        metavar="LOG",
        help="A contact log (CSV, Parquet, JSON Lines): observed repeat contacts and prior "
        "contacts replace the declared ones, and contradictions are flagged.",
    ),
]
EvidenceMapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--evidence-map",
        metavar="FIELD=COLUMN",
        help='The log\'s column for a field, as `stakes evidence --map`, e.g. touchpoint="Type".',
    ),
]
WindowOption = Annotated[
    str | None, typer.Option(help="Repeat-contact window for --evidence: 7d (default), 48h ...")
]
MinContactsOption = Annotated[
    int,
    typer.Option(
        min=1, help="Use observed signals only where the log has at least this many contacts."
    ),
]


def _assess(
    paths: list[str] | None,
    policy_file: str | None,
    as_of: str | None,
    config: str | None = None,
    isolated: bool = False,
    evidence: EvidenceOptions | None = None,
) -> tuple[Assessment, list[str]]:
    """Load the policy and the journeys, and the evidence when asked; report unusable input
    on stderr (it sets exit code 2)."""
    from stakes.assessment.engine import assess
    from stakes.journey.files import load

    settings = _settings(config, isolated)
    targets = _paths(paths, settings)
    day = _as_of(as_of)
    policy = _load_policy(policy_file or settings.policy)
    with _progress("assessing") as progress:
        portfolio = load(targets, emotions=tuple(policy.emotions), progress=progress)
    observe, log = None, None
    if evidence is not None and evidence.log is not None:
        observe, log = _observe(evidence, portfolio)
    assessment = assess(portfolio, policy, as_of=day, observe=observe)
    assessment.log = log
    for error in assessment.errors:
        typer.echo(f"stakes: error: {error}", err=True)
    for f in assessment.findings:
        if f.severity == f.severity.ERROR:
            typer.echo(f"{f.location}: {f.rule.title}: {f.message}", err=True)
    return assessment, targets


def _observe(options: EvidenceOptions, portfolio: Portfolio) -> tuple[Callable[[str], Any], Any]:
    """What the contact log says per touchpoint (pandas is imported only here)."""
    from stakes.evidence.command import gather
    from stakes.evidence.model import LogError

    assert options.log is not None
    try:
        found = gather(options.log, portfolio, mapping=options.mapping, window=options.window)
    except LogError as exc:
        _fail(str(exc))
    unmatched = int(found.unmatched["contacts"].sum()) if len(found.unmatched) else 0
    if unmatched:
        typer.echo(
            f"stakes: {unmatched} contacts in {options.log} match no touchpoint "
            "(stakes evidence lists them)",
            err=True,
        )

    def observe(key: str) -> Any:
        return found.observed(key, min_contacts=options.min_contacts)

    return observe, found


def _input_failed(assessment: Assessment) -> bool:
    return bool(assessment.errors) or any(
        f.severity == f.severity.ERROR for f in assessment.findings
    )
