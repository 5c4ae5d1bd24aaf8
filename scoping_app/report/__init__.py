"""The PDF plan (reportlab), built from a plain report model: no Qt, no SQL.

The public names load on first use, so that importing a small module of the
package does not pull reportlab and the analysis into a program's start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scoping_app.report.build import build_plan
    from scoping_app.report.model import PlanReport
    from scoping_app.report.pdf import render_pdf

__all__ = ["PlanReport", "build_plan", "render_pdf"]

_WHERE = {
    "build_plan": "scoping_app.report.build",
    "PlanReport": "scoping_app.report.model",
    "render_pdf": "scoping_app.report.pdf",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
