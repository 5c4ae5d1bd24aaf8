"""The start screen: the projects of the database, and what can be done with them.

The list shows the names at once; each project's readiness and verdict (the
analysis judges every project) are filled in from a worker once the screen is
painted. Importing a file runs on a worker too, with its progress and Cancel.

While it is shown, the screen watches the database (as an open project does): a
project that someone else creates, renames, changes or deletes shows in the list
within a second, without moving the selection or the focus.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scoping_app import APP_NAME
from scoping_app.domain.enums import Industry, Pattern
from scoping_app.domain.model import Project, ProjectInfo
from scoping_app.domain.validation import ProjectInvalid
from scoping_app.services.projects import (
    ImportCancelled,
    ProjectOverview,
    ProjectService,
    ProjectSummary,
    ServiceError,
)
from scoping_app.services.templates import example_file, has_template, new_from_template
from scoping_app.ui.dialogs import SCOPE_FILTER, Dialogs
from scoping_app.ui.session import WATCH_MS
from scoping_app.ui.start.new_project_dialog import wants_template
from scoping_app.ui.start.projects_model import ProjectsModel
from scoping_app.ui.widgets.tables import configure_table
from scoping_app.ui.workers import TaskRunner, after_next_paint

if TYPE_CHECKING:
    from scoping_app.services.projects import ChangeWatch

START_BUTTON_HEIGHT = 34
EMPTY_TEXT = (
    "No projects yet: start with “New project from a template…”, or open the example "
    "project first to see what a complete scoping looks like."
)


class StartScreen(QWidget):
    """Lists projects; new, import, open, duplicate and delete go through the service."""

    open_requested = Signal(int)  # project id
    project_created = Signal(int)  # a new project (created, imported or the example's copy)
    project_deleted = Signal(int)
    status_reported = Signal(str)  # one line for the status bar

    def __init__(
        self,
        service: ProjectService,
        dialogs: Dialogs,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._dialogs = service, dialogs
        self._runner = runner or TaskRunner(QThreadPool.globalInstance(), self)
        self._judging_due = False  # the list changed: judge it once it is painted
        self.importing: _Import | None = None

        title = QLabel(APP_NAME)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            "Scope an AI project before any code is written: map the business logic, check the "
            "data, define good, list the capabilities and cut the smallest scope that still "
            "delivers real value."
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: palette(placeholder-text);")

        self.example_button = QPushButton("Open the example project")
        self.example_button.setToolTip(
            "Open a copy of a complete scoping of a support answer assistant, to look around "
            "and try things on."
        )
        self.new_button = QPushButton("New project from a template…")
        self.new_button.setToolTip(
            "Name the project, pick its industry and AI pattern; the pattern's template fills in "
            "the usual capabilities, metrics and decisions."
        )
        self.import_button = QPushButton("Import a file…")
        self.import_button.setToolTip("Open a *.scope.json file someone shared with you")
        self.open_button = QPushButton("Open")
        self.duplicate_button = QPushButton("Duplicate")
        self.delete_button = QPushButton("Delete…")
        # Enter on the screen creates a project, unless a project or a button has the focus
        self.new_button.setDefault(True)
        starts = QHBoxLayout()
        starts.setSpacing(10)
        for button in (self.example_button, self.new_button, self.import_button):
            button.setMinimumHeight(START_BUTTON_HEIGHT)
            starts.addWidget(button)
        starts.addStretch(1)

        self.model = ProjectsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Projects")
        self.table.setModel(self.model)
        configure_table(self.table)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); font-size: 14px;")
        holder = QWidget()
        self._stack = QStackedLayout(holder)
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)

        projects_label = QLabel("Projects")
        label_font = projects_label.font()
        label_font.setBold(True)
        projects_label.setFont(label_font)
        projects_row = QHBoxLayout()
        projects_row.addWidget(projects_label)
        projects_row.addStretch(1)
        for button in (self.open_button, self.duplicate_button, self.delete_button):
            projects_row.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(starts)
        layout.addSpacing(8)
        layout.addLayout(projects_row)
        layout.addWidget(holder, 1)

        self.enter_action = QAction("Open the selected project, or press the focused button", self)
        self.enter_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.enter_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.enter_action.triggered.connect(self._on_enter_pressed)
        self.addAction(self.enter_action)
        delete_action = QAction("Delete project", self)
        delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self._on_delete_clicked)
        self.table.addAction(delete_action)

        self.new_button.clicked.connect(self.new_project)
        self.import_button.clicked.connect(self.import_file)
        self.example_button.clicked.connect(self.open_example)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.duplicate_button.clicked.connect(self._on_duplicate_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.table.doubleClicked.connect(self._on_open_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._listed = False  # listed when first shown: a start on a project never needs it
        # others' changes to the list, looked for while the screen is shown
        self._watch: ChangeWatch | None = None
        self._watching = QTimer(self)
        self._watching.setInterval(WATCH_MS)
        self._watching.timeout.connect(self._look_elsewhere)
        self._update_buttons()

    def refresh(self, select: int | None = None, *, quietly: bool = False) -> None:
        """Read the list of projects again; keep (or move) the selection.

        The names show at once; readiness and verdict follow once the list is painted (a
        project unchanged since it was judged keeps its figures). ``quietly`` (another's
        change, noticed by the watch) leaves the focus where it is and a failure untold:
        the list stays as it was.
        """
        current = select if select is not None else self.selected_id()
        self._listed = True
        try:
            projects = self._service.list_projects()
        except ServiceError as error:
            if quietly:
                return
            self._dialogs.error(self, "Could not list the projects", str(error))
            projects = []
        self.model.set_rows(self._judged_already(projects))
        if not self.model.judged() and not self._judging_due:
            self._judging_due = True
            after_next_paint(self.table.viewport(), self._judge)
        self._fit_columns()
        self._stack.setCurrentWidget(self.table if projects else self.empty)
        for button in (self.open_button, self.duplicate_button, self.delete_button):
            button.setVisible(bool(projects))
        if self.isVisible() and not quietly:
            self.focus_first()
        row = self.model.row_of(current) if current is not None else -1
        if row < 0 and projects:
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_buttons()

    def _judged_already(self, projects: list[ProjectSummary]) -> list[ProjectSummary]:
        """``projects``, each shown with the figures it was judged to have when it has not
        changed since (every stored change, a rename too, moves its last change on)."""
        judged = {row.id: row for row in self.model.records() if isinstance(row, ProjectOverview)}
        kept: list[ProjectSummary] = []
        for summary in projects:
            old = judged.get(summary.id)
            kept.append(old if old is not None and old.updated == summary.updated else summary)
        return kept

    def _judge(self) -> None:
        """Each project's readiness and verdict, computed off the GUI thread."""
        self._judging_due = False
        service = self._service
        self._runner.start(
            service.list_overviews, self._on_judged, self._on_judging_failed, newest_of=self
        )

    def _on_judged(self, overviews: list[ProjectOverview]) -> None:
        self.model.show_judgements(overviews)
        self._fit_columns()

    def _on_judging_failed(self, error: Exception) -> None:
        self.status_reported.emit(f"The projects' readiness could not be computed: {error}")

    def focus_first(self) -> None:
        """The list when there are projects (Enter opens one), else the default button."""
        (self.table if self.model.rowCount() else self.new_button).setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._listed:
            self.refresh()
        self.focus_first()
        if self._watch is None:
            self._watch = self._service.watch()
            self._watch.changed()  # the list was just read: later changes are what count
        self._watching.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.stop_watching()

    def stop_watching(self) -> None:
        """Stop looking for others' changes (the screen is hidden, or the window closes)."""
        self._watching.stop()
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    def _look_elsewhere(self) -> None:
        """On the watch's timer: list the projects again when the database may have changed."""
        if self._watch is not None and self._watch.changed():
            self.refresh(quietly=True)

    def _fit_columns(self) -> None:
        """The names take the room there is; a pattern keeps its width (cut with "…", whole
        in the tooltip); the figures fit what they show: the list fits a 1024 px screen."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for section, column in enumerate(self.model.columns):
            if section == 0:
                header.setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch)
            elif column.width:
                self.table.setColumnWidth(section, column.width)
            else:
                self.table.resizeColumnToContents(section)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.record(index.row()).id

    def _on_enter_pressed(self) -> None:
        """Enter: presses the focused button; on the list, opens the selected project; else
        starts a new project (the default button)."""
        focused = QApplication.focusWidget()
        if isinstance(focused, QPushButton) and self.isAncestorOf(focused):
            if focused.isEnabled():
                focused.click()
        elif self.table.hasFocus() and self.selected_id() is not None:
            self._on_open_clicked()
        else:
            self.new_button.click()

    def _update_buttons(self) -> None:
        selected = self.selected_id() is not None
        for button in (self.open_button, self.duplicate_button, self.delete_button):
            button.setEnabled(selected)

    # actions

    def new_project(self) -> None:
        names = [summary.name for summary in self.model.records()]
        answer = self._dialogs.new_project(self, names)
        if answer is None:
            return
        name, industry, pattern = answer[:3]
        try:
            if wants_template(answer) and has_template(pattern):
                project = new_from_template(pattern, name, industry)
            else:
                info = ProjectInfo(name=name, industry=Industry(industry), pattern=Pattern(pattern))
                project = Project(info=info)
            summary = self._service.create(project)
        except (ServiceError, ProjectInvalid, ValueError) as error:
            self._dialogs.error(self, "Could not create the project", str(error))
            return
        self.refresh(select=summary.id)
        self.project_created.emit(summary.id)
        self.open_requested.emit(summary.id)

    def import_file(self) -> None:
        path = self._dialogs.open_file(self, "Import a scoping project", SCOPE_FILTER)
        if path is not None:
            self._import_and_open(path, lambda name: f"Imported {path.name} as “{name}”.")

    def open_example(self) -> None:
        """Import a copy of the bundled example and open it; the user's projects are untouched."""
        try:
            path = example_file()
        except ServiceError as error:
            self._dialogs.error(self, "Could not open the example", str(error))
            return
        self._import_and_open(path, lambda name: f"Opened a copy of the example, “{name}”.")

    def _import_and_open(self, path: Path, done: Callable[[str], str]) -> None:
        """Import ``path`` on a worker with its progress and Cancel; then select and open the
        new project. ``done`` words the status line."""
        if self.importing is not None:
            return  # one import at a time
        importing = _Import(path, self)
        self.importing = importing
        self._set_importing(True)
        service = self._service
        self._runner.start(
            lambda: service.import_file(path, progress=importing.report),
            lambda summary: self._on_imported(importing, summary, done),
            lambda error: self._on_import_failed(importing, error),
        )

    def _set_importing(self, busy: bool) -> None:
        for button in (self.example_button, self.new_button, self.import_button):
            button.setEnabled(not busy)

    def _import_over(self, importing: _Import) -> None:
        importing.close()
        self.importing = None
        self._set_importing(False)

    def _on_imported(
        self, importing: _Import, summary: ProjectSummary, done: Callable[[str], str]
    ) -> None:
        self._import_over(importing)
        self.refresh(select=summary.id)
        self.status_reported.emit(done(summary.name))
        self.project_created.emit(summary.id)
        self.open_requested.emit(summary.id)

    def _on_import_failed(self, importing: _Import, error: Exception) -> None:
        self._import_over(importing)
        if isinstance(error, ImportCancelled):
            self.status_reported.emit(f"Import of {importing.path.name} cancelled: nothing added.")
            return
        if not isinstance(error, (ServiceError, ProjectInvalid, OSError)):
            raise error
        self._dialogs.error(
            self,
            "Could not import the file",
            f"{importing.path.name} was not imported; nothing was changed.",
            _problem_list(error),
        )

    def _on_open_clicked(self) -> None:
        project_id = self.selected_id()
        if project_id is not None:
            self.open_requested.emit(project_id)

    def _on_duplicate_clicked(self) -> None:
        project_id = self.selected_id()
        if project_id is None:
            return
        try:
            summary = self._service.duplicate(project_id)
        except (ServiceError, ProjectInvalid) as error:
            self._dialogs.error(self, "Could not duplicate the project", str(error))
            return
        self.refresh(select=summary.id)
        self.project_created.emit(summary.id)
        self.status_reported.emit(f"Duplicated as “{summary.name}”.")

    def _on_delete_clicked(self) -> None:
        project_id = self.selected_id()
        if project_id is None:
            return
        name = self.model.record(self.model.row_of(project_id)).name
        confirmed = self._dialogs.confirm(
            self,
            "Delete project",
            f"Delete “{name}” and everything in it? This cannot be undone.",
            "Delete",
        )
        if not confirmed:
            return
        try:
            self._service.delete(project_id)
        except ServiceError as error:
            self._dialogs.error(self, "Could not delete the project", str(error))
            return
        self.refresh()
        self.project_deleted.emit(project_id)
        self.status_reported.emit(f"Deleted “{name}”.")


