"""Step 7, Pre-mortem: it is a year from now and the project failed. Why?

A risk register (cause, story, likelihood, impact, owner, status, and the
capabilities that mitigate each risk), a likelihood x impact matrix that
filters the register, and four one-click prompts for the questions every AI
pre-mortem must ask. Every change is one undoable edit through the session;
ticking a mitigating capability edits that capability's ``mitigates``.

Built without a session, the step shows the project read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import edits
from scoping_app.domain import words as fmt
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
from scoping_app.ui.widgets.checklist import CheckList, Entry
from scoping_app.ui.widgets.fields import TextBox, key_edit, message_label
from scoping_app.ui.widgets.form import commit_field
from scoping_app.ui.widgets.read_only import READ_ONLY_NOTE, section_label, summary_label
from scoping_app.ui.widgets.record_table import RecordTableModel
from scoping_app.ui.widgets.short_text import short_story
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.tables import make_table, select_row

LEAD = "It is a year from now and this project failed. Why?"
FIELD_WORDS = {
    "cause": "cause",
    "story": "story",
    "likelihood": "likelihood",
    "impact": "impact",
    "owner": "owner",
    "status": "status",
    "key": "key",
}


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
        self._loading = False
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

        # the four questions every AI pre-mortem must ask
        self.prompt_buttons: dict[RiskCause, QPushButton] = {}
        prompts = QHBoxLayout()
        prompts.setSpacing(6)
        asked = QLabel("Ask:", self)
        prompts.addWidget(asked)
        for prompt in PROMPTS:
            button = QPushButton(prompt.title, self)
            button.setToolTip(
                f"Add a {prompt.cause.value} risk with a story to edit:\n{prompt.story}"
            )
            button.setAccessibleName(f"Ask: {prompt.title}")
            button.clicked.connect(lambda _checked=False, p=prompt: self.ask(p))
            self.prompt_buttons[prompt.cause] = button
            prompts.addWidget(button)
        prompts.addStretch(1)
        self.add_button = QPushButton("Add risk", self)
        self.add_button.setToolTip("Add a risk of your own (Ins or Ctrl+N)")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete the selected risk (Del); Undo brings it back")
        prompts.addWidget(self.add_button)
        prompts.addWidget(self.delete_button)
        self.body.addLayout(prompts)
        self.summary = summary_label(self)
        self.body.addWidget(self.summary)

        # the register
        self.risks_model: RecordTableModel[Risk] = RecordTableModel(risk_columns(None), self)
        self.table = make_table(self.risks_model, self, stretch=1, wrap=True)
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
        self.story = TextBox()
        self.story.setPlaceholderText("It failed because…")
        self.story.setMinimumHeight(50)
        self.story.setMaximumHeight(72)
        self.story.setAccessibleName("Story: it failed because")
        self.cause = QComboBox()
        self.cause.setAccessibleName("Cause")
        for cause in RiskCause:
            self.cause.addItem(fmt.choice(cause), cause.value)
        self.likelihood = self._score_box("Likelihood")
        self.impact = self._score_box("Impact")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for status in RiskStatus:
            self.status.addItem(fmt.choice(status), status.value)
        self.status.setToolTip(
            "Mitigated: handled outside the system (a process, a contract); "
            "capabilities that mitigate it are ticked on the right"
        )
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Who watches this risk")
        self.owner.setAccessibleName("Owner")
        self.key = key_edit("risk")
        self.error = message_label()
        form = QFormLayout()
        form.setVerticalSpacing(5)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label("&Story:", self.story), self.story)
        row = QHBoxLayout()
        row.addWidget(self.cause)
        for text, widget in (
            ("&Likelihood:", self.likelihood),
            ("&Impact:", self.impact),
            ("S&tatus:", self.status),
        ):
            row.addSpacing(8)
            row.addWidget(self._label(text, widget))
            row.addWidget(widget)
        row.addSpacing(8)
        row.addWidget(self._label("&Owner:", self.owner))
        row.addWidget(self.owner, 1)
        form.addRow(self._label("&Cause:", self.cause), row)
        form.addRow(self._label("Ke&y:", self.key), self.key)
        self.risk_form = QFrame(self)
        self.risk_form.setFrameShape(QFrame.Shape.StyledPanel)
        form_layout = QVBoxLayout(self.risk_form)
        form_layout.setContentsMargins(8, 6, 8, 6)
        form_layout.addLayout(form)
        form_layout.addWidget(self.error)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.risk_form)

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
        right_layout.addWidget(self.mitigated_by, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([720, 300])

        # failure modes of every capability, read here, edited in Capabilities
        self.failures_model: RecordTableModel[FailureMode] = RecordTableModel(
            failure_columns(None), self
        )
        self.body.addWidget(self.splitter, 1)

        self.add_action = QAction("Add risk", self)
        self.add_action.setShortcuts([QKeySequence(Qt.Key.Key_Insert), QKeySequence("Ctrl+N")])
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.add_action)
        self.delete_action = QAction("Delete risk", self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_action)

        for widget in (
            self.add_button,
            self.delete_button,
            *self.prompt_buttons.values(),
            self.story,
            self.cause,
            self.likelihood,
            self.impact,
            self.status,
            self.owner,
            self.key,
            self.mitigated_by,
        ):
            widget.setEnabled(editable)
        self.add_action.setEnabled(editable)
        self.delete_action.setEnabled(editable)

        self.add_action.triggered.connect(self.add_risk)
        self.add_button.clicked.connect(self.add_risk)
        self.delete_action.triggered.connect(self.delete_risk)
        self.delete_button.clicked.connect(self.delete_risk)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.matrix.cell_clicked.connect(self._on_cell_clicked)
        self.story.left.connect(lambda: self._commit("story"))
        self.cause.activated.connect(lambda _i: self._commit("cause"))
        self.likelihood.editingFinished.connect(lambda: self._commit("likelihood"))
        self.impact.editingFinished.connect(lambda: self._commit("impact"))
        self.status.activated.connect(lambda _i: self._commit("status"))
        self.owner.editingFinished.connect(lambda: self._commit("owner"))
        self.key.editingFinished.connect(lambda: self._commit("key"))
        self.mitigated_by.toggled.connect(self._on_mitigator_toggled)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @staticmethod
    def _score_box(word: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(1, 5)
        box.setKeyboardTracking(False)
        box.setAccessibleName(f"{word} from 1 to 5")
        box.setToolTip(f"{word}: 1 (low) to 5 (high)")
        return box

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
            text += (
                f"<span style='color:{theme.hex(SEVERE)}'><b>{len(bare)} severe with no capability "
                f"mitigating it</b></span> ({', '.join(r.key for r in bare)})."
            )
        else:
            text += "every severe risk has a capability mitigating it."
        self.summary.setText(text)

    def selected_key(self) -> str | None:
        index = self.table.currentIndex()
        return self.risks_model.record(index.row()).key if index.isValid() else None

    def select(self, key: str | None) -> None:
        row = self.risks_model.row_of(key) if key is not None else -1
        select_row(self.table, row)
        self._show_risk(self.risks_model.record(row) if row >= 0 else None)

    def _on_current_changed(self, *_args: object) -> None:
        key = self.selected_key()
        self._show_risk(self.risks_model.record(self.risks_model.row_of(key)) if key else None)

    def _show_risk(self, risk: Risk | None) -> None:
        self._risk = risk
        project = self._project
        self.risk_form.setVisible(risk is not None)
        self.delete_button.setEnabled(self._session is not None and risk is not None)
        self.error.hide()
        if risk is None or project is None:
            self.mitigated_by.fill([])
            self.bare_warning.hide()
            return
        self._loading = True
        try:
            self.story.show_text(risk.story)
            self.cause.setCurrentIndex(self.cause.findData(risk.cause.value))
            self.likelihood.setValue(risk.likelihood)
            self.impact.setValue(risk.impact)
            self.status.setCurrentIndex(self.status.findData(risk.status.value))
            self.owner.setText(risk.owner)
            self.key.setText(risk.key)
        finally:
            self._loading = False
        self.mitigated_by.fill(
            Entry(c.key, c.name, risk.key in c.mitigates, f"{c.name} ({c.key})")
            for c in project.capabilities
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

    def _apply(self, operation: Edit, label: str) -> bool:
        if self._session is None:
            return False
        if self._session.apply_or_report(operation, label, self, self._dialogs) is None:
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
            self.story.setFocus(Qt.FocusReason.OtherFocusReason)
            cursor = self.story.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            self.story.setTextCursor(cursor)

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

    def _typed(self, field: str) -> object:
        if field == "story":
            return self.story.toPlainText().strip()
        if field == "cause":
            return RiskCause(self.cause.currentData())
        if field == "status":
            return RiskStatus(self.status.currentData())
        if field == "likelihood":
            return self.likelihood.value()
        if field == "impact":
            return self.impact.value()
        if field == "key":
            return self.key.text().strip()
        return self.owner.text().strip()

    def _commit(self, field: str) -> None:
        risk = self._risk
        if self._loading or risk is None or self._session is None:
            return
        try:
            value = self._typed(field)
        except RuntimeError:  # a field left focus while the window was torn down
            return
        key = risk.key
        label = f"Change {FIELD_WORDS[field]} of risk “{short_story(risk, 40)}”"

        def store() -> bool:
            if field in ("likelihood", "impact") and self.filter_cell is not None:
                self.filter_cell = None  # the risk leaves its cell: keep it in view
            return self._apply(lambda p: edits.set_fields(p, "risks", key, **{field: value}), label)

        stored = commit_field(risk, field, value, FIELD_WORDS[field], self.error, store)
        if stored and field == "key":
            self.select(str(value))  # the register follows the renamed risk

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
