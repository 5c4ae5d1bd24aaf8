"""Read-only rich text that scrolls when it is long, selectable with the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

NARROW_PX = 285
"""Below this width a text given a narrow form (labels over their figures) shows that."""


class RichText(QTextBrowser):
    """Read-only rich text, frameless on its parent's background, scrolling when long.

    Its document is laid out once per width (a wrapping QLabel in a scroll area lays
    long texts out again at each size question of its layout, which a list of a
    hundred capabilities makes slow). ``setText``/``text`` read like a label's.

    A text may come in two forms: the usual one, and a ``narrow`` one shown while the
    widget is narrower than :data:`NARROW_PX` (a third of the panes on a 1,024 px
    screen), where a table of labels and figures would wrap each figure over many
    short lines.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._html = ""
        self._narrow: str | None = None
        self._shown = ""
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # out of the Tab order, as a label
        self.setOpenLinks(False)
        self.document().setDocumentMargin(0)
        self.viewport().setAutoFillBackground(False)
        self.setAutoFillBackground(False)

    def setText(self, html: str, narrow: str | None = None) -> None:
        self._html, self._narrow = html, narrow
        self._show()

    def text(self) -> str:
        """The rich text last set (as a label's ``text()``), in its usual form."""
        return self._html

    def shown(self) -> str:
        """The form of the text shown now: the narrow one on a narrow widget."""
        return self._shown

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._narrow is not None:
            self._show()

    def _show(self) -> None:
        # the widget's own width, not its viewport's: a scroll bar coming or going with
        # the form shown must not flip the form back
        narrow = self._narrow is not None and self.width() < NARROW_PX
        html = self._narrow if narrow and self._narrow is not None else self._html
        if html != self._shown:
            self._shown = html
            self.setHtml(html)
