"""Running a job from the command line: its usage errors, its messages, its document rendered
and written, and its exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer

from stakes.app.outcome import Outcome, UsageError
from stakes.cli.terminal import repository_root, use_color, width
from stakes.shown import MESSAGE_LIMIT, shown

P = ParamSpec("P")
D = TypeVar("D")


def fail(message: str) -> NoReturn:
    """A usage error: one line on stderr, exit code 2."""
    typer.echo(f"stakes: error: {shown(message, MESSAGE_LIMIT)}", err=True)
    raise typer.Exit(2)


def run(job: Callable[P, Outcome[D]], *args: P.args, **kwargs: P.kwargs) -> Outcome[D]:
    """The job's outcome; a usage error is printed (its details first) and exits 2."""
    try:
        return job(*args, **kwargs)
    except UsageError as exc:
        for line in exc.details:
            typer.echo(shown(line, MESSAGE_LIMIT), err=True)
        fail(str(exc))


def show(outcome: Outcome[Any], kind: str, format: str, output: str | None = None) -> None:
    """Print the outcome's messages on stderr, then render its document (if any) and write it
    to stdout, or atomically to ``output``."""
    from stakes.render.registry import Options, render

    for line in outcome.messages:
        typer.echo(shown(line, MESSAGE_LIMIT), err=True)
    if outcome.document is None:
        return
    color = output is None and use_color()
    options = Options(width=width(), color=color, root=repository_root())
    emit(render(kind, format, outcome.document, options), output, outcome.inputs)


def emit(text: str | Iterable[str], output: str | None, inputs: Iterable[str] = ()) -> None:
    """Write to stdout, or atomically to ``output`` (never over one of ``inputs``)."""
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
        fail(str(exc))
