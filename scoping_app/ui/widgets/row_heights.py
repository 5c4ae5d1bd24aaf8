"""Rows as tall as their wrapped text, measured only for the rows on screen.

Qt's ``ResizeToContents`` mode measures every row of a table (a delegate size hint
per cell) whenever its layout changes: with hundreds of rows each show, resize or
edit pauses. Here a row is measured when it comes into view, and again when its
text or the columns' widths change; rows below the view keep the default height
until they are scrolled to.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView


class VisibleRowHeights(QObject):
    """Keeps the rows of ``table`` on screen as tall as their contents (the model set already)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._measured: set[int] = set()  # rows measured at the columns' present widths
        self._pending = False
        self._to_bottom = False  # the view was at its end when the last rows grew: it stays there
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.verticalScrollBar().valueChanged.connect(self.fit)
        table.verticalScrollBar().rangeChanged.connect(self._on_range_changed)
        table.horizontalHeader().sectionResized.connect(self._on_columns_resized)
        table.viewport().installEventFilter(self)
        model = table.model()
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.rowsMoved,
        ):
            signal.connect(self.refit)
        model.dataChanged.connect(self._on_data_changed)

    def refit(self, *_args: Any) -> None:
        """Measure again the rows on screen (their texts or widths changed), now and once the
        view has laid itself out."""
        self._measured.clear()
        self.fit()
        self._fit_soon()

    def fit(self, *_args: Any) -> None:
        """Measure the rows on screen not measured yet."""
        table = self._table
        if not table.isVisible():
            return
        model = table.model()
        count = model.rowCount()
        row = table.rowAt(0)
        if row < 0:
            return
        bottom = table.viewport().height()
        current = table.currentIndex().row()
        current_shown = current >= 0 and 0 <= table.rowViewportPosition(current) < bottom
        y = table.rowViewportPosition(row)
        while row < count and y < bottom:
            self._measure(row)
            y += table.rowHeight(row)
            row += 1
        if current_shown and table.rowViewportPosition(current) + table.rowHeight(current) > bottom:
            table.scrollTo(table.currentIndex())  # the rows above it grew: it stays in view
        bar = table.verticalScrollBar()
        if 0 < bar.maximum() == bar.value():
            # at the end: the last rows, grown, fill the view from its bottom up
            row, filled, grown = count - 1, 0, False
            while row >= 0 and filled < bottom:
                grown = self._measure(row) or grown
                filled += table.rowHeight(row)
                row -= 1
            self._to_bottom = grown

    def _on_range_changed(self, _least: int, most: int) -> None:
        if self._to_bottom:
            self._to_bottom = False
            self._table.verticalScrollBar().setValue(most)

    def _measure(self, row: int) -> bool:
        """Fit ``row`` to its contents unless done; whether its height changed."""
        table = self._table
        if row in self._measured or table.isRowHidden(row):
            return False
        self._measured.add(row)
        # as ResizeToContents does: the taller of the cells' and the (hidden) header's hint
        height = max(table.sizeHintForRow(row), table.verticalHeader().sectionSizeHint(row))
        if height == table.rowHeight(row):
            return False
        table.setRowHeight(row, height)
        return True

    def _fit_soon(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._fit_pending)

    def _fit_pending(self) -> None:
        self._pending = False
        self.fit()

    def _on_columns_resized(self, *_args: Any) -> None:
        # fitting the columns resizes them one by one: the rows are measured once, after
        self._measured.clear()
        self._fit_soon()

    def _on_data_changed(self, top: Any, bottom: Any, *_args: Any) -> None:
        self._measured.difference_update(range(top.row(), bottom.row() + 1))
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize:
            if event.oldSize().width() != event.size().width():  # type: ignore[attr-defined]
                self._measured.clear()
            self.fit()
        elif kind == QEvent.Type.Show:
            self.fit()
        return False
