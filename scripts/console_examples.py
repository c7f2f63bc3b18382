"""The docs' console examples: every ``$ stakes ...`` line with the output a real run prints.

The tests check that the shown output is the real one; ``regenerate-docs.py`` rewrites it. A
command naming ``billing.yaml`` runs beside the document's first YAML example (written to a
temporary folder); the others run at the repository's root.
"""

from __future__ import annotations

import os
import re
import shlex
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

from stakes.cli import app

#: The documents with console examples, and the folder their commands need (None: nothing).
DOCUMENTS = {
    "README.md": None,
    "docs/evidence.md": "../shared/data/external",
    "docs/import.md": None,
}

#: The terminal width the examples are shown at (what a reader's terminal shows them as).
WIDTH = "100"
_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
_EXAMPLE = re.compile(r"^\$ (stakes [^\n]*)\n(.*?)(?=^\$ |\Z)", re.DOTALL | re.MULTILINE)


def examples(text: str) -> list[tuple[str, str]]:
    """Every ``$ stakes ...`` command in a document's console blocks, with its shown output."""
    blocks = _BLOCK.findall(text)
    return [(m.group(1), m.group(2)) for block in blocks for m in _EXAMPLE.finditer(block)]


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def real_outputs(text: str, root: Path) -> dict[str, tuple[int, str]]:
    """The exit code and output of each of a document's console commands, by command."""
    runner = CliRunner()
    outputs = {}
    with tempfile.TemporaryDirectory() as tmp:
        journeys = re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)
        if journeys:
            (Path(tmp) / "billing.yaml").write_text(journeys[0], encoding="utf-8")
        for command, _ in examples(text):
            with _inside(Path(tmp) if "billing.yaml" in command else root):
                result = runner.invoke(app, shlex.split(command)[1:], env={"COLUMNS": WIDTH})
            outputs[command] = (result.exit_code, result.output)
    return outputs


def rewrite(text: str, root: Path) -> str:
    """The document with every console example's output replaced by the real one."""
    outputs = real_outputs(text, root)

    def example(match: re.Match[str]) -> str:
        return f"$ {match.group(1)}\n{outputs[match.group(1)][1]}"

    def block(match: re.Match[str]) -> str:
        return "```console\n" + _EXAMPLE.sub(example, match.group(1)) + "```"

    return _BLOCK.sub(block, text)
