"""The main window: assembly only. The start screen or an open project, menus, status bar."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
)

from scoping_app import APP_NAME, __version__
from scoping_app.domain.model import Project
from scoping_app.services.export import ExportCancelled, export_plan
from scoping_app.services.projects import Change, ProjectService, ServiceError
from scoping_app.ui.appearance import AppearanceMenu
from scoping_app.ui.collection import look_at_everything_again, set_aside_what_lives
from scoping_app.ui.dialogs import PDF_FILTER, SCOPE_FILTER, Dialogs
from scoping_app.ui.guide import EXPORT_STEP
from scoping_app.ui.keyboard import UndoRouter, menu_actions, shortcut_rows, shortcuts_html
from scoping_app.ui.project_view import ProjectView
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.settings import (
    GEOMETRY,
    LAST_PROJECT,
    author,
    forget_project,
    last_project,
    last_step,
    plan_written,
    remember_plan_written,
    remember_step,
)
from scoping_app.ui.start.start_screen import StartScreen
from scoping_app.ui.widgets.banner import Banner, above, read_only_text
from scoping_app.ui.workers import TaskRunner, after_next_paint, ignore_result

if TYPE_CHECKING:
    from scoping_app.ui.steps.export.page import ExportStep

DEFAULT_SIZE = (1280, 800)


def _file_name(name: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in name).strip()
    return safe or "project"


class MainWindow(QMainWindow):
    """Puts the pieces together; the work happens in the start screen, the steps and services."""

    def __init__(
        self,
        service: ProjectService,
        settings: QSettings,
        dialogs: Dialogs,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.settings = settings
        service.author = author(settings)  # who this window's changes are recorded as made by
        self.dialogs = dialogs
        self.pool = pool if pool is not None else QThreadPool(self)
        self.runner = TaskRunner(self.pool, self)
        self.session: ProjectSession | None = None
        self.project_view: ProjectView | None = None
        self.pdf_busy = False
        self._pdf_progress: _ExportProgress | None = None
        self._pdf_timer = QTimer(self)
        self._pdf_timer.setInterval(100)
        self._pdf_timer.timeout.connect(self._on_pdf_timer)
        self.undo_group = QUndoGroup(self)

        self.start_screen = StartScreen(service, dialogs, self, runner=self.runner)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.start_screen)
        self.banner: Banner | None = None
        self._place_central()
        self._build_menus()
        self._build_navigation_menu()
        self._build_help_menu()
        self.undo_router = UndoRouter(self, self.undo_action, self.redo_action)
        self._build_status_bar()

        self.start_screen.open_requested.connect(self.open_project)
        self.start_screen.project_created.connect(self._on_project_created)
        self.start_screen.project_deleted.connect(self._on_project_deleted)
        self.start_screen.status_reported.connect(self._on_status_reported)

        geometry = settings.value(GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        self._update_title()
        self._update_actions()
        after_next_paint(self, self._prepare_writes)

    def _place_central(self) -> None:
        """The screens, under a banner when the database opened read-only."""
        if not self.service.read_only:
            self.setCentralWidget(self.central)
            return
        self.banner = Banner(read_only_text(self.service.database_path))
        self.setCentralWidget(above(self.banner, self.central))

    def _prepare_writes(self) -> None:
        """Once the window is on screen, build the database's write path on a worker, so
        the first edit does not wait for it. A failure here is no news: the first write
        meets it again and says it in words."""
        self.runner.start(self.service.prepare_writes, ignore_result, ignore_result)

    # assembly

    def _action(
        self, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: Any
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        self.new_action = self._action("&New project…", "Ctrl+Shift+N", self._on_new_triggered)
        self.projects_action = self._action("&Projects…", "Ctrl+O", self.show_start)
        self.import_action = self._action("&Import…", "Ctrl+I", self._on_import_triggered)
        self.export_json_action = self._action(
            "Export &JSON…", "Ctrl+Shift+E", lambda: self.export_json()
        )
        self.export_pdf_action = self._action("Export &PDF…", "Ctrl+E", self._on_export_pdf)
        self.restore_backup_action = self._action(
            "&Restore from backup…", None, self._on_restore_backup_triggered
        )
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([self.new_action, self.projects_action, self.import_action])
        file_menu.addSeparator()
        file_menu.addActions([self.export_json_action, self.export_pdf_action])
        file_menu.addSeparator()
        file_menu.addAction(self.restore_backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        self.undo_action = self.undo_group.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_group.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        self.history_action = self._action("&History…", "Ctrl+H", self._on_history_triggered)
        self.author_action = self._action("Your &name…", None, self._on_author_triggered)
        edit_menu.addActions([self.history_action, self.author_action])

        self.appearance_menu = AppearanceMenu(self.settings, self)
        self.menuBar().addMenu("&View").addMenu(self.appearance_menu)

    def _build_navigation_menu(self) -> None:
        """Go: the previous and next step of the guided path, from anywhere in a project."""
        self.previous_step_action = self._action(
            "&Previous step", "Ctrl+PgUp", lambda: self._move_step(-1)
        )
        self.next_step_action = self._action(
            "&Next step", "Ctrl+PgDown", lambda: self._move_step(1)
        )
        go_menu = self.menuBar().addMenu("&Go")
        go_menu.addActions([self.previous_step_action, self.next_step_action])

    def _build_help_menu(self) -> None:
        """Help: the keyboard shortcuts (read from the actions themselves) and About."""
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts…", "Ctrl+/", self._on_shortcuts_triggered
        )
        self.about_action = self._action("&About", None, self._on_about_triggered)
        self.help_menu = self.menuBar().addMenu("&Help")
        self.help_menu.addActions([self.shortcuts_action, self.about_action])

    def shortcuts_text(self) -> str:
        """Every shortcut of the menus, then those of the screen or step shown."""
        menus = [a.menu() for a in self.menuBar().actions() if a.menu() is not None]
        in_menus = menu_actions(menus)  # type: ignore[arg-type]
        shown = self.central.currentWidget() or self
        if self.project_view is not None and shown is self.project_view:
            shown = self.project_view.pages.currentWidget() or shown  # the step on screen
        elsewhere = [
            action
            for action in shown.findChildren(QAction)
            if action not in in_menus and action.isEnabled()
        ]
        return shortcuts_html(
            [
                ("In the menus", shortcut_rows(in_menus)),
                ("On this screen", shortcut_rows(elsewhere)),
            ]
        )

    def _build_status_bar(self) -> None:
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self._set_busy(None)

    def _set_busy(self, text: str | None) -> None:
        self.busy_label.setText(text or "")
        self.busy_label.setVisible(bool(text))
        self.busy_bar.setVisible(bool(text))

    def _update_title(self) -> None:
        if self.session is not None and self.central.currentWidget() is self.project_view:
            self.setWindowTitle(f"{self.session.project.name} — {APP_NAME}")
        else:
            self.setWindowTitle(APP_NAME)

    def _update_actions(self) -> None:
        open_project = (
            self.session is not None and self.central.currentWidget() is self.project_view
        )
        self.export_json_action.setEnabled(open_project)
        self.history_action.setEnabled(open_project)
        self.export_pdf_action.setEnabled(open_project and not self.pdf_busy)
        self.previous_step_action.setEnabled(open_project)
        self.next_step_action.setEnabled(open_project)

    # projects

    def show_start(self) -> None:
        """Back to the list of projects; the open project keeps its undo history."""
        self.start_screen.refresh(select=self.session.project_id if self.session else None)
        self.central.setCurrentWidget(self.start_screen)
        # Qt takes None for "no active stack"; PySide6's stub asks for a QUndoStack.
        self.undo_group.setActiveStack(None)  # type: ignore[arg-type]
        self._update_title()
        self._update_actions()

    def open_project(self, project_id: int) -> bool:
        if self.session is None or self.session.project_id != project_id:
            try:
                session = ProjectSession(self.service, project_id, self)
            except ServiceError as error:
                self.dialogs.error(self, "Could not open the project", str(error))
                self.start_screen.refresh()
                return False
            self._close_project()
            self.session = session
            self.project_view = ProjectView(
                session,
                self.dialogs,
                self.runner,
                self,
                first_step=last_step(self.settings, project_id),
            )
            self.central.addWidget(self.project_view)
            self.undo_group.addStack(session.undo_stack)
            session.project_changed.connect(self._on_project_changed)
            session.edit_failed.connect(self._on_edit_failed)
            self.project_view.pdf_requested.connect(self.export_pdf)
            self.project_view.json_requested.connect(self.export_json)
            self.project_view.pdf_cancel_requested.connect(self.cancel_pdf)
            self.project_view.set_plan_written(plan_written(self.settings, project_id))
            self.project_view.step_changed.connect(self._on_step_changed)
        assert self.project_view is not None and self.session is not None
        self.central.setCurrentWidget(self.project_view)
        self.undo_group.setActiveStack(self.session.undo_stack)
        self.settings.setValue(LAST_PROJECT, project_id)
        set_aside_what_lives()  # the open project lives on: no collector walks it at each edit
        self._update_title()
        self._update_actions()
        return True

    def reopen_last(self) -> None:
        """Open the project that was open last time, when it still exists."""
        project_id = last_project(self.settings)
        if project_id is None:
            return
        try:
            self.service.summary(project_id)
        except ServiceError:
            return  # deleted since: the start screen lists what there is
        self.open_project(project_id)

    def _close_project(self) -> None:
        if self.session is None:
            return
        self.undo_group.removeStack(self.session.undo_stack)
        self.session.close()
        if self.project_view is not None:
            self.central.removeWidget(self.project_view)
            self.project_view.deleteLater()
        self.session.deleteLater()
        self.session, self.project_view = None, None
        look_at_everything_again()

    def _on_project_deleted(self, project_id: int) -> None:
        if self.session is not None and self.session.project_id == project_id:
            self._close_project()
        if last_project(self.settings) == project_id:
            self.settings.remove(LAST_PROJECT)
        forget_project(self.settings, project_id)
        self._update_actions()

    def _on_project_changed(self, change: Change) -> None:
        self._update_title()

    def _on_project_created(self, project_id: int) -> None:
        """A new project starts afresh (on step 1), even where its id was used before."""
        forget_project(self.settings, project_id)

    def _on_step_changed(self, index: int) -> None:
        if self.session is not None:
            remember_step(self.settings, self.session.project_id, index)

    def _move_step(self, by: int) -> None:
        if self.project_view is not None and self.central.currentWidget() is self.project_view:
            if by > 0:
                self.project_view.next_step()
            else:
                self.project_view.previous_step()

    def _on_shortcuts_triggered(self) -> None:
        self.dialogs.information(self, "Keyboard shortcuts", self.shortcuts_text())

    def _on_edit_failed(self, title: str, message: str) -> None:
        self.dialogs.error(self, title, message)

    def _on_status_reported(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_new_triggered(self) -> None:
        self.show_start()
        self.start_screen.new_project()

    def _on_import_triggered(self) -> None:
        self.show_start()
        self.start_screen.import_file()

    def _on_history_triggered(self) -> None:
        """Who changed the open project, when and what (a field being typed in is saved first)."""
        from scoping_app.ui.history import show_history

        if self.session is None:
            return
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        session = self.session
        show_history(
            self,
            self.service,
            session.project_id,
            session.project.name,
            self.dialogs,
            session.project_changed,
        )

    def _on_author_triggered(self) -> None:
        from scoping_app.ui.history import ask_author

        ask_author(self, self.service, self.settings, self.dialogs)

    def _on_restore_backup_triggered(self) -> None:
        """Restore a backup of this database, then show its projects: the open project is
        opened again as restored (its undo history gone), or closed when it is not there."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()  # a field being typed in is saved (and backed up) first
        from scoping_app.ui.restore_backup import restore_chosen_backup, restored_text

        self.runner.wait()  # no worker reads the database while it is replaced
        done = restore_chosen_backup(self.service, self.dialogs, self)
        if done is None:
            return
        open_id = self.session.project_id if self.session is not None else None
        showing_project = self.central.currentWidget() is self.project_view
        self._close_project()
        self.show_start()
        if open_id is not None:
            try:
                self.service.summary(open_id)
            except ServiceError:
                forget_project(self.settings, open_id)  # not in the restored projects
            else:
                if showing_project:
                    self.open_project(open_id)
        self._on_status_reported(restored_text(done))

    def _on_about_triggered(self) -> None:
        self.dialogs.information(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nScope AI projects before any code is written, "
            "and compute the smallest viable scope.",
        )

    # exports

    def export_json(self) -> None:
        if self.session is None:
            return
        project = self.session.project
        path = self.dialogs.save_file(
            self, "Export the project file", f"{_file_name(project.name)}.scope.json", SCOPE_FILTER
        )
        if path is None:
            return
        if not path.name.endswith(".json"):
            path = path.with_name(path.name + ".scope.json")
        try:
            self.service.export_file(self.session.project_id, path)
        except (ServiceError, OSError) as error:
            self.dialogs.error(self, "Could not export the project", str(error))
            return
        self._on_status_reported(f"Project saved to {path}.")
        export = self._export_page()
        if export is not None:
            export.set_busy(False, f"Project file saved to {path}.")

    def _on_export_pdf(self) -> None:
        """The menu and Ctrl+E export with the choices of the Export step."""
        view = self.project_view
        if view is None:
            self.export_pdf()
            return
        export = view.export
        self.export_pdf(
            export.page_size.currentText(),
            export.recommended.currentData() or None,
            export.chosen_sections(),
        )

    def export_pdf(
        self,
        page_size: str = "A4",
        recommended: str | None = None,
        sections: list[str] | None = None,
    ) -> None:
        """Ask where, then write the PDF plan off the GUI thread with a busy indicator."""
        if self.session is None or self.pdf_busy:
            return
        project_id, project = self.session.project_id, self.session.project.copy_deep()
        path = self.dialogs.save_file(
            self, "Export the PDF plan", f"{_file_name(project.name)}.pdf", PDF_FILTER
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.pdf_busy = True
        self._set_busy("Writing the PDF plan…")
        export_page = self._export_page()
        if export_page is not None:
            export_page.set_busy(True, "Writing the PDF plan…")
        self._update_actions()
        export = _ExportProgress()
        self._pdf_progress = export
        self._pdf_timer.start()
        self.runner.start(
            lambda: _write_plan(project, path, page_size, recommended, sections, export),
            lambda _result: self._on_pdf_written(project_id, path),
            self._on_pdf_failed,
        )

    def cancel_pdf(self) -> None:
        """Stop the PDF being written; the target file is left as it was."""
        if self._pdf_progress is not None:
            self._pdf_progress.cancelled.set()

    def _export_page(self) -> ExportStep | None:
        """The Export step's page when it was built (it shows the export's progress)."""
        view = self.project_view
        page = view.built(EXPORT_STEP) if view is not None else None
        return cast("ExportStep", page) if page is not None else None

    def _on_pdf_timer(self) -> None:
        export = self._export_page()
        if self._pdf_progress is not None and export is not None:
            export.set_progress(self._pdf_progress.done)

    def _pdf_done(self, text: str) -> None:
        self._pdf_timer.stop()
        self._pdf_progress = None
        self.pdf_busy = False
        self._set_busy(None)
        export = self._export_page()
        if export is not None:
            export.set_busy(False, text)
        self._update_actions()

    def _on_pdf_written(self, project_id: int, path: Path) -> None:
        remember_plan_written(self.settings, project_id)
        if self.session is not None and self.session.project_id == project_id:
            assert self.project_view is not None
            self.project_view.set_plan_written(True)
        self._pdf_done(f"PDF plan saved to {path}.")
        self._on_status_reported(f"PDF plan saved to {path}.")

    def _on_pdf_failed(self, error: Exception) -> None:
        if isinstance(error, ExportCancelled):
            self._pdf_done("Export cancelled: nothing was written.")
            return
        self._pdf_done("The PDF plan was not written.")
        self.dialogs.error(self, "Could not write the PDF plan", str(error))

    # closing

    def closeEvent(self, event: QCloseEvent) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()  # a field being typed in is saved before the window goes
        self.settings.setValue(GEOMETRY, self.saveGeometry())
        self.settings.sync()
        if self.session is not None:
            self.session.close()
        self.start_screen.stop_watching()
        self.runner.wait()
        super().closeEvent(event)


class _ExportProgress:
    """Shared between the export's worker and the window: the share done, and a stop flag."""

    def __init__(self) -> None:
        self.done = 0.0
        self.cancelled = threading.Event()


def _write_plan(
    project: Project,
    path: Path,
    page_size: str,
    recommended: str | None,
    sections: list[str] | None,
    export: _ExportProgress,
) -> None:
    # reportlab loads on the first export (inside export_plan), on the worker thread
    def progress(share: float) -> None:
        export.done = share
        if export.cancelled.is_set():
            raise ExportCancelled

    export_plan(
        project,
        path,
        page_size=page_size,
        recommended_slice=recommended,
        sections=sections,
        progress=progress,
    )
