"""The configuration's evidence table (``[evidence]`` in stakes.toml, ``[tool.stakes.evidence]``
in pyproject.toml): how the commands that read contact logs read them. Checked value by value
by the configuration's parser (``config._Parser``), every error at its line and column."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stakes.evidence.fields import FIELDS, HANDLERS, text_encoding, window_seconds

if TYPE_CHECKING:
    from stakes.app.config import _Parser

EVIDENCE_KEYS = (
    "map",
    "handlers",
    "match",
    "window",
    "day_first",
    "input_format",
    "encoding",
    "epoch_unit",
    "target",
)


@dataclass(frozen=True)
class EvidenceSettings:
    """How contact logs are read, from the ``evidence`` table (None: not set there)."""

    map: dict[str, str] = field(default_factory=dict)  # field -> the log's column
    handlers: dict[str, str] = field(default_factory=dict)  # a log's label -> a handler
    window: str | None = None
    day_first: bool | None = None
    input_format: str | None = None
    encoding: str | None = None
    epoch_unit: str | None = None  # s | ms | us | ns
    target: str | None = None  # how soon a customer a bot passes on should reach a person
    match: dict[str, str] = field(default_factory=dict)  # a log's category -> journey/touchpoint
    #: Where each ``match`` entry is written (``file:line:col``), for the error when its
    #: touchpoint is not among the journeys loaded (known only then).
    match_at: dict[str, str] = field(default_factory=dict)


def evidence_settings(parser: _Parser, table: Any) -> EvidenceSettings:
    """The evidence table's settings; ConfigError at the first value that cannot be used."""
    if not isinstance(table, dict):
        raise parser.fail("evidence", "evidence must be a table of settings for contact logs")
    parser.known(table, EVIDENCE_KEYS, "evidence setting")
    columns = parser.table("map", table.get("map", {}))
    for name in columns:
        if name not in FIELDS:
            close = difflib.get_close_matches(name, FIELDS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; fields: {', '.join(FIELDS)}"
            raise parser.fail(name, f"evidence map: unknown field {name!r}{hint}")
    labels = parser.table("handlers", table.get("handlers", {}))
    for label, handler in labels.items():
        if handler not in HANDLERS:
            raise parser.fail(
                label, f"evidence handler {label!r}: use one of {', '.join(HANDLERS)}"
            )
    matches = parser.table("match", table.get("match", {}))
    for value, key in matches.items():
        if not value.strip() or not key.strip():
            raise parser.fail(
                value or "match", 'evidence match: give "log value" = "journey/touchpoint"'
            )
    window = _duration(parser, table, "window")
    input_format = parser.choice(table, "input_format")
    encoding = parser.text_value(table, "encoding")
    if encoding is not None:
        try:
            text_encoding(encoding)
        except ValueError as exc:
            raise parser.fail("encoding", f"evidence encoding {exc}") from None
    day_first = table.get("day_first")
    if day_first is not None and not isinstance(day_first, bool):
        raise parser.fail("day_first", "evidence day_first must be true or false")
    unit = parser.choice(table, "epoch_unit")
    target = _duration(parser, table, "target")

    where = {value: parser.at(value) for value in matches}
    return EvidenceSettings(
        columns, labels, window, day_first, input_format, encoding, unit, target, matches, where
    )


def _duration(parser: _Parser, table: dict[str, Any], key: str) -> str | None:
    """A duration setting (``window``, ``target``): 7d, 48h, 2w, 90m."""
    value = parser.text_value(table, key)
    if value is not None:
        try:
            window_seconds(value)
        except ValueError as exc:
            said = str(exc).replace("window", key, 1)
            raise parser.fail(key, f"evidence {said}") from None
    return value
