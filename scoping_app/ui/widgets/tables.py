"""Table views set up the same way everywhere: whole rows, no grid clutter, widths that read."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from scoping_app.ui.widgets.record_table import RecordTableModel


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
    view.setStyleSheet(
        "QTableView::item { padding: 3px 8px; } QHeaderView::section { padding: 4px 8px; }"
    )
