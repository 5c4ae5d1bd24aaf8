"""One open project: its current state, its undo stack, and the one signal views refresh from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from scoping_app.domain.messages import message_for
from scoping_app.domain.model import PARTS, Project
from scoping_app.domain.validation import CycleError, ProjectInvalid
from scoping_app.services.projects import (
    Change,
    ProjectChangedError,
    ProjectService,
    ServiceError,
    changed_parts,
    names_in_words,
    write_failed,
)
from scoping_app.ui.collection import set_aside_what_lives
from scoping_app.ui.commands import EditCommand, Outcome, Target
from scoping_app.ui.dialogs import Dialogs
from scoping_app.ui.unsaved import Edit, UnsavedEdits

REFUSALS = (ProjectInvalid, ServiceError, ValueError)
"""What a refused edit raises: the format's rules, the store, a value the model refuses."""

WRITE_WAIT_MS = 200
"""How long the window waits for the database's write lock, on the GUI thread, before an
edit is held as not saved (and tried again in short steps): never a frozen window."""

WATCH_MS = 500
"""How often the window asks whether another client changed the database: a change made
elsewhere is shown within about this long plus the time to load it (well under 2 s)."""


class ProjectSession(QObject):
    """The open project. Every edit goes through :meth:`apply` (an undoable service edit).

    ``project_changed`` carries the service's :class:`Change` after an edit, an
    undo or a redo; every view of the project refreshes from it and nothing else.
    """

    project_changed = Signal(object)  # Change
    edit_failed = Signal(str, str)  # title, message: an undo or redo the store refused
    changed_elsewhere = Signal(str)  # "Changed by Sam": another client's change is shown
    deleted_elsewhere = Signal()  # another client deleted the project: nothing can be stored

    def __init__(self, service: ProjectService, project_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self.project_id = project_id
        opened = service.open(project_id)
        self._project = opened.project
        self.version = opened.version  # the version shown: every edit is made against it
        self.undo_stack = QUndoStack(self)
        self._target = Target(
            service,
            project_id,
            self.publish,
            self.edit_failed.emit,
            self._step_back,
            lambda: self.version,
        )
        self.unsaved = UnsavedEdits(
            self._push_for_error, self.reload, self.edit_failed.emit, self, catch_up=self.catch_up
        )
        self._watch = service.watch()
        self._watching = QTimer(self)
        self._watching.setInterval(WATCH_MS)
        self._watching.timeout.connect(self._look_elsewhere)
        self._watching.start()

    @property
    def project(self) -> Project:
        """The project as stored now; treat it as read-only (edits go through apply)."""
        return self._project

    def _push(self, operation: Edit, label: str) -> Outcome:
        outcome = Outcome()
        self.undo_stack.push(EditCommand(self._target, self._project, operation, label, outcome))
        return outcome

    def _push_for_error(self, operation: Edit, label: str) -> Exception | None:
        error = self._push(operation, label).error
        if error is None:
            self.unsaved.forget(label)
        return error

    def apply(self, operation: Edit, label: str) -> Change | None:
        """Run a domain edit through the service as an undoable command.

        Raises what the service raises (ProjectInvalid, CycleError, ServiceError)
        when the edit is refused; then nothing is stored and nothing is pushed.
        Returns None when the edit changed nothing (nothing is pushed either).
        """
        outcome = self._push(operation, label)
        if outcome.error is not None:
            raise outcome.error
        return outcome.change if outcome.change and outcome.change.parts else None

    def apply_or_report(
        self,
        operation: Edit,
        label: str,
        where: QWidget | Callable[[str], None],
        dialogs: Dialogs | None = None,
    ) -> Change | None:
        """Run an edit; a refusal is said in words and None returned, nothing stored.

        ``where`` is the field's message (a callable given the words) or, where no
        field holds the value, the widget a message box is shown over. Returns the
        service's change when stored (its ``parts`` empty when nothing changed).

        An edit the database could not store (busy, read-only) is not lost: it is
        held in :attr:`unsaved`, said "Not saved" at its field, and tried again.
        """
        outcome = self._push(operation, label)
        error = outcome.error
        if error is None:
            self.unsaved.forget(label)
            return outcome.change
        if write_failed(error) or isinstance(error, ProjectChangedError):
            say = None if isinstance(where, QWidget) else where
            self.unsaved.hold(operation, label, say, error)
            return None
        if not isinstance(error, REFUSALS):
            raise error
        if isinstance(where, QWidget):
            title, text = refusal_title(error)
            (dialogs or Dialogs()).error(where, title, text, message_for(error))
        else:
            where(message_for(error))
        return None

    def _step_back(self, undone: bool) -> None:
        """A refused undo (redo) leaves the project as it was: once the stack is done,
        move it back over the command, which then does nothing."""
        stack = self.undo_stack
        QTimer.singleShot(0, self, stack.redo if undone else stack.undo)

    def reload(self) -> None:
        """Show the project as stored now (every view refreshes), e.g. once an edit the
        store refused is discarded; the project as known stays when it cannot be read."""
        try:
            opened = self.service.open(self.project_id)
        except ServiceError:
            project, version = self._project, 0
        else:
            project, version = opened.project, opened.version
        self.publish(Change(self.project_id, project, "Reload", frozenset(PARTS), version=version))

    def catch_up(self) -> bool:
        """Show the project as stored now if others changed it since the version shown,
        with the note "Changed by NAME"; whether it had changed. A project that cannot be
        read now (deleted meanwhile, say) stays shown as it was: the next edit tells why."""
        try:
            elsewhere = self.service.changes_since(self.project_id, self.version)
        except ServiceError:
            self._gone_or_unreadable()
            return False
        if elsewhere is None:
            return False
        before = self._project
        parts = changed_parts(before, elsewhere.project)
        note = f"Changed by {names_in_words(elsewhere.authors)}"
        self.publish(
            Change(self.project_id, elsewhere.project, note, parts, before, elsewhere.version)
        )
        self.changed_elsewhere.emit(note)
        return True

    def _gone_or_unreadable(self) -> None:
        """The project could not be read: when it was deleted elsewhere, say so once and
        stop watching (what is shown stays, for the user to read)."""
        try:
            self.service.summary(self.project_id)
        except ServiceError:
            if self._watching.isActive():
                self._watching.stop()
                self.deleted_elsewhere.emit()

    def _look_elsewhere(self) -> None:
        """On the watch's timer: catch up when the database may have changed."""
        if self._watch.changed():
            self.catch_up()

    def close(self) -> None:
        """Stop watching the database (the session is being closed)."""
        self._watching.stop()
        self._watch.close()

    def publish(self, change: Change) -> None:
        """Called by the commands once the store holds ``change``."""
        self._project = change.project
        if change.version:
            self.version = change.version
        self.project_changed.emit(change)
        set_aside_what_lives()  # the new state outlives this edit: no collector walks it


def refusal_title(error: Exception) -> tuple[str, str]:
    """The message box's title and first line for a refused edit."""
    if isinstance(error, CycleError):
        return (
            "Not added: it would make a cycle",
            "This dependency would close a cycle, so it was not added.",
        )
    return "Change refused", "The change was not made."
