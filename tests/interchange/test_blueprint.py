"""`stakes import blueprint`: a service blueprint's IR (BilLogic's agentic-service-blueprinting)
as journeys, one per path. The sample in tests/data/blueprint/ was written by others (see its
SOURCE.md); the other blueprints here are written for these tests."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, invoke

from stakes.interchange.blueprint import read
from stakes.interchange.draft import Draft, Options, Problem
from stakes.interchange.yaml_text import emit
from stakes.journey.files import load_text

SAMPLE = ROOT / "tests" / "data" / "blueprint" / "sample-ir.json"
DESIGNED = "streetlight-service-asset-repair-as-designed"
DONE = "streetlight-service-asset-repair-as-done"


def imported(data: bytes | dict[str, Any], **options: Any) -> tuple[list[Draft], list[Problem]]:
    if isinstance(data, dict):
        data = json.dumps(data, indent=2, ensure_ascii=False).encode()
    return read(data, "ir.json", Options(**options))


def sample(**options: Any) -> dict[str, Draft]:
    drafts, problems = imported(SAMPLE.read_bytes(), **options)
    assert problems == []
    return {d.slug: d for d in drafts}


def touchpoints(draft: Draft) -> list[dict[str, Any]]:
    return [t for stage in draft.data["stages"] for t in stage["touchpoints"]]


def note(draft: Draft, touchpoint: str, key: str) -> str:
    for i, stage in enumerate(draft.data["stages"]):
        for j, t in enumerate(stage["touchpoints"]):
            if t["id"] == touchpoint:
                return draft.notes.get(("stages", i, "touchpoints", j, *key.split(".")), "")
    raise AssertionError(touchpoint)


# -- the sample -----------------------------------------------------------------------------


def test_each_path_is_a_journey_that_the_loader_reads_without_an_error() -> None:
    drafts = sample()
    assert list(drafts) == [DESIGNED, DONE]
    for draft in drafts.values():
        result, _ = load_text(emit(draft), f"{draft.slug}.yaml")
        assert [f.message for f in result.findings if f.severity >= f.severity.ERROR] == []
        assert result.journey is not None
    assert drafts[DESIGNED].data["title"] == "Asset Repair: Platform flow (as designed)"
    assert drafts[DESIGNED].data["persona"] == "Citizen"
    done = drafts[DONE].data["description"]
    assert done.startswith("How repairs actually run today: phone calls and WeChat.")
    assert "Runs in parallel with the platform flow during rollout." in done  # the path's note


def test_stages_are_the_paths_steps_in_its_order_and_touchpoints_its_customer_cells() -> None:
    drafts = sample()
    designed, done = drafts[DESIGNED], drafts[DONE]
    assert [s["id"] for s in designed.data["stages"]] == ["report", "verify"]
    assert [s["title"] for s in designed.data["stages"]] == ["Report fault", "Verify & close"]
    assert [t["title"] for t in touchpoints(designed)] == [
        "Submit repair ticket",
        "Confirm fix & rate service",
    ]
    assert [s["id"] for s in done.data["stages"]] == ["report", "triage", "verify"]
    assert [t["id"] for t in touchpoints(done)] == [
        "call-the-maintenance-hotline",
        "repeat-details-over-wechat",
        "check-the-light-after-dark",
    ]
    assert all("signals" not in t for d in drafts.values() for t in touchpoints(d))


def test_steps_with_no_customer_cell_are_kept_in_the_description_before_them() -> None:
    designed = sample()[DESIGNED]
    report, verify = touchpoints(designed)
    assert "Triage & prioritize — Backstage Tech: Asset DB." in report["description"]
    assert "Repair on site — 现场技术员: 更换灯具并拍照回传." in report["description"]
    assert "Archive record — Backstage Tech: Asset DB, ETL Jobs" in verify["description"]
    assert "Compliance Review: Spot-check evidence photos" in verify["description"]
    header = "\n".join(designed.header)
    assert "Triage & prioritize, Dispatch crew, Repair on site, Archive record" in header
    assert "TODO: add owner" in header


def test_the_guesses_are_marked_with_the_cell_they_come_from() -> None:
    designed, done = sample()[DESIGNED], sample()[DONE]
    submit, confirm = touchpoints(designed)
    assert (submit["channel"], submit["handled_by"], submit["interaction"]) == (
        "web",
        "self-service",
        "form",
    )
    assert note(designed, "submit-repair-ticket", "channel").startswith("guessed from 'web'")
    assert "'GIS Portal' in Citizen-Facing Tech" in note(
        designed, "submit-repair-ticket", "handled_by"
    )
    assert "owner in the blueprint: city-311" in note(designed, "submit-repair-ticket", "title")
    # Triage is a decision, taken where only a system works, and the report triggers it.
    assert submit["decided_by"] == "ai"
    decided = note(designed, "submit-repair-ticket", "decided_by")
    assert decided.startswith("guessed: 'triage'") and "Backstage Tech: Asset DB" in decided
    assert (confirm["channel"], confirm["handled_by"]) == ("sms", "self-service")
    assert "decided_by" not in confirm  # verifying is not a decision the words name
    assert "needs_review" in note(designed, "confirm-fix-rate-service", "title")

    call, wechat, check = touchpoints(done)
    assert (call["channel"], call["handled_by"]) == ("phone", "human")
    assert "'Hotline'" in note(done, "call-the-maintenance-hotline", "handled_by")
    # No frontstage cell at triage: the WeChat Group of another step, on the same channel.
    assert (wechat["channel"], wechat["handled_by"]) == ("messaging", "human")
    assert "'WeChat Group'" in note(done, "repeat-details-over-wechat", "handled_by")
    assert wechat["decided_by"] == "human"  # the triage is kept in a paper ledger
    assert "Paper Ledger" in note(done, "repeat-details-over-wechat", "decided_by")
    assert (check["channel"], check["handled_by"]) == ("other", "self-service")
    assert note(done, "check-the-light-after-dark", "channel").startswith("TODO")
    assert all("escalation" not in t for t in touchpoints(done) + touchpoints(designed))


def test_the_draft_is_written_with_its_notes_and_todos() -> None:
    text = emit(sample(owner="city-311")[DESIGNED])
    assert "owner: city-311" in text
    assert "TODO: add owner" not in text
    assert "channel: web  # guessed from 'web'" in text
    assert text.count("# TODO: what is at stake here?") == 2


def test_chinese_text_is_kept_and_ids_fall_back_when_it_makes_no_slug() -> None:
    drafts = sample(language="zh")
    designed = drafts[DESIGNED]
    assert designed.data["title"] == "资产报修: 平台流程\uff08设计\uff09"  # full-width brackets
    assert [t["title"] for t in touchpoints(designed)] == ["提交报修工单", "确认修复并评价"]
    assert [t["id"] for t in touchpoints(designed)] == ["touchpoint-1", "touchpoint-2"]
    assert [s["id"] for s in designed.data["stages"]] == ["report", "verify"]  # step keys
    result, _ = load_text(emit(designed), "zh.yaml")
    assert not [f for f in result.findings if f.severity >= f.severity.ERROR]
    # In English the field technician's lane keeps its Chinese name and cells.
    assert "现场技术员: 接单出发" in touchpoints(sample()[DESIGNED])[0]["description"]


# -- blueprints written for these tests --------------------------------------------------------


def text(en: str, zh: str | None = None) -> dict[str, str]:
    return {"en": en} if zh is None else {"en": en, "zh": zh}


def lane(key: str, name: str, role: str | None, row: int) -> dict[str, Any]:
    return {"key": key, "display_name": text(name), "role": role, "row": row}


def cell(lane: str, step: str, content: dict[str, str], **more: Any) -> dict[str, Any]:
    return {"layer": lane, "step": step, "content": content, **more}


def ref(lane: str, step: str) -> dict[str, str]:
    return {"layer": lane, "step": step}


def blueprint(
    cells: list[dict[str, Any]], triggers: tuple[Any, ...] | list[Any] = (), **path: Any
) -> dict[str, Any]:
    """A refund chat: the customer asks a bot, is handed to an agent, the refund is approved
    and an e-mail says so."""
    steps = ["ask", "handover", "approve", "notify", "feedback"]
    return {
        "schema_version": "2026.07.16",
        "locales": ["en", "zh"],
        "lifecycle": {
            "key": "refunds",
            "name": text("Refunds"),
            "phases": [
                {
                    "key": "support",
                    "name": text("Support"),
                    "order": 0,
                    "scenarios": [
                        {
                            "key": "refund-chat",
                            "name": text("Refund chat"),
                            "order": 0,
                            "view_type": "single",
                            "steps": [{"key": k, "name": text(k.title())} for k in steps],
                            "paths": [
                                {
                                    "key": "today",
                                    "name": text("Today"),
                                    "path_type": "happy",
                                    "path_steps": steps,
                                    "layers": [
                                        lane("customer", "Customer", "customer_actions", 0),
                                        lane("agent", "Support Agent", "frontstage_actions", 1),
                                        lane("front", "Channels", "frontstage_tech", 2),
                                        lane("back", "Systems", "backstage_tech", 3),
                                        lane("ops", "Operations Team", None, 4),
                                    ],
                                    "cells": cells,
                                    "triggers": list(triggers),
                                    **path,
                                }
                            ],
                        }
                    ],
                }
            ],
        },
    }


REFUND_CELLS = [
    cell("customer", "ask", text("Ask for a refund", "申请退款")),
    cell("front", "ask", text("Chatbot")),
    cell("customer", "handover", text("Talk to a person")),
    cell("agent", "handover", text("Takes over the chat")),
    cell("front", "handover", text("Live chat")),
    cell("back", "approve", text("Refund rules engine")),
    cell("ops", "approve", text("Manual review over 100 EUR")),
    cell("front", "notify", text("Refund e-mail")),
    cell("customer", "feedback", text("评价服务", "评价服务")),
]
REFUND_TRIGGERS = [
    {"source": ref("customer", "ask"), "target": ref("agent", "handover")},
    {"source": ref("customer", "handover"), "target": ref("back", "approve")},
]


def refund(**options: Any) -> Draft:
    drafts, problems = imported(blueprint(REFUND_CELLS, REFUND_TRIGGERS), **options)
    assert problems == []
    (draft,) = drafts
    result, _ = load_text(emit(draft), "refund.yaml")
    assert [f.message for f in result.findings if f.severity >= f.severity.ERROR] == []
    return draft


def test_frontstage_people_bots_notices_decisions_and_escalations() -> None:
    draft = refund()
    assert draft.slug == "refunds-refund-chat-today"
    ask, person, mail, feedback = touchpoints(draft)
    assert (ask["channel"], ask["handled_by"]) == ("chat", "ai")
    # The trigger from the bot's step to the agent: an escalation to the person's touchpoint.
    assert ask["escalation"] == {"to": "talk-to-a-person"}
    assert note(draft, "ask-for-a-refund", "escalation.to").startswith("guessed from the trigger")
    assert (person["handled_by"], person["decided_by"]) == ("human", "hybrid")
    assert "Operations Team: Manual review over 100 EUR" in note(
        draft, "talk-to-a-person", "decided_by"
    )
    # A step with only a frontstage system becomes a notice the system sends.
    assert (mail["title"], mail["channel"], mail["handled_by"]) == ("Refund e-mail", "email", "ai")
    assert mail["interaction"] == "notification"
    assert [s["id"] for s in draft.data["stages"]] == ["ask", "handover", "notify", "feedback"]
    assert (feedback["title"], feedback["id"]) == ("评价服务", "touchpoint-4")
    assert "Approve — Systems: Refund rules engine" in person["description"]
    header = "\n".join(draft.header)
    assert "The lane Operations Team (ops) has no role; read as people from 'team'" in header


def test_text_missing_in_the_language_asked_for_is_read_in_another() -> None:
    cells = [
        cell("customer", "ask", {"zh": "只有中文"}),
        cell("customer", "feedback", text("Rate")),
    ]
    (draft,), problems = imported(blueprint(cells), language="en")
    assert problems == []
    assert [t["title"] for t in touchpoints(draft)] == ["只有中文", "Rate"]
    assert "Text with no en was read in zh." in draft.header
    (draft,), _ = imported(blueprint(REFUND_CELLS, REFUND_TRIGGERS), language="zh")
    assert touchpoints(draft)[0]["title"] == "申请退款"
    assert touchpoints(draft)[1]["title"] == "Talk to a person"  # no zh: read in en


def later_version(data: Any) -> Any:
    """The same blueprint in the later IR's names (``service``, ``lanes``, ``lane``...)."""
    names = {
        "lifecycle": "service",
        "layers": "lanes",
        "layer": "lane",
        "triggers": "dependencies",
        "description": "summary",
        "path_type": "kind",
    }
    roles = {"frontstage_tech": "frontstage_touchpoints", "backstage_tech": "backstage_touchpoints"}
    if isinstance(data, list):
        return [later_version(x) for x in data]
    if isinstance(data, dict):
        out = {names.get(k, k): later_version(v) for k, v in data.items()}
        if out.get("role") in roles:
            out["role"] = roles[out["role"]]
        return out
    return data


