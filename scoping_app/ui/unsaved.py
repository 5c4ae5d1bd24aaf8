"""Edits the database could not store: kept, told, retried, or discarded when the user says.

When the store refuses a write (another program holds the database, the file is
read-only, the disk failed) the edit is not lost: it is held here with the field
that holds its value. The field says "Not saved" in words; the window's bar says
what failed, why and what to do, with Retry and Discard my change. While the
database is busy the edit is tried again a few times on its own, each try a short
step on a timer: the window never waits in a loop. An edit made against a version
of the project someone else changed since is held the same way: the window then
shows their change, and Apply again makes the user's edit on top of it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from scoping_app.domain.messages import message_for
from scoping_app.domain.model import Project
from scoping_app.services.projects import (
    DatabaseBusyError,
    DatabaseReadOnlyError,
    ProjectChangedError,
    names_in_words,
    write_failed,
)

Edit = Callable[[Project], object]
Say = Callable[[str], None]
Push = Callable[[Edit, str], Exception | None]  # runs the edit as a command: its error or None

AUTO_RETRIES = 3
"""How many times an edit the busy database refused is tried again on its own."""
RETRY_DELAY_MS = 1500
"""The pause before each automatic try: long enough for another program to finish."""


@dataclass(eq=False)
class UnsavedEdit:
    """One edit the store refused, as the user made it, and why it was refused."""

    operation: Edit
    label: str  # "Change name of Ticket export"
    say: Say | None  # the message line of the field that holds the value, if one does
    error: Exception
    tries_left: int = AUTO_RETRIES

    @property
    def retrying(self) -> bool:
        """Whether it will be tried again on its own."""
        return isinstance(self.error, DatabaseBusyError) and self.tries_left > 0

    def field_words(self) -> str:
        """The line at the field: "Not saved: " and why."""
        if isinstance(self.error, ProjectChangedError):
            return f"Not saved: {self._changed_by()}."
        return f"Not saved: {why(self.error)}"

    def bar_words(self) -> str:
        """What failed, why, and what to do."""
        if isinstance(self.error, ProjectChangedError):
            return f"“{self.label}” was not saved: {self._changed_by()}. {self.advice()}"
        return f"“{self.label}” was not saved. {why(self.error)} {self.advice()}"

    def _changed_by(self) -> str:
        assert isinstance(self.error, ProjectChangedError)
        return f"{names_in_words(self.error.authors)} changed this project since you last saw it"

    def retry_words(self) -> str:
        """The bar's button that tries the edit again."""
        return "&Apply again" if isinstance(self.error, ProjectChangedError) else "&Retry"

    def advice(self) -> str:
        if isinstance(self.error, ProjectChangedError):
            return (
                "Their change is shown now. Apply again makes yours on top of it;"
                " Discard my change keeps theirs."
            )
        if self.retrying:
            return "Trying again in a moment…"
        if isinstance(self.error, DatabaseBusyError):
            return (
                "Wait for the other program to finish, then choose Retry;"
                " or Discard my change to go back to what is stored."
            )
        if isinstance(self.error, DatabaseReadOnlyError):
            return (
                "Make the database file and its folder writable, then choose Retry;"
                " or Discard my change to go back to what is stored."
            )
        return "Choose Retry to try again, or Discard my change to go back to what is stored."


def why(error: Exception) -> str:
    """The store's own sentence, else a plain one."""
    text = message_for(error).strip()
    if isinstance(error, DatabaseBusyError | DatabaseReadOnlyError) or text.endswith("."):
        return text
    return "The database could not store the change."


class UnsavedEdits(QObject):
    """The open project's edits the store refused, by label (a later one replaces an earlier).

    ``push`` runs an edit as an undoable command and answers its error (None when
    stored); ``reload`` shows the project as stored; ``report`` tells a refusal
    where no field holds the value (title, message). An edit refused because others
    changed the project since it was seen is held too, and ``catch_up`` then shows
    their change (after the edit's field has said so, so the field keeps the value).
    """

    changed = Signal()

    def __init__(
        self,
        push: Push,
        reload: Callable[[], None],
        report: Callable[[str, str], None],
        parent: QObject | None = None,
        *,
        catch_up: Callable[[], object] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._push, self._reload, self._report = push, reload, report
        self._catch_up = catch_up
        self._held: dict[str, UnsavedEdit] = {}

    @property
    def edits(self) -> list[UnsavedEdit]:
        return list(self._held.values())

    def hold(self, operation: Edit, label: str, say: Say | None, error: Exception) -> None:
        """Keep an edit the store refused, say so at its field, and try it again when busy."""
        self._keep(UnsavedEdit(operation, label, say, error))

    def forget(self, label: str) -> None:
        """An edit of that label was stored since: the one held is out of date."""
        if self._held.pop(label, None) is not None:
            self.changed.emit()

    def retry(self) -> None:
        """Try every held edit again, in the order they were made."""
        for edit in self.edits:
            self._try(edit, automatic=False)

    def discard(self) -> None:
        """Drop every held edit and show the project as stored."""
        edits, self._held = self.edits, {}
        for edit in edits:
            _say(edit, "")
        self._reload()
        self.changed.emit()

    def _keep(self, edit: UnsavedEdit) -> None:
        self._held.pop(edit.label, None)  # kept last: the order they were made in
        self._held[edit.label] = edit
        _say(edit, edit.field_words())
        if edit.retrying:
            QTimer.singleShot(RETRY_DELAY_MS, self, lambda: self._try(edit, automatic=True))
        if isinstance(edit.error, ProjectChangedError):
            self._catch_up()
        self.changed.emit()

    def _try(self, edit: UnsavedEdit, *, automatic: bool) -> None:
        if self._held.get(edit.label) is not edit:
            return  # stored, discarded or replaced meanwhile
        del self._held[edit.label]
        _say(edit, "")  # the stored value is shown once stored
        error = self._push(edit.operation, edit.label)
        if error is None:
            self.changed.emit()
            return
        if write_failed(error) or isinstance(error, ProjectChangedError):
            tries = edit.tries_left - 1 if automatic else AUTO_RETRIES
            self._keep(UnsavedEdit(edit.operation, edit.label, edit.say, error, tries))
            return
        # the content is refused now (the item went meanwhile, say): told, then dropped
        if edit.say is not None:
            _say(edit, message_for(error))
        else:
            self._report(f"Could not store “{edit.label}”", message_for(error))
        self.changed.emit()


def _say(edit: UnsavedEdit, words: str) -> None:
    """Put ``words`` at the edit's field, if it has one and it still exists."""
    if edit.say is None:
        return
    with suppress(RuntimeError):  # the field's page was closed meanwhile
        edit.say(words)
