"""The architecture stays as STYLE.md draws it: each third-party library lives in one layer."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "stakes"

#: Which modules may import each library (paths relative to stakes/, a folder covers its files).
ALLOWED = {
    "typer": ("cli/",),
    "yaml": ("journey/loader/",),
    "pandas": ("evidence/", "assessment/pandas_export.py"),
    "numpy": ("evidence/",),
    "pyarrow": ("evidence/",),
    "rich": ("render/", "cli/"),
}


def imports(path: Path) -> set[str]:
    """The top-level packages a module imports at run time (not under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_each_library_stays_in_its_layer() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for library in imports(path) & set(ALLOWED):
            if not relative.startswith(ALLOWED[library]):
                wrong.append(f"{relative} imports {library}")
    assert wrong == []


def test_nothing_imports_the_command_line_and_the_engine_never_imports_renderers() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8")
        if not relative.startswith("cli/") and relative != "__main__.py":
            assert "stakes.cli" not in text, relative
        if relative in ("engine.py", "scoring.py", "policy.py", "model.py") or relative.startswith(
            "loader/"
        ):
            assert "stakes.render" not in text, relative


def test_modules_stay_small() -> None:
    # STYLE.md: a file past ~300 lines is two ideas. A little slack for docstrings.
    big = {
        p.relative_to(PACKAGE).as_posix(): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420
    }
    assert big == {}
