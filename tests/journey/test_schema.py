"""The published JSON Schema: in step with the model, and valid for every shipped journey."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import JOURNEYS, ROOT, VALID

from stakes.journey.model import json_schema

SCHEMA_FILE = ROOT / "schema" / "journey.schema.json"


def _as_json(value: Any) -> Any:
    """YAML data as JSON would hold it (dates become ISO strings)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("path", sorted(JOURNEYS.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_journeys_validate_against_the_schema(
    path: Path, validator: jsonschema.protocols.Validator
) -> None:
    data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []


def test_shipped_journeys_point_editors_at_the_schema() -> None:
    for path in JOURNEYS.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/journey.schema.json", path


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("channel: web", "channel: webchat"),
        ("    signals:", "    singals:"),
        ("money_at_stake: 120", "money_at_stake: -1"),
        ("id: notice", "id: Notice"),
    ],
)
def test_schema_and_loader_reject_the_same_mistakes(
    old: str, new: str, validator: jsonschema.protocols.Validator
) -> None:
    data = _as_json(yaml.safe_load(VALID.replace(old, new, 1)))
    assert list(validator.iter_errors(data)), "the schema accepted what the loader rejects"


def test_dates_are_strings_in_json_schema() -> None:
    override = json_schema()["$defs"]["Override"]["properties"]["expires"]
    assert {"type": "string", "format": "date"} in override["anyOf"]
    assert _as_json({"d": dt.date(2027, 1, 2)}) == {"d": "2027-01-02"}
