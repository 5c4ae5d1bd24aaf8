"""The layering rules of design/architecture.md, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scoping_app"

# What each layer may import from the package itself (besides its own modules).
ALLOWED = {
    "domain": set(),
    "analysis": {"domain", "paths"},  # paths: the rubric's words are bundled data
    "store": {"domain", "paths"},
    "report": {"domain", "analysis", "paths"},
    "services": {"domain", "analysis", "store", "report", "paths"},
}
NO_QT = ("domain", "analysis", "store", "report", "services")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", NO_QT)
def test_no_qt_below_the_ui(layer: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules(layer)
        for name in _imports(path)
        if name.split(".")[0] in {"PySide6", "shiboken6", "pytestqt"}
    ]
    assert not offenders, offenders


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layers_import_only_what_lies_below(layer: str) -> None:
    offenders = []
    for path in _modules(layer):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "scoping_app" or len(parts) < 2:
                continue
            target = parts[1]
            if target != layer and target not in ALLOWED[layer]:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offenders, offenders


def test_ui_runs_no_sql() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules("ui")
        for name in _imports(path)
        if name.split(".")[0] in {"sqlalchemy", "sqlmodel", "sqlite3", "alembic"}
        or name.startswith("scoping_app.store")
    ]
    assert not offenders, offenders


def test_the_checks_see_the_layers() -> None:
    """Guard against a vacuous pass: every layer has modules to check."""
    for layer in (*ALLOWED, "ui"):
        assert _modules(layer), layer