def test_the_later_versions_names_are_read_too() -> None:
    original = blueprint(REFUND_CELLS, REFUND_TRIGGERS, description=text("Refunds by chat."))
    later = later_version(copy.deepcopy(original))
    assert "service" in later and "lanes" in json.dumps(later)
    (old,), problems = imported(original)
    (new,), later_problems = imported(later)
    assert problems == later_problems == []
    assert new.data == old.data
    assert new.data["description"] == "Refunds by chat."


def test_a_path_with_no_customer_facing_cell_is_a_problem_and_not_a_journey() -> None:
    drafts, problems = imported(blueprint([cell("back", "approve", text("Rules engine"))]))
    assert drafts == []
    (problem,) = problems
    assert "lifecycle.phases[0].scenarios[0].paths[0]: path 'today' has no cell" in str(problem)
    assert problem.line > 1


# -- inputs that are not a blueprint ---------------------------------------------------------


def test_text_that_is_not_json_is_an_error_at_its_line_and_column() -> None:
    drafts, problems = imported(b'{\n  "lifecycle": {\n    "key": "x",\n  }\n}\n')
    assert drafts == []
    assert [str(p) for p in problems] == [
        "ir.json:4:3: error: not JSON: Expecting property name enclosed in double quotes"
    ]


def test_json_of_another_shape_names_the_json_path_at_its_line() -> None:
    data = blueprint(REFUND_CELLS)
    data["lifecycle"]["phases"][0]["scenarios"][0]["paths"][0]["layers"] = "citizen"
    drafts, problems = imported(data)
    assert drafts == []
    (problem,) = problems
    text = json.dumps(data, indent=2).splitlines()
    assert problem.message == (
        "lifecycle.phases[0].scenarios[0].paths[0].layers: not a list (text): expected a list"
    )
    assert text[problem.line - 1].strip() == '"layers": "citizen",'
    assert problem.column == text[problem.line - 1].index('"citizen"') + 1


