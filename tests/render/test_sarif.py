"""SARIF 2.1.0: valid against the OASIS schema, what GitHub code scanning requires, URIs and
fingerprints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, invoke, rendered
from linting import CLEAN, DROPS, HUMAN_ONLY, a_portfolio, above, write

from stakes.findings import finding
from stakes.linter.catalogue import all_rules
from stakes.linter.result import LintResult

#: Every test runs in its own folder, outside any CI environment the suite runs in.
pytestmark = pytest.mark.usefixtures("in_tmp")

#: The OASIS schema, vendored unchanged (tests/data/sarif/SOURCE.md).
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"


def sarif(*args: str) -> dict[str, Any]:
    result = invoke("lint", *args, "--format", "sarif", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


@pytest.mark.parametrize("clean", [False, True])
def test_sarif_is_valid_against_the_sarif_2_1_0_schema(tmp_path: Path, clean: bool) -> None:
    if clean:
        write(tmp_path / "journeys" / "ok.yaml", CLEAN)
    else:
        a_portfolio(tmp_path)
    doc = sarif("journeys")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    assert (len(doc["runs"][0]["results"]) == 0) is clean


def test_sarif_has_what_github_code_scanning_requires(tmp_path: Path) -> None:
    a_portfolio(tmp_path)
    doc = sarif("journeys")
    assert doc["version"] == "2.1.0" and doc["$schema"]
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "stakes"
    ids = [r["id"] for r in driver["rules"]]
    assert sorted(ids) == ["STK003", "STK101", "STK202", "STK401"]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert 0 < len(rule["fullDescription"]["text"]) <= 1000
        assert rule["help"]["text"]
    uris = set()
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        assert result["level"] in ("error", "warning", "note")
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "\\" not in uri and ":" not in uri
        uris.add(uri)
        assert location["region"]["startLine"] >= 1
        assert location["region"]["startColumn"] >= 1
        assert result["partialFingerprints"]
    assert uris == {
        "journeys/fraud.yaml",
        "journeys/care/bereavement.yaml",
        "journeys/care/empty.yaml",
    }


def test_sarif_rule_descriptors_fit_github_for_every_rule() -> None:
    # Only rules that reported are listed; make every rule report once.
    findings = tuple(finding(r, "m", "j.yaml", 1, 1) for r in all_rules())
    result = LintResult(findings, ("j.yaml",), ())
    doc = json.loads(rendered("lint", "sarif", result, root=Path.cwd()))
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for rule in rules:
        assert rule["shortDescription"]["text"].endswith(".")
        assert 0 < len(rule["fullDescription"]["text"]) <= 1000, rule["id"]
        assert len(rule["help"]["text"]) > len(rule["shortDescription"]["text"]), rule["id"]


def test_sarif_uris_are_relative_to_github_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In Actions a step may run in a sub-folder; the URIs stay repository-relative.
    a_portfolio(tmp_path)
    write(tmp_path / "stakes.toml", 'paths = ["journeys"]\n')
    (tmp_path / "tools").mkdir()
    monkeypatch.chdir(tmp_path / "tools")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    results = sarif()["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "journeys/fraud.yaml" in uris
    assert all(u.startswith("journeys/") for u in uris)


def fingerprints(doc: dict[str, Any]) -> dict[tuple[str, str], tuple[str, int]]:
    """(ruleId, touchpoint) -> (fingerprint, line) of each result."""
    out = {}
    for r in doc["runs"][0]["results"]:
        loc = r["locations"][0]
        subject = loc.get("logicalLocations", [{}])[0].get("fullyQualifiedName", "")
        key = (r["ruleId"], subject)
        assert key not in out, f"two results for {key}"
        ((_, value),) = r["partialFingerprints"].items()
        out[key] = (value, loc["physicalLocation"]["region"]["startLine"])
    return out


def test_sarif_fingerprints_survive_line_moves_and_tell_findings_apart(tmp_path: Path) -> None:
    text = HUMAN_ONLY.replace("owner: care-team\n", "") + DROPS.split("touchpoints:\n")[1]
    text = text.replace("to: fraud-team", "to: bereavement-team")
    write(tmp_path / "j.yaml", text)
    before = fingerprints(sarif("j.yaml"))
    assert set(before) == {
        ("STK101", "bereavement/bereavement-chat"),
        ("STK202", "bereavement/fraud-bot"),
        ("STK401", "bereavement"),
    }
    values = [fp for fp, _ in before.values()]
    assert len(set(values)) == len(values)  # different findings, different fingerprints
    moved = "# yaml-language-server: $schema=schema.json\n\n# owned by nobody yet\n" + text
    write(tmp_path / "j.yaml", moved)
    after = fingerprints(sarif("j.yaml"))
    assert {k: fp for k, (fp, _) in after.items()} == {k: fp for k, (fp, _) in before.items()}
    assert {k: line for k, (_, line) in after.items()} == {
        k: line + 3 for k, (_, line) in before.items()
    }


def test_two_unused_suppressions_have_different_fingerprints(tmp_path: Path) -> None:
    text = above(CLEAN, "to: fraud-team", "# stakes: ignore[STK202] Email.")
    text = above(text, "handled_by: human", "# stakes: ignore[STK202] Email.")
    write(tmp_path / "j.yaml", text)
    results = sarif("j.yaml")["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["STK501", "STK501"]
    first, second = (r["partialFingerprints"] for r in results)
    assert first != second


def test_sarif_uris_are_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue #19 row 19: spaces, '#', '%', backticks and line breaks went into URIs raw.
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    name = "a b#c %d`e\nf.yaml"
    write(tmp_path / "j" / name, HUMAN_ONLY)
    location = sarif("j")["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "j/a%20b%23c%20%25d%60e%0Af.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    from urllib.parse import unquote

    assert unquote(location["artifactLocation"]["uri"]) == f"j/{name}"


def test_a_file_outside_the_repository_has_an_absolute_uri_and_no_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "repo").mkdir()
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    write(tmp_path / "elsewhere" / "x y.yaml", HUMAN_ONLY)
    location = sarif("elsewhere")["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    uri = (tmp_path / "elsewhere" / "x y.yaml").resolve().as_uri()
    assert location["artifactLocation"] == {"uri": uri}
    assert "%20" in uri
