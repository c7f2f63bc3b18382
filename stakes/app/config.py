"""Project configuration: ``[tool.stakes]`` in pyproject.toml, or stakes.toml, found upward.

Keys (kebab-case, as in pyproject files): ``paths`` (what to check when no path is given),
``policy``, ``fail-on``, ``select``, ``ignore``, ``severity`` (a table of rule -> error,
warning, info or off), and ``evidence`` (a table that ``stakes evidence`` reads and checks).
Paths in the file are relative to the file's folder. The command line wins over the file.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEVERITIES = ("error", "warning", "info", "off")
FAIL_ON = ("error", "warning", "info", "never")
KEYS = ("paths", "policy", "fail-on", "select", "ignore", "severity", "evidence")
# [tool.stakes.evidence] belongs to `stakes evidence` (column map, window ...), which checks it.


class ConfigError(Exception):
    """A configuration file that cannot be used; the message starts with file:line:col."""


@dataclass(frozen=True)
class Config:
    """The settings in effect, and the file they came from (None: defaults only)."""

    file: Path | None = None
    paths: tuple[str, ...] = ()
    policy: str | None = None
    fail_on: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    text: str = field(default="", repr=False)

    def locate(self, token: str) -> str:
        """``file:line:col`` of a key or a quoted value in the stakes table (for messages)."""
        return f"{self.file}:{_where(self.text, token, self.file)}"


def discover(start: Path) -> Path | None:
    """The nearest stakes.toml, or pyproject.toml with a [tool.stakes] table, from ``start`` up."""
    for folder in (start, *start.parents):
        candidate = folder / "stakes.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(
            r"^\s*\[tool\.stakes[\].]",
            pyproject.read_text(encoding="utf-8", errors="replace"),
            re.MULTILINE,
        ):
            return pyproject
    return None


def load_config(
    explicit: str | None = None, *, isolated: bool = False, cwd: Path | None = None
) -> Config:
    """The configuration in effect: ``explicit`` if given, else discovered (unless isolated)."""
    if isolated and explicit is None:
        return Config()
    path = Path(explicit) if explicit else discover((cwd or Path.cwd()).resolve())
    if path is None:
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+), column (\d+)", str(exc))
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        pos = f"{where.group(1)}:{where.group(2)}" if where else f"{max(last, 1)}:1"
        raise ConfigError(f"{path}:{pos}: not valid TOML: {str(exc).split(' (at')[0]}") from None
    table: Any = doc.get("tool", {}).get("stakes") if path.name == "pyproject.toml" else doc
    if table is None:
        if explicit:
            raise ConfigError(f"{path}:1:1: no [tool.stakes] table in this file")
        return Config()
    return _parse(table, path, text)


def _section(text: str, path: Path | None) -> tuple[int, int]:
    """Where the stakes settings are in the file: all of stakes.toml, or [tool.stakes]."""
    if path is None or path.name != "pyproject.toml":
        return 0, len(text)
    start = re.search(r"^\s*\[tool\.stakes\]", text, re.MULTILINE)
    if start is None:
        return 0, len(text)
    nxt = re.compile(r"^\s*\[(?!tool\.stakes[.\]])", re.MULTILINE).search(text, start.end())
    return start.start(), nxt.start() if nxt else len(text)


def _where(text: str, token: str, path: Path | None = None) -> str:
    """``line:col`` of ``token`` as a key (``token =``) or a quoted value, in the stakes table."""
    begin, end = _section(text, path)
    name = re.escape(token)
    pattern = re.compile(rf"(?<![\w-])[\"']?{name}[\"']?\s*=|[\"']{name}[\"']")
    match = pattern.search(text, begin, end)
    if match is None:
        line = text.count("\n", 0, begin) + 1
        return f"{line}:1"
    line = text.count("\n", 0, match.start()) + 1
    col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return f"{line}:{col}"


def _parse(table: dict[str, Any], path: Path, text: str) -> Config:
    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{path}:{_where(text, key, path)}: {message}")

    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(KEYS)}"
            raise fail(key, f"unknown key {key!r}{hint}")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("paths", "select", "ignore"):
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"{key} must be a list of strings")
        lists[key] = tuple(value)
    policy = table.get("policy")
    if policy is not None and not isinstance(policy, str):
        raise fail("policy", "policy must be the path of a policy file")
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise fail("fail-on", f"fail-on must be one of: {', '.join(FAIL_ON)}")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", "severity must be a table of rule = level")
    for rule, level in severity.items():
        if level not in SEVERITIES:
            raise fail(rule, f"severity of {rule!r} must be one of: {', '.join(SEVERITIES)}")
    base = path.parent

    def rebase(p: str) -> str:
        return p if p == "-" or Path(p).is_absolute() else str(base / p)

    return Config(
        file=path,
        paths=tuple(rebase(p) for p in lists["paths"]),
        policy=rebase(policy) if policy else None,
        fail_on=fail_on,
        select=lists["select"],
        ignore=lists["ignore"],
        severity=dict(severity),
        text=text,
    )
