"""Edit > History…: who changed the open project, when and what, newest first, with an
export to CSV or text; and Edit > Your name…, the name changes are recorded under."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSettings, Qt, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from scoping_app.services.history import EditEntry, local_time, write_history
from scoping_app.services.projects import ProjectService, ServiceError
from scoping_app.ui.settings import author, save_author
from scoping_app.ui.widgets.tables import fill_rows, rows_table

HEADERS = ("When", "Who", "Change", "What changed")
INTRO = (
    "Every change stored for this project, newest first, with who made it. "
    "Times are in this computer's time zone."
)
EMPTY = "No changes of this project are recorded yet."
EXPORT_FILTER = "CSV files (*.csv);;Text files (*.txt)"
SIZE = (900, 520)


class _Asks(Protocol):
    """The questions the history and the name ask (the window's Dialogs)."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None: ...

    def save_file(
        self, parent: QWidget | None, caption: str, suggested: str, filters: str
    ) -> Path | None: ...

    def text(self, parent: QWidget | None, title: str, label: str, value: str) -> str | None: ...


def history_rows(entries: Sequence[EditEntry]) -> list[tuple[str, str, str, str]]:
    """The table's rows: when (local time), who, the change, what it changed."""
    return [(local_time(e.at), e.author, e.label, e.what) for e in entries]


class HistoryDialog(QDialog):
    """The recorded changes of one project in a table, and Export… to write them to a file."""

    def __init__(
        self, parent: QWidget | None, name: str, entries: Sequence[EditEntry], dialogs: _Asks
    ) -> None:
        super().__init__(parent)
        self.entries = list(entries)
        self.dialogs = dialogs
        self.name = name
        self.setWindowTitle(f"History of {name}")
        self.intro = intro = QLabel(INTRO if entries else EMPTY, self)
        intro.setWordWrap(True)
        self.table = rows_table(
            HEADERS,
            history_rows(self.entries),
            "Changes of this project, newest first",
            self,
            tooltips=True,
        )
        self.table.setWordWrap(True)  # what changed may be long: it wraps, its row grows
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("M") * 6)
        self.table.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 10)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.status = QLabel("", self)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = self.buttons.addButton(
            "Export…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setEnabled(bool(self.entries))
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._fit(parent)

    def show_entries(self, entries: Sequence[EditEntry]) -> None:
        """Show ``entries`` instead (the project changed while the history is open)."""
        self.entries = list(entries)
        fill_rows(self.table, history_rows(self.entries), tooltips=True)
        self.table.resizeRowsToContents()
        self.intro.setText(INTRO if self.entries else EMPTY)
        self.export_button.setEnabled(bool(self.entries))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # now that the columns have their widths

    def _fit(self, parent: QWidget | None) -> None:
        """Its usual size, smaller on a small window."""
        width, height = SIZE
        if parent is not None:
            width = min(width, parent.width() - 40)
            height = min(height, parent.height() - 60)
        self.resize(max(width, 480), max(height, 320))

    def export(self) -> Path | None:
        """Ask for a file and write the history to it (CSV, or text for another ending)."""
        path = self.dialogs.save_file(
            self, "Export the history", f"{self.name} history.csv", EXPORT_FILTER
        )
        if path is None:
            return None
        try:
            write_history(self.entries, path)
        except OSError as error:
            self.dialogs.error(
                self,
                "The history was not exported",
                f"Could not write {path}: {error.strerror or error}.",
            )
            return None
        self.status.setText(f"Exported to {path}")
        return path


def show_history(
    parent: QWidget,
    service: ProjectService,
    project_id: int,
    name: str,
    dialogs: _Asks,
    changed: SignalInstance | None = None,
) -> HistoryDialog | None:
    """Open the history of the project beside the window; None when it cannot be read.

    While it is open, each emission of ``changed`` (the project changed, here or
    elsewhere) reads the history again, so the newest change is listed.
    """
    try:
        entries = service.history(project_id)
    except ServiceError as error:
        dialogs.error(parent, "Could not read the history", str(error))
        return None
    dialog = HistoryDialog(parent, name, entries, dialogs)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if changed is not None:

        def read_again(*_args: object) -> None:
            with suppress(ServiceError):  # unreadable now (deleted): the list stays as it was
                dialog.show_entries(service.history(project_id))

        def let_go(*_args: object) -> None:
            with suppress(RuntimeError):  # the project was closed first: nothing to let go
                changed.disconnect(read_again)

        changed.connect(read_again)
        dialog.destroyed.connect(let_go)
    dialog.open()
    return dialog


def ask_author(
    parent: QWidget, service: ProjectService, settings: QSettings, dialogs: _Asks
) -> str | None:
    """Ask for the name changes are recorded under, keep it and use it from now on; the
    name, or None when cancelled. An empty name goes back to the login name."""
    answer = dialogs.text(
        parent,
        "Your name",
        "The name your changes are recorded under, in each project's history:",
        author(settings),
    )
    if answer is None:
        return None
    service.author = save_author(settings, answer)
    return service.author
