"""Over a project's steps: the bar that tells an edit was not saved, with Retry (or Apply
again) and Discard; and the note that another client's change is now shown."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from scoping_app.ui import theme
from scoping_app.ui.unsaved import UnsavedEdits


class UnsavedBar(QFrame):
    """Shown while an edit the database refused is held: what failed, why, what to do.

    Retry tries the held edits again; Discard my change drops them and shows the
    project as stored. Hidden when nothing is held.
    """

    def __init__(self, unsaved: UnsavedEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unsaved = unsaved
        self.setObjectName("unsavedBar")
        self.setAccessibleName("Changes not saved")
        theme.style(self, lambda: "QFrame#unsavedBar {" + theme.notice_style() + "}")
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setAccessibleName("Why the change was not saved")
        self.retry_button = QPushButton("&Retry")
        self.retry_button.setToolTip("Try to store the change again")
        self.discard_button = QPushButton("&Discard my change")
        self.discard_button.setToolTip("Drop the change and show what is stored")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.words, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.discard_button)
        self.retry_button.clicked.connect(unsaved.retry)
        self.discard_button.clicked.connect(unsaved.discard)
        unsaved.changed.connect(self._show_edits)
        self._show_edits()

    def _show_edits(self) -> None:
        edits = self._unsaved.edits
        if not edits:
            self.hide()
            return
        words = edits[-1].bar_words()
        if len(edits) > 1:
            words += f" {len(edits) - 1} earlier change{'s' if len(edits) > 2 else ''} waiting too."
        self.words.setText(f"⚠ {words}")
        self.retry_button.setText(edits[-1].retry_words())
        self.show()


NOTE_SHOWN_MS = 15_000
"""How long the note "Changed by NAME" stays."""


class ElsewhereNote(QLabel):
    """ "Changed by Sam at 14:02.": another client's change is now shown; hidden after a while."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("elsewhereNote")
        self.setAccessibleName("Changed by someone else")
        self.setWordWrap(True)
        theme.style(
            self, lambda: "QLabel#elsewhereNote {" + theme.notice_style() + " padding: 5px 10px; }"
        )
        self._hiding = QTimer(self)
        self._hiding.setSingleShot(True)
        self._hiding.setInterval(NOTE_SHOWN_MS)
        self._hiding.timeout.connect(self.hide)
        self.hide()

    def tell(self, note: str) -> None:
        self.setText(f"↻ {note} at {datetime.now().astimezone():%H:%M}; their change is shown.")
        self.show()
        self._hiding.start()

    def tell_deleted(self) -> None:
        """The project was deleted elsewhere: said until it is closed."""
        self._hiding.stop()
        self.setText(
            f"⚠ Someone deleted this project at {datetime.now().astimezone():%H:%M}."
            " What you see is no longer stored, and no change to it can be saved:"
            " File > Projects… (Ctrl+O) lists the projects there are."
        )
        self.show()
