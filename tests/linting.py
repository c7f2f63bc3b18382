"""Small journeys and helpers the lint tests share: a warning-only journey, a verdict error,
a clean one, and running the command line in-process."""

from __future__ import annotations

import textwrap
from pathlib import Path

from stakes.linter.result import LintResult
from stakes.linter.run import lint

#: Only a warning: STK202 at 12:53 (the value of keeps_context).
DROPS = textwrap.dedent(
    """\
    journey: support
    title: Getting help
    owner: care-team
    stages:
      - id: ask
        title: Reports a suspicious payment
        touchpoints:
          - id: fraud-bot
            title: Tells the bot about the payment
            channel: chat
            handled_by: ai
            escalation: {to: fraud-team, keeps_context: false}
            signals: {emotion: anxious}
          - id: fraud-team
            title: Talks to the fraud team
            channel: phone
            handled_by: human
            signals: {emotion: anxious}
    """
)
DROPS_AT = ("STK202", 12, 53)

#: A verdict error: STK101 at 11:21 (the value of handled_by).
HUMAN_ONLY = textwrap.dedent(
    """\
    journey: bereavement
    title: Reporting a death
    owner: care-team
    stages:
      - id: tell
        title: Tells us a relative died
        touchpoints:
          - id: bereavement-chat
            title: Tells the bot a relative died
            channel: chat
            handled_by: ai
            signals: {emotion: grieving, vulnerability: likely}
            escalation: {to: bereavement-team}
          - id: bereavement-team
            title: Talks to the bereavement team
            channel: phone
            handled_by: human
            signals: {emotion: grieving, vulnerability: likely}
    """
)
HUMAN_ONLY_AT = ("STK101", 11, 21)

#: Clean under the default policy.
CLEAN = DROPS.replace("keeps_context: false", "keeps_context: true")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def found(result: LintResult) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.col) for f in result.findings]


def lint_text(tmp_path: Path, text: str, name: str = "j.yaml") -> LintResult:
    return lint([str(write(tmp_path / name, text))])


def above(text: str, anchor: str, comment: str) -> str:
    """``text`` with ``comment`` on its own line above the line holding ``anchor``."""
    lines = text.splitlines(keepends=True)
    (i,) = [n for n, line in enumerate(lines) if anchor in line]
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    return "".join([*lines[:i], f"{indent}{comment}\n", *lines[i:]])


def trailing(text: str, anchor: str, comment: str) -> str:
    """``text`` with ``comment`` at the end of the line holding ``anchor``."""
    return text.replace(anchor, f"{anchor}  {comment}", 1)


def a_portfolio(root: Path) -> None:
    """A folder of journeys: a warning, a verdict error, an empty file and a clean one."""
    write(root / "journeys" / "fraud.yaml", DROPS)
    write(root / "journeys" / "care" / "bereavement.yaml", HUMAN_ONLY.replace("owner:", "# o:"))
    write(root / "journeys" / "care" / "empty.yaml", "")
    write(root / "journeys" / "ok.yaml", CLEAN.replace("journey: support", "journey: ok"))
