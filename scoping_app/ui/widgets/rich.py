"""Read-only rich text that scrolls when it is long, selectable with the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget


class RichText(QTextBrowser):
    """Read-only rich text, frameless on its parent's background, scrolling when long.

    Its document is laid out once per width (a wrapping QLabel in a scroll area lays
    long texts out again at each size question of its layout, which a list of a
    hundred capabilities makes slow). ``setText``/``text`` read like a label's.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._html = ""
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # out of the Tab order, as a label
        self.setOpenLinks(False)
        self.document().setDocumentMargin(0)
        self.viewport().setAutoFillBackground(False)
        self.setAutoFillBackground(False)

    def setText(self, html: str) -> None:
        if html != self._html:
            self._html = html
            self.setHtml(html)

    def text(self) -> str:
        """The rich text last set (as a label's ``text()``)."""
        return self._html
