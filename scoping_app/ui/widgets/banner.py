"""A banner across the top of the window: what is true of the whole database, and what to do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from scoping_app.ui import theme


def read_only_text(path: Path | None) -> str:
    """The read-only banner's words: what it means, and how to be able to edit again."""
    where = f" ({path})" if path is not None else ""
    return (
        f"<b>Read-only:</b> this database{where} cannot be changed from this account, because "
        "the file or its folder is read-only. You can open, read and export projects; "
        "changes are not saved. To edit, make the file and its folder writable, or copy the "
        "file to a folder you can write to, then start the app again."
    )


class Banner(QFrame):
    """One wrapped paragraph in the notice colours, the full width of the window."""

    def __init__(self, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(html, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        theme.style(self.label, lambda: theme.notice_style() + " padding: 6px 10px;")
        self.setAccessibleName("Read-only database")
        self.label.setAccessibleName(self.label.text())

    def text(self) -> str:
        return self.label.text()


def above(banner: Banner, content: QWidget) -> QWidget:
    """A widget showing ``banner`` above ``content`` (which keeps all the room left)."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(8, 6, 8, 0)
    layout.setSpacing(6)
    layout.addWidget(banner)
    layout.addWidget(content, 1)
    return holder
