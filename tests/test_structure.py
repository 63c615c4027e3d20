"""The shape of the package (#12): what imports what, and how long a module runs.

These read the source with `ast` and import none of it, so they hold for modules whose
dependencies are not installed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "detente"
TESTS = ROOT / "tests"
MODULES = sorted(PACKAGE.rglob("*.py"))
TEST_FILES = sorted(TESTS.rglob("*.py"))
MAX_LINES = 500


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _module_name(path: Path) -> str:
    """The dotted name of a module under src/ ("detente.store.db", "detente.store")."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_names(path: Path, *, package: str | None) -> list[str]:
    """`from X import _name` statements in path, as "line: from X import _name"; with a
    package, only those that import from it."""
    found = []
    for node in ast.walk(_tree(path)):
        if not isinstance(node, ast.ImportFrom):
            continue
        source = "." * node.level + (node.module or "")
        if package is not None and (node.level or not _under(source, package)):
            continue
        found += [
            f"{node.lineno}: from {source} import {alias.name}"
            for alias in node.names
            if _private(alias.name)
        ]
    return found


def _imports(path: Path) -> set[str]:
    """Every module that `path` imports, relative ones resolved; `from a import b` gives a
    and a.b, since b may be a module."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return found


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_no_module_imports_a_private_name_from_another(path: Path) -> None:
    assert _private_names(path, package=None) == []


@pytest.mark.parametrize(("layer", "other"), [("store", "nlp"), ("nlp", "store")])
def test_store_and_nlp_never_import_each_other(layer: str, other: str) -> None:
    wrong = {
        _id(path): sorted(n for n in _imports(path) if _under(n, f"detente.{other}"))
        for path in sorted((PACKAGE / layer).rglob("*.py"))
    }
    assert {path: names for path, names in wrong.items() if names} == {}


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_a_long_module_says_why_it_is_one_piece(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    if lines <= MAX_LINES:
        return
    says_why = "one piece" in (ast.get_docstring(ast.parse(text)) or "").lower()
    assert says_why, f"{lines} lines: split it, or say in its docstring why it is one piece"


@pytest.mark.parametrize("path", TEST_FILES, ids=_id)
def test_no_test_imports_a_private_name(path: Path) -> None:
    assert _private_names(path, package="detente") == []


def test_queries_and_snapshot_do_not_import_each_other() -> None:
    store = PACKAGE / "store"
    queries = _imports(store / "queries.py")
    snapshot = _imports(store / "snapshot.py")
    assert not ("detente.store.snapshot" in queries and "detente.store.queries" in snapshot)
