"""Step 1, Project: the project's own fields, each stored as one undoable edit when left.

A field is saved when the user leaves it or presses Enter (a choice list as soon as
it is chosen). A value that cannot be stored is kept in the field, with a message
beside it, and nothing is stored; the service's refusals (a name another project
has) are shown the same way.
"""

from __future__ import annotations

import itertools
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import edits
from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Industry, Pattern
from scoping_app.domain.model import NAME_MAX, Project
from scoping_app.ui import theme
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.project_info.fields import SPECS, FieldError, edit_text, parse
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.fields import TextBox
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage

NOTE_STYLE = "color: palette(placeholder-text);"
REGULATED_NOTE = (
    "⚖ Regulated industry: decide data residency, personal data (PII), explainability "
    "and the audit trail, and keep a compliance capability in scope."
)


def project_fields(project: Project) -> dict[str, str]:
    """Each field of the project in words, keyed by the field's name."""
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
        "against: latency per interaction, running cost and business value per month. "
        "Each field is saved when you leave it or press Enter, and can be undone."
    )
    watches = frozenset({"info"})

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._texts: dict[str, str] = {}
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.units: dict[str, QLabel] = {}

        form = QWidget()
        form.setObjectName("projectForm")
        form.setMaximumWidth(860)
        self.grid = QGridLayout(form)
        self.grid.setContentsMargins(0, 4, 12, 12)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnMinimumWidth(0, 150)
        self._row = 0

        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.industry = QComboBox()
        for industry in Industry:
            self.industry.addItem(fmt.industry(industry), industry.value)
        self.pattern = QComboBox()
        for pattern in Pattern:
            self.pattern.addItem(fmt.pattern(pattern), pattern.value)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Who decides and answers for the project")
        self.problem = TextBox(lines=4)
        self.problem.setPlaceholderText("What goes wrong today, for whom, and what it costs")
        self.objective = TextBox(lines=4)
        self.objective.setPlaceholderText("What the AI system should achieve, in plain words")
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("YYYY-MM-DD")
        self.latency = QLineEdit()
        self.latency.setPlaceholderText("not set")
        self.monthly_budget = QLineEdit()
        self.monthly_budget.setPlaceholderText("not set")
        self.monthly_value = QLineEdit()
        self.monthly_value.setPlaceholderText("not set")
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText("USD")
        self.value_target = QLineEdit()
        self.value_target.setPlaceholderText("not set")
        for line in (self.deadline, self.latency, self.monthly_budget, self.monthly_value):
            line.setMaximumWidth(180)
        self.value_target.setMaximumWidth(180)
        self.currency.setMaximumWidth(70)

        self._section("About the project")
        self._add("name", self.name)
        self._add("industry", self.industry)
        self.regulated_note = QLabel(REGULATED_NOTE)
        self.regulated_note.setObjectName("regulatedNote")
        self.regulated_note.setWordWrap(True)
        self.regulated_note.setStyleSheet(theme.info_style() + " padding: 4px 8px;")
        self.grid.addWidget(self.regulated_note, self._row, 1, 1, 2)
        self._row += 1
        self._add("pattern", self.pattern)
        self._add("owner", self.owner)
        self._add("problem", self.problem)
        self._add("objective", self.objective)
        self._add("deadline", self.deadline, "empty when there is none")
        self._section("Budgets every scope is measured against")
        self._add("latency_budget_ms", self.latency, "ms per interaction (p95)")
        self._add("monthly_budget", self.monthly_budget, "per month: infrastructure, model calls")
        self._add("monthly_value", self.monthly_value, "per month once live: the business case")
        self._add("currency", self.currency, "ISO code, e.g. EUR")
        self._add("value_target", self.value_target, "value points a viable slice must deliver")
        self.grid.setRowStretch(self._row, 1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(form)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        self.body.addWidget(scroll, 1)

        order = [
            self.name,
            self.industry,
            self.pattern,
            self.owner,
            self.problem,
            self.objective,
            self.deadline,
            self.latency,
            self.monthly_budget,
            self.monthly_value,
            self.currency,
            self.value_target,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        for field, widget in self.inputs.items():
            if isinstance(widget, QLineEdit):
                widget.editingFinished.connect(lambda f=field: self._commit(f))
            elif isinstance(widget, TextBox):
                widget.left.connect(lambda f=field: self._commit(f))
            elif isinstance(widget, QComboBox):
                widget.activated.connect(lambda _i, f=field: self._commit(f))

        self.show_project(session.project)

    # building

    def _section(self, text: str) -> None:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 10 if self._row else 0, 0, 4)
        self.grid.addWidget(label, self._row, 0, 1, 3)
        self._row += 1

    def _add(self, field: str, widget: QWidget, unit: str = "") -> None:
        spec = SPECS[field]
        label = QLabel(spec.label + ":")
        label.setBuddy(widget)
        top = isinstance(widget, TextBox)
        align = Qt.AlignmentFlag.AlignRight | (
            Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignVCenter
        )
        label.setAlignment(align)
        if top:
            label.setContentsMargins(0, 4, 0, 0)
        widget.setAccessibleName(spec.accessible)
        widget.setObjectName(f"field_{field}")
        self.grid.addWidget(label, self._row, 0)
        if unit:
            line = QWidget()
            row = QGridLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            row.setHorizontalSpacing(8)
            row.addWidget(widget, 0, 0)
            note = QLabel(unit)
            note.setStyleSheet(NOTE_STYLE)
            row.addWidget(note, 0, 1)
            row.setColumnStretch(2, 1)
            self.units[field] = note
            self.grid.addWidget(line, self._row, 1, 1, 2)
        else:
            self.grid.addWidget(widget, self._row, 1, 1, 2)
        error = QLabel()
        error.setObjectName(f"error_{field}")
        error.setWordWrap(True)
        error.setStyleSheet(theme.text_style(Role.ERROR))
        error.setAccessibleName(f"{spec.accessible}: problem")
        error.hide()
        self.grid.addWidget(error, self._row + 1, 1, 1, 2)
        self.inputs[field] = widget
        self.errors[field] = error
        self._row += 2

    # showing

    def value_text(self, field: str) -> str:
        """A field as the read-only summary words it ("2,500 ms per interaction (p95)")."""
        return self._texts[field]

    def error_text(self, field: str) -> str:
        return self.errors[field].text().removeprefix("⚠ ")

    def text_of(self, field: str) -> str:
        widget = self.inputs[field]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return str(widget.currentData())
        raise TypeError(widget)

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        self._texts = project_fields(project)
        info = project.info
        for field, widget in self.inputs.items():
            if self.errors[field].text():
                continue  # keep what the user typed until it is fixed or replaced
            self._set_widget(widget, edit_text(info, field))
        currency = info.currency
        self.units["monthly_budget"].setText(f"{currency} per month: infrastructure, model calls")
        self.units["monthly_value"].setText(f"{currency} per month once live: the business case")
        self.regulated_note.setVisible(info.industry.regulated)

    @staticmethod
    def _set_widget(widget: QWidget, text: str) -> None:
        if isinstance(widget, QLineEdit):
            if widget.text() != text:
                widget.setText(text)
                widget.setCursorPosition(0)
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != text:
                widget.setPlainText(text)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(text))

    # editing

    def _commit(self, field: str) -> None:
        text = self.text_of(field)
        try:
            value: Any = parse(field, text)
        except FieldError as error:
            self._show_error(field, str(error))
            return
        current = getattr(self.session.project.info, field)
        if value == current:
            self._show_error(field, "")
            self._set_widget(self.inputs[field], edit_text(self.session.project.info, field))
            return
        say = partial(self._show_error, field)
        if (
            self.session.apply_or_report(
                lambda p: edits.set_info(p, **{field: value}), SPECS[field].undo, say
            )
            is None
        ):
            return
        self._show_error(field, "")
        self._set_widget(self.inputs[field], edit_text(self.session.project.info, field))

    def _show_error(self, field: str, message: str) -> None:
        label = self.errors[field]
        label.setText(f"⚠ {message}" if message else "")
        label.setVisible(bool(message))
        widget = self.inputs[field]
        widget.setAccessibleDescription(message)
        widget.setProperty("invalid", bool(message))
        widget.setStyleSheet(
            f"#{widget.objectName()} {{ border: 1px solid {theme.hex(Role.ERROR)}; }}"
            if message
            else ""
        )

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