def test_a_cell_the_path_does_not_hold_is_a_problem_and_the_rest_is_imported() -> None:
    cells = [*REFUND_CELLS, cell("customer", "nowhere", text("Lost")), {"layer": 5, "step": "ask"}]
    drafts, problems = imported(blueprint(cells, REFUND_TRIGGERS))
    assert len(drafts) == 1
    assert [p.message for p in problems] == [
        "lifecycle.phases[0].scenarios[0].paths[0].cells[9].step: step 'nowhere' is not in "
        "this path's path_steps",
        "lifecycle.phases[0].scenarios[0].paths[0].cells[10].layer: not text",
    ]
    assert all(p.line > 1 for p in problems)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not UTF-8 text"),
        (b'{"lifecycle": \x00}', "NUL"),
        (b"[" * 100_000, "nested more than 200 levels deep"),
        (b'{"lifecycle": ' + b"[" * 300 + b"]" * 300 + b"}", "nested more than 200 levels deep"),
        (b'{"lifecycle": ' + b"9" * 20_000 + b"}", "lifecycle: not an object (a number)"),
        (b'{"lifecycle": {"key": "x", "phases": [1e999999]}}', "phases[0]: not an object"),
        (b'{"lifecycle": NaN}', "lifecycle: not an object"),
        (b"[]", "the top level: not an object (a list)"),
        (b'"blueprint"', "the top level: not an object (text)"),
        (b"", "not JSON: Expecting value"),
        (b'{"service": {"key": "x", "phases": []}}', "the blueprint has no path to import"),
        (b'{"lifecycle": {"phases": [{"scenarios": [{"steps": {}, "paths": []}]}]}}', "steps"),
        (b'{"lifecycle": {"name": {"en": 5}, "phases": []}}', "lifecycle.name: not text"),
    ],
)
def test_hostile_inputs_are_problems_not_tracebacks(data: bytes, said: str) -> None:
    drafts, problems = imported(data)
    assert drafts == []
    assert problems and said in str(problems[0]), problems
    assert all(p.line >= 1 and p.column >= 1 for p in problems)


