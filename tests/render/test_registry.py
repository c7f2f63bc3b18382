"""The renderer registry is the one list of output formats: the command line's choices, the
dispatch, the docs' format tables and the golden tests (test_golden.py) all read it."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pytest
from conftest import ROOT
from typer.main import get_command
from typer.testing import CliRunner

from stakes.cli import app
from stakes.render.docs import generate, stale_files
from stakes.render.registry import FORMATS, find, names, render

runner = CliRunner()

#: The commands that take --format, and the kind of result each renders.
COMMANDS = {"lint": "lint", "map": "map", "evidence": "evidence"}


@pytest.mark.parametrize(("command", "kind"), COMMANDS.items())
def test_the_command_line_offers_exactly_the_registry_formats(command: str, kind: str) -> None:
    (option,) = [p for p in get_command(app).commands[command].params if p.name == "format"]
    choices = option.type_descriptor.annotation
    assert [c.value for c in choices] == list(names(kind))
    assert option.default == names(kind)[0]
    refused = runner.invoke(app, [command, "x", "--format", "nope"])
    assert refused.exit_code == 2
    assert "'nope' is not one of" in refused.output


def test_every_format_is_a_module_with_a_render_function() -> None:
    kinds = {f.kind for f in FORMATS}
    for f in FORMATS:
        module = importlib.import_module(f.module)
        assert callable(module.render), f.module
        assert module.__doc__, f"{f.module} needs a docstring"
        assert f.summary and not f.summary.endswith("."), f
    for kind in kinds:
        assert len(set(names(kind))) == len(names(kind)), kind


def test_an_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="lint has no format 'xml'; formats: text, json"):
        find("lint", "xml")
    with pytest.raises(KeyError):
        render("map", "pdf", None)


def test_help_imports_no_renderer_and_no_pandas() -> None:
    probe = (
        "import sys\nsys.argv = ['stakes', 'lint', '--help']\nfrom stakes.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('stakes.render.', 'pandas'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    assert out.splitlines()[-1] == "['stakes.render.registry']"


def test_the_docs_format_tables_are_generated_from_the_registry() -> None:
    for kind in COMMANDS.values():
        table = generate(f"formats {kind}")
        assert re.findall(r"^\| `(\w+)`", table, re.M) == list(names(kind))
        assert "(default)" in table.splitlines()[2]


def test_every_generated_part_of_the_docs_is_current() -> None:
    stale = sorted(str(p.relative_to(ROOT)) for p in stale_files(ROOT))
    assert stale == [], "run `python scripts/regenerate-docs.py` and review the diff"
