"""Running a job from the command line: its usage errors, its messages, its document rendered
and written, and its exit code."""

from __future__ import annotations

import contextlib
import errno
import io
import os
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
    """Write to stdout, or to ``output`` (see ``app.atomic_write``; never over one of
    ``inputs``). A write that fails is one line on stderr and exit code 2."""
    if output is None or output == "-":
        try:
            if isinstance(text, str):
                sys.stdout.write(text)
            else:
                sys.stdout.writelines(text)
            sys.stdout.flush()
        except OSError as exc:
            stdout_failed(exc)
        return
    from stakes.app.atomic_write import OutputError, write_atomic

    try:
        write_atomic(output, text, inputs)
    except OutputError as exc:
        fail(str(exc))


def stdout_failed(exc: OSError) -> NoReturn:
    """Standard output cannot be written (a full disk, a closed descriptor, a reader that went
    away): exit 2, with one line unless the reader simply stopped reading (``| head``)."""
    _discard_stdout()
    if exc.errno == errno.EPIPE:
        raise typer.Exit(2)
    fail(f"standard output: cannot write: {exc.strerror or exc}")


def _discard_stdout() -> None:
    """Point descriptor 1 at the null device, so that what Python still holds for it is
    flushed there at exit instead of failing again ("Exception ignored ...")."""
    try:
        fileno = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError):
        return  # not a real descriptor (a test's capture), or already closed
    os.dup2(devnull, fileno)
    os.close(devnull)


class _Closed(io.TextIOBase):
    """Standard output when its descriptor was closed (``>&-``): every write fails, as a
    write to a closed descriptor does."""

    def write(self, s: str) -> int:
        raise OSError(errno.EBADF, "Bad file descriptor (standard output is closed)")

    def isatty(self) -> bool:
        return False


def main(app: Callable[[], object]) -> NoReturn:
    """Run the typer application with standard output and errors that may fail: a full disk
    (``> /dev/full``), a closed descriptor (``>&-``), a reader that stops reading (``| head``)
    are an exit code and at most one line, never a traceback."""
    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the process)
    before = sys.stdout
    try:
        try:
            app()
            code: int | str | None = 0
        except SystemExit as exc:
            code = exc.code
        if sys.stdout is not before:
            # typer caught a broken pipe itself and quietened the streams: exit 2, as emit does.
            code = 2
        sys.stdout.flush()  # now, not at interpreter exit where a failure cannot be reported
    except KeyboardInterrupt:
        _echo_err("stakes: interrupted")
        code = 130
    except OSError as exc:
        # A write to stdout outside emit (help, rules, init), or its final flush.
        _discard_stdout()
        code = 2
        if exc.errno != errno.EPIPE:
            where = f"{exc.filename}" if exc.filename else "standard output: cannot write"
            _echo_err(f"stakes: error: {where}: {exc.strerror or exc}")
    sys.exit(code)


def _echo_err(line: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        typer.echo(line, err=True)
