"""Undo commands over the service: the first redo edits; undo takes back that edit's own
difference, and a later redo does it again, never touching what others changed since.

A command knows the service, the project's id and a ``publish`` callback (what
the store now holds); it never knows who shows the project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from scoping_app.domain.messages import message_for
from scoping_app.domain.model import Project
from scoping_app.services.projects import (
    Change,
    ChangedSinceError,
    ProjectService,
    ServiceError,
    write_failed,
)
from scoping_app.ui.unsaved import why

Publish = Callable[[Change], None]
ReportFailure = Callable[[str, str], None]  # title, message
StepBack = Callable[[bool], None]  # a refused undo (True) or redo (False): the stack steps back
Shown = Callable[[], int]  # the version of the project the user sees: an edit is made against it


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
    step_back: StepBack
    shown: Shown


class EditCommand(QUndoCommand):
    """One edit of the project, as the user names it ("Add capability Ticket export").

    The first ``redo()`` runs the domain edit through ``service.edit`` and keeps
    the project as the store held it just before and just after: the edit's own
    difference. ``undo()`` sets what that edit touched back (``service.revert``) on
    the project as stored now, a later ``redo()`` sets it again; both refuse in
    words, changing nothing, when another window or program changed one of those
    items since, and the stack then steps back to where it was. The projects are
    the service's own, shared and never copied: nobody mutates them. A refused or
    empty edit marks the command obsolete so the stack drops it.
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
        # the project just before and just after the edit, as stored; never mutated
        self._before: Project = before
        self._after: Project | None = None
        self._stepping_back = False  # the stack undoes a refused redo, or redoes a refused undo

    def redo(self) -> None:
        target = self._target
        if self._stepping_back:  # the undo was refused: the project is still as after
            self._stepping_back = False
            return
        if self._operation is not None:
            operation, self._operation = self._operation, None
            try:
                change = target.service.edit(
                    target.project_id, operation, self._label, based_on=target.shown()
                )
            except Exception as error:  # refused: nothing stored, the caller shows why
                self._outcome.error = error
                self.setObsolete(True)
                return
            self._outcome.change = change
            if not change.parts:
                self.setObsolete(True)
                return
            self._before = change.before or self._before
            self._after = change.project
            target.publish(change)
            return
        assert self._after is not None
        self._revert(self._after, self._before, undoing=False)

    def undo(self) -> None:
        if self._stepping_back:  # the redo was refused: the project is still as before
            self._stepping_back = False
            return
        assert self._after is not None
        self._revert(self._before, self._after, undoing=True)

    def _revert(self, to: Project, since: Project, *, undoing: bool) -> None:
        """Set what the edit touched from ``since`` to ``to``; a refusal is told and the
        stack steps back, so the command stays where it was."""
        target = self._target
        label = f"{'Undo' if undoing else 'Redo'} {self._label}"
        try:
            change = target.service.revert(target.project_id, to, since, label)
        except Exception as error:
            if not isinstance(error, ServiceError | ValueError) and not write_failed(error):
                raise
            words = why(error) if write_failed(error) else message_for(error)
            if isinstance(error, ChangedSinceError):
                words += " Nothing was changed."
            target.report_failure(f"Could not {label[0].lower()}{label[1:]}", words)
            self._stepping_back = True
            target.step_back(undoing)
            return
        target.publish(change)
