"""Every valid project exports, with every choice of sections, slice and page size.

Hypothesis draws projects (empty scope, no capability, no slice, nothing viable, empty
optional fields, names at the 200-character limit, long texts) and section subsets;
each plan is built and written, and its pages are read back.
"""

from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from scoping_app.domain.model import NAME_MAX, Effort, Project
from scoping_app.report import build_plan
from scoping_app.report import sections as plan_sections
from scoping_app.services.export import write_pdf
from tests.strategies import projects

TODAY = date(2026, 12, 1)
# Figures of a real project. Numbers near the float limit (1e308) are a fault-tolerance
# matter of their own, tested apart; here they would only slow every draw down.
LARGEST = 1e9


def _bounded(value: float) -> float:
    return min(value, LARGEST)


@st.composite
def hard_projects(draw: st.DrawFn) -> Project:
    """Projects with the edges a plan must survive turned up."""
    project = draw(projects(max_items=draw(st.integers(0, 6)), max_text=60))
    for capability in project.capabilities:
        effort = capability.effort
        capability.effort = Effort(
            optimistic=_bounded(effort.optimistic),
            likely=_bounded(effort.likely),
            pessimistic=_bounded(effort.pessimistic),
        )
        capability.value = _bounded(capability.value)
        capability.latency_ms = _bounded(capability.latency_ms)
        capability.monthly_cost = _bounded(capability.monthly_cost)
    info = project.info
    for field in ("latency_budget_ms", "monthly_budget", "monthly_value", "value_target"):
        if getattr(info, field) is not None:
            setattr(info, field, _bounded(getattr(info, field)))
    if draw(st.booleans()):
        project.info.name = (
            draw(st.text(alphabet="Wide name ", min_size=NAME_MAX, max_size=NAME_MAX)).strip()
            or "x"
        )
    if draw(st.booleans()):
        long_text = "A long text that goes on. " * 120  # about 3,000 characters
        project.info.problem = long_text
        for capability in project.capabilities:
            capability.description = long_text
    if draw(st.booleans()):
        project.slices = []
    if draw(st.booleans()):  # nothing required: the smallest viable scope is empty
        for capability in project.capabilities:
            capability.mandatory = False
        for metric in project.metrics:
            metric.must = False
        project.risks = []
        project.info.value_target = None
    return project


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    project=hard_projects(),
    chosen=st.sets(st.sampled_from(plan_sections.ALL), min_size=1),
    page_size=st.sampled_from(["A4", "Letter"]),
    data=st.data(),
)
def test_every_valid_project_exports(
    project: Project, chosen: set[str], page_size: str, data: st.DataObject
) -> None:
    slice_key = None
    if project.slices and data.draw(st.booleans(), label="recommend a slice"):
        slice_key = data.draw(st.sampled_from([s.key for s in project.slices]), label="slice")
    report = build_plan(project, recommended_slice=slice_key, today=TODAY, sections=chosen)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "plan.pdf"
        write_pdf(report, target, page_size=page_size)
        reader = PdfReader(io.BytesIO(target.read_bytes()))
        assert len(reader.pages) >= 2
        first = reader.pages[0].extract_text() or ""
        assert "AI SCOPING PLAN" in first
        if plan_sections.SUMMARY in chosen:
            brief = reader.pages[1].extract_text() or ""
            assert "Executive brief" in brief and "Verdict:" in brief
