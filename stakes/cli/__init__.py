"""The command line: each command parses its options, calls the application (``stakes.app``),
renders its outcome through the renderer registry and exits with its code. This package is the
only place that imports typer; each module holds a few commands."""

from __future__ import annotations

import gc
import os
import sys

import typer

from stakes.cli import assess, config, evidence, lint, tools  # noqa: F401  (the commands)
from stakes.cli.root import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the command line; user errors never show a traceback."""
    # A run builds many small, acyclic objects and then exits: the cyclic collector would only
    # rescan them (about a fifth of the time of a large map). Reference counting still frees.
    gc.disable()
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
