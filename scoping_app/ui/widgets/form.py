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

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from scoping_app.domain.messages import field_messages
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.fields import ComputedField, FieldEditor


def refusal(item: BaseModel, changes: Mapping[str, Any]) -> dict[str, str]:
    """Why the domain model refuses ``item`` with ``changes``, per field ({} when it takes them)."""
    try:
        type(item).model_validate({**item.model_dump(), **changes})
    except ValidationError as error:
        return field_messages(error) or {"": "is not allowed"}
    return {}


def not_saved(words: str, message: str) -> str:
    """A refused value said in a form that has one message line: "Not saved: the key must …"."""
    return f"Not saved: the {words} {message}."


def show_message(label: QLabel, text: str) -> None:
    """Say ``text`` in a message label; an empty text hides it."""
    label.setText(text)
    label.setVisible(bool(text))


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless vertical scroll area (a tab that may be taller than the room)."""
    area = QScrollArea()
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
        self.errors: dict[str, QLabel] = {}
        self.notice = QLabel()
        self.notice.setObjectName("formNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(theme.notice_style() + " padding: 5px 7px;")
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
            error.setStyleSheet(theme.text_style(Role.ERROR))
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


def commit_field(
    item: BaseModel,
    field: str,
    value: Any,
    words: str,
    message: QLabel,
    store: Callable[[], bool],
) -> bool:
    """Commit one field of a form with one message line, the way every form does.

    An unchanged value stores nothing; a value the model refuses is said in
    ``message`` ("Not saved: the key must use …") and stores nothing; else
    ``store`` runs the edit. True when an edit was stored.
    """
    if value == getattr(item, field):
        show_message(message, "")
        return False
    refused = refusal(item, {field: value})
    if refused:
        show_message(message, not_saved(words, refused.get(field) or next(iter(refused.values()))))
        return False
    show_message(message, "")
    return store()