def test_controls_in_the_blueprints_text_never_reach_a_comment_raw() -> None:
    sneaky = "Pay\u202e now\x1b[31m\n# injected: true"
    cells = [cell("customer", "ask", text(sneaky), owner="ops\nteam: evil")]
    (draft,), _ = imported(blueprint(cells))
    written = emit(draft)
    result, _ = load_text(written, "sneaky.yaml")
    assert [f.message for f in result.findings if f.severity >= f.severity.ERROR] == []
    comments = [line.split("#", 1)[1] for line in written.splitlines() if "#" in line]
    assert not any("\u202e" in c or "\x1b" in c for c in comments)
    assert "\ninjected: true" not in written and "\nteam: evil" not in written
    assert touchpoints(draft)[0]["title"] == "Pay\u202e now\x1b[31m # injected: true"


# -- the command line ---------------------------------------------------------------------------


def _codes(folder: Path) -> set[str]:
    result = invoke("lint", str(folder), "--format", "json")
    return {f["code"] for f in json.loads(result.stdout)["findings"]}


def test_the_command_writes_journeys_that_lint_lists_only_as_unassessed(in_tmp: Path) -> None:
    result = invoke("import", "blueprint", str(SAMPLE), "-o", "out")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (in_tmp / "out").iterdir())
    assert written == [f"{DESIGNED}.yaml", f"{DONE}.yaml"]
    assert f"stakes: wrote {Path('out') / DESIGNED}.yaml (2 touchpoints)" in result.stderr
    assert _codes(in_tmp / "out") == {"STK401", "STK404"}

    owned = invoke("import", "blueprint", str(SAMPLE), "-o", "owned", "--owner", "city-311")
    assert owned.exit_code == 0, owned.stderr
    assert _codes(in_tmp / "owned") == {"STK404"}


