"""Help written for 80 columns: click's plain layout (paragraphs rewrapped to the terminal,
``\\b`` blocks such as the examples kept as written), with each argument shown by its name
alone. typer's own layout adds the Python type to every parameter (``<str>``,
``<list[str]>``, ``<bool>``) and keeps the line breaks of the source."""

from __future__ import annotations

import re
from typing import Any

from typer.core import TyperCommand

_TYPE = re.compile(r" <[^>]*>$")


class Command(TyperCommand):
    """A command whose help lists arguments by name and options by their metavar."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                name = _TYPE.sub("", record[0]) + ("..." if param.nargs == -1 else "")
                arguments.append((name, record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
