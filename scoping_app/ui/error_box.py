"""An error box: its message, and long details in a scrolling area, never past the screen.

Loaded when the first error is shown: its widgets' enums cost the window's start
several milliseconds otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from scoping_app import APP_NAME

MAX_SHOWN_LINES = 12  # lines of details in view before the area scrolls
MESSAGE_CHARS = 400  # characters of the message above the details; the rest goes below
MESSAGE_WIDTH = 520  # pixels of the message's widest line
SCREEN_SHARE = 0.8  # the most of the screen's width and height an error box takes


class ErrorBox(QDialog):
    """An error: its message, and its details (or the rest of a long message) in a
    scrolling area below; never larger than the screen, whatever the length of the text."""

    def __init__(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or APP_NAME)
        if len(text) > MESSAGE_CHARS:  # a very long message: its start here, all of it below
            details = f"{text}\n\n{details}".strip()
            text = text[: MESSAGE_CHARS - 1].rstrip() + "…"
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMaximumWidth(MESSAGE_WIDTH)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.details.setAccessibleName("Details")
        lines = min(max(details.count("\n") + 1, 3), MAX_SHOWN_LINES)
        self.details.setFixedHeight(self.details.fontMetrics().lineSpacing() * lines + 14)
        self.details.setVisible(bool(details))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)

        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else None) or (
            QGuiApplication.primaryScreen()
        )
        if screen is not None:
            room = screen.availableGeometry().size() * SCREEN_SHARE
            self.setMaximumSize(room)
            self.details.setMaximumWidth(room.width())
            self.details.setMinimumWidth(min(MESSAGE_WIDTH, room.width() - 40))
