"""``stakes import mermaid``: a Mermaid ``journey`` diagram as a journey draft.

Sections become stages and tasks touchpoints, with ids made from their names and the names
kept as titles. Who handles each step is guessed from its actors (``guess``), and the channel
from its words (else ``other``); each guess is marked in a comment. Mermaid's 1-5 score is a
satisfaction score, not what is at stake: it is kept in the touchpoint's description with the
actors, never turned into an emotion, and every touchpoint is left unassessed (no
``signals``) with a to-do naming the signals that decide its verdict.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from stakes.interchange import guess
from stakes.interchange.draft import Draft, Ids, Options, Problem, one_line, slug_of, text_of
from stakes.interchange.mermaid_syntax import Diagram, MermaidError, blocks, is_journey, parse
from stakes.journey.signals import signals

#: How the description ``stakes export mermaid`` gives its diagrams starts (not the journey's).
EXPORTED_DESCRIPTION = "Each touchpoint with its automation verdict in brackets"
#: The verdict ``stakes export mermaid`` adds to a task's name, read back as a note.
VERDICTS = ("automate", "guarded", "assist", "human-only")


def todo_signals() -> str:
    """The to-do above an unassessed touchpoint: the signals that decide its verdict."""
    names = [spec.name for spec in signals() if spec.name != "emotion"]
    half = (len(names) + 1) // 2
    return "\n".join(
        [
            "TODO: what is at stake here? Add signals: emotion (needed), and those that apply:",
            "  " + ", ".join(names[:half]) + ",",
            "  " + ", ".join(names[half:]),
        ]
    )


def read(data: bytes, file: str, options: Options) -> tuple[list[Draft], list[Problem]]:
    """Every journey diagram of a ``.mmd`` file (the whole file) or a markdown file (each
    fenced ``mermaid`` block that is a journey) as a draft, and a problem for each diagram
    Mermaid would refuse; a markdown file with no journey diagram is a problem too."""
    text, problems = text_of(data, file)
    if text is None:
        return [], problems
    return diagrams(text, file, owner=options.owner)


def diagrams(
    text: str, file: str, *, owner: str | None = None
) -> tuple[list[Draft], list[Problem]]:
    """The drafts and problems of ``read``, from the file's text."""
    markdown = PurePath(file).suffix.lower() in (".md", ".markdown")
    drafts: list[Draft] = []
    problems: list[Problem] = []
    seen = 0
    for before, body in blocks(text, markdown):
        if markdown and not is_journey(body):
            continue
        seen += 1
        try:
            diagram = parse(body, before)
        except MermaidError as exc:
            problems.append(Problem(file, exc.line, exc.column, exc.message))
            continue
        if not diagram.tasks:
            problems.append(Problem(file, diagram.line, 1, "the diagram has no task to import"))
            continue
        name = PurePath(file).stem if seen == 1 else f"{PurePath(file).stem}-{seen}"
        drafts.append(draft(diagram, file, name, owner))
    if markdown and seen == 0:
        problems.append(Problem(file, 1, 1, "no ```mermaid journey diagram in this file"))
    return drafts, problems


def draft(diagram: Diagram, file: str, name: str, owner: str | None = None) -> Draft:
    """One diagram as a journey draft (``name``: the file's, for a diagram without a title)."""
    title = one_line(diagram.title or diagram.acc_title) or name
    customer = guess.persona(a for task in diagram.tasks for a in task.actors)
    data: dict[str, object] = {"journey": slug_of(title, slug_of(name, "journey")), "title": title}
    if owner:
        data["owner"] = owner
    if customer:
        data["persona"] = customer
    if diagram.acc_descr and not diagram.acc_descr.startswith(EXPORTED_DESCRIPTION):
        data["description"] = one_line(diagram.acc_descr)
    result = Draft(data, file, diagram.line)
    result.header = [
        f"Imported by stakes import mermaid from the diagram at {file}:{diagram.line}.",
        "Each touchpoint is unassessed until its signals say what is at stake; lint lists them.",
        "Handlers and channels marked 'guessed' were read from the diagram's words: check them.",
    ]
    if not owner:
        result.header.append("TODO: add owner: the team accountable for this journey.")
    stage_ids, touchpoint_ids = Ids(), Ids()
    stages: list[dict[str, Any]] = []
    count = 0  # touchpoints so far
    for section in diagram.sections:
        if not section.tasks:
            continue
        i = len(stages)
        stage_title = one_line(section.name) or title
        stage: dict[str, Any] = {
            "id": stage_ids(stage_title, f"stage-{i + 1}"),
            "title": stage_title,
        }
        result.origin[("stages", i)] = (section.line, 1)
        touchpoints: list[dict[str, Any]] = []
        for task in section.tasks:
            j = len(touchpoints)
            path = ("stages", i, "touchpoints", j)
            tp_title, verdict = _exported(one_line(task.name))
            handled = guess.handler(tp_title, task.actors, customer)
            channel = guess.channel(tp_title)
            touchpoint = {
                "id": touchpoint_ids(tp_title, f"touchpoint-{count + j + 1}"),
                "title": tp_title,
                "channel": channel.value if channel else "other",
                "handled_by": handled.value,
                "description": _described(task.score, task.actors),
            }
            touchpoints.append(touchpoint)
            result.origin[path] = (task.line, task.column)
            result.todo[path] = todo_signals()
            result.notes[(*path, "handled_by")] = f"guessed {handled.why}"
            result.notes[(*path, "channel")] = (
                f"guessed {channel.why}"
                if channel
                else "TODO: the diagram does not say the channel"
            )
            if verdict:
                result.notes[(*path, "title")] = f"the diagram gave the verdict {verdict}"
        stage["touchpoints"] = touchpoints
        stages.append(stage)
        count += len(touchpoints)
    data["stages"] = stages
    return result


def _described(score: str, actors: tuple[str, ...]) -> str:
    """The task's score and actors, kept as the analyst's data."""
    said = f"Mermaid score {score} of 5" if _is_score(score) else f"Mermaid score {score!r}"
    return f"{said}; actors: {', '.join(actors)}." if actors else f"{said}; no actor named."


def _is_score(score: str) -> bool:
    return score.isdigit() and 1 <= int(score) <= 5


def _exported(name: str) -> tuple[str, str]:
    """A task name without the ``[verdict]`` that ``stakes export mermaid`` adds to it."""
    for verdict in VERDICTS:
        tail = f" [{verdict}]"
        if name.endswith(tail) and len(name) > len(tail):
            return name[: -len(tail)].rstrip(), verdict
    return name, ""
