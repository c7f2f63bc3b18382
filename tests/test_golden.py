"""Golden files: every map format and explain, on the shipped journeys, compared whole."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from conftest import JOURNEYS

from stakes.assessment.engine import Assessment, assess
from stakes.render.explain import render_explain
from stakes.render.map_formats import render_csv, render_json, render_markdown
from stakes.render.map_table import render_table

AS_OF = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def assessment(monkeypatch_module: pytest.MonkeyPatch) -> Assessment:
    monkeypatch_module.chdir(JOURNEYS.parent)
    return assess("journeys", as_of=AS_OF)


@pytest.fixture(scope="module")
def monkeypatch_module():  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_map_json(assessment: Assessment, golden: Callable[[str, str], None]) -> None:
    golden("map.json", render_json(assessment, list(assessment)))


def test_map_csv(assessment: Assessment, golden: Callable[[str, str], None]) -> None:
    golden("map.csv", render_csv(list(assessment)))


def test_map_md(assessment: Assessment, golden: Callable[[str, str], None]) -> None:
    golden("map.md", render_markdown(list(assessment)))


def test_map_table_80_columns(assessment: Assessment, golden: Callable[[str, str], None]) -> None:
    text = render_table(list(assessment), width=80)
    assert max(len(line) for line in text.splitlines()) <= 80
    golden("map-table-80.txt", text)


@pytest.mark.parametrize(
    "key",
    [
        "billing-dispute/billing-chat",
        "bereavement-notification/app-assistant-intake",
        "order-delivery/wismo-chat",
    ],
)
def test_explain(assessment: Assessment, key: str, golden: Callable[[str, str], None]) -> None:
    found = assessment.find(key)
    assert found is not None
    golden(f"explain-{key.replace('/', '--')}.txt", render_explain(found, assessment.policy))


def test_report_is_the_published_example(
    assessment: Assessment, golden: Callable[[str, str], None]
) -> None:
    from stakes.render.report import render_report

    text = render_report(assessment, command="stakes map journeys")
    golden("../../docs/example-report.md", text)
