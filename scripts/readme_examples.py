"""The README's console examples: every ``$ stakes ...`` line with the output a real run prints.

The README test checks that the shown output is the real one; ``regenerate-docs.py`` rewrites it.
Commands naming ``billing.yaml`` run beside the README's first YAML example (written to a
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

_BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
_EXAMPLE = re.compile(r"^\$ (stakes [^\n]*)\n(.*?)(?=^\$ |\Z)", re.DOTALL | re.MULTILINE)


def examples(readme: str) -> list[tuple[str, str]]:
    """Every ``$ stakes ...`` command in the README's console blocks, with its shown output."""
    blocks = _BLOCK.findall(readme)
    return [(m.group(1), m.group(2)) for block in blocks for m in _EXAMPLE.finditer(block)]


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def real_outputs(readme: str, root: Path) -> dict[str, str]:
    """What each of the README's console commands really prints, by command."""
    journey = re.findall(r"```yaml\n(.*?)```", readme, flags=re.DOTALL)[0]
    runner = CliRunner()
    outputs = {}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "billing.yaml").write_text(journey, encoding="utf-8")
        for command, _ in examples(readme):
            with _inside(Path(tmp) if "billing.yaml" in command else root):
                outputs[command] = runner.invoke(app, shlex.split(command)[1:]).output
    return outputs


def rewrite(readme: str, root: Path) -> str:
    """The README with every console example's output replaced by the real one."""
    outputs = real_outputs(readme, root)

    def example(match: re.Match[str]) -> str:
        return f"$ {match.group(1)}\n{outputs[match.group(1)]}"

    def block(match: re.Match[str]) -> str:
        return "```console\n" + _EXAMPLE.sub(example, match.group(1)) + "```"

    return _BLOCK.sub(block, readme)
