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
from itertools import pairwise
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import edits
from scoping_app.domain.model import Project
from scoping_app.domain.validation import ProjectInvalid
from scoping_app.services.projects import ServiceError
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.widgets.fields import (
    KEY_TOOLTIP,
    WARNING_RED,
    ComputedField,
    FieldEditor,
    FieldError,
    LineField,
    TextField,
)
from scoping_app.ui.widgets.record_table import Column, Index, RecordTableModel
from scoping_app.ui.widgets.tables import configure_table

MIME_TYPE = "application/x-scoping-item-key"
LAST_COLUMN_ROOM = 150  # pixels the last (stretching) column keeps at least, when it can
TEXT_COLUMN_LEAST = 90
CELL_PADDING = 18  # the table's item padding, left and right (widgets.tables), and a margin
ERROR_STYLE = f"color: {WARNING_RED};"
KEY_WORDS = "use 1 to 64 of a-z, 0-9, _ and -"
NOTICE_STYLE = (
    "background: #fff4e5; border: 1px solid #f0c890; border-radius: 4px;"
    " padding: 5px 7px; color: #5b3a00;"
)


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

    def key_at(self, row: int) -> str:
        return str(self.record(row).key)

    def row_of(self, key: str | None) -> int:
        for row, record in enumerate(self.records()):
            if record.key == key:
                return row
        return -1

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
    """A table that says when its width changed (its columns are fitted to it)."""

    resized = Signal()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.resized.emit()


class ItemForm(QWidget):
    """The fields of the selected item, in a form; each field's message is shown beside it."""

    field_committed = Signal(str)  # field name

    def __init__(
        self, fields: Sequence[FieldEditor], empty_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self.errors: dict[str, QLabel] = {}
        self.notice = QLabel()
        self.notice.setObjectName("formNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")

        form = QFormLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for field in fields:
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(field.widget)
            error = QLabel()
            error.setWordWrap(True)
            error.setStyleSheet(ERROR_STYLE)
            error.setAccessibleName(f"{field.label}: problem")
            error.hide()
            cell_layout.addWidget(error)
            self.errors[field.name] = error
            label = QLabel(f"{field.label}:")
            label.setBuddy(field.focus_widgets[0])
            form.addRow(label, cell)
            field.committed.connect(lambda name=field.name: self.field_committed.emit(name))

        self._fields_box = QWidget()
        box_layout = QVBoxLayout(self._fields_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.notice)
        box_layout.addLayout(form)
        box_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self._fields_box, 1)
        self._fields_box.hide()

        self.focus_chain = [
            w for f in fields if not isinstance(f, ComputedField) for w in f.focus_widgets
        ]

    def show_item(self, item: Any, project: Project, same_item: bool, notice: str = "") -> None:
        """Fill the fields from ``item``; on the same item a field in error keeps its text."""
        self.empty.setVisible(item is None)
        self._fields_box.setVisible(item is not None)
        if item is None:
            return
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        for name, field in self.fields.items():
            if same_item and not self.errors[name].isHidden():
                continue
            self.errors[name].hide()
            field.load(item, project)

    def set_error(self, name: str, message: str) -> None:
        error = self.errors[name]
        error.setText(f"⚠ {message}" if message else "")
        error.setVisible(bool(message))

    def error_text(self, name: str) -> str:
        error = self.errors[name]
        return "" if error.isHidden() else error.text().removeprefix("⚠ ")


def describe(error: ValidationError, words: Callable[[str], str]) -> dict[str, str]:
    """A pydantic error per field, in the product lead's words ("must be between 1 and 5")."""
    messages: dict[str, str] = {}
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        kind = problem["type"]
        context = problem.get("ctx") or {}
        message = str(problem["msg"]).removeprefix("Value error, ")
        if kind == "string_too_short":
            message = "must not be empty"
        elif kind == "string_too_long":
            message = f"must be at most {context.get('max_length')} characters"
        elif kind == "greater_than_equal":
            message = f"must be at least {context.get('ge')}"
        elif kind == "greater_than":
            message = f"must be more than {context.get('gt')}"
        elif kind == "less_than_equal":
            message = f"must be at most {context.get('le')}"
        elif kind.startswith(("int_", "float_")):
            message = "must be a number"
        elif kind == "string_pattern_mismatch":
            message = KEY_WORDS
        messages.setdefault(field, message)
    return messages


