"""Unrecognised handler labels are named in the warning, unless they look like names."""

from __future__ import annotations

from pathlib import Path


def test_unrecognised_handler_labels_are_named_unless_they_look_like_names(
    tmp_path: Path,
) -> None:
    # The warning said "2 label(s) not recognised" without naming them (issue #17, item 16);
    # labels are categories, but a mis-mapped column may hold names: those stay unshown.
    from stakes.evidence.log import read_log

    log = tmp_path / "log.csv"
    log.write_text(
        "contact_id,touchpoint,handled_by\nT1,a,chatbot\nT2,a,bot_v2\nT3,a,Dave Hiddenname\n",
        encoding="utf-8",
    )
    _, report = read_log(str(log))
    (problem,) = report.problems
    assert problem.describe().startswith(
        "handled_by: 2 contact(s) with a label not recognised (2 labels: bot_v2, 1 not shown: "
        "they may be personal data) (row 2, 3)"
    )
    assert "Dave" not in problem.describe()


def test_labels_written_like_codes_are_named_in_every_format(tmp_path: Path) -> None:
    # Real logs write categories with capitals (Tier0-Bot, IVR); names stay unshown, and the
    # JSON problem carries the same labels as the warning.
    import json

    from conftest import invoke

    from stakes.evidence.privacy import looks_like_code

    assert all(map(looks_like_code, ["Tier0-Bot", "IVR", "bot-3", "Agent 7", "wa_flow_7"]))
    assert not any(map(looks_like_code, ["Dave", "Mary Jones", "a@b.com", "12345678"]))
    log = tmp_path / "log.csv"
    log.write_text(
        "contact_id,touchpoint,handled_by\nT1,a,Tier0-Bot\nT2,a,TIER2\nT3,a,Mary Jones\n",
        encoding="utf-8",
    )
    journey = tmp_path / "j.yaml"
    journey.write_text(
        "journey: j\ntitle: J\nowner: o\nstages:\n  - id: s\n    title: S\n    touchpoints:\n"
        "      - {id: a, title: A, channel: chat, handled_by: ai}\n",
        encoding="utf-8",
    )
    result = invoke("evidence", str(log), "-j", str(journey), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "(3 labels: TIER2, Tier0-Bot, 1 not shown: they may be personal data)" in result.stderr
    (problem,) = json.loads(result.stdout)["log"]["problems"]
    assert (problem["labels"], problem["unshown"]) == (["TIER2", "Tier0-Bot"], 1)
    assert "Mary" not in result.stdout + result.stderr


def test_map_and_report_with_a_log_say_what_in_it_could_not_be_used(tmp_path: Path) -> None:
    # The log's problems were only reported by stakes evidence; map and report used the
    # declared handling for unknown labels without a word (review).
    from conftest import ROOT, invoke

    rows = (ROOT / "examples" / "marketplace-contacts.csv").read_text(encoding="utf-8")
    log = tmp_path / "log.csv"
    log.write_text(rows.replace(",chatbot,", ",Tier0-Bot,", 3), encoding="utf-8")
    journeys = str(ROOT / "examples" / "marketplace-service.yaml")
    for command in ("map", "report"):
        args = [command, journeys, "--evidence", str(log), "--column", "handled_by=channel"]
        out = ["-o", str(tmp_path / f"{command}.out")]
        result = invoke(*args, *out)
        assert result.exit_code == 0, result.stderr
        said = "stakes: warning: handled_by: 3 contact(s) with a label not recognised"
        assert said in result.stderr
        fixed = invoke(*args, "--handler", "Tier0-Bot=ai", *out)
        assert fixed.exit_code == 0 and "not recognised" not in fixed.stderr
