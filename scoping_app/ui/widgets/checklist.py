"""A list of items with a check box each, as tall as its content, that reports each toggle."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

KEY_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Entry:
    """One line of a checklist: the item's key, its words, and whether it is ticked."""

    key: str
    text: str
    checked: bool
    tooltip: str = ""


class CheckList(QListWidget):
    """Ticks are the user's requests (``toggled``); the owner refills after the edit is stored.

    ``fit`` makes the list as tall as its rows (a page that scrolls as a whole),
    never shorter than ``minimum_rows`` rows.
    """

    toggled = Signal(str, bool)  # item key, checked

    def __init__(
        self,
        accessible_name: str,
        empty_text: str,
        parent: QWidget | None = None,
        fit: bool = False,
        minimum_rows: int = 1,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._empty_text = empty_text
        self._fit = fit
        self._minimum_rows = minimum_rows
        self._loading = False
        # one line per item, cut with "…" to the width; the tooltip holds the whole text
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setStyleSheet("QListWidget::item { padding: 2px 0; }")
        self.itemChanged.connect(self._on_item_changed)

    def fill(self, entries: Iterable[Entry]) -> None:
        self._loading = True
        try:
            scroll = self.verticalScrollBar().value()
            current = self.currentItem().data(KEY_ROLE) if self.currentItem() else None
            self.clear()
            entries = list(entries)
            for entry in entries:
                item = QListWidgetItem(entry.text)
                item.setData(KEY_ROLE, entry.key)
                item.setToolTip(entry.tooltip or entry.text)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(
                    Qt.CheckState.Checked if entry.checked else Qt.CheckState.Unchecked
                )
                self.addItem(item)
                if entry.key == current:
                    self.setCurrentItem(item)
            if not entries:
                placeholder = QListWidgetItem(self._empty_text)
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                self.addItem(placeholder)
            self.verticalScrollBar().setValue(scroll)
        finally:
            self._loading = False
        self._fit_height()

    def item_of(self, key: str) -> QListWidgetItem | None:
        for row in range(self.count()):
            item = self.item(row)
            if item.data(KEY_ROLE) == key:
                return item
        return None

    def checked_keys(self) -> list[str]:
        return [
            self.item(row).data(KEY_ROLE)
            for row in range(self.count())
            if self.item(row).data(KEY_ROLE) is not None
            and self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        key = item.data(KEY_ROLE)
        if self._loading or key is None:
            return
        self.toggled.emit(key, item.checkState() == Qt.CheckState.Checked)

    def _fit_height(self) -> None:
        if not self._fit:
            return
        row = max(self.sizeHintForRow(0), 20) if self.count() else 22
        rows = max(self.count(), self._minimum_rows)
        self.setFixedHeight(rows * row + 2 * self.frameWidth() + 2)
