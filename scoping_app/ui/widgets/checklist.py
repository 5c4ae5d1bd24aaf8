"""A list of items with a check box each that reports each toggle, with a filter above it.

Every list of links in the window (what a capability requires, the metrics it
delivers, the data it uses, the risks it mitigates, the data a process step uses)
is a :class:`CheckList`; :meth:`CheckList.boxed` puts its filter box and its
"Picked only" switch above it, so a project of hundreds of items stays usable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

KEY_ROLE = Qt.ItemDataRole.UserRole
MOST_ROWS = 12  # a list as tall as its rows grows to this many, then scrolls


@dataclass(frozen=True)
class Entry:
    """One line of a checklist: the item's key, its words, and whether it is ticked."""

    key: str
    text: str
    checked: bool
    tooltip: str = ""


def _item(key: str, text: str, tooltip: str, checked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(KEY_ROLE, key)
    item.setToolTip(tooltip or text)
    item.setFlags(
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
    )
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


class CheckList(QListWidget):
    """Ticks are the user's requests (``toggled``); the owner refills after the edit is stored.

    ``fit`` makes the list as tall as its shown rows (a page that scrolls as a
    whole), never shorter than ``minimum_rows`` rows nor taller than ``MOST_ROWS``.
    The filter box shows only the lines whose words hold its text (in any case);
    "Picked only" shows only the ticked lines. Both last across refills.
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
        self._lines: list[tuple[str, str, str]] = []  # each line's key, words and tooltip
        # one line per item, cut with "…" to the width; the tooltip holds the whole text
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setStyleSheet("QListWidget::item { padding: 2px 0; }")
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter by name")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(f"{accessible_name}: filter by name")
        self.picked_only = QCheckBox("Picked only")
        self.picked_only.setAccessibleName(f"{accessible_name}: picked only")
        self.picked_only.setToolTip("Show only the ticked lines")
        self.itemChanged.connect(self._on_item_changed)
        self.filter_box.textChanged.connect(self.apply_filter)
        self.picked_only.toggled.connect(self.apply_filter)

    def boxed(self) -> QWidget:
        """A widget holding the filter box and the "Picked only" switch above the list."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.picked_only)
        layout.addLayout(bar)
        layout.addWidget(self, 1)
        return box

    def fill(self, entries: Iterable[Entry]) -> None:
        """Show ``entries``; when the lines are the ones shown, only their ticks are set."""
        entries = list(entries)
        lines = [(entry.key, entry.text, entry.tooltip) for entry in entries]
        kept = entries and self._lines and self.count() == len(self._lines)
        if kept and (lines == self._lines or self._patch(lines)):
            self._set_ticks(entries)
            return
        self._lines = lines
        self._loading = True
        try:
            scroll = self.verticalScrollBar().value()
            current = self.currentItem().data(KEY_ROLE) if self.currentItem() else None
            self.clear()
            for entry in entries:
                item = _item(entry.key, entry.text, entry.tooltip, entry.checked)
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
        self.apply_filter()

    def _patch(self, lines: list[tuple[str, str, str]]) -> bool:
        """Take out and put in only the lines that differ from those shown (the list of what
        a capability may require differs from its neighbour's in two lines of thousands);
        False, changing nothing, when most lines differ: then refilling is quicker."""
        matcher = SequenceMatcher(None, self._lines, lines, autojunk=False)
        changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        if sum(max(i2 - i1, j2 - j1) for _tag, i1, i2, j1, j2 in changes) > len(lines) // 4:
            return False
        self._loading = True
        try:
            for _tag, i1, i2, j1, j2 in reversed(changes):
                for row in range(i2 - 1, i1 - 1, -1):
                    self.takeItem(row)
                for offset, (key, text, tooltip) in enumerate(lines[j1:j2]):
                    self.insertItem(i1 + offset, _item(key, text, tooltip, False))
        finally:
            self._loading = False
        self._lines = lines
        if self.filter_box.text().strip() or self.picked_only.isChecked():
            self.apply_filter()  # the new lines, through the filter
        else:
            self._fit_height()
        return True

    def _set_ticks(self, entries: list[Entry]) -> None:
        self._loading = True
        try:
            for row, entry in enumerate(entries):
                item = self.item(row)
                state = Qt.CheckState.Checked if entry.checked else Qt.CheckState.Unchecked
                if item.checkState() != state:
                    item.setCheckState(state)
        finally:
            self._loading = False
        if self.picked_only.isChecked():
            self.apply_filter()

    def apply_filter(self) -> None:
        """Show the lines the filter box and the "Picked only" switch let through."""
        words = self.filter_box.text().strip().casefold()
        picked = self.picked_only.isChecked()
        for row in range(self.count()):
            item = self.item(row)
            if item.data(KEY_ROLE) is None:
                continue  # the words of an empty list stay
            shown = words in item.text().casefold() and (
                not picked or item.checkState() == Qt.CheckState.Checked
            )
            self.setRowHidden(row, not shown)
        self._fit_height()

    def shown_keys(self) -> list[str]:
        """The keys of the lines in view, in order."""
        return [
            self.item(row).data(KEY_ROLE)
            for row in range(self.count())
            if self.item(row).data(KEY_ROLE) is not None and not self.isRowHidden(row)
        ]

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
        shown = sum(1 for r in range(self.count()) if not self.isRowHidden(r))
        rows = min(max(shown, self._minimum_rows), MOST_ROWS)
        self.setFixedHeight(rows * row + 2 * self.frameWidth() + 2)
