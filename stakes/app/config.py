"""Project configuration: ``[tool.stakes]`` in pyproject.toml, or stakes.toml, found upward to
the project's root (``config_discovery``).

This is the one reader of every table. Keys (kebab-case, as in pyproject files): ``paths``
(what to check when no path is given), ``policy``, ``fail-on``, ``select``, ``ignore``,
``severity`` (a table of rule -> error, warning, info or off), ``triggers`` (escalation
triggers the project uses besides the standard ones), ``jurisdictions`` (the rule packs for
journeys that name none), ``processors`` (those approved to receive customer data), and the
``evidence`` table
(``[tool.stakes.evidence]``, or ``[evidence]`` in stakes.toml) for the commands that read
contact logs. Paths in the file are relative to the file's folder; the command line wins over
the file. A value that cannot be used is an error at its line and column.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from stakes.app.config_discovery import MAX_BYTES, search
from stakes.app.config_evidence import EvidenceSettings, evidence_settings
from stakes.evidence.fields import CHOICES
from stakes.journey.signals import SLUG
from stakes.journey.values import KNOWN_TRIGGERS

SEVERITIES = ("error", "warning", "info", "off")
FAIL_ON = ("error", "warning", "info", "never")
KEYS = (
    "paths",
    "policy",
    "fail-on",
    "select",
    "ignore",
    "severity",
    "triggers",
    "jurisdictions",
    "processors",
    "evidence",
)


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
    triggers: tuple[str, ...] = ()  # declared by the project, besides the standard ones
    jurisdictions: tuple[str, ...] = ()  # the rule packs for journeys that name none
    processors: tuple[str, ...] | None = None  # approved to receive customer data (None: unset)
    evidence: EvidenceSettings = field(default_factory=EvidenceSettings)
    text: str = field(default="", repr=False)
    origin: str = ""  # where the settings come from, for people (``stakes config``)

    @property
    def known_triggers(self) -> tuple[str, ...]:
        """The escalation triggers a journey may name: the standard ones and the project's."""
        return (*KNOWN_TRIGGERS, *(t for t in self.triggers if t not in KNOWN_TRIGGERS))

    def locate(self, token: str) -> str:
        """``file:line:col`` of a key or a quoted value in the stakes table (for messages)."""
        return f"{self.file}:{_where(self.text, token, self.file)}"


def discover(start: Path) -> Path | None:
    """The configuration file in effect from ``start``, up to the project's root (None: none)."""
    return search(start).file


def load_config(
    explicit: str | None = None, *, isolated: bool = False, cwd: Path | None = None
) -> Config:
    """The configuration in effect: ``explicit`` if given, else discovered (unless isolated)."""
    if isolated and explicit is None:
        return Config(origin="none (--isolated); the defaults apply")
    if explicit is not None:
        path, origin = Path(explicit), f"{explicit}, named by --config"
    else:
        try:
            here = (cwd or Path.cwd()).resolve()
        except OSError as exc:
            raise ConfigError(f"cannot find the working folder: {exc.strerror or exc}") from None
        found = search(here)
        if found.file is None:
            return Config(origin=found.describe())
        path, origin = found.file, found.describe()
    text = _read(path)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+), column (\d+)", str(exc))
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        pos = f"{where.group(1)}:{where.group(2)}" if where else f"{max(last, 1)}:1"
        raise ConfigError(f"{path}:{pos}: not valid TOML: {str(exc).split(' (at')[0]}") from None
    except RecursionError:
        raise ConfigError(f"{path}:1:1: not valid TOML: nested too deeply") from None
    parser = _Parser(path, text)
    table: Any = doc
    if path.name == "pyproject.toml":
        tool = doc.get("tool")
        table = tool.get("stakes") if isinstance(tool, dict) else None
        if table is None:
            if explicit is None:
                return Config(origin=f"none; {path} has no [tool.stakes] table; the defaults apply")
            key = "tool" if "tool" in doc else ""
            raise parser.fail(key, "no [tool.stakes] table in this file")
        if not isinstance(table, dict):
            header = re.search(r"^[ \t]*\[\[\s*tool\.stakes\s*\]\]", text, re.MULTILINE)
            line = text.count("\n", 0, header.start()) + 1 if header else 0
            place = f"{line}:1" if header else _where(text, "stakes", path)
            raise ConfigError(f"{path}:{place}: [tool.stakes] must be a table of settings")
    return replace(parser.config(table), origin=origin)


