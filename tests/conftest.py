"""Shared fixtures: a small valid journey, and helpers to load text and list findings."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

import stakes
from stakes.cli import app

ROOT = Path(__file__).resolve().parent.parent
# The scripts' modules (the docs' console examples) are importable by the tests that check them.
sys.path.insert(0, str(ROOT / "scripts"))
SHARED = ROOT.parent / "shared"
JOURNEYS = ROOT / "journeys"
_runner = CliRunner()

# Property tests are deterministic: the same examples on every run (the fuzzing campaign in
# fuzz/ is where examples are random). HYPOTHESIS_PROFILE=explore draws new ones.
settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

VALID = textwrap.dedent(
    """\
    journey: billing-dispute
    title: Disputing an unexpected charge
    owner: billing-cx
    stages:
      - id: notice
        title: Notices the charge
        touchpoints:
          - id: invoice-faq
            title: Reads the invoice FAQ
            channel: web
            handled_by: self-service
            signals:
              emotion: confused
              money_at_stake: 120
            escalation:
              to: dispute-specialist
              triggers: [customer-request]
      - id: resolve
        title: Gets it resolved
        touchpoints:
          - id: dispute-specialist
            title: Talks to a dispute specialist
            channel: phone
            handled_by: human
            signals: {emotion: frustrated}
    """
)

#: A bot that escalates to a person: the journey the evidence tests measure logs against.
REFUND_JOURNEY = textwrap.dedent(
    """\
    journey: support
    title: Getting a refund
    owner: cx
    stages:
      - id: contact
        title: Contacts us
        touchpoints:
          - id: refund-chat
            title: Asks the bot for a refund
            channel: chat
            handled_by: ai
            escalation: {to: refund-call, triggers: [customer-request]}
          - id: refund-call
            title: Calls about the refund
            channel: phone
            handled_by: human
    """
)


_PANDAS_PROBE = """\
import sys
sys.argv = ["stakes", *sys.argv[1:]]
from stakes.cli import main
try:
    main()
except SystemExit:
    pass
print()
print("pandas" in sys.modules)
"""


def imports_pandas(*args: str, cwd: Path) -> bool:
    """Whether running ``stakes ARGS`` in a fresh interpreter imports pandas."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", _PANDAS_PROBE, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout.splitlines()[-1] == "True"


def rendered(kind: str, fmt: str, document: Any, **options: Any) -> str:
    """``document`` rendered by the registry's format, as one string."""
    from stakes.render.registry import Options, render

    out = render(kind, fmt, document, Options(**options))
    return out if isinstance(out, str) else "".join(out)


def map_text(assessment: Any, fmt: str, rows: list[Any] | None = None, **options: Any) -> str:
    """``stakes map`` of an assessment (all its touchpoints, or ``rows``) in ``fmt``."""
    from stakes.render.documents import MapDocument

    document = MapDocument(assessment, list(assessment) if rows is None else rows)
    return rendered("map", fmt, document, **options)


def report_text(assessment: Any, command: str = "stakes map PATH...", title: str = "") -> str:
    """``stakes report`` of an assessment."""
    from stakes.app.assess import report_document

    document = report_document(assessment, title or "Stakes report", command)
    return rendered("report", "md", document)


def codes(text: str | bytes, file: str = "j.yaml") -> list[tuple[str, int, int]]:
    """(code, line, col) of every finding for one file's text."""
    result, _ = stakes.load_text(text, file)
    return [(f.code, f.line, f.col) for f in result.findings]


def messages(text: str | bytes) -> list[str]:
    """Every finding's message for one file's text."""
    result, _ = stakes.load_text(text, "j.yaml")
    return [f"{f.code} {f.message} | {f.hint}" for f in result.findings]


@pytest.fixture
def valid_text() -> str:
    return VALID


def invoke(*args: str, input: str | bytes | None = None) -> Result:
    """Run the CLI in-process; a user error never surfaces as an exception or a traceback."""
    result = _runner.invoke(app, list(args), input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output as a pipe gets it: the width of the terminal the suite runs in never leaks in
    (a test that needs a width sets COLUMNS itself)."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in its own folder, outside any CI environment the suite itself runs in."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/golden/ from the current output",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare text with a golden file: a path, or a name under tests/golden/ (with
    --update-golden, write it instead)."""
    update = request.config.getoption("--update-golden")

    def check(name: str | Path, text: str) -> None:
        path = name if isinstance(name, Path) else ROOT / "tests" / "golden" / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        assert path.is_file(), f"no golden file {path}; run pytest --update-golden and review it"
        expected = path.read_bytes().decode("utf-8")  # keep CRLF (CSV) as written
        assert text == expected, (
            f"{path.name} differs; run pytest --update-golden and review the diff"
        )

    return check
