"""The one form pipeline of the window: fields declared once, one commit rule, one message path.

A form is built from field editors (:mod:`scoping_app.ui.widgets.fields`: label,
kind, bounds, help), each laid out with its message under it. A field commits
when the user leaves it, presses Enter (Ctrl+Enter in a long text) or picks a
choice. Before anything is stored the domain model checks the item with the new
value (:func:`refusal`); a value it refuses is said under the field in the words
of :mod:`scoping_app.domain.messages` and nothing is stored. What it takes goes
through ``ProjectSession.apply_or_report`` as one undoable edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain.edits import make_key
from scoping_app.domain.messages import field_messages
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.session import Edit
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.arrange import FORM_FIELD_GAP, FORM_MESSAGE_GAP, form_grid
from scoping_app.ui.widgets.fields import FieldEditor, FieldError
from scoping_app.ui.widgets.tab_order import follow_in_order, tab_chain


def key_following(
    item: Any, title: str, value: Any, placeholder: re.Pattern[str], others: Sequence[str]
) -> dict[str, Any]:
    """The key of a new item follows its first real name ``value``: {"key": …}, else {}.

    Only while the key is still the one its placeholder ``title`` ("New metric 2")
    gave it: "new_metric_2" would be a poor key to keep.
    """
    if not isinstance(value, str) or not value.strip() or value == title:
        return {}
    if not placeholder.fullmatch(title) or item.key != make_key(title, others):
        return {}
    return {"key": make_key(value, others)}


class Apply(Protocol):
    """A page's one path for edits: ``say`` puts a refusal under a field, else a box says it."""

    def __call__(
        self, operation: Edit, label: str, say: Callable[[str], None] | None = None
    ) -> bool: ...


def refusal(item: BaseModel, changes: Mapping[str, Any]) -> dict[str, str]:
    """Why the domain model refuses ``item`` with ``changes``, per field ({} when it takes them)."""
    try:
        type(item).model_validate({**item.model_dump(), **changes})
    except ValidationError as error:
        return field_messages(error) or {"": "is not allowed"}
    return {}


def message_label(parent: QWidget | None = None, *, bold: bool = False) -> QLabel:
    """A hidden, wrapping label for a field's message or a form's warning."""
    label = QLabel(parent)
    label.setWordWrap(True)
    theme.style(label, lambda: theme.text_style(Role.ERROR, bold=bold))
    label.hide()
    return label


_NOTHING = object()


