"""A one-line text that shows itself whole: it wraps over up to three lines as it grows.

For names, questions, owners: texts of one line that may be long. It takes no
new line (Enter commits, a pasted text's line breaks become spaces), its tooltip
holds the whole text, and it speaks the API of a one-line edit (``text``,
``setText``, ``setMaxLength``, ``editingFinished``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget

MOST_LINES = 3  # the box grows to this many lines, then scrolls


def one_line(text: str) -> str:
    """``text`` with its line breaks turned into spaces."""
    return " ".join(text.splitlines())


class WrappingLine(QPlainTextEdit):
    """A text of one line, wrapped at the box's width; Enter or leaving says it is done."""

    editingFinished = Signal()  # as QLineEdit names it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._max_length = 0
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document().setDocumentMargin(3)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.textChanged.connect(self._on_text_changed)
        self._fit_height()

    # the one-line edit's API

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(one_line(text))

    def setMaxLength(self, length: int) -> None:
        self._max_length = length

    def insert(self, text: str) -> None:
        self.insertPlainText(one_line(text))

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    def lines(self) -> int:
        """How many lines the text takes at the box's width."""
        return max(1, int(self.document().documentLayout().documentSize().height()))

    # behaviour

    def _on_text_changed(self) -> None:
        text = self.toPlainText()
        if self._max_length and len(text) > self._max_length:
            cursor = self.textCursor()
            position = cursor.position()
            self.setPlainText(text[: self._max_length])
            cursor = self.textCursor()
            cursor.setPosition(min(position, self._max_length))
            self.setTextCursor(cursor)
            return
        self.setToolTip(text)

    def _fit_height(self, *_size: Any) -> None:
        lines = min(self.lines(), MOST_LINES)
        margins = self.contentsMargins()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + 2 * int(self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 4
        )
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def insertFromMimeData(self, source: QMimeData) -> None:
        self.insertPlainText(one_line(source.text()))

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editingFinished.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.selectAll()
