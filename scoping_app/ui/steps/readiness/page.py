"""Step 9, Readiness audit: not computed in this version, and the page says so plainly."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from scoping_app.domain.model import Project
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage

TEXT = (
    "<p><b>The readiness audit is not built yet in this version</b>; nothing on this page "
    "is a score.</p>"
    "<p>It comes with the readiness audit: the project as entered will be scored on seven "
    "sections (business logic and data, definition of good, when the model is wrong, and "
    "the rest of the rubric), three checks each. Readiness is the lowest section score, and "
    "it decides the gate: <i>go</i>, <i>conditional</i> or <i>no-go</i>. Every finding will "
    "link to the step where it can be fixed.</p>"
    "<p>Until then, the other steps show the facts the audit will read: data you have "
    "versus data you assumed, must-have metrics, failure modes and their fallbacks, and "
    "severe risks left open.</p>"
)


class ReadinessStep(StepPage):
    title = "Readiness audit"
    advice = (
        "Can this plan survive contact with production? "
        "The audit will answer before any code is written."
    )
    watches = frozenset()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(TEXT, self)
        label.setWordWrap(True)
        label.setMaximumWidth(760)
        self.body.addWidget(label)
        self.body.addStretch(1)

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        return

    def completion(self, project: Project) -> str:
        return "later"
