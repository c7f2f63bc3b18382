"""A draft as the YAML file an analyst edits: the data written by the loader's own writer
(so that every value reads back as it was meant: ``"yes"`` stays text, ``"017"`` stays text),
then the notes put beside and above the values they are about, found by their data path in
what was written."""

from __future__ import annotations

from stakes.interchange.draft import Draft
from stakes.journey import loader
from stakes.shown import shown

#: How long one comment may be before it is cut (a title quoted in it can be anything).
COMMENT_LIMIT = 300


def comment(text: str) -> str:
    """``text`` as the body of one YAML comment: one line, controls made visible."""
    return shown(text, COMMENT_LIMIT)


def emit(draft: Draft) -> str:
    """The draft as YAML text: its header, then its data with each note at the end of its
    value's line and each to-do on the lines above its value."""
    text = loader.dump_yaml(draft.data)
    lines = text.splitlines()
    positions = loader.source_map(text)
    above: dict[int, list[str]] = {}
    if positions is not None:
        for path, note in draft.notes.items():
            line, _ = positions.position(path)
            if 0 < line <= len(lines):
                lines[line - 1] += f"  # {comment(note)}"
        for path, todo in draft.todo.items():
            # Above a key (``description``): at the key's line and column, so that a block
            # of ``key: value`` lines in the to-do reads as the mapping's own when uncommented.
            key = bool(path) and isinstance(path[-1], str)
            line, column = positions.position(path, key=key)
            if 0 < line <= len(lines):
                dash = 2 if path and isinstance(path[-1], int) else 0  # a list item's "- "
                indent = " " * max(column - 1 - dash, 0)
                above.setdefault(line, []).extend(
                    f"{indent}# {comment(part)}" for part in todo.splitlines()
                )
    out = [f"# {comment(said)}" if said else "#" for said in draft.header]
    for n, text_line in enumerate(lines, 1):
        out.extend(above.get(n, ()))
        out.append(text_line)
    return "\n".join(out) + "\n"
