"""The command line: each command parses its options, calls the application (``stakes.app``),
renders its outcome through the renderer registry and exits with its code. This package is the
only place that imports typer; each module holds a few commands."""

from __future__ import annotations

import gc

from stakes.cli import (  # noqa: F401  (commands)
    assess,
    config,
    diff,
    evidence,
    export,
    import_blueprint,
    import_intents,
    imports,
    lint,
    tools,
)
from stakes.cli.help import Command
from stakes.cli.output import main as run_guarded
from stakes.cli.root import app

for _command in [
    *app.registered_commands,
    *export.export.registered_commands,
    *imports.imports.registered_commands,
]:
    _command.cls = Command  # help written for 80 columns (cli/help.py)

__all__ = ["app", "main"]


def main() -> None:
    """Run the command line; user errors, an interrupt and an output that cannot be written
    never show a traceback (``output.main``)."""
    # A run builds many small, acyclic objects and then exits: the cyclic collector would only
    # rescan them (about a fifth of the time of a large map). Reference counting still frees.
    gc.disable()
    run_guarded(app)
