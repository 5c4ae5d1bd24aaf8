"""A generic editor of one project list: a table over the items, a form for the selected one.

Every change is one undoable service edit through :meth:`ProjectSession.apply`,
named for the Edit menu ("Change target of Tickets answered without an agent"):
adding (button, Ins, Ctrl+N), deleting (Del; Undo brings it back, so nothing
asks first), moving (drag in the table, Ctrl+Up/Ctrl+Down, the move buttons)
and each field of the form, committed when the user leaves it or presses Enter.
A value the project refuses is explained beside its field and stays there, as
typed, for the user to correct; nothing is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import edits
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.session import Edit, ProjectSession
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.arrange import panes, stacked
from scoping_app.ui.widgets.fields import FieldEditor, LineField, TextField, key_field
from scoping_app.ui.widgets.form import ItemForm, commit_edit, key_following, scrolling
from scoping_app.ui.widgets.record_table import Column, Index, RecordTableModel
from scoping_app.ui.widgets.row_heights import VisibleRowHeights
from scoping_app.ui.widgets.tab_order import follow_in_order
from scoping_app.ui.widgets.tables import (
    configure_table,
    current_key,
    fit_columns,
    select_key,
    shortcut_action,
)

MIME_TYPE = "application/x-scoping-item-key"
LAST_COLUMN_ROOM = 150  # pixels the last (stretching) column keeps at least, when it can
CELL_PADDING = 18  # the table's item padding, left and right (widgets.tables), and a margin


@dataclass(frozen=True)
class MarkedColumn(Column[Any]):
    """A column that can flag a record: a warning icon in the cell, the reason in its tooltip."""

    mark: Callable[[Any], str | None] | None = None


class ListEditorModel(RecordTableModel[Any]):
    """Rows of one project list, with warning marks, groups, and drag-to-move by key.

    ``group`` (optional) names the group of a record; the first column then shows
    it once, in bold, on the first row of each group (rows must come grouped).
    """

    move_requested = Signal(str, int)  # item key, index in the list to move it to
    title_edited = Signal(str, str)  # item key, the title typed in place

    def __init__(
        self,
        columns: Sequence[Column[Any]],
        parent: Any = None,
        group: Callable[[Any], str] | None = None,
        movable: bool = True,
        title_field: str = "name",
    ) -> None:
        super().__init__(columns, parent)
        self._group = group
        self.movable = movable
        self.title_field = title_field
        # the title is edited in place (F2, double-click); a grouped table shows it second
        self.title_column = 1 if group is not None else 0

    def _first_of_group(self, row: int) -> bool:
        assert self._group is not None
        return row == 0 or self._group(self.record(row - 1)) != self._group(self.record(row))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        column = self.columns[index.column()]
        record = self.record(index.row())
        grouped = self._group is not None and index.column() == 0
        if grouped and role == Qt.ItemDataRole.DisplayRole:
            # mypy does not narrow the optional attribute ``_group`` through ``grouped``.
            return self._group(record) if self._first_of_group(index.row()) else ""  # type: ignore[misc]
        if grouped and role == Qt.ItemDataRole.FontRole and self._first_of_group(index.row()):
            font = QApplication.font()
            font.setBold(True)
            return font
        mark = column.mark(record) if isinstance(column, MarkedColumn) and column.mark else None
        if role == Qt.ItemDataRole.DecorationRole and mark:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ToolTipRole:
            # mypy does not narrow the optional attribute ``_group`` through ``grouped``.
            text = self._group(record) if grouped else column.text(record)  # type: ignore[misc]
            return f"{text}\n{mark}" if mark else text
        if role == Qt.ItemDataRole.EditRole and index.column() == self.title_column:
            return getattr(record, self.title_field)
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if index.column() != self.title_column or index.row() >= self.rowCount():
            return False
        record = self.record(index.row())
        if value == getattr(record, self.title_field):
            return False
        key, text = str(record.key), str(value)
        # stored once the cell editor has closed: the edit refills this model
        QTimer.singleShot(0, lambda: self.title_edited.emit(key, text))
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.movable else Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        if self.movable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if index.column() == self.title_column:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        valid = [i for i in indexes if i.isValid()]
        if valid:
            data.setData(MIME_TYPE, QByteArray(self.key_at(valid[0].row()).encode("utf-8")))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask for the move (the project changes through the service, then the rows follow).

        Returns False so the view never removes a row itself.
        """
        if not self.movable or action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        key = bytes(data.data(MIME_TYPE).data()).decode("utf-8")
        source = self.row_of(key)
        if source < 0:
            return False
        if row < 0:
            target = parent.row() if parent.isValid() else self.rowCount() - 1
        else:
            target = row - 1 if row > source else row
        if target != source:
            self.move_requested.emit(key, target)
        return False


