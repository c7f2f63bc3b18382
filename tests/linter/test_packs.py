"""The rule packs of the default policy, one jurisdiction at a time (issue #11): a journey built
to fail every check a pack turns on fails each with the jurisdiction and its source named, and
the same journey fixed passes (tests/data/packs/). Then what decides which packs apply (the
journey's own list, else [tool.stakes] jurisdictions), a team policy that changes or switches
off a law's rule, and one finding per touchpoint for every jurisdiction it fails."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, invoke
from linting import write

from stakes.assessment.policy_file import default_policy
from stakes.findings import Finding, Severity
from stakes.linter.run import lint

DATA = ROOT / "tests" / "data" / "packs"

#: Where each pack's failing journey fails: (code, line, col).
FAILS: dict[str, list[tuple[str, int, int]]] = {
    "eu": [
        ("STK601", 19, 23),
        ("STK606", 28, 36),
        ("STK612", 28, 80),
        ("STK609", 29, 24),
        ("STK605", 30, 26),
        ("STK611", 37, 19),
        ("STK613", 37, 19),
    ],
    "uk": [
        ("STK611", 21, 76),
        ("STK612", 21, 76),
        ("STK608", 22, 26),
        ("STK604", 22, 47),
        ("STK605", 37, 36),
        ("STK606", 37, 36),
        ("STK613", 39, 19),
    ],
    "es": [("STK602", 16, 21), ("STK608", 24, 26), ("STK603", 24, 84)],
    "us-ca": [("STK601", 17, 23), ("STK613", 19, 19), ("STK614", 26, 24)],
    "us-ut": [("STK601", 18, 23), ("STK601", 23, 21)],
    "us-cfpb": [
        ("STK608", 17, 26),
        ("STK607", 17, 51),
        ("STK602", 30, 26),
        ("STK602", 34, 21),
    ],
}


def compliance(findings: tuple[Finding, ...] | list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code.startswith("STK6")]


def format_findings(findings: tuple[Finding, ...]) -> list[str]:
    """Findings about the file or its values (STK0xx): the test journeys have none."""
    return [f"{f.location} {f.code} {f.message}" for f in findings if f.code.startswith("STK0")]


def test_every_pack_of_the_default_policy_has_its_journeys() -> None:
    assert sorted(FAILS) == sorted(default_policy().packs)
    assert sorted(p.name for p in DATA.iterdir()) == sorted(
        f"{pack}-{how}.yaml" for pack in FAILS for how in ("fails", "fixed")
    )


@pytest.mark.parametrize("pack", FAILS)
def test_a_journey_fails_every_check_its_pack_turns_on(pack: str) -> None:
    result = lint([str(DATA / f"{pack}-fails.yaml")])
    assert format_findings(result.findings) == []
    found = compliance(result.findings)
    assert sorted((f.code, f.line, f.col) for f in found) == sorted(FAILS[pack])
    rules = default_policy().packs[pack].enabled()
    # Every check the pack turns on fails, and nothing else does.
    assert {f.rule.name for f in found} == {r.id for r in rules}
    sources = {r.id: r.source for r in rules}
    for f in found:
        assert f.message.endswith(f"({pack}: {sources[f.rule.name]})"), f.message
        # Each as severe as its rule says: errors, but for a data use left unsaid (STK612).
        assert f.severity is (Severity.WARNING if f.code == "STK612" else Severity.ERROR)
        assert f.hint


@pytest.mark.parametrize("pack", FAILS)
def test_the_same_journey_fixed_passes_its_pack(pack: str) -> None:
    result = lint([str(DATA / f"{pack}-fixed.yaml")])
    assert format_findings(result.findings) == []
    assert [f"{f.location} {f.code} {f.message}" for f in compliance(result.findings)] == []


@pytest.mark.parametrize("pack", FAILS)
def test_an_empty_list_checks_no_law_and_a_repeated_one_checks_it_once(
    pack: str, tmp_path: Path
) -> None:
    text = (DATA / f"{pack}-fails.yaml").read_text(encoding="utf-8")
    assert f"jurisdictions: [{pack}]\n" in text
    for given, failing in (("[]", False), (f"[{pack}, {pack}]", True)):
        edited = text.replace(f"jurisdictions: [{pack}]", f"jurisdictions: {given}")
        found = compliance(lint([str(write(tmp_path / "j.yaml", edited))]).findings)
        assert bool(found) is failing
        # A jurisdiction named twice is checked once, and named once.
        assert all(f.message.count(f"({pack}: ") == 1 for f in found)


def test_a_message_says_what_is_wrong_and_how_to_fix_it() -> None:
    (f,) = [f for f in lint([str(DATA / "us-ca-fails.yaml")]).findings if f.code == "STK601"]
    assert f.message == (
        "the AI relies on being obviously an AI; the law asks for at-start or throughout "
        "(us-ca: California Business and Professions Code §17941)"
    )
    assert f.hint == "tell customers they are talking to an AI: discloses_ai: at-start"
    assert f.path == "stages[0].touchpoints[0].discloses_ai"
    assert f.subject == "upgrade/sales-bot"
    found = compliance(lint([str(DATA / "es-fails.yaml")]).findings)
    (slow,) = [f for f in found if f.code == "STK603"]
    assert slow.message.startswith(
        "a person answers within 15m of the hand-over, later than the law's 3m (es: Spain"
    )
    (gap,) = [f for f in found if f.code == "STK608"]
    assert gap.message.startswith(
        "the bot runs 24/7 (Europe/Madrid), but the people it hands over to (orders/care-team) "
        "are there mon-fri 09:00-18:00 (Europe/Madrid): nobody answers fri 18:00-mon 09:00 and "
        "4 other times a week, and there is no out-of-hours fallback (es: Spain"
    )


# --- one finding per touchpoint, for every jurisdiction that fails it ---------------------------

BOT = textwrap.dedent(
    """\
    journey: web-help
    title: Getting help online
    owner: cx-team
    jurisdictions: {jurisdictions}
    stages:
      - id: ask
        title: Asks a question
        touchpoints:
          - id: assistant
            title: The assistant answers
            channel: chat
            handled_by: ai
            {disclosure}
            escalation: {{to: agent, triggers: [customer-request]}}
          - id: agent
            title: An agent answers
            channel: chat
            handled_by: human
            signals: {{emotion: calm}}
    """
)


def lint_bot(tmp_path: Path, jurisdictions: str, disclosure: str) -> list[Finding]:
    text = BOT.format(jurisdictions=jurisdictions, disclosure=disclosure)
    return compliance(lint([str(write(tmp_path / "j.yaml", text))]).findings)


def test_one_finding_names_every_jurisdiction_whose_law_a_touchpoint_breaks(
    tmp_path: Path,
) -> None:
    (f,) = lint_bot(tmp_path, "[eu, us-ca, us-ut]", "discloses_ai: on-request")
    assert (f.code, f.line, f.col) == ("STK601", 13, 23)
    # Each law with what it asks for; Utah accepts a disclosure on request, and is not named.
    assert f.message == (
        "the AI says it is an AI only when asked; the law asks for at-start, throughout or "
        "obvious (eu: EU AI Act Art. 50(1) and 50(5)); the AI says it is an AI only when "
        "asked; the law asks for at-start or throughout (us-ca: California Business and "
        "Professions Code §17941)"
    )
    assert f.hint == "tell customers they are talking to an AI: discloses_ai: at-start"
    assert "us-ut" not in f.message


def test_jurisdictions_that_find_the_same_problem_share_it(tmp_path: Path) -> None:
    (f,) = lint_bot(tmp_path, "[eu, us-ca, us-ut]", "signals: {emotion: calm}")
    assert (f.code, f.line) == ("STK601", 12)
    assert f.message == (
        "the journey does not say whether the AI tells customers it is an AI (eu: EU AI Act "
        "Art. 50(1) and 50(5); us-ca: California Business and Professions Code §17941; us-ut: "
        "Utah Code §13-77-103 and §13-77-104)"
    )


def test_an_obvious_ai_is_enough_for_one_law_and_not_for_another(tmp_path: Path) -> None:
    # The EU wants the reason it is obvious; California wants a disclosure all the same. The
    # one finding says both, so that giving the reason does not hide what California asks.
    (f,) = lint_bot(tmp_path, "[eu, us-ca]", "discloses_ai: obvious")
    assert f.message.startswith("discloses_ai is obvious, but the journey does not say why")
    assert "(eu: EU AI Act" in f.message
    assert "the law asks for at-start or throughout (us-ca: California" in f.message
    assert "add disclosure_reason" in f.hint and "discloses_ai: at-start" in f.hint
    reason = "discloses_ai: obvious\n        disclosure_reason: A cartoon robot answers"
    (f,) = lint_bot(tmp_path, "[eu, us-ca]", reason)
    assert "(us-ca: California" in f.message and "eu:" not in f.message


# --- which packs apply: the journey's own list, else the project's ------------------------------


def es_journey(slug: str, jurisdictions: str | None) -> str:
    text = (DATA / "es-fails.yaml").read_text(encoding="utf-8").replace("orders", slug)
    line = "" if jurisdictions is None else f"jurisdictions: {jurisdictions}\n"
    return text.replace("jurisdictions: [es]\n", line)


def lint_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = invoke("lint", *args, "--format", "json")
    assert result.stdout, result.output
    return result.exit_code, json.loads(result.stdout)


def failed_by_file(doc: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in doc["findings"]:
        if f["code"].startswith("STK6"):
            out.setdefault(Path(f["file"]).name, []).append(f["code"])
    return {name: sorted(codes) for name, codes in out.items()}


@pytest.mark.usefixtures("in_tmp")
def test_the_project_jurisdictions_apply_to_journeys_that_name_none() -> None:
    write(Path("stakes.toml"), 'paths = ["journeys"]\njurisdictions = ["es"]\n')
    write(Path("journeys/none.yaml"), es_journey("none", None))
    write(Path("journeys/empty.yaml"), es_journey("empty", "[]"))
    write(Path("journeys/own.yaml"), es_journey("own", "[us-ca]"))
    write(Path("journeys/both.yaml"), es_journey("both", "[us-ca, es]"))
    code, doc = lint_json()
    assert code == 1
    # A journey's own list wins, even an empty one; the bots disclose at the start (us-ca).
    assert failed_by_file(doc) == {
        "none.yaml": ["STK602", "STK603", "STK608"],
        "both.yaml": ["STK602", "STK603", "STK608"],
    }
    # Without the configuration, a journey that names none is checked against no law.
    code, doc = lint_json("--isolated", "journeys")
    assert failed_by_file(doc) == {"both.yaml": ["STK602", "STK603", "STK608"]}


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize(
    "command", [("lint",), ("map",), ("report", "-o", "r.md")], ids=lambda c: c[0]
)
def test_an_unknown_jurisdiction_in_the_configuration_is_a_usage_error_at_its_place(
    command: tuple[str, ...],
) -> None:
    write(Path("journeys/orders.yaml"), es_journey("orders", None))
    write(Path("stakes.toml"), 'paths = ["journeys"]\n\njurisdictions = ["eu", "ue"]\n')
    result = invoke(*command)
    assert result.exit_code == 2
    assert "stakes.toml:3:24: no rule pack for jurisdiction 'ue'; did you mean 'eu'? " in (
        result.stderr
    )
    assert "the policy's packs are eu, uk, es, us-ca, us-ut, us-cfpb" in result.stderr
    assert not Path("r.md").exists()


@pytest.mark.usefixtures("in_tmp")
def test_a_jurisdiction_is_known_when_the_team_policy_adds_its_pack() -> None:
    write(Path("journeys/orders.yaml"), es_journey("orders", None))
    write(Path("stakes.toml"), 'paths = ["journeys"]\njurisdictions = ["es-madrid"]\n')
    write(
        Path("policy.yaml"),
        textwrap.dedent(
            """\
            extends: default
            packs:
              es-madrid:
                title: Madrid
                rules:
                  - id: person-unreachable
                    sentence: A person attends.
                    source: Madrid rule
            """
        ),
    )
    assert invoke("lint").exit_code == 2
    code, doc = lint_json("--policy", "policy.yaml")
    assert code == 1
    assert failed_by_file(doc) == {"orders.yaml": ["STK602"]}
    assert "(es-madrid: Madrid rule)" in doc["findings"][0]["message"]


def test_a_journey_that_misspells_a_jurisdiction_is_told_the_one_it_meant(
    tmp_path: Path,
) -> None:
    result = lint([str(write(tmp_path / "j.yaml", es_journey("orders", "[ue, us-ac, xyz]")))])
    hints = [f.hint for f in result.findings if f.code == "STK610"]
    assert [h.split("?")[0] for h in hints[:2]] == ["did you mean 'eu'", "did you mean 'us-ca'"]
    assert hints[2] == "the policy's packs are eu, uk, es, us-ca, us-ut, us-cfpb"


# --- a team policy and the law's rules ----------------------------------------------------------

SWITCHED_OFF = """\
extends: default
packs:
  es:
    rules:
      - id: response-target
        enabled: false
