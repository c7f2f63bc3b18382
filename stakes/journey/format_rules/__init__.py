"""The rules of the journey format itself (STK001-STK020, STK022): ``reading`` for the file and its
YAML (the loader reports them), ``content`` for keys, values, ids and references (the
validation reports them). Each is a Rule with its documentation; they have no logic of their
own, since the loader and the validation are where such problems are found."""

from __future__ import annotations

from stakes.findings import Rule
from stakes.journey.format_rules import content, reading
from stakes.journey.format_rules.content import DUPLICATE_ID as DUPLICATE_ID
from stakes.journey.format_rules.content import DUPLICATE_JOURNEY as DUPLICATE_JOURNEY
from stakes.journey.format_rules.content import INVALID_CHOICE as INVALID_CHOICE
from stakes.journey.format_rules.content import INVALID_SLUG as INVALID_SLUG
from stakes.journey.format_rules.content import MISSING_KEY as MISSING_KEY
from stakes.journey.format_rules.content import OUT_OF_RANGE as OUT_OF_RANGE
from stakes.journey.format_rules.content import UNKNOWN_EMOTION as UNKNOWN_EMOTION
from stakes.journey.format_rules.content import UNKNOWN_KEY as UNKNOWN_KEY
from stakes.journey.format_rules.content import UNKNOWN_TARGET as UNKNOWN_TARGET
from stakes.journey.format_rules.content import UNKNOWN_TRIGGER as UNKNOWN_TRIGGER
from stakes.journey.format_rules.content import UNRESOLVED_JOURNEY as UNRESOLVED_JOURNEY
from stakes.journey.format_rules.content import WRONG_TYPE as WRONG_TYPE
from stakes.journey.format_rules.reading import DUPLICATE_KEY as DUPLICATE_KEY
from stakes.journey.format_rules.reading import EMPTY_FILE as EMPTY_FILE
from stakes.journey.format_rules.reading import LIMIT_EXCEEDED as LIMIT_EXCEEDED
from stakes.journey.format_rules.reading import MULTIPLE_DOCUMENTS as MULTIPLE_DOCUMENTS
from stakes.journey.format_rules.reading import NOT_A_MAPPING as NOT_A_MAPPING
from stakes.journey.format_rules.reading import NOT_UTF8 as NOT_UTF8
from stakes.journey.format_rules.reading import UNREADABLE as UNREADABLE
from stakes.journey.format_rules.reading import UNSUPPORTED_YAML as UNSUPPORTED_YAML
from stakes.journey.format_rules.reading import YAML_SYNTAX as YAML_SYNTAX

#: Every format rule, by code.
FORMAT_RULES: tuple[Rule, ...] = tuple(
    sorted(
        (v for m in (reading, content) for v in vars(m).values() if isinstance(v, Rule)),
        key=lambda r: r.code,
    )
)