class ListEditor(QWidget):
    """Table + form over ``project.<list_name>``; every edit is one undoable service call.

    Arguments:
        session: the open project; edits go through ``session.apply``.
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

    item_selected = Signal(object)  # key or None

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
        self._ranges = ranges or {}
        self._project: Project | None = None
        self._shown_key: str | None = None
        self._last_column_room = last_column_room
        # every item has a key (used in files and references): last in the form, and editable
        key_field = LineField(
            "key",
            "Key",
            strip=True,
            max_length=64,
            words="key",
            tooltip=KEY_TOOLTIP,
        )
        fields = [*fields, key_field]

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
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
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
        self.status.setStyleSheet(ERROR_STYLE)
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

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table, 1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_box = QWidget()
        form_layout = QVBoxLayout(form_box)
        form_layout.setContentsMargins(8, 0, 4, 0)
        self.form_title = QLabel(f"Selected {item_word}")
        font = self.form_title.font()
        font.setBold(True)
        self.form_title.setFont(font)
        form_layout.addWidget(self.form_title)
        form_layout.addWidget(self.form, 1)
        scroll.setWidget(form_box)
        # the form is never cut off on the right: the splitter cannot squeeze it below its least
        scroll.setMinimumWidth(
            form_box.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        )
        self.scroll = scroll

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([1000 - form_width, form_width])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.add_action = self._action(f"Add {item_word}", ["Ins", "Ctrl+N"], self)
        self.delete_action = self._action(f"Delete {item_word}", ["Del"], self.table)
        self.up_action = self._action("Move up", ["Ctrl+Up"], self.table)
        self.down_action = self._action("Move down", ["Ctrl+Down"], self.table)

        # Tab runs from the table down the form, field by field (set once everything is placed)
        chain = [self.table, *self.form.focus_chain]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

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

    def _action(self, text: str, keys: list[str], owner: QWidget) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        owner.addAction(action)
        return action

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
        """Figures fit their widest text; texts (columns with a width) wrap, and give way so
        the last column keeps room to read, whatever the window's width."""
        columns = self.model.columns
        if not columns:
            return
        widths: list[int] = []
        for section, column in enumerate(columns[:-1]):
            if column.width:
                widths.append(column.width)
            else:
                self.table.resizeColumnToContents(section)
                widths.append(self.table.columnWidth(section))
        room = self.table.viewport().width() - self._last_column_room
        texts = [i for i, c in enumerate(columns[:-1]) if c.width]
        excess = sum(widths) - room
        if excess > 0 and texts:
            spare = sum(max(0, widths[i] - TEXT_COLUMN_LEAST) for i in texts)
            for i in texts:
                give = max(0, widths[i] - TEXT_COLUMN_LEAST)
                widths[i] -= min(give, round(excess * give / spare)) if spare else 0
        for section, width in enumerate(widths):
            self.table.setColumnWidth(section, width)
        self.table.resizeRowsToContents()  # wrapped texts: rows as tall as at the new widths

    def selected_key(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.key_at(index.row())

    def select(self, key: str | None) -> None:
        """Make ``key`` the current item: its row is selected and the form shows it."""
        row = self.model.row_of(key) if key is not None else -1
        selection = self.table.selectionModel()
        if row >= 0:
            index = self.model.index(row, 0)
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            selection.setCurrentIndex(index, flags)
            self.table.scrollTo(index)
        else:
            selection.clearSelection()
        self._show_current(key if row >= 0 else None)

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

    def apply(self, operation: Callable[[Project], object], label: str) -> str:
        """Run an edit; '' when stored (or nothing changed), else why it was refused."""
        try:
            self.session.apply(operation, label)
        except (ProjectInvalid, ServiceError, ValueError) as error:
            return str(error)
        return ""

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
        problem = self.apply(
            lambda p: edits.add_item(p, self.list_name, item, index),
            f"Add {self.item_word} {name}",
        )
        self.status.setText(problem)
        if not problem:
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
        problem = self.apply(
            lambda p: edits.delete_item(p, self.list_name, key),
            f"Delete {self.item_word} {title}",
        )
        self.status.setText(problem)
        if not problem and self.model.rowCount():
            self.select(self.model.key_at(min(row, self.model.rowCount() - 1)))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def move_selected(self, step: int) -> None:
        key = self.selected_key()
        if key is None or not self.model.movable:
            return
        self.move(key, self.model.row_of(key) + step)

    def _on_move_requested(self, key: str, index: int) -> None:
        self.move(key, index)

    def move(self, key: str, index: int) -> None:
        source = self.model.row_of(key)
        if not 0 <= index < self.model.rowCount() or index == source:
            return
        title = self._title(self.item(key))
        if abs(index - source) == 1:
            label = f"Move {self.item_word} {title} {'up' if index < source else 'down'}"
        else:
            label = f"Move {self.item_word} {title} to position {index + 1}"
        problem = self.apply(lambda p: edits.move_item(p, self.list_name, key, index), label)
        self.status.setText(problem)
        if not problem:
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
        field = self.fields[name]
        try:
            value = field.value()
        except FieldError as error:
            self.form.set_error(name, str(error))
            return
        except RuntimeError:  # a field left focus while the window was being torn down
            return
        changes: dict[str, Any] = {name: value}
        if (
            name == self.title_field
            and isinstance(value, str)
            and value.strip()
            and value != self._title(item)
            and self._placeholder.fullmatch(self._title(item))
        ):
            # a new item's key came from the placeholder name; it follows the first real name
            others = [i.key for i in self.items(self._project) if i.key != key]
            if key == edits.make_key(self._title(item), others):
                changes["key"] = edits.make_key(value, others)
        try:
            type(item).model_validate({**item.model_dump(), **changes})
        except ValidationError as error:
            messages = describe(error, lambda f: f)
            message = messages.get(name) or next(iter(messages.values()), "is not allowed")
            if name in self._ranges and name in messages and message.startswith("must be at"):
                message = self._ranges[name]
            self.form.set_error(name, message)
            return
        if all(getattr(item, field_name) == new for field_name, new in changes.items()):
            self.form.set_error(name, "")
            return
        title = self._title(item)
        self.form.set_error(name, "")
        problem = self.apply(
            lambda p: edits.set_fields(p, self.list_name, key, **changes),
            f"Change {field.words} of {title}",
        )
        if problem:
            self.form.set_error(name, problem)
        if not problem and "key" in changes:
            self.select(changes["key"])
