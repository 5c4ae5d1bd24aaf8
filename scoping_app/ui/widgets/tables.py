"""Table views set up the same way everywhere: whole rows, no grid clutter, widths that read."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from scoping_app.ui.widgets.record_table import Column, RecordTableModel

TEXT_COLUMN_LEAST = 90  # pixels a wrapping text column keeps when it gives way
SAMPLE_ROWS = 4  # a column fits its longest texts: so many are measured, not every row


def make_table(
    model: RecordTableModel,
    parent: QWidget | None = None,
    stretch: int | None = None,
    wrap: bool = False,
) -> QTableView:
    """A read-only, row-selecting table over ``model``; column ``stretch`` takes the spare room.

    ``wrap`` wraps long texts over several lines, each row as tall as its text.
    """
    view = QTableView(parent)
    view.setModel(model)
    configure_table(view)
    if wrap:
        view.setWordWrap(True)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = view.horizontalHeader()
    for section, column in enumerate(model.columns):
        if column.width:
            view.setColumnWidth(section, column.width)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def rows_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    name: str,
    parent: QWidget | None = None,
    alignment: Callable[[int], Qt.AlignmentFlag] | None = None,
    tooltips: bool = False,
) -> QTableWidget:
    """A read-only, row-selecting table of fixed texts (a dialog's list), set up as every
    table is; ``alignment`` gives a column's alignment (its heading's too), ``name`` what a
    screen reader calls it; with ``tooltips`` each cell's text is its hover text too."""
    table = QTableWidget(0, len(headers), parent)
    configure_table(table)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAccessibleName(name)
    for column, title in enumerate(headers):
        heading = QTableWidgetItem(title)
        if alignment is not None:
            heading.setTextAlignment(alignment(column))
        table.setHorizontalHeaderItem(column, heading)
    fill_rows(table, rows, alignment, tooltips)
    return table


def fill_rows(
    table: QTableWidget,
    rows: Sequence[Sequence[str]],
    alignment: Callable[[int], Qt.AlignmentFlag] | None = None,
    tooltips: bool = False,
) -> None:
    """Make ``rows`` the texts of a :func:`rows_table` (its earlier rows go)."""
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if alignment is not None:
                item.setTextAlignment(alignment(column))
            if tooltips:
                item.setToolTip(text)
            table.setItem(row, column, item)


def configure_table(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(header.defaultAlignment())
    header.setMinimumSectionSize(36)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow column's title ends in …
    view.setStyleSheet(
        "QTableView::item { padding: 3px 8px; } QHeaderView::section { padding: 4px 8px; }"
    )


def fit_columns(table: QTableView, columns: Sequence[Column[Any]], last_room: int = 0) -> None:
    """Fit every column but the last (which stretches) to what it shows.

    A column without a set width fits its widest text. A column with a width keeps
    it: in a wrapping table its text wraps, and texts give way (to at least
    TEXT_COLUMN_LEAST) so the last column keeps ``last_room`` pixels to read; in a
    table that does not wrap a column of figures widens when a figure needs it (1,180.5 pd).
    """
    if not columns:
        return
    wrap = table.wordWrap()
    widths: list[int] = []
    for section, column in enumerate(columns[:-1]):
        if column.width:
            # a figure is never cut; a text ends in "…" and shows whole on hover
            needed = content_width(table, section) if column.numeric and not wrap else 0
            widths.append(max(column.width, needed))
        else:
            widths.append(max(content_width(table, section), header_width(table, section)))
    texts = [i for i, c in enumerate(columns[:-1]) if c.width] if wrap else []
    excess = sum(widths) - (table.viewport().width() - last_room)
    spare = sum(max(0, widths[i] - TEXT_COLUMN_LEAST) for i in texts)
    if excess > 0 and spare:
        for i in texts:
            give = max(0, widths[i] - TEXT_COLUMN_LEAST)
            widths[i] -= min(give, round(excess * give / spare))
    for section, width in enumerate(widths):
        table.setColumnWidth(section, width)
    if wrap:
        table.resizeRowsToContents()  # wrapped texts: rows as tall as at the new widths


def content_width(table: QTableView, section: int) -> int:
    """The width the column's widest text needs, measured on its longest few texts only.

    Measuring every row (``sizeHintForColumn``) costs a delegate size hint per row; the
    texts' lengths in characters pick the few rows worth measuring.
    """
    model = table.model()
    if isinstance(model, RecordTableModel):
        text = model.columns[section].text
        texts = [text(record) for record in model.records()]
    else:
        texts = [str(model.index(row, section).data() or "") for row in range(model.rowCount())]
    longest = heapq.nlargest(SAMPLE_ROWS, range(len(texts)), key=lambda row: len(texts[row]))
    return max(
        (table.sizeHintForIndex(model.index(row, section)).width() for row in longest), default=0
    )


def header_width(table: QTableView, section: int) -> int:
    """The width the column's title needs (0 when the header is hidden)."""
    header = table.horizontalHeader()
    return header.sectionSizeHint(section) if not header.isHidden() else 0


def select_row(table: QTableView, row: int, column: int = 0) -> None:
    """Make ``row`` current and selected, in view; -1 clears the selection."""
    selection = table.selectionModel()
    if row < 0:
        selection.clearSelection()
        return
    index = table.model().index(row, column)
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    selection.setCurrentIndex(index, flags)
    table.scrollTo(index)


def current_key(table: QTableView) -> str | None:
    """The key of the table's current row (its model a :class:`RecordTableModel`), or None."""
    model, index = table.model(), table.currentIndex()
    if not isinstance(model, RecordTableModel) or not index.isValid():
        return None
    return str(model.key_at(index.row())) if index.row() < model.rowCount() else None


def select_key(table: QTableView, key: str | None, column: int = 0) -> str | None:
    """Make the row of ``key`` current (no row when None or not listed); the key it shows."""
    model = table.model()
    row = model.row_of(key) if isinstance(model, RecordTableModel) and key is not None else -1
    select_row(table, row, column)
    return key if row >= 0 else None


Keys = Sequence[str | QKeySequence.StandardKey]
DELETE = QKeySequence.StandardKey.Delete


def shortcut_action(
    owner: QWidget,
    text: str,
    keys: Keys,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> QAction:
    """An action of ``owner`` (a page, a table) that ``keys`` trigger while focus is in it."""
    action = QAction(text, owner)
    sequences: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, str):
            sequences.append(QKeySequence(key))
        else:
            sequences.extend(QKeySequence.keyBindings(key))
    action.setShortcuts(sequences)
    action.setShortcutContext(context)
    owner.addAction(action)
    return action