"""


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize(
    ("review", "position"),
    [("", "policy.yaml:6:18"), ("        reason: We are not covered\n", "policy.yaml:6:18")],
)
def test_switching_off_a_rule_of_the_law_without_a_review_is_an_unusable_policy(
    review: str, position: str
) -> None:
    write(Path("journeys/orders.yaml"), es_journey("orders", "[es]"))
    write(Path("policy.yaml"), SWITCHED_OFF + review)
    result = invoke("lint", "--isolated", "--policy", "policy.yaml", "journeys")
    assert result.exit_code == 2
    assert (
        f"{position}: STK021 invalid-policy: packs.es.rules[0].enabled: switching off a rule "
        "of the law is a reviewed decision: give its reason and approved_by"
    ) in result.stderr
    assert "the policy cannot be used" in result.stderr


@pytest.mark.usefixtures("in_tmp")
def test_a_reviewed_switch_turns_the_rule_off_and_only_it() -> None:
    write(Path("journeys/orders.yaml"), es_journey("orders", "[es]"))
    review = '        reason: "Fewer than 250 staff: not covered"\n        approved_by: legal\n'
    write(Path("policy.yaml"), SWITCHED_OFF + review)
    code, doc = lint_json("--isolated", "--policy", "policy.yaml", "journeys")
    assert code == 1
    assert failed_by_file(doc) == {"orders.yaml": ["STK602", "STK608"]}


def test_a_team_policy_that_changes_a_law_s_number_changes_the_findings(tmp_path: Path) -> None:
    fixed = str(DATA / "es-fixed.yaml")  # hand-overs within 3m and 90s
    assert compliance(lint([fixed]).findings) == []
    policy = write(
        tmp_path / "policy.yaml",
        "extends: default\npacks:\n  es:\n    rules:\n      - {id: response-target, within: 2m}\n",
    )
    (f,) = compliance(lint([fixed], policy=str(policy)).findings)
    assert (f.code, f.line, f.col) == ("STK603", 19, 84)
    assert f.message.startswith(
        "a person answers within 3m of the hand-over, later than the law's 2m (es: Spain"
    )
    assert f.hint == "staff the team to answer within 2m"


def test_a_pack_rule_takes_only_its_own_settings(tmp_path: Path) -> None:
    policy = write(
        tmp_path / "policy.yaml",
        "extends: default\npacks:\n  es:\n    rules:\n"
        "      - {id: person-unreachable, within: 2m}\n"
        "      - {id: response-target, within: null}\n",
    )
    result = invoke("lint", "--isolated", "--policy", str(policy), str(DATA / "es-fixed.yaml"))
    assert result.exit_code == 2
    assert "packs.es.rules[0].within: person-unreachable takes no 'within'" in result.stderr
    assert "packs.es.rules[1]: response-target needs 'within'" in result.stderr


# --- the other commands with jurisdictions set --------------------------------------------------


@pytest.mark.usefixtures("in_tmp")
def test_map_and_report_work_with_jurisdictions_set() -> None:
    for pack in FAILS:
        for how in ("fails", "fixed"):
            text = (DATA / f"{pack}-{how}.yaml").read_text(encoding="utf-8")
            text = text.replace(f"jurisdictions: [{pack}]\n", "")
            slug = text.split("\njourney: ")[1].split("\n")[0]
            text = text.replace(f"journey: {slug}\n", f"journey: {pack}-{how}\n")
            write(Path(f"journeys/{pack}-{how}.yaml"), text)
    write(Path("stakes.toml"), 'paths = ["journeys"]\njurisdictions = ["eu", "uk", "us-cfpb"]\n')
    mapped = invoke("map")
    assert mapped.exit_code == 0, mapped.output
    assert "eu-fails" in mapped.stdout and "us-cfpb-fixed" in mapped.stdout
    report = invoke("report", "-o", "r.md")
    assert report.exit_code == 0, report.output
    assert "us-ut-fails" in Path("r.md").read_text(encoding="utf-8")
    code, doc = lint_json()
    assert code == 1
    for pack in ("eu", "uk", "us-cfpb"):
        # Each journey fails the packs its own was written for, and not when it is fixed.
        named = {Path(f["file"]).name for f in doc["findings"] if f"({pack}: " in f["message"]}
        named |= {Path(f["file"]).name for f in doc["findings"] if f"; {pack}: " in f["message"]}
        assert f"{pack}-fails.yaml" in named and f"{pack}-fixed.yaml" not in named
    # The report's compliance section, per jurisdiction, and the same in JSON.
    text = Path("r.md").read_text(encoding="utf-8")
    section = text.split("## Compliance by jurisdiction\n")[1].split("\n## ")[0]
    assert "European Union (AI Act, GDPR) (`eu`) **" in section
    assert "| eu | STK601 ai-disclosure |" in section
    # Each failing moment is listed once: here, or in the section above that lists it.
    assert "(`eu-fails/" in text and "STK601 ai-disclosure (eu)" in text
    as_json = invoke("report", "--format", "json")
    packs = {p["jurisdiction"]: p for p in json.loads(as_json.stdout)["compliance"]}
    failed = {f["touchpoint"] for r in packs["eu"]["rules"] for f in r["failed"]}
    assert "eu-fails/assistant" in failed and not any(k.startswith("eu-fixed/") for k in failed)


# --- what the review of the packs found -----------------------------------------------------------


def test_every_check_a_pack_can_turn_on_is_a_rule_that_judges() -> None:
    from stakes.assessment.packs import CHECKS, SETTINGS
    from stakes.linter.rules import all_checks

    judges = {c.rule.name for c in all_checks() if c.judge is not None}
    assert set(CHECKS) == judges == set(SETTINGS)


def test_a_comment_that_silences_a_law_rule_is_told_where_to_go() -> None:
    text = (DATA / "us-ca-fails.yaml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "discloses_ai:" in x)
    text = text.replace(line, line + "  # stakes: ignore[STK601] Legal says we are fine.")
    result = lint([str(write(Path("/tmp") / f"stk503-{id(text)}.yaml", text))])
    (note,) = [f for f in result.findings if f.code == "STK503"]
    assert "is about the law" in note.message and "policy's pack" in note.hint


@pytest.mark.usefixtures("in_tmp")
def test_the_report_names_switched_off_rules_and_jurisdictions_with_no_pack() -> None:
    write(Path("journeys/orders.yaml"), es_journey("orders", "[es, xx]"))
    review = '        reason: "Fewer than 250 staff: not covered"\n        approved_by: legal\n'
    write(Path("policy.yaml"), SWITCHED_OFF + review)
    result = invoke("report", "--isolated", "--policy", "policy.yaml", "journeys")
    assert result.exit_code == 0, result.output
    assert "in the policy*: response-target, Fewer than 250 staff" in result.stdout
    assert "`xx`: **no rule pack**, nothing was checked (STK610)" in result.stdout
    data = json.loads(
        invoke(
            "report", "--isolated", "--policy", "policy.yaml", "--format", "json", "journeys"
        ).stdout
    )
    packs = {p["jurisdiction"]: p for p in data["compliance"]}
    assert packs["xx"]["known"] is False and packs["xx"]["rules"] == []
    assert packs["es"]["switched_off"][0]["approved_by"] == "legal"
    assert data["summary"]["failing_a_rule_of_the_law"] >= 1


def test_a_pack_names_only_standard_triggers(tmp_path: Path) -> None:
    policy = write(
        tmp_path / "policy.yaml",
        "extends: default\npacks:\n  uk:\n    rules:\n"
        "      - {id: vulnerability-unrouted, triggers: [vulnerability-detectd]}\n",
    )
    result = invoke("lint", "--isolated", "--policy", str(policy), str(DATA / "uk-fixed.yaml"))
    assert result.exit_code == 2
    assert "'vulnerability-detectd' is not a standard escalation trigger; did you mean" in (
        result.stderr
    )


def test_a_gap_only_in_summer_says_so_and_a_form_is_not_a_bot(tmp_path: Path) -> None:
    bot = textwrap.dedent(
        """\
        journey: billing
        title: Billing
        timezone: Europe/London
        jurisdictions: [uk]
        stages:
          - id: ask
            title: Asks
            touchpoints:
              - id: claim-form
                title: The claim form
                channel: web
                handled_by: self-service
                interaction: form
                hours: mon-fri 09:00-17:00
                escalation: {to: hub#team}
        """
    )
    hub = "journey: hub\ntitle: Hub\ntimezone: UTC\nstages:\n  - id: s\n    title: S\n"
    hub += "    touchpoints:\n      - {id: team, title: T, channel: phone, handled_by: human,"
    hub += " hours: mon-fri 09:00-17:00}\n"
    files = [write(tmp_path / "billing.yaml", bot), write(tmp_path / "hub.yaml", hub)]
    (f,) = [f for f in lint([str(p) for p in files]).findings if f.code == "STK608"]
    assert f.message.startswith("the form runs mon-fri 09:00-17:00 (Europe/London)")
    assert "nobody answers mon 09:00-10:00 and 4 other times a week in summer time," in f.message


def test_a_journey_s_time_zone_is_never_this_machine_s() -> None:
    from stakes.journey.values import zone_name

    for name in ("localtime", "posixrules"):
        with pytest.raises(ValueError, match="is not a time zone"):
            zone_name(name)


def test_a_misspelt_setting_of_a_pack_rule_gets_the_setting_it_meant(tmp_path: Path) -> None:
    policy = write(
        tmp_path / "policy.yaml",
        "extends: default\npacks:\n  eu:\n    rules:\n"
        "      - {id: ai-disclosure, acepts: [at-start]}\n",
    )
    result = invoke("policy", str(policy))
    assert result.exit_code == 2
    assert "packs.eu.rules[0].acepts: unknown key 'acepts' (hint: did you mean 'accepts'?)" in (
        result.stderr
    )
