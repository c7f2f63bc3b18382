"""Golden files: every format in the renderer registry, on fixed inputs, compared whole.

A format added to ``stakes.render.registry`` fails here until its golden file exists
(``pytest --update-golden`` writes it; review it like code).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, rendered

from stakes.render.registry import FORMATS, Format

AS_OF = dt.date(2026, 11, 26)
#: The file each format's golden lives in: tests/golden/KIND/NAME.SUFFIX, unless it is published.
PUBLISHED = {
    ("report", "md"): ROOT / "docs" / "example-report.md",
    ("report", "html"): ROOT / "docs" / "example-report.html",
    ("schema", "json"): ROOT / "schema" / "journey.schema.json",
}
#: What lint is golden-tested on: rule findings, format errors, suppressions, a missing input.
LINTED = (
    "journeys/billing-dispute-repeat.yaml",
    "tests/data/broken.yaml",
    "tests/data/suppressed.yaml",
    "tests/data/missing.yaml",
)
#: The repository root as SARIF's base URI shows it, the same in every checkout.
SARIF_ROOT = "file:///repo"


def golden_path(f: Format) -> Path:
    """Where the golden file of a format is."""
    name = f"{f.name}{f.suffix}"
    return PUBLISHED.get((f.kind, f.name), ROOT / "tests" / "golden" / f.kind / name)


@pytest.fixture(scope="module")
def in_root() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        yield


def document(kind: str) -> Any:
    """The fixed document each kind of format renders."""
    from stakes.app.assess import report_document
    from stakes.assessment.engine import assess
    from stakes.assessment.policy_file import default_policy
    from stakes.journey.model import json_schema
    from stakes.linter.run import lint
    from stakes.render.documents import ExplainDocument, MapDocument

    if kind == "lint":
        return lint(LINTED, as_of=AS_OF)
    if kind == "evidence":
        from stakes.evidence import load_evidence

        return load_evidence(
            "examples/marketplace-contacts.csv",
            "examples/marketplace-service.yaml",
            {"handled_by": "channel"},
        )
    if kind == "policy":
        return default_policy()
    if kind == "schema":
        return json_schema()
    if kind == "diff":
        from stakes.app.diff import diff

        return diff("tests/data/diff/base", "tests/data/diff/head", as_of=AS_OF.isoformat())
    assessment = assess("journeys", as_of=AS_OF)
    if kind in ("map", "journeys"):
        return MapDocument(assessment, list(assessment))
    if kind == "explain":
        found = assessment.find("billing-dispute/billing-chat")
        return ExplainDocument((found,), assessment.policy)  # type: ignore[arg-type]
    if kind == "report":
        return report_document(assessment, command="stakes map journeys")
    if kind == "data_use":
        from stakes.linter.rules import data_use_rows
        from stakes.render.documents import DataUseDocument

        return DataUseDocument(data_use_rows(assessment))
    raise AssertionError(f"no golden document for {kind!r}: add one here")


@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f"{f.kind}-{f.name}")
def test_every_format_has_a_golden_file(fmt: Format, golden: Callable[[Path, str], None]) -> None:
    text = rendered(fmt.kind, fmt.name, document(fmt.kind), width=80, root=ROOT)
    golden(golden_path(fmt), text.replace(ROOT.resolve().as_uri(), SARIF_ROOT))


@pytest.mark.usefixtures("in_root")
def test_fixed_width_formats_fit_80_columns() -> None:
    for kind, name in (("map", "table"), ("explain", "text"), ("evidence", "table")):
        text = rendered(kind, name, document(kind), width=80)
        assert max(len(line) for line in text.splitlines()) <= 80, (kind, name)


@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize(
    "key", ["bereavement-notification/app-assistant-intake", "order-delivery/wismo-chat"]
)
def test_explain_more_touchpoints(key: str, golden: Callable[[Path, str], None]) -> None:
    from stakes.assessment.engine import assess
    from stakes.render.documents import ExplainDocument

    assessment = assess("journeys", as_of=AS_OF)
    found = assessment.find(key)
    assert found is not None
    text = rendered("explain", "text", ExplainDocument((found,), assessment.policy))
    golden(ROOT / "tests" / "golden" / "explain" / f"{key.replace('/', '--')}.txt", text)
