"""Step 1, Project: the project's own fields, shown read-only in this version."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

from scoping_app.domain.model import Project
from scoping_app.ui import format as fmt
from scoping_app.ui.widgets.read_only import READ_ONLY_NOTE
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage

FIELDS = (
    ("name", "Name"),
    ("industry", "Industry"),
    ("pattern", "AI pattern"),
    ("owner", "Owner"),
    ("problem", "Problem"),
    ("objective", "Objective"),
    ("latency_budget_ms", "Latency budget"),
    ("monthly_budget", "Running cost budget"),
    ("monthly_value", "Business value"),
    ("value_target", "Least value of a viable slice"),
    ("deadline", "Deadline"),
)


def project_fields(project: Project) -> dict[str, str]:
    """Each field of the project in words, keyed as in :data:`FIELDS`."""
    info = project.info
    currency = info.currency

    def money(value: float | None, suffix: str) -> str:
        return "not set" if value is None else f"{fmt.money(value, currency)} {suffix}"

    return {
        "name": info.name,
        "industry": fmt.industry(info.industry),
        "pattern": fmt.pattern(info.pattern),
        "owner": info.owner or "—",
        "problem": info.problem or "—",
        "objective": info.objective or "—",
        "latency_budget_ms": (
            "not set"
            if info.latency_budget_ms is None
            else f"{fmt.milliseconds(info.latency_budget_ms)} per interaction (p95)"
        ),
        "monthly_budget": money(info.monthly_budget, "per month"),
        "monthly_value": money(info.monthly_value, "per month once live"),
        "value_target": (
            "not set" if info.value_target is None else f"{fmt.points(info.value_target)} points"
        ),
        "deadline": fmt.day(info.deadline),
    }


class ProjectInfoStep(StepPage):
    title = "Project"
    advice = (
        "What the project is for, who owns it, and the budgets every scope is measured "
        "against: latency per interaction, running cost and business value per month."
    )
    read_only_note = READ_ONLY_NOTE
    watches = frozenset({"info"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = QLabel()
        self.fields.setTextFormat(Qt.TextFormat.RichText)
        self.fields.setWordWrap(True)
        self.fields.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.fields.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields.setMaximumWidth(900)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.fields)
        self.body.addWidget(scroll, 1)
        self._texts: dict[str, str] = {}

    def value_text(self, field: str) -> str:
        return self._texts[field]

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        self._texts = project_fields(project)
        rows = "".join(
            "<tr>"
            f"<td align='right' style='color:#6b7580; padding:5px 16px 5px 0;'>{title}</td>"
            f"<td style='padding:5px 0;'>{escape(self._texts[field]).replace(chr(10), '<br>')}"
            "</td></tr>"
            for field, title in FIELDS
        )
        self.fields.setText(f"<table>{rows}</table>")

    def completion(self, project: Project) -> str:
        info = project.info
        wanted = [
            info.problem,
            info.objective,
            info.owner,
            info.latency_budget_ms,
            info.monthly_budget,
            info.monthly_value,
            info.deadline,
        ]
        filled = sum(1 for value in wanted if value not in (None, ""))
        return f"{filled}/{len(wanted)}"
