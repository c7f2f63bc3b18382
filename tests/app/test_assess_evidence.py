"""Evidence in the assessment: map and report --evidence score with observed signals."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from stakes.assessment.engine import assess
from stakes.assessment.touchpoints import Observation
from stakes.cli import app

EXAMPLES = ROOT / "examples"
JOURNEY = str(EXAMPLES / "marketplace-service.yaml")
LOG = str(EXAMPLES / "marketplace-contacts.csv")
OPTIONS = ["--evidence", LOG, "--column", "handled_by=channel", "--min-contacts", "3"]


@dataclass
class Seen:
    contacts: int
    rate: float | None
    prior: int | None

    def updates(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {}
        if self.rate is not None:
            out["repeat_contact_rate"] = self.rate
        if self.prior is not None:
            out["prior_contacts"] = self.prior
        return out


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_observed_signals_replace_the_declared_ones_in_scoring() -> None:
    declared = assess(JOURNEY)
    looping = assess(JOURNEY, observe=lambda key: Seen(40, 0.9, 5) if "returns" in key else None)
    before, after = (
        declared.find("marketplace-service/returns"),
        looping.find("marketplace-service/returns"),
    )
    assert before is not None and after is not None
    assert before.observation is None
    assert after.observation is not None
    assert after.observation.observed == {"repeat_contact_rate": 0.9, "prior_contacts": 5}
    assert after.observation.declared == {
        "repeat_contact_rate": before.touchpoint.signals.repeat_contact_rate,
        "prior_contacts": before.touchpoint.signals.prior_contacts,
    }
    # More repeat contacts and a looping customer raise the stakes; the looping rule fires.
    assert after.result.score > before.result.score
    assert "looping" in {r.id for r in after.result.hard_rules}
    # Touchpoints the log says nothing about keep their declared signals.
    other = looping.find("marketplace-service/shipping")
    assert other is not None and other.observation is None


def test_contradiction_thresholds() -> None:
    near = Observation(
        50,
        {"repeat_contact_rate": 0.2, "prior_contacts": 1},
        {"repeat_contact_rate": 0.29, "prior_contacts": 1},
    )
    assert near.contradicted == ()
    far = Observation(
        50,
        {"repeat_contact_rate": 0.2, "prior_contacts": 1},
        {"repeat_contact_rate": 0.3, "prior_contacts": 3},
    )
    assert far.contradicted == ("repeat_contact_rate", "prior_contacts")


def test_a_measure_without_a_value_leaves_the_declared_signal() -> None:
    a = assess(JOURNEY, observe=lambda key: Seen(40, None, None))
    assert all(t.observation is None for t in a)


def test_map_json_shows_declared_observed_and_contradicted() -> None:
    code, out, _ = run("map", JOURNEY, *OPTIONS, "--format", "json")
    assert code == 0
    by_key = {f"{t['journey']}/{t['touchpoint']}": t for t in json.loads(out)["touchpoints"]}
    returns = by_key["marketplace-service/returns"]["evidence"]
    assert returns["contacts"] == 16
    # 5 of its 8 customers come back (8 of its 16 contacts are followed by another).
    assert returns["observed"]["repeat_contact_rate"] == 0.625
    assert "repeat_contact_rate" in returns["contradicted"]
    assert (
        json.loads(run("map", JOURNEY, "--format", "json")[1])["touchpoints"][0]["evidence"] is None
    )


def test_map_csv_table_and_md_show_the_contradictions() -> None:
    _, out, _ = run("map", JOURNEY, *OPTIONS, "--format", "csv")
    rows = {r["touchpoint"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["returns"]["observed_repeat_contact_rate"] == "0.625"
    assert rows["returns"]["contradicted"] == "repeat_contact_rate prior_contacts"
    _, table, _ = run("map", JOURNEY, *OPTIONS)
    assert "Where the contact log disagrees with the journeys" in table
    assert "marketplace-service/returns: 62% of customers come back (declared 18%)" in table
    _, md, _ = run("map", JOURNEY, *OPTIONS, "--format", "md")
    assert "## Where the contact log disagrees with the journeys" in md


def test_report_says_deflection_is_not_resolution() -> None:
    code, out, _ = run("report", JOURNEY, *OPTIONS, "--as-of", "2026-11-26")
    assert code == 0
    section = out[out.index("## Deflection is not resolution") : out.index("## Escalation design")]
    lines = [line for line in section.splitlines() if line.startswith("| `")]
    # worst first: the most deflected-but-unresolved contacts
    assert lines[0].startswith("| `marketplace-service/returns` | 16 | 100% | 81% | 13 (100%)")
    assert "### Where the log contradicts the journeys" in section
    assert "## Deflection" not in run("report", JOURNEY, "--as-of", "2026-11-26")[1]


def test_no_customer_identifier_reaches_map_or_report() -> None:
    rows = list(csv.DictReader(io.StringIO(Path(LOG).read_text(encoding="utf-8"))))
    ids = {row["customer_id"] for row in rows}
    contacts = {row["contact_id"] for row in rows}
    for args in (["map", "--format", "json"], ["map", "--format", "csv"], ["map"], ["report"]):
        _, out, err = run(args[0], JOURNEY, *OPTIONS, *args[1:])
        for secret in ids | contacts:
            assert secret not in out and secret not in err, secret


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--evidence", "missing.csv"], "missing.csv"),
        (["--evidence", LOG, "--match", "x=marketplace-service/nowhere"], "no touchpoint"),
        (["--evidence", LOG, "--column", "touchpoint"], "--column"),
        (["--evidence", LOG, "--window", "soon"], "window"),
        (["--evidence", LOG, "--window", "99999999999999999999w"], "from 1m to 3650d"),
    ],
)
def test_a_bad_log_is_one_clear_line_and_exit_2(
    extra: list[str], message: str, tmp_path: Path
) -> None:
    out_file = tmp_path / "map.json"
    result = CliRunner().invoke(app, ["map", JOURNEY, *extra, "-o", str(out_file)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out_file.exists()


# --- issue #12: uncertainty, lower observations, who really handled the contacts -----------------


@dataclass
class Handled:
    labelled: int
    automated: int

    @property
    def people(self) -> int:
        return self.labelled - self.automated

    @property
    def automated_interval(self) -> tuple[float, float] | None:
        from stakes.evidence.uncertainty import interval

        return interval(self.automated, self.labelled)

    @property
    def people_interval(self) -> tuple[float, float] | None:
        from stakes.evidence.uncertainty import interval

        return interval(self.people, self.labelled)


@dataclass
class SeenWithin(Seen):
    intervals: dict[str, tuple[float, float] | None] | None = None
    handling: Handled | None = None


def test_a_difference_inside_the_interval_is_no_contradiction() -> None:
    # 2 customers in 20 (10%; 95% interval 2.8% to 30%) against a declared 25%: 15 points
    # apart, but a sample of 20 could give it.
    noisy = Observation(20, {"repeat_contact_rate": 0.25}, {"repeat_contact_rate": 0.1},
                        {"repeat_contact_rate": (0.028, 0.301)})  # fmt: skip
    assert noisy.contradicted == ()
    sure = Observation(2000, {"repeat_contact_rate": 0.25}, {"repeat_contact_rate": 0.1},
                       {"repeat_contact_rate": (0.087, 0.114)})  # fmt: skip
    assert sure.contradicted == ("repeat_contact_rate",)


def test_a_lower_observation_is_reported_and_never_softens_the_verdict() -> None:
    # returns declares 18% of customers coming back; the log shows none of 400.
    declared = assess(JOURNEY).find("marketplace-service/returns")
    calm = assess(
        JOURNEY,
        observe=lambda key: (
            SeenWithin(400, 0.0, None, {"repeat_contact_rate": (0.0, 0.01)})
            if key.endswith("/returns")
            else None
        ),
    ).find("marketplace-service/returns")
    assert declared is not None and calm is not None and calm.observation is not None
    assert calm.observation.contradicted  # the log does say fewer customers come back ...
    assert calm.observation.scored == ()  # ... but that is not scored
    assert (calm.result.score, calm.verdict) == (declared.result.score, declared.verdict)
    assert "lower than declared, so not scored" in calm.observation.contradictions()[0]


@pytest.mark.parametrize(
    ("labelled", "automated", "in_fact"),
    [
        (854, 221, True),  # the ai-ambassadors fraud contacts: 26% (23% to 29%)
        (20, 8, True),  # 40% (22% to 61%)
        (5, 1, False),  # 20%, but the interval reaches down to 3.6%
        (854, 0, False),
    ],
)
def test_bots_at_a_human_only_moment_are_over_automated_in_fact(
    labelled: int, automated: int, in_fact: bool
) -> None:
    a = assess(
        JOURNEY,
        observe=lambda key: (
            SeenWithin(labelled, None, None, {}, Handled(labelled, automated))
            if key.endswith("/fraud")
            else None
        ),
    )
    fraud = a.find("marketplace-service/fraud")
    assert fraud is not None and fraud.verdict == "human-only" and fraud.observation is not None
    assert (fraud.alignment == "over-automated") is in_fact
    assert bool(fraud.observation.in_fact) is in_fact
    if in_fact:
        assert f"{automated} of its {labelled} contacts" in (fraud.observation.in_fact or "")


def test_people_handling_a_bot_touchpoint_is_reported() -> None:
    a = assess(
        JOURNEY,
        observe=lambda key: (
            SeenWithin(829, None, None, {}, Handled(829, 216))
            if key.endswith("/shipping")
            else None
        ),
    )
    shipping = a.find("marketplace-service/shipping")
    assert shipping is not None and shipping.observation is not None
    assert "people handled 613 of its 829 contacts" in (
        shipping.observation.handled_otherwise or ""
    )
    assert shipping.alignment == "aligned"  # a person doing a bot's job is no risk


def test_the_report_counts_moments_over_automated_in_fact(tmp_path: Path) -> None:
    # 20 fraud reports: a chatbot closed 8 itself and passed 2 on; people handled 10.
    rows = ["contact_id,touchpoint,handled_by,escalated"]
    rows += [f"k{i},fraud,chatbot,{'yes' if i >= 8 else 'no'}" for i in range(10)]
    rows += [f"p{i},fraud,agent,no" for i in range(10)]
    (tmp_path / "fraud.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    args = ("--evidence", str(tmp_path / "fraud.csv"), "--as-of", "2026-11-26")
    code, out, _ = run("report", JOURNEY, *args)
    assert code == 0
    assert "**1** of them is handled or decided by a bot or self-service today" in out
    assert "; 1 over-automated in fact: the contact log shows bots handling them alone" in out
    assert "### Over-automated in fact" in out
    assert (
        "- `marketplace-service/fraud` (human-only): the verdict is human-only, but bots or "
        "self-service alone handled 8 of its 20 contacts with a known handler (40%; 95% "
        "interval 22% to 61%); 2 more were passed to a person: over-automated in fact"
    ) in out
    # The misalignment table says why a moment the journey gives to people is listed.
    assert "| human; bots in the contact log |" in out
    code, out, _ = run("lint", JOURNEY, "--evidence", str(tmp_path / "fraud.csv"))
    assert code == 1 and "STK104 over-automated-in-fact" in out


def test_the_report_never_says_the_log_agrees_about_what_it_did_not_measure(
    tmp_path: Path,
) -> None:
    rows = list(csv.DictReader(io.StringIO(Path(LOG).read_text(encoding="utf-8"))))
    anonymous = tmp_path / "anonymous.csv"
    with anonymous.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, [k for k in rows[0] if k != "customer_id"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: v for k, v in row.items() if k != "customer_id"})
    args = ("--evidence", str(anonymous), "--column", "handled_by=channel", "--min-contacts", "3")
    code, out, _ = run("report", JOURNEY, *args, "--as-of", "2026-11-26")
    assert code == 0
    assert "agree" not in out
    assert "Repeat contacts and prior contacts were not measured" in out


def test_one_customer_is_not_a_rate(tmp_path: Path) -> None:
    # 20 contacts on returns, all from one customer: a story, not a repeat-contact rate.
    rows = ["contact_id,customer_id,timestamp,touchpoint,channel"]
    rows += [f"k{i},solo,2025-09-{1 + i % 20:02d} 10:00,returns,chatbot" for i in range(20)]
    (tmp_path / "one.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, _ = run("map", JOURNEY, "--evidence", str(tmp_path / "one.csv"), "--format", "json")
    assert code == 0
    returns = next(t for t in json.loads(out)["touchpoints"] if t["touchpoint"] == "returns")
    assert returns["evidence"] is None  # neither repeat nor prior contacts is compared
    assert "looping" not in {r["id"] for r in returns["reasons"]["rules"]}


def test_too_few_contacts_compare_nothing_and_say_so() -> None:
    args = ("--evidence", LOG, "--column", "handled_by=channel")  # no touchpoint has 20
    code, out, err = run("report", JOURNEY, *args, "--as-of", "2026-11-26")
    assert code == 0
    assert "no touchpoint has 20 contacts in the log (most: marketplace-service/returns, 16)" in err
    assert "nothing was checked" in out and "agree" not in out


def test_map_report_and_lint_measure_a_period() -> None:
    args = (*OPTIONS, "--format", "json")
    whole = json.loads(run("map", JOURNEY, *args)[1])
    late = json.loads(run("map", JOURNEY, *args, "--since", "2025-09-15")[1])
    contacts = {
        t["touchpoint"]: (t["evidence"] or {}).get("contacts") for t in whole["touchpoints"]
    }
    later = {t["touchpoint"]: (t["evidence"] or {}).get("contacts") for t in late["touchpoints"]}
    assert later["returns"] is not None and later["returns"] < contacts["returns"]
    bad = {
        "--until": "--until 'soon': give a date such as 2025-03-31, or 2025-03-31T18:00",
        "--target": "--target 'soon': give a duration such as 7d, 48h, 2w or 90m",
    }
    for option, said in bad.items():
        for command in (["map", JOURNEY, "--evidence"], ["evidence", "-j", JOURNEY]):
            code, out, err = run(*command, LOG, option, "soon")
            assert (code, out, err) == (2, "", f"stakes: error: {said}\n"), command
    code, out, err = run("lint", JOURNEY, "--evidence", "missing.csv")
    assert code == 2 and out == "" and "missing.csv" in err and "Traceback" not in err
    for command in ("map", "report", "lint"):
        code, out, err = run(command, JOURNEY, "--evidence", LOG, "--until", "soon")
        assert code == 2 and out == ""
        said = "--until 'soon': give a date such as 2025-03-31, or 2025-03-31T18:00"
        assert err == f"stakes: error: {said}\n"
