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
        "handled_by: 2 label(s) not recognised (bot_v2, 1 other label(s), not shown) (row 2, 3)"
    )
    assert "Dave" not in problem.describe()


def test_labels_written_like_codes_are_named_in_every_format(tmp_path: Path) -> None:
    # Real logs write categories with capitals (Tier0-Bot, IVR); names stay unshown, and the
    # JSON problem carries the same labels as the warning.
    import json

    from conftest import invoke

    from stakes.evidence.privacy import looks_like_code

    assert all(map(looks_like_code, ["Tier0-Bot", "IVR", "bot-3", "Agent 7", "bot_v2"]))
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
    assert "(TIER2, Tier0-Bot, 1 other label(s), not shown)" in result.stderr
    (problem,) = json.loads(result.stdout)["log"]["problems"]
    assert (problem["labels"], problem["unshown"]) == (["TIER2", "Tier0-Bot"], 1)
    assert "Mary" not in result.stdout + result.stderr
