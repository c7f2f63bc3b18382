"""``stakes diff`` on real git repositories made here (issue #15): a handler moved to a bot, a
renamed file, an override that expires, a softened verdict, folders, a shallow clone with the
base missing, and the gates."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, invoke

import stakes

LOAN = (ROOT / "journeys" / "loan-hardship.yaml").read_text(encoding="utf-8")
BILLING = (ROOT / "journeys" / "billing-dispute.yaml").read_text(encoding="utf-8")
AS_OF = ("--as-of", "2026-11-26", "--isolated")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def repo(at: Path) -> Path:
    """A repository with the loan and billing journeys on main, one commit."""
    at.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main", cwd=at)
    git("config", "user.email", "cx@example.com", cwd=at)
    git("config", "user.name", "CX", cwd=at)
    (at / "journeys").mkdir()
    (at / "journeys" / "loan-hardship.yaml").write_text(LOAN, encoding="utf-8")
    (at / "journeys" / "billing-dispute.yaml").write_text(BILLING, encoding="utf-8")
    git("add", ".", cwd=at)
    git("commit", "-qm", "journeys", cwd=at)
    return at


def commit(at: Path, message: str) -> None:
    git("add", "-A", cwd=at)
    git("commit", "-qm", message, cwd=at)


def to_bot(text: str) -> str:
    """The debt advice referral (human-only) handed to a bot."""
    old = (
        "title: Is referred to a free debt advice charity\n        channel: phone\n"
        "        handled_by: human"
    )
    assert old in text
    return text.replace(old, old.replace("handled_by: human", "handled_by: ai"))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    at = repo(tmp_path / "repo")
    monkeypatch.chdir(at)
    return at


def test_a_moment_moved_to_a_bot_trips_the_gate_and_leads_the_comment(here: Path) -> None:
    (here / "journeys" / "loan-hardship.yaml").write_text(to_bot(LOAN), encoding="utf-8")
    commit(here, "hand the referral to the bot")
    result = invoke("diff", "main~1", "main", "journeys", "--format", "md", *AS_OF)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "<!-- stakes-diff -->"  # a bot finds and updates its one comment
    assert lines[3].startswith("**1 moment moves to a bot against the verdict; ")
    assert "| **handled by human → ai; fit aligned → over-automated** |" in result.stdout
    gated = invoke("diff", "main~1", "main", "journeys", "--fail-on", "new-over-automation", *AS_OF)
    assert gated.exit_code == 1
    # The work tree is the default head, and it is read as it is, uncommitted changes too.
    (here / "journeys" / "loan-hardship.yaml").write_text(LOAN, encoding="utf-8")
    back = invoke("diff", "main", ".", "journeys", "--format", "json", *AS_OF)
    assert back.exit_code == 0, back.output
    # (base main, head the work tree: the referral goes back to a person)
    data = json.loads(back.stdout)
    (change,) = [c for c in data["changes"] if c["touchpoint"].endswith("debt-advice-referral")]
    assert change["before"]["handled_by"] == "ai" and change["after"]["handled_by"] == "human"


def test_a_renamed_file_keeps_its_moments(here: Path) -> None:
    git("mv", "journeys/billing-dispute.yaml", "journeys/billing.yaml", cwd=here)
    commit(here, "rename")
    result = invoke("diff", "main~1", "main", "journeys", "--format", "json", *AS_OF)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["changes"] == [] and data["summary"]["new_findings"] == 0
    assert data["summary"]["text"].startswith("No change in who handles which moment")


def test_an_override_that_expires_soon_is_named(here: Path) -> None:
    text = LOAN.replace(
        "      - id: payment-holiday-decision\n",
        "      - id: payment-holiday-decision\n"
        "        override: {verdict: assist, reason: A specialist signs each one., "
        "approved_by: head-of-collections, expires: 2026-12-10}\n",
        1,
    )
    (here / "journeys" / "loan-hardship.yaml").write_text(text, encoding="utf-8")
    commit(here, "override")
    changes = stakes.diff("main~1", "main", "journeys", as_of="2026-11-26", window=30)
    assert changes.expiring == (("loan-hardship/payment-holiday-decision", "2026-12-10", 14),)
    (change,) = [c for c in changes.changes if c.key.endswith("payment-holiday-decision")]
    assert change.softened and "override to assist added (applied)" in change.what()
    result = invoke("diff", "main~1", "main", "journeys", *AS_OF, "--fail-on", "verdict-softened")
    assert result.exit_code == 1
    assert "expires in 14 days (2026-12-10)" in result.stdout.splitlines()[1]
    # The same as a DataFrame, a row per changed moment.
    frame = changes.to_frame()
    assert list(frame["touchpoint"]) == [c.key for c in changes.changes]


def test_folders_are_compared_as_they_are(tmp_path: Path) -> None:
    for side, text in (("before", LOAN), ("after", to_bot(LOAN))):
        (tmp_path / side).mkdir()
        (tmp_path / side / "loan.yaml").write_text(text, encoding="utf-8")
    changes = stakes.diff(str(tmp_path / "before"), str(tmp_path / "after"), as_of="2026-11-26")
    assert [c.key for c in changes.changes if c.to_bot] == ["loan-hardship/debt-advice-referral"]


def test_a_shallow_clone_without_the_base_says_to_fetch_it(here: Path, tmp_path: Path) -> None:
    (here / "journeys" / "loan-hardship.yaml").write_text(to_bot(LOAN), encoding="utf-8")
    commit(here, "second")
    base = git("rev-parse", "main~1", cwd=here)
    clone = tmp_path / "shallow"
    git("clone", "-q", "--depth", "1", f"file://{here}", str(clone), cwd=tmp_path)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(clone)
        result = invoke("diff", base, "HEAD", "journeys", *AS_OF)
    assert result.exit_code == 2
    assert "is not a commit, branch or tag of this repository" in result.stderr
    assert "This is a shallow clone: fetch it" in result.stderr and "fetch-depth: 0" in (
        result.stderr
    )


def test_journeys_with_errors_at_a_revision_stop_the_comparison(here: Path) -> None:
    (here / "journeys" / "loan-hardship.yaml").write_text(
        LOAN.replace("channel: sms", "channel: pager", 1), encoding="utf-8"
    )
    commit(here, "typo")
    result = invoke("diff", "main~1", "main", "journeys", *AS_OF)
    assert result.exit_code == 2 and not result.stdout
    assert "main: journeys/loan-hardship.yaml:" in result.stderr and "STK013" in result.stderr
    assert "no comparison: the journeys at main have errors" in result.stderr


def test_an_unknown_gate_is_a_usage_error(here: Path) -> None:
    result = invoke("diff", "main", "main", "journeys", "--fail-on", "new-over-automaton", *AS_OF)
    assert result.exit_code == 2
    assert "--fail-on 'new-over-automaton': use one of new-over-automation" in result.stderr


def test_the_work_tree_is_never_touched(here: Path) -> None:
    (here / "journeys" / "loan-hardship.yaml").write_text(to_bot(LOAN), encoding="utf-8")
    commit(here, "second")
    (here / "journeys" / "draft.yaml").write_text("not: [a journey\n", encoding="utf-8")
    status = git("status", "--porcelain", cwd=here)
    result = invoke("diff", "main~1", "main", "journeys", *AS_OF)
    assert result.exit_code == 0, result.output  # the draft is not in either commit
    assert git("status", "--porcelain", cwd=here) == status


def test_a_renamed_touchpoint_is_followed_by_its_title(here: Path) -> None:
    text = BILLING.replace("id: invoice-faq", "id: billing-help-article", 1)
    (here / "journeys" / "billing-dispute.yaml").write_text(text, encoding="utf-8")
    commit(here, "rename a touchpoint")
    changes = stakes.diff("main~1", "main", "journeys", as_of="2026-11-26")
    (change,) = changes.changes
    assert change.key == "billing-dispute/billing-help-article"
    assert change.renamed_from == "billing-dispute/invoice-faq"
    assert change.status == "changed" and change.what() == ["renamed from invoice-faq"]
    assert change.new == change.fixed == ()  # its findings went with it


def test_sarif_gives_every_result_its_baseline_state(here: Path) -> None:
    import jsonschema

    text = to_bot(LOAN).replace(
        "prior_contacts: 3\n          repeat_contact_rate: 0.15",
        ("prior_contacts: 0\n          repeat_contact_rate: 0.15"),
        1,
    )
    (here / "journeys" / "loan-hardship.yaml").write_text(text, encoding="utf-8")
    commit(here, "a bot, and no loop")
    result = invoke("diff", "main~1", "main", "journeys", "--format", "sarif", *AS_OF)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    schema_file = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [e.message for e in validator.iter_errors(doc)] == []
    results = doc["runs"][0]["results"]
    states = {r["baselineState"] for r in results}
    assert states <= {"new", "unchanged", "updated", "absent"} and len(results) > 0
    by = {
        (r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]): r
        for r in results
        if "logicalLocations" in r["locations"][0]
    }
    assert by[("STK101", "loan-hardship/debt-advice-referral")]["baselineState"] == "new"
    assert by[("STK102", "loan-hardship/plan-checkin")]["baselineState"] == "absent"
    assert by[("STK613", "loan-hardship/payments-assistant")]["baselineState"] == "unchanged"
    # The same counts as the change set's, one matching for both: an updated finding (the
    # same rule at the same moment, another message) is neither new nor fixed.
    changes = stakes.diff("main~1", "main", "journeys", as_of="2026-11-26")
    n = changes.counts()
    count = {state: sum(r["baselineState"] == state for r in results) for state in states}
    assert n["new_findings"] == count.get("new", 0)
    assert n["fixed_findings"] == count.get("absent", 0)
    assert n["unchanged_findings"] == count["unchanged"] + count.get("updated", 0)


def test_a_policy_change_shows_with_the_policy_of_each_revision(here: Path) -> None:
    policy = here / "policy.yaml"
    policy.write_text("extends: default\npolicy: acme\nversion: '1'\n", encoding="utf-8")
    commit(here, "a team policy")
    off = "rules:\n  - id: vulnerable-and-distressed\n    enabled: false\n"
    policy.write_text(f"extends: default\npolicy: acme\nversion: '2'\n{off}", encoding="utf-8")
    commit(here, "the vulnerable-and-distressed rule off")
    args = ("main~1", "main", "journeys", "--policy", "policy.yaml", "--format", "json", *AS_OF)
    # Today's policy for both sides: the journeys did not change, so nothing did.
    same = json.loads(invoke("diff", *args).stdout)
    assert same["changes"] == []
    # Each side with its own: the rule no longer applies, verdicts soften.
    result = invoke("diff", *args, "--policy-per-revision")
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["changes"]
    gone = "hard rule vulnerable-and-distressed no longer applies"
    assert any(gone in c["what"] for c in changes)
    assert any(c["verdict_softened"] for c in changes)
    # A policy that is not in the base is a clear error.
    missing = invoke(
        "diff",
        "main~2",
        "main",
        "journeys",
        "--policy",
        "policy.yaml",
        "--policy-per-revision",
        *AS_OF,
    )
    assert missing.exit_code == 2 and "policy.yaml is not in main~2" in missing.stderr


def test_with_a_contact_log_each_changed_moment_says_what_the_log_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = tmp_path / "repo"
    at.mkdir()
    git("init", "-q", "-b", "main", cwd=at)
    git("config", "user.email", "cx@example.com", cwd=at)
    git("config", "user.name", "CX", cwd=at)
    journey = (ROOT / "examples" / "marketplace-service.yaml").read_text(encoding="utf-8")
    (at / "service.yaml").write_text(journey, encoding="utf-8")
    commit(at, "the service")
    (at / "service.yaml").write_text(
        journey.replace("handled_by: human", "handled_by: ai", 1), encoding="utf-8"
    )
    commit(at, "fraud reports to the bot")
    monkeypatch.chdir(at)
    log = str(ROOT / "examples" / "marketplace-contacts.csv")
    args = ("HEAD~1", "HEAD", "service.yaml", "--evidence", log, "--column", "handled_by=channel")
    result = invoke("diff", *args, "--format", "json", *AS_OF)
    assert result.exit_code == 0, result.output
    (change,) = json.loads(result.stdout)["changes"]
    assert change["touchpoint"] == "marketplace-service/fraud" and change["to_bot_against_verdict"]
    seen = change["in_the_log"]
    assert (seen["contacts"], seen["customers"], seen["ai_share"]) == (4, 4, 0)
    assert seen["resolution_rate"] == 1
    # Not scored: the log does not change what the diff compares.
    assert change["after"]["stakes_score"] == change["before"]["stakes_score"]
    md = invoke("diff", *args, "--format", "md", *AS_OF).stdout
    assert "| findings | in the contact log |" in md
    assert "| 4 contacts from 4 customers; AI 0%, deflection -, resolution 100% |" in md


def test_a_stakes_change_names_the_factors_that_moved() -> None:
    data = ROOT / "tests" / "data" / "diff"
    changes = stakes.diff(str(data / "base"), str(data / "head"), as_of="2026-11-26")
    (checkin,) = [c for c in changes.changes if c.key == "loan-hardship/plan-checkin"]
    assert "stakes 39 moderate → 31 moderate (prior contacts -8)" in checkin.what()
    assert "hard rule looping no longer applies" in checkin.what()


def test_the_configurations_paths_are_read_at_each_revision(here: Path) -> None:
    # The configuration's paths are absolute: they were read from the work tree at both sides.
    (here / "stakes.toml").write_text('paths = ["journeys"]\n', encoding="utf-8")
    (here / "journeys" / "loan-hardship.yaml").write_text(to_bot(LOAN), encoding="utf-8")
    commit(here, "a bot")
    result = invoke("diff", "main~1", "main", "--as-of", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert "1 moment moves to a bot against the verdict" in result.stdout
    baseline = invoke("lint", "--as-of", "2026-11-26", "--baseline", "main~1", "--format", "json")
    found = json.loads(baseline.stdout)["findings"]
    assert found and all(f["subject"].startswith("loan-hardship/") for f in found)


def test_a_path_at_neither_revision_is_an_error(here: Path) -> None:
    result = invoke("diff", "main", "main", "jouneys", *AS_OF)
    assert result.exit_code == 2
    assert "jouneys: not at main, nor at main" in result.stderr


def test_a_renamed_folder_from_a_subfolder_changes_nothing(here: Path) -> None:
    git("mv", "journeys", "cx", cwd=here)
    (here / "docs").mkdir()
    (here / "docs" / "keep.txt").write_text("x", encoding="utf-8")
    commit(here, "rename the folder")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(here / "docs")
        result = invoke(
            "diff", "main~1", "main", "../journeys", "../cx", "--format", "sarif", *AS_OF
        )
    assert result.exit_code == 0, result.output
    states = {r["baselineState"] for r in json.loads(result.stdout)["runs"][0]["results"]}
    assert states == {"unchanged"}  # not one finding new or gone
    assert "stakes-diff-" not in result.stdout  # no temporary folder in a file's address


def test_a_submodule_or_a_link_in_the_tree_is_not_a_journey(here: Path) -> None:
    sha = git("rev-parse", "HEAD", cwd=here)
    git("update-index", "--add", "--cacheinfo", f"160000,{sha},journeys/vendored", cwd=here)
    (here / "journeys" / "link.yaml").symlink_to("loan-hardship.yaml")
    commit(here, "a submodule and a link")
    (here / "journeys" / "link.yaml").unlink()  # the work tree is not read here
    result = invoke("diff", "main~1", "main", "journeys", *AS_OF)
    assert result.exit_code == 0, result.output
    assert "No change in who handles which moment" in result.stdout


def test_a_name_that_is_both_a_branch_and_a_folder_is_asked_about(here: Path) -> None:
    git("branch", "journeys", cwd=here)
    result = invoke("diff", "journeys", "main", "journeys", *AS_OF)
    assert result.exit_code == 2
    assert "'journeys' is both a folder or file and a git revision: write ./journeys" in (
        result.stderr
    )
    assert invoke("diff", "refs/heads/journeys", "main", "journeys", *AS_OF).exit_code == 0


def test_outside_a_repository_a_ref_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = invoke("diff", "main", "HEAD", "journeys", *AS_OF)
    assert result.exit_code == 2 and not result.stdout
    assert "main: not a folder or file, and this is not a git repository" in result.stderr
    assert "Traceback" not in result.output
