"""The smallest viable scope panel of the Slices step: what was computed, why, and a button
to save it as a slice."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from scoping_app.analysis.scope_advice import ScopeAnalysis
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.steps.slices.figures_text import figures_forms
from scoping_app.ui.steps.slices.scope_text import additions_html, reasons_html, relaxations_html
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.read_only import section_label
from scoping_app.ui.widgets.rich import RichText

NOTHING_TO_SCOPE = "Nothing to scope yet: add capabilities first."


class SmallestScopePanel(QFrame):
    """A tinted box saying the smallest viable scope, or why none is viable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scopeBox")
        theme.style(
            self,
            lambda: (
                f"QFrame#scopeBox {{ background: {theme.hex(Role.GOOD_TINT)};"
                f" border: 1px solid {theme.hex(Role.GOOD_BORDER)}; border-radius: 6px; }}"
            ),
        )
        self.status = QLabel("Computing…")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.text = RichText("Smallest viable scope")
        self.save_button = QPushButton("Save as slice")
        self.save_button.setEnabled(False)
        self.save_button.setToolTip("Store the smallest viable scope as a new slice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addWidget(section_label("Smallest viable scope (computed)"))
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_computing(self) -> None:
        self.save_button.setEnabled(False)
        self.status.setText("Computing…")

    def show_analysis(self, project: Project, analysis: ScopeAnalysis) -> None:
        """The computed scope of ``project``: its figures and picks, or what cannot be met."""
        result = analysis.scope
        if not project.capabilities:
            self.status.setText(NOTHING_TO_SCOPE)
            self.text.setText("")
            self.save_button.setEnabled(False)
        elif result.viable and result.figures is not None:
            names = project.capabilities_by_key()
            listed = "".join(
                f"<li>{escape(names[k].name) if k in names else escape(k)}</li>"
                for k in result.capabilities
            )
            self.status.setText(
                f"{len(result.capabilities)} capabilities: the least effort that meets every "
                "condition."
            )
            rest = (
                f"<p style='margin-bottom:0'><b>It contains</b>:</p>"
                f"<ul style='margin-top:2px; margin-left:-20px'>{listed}</ul>"
                + additions_html(project, analysis)
                + reasons_html(project, analysis)
            )
            wide, narrow = figures_forms(project, result.figures)
            self.text.setText(wide + rest, narrow + rest)
            self.save_button.setEnabled(True)
        else:
            reasons = "".join(f"<li>{escape(r)}</li>" for r in result.reasons)
            self.status.setText("No scope is viable.")
            self.text.setText(
                f"<p style='color:{theme.hex(Role.ERROR)}'>"
                "<b>No set of capabilities meets every condition</b>. "
                f"What cannot be met:</p><ul style='margin-left:-20px'>{reasons}</ul>"
                + relaxations_html(analysis)
            )
            self.save_button.setEnabled(False)

    def show_failure(self, error: Exception) -> None:
        self.status.setText("The smallest viable scope could not be computed.")
        self.text.setText(f"<p style='color:{theme.hex(Role.ERROR)}'>{escape(str(error))}</p>")
        self.save_button.setEnabled(False)