class _Import:
    """One import under way: its progress dialog, and the share done as the worker reports it.

    The worker only writes the share and reads the stop flag; the dialog is updated
    from the GUI thread by a timer.
    """

    SHOW_AFTER_MS = 400  # a quick import never flashes a dialog

    def __init__(self, path: Path, parent: QWidget) -> None:
        self.path = path
        self.done = 0.0
        self.cancelled = threading.Event()
        self.dialog = QProgressDialog(f"Importing {path.name}…", "Cancel", 0, 100, parent)
        self.dialog.setWindowTitle("Importing a file")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(self.SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.setValue(0)
        self._timer = QTimer(self.dialog)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)
        self._timer.start()

    def report(self, share: float) -> None:
        """The import's progress callback (on the worker): stops it once Cancel was pressed."""
        self.done = share
        if self.cancelled.is_set():
            raise ImportCancelled

    def cancel(self) -> None:
        self.cancelled.set()
        self.dialog.setLabelText(f"Stopping the import of {self.path.name}…")

    def _show_progress(self) -> None:
        if not self.cancelled.is_set():
            self.dialog.setValue(round(self.done * 100))

    def close(self) -> None:
        self._timer.stop()
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()


def _problem_list(error: BaseException) -> str:
    """The problems of a refused file, one per line, as the product lead reads them."""
    problems = getattr(error, "problems", None) or getattr(error.__cause__, "problems", None)
    if problems:
        return "\n".join(f"• {problem}" for problem in problems)
    return str(error)
