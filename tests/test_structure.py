"""The shape of the package: imports run one way (no cycles, lazy imports included), the core
never reaches up to an edge, and it loads an optional library only inside the function that
needs it (``TermCounts.to_pandas``), never on import."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "skillterms"
EDGES = ("skillterms.cli", "skillterms.spacy_component", "skillterms.spark", "skillterms.frames",
         "skillterms.plot", "skillterms.lint", "skillterms.snapshot", "skillterms.__main__")
OPTIONAL = ("pandas", "matplotlib", "pyspark", "spacy")
COMPILED_CORE = "skillterms._core"  # native/: imports nothing of the package


def _module_name(path: Path) -> str:
    parts = ["skillterms", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_level(tree: ast.Module) -> set[int]:
    """ids of the import nodes that run on import (not inside a function or class body)."""
    found: set[int] = set()
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.add(id(node))
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))
    return found


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Every module of the package that ``path`` imports, at any depth of the file (a lazy
    import inside a function still ties the two), and every optional library it imports on
    import."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    on_import = _module_level(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from .. import _core" imports the module, not its package's __init__
            candidates = [f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target for a in node.names]
        elif isinstance(node, ast.Import):
            candidates = [a.name for a in node.names]
        else:
            continue
        for c in candidates:
            if c in modules and c != name:
                found.add(c)
            elif c.split(".")[0] in OPTIONAL and id(node) in on_import:
                found.add(c.split(".")[0])
    return found


def _graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in paths} | {COMPILED_CORE}
    return {_module_name(p): _imports(p, modules) for p in paths}


def _is_edge(module: str) -> bool:
    return any(module == e or module.startswith(e + ".") for e in EDGES)


def test_no_module_imports_itself_through_others():
    graph = _graph()
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for nxt in sorted(graph.get(module, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == "open":
                cycle = path[path.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_the_core_imports_no_edge_and_no_optional_library():
    for module, imported in _graph().items():
        if _is_edge(module) or module == "skillterms":
            continue
        up = sorted(m for m in imported if _is_edge(m) or m in OPTIONAL)
        assert not up, f"{module} imports {', '.join(up)}: the core must not depend on an edge"


def test_the_version_has_one_home():
    """Python reads _version.py; maturin stamps the wheel with the crate's version, and the
    core's build script refuses to build when the two differ (so the compiled core says it too)."""
    import skillterms
    from skillterms import _core
    from skillterms._version import __version__

    assert skillterms.__version__ == __version__ == _core.__version__
    pyproject = (PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'manifest-path = "native/Cargo.toml"' in pyproject