class _WholeWidthArea(QScrollArea):
    """A vertical scroll area never narrower than its widget's least width, as it is now:
    a form that shows its fields only once an item is selected widens it then."""

    def minimumSizeHint(self) -> QSize:
        least = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return least
        width = inner.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(max(least.width(), width), least.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the widget's least width may have changed
        return super().eventFilter(watched, event)


def scrolling(widget: QWidget, whole_width: bool = False) -> QScrollArea:
    """``widget`` in a frameless vertical scroll area (a tab that may be taller than the room);
    ``whole_width``: never narrower than the widget's least width (nothing cut on the right)."""
    area = _WholeWidthArea() if whole_width else QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class ItemForm(QWidget):
    """The fields of the selected item, in a form; each field's message is shown beside it."""

    field_committed = Signal(str)  # field name

    def __init__(
        self, fields: Sequence[FieldEditor], empty_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self._shown_key: str | None = None
        self._shown_item: Any = None
        self._committed: dict[str, Any] = {}  # each field's value when the user last left it
        self.errors: dict[str, QLabel] = {}
        self.notice = QLabel()
        self.notice.setObjectName("formNotice")
        self.notice.setWordWrap(True)
        theme.style(self.notice, lambda: theme.notice_style() + " padding: 5px 7px;")
        self.notice.hide()
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text);")

        # a grid, not a QFormLayout: it gives a wrapped message under a field all its lines
        form = form_grid()
        line_height = QLineEdit().sizeHint().height()
        lines: list[tuple[QHBoxLayout, QVBoxLayout, list[FieldEditor]]] = []
        for field in fields:
            error = QLabel()
            error.setWordWrap(True)
            theme.style(error, lambda: theme.text_style(Role.ERROR))
            error.setAccessibleName(f"{field.label}: problem")
            error.hide()
            self.errors[field.name] = error
            label = QLabel(f"{field.caption}:")
            label.setBuddy(field.focus_widgets[0])
            field.committed.connect(lambda name=field.name: self._on_committed(name))
            if field.beside and lines:
                # on the row of the field before, after its own label; its message under the row
                line, cell_layout, placed = lines[-1]
                line.addSpacing(FORM_FIELD_GAP)
                line.addWidget(label)
                line.addWidget(field.widget)
                cell_layout.addWidget(error)
                placed.append(field)
                continue
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(FORM_MESSAGE_GAP)
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(field.widget)
            cell_layout.addLayout(line)
            cell_layout.addWidget(error)
            lines.append((line, cell_layout, [field]))
            # the label faces the field's first line
            label.setMinimumHeight(line_height)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row = form.rowCount()
            form.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            form.addWidget(cell, row, 1)
        for line, _cell, placed in lines:
            wide = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
            if len(placed) > 1 and not any(
                f.widget.sizePolicy().horizontalPolicy() in wide for f in placed
            ):
                line.addStretch(1)  # short fields side by side keep to the left

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

        self.focus_chain = tab_chain(fields)
        follow_in_order(self.focus_chain)

    def show_item(
        self, item: Any, project: Project, same_item: bool | None = None, notice: str = ""
    ) -> None:
        """Fill the fields from ``item``; on the same item a field in error keeps its text,
        and so does the field being typed in (another client's change shown meanwhile
        never takes what the user is typing).

        Unless told, the item is the same when it has the key of the one shown before.
        """
        key = getattr(item, "key", None)
        if same_item is None:
            same_item = item is not None and key == self._shown_key
        shown, self._shown_item = self._shown_item, item
        self._shown_key = key
        self.empty.setVisible(item is None and bool(self.empty.text()))
        if self._fields_box.isHidden() == (item is not None):
            self._fields_box.setVisible(item is not None)
            self.updateGeometry()  # shown on a page not yet on screen: the page must make room
        if item is None:
            return
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        for name, field in self.fields.items():
            if same_item and (not self.errors[name].isHidden() or self._being_typed(field, shown)):
                continue
            self.errors[name].hide()
            field.load(item, project)

    def _on_committed(self, name: str) -> None:
        try:
            self._committed[name] = self.fields[name].value()
        except (FieldError, RuntimeError):
            self._committed.pop(name, None)
        self.field_committed.emit(name)

    def _being_typed(self, field: FieldEditor, shown: Any) -> bool:
        """Whether the user is typing in ``field``: it has the focus and holds a value
        other than the one it showed for ``shown`` and than the one last committed (or a
        text that is no value yet)."""
        if shown is None or not any(widget.hasFocus() for widget in field.focus_widgets):
            return False
        try:
            value = field.value()
            typed = bool(value != getattr(shown, field.name))
        except FieldError:
            return True  # a half-typed number
        except AttributeError:
            return False  # a field that does not hold one attribute of the item
        committed = self._committed.get(field.name, _NOTHING)
        return typed and (committed is _NOTHING or bool(committed != value))

    def set_error(self, name: str, message: str) -> None:
        error = self.errors[name]
        error.setText(f"⚠ {message}" if message else "")
        error.setVisible(bool(message))

    def error_text(self, name: str) -> str:
        error = self.errors[name]
        return "" if error.isHidden() else error.text().removeprefix("⚠ ")


Store = Callable[[dict[str, Any], Callable[[str], None]], bool]


def commit_edit(
    form: ItemForm,
    name: str,
    item: BaseModel,
    store: Store,
    *,
    follows: Callable[[Any], dict[str, Any]] | None = None,
    ranges: Mapping[str, str] | None = None,
) -> bool:
    """The one commit rule: the field ``name`` of ``item`` as the user left it in ``form``.

    A text that cannot be a value, or a value the domain model refuses, is said
    under the field (the field's range in ``ranges`` where the model says "must
    be at…") and nothing is stored; an unchanged value stores nothing. Else
    ``store(changes, say)`` runs the one undoable edit (``follows`` adds the
    fields that follow the value, e.g. a new item's key), ``say`` putting a
    refusal of the service under the field. True when an edit was stored.
    """
    field = form.fields[name]
    try:
        value = field.value()
    except FieldError as error:
        form.set_error(name, str(error))
        return False
    except RuntimeError:  # a field left focus while the window was being torn down
        return False
    changes = {name: value, **(follows(value) if follows else {})}
    say = partial(form.set_error, name)
    return commit_changes(item, changes, store, say, ranges.get(name) if ranges else None)


def commit_changes(
    item: BaseModel,
    changes: dict[str, Any],
    store: Store,
    say: Callable[[str], None],
    out_of_range: str | None = None,
) -> bool:
    """Commit ``changes`` to ``item``: refused by the model, said by ``say`` (or
    ``out_of_range`` where the model says "must be at…"); unchanged, nothing; else stored."""
    messages = refusal(item, changes)
    if messages:
        first = next(iter(changes))
        message = messages.get(first) or next(iter(messages.values()))
        if out_of_range and first in messages and message.startswith("must be at"):
            message = out_of_range
        say(message)
        return False
    say("")
    if all(getattr(item, changed) == new for changed, new in changes.items()):
        return False
    return store(changes, say)