def _read(path: Path) -> str:
    """A configuration file's text: UTF-8 (a byte-order mark is allowed), at most MAX_BYTES."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(f"{path}: cannot read the configuration: {why}") from None
    if len(data) > MAX_BYTES:
        raise ConfigError(f"{path}: not a configuration file: larger than {MAX_BYTES} bytes")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        byte = f"0x{data[exc.start]:02x}"
        raise ConfigError(f"{path}:{line}:{col}: not UTF-8 text (byte {byte})") from None


def _section(text: str, path: Path | None) -> tuple[int, int]:
    """Where the stakes settings are in the file: all of stakes.toml, or [tool.stakes]."""
    if path is None or path.name != "pyproject.toml":
        return 0, len(text)
    start = re.search(r"^\s*\[tool\.stakes\]", text, re.MULTILINE)
    if start is None:
        start = re.search(r"^\s*\[tool\.stakes\.", text, re.MULTILINE)
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


@dataclass(frozen=True)
class _Parser:
    """Checks a stakes table value by value; every error names its place in the file."""

    path: Path
    text: str

    def fail(self, key: str, message: str) -> ConfigError:
        where = _where(self.text, key, self.path) if key else "1:1"
        return ConfigError(f"{self.path}:{where}: {message}")

    def known(self, table: dict[str, Any], keys: tuple[str, ...], what: str) -> None:
        for key in table:
            if key not in keys:
                close = difflib.get_close_matches(key.replace("_", "-"), keys, n=1)
                close = close or difflib.get_close_matches(key.replace("-", "_"), keys, n=1)
                hint = (
                    f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(keys)}"
                )
                raise self.fail(key, f"unknown {what} {key!r}{hint}")

    def strings(self, table: dict[str, Any], key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"{key} must be a list of strings")
        return tuple(value)

    def config(self, table: dict[str, Any]) -> Config:
        self.known(table, KEYS, "key")
        paths, select, ignore = (self.strings(table, k) for k in ("paths", "select", "ignore"))
        policy = table.get("policy")
        if policy is not None and not isinstance(policy, str):
            raise self.fail("policy", "policy must be the path of a policy file")
        for key, values in (("paths", paths), ("policy", (policy or "",))):
            if any("\0" in value for value in values):
                raise self.fail(key, f"{key}: a path cannot contain a NUL character")
        fail_on = table.get("fail-on")
        if fail_on is not None and fail_on not in FAIL_ON:
            raise self.fail("fail-on", f"fail-on must be one of: {', '.join(FAIL_ON)}")
        severity = table.get("severity", {})
        if not isinstance(severity, dict):
            raise self.fail("severity", "severity must be a table of rule = level")
        for rule, level in severity.items():
            if level not in SEVERITIES:
                raise self.fail(
                    rule, f"severity of {rule!r} must be one of: {', '.join(SEVERITIES)}"
                )
        triggers, jurisdictions = (
            self.strings(table, "triggers"),
            self.strings(table, "jurisdictions"),
        )
        for what, names in (("trigger", triggers), ("jurisdiction", jurisdictions)):
            for name in names:
                if not re.fullmatch(SLUG, name):
                    raise self.fail(
                        name,
                        f"{what} {name!r} must be a slug: lowercase letters, digits and dashes",
                    )
        base = self.path.parent

        def rebase(p: str) -> str:
            return p if p == "-" or Path(p).is_absolute() else str(base / p)

        return Config(
            file=self.path,
            paths=tuple(rebase(p) for p in paths),
            policy=rebase(policy) if policy else None,
            fail_on=fail_on,
            select=select,
            ignore=ignore,
            severity=dict(severity),
            triggers=triggers,
            jurisdictions=jurisdictions,
            processors=self.processors(table),
            evidence=self.evidence(table.get("evidence", {})),
            text=self.text,
        )

    def processors(self, table: dict[str, Any]) -> tuple[str, ...] | None:
        if "processors" not in table:
            return None
        names = self.strings(table, "processors")
        for name in names:
            if not name.strip() or len(name) > 200 or not name.isprintable():
                raise self.fail(
                    "processors", "each processor must be a name of 1 to 200 printable characters"
                )
        return names

    def evidence(self, table: Any) -> EvidenceSettings:
        return evidence_settings(self, table)

    def at(self, token: str) -> str:
        """``file:line:col`` of a key or a quoted value (for messages given later)."""
        return f"{self.path}:{_where(self.text, token, self.path)}"

    def table(self, key: str, value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self.fail(key, f"evidence {key} must be a table of strings")
        return dict(value)

    def choice(self, table: dict[str, Any], key: str) -> str | None:
        value = self.text_value(table, key)
        if value is not None and value not in CHOICES[key]:
            raise self.fail(key, f"evidence {key} must be one of {', '.join(CHOICES[key])}")
        return value

    def text_value(self, table: dict[str, Any], key: str) -> str | None:
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, f"evidence {key} must be a string")
        return value
