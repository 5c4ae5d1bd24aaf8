"""The layering rules, checked under pytest: import-linter's contracts from pyproject.toml
(the same run as `lint-imports` in CI) and no import cycle between the package's modules."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = [
    contract["name"]
    for contract in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
]


@pytest.fixture(scope="module")
def lint_imports_output() -> str:
    program = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert program, "lint-imports is missing: install the dev dependency group"
    result = subprocess.run(
        [program, "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        # One line per contract: the report is not wrapped to a terminal's width.
        env={**os.environ, "COLUMNS": "1000", "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 2 and up: bad config
    return result.stdout


def test_every_contract_is_checked(lint_imports_output: str) -> None:
    assert len(CONTRACTS) >= 6
    summary = re.search(r"Contracts: (\d+) kept(?:, (\d+) broken)?\.", lint_imports_output)
    assert summary, lint_imports_output
    assert sum(int(count or 0) for count in summary.groups()) == len(CONTRACTS)


@pytest.mark.parametrize("contract", CONTRACTS)
def test_contract_is_kept(contract: str, lint_imports_output: str) -> None:
    verdicts = re.findall(rf"^{re.escape(contract)} (KEPT|BROKEN)", lint_imports_output, re.M)
    assert verdicts == ["KEPT"], f"{contract}: broken.\n{lint_imports_output}"


def _import_cycles() -> list[list[str]]:
    """Every cycle of direct imports between the package's modules, imports made only for
    type checking and inside functions included, each starting at its first module."""
    graph = grimp.build_graph("scoping_app", cache_dir=None)
    imports = nx.DiGraph(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
    )
    cycles = []
    for cycle in nx.simple_cycles(imports):
        first = cycle.index(min(cycle))
        cycles.append(cycle[first:] + cycle[:first])
    return sorted(cycles)


def test_the_cycle_search_sees_every_module() -> None:
    graph = grimp.build_graph("scoping_app", cache_dir=None)
    on_disk = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "scoping_app").rglob("*.py")
        if "migrations" not in path.parts
    }
    assert on_disk <= graph.modules


def test_no_import_cycle() -> None:
    assert _import_cycles() == []
