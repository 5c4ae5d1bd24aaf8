"""A list model of (key, name) items, one a row, such as the capabilities a slice may pick."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from scoping_app.ui.widgets.record_table import Index, row_of


def italic_font() -> QFont:
    """The font of an item that is there for another reason (pulled in, computed)."""
    font = QFont()
    font.setItalic(True)
    return font


class KeyedListModel(QAbstractListModel):
    """Rows of (key, name); a subclass says what each role of an item shows (:meth:`item_data`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[str, str]] = []

    def key_at(self, row: int) -> str:
        return self._items[row][0]

    def row_of(self, key: str) -> int:
        return row_of(self._items, key, itemgetter(0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        key, name = self._items[index.row()]
        return self.item_data(key, name, role)

    def item_data(self, key: str, name: str, role: int) -> Any:
        """What the item ``key`` named ``name`` shows for ``role`` (None for nothing)."""
        raise NotImplementedError
