"""Step 1, Project: the project's own fields, each stored as one undoable edit when left.

The fields are declared once (:mod:`scoping_app.ui.steps.project_info.fields`) as
editors of the one form pipeline: a field is committed when the user leaves it or
presses Enter (Ctrl+Enter in a long text; a choice list as soon as it is chosen).
A value the domain model refuses is kept in the field, with the translator's
words beside it, and nothing is stored; the service's refusals (a name another
project has) are shown the same way.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from scoping_app.domain import edits
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.project_info.fields import ProjectField, project_fields
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.arrange import FORM_FIELD_GAP, form_grid
from scoping_app.ui.widgets.fields import FieldError, TextField
from scoping_app.ui.widgets.form import message_label, refusal, scrolling
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.tab_order import follow_in_order, tab_chain

NOTE_STYLE = "color: palette(placeholder-text);"
REGULATED_NOTE = (
    "⚖ Regulated industry: decide data residency, personal data (PII), explainability "
    "and the audit trail, and keep a compliance capability in scope."
)


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
        self.fields: dict[str, ProjectField] = {}
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.units: dict[str, QLabel] = {}

        form = QWidget()
        form.setObjectName("projectForm")
        form.setMaximumWidth(860)
        self.grid = form_grid(form)
        self.grid.setContentsMargins(0, 4, 12, 12)
        self.grid.setColumnMinimumWidth(0, 150)
        self._row = 0

        self.regulated_note = QLabel(REGULATED_NOTE)
        self.regulated_note.setObjectName("regulatedNote")
        self.regulated_note.setWordWrap(True)
        theme.style(self.regulated_note, lambda: theme.info_style() + " padding: 4px 8px;")
        for row in project_fields():
            self._add(row)
            if row.editor.name == "industry":
                self.grid.addWidget(self.regulated_note, self._row, 1, 1, 2)
                self._row += 1
        self.grid.setRowStretch(self._row, 1)

        # the editing widgets by field, as tests and screen readers reach them
        self.name, self.industry, self.pattern, self.owner = (
            self.inputs[f] for f in ("name", "industry", "pattern", "owner")
        )
        self.problem, self.objective, self.deadline = (
            self.inputs[f] for f in ("problem", "objective", "deadline")
        )
        self.latency, self.monthly_budget, self.monthly_value = (
            self.inputs[f] for f in ("latency_budget_ms", "monthly_budget", "monthly_value")
        )
        self.currency, self.value_target = self.inputs["currency"], self.inputs["value_target"]
        self.start_date, self.team_size = self.inputs["start_date"], self.inputs["team_size"]

        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(form)
        holder_layout.addStretch(1)
        self.body.addWidget(scrolling(holder), 1)

        follow_in_order(tab_chain(row.editor for row in self.fields.values()))
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

    def _add(self, row: ProjectField) -> None:
        editor, field = row.editor, row.editor.name
        if row.section:
            self._section(row.section)
        widget = editor.focus_widgets[0]
        label = QLabel(row.shown + ":")
        label.setBuddy(widget)
        top = isinstance(editor, TextField)
        align = Qt.AlignmentFlag.AlignRight | (
            Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignVCenter
        )
        label.setAlignment(align)
        if top:
            label.setContentsMargins(0, 4, 0, 0)
        widget.setObjectName(f"field_{field}")
        self.grid.addWidget(label, self._row, 0)
        if row.note:
            line = QWidget()
            line_layout = QGridLayout(line)
            line_layout.setContentsMargins(0, 0, 0, 0)
            line_layout.setHorizontalSpacing(FORM_FIELD_GAP)
            line_layout.addWidget(editor.widget, 0, 0)
            note = QLabel(row.note)
            note.setStyleSheet(NOTE_STYLE)
            line_layout.addWidget(note, 0, 1)
            line_layout.setColumnStretch(2, 1)
            self.units[field] = note
            self.grid.addWidget(line, self._row, 1, 1, 2)
        else:
            self.grid.addWidget(editor.widget, self._row, 1, 1, 2)
        error = message_label()
        error.setObjectName(f"error_{field}")
        error.setAccessibleName(f"{editor.label}: problem")
        self.grid.addWidget(error, self._row + 1, 1, 1, 2)
        editor.committed.connect(partial(self._commit, field))
        self.fields[field] = row
        self.inputs[field] = widget
        self.errors[field] = error
        self._row += 2

    # showing

    def error_text(self, field: str) -> str:
        return self.errors[field].text().removeprefix("⚠ ")

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        info = project.info
        for field, row in self.fields.items():
            if self.errors[field].text():
                continue  # keep what the user typed until it is fixed or replaced
            row.editor.load(info, project)
        currency = info.currency
        self.units["monthly_budget"].setText(f"{currency} per month: infrastructure, model calls")
        self.units["monthly_value"].setText(f"{currency} per month once live: the business case")
        self.regulated_note.setVisible(info.industry.regulated)

    # editing

    def _commit(self, field: str) -> None:
        """Store the field's value as one undoable edit, or say beside it why not."""
        row = self.fields[field]
        try:
            value: Any = row.editor.value()
        except FieldError as error:
            self._show_error(field, str(error))
            return
        except RuntimeError:  # a field left focus while the window was being torn down
            return
        info = self.session.project.info
        refused = refusal(info, {field: value})
        if refused:
            self._show_error(field, refused.get(field) or next(iter(refused.values())))
            return
        if value != getattr(info, field):
            stored = self.session.apply_or_report(
                lambda p: edits.set_info(p, **{field: value}),
                row.undo_label,
                partial(self._show_error, field),
            )
            if stored is None:
                return
        self._show_error(field, "")
        row.editor.load(self.session.project.info, self.session.project)

    def _show_error(self, field: str, message: str) -> None:
        label = self.errors[field]
        label.setText(f"⚠ {message}" if message else "")
        label.setVisible(bool(message))
        widget = self.inputs[field]
        widget.setAccessibleDescription(message)
        widget.setProperty("invalid", bool(message))
        theme.style(
            widget,
            lambda: (
                f"#{widget.objectName()} {{ border: 1px solid {theme.hex(Role.ERROR)}; }}"
                if message
                else ""
            ),
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