class _WrapDelegate(QStyledItemDelegate):
    """Rows tall enough for their wrapped text: the cell's padding narrows the text's width."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        narrower = QStyleOptionViewItem(option)
        narrower.rect = option.rect.adjusted(0, 0, -CELL_PADDING, 0)
        return super().sizeHint(narrower, index)


class _Table(QTableView):
    """A table that says when its width changed (its columns are fitted to it), its rows as
    tall as their wrapped text, measured for the rows on screen only."""

    resized = Signal()
    row_heights: VisibleRowHeights | None = None

    def resizeRowsToContents(self) -> None:
        if self.row_heights is None:
            super().resizeRowsToContents()
        else:
            self.row_heights.refit()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.resized.emit()


class ListEditor(QWidget):
    """Table + form over ``project.<list_name>``; every edit is one undoable service call.

    Arguments:
        session: the open project; edits go through ``session.apply_or_report``.
        list_name: the project's list ("metrics").
        item_word: what one item is called in labels ("metric").
        columns: the table's columns (a :class:`MarkedColumn` can flag a row).
        fields: the form's field editors, in Tab order (the item's Key is added last).
        new_item: makes a new item from (key, name).
        title_field: the field that names an item in labels and that new keys follow.
        new_name: the placeholder name of a new item ("New metric").
        order: the rows' order for the table (default: the list's own order); a
            custom order turns moving off.
        group: the group name of an item, shown once per group in the first column.
        notice: a warning about the selected item, shown above the form ("Not measurable: …").
        ranges: a field's allowed range in words, used when the model refuses a value
            out of it ({"quality": "must be between 1 and 5"}).
        form_width: the form's width at first; last_column_room: the least width the
            table's last column keeps when texts give way.
    """

    def __init__(
        self,
        session: ProjectSession,
        list_name: str,
        item_word: str,
        columns: Sequence[Column[Any]],
        fields: Sequence[FieldEditor],
        new_item: Callable[[str, str], BaseModel],
        *,
        title_field: str = "name",
        new_name: str = "",
        order: Callable[[Sequence[Any]], list[Any]] | None = None,
        group: Callable[[Any], str] | None = None,
        notice: Callable[[Any, Project], str] | None = None,
        ranges: dict[str, str] | None = None,
        form_width: int = 380,
        last_column_room: int = LAST_COLUMN_ROOM,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.list_name = list_name
        self.item_word = item_word
        self._new_item = new_item
        self.title_field = title_field
        self.new_name = new_name or f"New {item_word}"
        self._placeholder = re.compile(rf"{re.escape(self.new_name)}( [0-9]+)?")
        self._order = order
        self._notice = notice
        self.ranges = ranges or {}
        self._project: Project | None = None
        self._shown_key: str | None = None
        self._last_column_room = last_column_room
        # every item has a key (used in files and references): last in the form, and editable
        fields = [*fields, key_field()]

        self.model = ListEditorModel(
            columns, self, group=group, movable=order is None, title_field=title_field
        )
        self.model.title_edited.connect(self._on_title_edited)
        self.table = _Table(self)
        self.table.setModel(self.model)
        self.table.resized.connect(self._fit_columns)
        self.table.setItemDelegate(_WrapDelegate(self.table))
        configure_table(self.table)
        self.table.setAccessibleName(f"{item_word.capitalize()} list")
        # long texts wrap over several lines, each row as tall as its text
        self.table.setWordWrap(True)
        self.table.row_heights = VisibleRowHeights(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        if self.model.movable:
            self.table.setDragEnabled(True)
            self.table.setAcceptDrops(True)
            self.table.setDropIndicatorShown(True)
            self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
            self.table.setDefaultDropAction(Qt.DropAction.MoveAction)

        self.add_button = QPushButton(f"Add {item_word}", self)
        self.add_button.setToolTip(f"Add a {item_word} (Ins or Ctrl+N)")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip(f"Delete the selected {item_word} (Del); Undo brings it back")
        self.up_button = QPushButton("Move up", self)
        self.up_button.setToolTip("Move the selected row up (Ctrl+Up), or drag it in the table")
        self.down_button = QPushButton("Move down", self)
        self.down_button.setToolTip("Move the selected row down (Ctrl+Down)")
        self.status = QLabel(self)
        theme.style(self.status, lambda: theme.text_style(Role.ERROR))
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        if self.model.movable:
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
        else:
            self.up_button.hide()
            self.down_button.hide()
        buttons.addSpacing(8)
        buttons.addWidget(self.status, 1)

        self.form = ItemForm(fields, f"Select a {item_word} in the table, or add one.", self)
        self.fields = self.form.fields

        left = stacked(buttons, (self.table, 1), parent=self)

        form_box = QWidget()
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(8, 0, 4, 0)
        self.form_title = QLabel(f"Selected {item_word}")
        font = self.form_title.font()
        font.setBold(True)
        self.form_title.setFont(font)
        form_layout.addWidget(self.form_title)
        form_layout.addWidget(self.form, 1)
        # the form is never cut off on the right: the splitter cannot squeeze it below its least
        scroll = scrolling(form_box, whole_width=True)
        self.form_area = scroll

        self.splitter = panes(
            self,
            [left, scroll],
            [1000 - form_width, form_width],
            (1, 0),
            remember_as=f"{list_name}/form",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.add_action = shortcut_action(self, f"Add {item_word}", ["Ins", "Ctrl+N"])
        self.delete_action = shortcut_action(self.table, f"Delete {item_word}", ["Del"])
        self.up_action = shortcut_action(self.table, "Move up", ["Ctrl+Up"])
        self.down_action = shortcut_action(self.table, "Move down", ["Ctrl+Down"])

        # Tab runs from the table down the form, field by field (set once everything is placed)
        follow_in_order([self.table, *self.form.focus_chain])

        self.add_action.triggered.connect(self.add_item)
        self.add_button.clicked.connect(self.add_item)
        self.delete_action.triggered.connect(self.delete_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_action.triggered.connect(lambda: self.move_selected(-1))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_action.triggered.connect(lambda: self.move_selected(1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.model.move_requested.connect(self._on_move_requested)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.form.field_committed.connect(self._on_field_committed)

    # showing the project

    def items(self, project: Project | None = None) -> list[Any]:
        return list(getattr(project or self.session.project, self.list_name))

    def item(self, key: str | None) -> Any:
        return next((i for i in self.items(self._project) if i.key == key), None)

    def show_project(self, project: Project, columns: Sequence[Column[Any]] | None = None) -> None:
        """Show ``project``'s list (``columns`` replace the columns: they may read the project)."""
        key = self.selected_key()
        self._project = project
        rows = self.items(project)
        self.model.set_rows(self._order(rows) if self._order else rows, columns)
        if key is None or self.model.row_of(key) < 0:
            key = self.model.key_at(0) if self.model.rowCount() else None
        self._fit_columns()
        self.select(key)
        count = self.model.rowCount()
        self.delete_button.setEnabled(count > 0)
        self.up_button.setEnabled(count > 1)
        self.down_button.setEnabled(count > 1)

    def _fit_columns(self) -> None:
        fit_columns(self.table, self.model.columns, self._last_column_room)

    def selected_key(self) -> str | None:
        return current_key(self.table)

    def select(self, key: str | None) -> None:
        """Make ``key`` the current item: its row is selected and the form shows it."""
        self._show_current(select_key(self.table, key))

    def _show_current(self, key: str | None) -> None:
        if self._project is None:
            return
        item = self.item(key)
        same = key is not None and key == self._shown_key
        self._shown_key = key
        notice = self._notice(item, self._project) if item is not None and self._notice else ""
        self.form.show_item(item, self._project, same, notice)

    def _on_current_row_changed(self, _current: object, _previous: object) -> None:
        self._show_current(self.selected_key())

    # edits: each is one undoable service call

    def apply(self, operation: Edit, label: str, say: Callable[[str], None] | None = None) -> bool:
        """Run an edit; a refusal is said by ``say`` (the status line unless told)."""
        say = say or self.status.setText
        say("")
        return self.session.apply_or_report(operation, label, say) is not None

    def _title(self, item: Any) -> str:
        return str(getattr(item, self.title_field))

    def add_item(self) -> None:
        project = self.session.project
        items = self.items(project)
        titles = {self._title(i) for i in items}
        name, number = self.new_name, 2
        while name in titles:
            name, number = f"{self.new_name} {number}", number + 1
        key = edits.make_key(name, (i.key for i in items))
        item = self._new_item(key, name)
        row = self.table.currentIndex().row()
        # a new item goes below the selected one in an ordered list, else at the end
        index = row + 1 if self.model.movable and row >= 0 else None
        if self.apply(
            lambda p: edits.add_item(p, self.list_name, item, index),
            f"Add {self.item_word} {name}",
        ):
            self.select(key)
            field = self.fields.get(self.title_field)
            if field is not None:
                field.set_focus()

    def delete_selected(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        row = self.model.row_of(key)
        title = self._title(self.item(key))
        stored = self.apply(
            lambda p: edits.delete_item(p, self.list_name, key),
            f"Delete {self.item_word} {title}",
        )
        if stored and self.model.rowCount():
            self.select(self.model.key_at(min(row, self.model.rowCount() - 1)))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_selected(self, step: int) -> None:
        key = self.selected_key()
        if key is None or not self.model.movable:
            return
        self.move_item(key, self.model.row_of(key) + step)

    def _on_move_requested(self, key: str, index: int) -> None:
        self.move_item(key, index)

    def move_item(self, key: str, index: int) -> None:
        source = self.model.row_of(key)
        if not 0 <= index < self.model.rowCount() or index == source:
            return
        title = self._title(self.item(key))
        if abs(index - source) == 1:
            label = f"Move {self.item_word} {title} {'up' if index < source else 'down'}"
        else:
            label = f"Move {self.item_word} {title} to position {index + 1}"
        if self.apply(lambda p: edits.move_item(p, self.list_name, key, index), label):
            self.select(key)

    def _on_title_edited(self, key: str, text: str) -> None:
        """A title typed in the table goes through the form's field, as if typed there."""
        self.select(key)
        field = self.fields[self.title_field]
        if not isinstance(field, LineField | TextField):
            return
        if isinstance(field, LineField):
            field.edit.setText(text)
        else:
            field.edit.setPlainText(text)
        self._on_field_committed(self.title_field)

    def _on_field_committed(self, name: str) -> None:
        key = self._shown_key
        item = self.item(key)
        if item is None or key is None:
            return
        label = f"Change {self.fields[name].words} of {self._title(item)}"

        def store(changes: dict[str, Any], say: Callable[[str], None]) -> bool:
            stored = self.apply(
                lambda p: edits.set_fields(p, self.list_name, key, **changes), label, say
            )
            if stored and "key" in changes:
                self.select(changes["key"])
            return stored

        commit_edit(
            self.form,
            name,
            item,
            store,
            follows=lambda value: self._key_following(item, name, value),
            ranges=self.ranges,
        )

    def _key_following(self, item: Any, name: str, value: Any) -> dict[str, Any]:
        if name != self.title_field:
            return {}
        others = [i.key for i in self.items(self._project) if i.key != item.key]
        return key_following(item, self._title(item), value, self._placeholder, others)
