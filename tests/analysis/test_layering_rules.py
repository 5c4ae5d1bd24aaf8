"""The analysis layer stays pure and quiet: no Qt, no database, nothing printed."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy", "sqlmodel", "alembic", "sqlite3")

SCRIPT = f"""
import sys
from scoping_app.analysis import smallest_viable_scope, layered_layout, slice_figures
from scoping_app.domain.model import Capability, Metric, Project, ProjectInfo

project = Project(
    info=ProjectInfo(name="Quiet", latency_budget_ms=10),
    metrics=[Metric(key="m", name="M", must=True)],
    capabilities=[
        Capability(key="a", name="A", effort=2, delivers=["m"]),
        Capability(key="b", name="B", effort=1, requires=["a"], latency_ms=20, delivers=["m"]),
    ],
)
assert smallest_viable_scope(project).capabilities == ("a",)
project.capabilities[0].latency_ms = 50
assert not smallest_viable_scope(project).viable
layered_layout(project)
slice_figures(project, ["b"])
bad = sorted(m for m in sys.modules if m.split(".")[0] in {FORBIDDEN!r})
print("imports:" + ",".join(bad))
"""


def test_analysis_imports_no_qt_no_sql_and_prints_nothing() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    # HiGHS prints a banner on first use unless silenced: it would spoil `optimize --json`
    assert out.stdout == "imports:\n"
    assert out.stderr == ""
