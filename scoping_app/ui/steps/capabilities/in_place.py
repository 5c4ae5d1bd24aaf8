"""Editing a few cells of a table in place (F2, double-click, typing over), through the service.

The model never changes itself: an edited cell is reported as (key, field,
value) once the editor has closed, the page runs it as one undoable edit, and
the model is refilled from what was stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate, QWidget

from scoping_app.ui.widgets.record_table import Column, Index, RecordTableModel

T = TypeVar("T")


@dataclass(frozen=True)
class CellEdit(Generic[T]):
    """A column edited in place: the record's field and its current value for the editor."""

    field: str
    value: Callable[[T], Any]
    least: int | None = None  # for whole numbers: the editor's range
    most: int | None = None


class InPlaceModel(RecordTableModel[T]):
    """Rows as read-only text, except the columns given in ``edits``."""

    cell_edited = Signal(str, str, object)  # record key, field, value

    def __init__(
        self, columns: Sequence[Column[T]], edits: dict[int, CellEdit[T]], parent: Any = None
    ) -> None:
        super().__init__(columns, parent)
        self.edits = edits

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self.edits:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.EditRole
            and index.isValid()
            and index.column() in self.edits
            and index.row() < self.rowCount()
        ):
            return self.edits[index.column()].value(self.record(index.row()))
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        edit = self.edits.get(index.column())
        if edit is None or index.row() >= self.rowCount():
            return False
        record = self.record(index.row())
        if value == edit.value(record):
            return False
        key: str = record.key  # type: ignore[attr-defined]  # every listed record has a key
        # after the editor has closed: the edit refills this model
        QTimer.singleShot(0, lambda: self.cell_edited.emit(key, edit.field, value))
        return True


class InPlaceDelegate(QStyledItemDelegate):
    """Editors that fit the column: whole numbers keep to the column's range."""

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        model = index.model()
        edit = getattr(model, "edits", {}).get(index.column())
        if isinstance(editor, QSpinBox) and edit is not None and edit.least is not None:
            editor.setRange(edit.least, edit.most if edit.most is not None else 1_000_000)
            editor.setAccessibleName(edit.field.replace("_", " ").capitalize())
        return editor
