"""Step 7, Pre-mortem: it is a year from now and the project failed. Why?

A risk register (cause, story, likelihood, impact, owner, status, and the
capabilities that mitigate each risk), a likelihood x impact matrix that
filters the register, and four one-click prompts for the questions every AI
pre-mortem must ask. Every change is one undoable edit through the session;
ticking a mitigating capability edits that capability's ``mitigates``.

Built without a session, the step shows the project read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import edits
from scoping_app.domain.enums import RiskCause, RiskStatus
from scoping_app.domain.model import FailureMode, Project, Risk
from scoping_app.ui import theme
from scoping_app.ui.dialogs import Dialogs
from scoping_app.ui.session import Edit, ProjectSession
from scoping_app.ui.steps.premortem.matrix import RiskMatrix
from scoping_app.ui.steps.premortem.register import (
    PROMPTS,
    SEVERE,
    Prompt,
    failure_columns,
    is_bare,
    mitigators,
    risk_columns,
)
from scoping_app.ui.widgets import fields
from scoping_app.ui.widgets.arrange import panes, stacked
from scoping_app.ui.widgets.checklist import CheckList, Entry
from scoping_app.ui.widgets.figure_fields import ScoreField
from scoping_app.ui.widgets.flow import FlowLayout
from scoping_app.ui.widgets.form import ItemForm, commit_edit, message_label
from scoping_app.ui.widgets.read_only import READ_ONLY_NOTE, section_label, summary_label
from scoping_app.ui.widgets.record_table import RecordTableModel
from scoping_app.ui.widgets.row_heights import VisibleRowHeights
from scoping_app.ui.widgets.short_text import short_story
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.tables import (
    DELETE,
    current_key,
    make_table,
    select_key,
    shortcut_action,
)

LEAD = "It is a year from now and this project failed. Why?"


def risk_fields() -> list[fields.FieldEditor]:
    """The form of one risk, declared once: its story, then cause and scores on one row."""
    return [
        fields.TextField(
            "story",
            "&Story",
            placeholder="It failed because…",
            strip=True,
            accessible="Story: it failed because",
        ),
        fields.ChoiceField("cause", "&Cause", RiskCause),
        ScoreField("likelihood", "&Likelihood", beside=True),
        ScoreField("impact", "&Impact", beside=True),
        fields.ChoiceField(
            "status",
            "S&tatus",
            RiskStatus,
            tooltip="Mitigated: handled outside the system (a process, a contract); "
            "capabilities that mitigate it are ticked on the right",
        ),
        fields.LineField(
            "owner", "&Owner", placeholder="Who watches this risk", strip=True, wrap=True
        ),
        fields.key_field("risk", "Ke&y"),
    ]


class PreMortemStep(StepPage):
    title = "Pre-mortem"
    advice = (
        "Imagine the failure, then write down why: each risk with likelihood, impact, owner "
        "and the capabilities that mitigate it. Click a cell of the matrix to see its risks."
    )
    watches = frozenset({"risks", "failure_modes", "capabilities"})

    def __init__(
        self,
        session: ProjectSession | None = None,
        dialogs: Dialogs | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if session is None:
            self.read_only_note = READ_ONLY_NOTE
            note = QLabel(READ_ONLY_NOTE, self)
            note.setObjectName("readOnlyNote")
            note.setWordWrap(True)
            self.body.addWidget(note)
        self._session = session
        self._dialogs = dialogs or Dialogs()
        self._project: Project | None = None
        self._risk: Risk | None = None
        self.filter_cell: tuple[int, int] | None = None
        editable = session is not None

        self.lead = QLabel(LEAD, self)
        self.lead.setObjectName("premortemLead")
        font = self.lead.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setItalic(True)
        self.lead.setFont(font)
        self.lead.setWordWrap(True)
        self.body.addWidget(self.lead)

        # the four questions every AI pre-mortem must ask, wrapping when the window is narrow
        self.prompt_buttons: dict[RiskCause, QPushButton] = {}
        questions = QWidget(self)
        asking = FlowLayout(questions)
        asking.addWidget(QLabel("Ask:", self))
        for prompt in PROMPTS:
            button = QPushButton(prompt.title, self)
            button.setToolTip(
                f"Add a {prompt.cause.value} risk with a story to edit:\n{prompt.story}"
            )
            button.setAccessibleName(f"Ask: {prompt.title}")
            button.clicked.connect(lambda _checked=False, p=prompt: self.ask(p))
            self.prompt_buttons[prompt.cause] = button
            asking.addWidget(button)
        self.add_button = QPushButton("Add risk", self)
        self.add_button.setToolTip("Add a risk of your own (Ins or Ctrl+N)")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete the selected risk (Del); Undo brings it back")
        prompts = QHBoxLayout()
        prompts.addWidget(questions, 1, Qt.AlignmentFlag.AlignTop)
        prompts.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        prompts.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(prompts)
        self.summary = summary_label(self)
        self.body.addWidget(self.summary)

        # the register
        self.risks_model: RecordTableModel[Risk] = RecordTableModel(risk_columns(None), self)
        self.table = make_table(self.risks_model, self, stretch=1, wrap=True)
        self.row_heights = VisibleRowHeights(self.table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        self.table.setColumnWidth(4, 165)
        self.table.setAccessibleName("Risk register")
        self.filter_label = QLabel(self)
        self.show_all_button = QPushButton("Show all risks", self)
        self.show_all_button.clicked.connect(lambda: self.set_filter(None))
        filter_row = QHBoxLayout()
        filter_row.addWidget(section_label("Risk register", self))
        filter_row.addWidget(self.filter_label, 1)
        filter_row.addWidget(self.show_all_button)

        # the selected risk
        self.form = ItemForm(risk_fields(), "")
        self.risk_form = QFrame(self)
        self.risk_form.setFrameShape(QFrame.Shape.StyledPanel)
        form_layout = QVBoxLayout(self.risk_form)
        form_layout.setContentsMargins(8, 6, 8, 6)
        form_layout.addWidget(self.form)

        register = stacked(filter_row, (self.table, 1), parent=self)
        left = panes(
            self,
            [register, self.risk_form],
            [300, 230],
            (1, 0),
            Qt.Orientation.Vertical,
            remember_as="premortem/register",
        )

        # the matrix and who mitigates the selected risk
        self.matrix = RiskMatrix(self)
        axes = QLabel("Rows: likelihood (5 at the top). Columns: impact (5 on the right).")
        axes.setWordWrap(True)
        axes.setStyleSheet("color: palette(placeholder-text);")
        self.mitigated_by = CheckList(
            "Capabilities that mitigate the selected risk", "No capabilities yet."
        )
        self.mitigated_by.setToolTip(
            "Tick the capabilities that mitigate this risk: it is stored on each capability"
        )
        self.bare_warning = message_label(self, bold=True)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(section_label("Likelihood x impact", self))
        right_layout.addWidget(self.matrix, 3)
        right_layout.addWidget(axes)
        right_layout.addWidget(section_label("Mitigated by (capabilities)", self))
        right_layout.addWidget(self.bare_warning)
        right_layout.addWidget(self.mitigated_by.boxed(), 2)

        self.splitter = panes(
            self, [left, right], [720, 300], (1, 0), remember_as="premortem/matrix"
        )

        # failure modes of every capability, read here, edited in Capabilities
        self.failures_model: RecordTableModel[FailureMode] = RecordTableModel(
            failure_columns(None), self
        )
        self.body.addWidget(self.splitter, 1)

        self.add_action = shortcut_action(self, "Add risk", ["Ins", "Ctrl+N"])
        self.delete_action = shortcut_action(self.table, "Delete risk", [DELETE])

        for widget in (
            self.add_button,
            self.delete_button,
            *self.prompt_buttons.values(),
            self.form,
            self.mitigated_by,
        ):
            widget.setEnabled(editable)
        self.add_action.setEnabled(editable)
        self.delete_action.setEnabled(editable)

        self.add_action.triggered.connect(self.add_risk)
        self.add_button.clicked.connect(self.add_risk)
        self.delete_action.triggered.connect(self.delete_risk)
        self.delete_button.clicked.connect(self.delete_risk)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_rows: self._show_risk(self.selected_key())
        )
        self.matrix.cell_clicked.connect(self._on_cell_clicked)
        self.form.field_committed.connect(self._commit)
        self.mitigated_by.toggled.connect(self._on_mitigator_toggled)

    # showing the project

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        key = self.selected_key()
        self._project = project
        self.failures_model.set_rows(project.failure_modes, failure_columns(project))
        self.matrix.show_risks(project.risks)
        self._fill_register(project)
        if key is None or self.risks_model.row_of(key) < 0:
            key = self.risks_model.record(0).key if self.risks_model.rowCount() else None
        self.select(key)
        self._update_prompts(project)
        self._update_summary(project)

    def _fill_register(self, project: Project) -> None:
        rows = project.risks
        if self.filter_cell is not None:
            likelihood, impact = self.filter_cell
            rows = [r for r in rows if (r.likelihood, r.impact) == (likelihood, impact)]
            self.filter_label.setText(
                f"showing likelihood {likelihood} x impact {impact}: {len(rows)} of "
                f"{len(project.risks)}"
            )
        else:
            self.filter_label.setText(f"all {len(project.risks)} risks")
        self.filter_label.setStyleSheet("color: palette(placeholder-text);")
        self.show_all_button.setVisible(self.filter_cell is not None)
        self.risks_model.set_rows(rows, risk_columns(project))
        self.matrix.set_selected(self.filter_cell)

    def _update_prompts(self, project: Project) -> None:
        causes = {r.cause for r in project.risks}
        for prompt in PROMPTS:
            button = self.prompt_buttons[prompt.cause]
            done = prompt.cause in causes
            button.setText(f"✓ {prompt.title}" if done else prompt.title)
            button.setEnabled(self._session is not None and not done)
            button.setToolTip(
                f"Asked: a {prompt.cause.value} risk is in the register"
                if done
                else f"Add a {prompt.cause.value} risk with a story to edit:\n{prompt.story}"
            )

    def _update_summary(self, project: Project) -> None:
        if not project.risks:
            self.summary.setText(
                "No risks yet: start with the four questions above, then add your own."
            )
            return
        by = mitigators(project)
        severe = [r for r in project.risks if r.severe]
        bare = [r for r in severe if is_bare(r, by)]
        text = (
            f"{len(project.risks)} risks, "
            + theme.coloured(f"<b>{len(severe)} severe</b>", SEVERE)
            + "; "
        )
        if bare:
            stories = "; ".join(f"“{short_story(r)}”" for r in bare)
            text += (
                f"<span style='color:{theme.hex(SEVERE)}'><b>{len(bare)} severe with no capability "
                f"mitigating it</b></span>: {escape(stories)}."
            )
        else:
            text += "every severe risk has a capability mitigating it."
        self.summary.setText(text)

    def selected_key(self) -> str | None:
        return current_key(self.table)

    def select(self, key: str | None) -> None:
        self._show_risk(select_key(self.table, key))

    def _show_risk(self, key: str | None) -> None:
        risk = self.risks_model.record(self.risks_model.row_of(key)) if key is not None else None
        self._risk = risk
        project = self._project
        self.risk_form.setVisible(risk is not None)
        self.delete_button.setEnabled(self._session is not None and risk is not None)
        if risk is None or project is None:
            self.mitigated_by.fill([])
            self.bare_warning.hide()
            return
        self.form.show_item(risk, project)
        self.mitigated_by.fill(
            Entry(c.key, c.name, risk.key in c.mitigates, c.name) for c in project.capabilities
        )
        bare = is_bare(risk, mitigators(project))
        self.bare_warning.setText(
            "Severe and open, and no capability mitigates it: tick one below, lower its "
            "score, or accept it."
            if bare
            else ""
        )
        self.bare_warning.setVisible(bare)

    # filtering by the matrix

    def _on_cell_clicked(self, likelihood: int, impact: int) -> None:
        cell = (likelihood, impact)
        self.set_filter(None if self.filter_cell == cell else cell)

    def set_filter(self, cell: tuple[int, int] | None) -> None:
        """Show only the risks of ``cell`` (likelihood, impact) in the register, or all."""
        self.filter_cell = cell
        if self._project is not None:
            self.show_project(self._project)

    # edits: each is one undoable service call

    def _apply(self, operation: Edit, label: str, say: Callable[[str], None] | None = None) -> bool:
        """Run an edit; a refusal is said by ``say`` (under a field), else in a message box."""
        if self._session is None:
            return False
        where = say or self
        if self._session.apply_or_report(operation, label, where, self._dialogs) is None:
            if self._project is not None:
                self.show_project(self._project)
            return False
        return True

    def ask(self, prompt: Prompt) -> None:
        """Add the risk of one of the four questions, its story selected for editing."""
        project = self._session.project if self._session else None
        if project is None:
            return
        key = edits.make_key(f"{prompt.cause.value} risk", (r.key for r in project.risks))
        risk = Risk(
            key=key,
            cause=prompt.cause,
            story=prompt.story,
            likelihood=prompt.likelihood,
            impact=prompt.impact,
        )
        self._add(risk, f"Add risk: {prompt.title.lower()}")

    def add_risk(self) -> None:
        project = self._session.project if self._session else None
        if project is None:
            return
        key = edits.make_key("risk", (r.key for r in project.risks))
        risk = Risk(key=key, story="It failed because ")
        self._add(risk, "Add risk")

    def _add(self, risk: Risk, label: str) -> None:
        if self.filter_cell is not None and self.filter_cell != (risk.likelihood, risk.impact):
            self.filter_cell = None  # the new risk must be in view
        if self._apply(lambda p: edits.add_item(p, "risks", risk), label):
            self.select(risk.key)
            story = self.form.fields["story"]
            assert isinstance(story, fields.TextField)
            story.set_focus()
            story.edit.moveCursor(story.edit.textCursor().MoveOperation.End)

    def delete_risk(self) -> None:
        risk = self._risk
        if risk is None:
            return
        row = self.risks_model.row_of(risk.key)
        key = risk.key
        if self._apply(
            lambda p: edits.delete_item(p, "risks", key), f"Delete risk “{short_story(risk, 40)}”"
        ):
            remaining = self.risks_model.rowCount()
            if remaining:
                self.select(self.risks_model.record(min(row, remaining - 1)).key)

    def _commit(self, field: str) -> None:
        risk = self._risk
        if risk is None or self._session is None:
            return
        key = risk.key
        label = f"Change {self.form.fields[field].words} of risk “{short_story(risk, 40)}”"

        def store(changes: dict[str, Any], say: Callable[[str], None]) -> bool:
            if field in ("likelihood", "impact") and self.filter_cell is not None:
                self.filter_cell = None  # the risk leaves its cell: keep it in view
            stored = self._apply(lambda p: edits.set_fields(p, "risks", key, **changes), label, say)
            if stored and "key" in changes:
                self.select(changes["key"])  # the register follows the renamed risk
            return stored

        commit_edit(self.form, field, risk, store)

    def _on_mitigator_toggled(self, capability: str, on: bool) -> None:
        risk, project = self._risk, self._project
        if risk is None or project is None:
            return
        current = project.capability(capability)
        keys = [k for k in current.mitigates if k != risk.key] + ([risk.key] if on else [])
        verb = "mitigates" if on else "no longer mitigates"
        label = f"{current.name} {verb} risk “{short_story(risk, 40)}”"
        self._apply(
            lambda p: edits.set_fields(p, "capabilities", capability, mitigates=keys), label
        )

    def completion(self, project: Project) -> str:
        return str(len(project.risks)) if project.risks else ""
