"""`stakes import mermaid`: Mermaid's own grammar (the diagram it refuses is refused here, at
the same line), the guesses, the real diagrams in ../shared (19 of 20 import and lint lists
only what is left to assess), and the files it writes and refuses to overwrite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, invoke

from stakes.interchange import guess
from stakes.interchange.draft import Options
from stakes.interchange.mermaid import diagrams, read
from stakes.interchange.mermaid_syntax import MermaidError, parse, safe_text
from stakes.interchange.yaml_text import emit
from stakes.journey.files import load_text

SHIPPED = ROOT / "tests" / "data" / "mermaid"
EXTERNAL = SHARED / "data" / "external" / "mermaid-journeys"

#: Diagrams Mermaid reads, and what it reads in them: (title, [(section, [(task, score,
#: actors)])]).
READ = [
    (
        "journey\n  title T\n  section S\n    Make tea: 5: Me\n",
        ("T", [("S", [("Make tea", "5", ("Me",))])]),
    ),
    (  # keywords in any case, spaces around colons, a comment of each kind
        "JOURNEY\n%% a comment\n  Title A: b\n  SECTION x\n    Do it   :  3 : A, B # why\n",
        ("A: b", [("x", [("Do it", "3", ("A", "B"))])]),
    ),
    (  # front matter's title, accessible title and description, a task before any section
        "---\ntitle: Front\n---\njourney\n accTitle: Acc\n accDescr { long\n text }\n T: 2: U\n",
        ("Front", [("", [("T", "2", ("U",))])]),
    ),
    (  # a task with no actor, an empty section, a directive
        "%%{init: {}}%%\njourney\n section Empty\n section Full\n  Alone: 4\n",
        ("", [("Empty", []), ("Full", [("Alone", "4", ())])]),
    ),
]
#: Diagrams Mermaid refuses: (text, line, column, words of the message).
REFUSED = [
    ("journey\n  section Step 1: Context\n    Go: 5: Me\n", 2, 17, "section Step 1 - Context"),
    ("journey\n  section S\n    No data here\n", 3, 5, "no ': score: actors'"),
    ("journey\n  section S\n    Task:\n", 3, 5, "no ': score: actors'"),
    ("journey\n  section S\n    A; B: 3: C\n", 3, 6, "';'"),
    ("flowchart LR\n  A --> B\n", 1, 1, "not a Mermaid journey"),
    ("", 1, 1, "empty"),
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_reads_what_mermaid_reads(text: str, expected: tuple[str, list]) -> None:  # type: ignore[type-arg]
    diagram = parse(text)
    got = (
        diagram.title,
        [(s.name, [(t.name, t.score, t.actors) for t in s.tasks]) for s in diagram.sections],
    )
    assert got == expected


@pytest.mark.parametrize(("text", "line", "column", "said"), REFUSED)
def test_refuses_what_mermaid_refuses_at_its_line(
    text: str, line: int, column: int, said: str
) -> None:
    with pytest.raises(MermaidError) as raised:
        parse(text)
    assert (raised.value.line, raised.value.column) == (line, column)
    assert said in raised.value.message


@pytest.mark.parametrize(
    ("name", "actors", "persona", "expected"),
    [
        ("Chatbot Analysis", ("System",), "Customer", "ai"),
        ("Agent Callback", ("Agent",), "Customer", "human"),
        ("Click Smart Autofill", ("Founder", "AI"), "Founder", "ai"),
        ("Receive quote", ("Customer", "Sales"), "Customer", "human"),
        ("Review", ("AI Assistant", "Support team"), "Customer", "hybrid"),
        ("AI asks simple questions", ("Sarah",), "Sarah", "ai"),  # all credited to the persona
        ("Waits on hold for an agent", ("Sarah",), "Sarah", "human"),
        ("Opens insurance app", ("Sarah",), "Sarah", "self-service"),
    ],
)
def test_handler_guessed_from_actors_then_the_step_name(
    name: str, actors: tuple[str, ...], persona: str, expected: str
) -> None:
    made = guess.handler(name, actors, persona)
    assert made.value == expected
    assert made.why


def test_the_persona_is_the_customer_named_so_else_the_most_credited() -> None:
    assert guess.persona(["System", "Customer", "Agent"]) == "Customer"
    assert guess.persona(["Sarah", "Sarah", "System"]) == "Sarah"
    assert guess.persona(["System", "System"]) == ""


def test_a_journey_draft_marks_its_guesses_and_keeps_the_score_as_data() -> None:
    drafts, problems = diagrams((SHIPPED / "my-working-day.mmd").read_text(), "day.mmd")
    assert problems == []
    (draft,) = drafts
    text = emit(draft)
    assert "# guessed" in text and "TODO: what is at stake here?" in text
    result, _ = load_text(text, "day.yaml")
    assert result.journey is not None, result.findings
    first = result.journey.stages[0].touchpoints[0]
    assert first.title == "Make tea" and first.description == "Mermaid score 5 of 5; actors: Me."
    assert "signals" not in first.model_fields_set  # unassessed: the score is never an emotion


def test_markdown_fences_each_journey_and_skips_other_diagrams() -> None:
    text = (
        "# Doc\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n"
        "~~~mermaid-example\njourney\n  title One\n  section S\n    A: 5: Customer\n~~~\n\n"
        "```mermaid\njourney\n  section S: bad\n    A: 5: Customer\n```\n"
    )
    drafts, problems = diagrams(text, "doc.md")
    assert [d.data["title"] for d in drafts] == ["One"]
    assert [(p.line, p.column) for p in problems] == [(17, 12)]
    assert diagrams("# no diagram\n", "none.md")[1][0].message.startswith("no ```mermaid")


@pytest.mark.parametrize("data", [b"\xff\xfe\x00", b"journey\x00", b"\xef\xbb\xbfjourney\r\n"])
def test_hostile_bytes_are_one_problem_or_a_diagram(data: bytes) -> None:
    drafts, problems = read(data, "x.mmd", Options())
    assert len(drafts) + len(problems) == 1


@pytest.mark.parametrize(
    "text",
    ["a: b", "x # y; z % w", "section here", "title", "<script>", "\u202e\x1b[2J", "  ", "é: ü"],
)
def test_safe_text_reads_back_as_one_task(text: str) -> None:
    name = safe_text(text)
    diagram = parse(f"journey\n  section S\n    {name}: 3: AI\n")
    assert [t.name for t in diagram.tasks] == [name]
    assert "\x1b" not in name and "\u202e" not in name


@pytest.mark.skipif(not EXTERNAL.is_dir(), reason="../shared/data/external is not here")
def test_the_twenty_real_diagrams(tmp_path: Path) -> None:
    files = sorted(str(p) for p in EXTERNAL.glob("*.mmd"))
    assert len(files) == 20
    result = invoke("import", "mermaid", *files, "-o", str(tmp_path), "--owner", "cx-team")
    assert result.exit_code == 2  # one diagram Mermaid refuses
    refused = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(refused) == 1 and "17-startup-founder-onboarding-ai.mmd:3:19: error:" in refused[0]
    assert "section Step 1 - Context" in refused[0]
    assert len(list(tmp_path.glob("*.yaml"))) == 19
    linted = invoke("lint", str(tmp_path), "--format", "json")
    rules = {f["code"] for f in json.loads(linted.stdout)["findings"]}
    assert rules == {"STK404"}  # only the signals left to assess
    assert linted.exit_code == 0


def test_writes_new_files_and_never_over_one(tmp_path: Path) -> None:
    source = str(SHIPPED / "my-working-day.mmd")
    first = invoke("import", "mermaid", source, "-o", str(tmp_path))
    assert first.exit_code == 0, first.stderr
    written = tmp_path / "my-working-day.yaml"
    assert "wrote" in first.stderr and written.is_file()
    written.write_text("kept\n")
    again = invoke("import", "mermaid", source, "-o", str(tmp_path))
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert written.read_text() == "kept\n"
    forced = invoke("import", "mermaid", source, "-o", str(tmp_path), "--force")
    assert forced.exit_code == 0 and written.read_text().startswith("# Imported")


def test_one_file_for_one_journey_and_stdout_for_several(tmp_path: Path) -> None:
    sources = [str(SHIPPED / "my-working-day.mmd"), str(SHIPPED / "cleaning-service.mmd")]
    one = tmp_path / "one.yaml"
    refused = invoke("import", "mermaid", *sources, "-o", str(one))
    assert refused.exit_code == 2 and "give a folder" in refused.stderr and not one.exists()
    both = invoke("import", "mermaid", *sources)
    assert both.exit_code == 0 and both.stdout.count("\n---\n") == 1
    missing = invoke("import", "mermaid", str(tmp_path / "missing.mmd"), *sources[:1])
    assert missing.exit_code == 2 and "cannot read" in missing.stderr
    assert "journey: my-working-day" in missing.stdout  # the other file is still imported


def test_lint_lists_the_owner_when_none_is_given(tmp_path: Path) -> None:
    invoke("import", "mermaid", str(SHIPPED / "cleaning-service.mmd"), "-o", str(tmp_path))
    linted = invoke("lint", str(tmp_path), "--format", "json")
    assert {f["code"] for f in json.loads(linted.stdout)["findings"]} == {"STK401", "STK404"}


def test_export_mermaid_reads_back_with_the_same_moments(tmp_path: Path) -> None:
    invoke("import", "mermaid", *map(str, SHIPPED.glob("*.mmd")), "-o", str(tmp_path / "j"))
    exported = invoke("export", "mermaid", str(tmp_path / "j"))
    assert exported.exit_code == 0, exported.stderr
    drafts, problems = diagrams(exported.stdout, "back.md")
    assert problems == [] and len(drafts) == 3
    again = {d.data["title"]: d for d in drafts}
    for path in (tmp_path / "j").glob("*.yaml"):
        journey = load_text(path.read_text(), path.name)[0].journey
        assert journey is not None
        back = again[journey.title].data["stages"]
        assert [s["title"] for s in back] == [s.title for s in journey.stages]
        assert [t["handled_by"] for s in back for t in s["touchpoints"]] == [
            t.handled_by for s in journey.stages for t in s.touchpoints
        ]


def test_the_import_docs_show_real_output() -> None:
    import console_examples

    text = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    shown = console_examples.examples(text)
    assert shown
    real = console_examples.real_outputs(text, ROOT)
    for command, output in shown:
        assert real[command][1] == output, "run `python scripts/regenerate-docs.py`"
