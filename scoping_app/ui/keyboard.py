"""The keyboard: the list of shortcuts, read from the window's own actions, and Undo for
the whole project whenever the focused field has nothing of its own to undo."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QWidget


def action_words(action: QAction) -> str:
    """An action's text as a sentence reads it: no mnemonic, no trailing dots."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("….")


def keys_of(action: QAction) -> str:
    """An action's shortcuts as the user's platform writes them: "Ctrl+PgDown"."""
    return " or ".join(
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in action.shortcuts()
        if not sequence.isEmpty()
    )


def menu_actions(menus: Iterable[QMenu]) -> list[QAction]:
    """Every action of ``menus`` and their submenus, in menu order."""
    found: list[QAction] = []
    for menu in menus:
        for action in menu.actions():
            if action.menu() is not None:
                found += menu_actions([action.menu()])  # type: ignore[list-item]
            elif not action.isSeparator():
                found.append(action)
    return found


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) of each action that has a shortcut; each pair once."""
    rows: list[tuple[str, str]] = []
    for action in actions:
        row = (keys_of(action), action_words(action))
        if row[0] and row not in rows:
            rows.append(row)
    return rows


def shortcuts_html(sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> str:
    """The shortcuts as a table under a heading per section (a section without any is left)."""
    html = "<table cellspacing='0' cellpadding='3'>"
    for heading, rows in sections:
        if not rows:
            continue
        html += f"<tr><td colspan='2'><b>{escape(heading)}</b></td></tr>"
        for keys, words in rows:
            html += f"<tr><td>{escape(keys)}&nbsp;&nbsp;</td><td>{escape(words)}</td></tr>"
    return html + "</table>"


def _own_history(field: QWidget, undo: bool) -> bool | None:
    """Whether a text field can undo (or redo) something itself; None for other widgets."""
    if isinstance(field, QLineEdit):
        if field.isReadOnly():
            return False
        return field.isUndoAvailable() if undo else field.isRedoAvailable()
    if isinstance(field, (QTextEdit, QPlainTextEdit)):
        if field.isReadOnly():
            return False
        document = field.document()
        return document.isUndoAvailable() if undo else document.isRedoAvailable()
    return None


class UndoRouter(QObject):
    """Hands Undo and Redo to the window's actions when the focused text field has nothing
    of its own to undo or redo; while it has, the field keeps its own (typing) undo.

    A text field takes Ctrl+Z for itself even with an empty history; this filter, on the
    focused field only, lets the key through to the window's shortcut instead.
    """

    def __init__(self, window: QWidget, undo: QAction, redo: QAction) -> None:
        super().__init__(window)
        self._window, self._undo, self._redo = window, undo, redo
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None:
            old.removeEventFilter(self)
        if new is None or _own_history(new, True) is None:
            return
        if self._window.isAncestorOf(new):
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QWidget):
            assert isinstance(event, QKeyEvent)
            pressed = QKeySequence(event.keyCombination())
            for action, undo in ((self._undo, True), (self._redo, False)):
                if pressed in action.shortcuts() and _own_history(watched, undo) is False:
                    event.ignore()  # not the field's: the window's shortcut takes the key
                    return True
        return False
