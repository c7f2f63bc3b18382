"""The architecture (ARCHITECTURE.md) is tested as a graph: the imports between stakes' own
modules, read with ast, have no cycle and never go from a lower layer to a higher one; each
third-party library stays in its layer; and no module grows past 300 lines."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "stakes"

#: The layers, lowest first: a module may import its own layer's and lower layers' modules.
#: Packages that share a layer (the assessment, evidence and interchange) may not import each
#: other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("stakes.version", "stakes.lazy", "stakes.findings", "stakes.shown"),
    ("stakes.journey",),
    ("stakes.assessment", "stakes.evidence", "stakes.interchange"),
    ("stakes.linter",),
    ("stakes.changes",),
    ("stakes.render",),
    ("stakes.app",),
    ("stakes.cli",),
    ("stakes.__main__",),
    ("stakes",),  # the public API: names exported from every layer, imported on first use
)

#: Which modules may import each library (a package covers its modules).
LIBRARIES = {
    "typer": ("stakes.cli",),
    "yaml": ("stakes.journey.loader",),
    "pydantic": (
        "stakes.journey",
        "stakes.assessment.policy",
        "stakes.assessment.factors",
        "stakes.assessment.packs",
    ),
    "pandas": ("stakes.evidence", "stakes.assessment.pandas_export", "stakes.changes.compare"),
    "numpy": ("stakes.evidence",),
    "pyarrow": ("stakes.evidence",),
    "rich": ("stakes.render", "stakes.cli"),
    "openpyxl": ("stakes.interchange.spreadsheet",),
}
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and getattr(test, "id", getattr(test, "attr", "")) == (
        "TYPE_CHECKING"
    )


def imports(path: Path, *, runtime_only: bool) -> Iterator[str]:
    """The modules (stakes' own, by module name, and libraries, by top-level name) that the
    module at ``path`` imports, in functions too; ``runtime_only`` leaves out the imports
    under ``if TYPE_CHECKING``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if runtime_only:
        for node in ast.walk(tree):
            if _type_checking(node):
                node.body = []  # type: ignore[attr-defined]
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                )
            for alias in node.names:
                # `from stakes.journey import loader` imports a module: name it.
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


def own(name: str) -> str | None:
    """The stakes module an imported name is (or is in), or None for a library."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def layer(module: str) -> tuple[int, str]:
    """(the layer's number, the package of the layer) a module belongs to."""
    best = (-1, "")
    for number, packages in enumerate(LAYERS):
        for package in packages:
            if (module == package or module.startswith(package + ".")) and len(package) > len(
                best[1]
            ):
                best = (number, package)
    assert best[0] >= 0, f"{module} is in no layer: add it to LAYERS"
    return best


def edges(*, runtime_only: bool) -> set[tuple[str, str]]:
    out = set()
    for name, path in MODULES.items():
        for imported in imports(path, runtime_only=runtime_only):
            target = own(imported)
            if target is not None and target != name:
                out.add((name, target))
    return out


def test_every_module_is_in_a_layer() -> None:
    for name in MODULES:
        layer(name)


def test_no_import_goes_up_a_layer_or_across_to_a_sibling() -> None:
    wrong = []
    for a, b in sorted(edges(runtime_only=False)):
        (la, pa), (lb, pb) = layer(a), layer(b)
        if lb > la:
            wrong.append(f"{a} (layer {la}) imports {b} (layer {lb})")
        elif lb == la and pa != pb:
            wrong.append(f"{a} imports {b}: {pa} and {pb} share a layer and stay apart")
    assert wrong == []


def test_there_is_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for a, b in edges(runtime_only=True):
        graph[a].add(b)
    cycles = [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]
    assert cycles == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            out.append(component)

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_each_library_stays_in_its_layer() -> None:
    wrong = []
    for name, path in MODULES.items():
        for imported in imports(path, runtime_only=True):
            library = imported.split(".")[0]
            allowed = LIBRARIES.get(library)
            if allowed and not any(name == a or name.startswith(a + ".") for a in allowed):
                wrong.append(f"{name} imports {library}")
    assert wrong == []


def test_the_graph_sees_the_imports_it_checks() -> None:
    # A check that cannot fail is no check: the graph must hold known edges of every kind.
    found = edges(runtime_only=False)
    assert ("stakes.cli.lint", "stakes.app.lint") in found  # a function-level import
    assert ("stakes.journey.validation", "stakes.journey.format_rules") in found  # `import as`
    assert ("stakes.assessment.results", "stakes.assessment.pandas_export") in found
    type_only = ("stakes.assessment.pandas_export", "stakes.assessment.touchpoints")
    assert type_only in found and type_only not in edges(runtime_only=True)
    with pytest.raises(AssertionError):
        layer("somewhere.else")


def test_modules_stay_small() -> None:
    # STYLE.md: a file past ~300 lines is two ideas.
    big = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert big == {}
