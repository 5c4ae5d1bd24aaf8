"""Every modal question the window asks, in one object that tests replace.

Widgets never call ``QMessageBox`` or ``QFileDialog`` themselves: they call a
method of the :class:`Dialogs` they were given, so a test monkeypatches one
method and nothing ever blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from scoping_app import APP_NAME

if TYPE_CHECKING:
    from scoping_app.services.backups import Backup

SCOPE_FILTER = "Scoping projects (*.scope.json);;JSON files (*.json);;All files (*)"
PDF_FILTER = "PDF documents (*.pdf)"
Answer = TypeVar("Answer")


class DamagedChoice(Enum):
    """What to do when the database file was found damaged and set aside."""

    RESTORE_BACKUP = "restore"
    START_EMPTY = "empty"
    QUIT = "quit"


class Dialogs:
    """Modal dialogs of the application; replace a method to answer it in a test."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        """The message, and long details in a scrolling area
        (:class:`~scoping_app.ui.error_box.ErrorBox`)."""
        from scoping_app.ui.error_box import ErrorBox  # errors are rare: not on the start path

        box = ErrorBox(parent, title, text, details)
        try:
            box.exec()
        finally:
            box.deleteLater()

    def information(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title or APP_NAME, text)

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        """Ask before something destructive; ``action`` names the button ("Delete")."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text)
        if parent is not None:
            box.setParent(parent, box.windowFlags())
        accept = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is accept

    def ask(
        self, parent: QWidget | None, title: str, text: str, answers: Sequence[str]
    ) -> int | None:
        """One button per answer (the first is the default) and Cancel: the index, or None."""
        box = QMessageBox(QMessageBox.Icon.Question, title or APP_NAME, text)
        if parent is not None:
            box.setParent(parent, box.windowFlags())
        buttons = [box.addButton(a, QMessageBox.ButtonRole.ActionRole) for a in answers]
        box.addButton(QMessageBox.StandardButton.Cancel)
        if buttons:
            box.setDefaultButton(buttons[0])
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, b in enumerate(buttons) if b is clicked), None)

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: Sequence[str], action: str
    ) -> int | None:
        """The index of one of ``options``, or None when cancelled; ``action`` names OK."""
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(title or APP_NAME)
        dialog.setLabelText(text)
        dialog.setComboBoxItems(list(options))
        dialog.setComboBoxEditable(False)
        dialog.setOkButtonText(action)
        try:
            if dialog.exec() != QInputDialog.DialogCode.Accepted:
                return None
            chosen = dialog.textValue()
            return list(options).index(chosen) if chosen in options else None
        finally:
            dialog.deleteLater()

    def text(self, parent: QWidget | None, title: str, label: str, value: str) -> str | None:
        """A line of text, starting from ``value``; None when cancelled."""
        dialog = QInputDialog(parent)
        dialog.setWindowTitle(title or APP_NAME)
        dialog.setLabelText(label)
        dialog.setTextValue(value)
        try:
            if dialog.exec() != QInputDialog.DialogCode.Accepted:
                return None
            return dialog.textValue()
        finally:
            dialog.deleteLater()

    def open_file(self, parent: QWidget | None, caption: str, filters: str) -> Path | None:
        path, _chosen = QFileDialog.getOpenFileName(parent, caption, "", filters)
        return Path(path) if path else None

    def save_file(
        self, parent: QWidget | None, caption: str, suggested: str, filters: str
    ) -> Path | None:
        path, _chosen = QFileDialog.getSaveFileName(parent, caption, suggested, filters)
        return Path(path) if path else None

    def damaged_database(
        self,
        parent: QWidget | None,
        set_aside: str,
        backup: str | None,
        identity_known: bool = True,
    ) -> DamagedChoice:
        """The database was damaged and moved aside: restore a backup, start empty, or quit.

        ``backup`` is the latest backup of this very database; ``identity_known`` is
        False when the damaged file no longer says which database it was."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "The database file is damaged.")
        if parent is not None:
            box.setParent(parent, box.windowFlags())
        lines = [
            "It could not be read safely, so it was set aside, untouched, as:",
            set_aside,
            "",
        ]
        restore = None
        if backup:
            lines += ["The latest backup of this database is:", backup, ""]
            lines += ["Restore it, or start with an empty database?"]
            restore = box.addButton("Restore the latest backup", QMessageBox.ButtonRole.AcceptRole)
        elif not identity_known:
            lines += [
                "Which database it was can no longer be read from it, so no backup can be",
                "said to be its own and none is offered. Start with an empty database?",
            ]
        else:
            lines += ["There is no backup of it to restore. Start with an empty database?"]
        empty = box.addButton("Start with an empty database", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.setInformativeText("\n".join(lines))
        box.exec()
        clicked = box.clickedButton()
        if restore is not None and clicked is restore:
            return DamagedChoice.RESTORE_BACKUP
        if clicked is empty:
            return DamagedChoice.START_EMPTY
        return DamagedChoice.QUIT

    def choose_backup(self, parent: QWidget | None, backups: Sequence[Backup]) -> int | None:
        """Which of this database's ``backups`` (newest first) to restore; None to cancel."""
        from scoping_app.ui.restore_backup import RestoreBackupDialog

        dialog = RestoreBackupDialog(parent, backups)
        return _answer(dialog, dialog.chosen)

    def new_project(
        self, parent: QWidget | None, taken: Sequence[str]
    ) -> tuple[str, str, str] | None:
        """Name, industry and pattern of a new project, or None when cancelled."""
        from scoping_app.ui.start.new_project_dialog import NewProjectDialog

        dialog = NewProjectDialog(parent, taken)
        return _answer(dialog, dialog.values)


def _answer(dialog: QDialog, answer: Callable[[], Answer]) -> Answer | None:
    """Show ``dialog`` until it is closed: ``answer()`` when accepted, else None."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return answer()
    finally:
        dialog.deleteLater()
