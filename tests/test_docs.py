"""The docs' examples are real: the example policy loads, the worked example adds up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import JOURNEYS, ROOT

from stakes.assessment.engine import assess
from stakes.assessment.policy_file import load_policy
from stakes.assessment.scoring import Scorer
from stakes.journey.signals import Signals

DOCS = ROOT / "docs"


def test_the_example_team_policy_loads_and_its_rules_work(tmp_path: Path) -> None:
    text = (DOCS / "policy.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
    (tmp_path / "team.yaml").write_text(example, encoding="utf-8")
    policy = load_policy(str(tmp_path / "team.yaml"))
    assert policy.policy == "acme-support"
    scorer = Scorer(policy)
    fired = scorer.score(Signals(money_at_stake=1500, needs_authority=True)).hard_rules
    assert "chargeback" in {r.id for r in fired}
    assert "safety" not in {r.id for r in scorer.score(Signals(safety=True)).hard_rules}
    assert "looping" in {r.id for r in scorer.score(Signals(prior_contacts=2)).hard_rules}


def test_the_worked_example_matches_the_engine() -> None:
    text = (DOCS / "scoring.md").read_text(encoding="utf-8")
    section = text[text.index("## A worked example") :]
    rows = re.findall(r"^\| (\w+) \| .*? \| (\d+) \|$", section, flags=re.MULTILINE)
    shown = {name: int(points) for name, points in rows}
    total = int(re.search(r"\*\*stakes score\*\* \| \| \*\*(\d+)\*\*", section).group(1))  # type: ignore[union-attr]
    found = assess(str(JOURNEYS / "billing-dispute.yaml")).find("billing-dispute/billing-chat")
    assert found is not None
    points = {f.name: f.points for f in found.result.factors}
    # Every row is the engine's, and every factor with points has a row.
    assert shown == {name: n for name, n in points.items() if n or name in shown}
    assert total == found.result.score == sum(shown.values())


def test_the_python_api_doc_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/api.md's example is real: it runs from the repository's root, asserts included."""
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    monkeypatch.chdir(ROOT)
    exec(compile(example, "docs/api.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 3 and all(line.split()[2] in ("high", "critical") for line in printed)
