"""Pieces shared by the steps that show the project read-only in this version."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

READ_ONLY_NOTE = (
    "Read-only in this version: this step shows what the project holds (as imported or "
    "duplicated); editing it here comes later."
)


def summary_label(parent: QWidget | None = None) -> QLabel:
    """The one-paragraph summary above a table ("2 in hand, 1 assumed…")."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when narrower than its text, with the whole text as
    its tooltip: its minimum width does not grow with the text (a long name, say).

    ``details``, when given, is the tooltip at every width (a hint whose hover text says
    more than the hint itself)."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, details: str = "") -> None:
        self._details = details
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._say_whole_text()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._say_whole_text()

    def minimumSizeHint(self) -> QSize:
        least = super().minimumSizeHint()
        return QSize(self.fontMetrics().averageCharWidth() * 8, least.height())

    def elided_text(self) -> str:
        """The text as shown: cut with "…" to the label's width."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._say_whole_text()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment().value),
            self.palette(),
            self.isEnabled(),
            self.elided_text(),
            self.foregroundRole(),
        )

    def _say_whole_text(self) -> None:
        if self._details:
            self.setToolTip(self._details)
        else:
            self.setToolTip(self.text() if self.elided_text() != self.text() else "")


def section_label(text: str, parent: QWidget | None = None, *, elide: bool = False) -> QLabel:
    """A bold heading; ``elide`` for one that holds a name of any length."""
    label = ElidedLabel(text, parent) if elide else QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
