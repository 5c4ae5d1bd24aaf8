"""One open project: its current state, its undo stack, and the one signal views refresh from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from scoping_app.domain.model import Project
from scoping_app.services.projects import Change, ProjectService
from scoping_app.ui.commands import EditCommand, Outcome


class ProjectSession(QObject):
    """The open project. Every edit goes through :meth:`apply` (an undoable service edit).

    ``project_changed`` carries the service's :class:`Change` after an edit, an
    undo or a redo; every view of the project refreshes from it and nothing else.
    """

    project_changed = Signal(object)  # Change
    edit_failed = Signal(str, str)  # title, message: an undo or redo the store refused

    def __init__(self, service: ProjectService, project_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.project_id = project_id
        self._project = service.load(project_id)
        self.undo_stack = QUndoStack(self)

    @property
    def project(self) -> Project:
        """The project as stored now; treat it as read-only (edits go through apply)."""
        return self._project

    def apply(self, operation: Callable[[Project], object], label: str) -> Change | None:
        """Run a domain edit through the service as an undoable command.

        Raises what the service raises (ProjectInvalid, CycleError, ServiceError)
        when the edit is refused; then nothing is stored and nothing is pushed.
        Returns None when the edit changed nothing (nothing is pushed either).
        """
        outcome = Outcome()
        self.undo_stack.push(EditCommand(self, operation, label, outcome))
        if outcome.error is not None:
            raise outcome.error
        return outcome.change if outcome.change and outcome.change.parts else None

    def publish(self, change: Change) -> None:
        """Called by the commands once the store holds ``change``."""
        self._project = change.project
        self.project_changed.emit(change)

    def report_failure(self, title: str, message: str) -> None:
        self.edit_failed.emit(title, message)
