"""`stakes config`: which configuration is in effect, and its settings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stakes.cli.options import ConfigOption, IsolatedOption
from stakes.cli.output import emit, run
from stakes.cli.root import app

if TYPE_CHECKING:
    from stakes.app.config import Config


@app.command("config", short_help="Show the configuration in effect, and where from.")
def config_(config: ConfigOption = None, isolated: IsolatedOption = False) -> None:
    """Show which configuration file is in effect here, or that none is, and its settings.

    The configuration is the nearest stakes.toml, or pyproject.toml with a [tool.stakes] table,
    from the working folder up to the project's root: the folder holding .git, or a
    pyproject.toml without [tool.stakes]. Nothing above it is read. The settings are printed
    as a stakes.toml would hold them, with the paths the commands use; a broken file is an
    error at its line and column (exit 2).

    Examples:

    \b
      stakes config
      stakes config --config ci/stakes.toml
    """
    from stakes.app.outcome import configuration

    found = run(configuration, config, isolated).document
    if found is not None:
        emit(describe(found), None)


def describe(config: Config) -> str:
    """The settings in effect as TOML, after a comment that says where they come from."""
    from stakes.shown import shown

    lines = [f"# configuration: {shown(config.origin or 'none; the defaults apply', None)}"]
    lines.append(_line("paths", list(config.paths), "" if config.paths else "not set"))
    if config.policy:
        lines.append(_line("policy", config.policy))
    else:
        lines.append("# policy: not set; the built-in policy applies")
    lines.append(_line("fail-on", config.fail_on or "error", "" if config.fail_on else "default"))
    lines.append(_line("select", list(config.select), "" if config.select else "every rule"))
    lines.append(_line("ignore", list(config.ignore)))
    lines.append(
        _line("triggers", list(config.triggers), "" if config.triggers else "the standard ones")
    )
    none = "none: only the journeys that name theirs are checked against a pack"
    lines.append(
        _line("jurisdictions", list(config.jurisdictions), "" if config.jurisdictions else none)
    )
    if config.processors is None:
        lines.append("# processors: not set; STK616 checks no processor against a list")
    else:
        lines.append(_line("processors", list(config.processors)))
    lines += ["", "[severity]" + ("" if config.severity else "  # not set: each rule's own")]
    lines += [_line(rule, level) for rule, level in config.severity.items()]
    evidence = config.evidence
    values = {
        key: getattr(evidence, key)
        for key in ("window", "day_first", "input_format", "encoding", "epoch_unit")
        if getattr(evidence, key) is not None
    }
    tables = {key: getattr(evidence, key) for key in ("map", "handlers") if getattr(evidence, key)}
    lines += ["", "[evidence]" + ("" if values or tables else "  # not set: the defaults")]
    lines += [_line(key, value) for key, value in values.items()]
    for key, table in tables.items():
        lines += ["", f"[evidence.{key}]", *(_line(k, v) for k, v in table.items())]
    return "\n".join(lines) + "\n"


def _line(key: str, value: object, note: str = "") -> str:
    import json  # neither is imported when the CLI starts

    from stakes.render.data import escape_invisible

    bare = re.fullmatch(r"[A-Za-z0-9_-]+", key) is not None
    name = key if bare else escape_invisible(json.dumps(key, ensure_ascii=False))
    text = f"{name} = {escape_invisible(json.dumps(value, ensure_ascii=False))}"
    return f"{text}  # {note}" if note else text
