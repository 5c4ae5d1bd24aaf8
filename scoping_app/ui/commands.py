"""Undo commands over the service: the first redo edits, later ones restore snapshots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from scoping_app.domain.model import Project
from scoping_app.services.projects import Change, ServiceError

if TYPE_CHECKING:
    from scoping_app.ui.session import ProjectSession


@dataclass
class Outcome:
    """What the first redo did; kept outside the command, which Qt may delete when refused."""

    change: Change | None = None
    error: Exception | None = None


class EditCommand(QUndoCommand):
    """One edit of the project, as the user names it ("Add capability Ticket export").

    The first ``redo()`` runs the domain edit through ``service.edit`` and keeps
    the whole project before and after; ``undo()`` restores the snapshot before,
    a later ``redo()`` the snapshot after. A refused or empty edit marks the
    command obsolete so the stack drops it.
    """

    def __init__(
        self,
        session: ProjectSession,
        operation: Callable[[Project], object],
        label: str,
        outcome: Outcome,
    ) -> None:
        super().__init__(label)
        self._session = session
        self._operation: Callable[[Project], object] | None = operation
        self._label = label
        self._outcome = outcome
        self._before: Project | None = None
        self._after: Project | None = None

    def redo(self) -> None:
        session = self._session
        if self._operation is not None:
            operation, self._operation = self._operation, None
            # the session holds what the store returned last (edit or restore), never mutated
            before = session.project
            try:
                change = session.service.edit(session.project_id, operation, self._label)
            except Exception as error:  # refused: nothing stored, the caller shows why
                self._outcome.error = error
                self.setObsolete(True)
                return
            self._outcome.change = change
            if not change.parts:
                self.setObsolete(True)
                return
            self._before, self._after = before, change.project
            session.publish(change)
            return
        assert self._after is not None
        self._restore(self._after, f"Redo {self._label}")

    def undo(self) -> None:
        assert self._before is not None
        self._restore(self._before, f"Undo {self._label}")

    def _restore(self, snapshot: Project, label: str) -> None:
        session = self._session
        try:
            change = session.service.restore(session.project_id, snapshot.copy_deep(), label)
        except (ServiceError, ValueError) as error:
            session.report_failure(f"Could not {label[0].lower()}{label[1:]}", str(error))
            return
        session.publish(change)
