"""The PDF plan (reportlab), built from a plain report model: no Qt, no SQL."""

from __future__ import annotations

from scoping_app.report.build import build_plan
from scoping_app.report.model import PlanReport
from scoping_app.report.pdf import write_pdf

__all__ = ["PlanReport", "build_plan", "write_pdf"]
