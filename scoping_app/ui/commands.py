"""Undo commands over the service: the first redo edits, later ones restore snapshots.

A command knows the service, the project's id and a ``publish`` callback (what
the store now holds); it never knows who shows the project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from scoping_app.domain.messages import message_for
from scoping_app.domain.model import Project
from scoping_app.services.projects import Change, ProjectService, ServiceError

Publish = Callable[[Change], None]
ReportFailure = Callable[[str, str], None]  # title, message


@dataclass
class Outcome:
    """What the first redo did; kept outside the command, which Qt may delete when refused."""

    change: Change | None = None
    error: Exception | None = None


@dataclass(frozen=True)
class Target:
    """The project a command edits and whom it tells: the store's answer goes to ``publish``."""

    service: ProjectService
    project_id: int
    publish: Publish
    report_failure: ReportFailure


class EditCommand(QUndoCommand):
    """One edit of the project, as the user names it ("Add capability Ticket export").

    The first ``redo()`` runs the domain edit through ``service.edit`` and keeps
    the whole project before (``before``) and after; ``undo()`` restores the
    snapshot before, a later ``redo()`` the snapshot after. The snapshots are the
    service's own projects, shared and never copied: nobody mutates them. A refused
    or empty edit marks the command obsolete so the stack drops it.
    """

    def __init__(
        self,
        target: Target,
        before: Project,
        operation: Callable[[Project], object],
        label: str,
        outcome: Outcome,
    ) -> None:
        super().__init__(label)
        self._target = target
        self._operation: Callable[[Project], object] | None = operation
        self._label = label
        self._outcome = outcome
        # what the store returned last (edit or restore), never mutated
        self._before: Project = before
        self._after: Project | None = None

    def redo(self) -> None:
        target = self._target
        if self._operation is not None:
            operation, self._operation = self._operation, None
            try:
                change = target.service.edit(target.project_id, operation, self._label)
            except Exception as error:  # refused: nothing stored, the caller shows why
                self._outcome.error = error
                self.setObsolete(True)
                return
            self._outcome.change = change
            if not change.parts:
                self.setObsolete(True)
                return
            self._after = change.project
            target.publish(change)
            return
        assert self._after is not None
        self._restore(self._after, f"Redo {self._label}")

    def undo(self) -> None:
        self._restore(self._before, f"Undo {self._label}")

    def _restore(self, snapshot: Project, label: str) -> None:
        target = self._target
        try:
            change = target.service.restore(target.project_id, snapshot, label)
        except (ServiceError, ValueError) as error:
            target.report_failure(f"Could not {label[0].lower()}{label[1:]}", message_for(error))
            return
        target.publish(change)