def test_the_command_refuses_to_overwrite_without_force(in_tmp: Path) -> None:
    target = in_tmp / "repair.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    args = ["import", "blueprint", str(SAMPLE), "-o", str(in_tmp / "j")]
    assert invoke(*args).exit_code == 0
    (in_tmp / "j" / f"{DONE}.yaml").write_text("edited\n", encoding="utf-8")
    again = invoke(*args)
    assert again.exit_code == 2
    assert "already exists: nothing written (--force replaces it)" in again.stderr
    assert (in_tmp / "j" / f"{DONE}.yaml").read_text(encoding="utf-8") == "edited\n"
    assert invoke(*args, "--force").exit_code == 0
    assert (in_tmp / "j" / f"{DONE}.yaml").read_text(encoding="utf-8").startswith("# Imported")


def test_the_command_writes_nothing_from_a_file_it_cannot_read(in_tmp: Path) -> None:
    broken = in_tmp / "broken.json"
    broken.write_text('{"lifecycle": [\n  1,\n  2\n', encoding="utf-8")
    result = invoke("import", "blueprint", str(broken), "-o", "out")
    assert result.exit_code == 2
    assert re.search(r"broken\.json:4:1: error: not JSON: ", result.stderr), result.stderr
    assert not (in_tmp / "out").exists()
    assert "Traceback" not in result.output


def test_the_command_prints_to_stdout_in_the_language_asked_for(in_tmp: Path) -> None:
    result = invoke("import", "blueprint", str(SAMPLE), "--language", "zh")
    assert result.exit_code == 0, result.stderr
    assert "title: 提交报修工单" in result.stdout
    assert result.stdout.count("\n---\n") == 1
    bad = invoke("import", "blueprint", str(SAMPLE), "--language", "en;rm")
    assert bad.exit_code == 2
    assert "is not a language tag" in bad.stderr


# -- prose journey maps: the documented manual step -------------------------------------------


def test_the_documented_spreadsheet_for_a_prose_map_imports_and_lints_clean(in_tmp: Path) -> None:
    # The prose maps themselves state no licence, so the docs' example (written in our own
    # words) stands in for them: the step the docs describe must keep working.
    blocks = [
        block
        for doc in sorted((ROOT / "docs").glob("*.md"))
        for block in re.findall(r"```csv\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
        if "whatsapp" in block.lower()
    ]
    assert blocks, "the docs' example spreadsheet of a prose journey map is missing"
    (in_tmp / "whatsapp-overcharge.csv").write_text(blocks[0], encoding="utf-8")
    made = invoke(
        "import", "csv", "whatsapp-overcharge.csv", "--owner", "billing-support", "-o", "j"
    )
    assert made.exit_code == 0, made.stderr
    written = (in_tmp / "j" / "disputing-an-overcharge-over-whatsapp.yaml").read_text("utf-8")
    assert "Pain points: The right number is hard to find." in written
    assert _codes(in_tmp / "j") == set()
