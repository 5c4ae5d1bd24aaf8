"""File > Restore from backup…: the backups of this database in a list, and the restore.

The dialog lists when each backup was taken (in local time), how many projects
it holds and its size, newest first; Restore puts the chosen one in place of the
database after backing up the projects as they are (the services do both).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from scoping_app.services.backups import (
    SERVER_BACKUPS,
    Backup,
    Restored,
    list_backups,
    restore,
    server_backups,
    size_text,
)
from scoping_app.services.projects import ProjectService, ServiceError
from scoping_app.ui.widgets.tables import rows_table

INTRO = (
    "Restoring a backup replaces every project with the projects as they were when it was "
    "taken. The projects as they are now are backed up first, so you can come back to them "
    "by restoring that backup."
)
WHEN_TAKEN = (
    "A backup is taken at the first change of each day and before every import, delete and "
    "restore. Kept: the 5 newest, one for each of the last 7 days, one for each of the 4 "
    "weeks before."
)
HEADERS = ("Taken", "Projects", "Size")
TEXT_WIDTH = 520
NUMBER_WIDTH = 96


def taken_text(backup: Backup, *, seconds: bool = False) -> str:
    """When the backup was taken, in the user's local time: "Tue 1 Dec 2026, 22:36" (with
    ``seconds``, "Tue 1 Dec 2026, 22:36:05")."""
    local = backup.taken.astimezone()
    clock = "%H:%M:%S" if seconds else "%H:%M"
    return f"{local:%a} {local.day} {local:%b %Y}, {local.strftime(clock)}"


def backup_rows(backups: Sequence[Backup]) -> list[tuple[str, str, str]]:
    """The dialog's rows: when taken, how many projects, what size. Backups taken in the
    same minute (an import, then a delete) are told apart by their seconds."""
    minutes = Counter(taken_text(b) for b in backups)
    return [
        (taken_text(b, seconds=minutes[taken_text(b)] > 1), f"{b.projects:,}", size_text(b.bytes))
        for b in backups
    ]


def _alignment(column: int) -> Qt.AlignmentFlag:
    """When taken, to the left; the numbers, to the right."""
    side = Qt.AlignmentFlag.AlignRight if column else Qt.AlignmentFlag.AlignLeft
    return side | Qt.AlignmentFlag.AlignVCenter


class RestoreBackupDialog(QDialog):
    """The backups of this database, newest first; Restore is enabled once one is chosen."""

    def __init__(self, parent: QWidget | None, backups: Sequence[Backup]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        intro = QLabel(INTRO, self)
        when = QLabel(WHEN_TAKEN, self)
        for label in (intro, when):
            label.setWordWrap(True)
            label.setFixedWidth(TEXT_WIDTH)
        when.setStyleSheet("color: palette(placeholder-text);")
        self.table = rows_table(
            HEADERS,
            backup_rows(backups),
            "Backups of this database, newest first",
            self,
            alignment=_alignment,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, NUMBER_WIDTH)
        shown_rows = min(max(len(backups), 3), 8)
        self.table.setFixedWidth(TEXT_WIDTH)
        row_height = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(header.sizeHint().height() + shown_rows * row_height + 4)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("Restore")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(when)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.accept())
        if backups:
            self.table.selectRow(0)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def chosen(self) -> int | None:
        """The row of the chosen backup, or None."""
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None


class _Asks(Protocol):
    """The questions a restore asks (the window's Dialogs)."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None: ...

    def information(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def choose_backup(self, parent: QWidget | None, backups: Sequence[Backup]) -> int | None: ...


def restore_chosen_backup(
    service: ProjectService, dialogs: _Asks, parent: QWidget | None
) -> Restored | None:
    """Ask which backup of this database to restore, and restore it; what was restored,
    or None when nothing changed (no backup yet, cancelled, or refused in words)."""
    try:
        backups = list_backups(service)
    except ServiceError as error:
        dialogs.error(parent, "Could not list the backups", str(error))
        return None
    if not backups and server_backups(service):
        dialogs.information(parent, "Backups on the server", SERVER_BACKUPS)
        return None
    if not backups:
        dialogs.information(
            parent, "No backups yet", "There are no backups of this database yet. " + WHEN_TAKEN
        )
        return None
    index = dialogs.choose_backup(parent, backups)
    if index is None:
        return None
    try:
        return restore(service, backups[index].path)
    except ServiceError as error:
        dialogs.error(parent, "The backup was not restored", str(error))
        return None


def restored_text(done: Restored) -> str:
    """The status line after a restore."""
    projects = done.backup.projects
    text = (
        f"Restored the backup of {taken_text(done.backup)} "
        f"({projects} project{'' if projects == 1 else 's'})."
    )
    if done.before is not None:
        text += " The projects as they were are in a new backup."
    return text
