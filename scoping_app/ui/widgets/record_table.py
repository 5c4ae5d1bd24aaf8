"""A read-only table model over a list of domain records, described by its columns.

Every model of the window finds a record's row the same way: :func:`row_of`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from scoping_app.ui import theme
from scoping_app.ui.theme import Role

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def row_of(records: Iterable[T], key: object, key_of: Callable[[T], object]) -> int:
    """The row of the first record whose key (``key_of``) is ``key``, or -1 when none is."""
    return next((row for row, record in enumerate(records) if key_of(record) == key), -1)


def _changed_run(old: Sequence[object], new: Sequence[object]) -> tuple[int, int, int]:
    """Where two key lists differ: ``old[start:old_end]`` became ``new[start:new_end]``."""
    start = 0
    shortest = min(len(old), len(new))
    while start < shortest and old[start] == new[start]:
        start += 1
    old_end, new_end = len(old), len(new)
    while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
        old_end, new_end = old_end - 1, new_end - 1
    return start, old_end, new_end


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header, the text of a record in it, and how it reads."""

    title: str
    text: Callable[[T], str]
    numeric: bool = False
    tooltip: str = ""
    width: int = 0  # preferred width in pixels; 0 lets the view decide
    colour: Callable[[T], Role | None] | None = None  # a warning colour for the cell, or None
    hint: Callable[[T], str] | None = None  # a cell's tooltip when not its text


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are records (pydantic models, summaries…); nothing here is editable.

    ``key_of`` names a record (its ``key`` unless told otherwise) for :meth:`row_of`.
    """

    def __init__(
        self,
        columns: Sequence[Column[T]],
        parent: Any = None,
        key_of: Callable[[T], Any] = attrgetter("key"),
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._key_of = key_of

    @property
    def columns(self) -> list[Column[T]]:
        return self._columns

    def set_rows(self, rows: Sequence[T], columns: Sequence[Column[T]] | None = None) -> None:
        """Show ``rows``; ``columns`` replaces the columns (same count: they read the project).

        Rows with the same keys as before are updated in place, and rows added or
        removed in one run are inserted or removed, so that the view keeps its
        selection and its row sizes; any other change resets the model.
        """
        new_rows = list(rows)
        if columns is not None and len(columns) != len(self._columns):
            self.beginResetModel()
            self._rows, self._columns = new_rows, list(columns)
            self.endResetModel()
            return
        if columns is not None:
            self._columns = list(columns)
        old_keys = [self._key_of(record) for record in self._rows]
        new_keys = [self._key_of(record) for record in new_rows]
        start, old_end, new_end = _changed_run(old_keys, new_keys)
        if old_end > start and new_end > start:  # a run replaced by another: no row follows
            self.beginResetModel()
            self._rows = new_rows
            self.endResetModel()
            return
        if old_end > start:
            self.beginRemoveRows(QModelIndex(), start, old_end - 1)
            self._rows = new_rows
            self.endRemoveRows()
        elif new_end > start:
            self.beginInsertRows(QModelIndex(), start, new_end - 1)
            self._rows = new_rows
            self.endInsertRows()
        self._rows = new_rows
        if new_rows and self._columns:
            # a record's texts may read others (names of what it requires): all rows say so
            last = self.index(len(new_rows) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def record(self, row: int) -> T:
        return self._rows[row]

    def records(self) -> list[T]:
        return list(self._rows)

    def row_of(self, key: object) -> int:
        """The row showing the record named ``key``, or -1."""
        return row_of(self._rows, key, self._key_of)

    def key_at(self, row: int) -> Any:
        return self._key_of(self._rows[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self._columns[index.column()]
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and column.hint is not None:
            return column.hint(record)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column.numeric else LEFT)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(record)
            return QBrush(theme.color(colour)) if colour else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tooltip or column.title  # a title cut short, whole
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(RIGHT if column.numeric else LEFT)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
