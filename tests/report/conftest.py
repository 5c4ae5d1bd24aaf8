"""Fixtures of the PDF tests: a hand-built report model, generated projects, PDF text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from scoping_app.domain.model import Project
from scoping_app.report.model import (
    Budgets,
    CapabilityRow,
    CoverInfo,
    MetricRef,
    PlanReport,
    RecommendedScope,
    RiskRef,
    ScopeFigures,
    SliceColumn,
)

HOSTILE = '<b>R&D</b> <img src="x"/>'
UNICODE = "Ωμέγα Привет"
REPORT_DATE = date(2026, 3, 3)
METRICS = (
    MetricRef(1, "Handle time", True),
    MetricRef(2, "Grounded answers", False),
    MetricRef(3, "Deflection", False),
)


def pdf_text(path: Path) -> str:
    """Every page's text, with runs of whitespace made single spaces."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def squeeze(text: str) -> str:
    """Text without any whitespace, to find words a table cell wrapped."""
    return re.sub(r"\s+", "", text)


def _figures(**changes: Any) -> ScopeFigures:
    values: dict[str, Any] = {
        "capabilities": ("Ingestion", "Vector index", "Answer drafting"),
        "pulled_in": ("Ingestion",),
        "effort_days": 12.345,
        "duration_days": 8.25,
        "value": 14,
        "latency_ms": 1920,
        "monthly_cost": 3430.4,
        "metrics_covered": (METRICS[0],),
        "metrics_total": 3,
        "severe_risks_open": (),
        "viable": True,
        "violations": (),
    }
    values.update(changes)
    return ScopeFigures(**values)


def make_report(
    *, name: str = "Hand-built plan", slices: int = 3, viable: bool = True, owner: str = "Ada"
) -> PlanReport:
    risk = RiskRef(1, "It failed because nobody checked the data.")
    recommended = _figures() if viable else None
    columns = [
        SliceColumn(
            name=f"Slice {number}",
            description=f"Alternative number {number}.",
            figures=_figures(
                effort_days=10.0 + number,
                viable=number % 2 == 0,
                violations=() if number % 2 == 0 else ("The latency budget is exceeded.",),
                severe_risks_open=() if number % 2 == 0 else (risk,),
                latency_ms=2600 if number % 2 else 900,
            ),
            key=f"s{number}",
        )
        for number in range(1, slices + 1)
    ]
    return PlanReport(
        cover=CoverInfo(
            project_name=name,
            report_date=REPORT_DATE,
            industry="Fintech (regulated)",
            pattern="Retrieval-augmented generation (RAG)",
            owner=owner,
            problem="Agents search for answers.\nThey lose time.",
            objective="Answer routine questions.",
            deadline=date(2027, 4, 30),
        ),
        budgets=Budgets(
            currency="EUR",
            latency_budget_ms=2500,
            monthly_budget=6000,
            monthly_value=42000,
            value_target=12,
        ),
        recommended=RecommendedScope(
            title="Smallest viable scope",
            chosen_slice=None,
            description="",
            figures=recommended,
            reasons=() if viable else ("No scope stays under the latency budget of 100 ms.",),
        ),
        slices=tuple(columns),
        capabilities=tuple(
            CapabilityRow(
                key=f"c{number}",
                name=f"Capability {number}",
                category="Data",
                effort_optimistic=1,
                effort_likely=2.5,
                effort_pessimistic=6,
                effort_expected=(1 + 10 + 6) / 6,
                value=1,
                latency_ms=10,
                monthly_cost=100,
                prerequisites=(f"Capability {number - 1}",) if number > 1 else (),
                mandatory=number == 1,
                in_scope=number < 3,
            )
            for number in range(1, 6)
        ),
        metrics=METRICS,
        severe_risks=(risk,),
        author=owner or "AI Scoping Studio",
    )


@pytest.fixture
def hand_report() -> Callable[..., PlanReport]:
    """Build a PlanReport by hand, without the analysis layer."""
    return make_report


def generated_project(
    capabilities: int = 40, slices: int = 6, *, name: str = "Claims assistant"
) -> Project:
    """A bigger project: capabilities with prerequisites, metrics, severe risks and slices."""
    caps = []
    for number in range(capabilities):
        requires = [f"c{other:02d}" for other in (number - 1, number // 2) if 0 <= other < number]
        caps.append(
            {
                "key": f"c{number:02d}",
                "name": f"Capability {number:02d} for claims handling",
                "category": ["data", "model", "retrieval", "serving", "ux"][number % 5],
                "effort": {
                    "optimistic": 1 + number % 3,
                    "likely": 3 + number % 5,
                    "pessimistic": 8 + number % 7,
                },
                "value": number % 4,
                "latency_ms": (number % 3) * 20,
                "monthly_cost": (number % 4) * 150,
                "mandatory": number == 0,
                "requires": sorted(set(requires)),
                "delivers": [f"m{number % 4}"] if number % 5 == 2 else [],
                "mitigates": [f"r{number % 3}"] if number % 7 == 3 else [],
            }
        )
    document = {
        "project": {
            "name": name,
            "industry": "insurance",
            "pattern": "agent",
            "owner": "Claims lead",
            "problem": "Claims wait days for triage.",
            "latency_budget_ms": 5000,
            "monthly_budget": 50000,
            "monthly_value": 250000,
            "currency": "USD",
            "value_target": 6,
        },
        "metrics": [
            {"key": f"m{number}", "name": f"Metric {number}", "must": number == 0}
            for number in range(4)
        ],
        "risks": [
            {
                "key": f"r{number}",
                "story": f"It failed because of cause {number}.",
                "likelihood": 4,
                "impact": 4,
            }
            for number in range(3)
        ],
        "capabilities": caps,
        "slices": [
            {
                "key": f"s{number}",
                "name": f"Slice number {number}",
                "capabilities": [f"c{other:02d}" for other in range(number, capabilities, slices)],
            }
            for number in range(slices)
        ],
    }
    return Project.model_validate(document)
