"""Field editors of the one form pipeline: one per kind of value an item holds.

Each editor owns its widget, reads and writes one field of an item, and emits
``committed`` when the user is done with the field (left it, pressed Enter,
picked a choice). ``value()`` raises :class:`FieldError` with words for the
product lead when the text cannot be a value at all ("must be a number"); the
range checks are the domain model's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import words as fmt
from scoping_app.domain.messages import KEY_RULE
from scoping_app.domain.model import Project
from scoping_app.ui.widgets.checklist import CheckList, Entry
from scoping_app.ui.widgets.number_box import FieldError, NumberBox
from scoping_app.ui.widgets.wrapping_line import WrappingLine

NEVER = QDate(1900, 1, 1)  # the date edit's "not verified" state (shown as words, never stored)


class FieldEditor(QObject):
    """One field of the selected item: a widget, its value, and when the user committed it."""

    committed = Signal()

    def __init__(
        self,
        name: str,
        label: str,
        words: str = "",
        tooltip: str = "",
        *,
        accessible: str = "",
        beside: bool = False,
    ) -> None:
        """``label`` may mark its shortcut letter ("Ke&y"); ``accessible`` names the widget
        for screen readers (default: the label); ``beside`` lays the field out on the row
        of the field before it, after its own label."""
        super().__init__()
        self.name = name
        self.caption = label
        self.label = label.replace("&", "")
        self.words = words or self.label.lower()
        self.tooltip = tooltip
        self.accessible = accessible or self.label
        self.beside = beside
        self.widget: QWidget = QWidget()
        self.focus_widgets: list[QWidget] = []

    def _setup(self, widget: QWidget, *focus: QWidget) -> None:
        self.widget = widget
        self.focus_widgets = list(focus) or [widget]
        for one in self.focus_widgets:
            one.setAccessibleName(self.accessible)
            if self.tooltip:
                one.setToolTip(self.tooltip)

    def load(self, item: Any, project: Project) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def set_focus(self) -> None:
        self.focus_widgets[0].setFocus(Qt.FocusReason.OtherFocusReason)


class LineField(FieldEditor):
    """A one-line text; Enter or leaving commits it.

    ``wrap`` is for a text that may be long (a name, a question, an owner): it is
    shown whole, wrapped over up to three lines, its tooltip the whole text; it
    still takes no new line. Keys and codes stay on one line.
    """

    def __init__(
        self,
        name: str,
        label: str,
        *,
        placeholder: str = "",
        max_length: int = 0,
        strip: bool = False,
        wrap: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label, **kwargs)
        self.edit: QLineEdit | WrappingLine = WrappingLine() if wrap else QLineEdit()
        if max_length:
            self.edit.setMaxLength(max_length)
        self.edit.setPlaceholderText(placeholder)
        self._strip = strip
        self._setup(self.edit)
        self.edit.editingFinished.connect(self.committed)

    def load(self, item: Any, project: Project) -> None:
        text = getattr(item, self.name)
        if self.edit.text() != text:
            self.edit.setText(text)
            self.edit.setCursorPosition(0)  # the start of a long text, not its end

    def value(self) -> Any:
        text = self.edit.text()
        return text.strip() if self._strip else text

    def set_focus(self) -> None:
        super().set_focus()
        self.edit.selectAll()


class CodeField(LineField):
    """A short code in capitals (a currency: EUR); what is typed is taken in capitals."""

    def __init__(self, name: str, label: str, *, length: int, **kwargs: Any) -> None:
        super().__init__(name, label, max_length=length, strip=True, **kwargs)
        self.edit.setMaximumWidth(70)

    def value(self) -> Any:
        return super().value().upper()


class TextBox(QPlainTextEdit):
    """A wrapping text box of ``lines`` lines; leaving it or Ctrl+Enter commits (``left``).

    The one commit rule of every long text in the window: Tab moves on, Enter
    starts a new line, leaving the box or Ctrl+Enter says the user is done.
    """

    left = Signal()

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 12)

    def show_text(self, text: str) -> None:
        """Show ``text`` unless the box holds it already (the cursor stays where it is)."""
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.left.emit()

    def keyPressEvent(self, event: Any) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.left.emit()
            return
        super().keyPressEvent(event)


class TextField(FieldEditor):
    """A long text over several wrapped lines; leaving it (or Ctrl+Enter) commits it."""

    def __init__(
        self,
        name: str,
        label: str,
        *,
        placeholder: str = "",
        lines: int = 3,
        strip: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label, **kwargs)
        self.edit = TextBox(lines)
        self.edit.setPlaceholderText(placeholder)
        self._strip = strip
        self._setup(self.edit)
        self.edit.left.connect(self.committed)

    def load(self, item: Any, project: Project) -> None:
        self.edit.show_text(getattr(item, self.name))

    def value(self) -> Any:
        text = self.edit.toPlainText()
        return text.strip() if self._strip else text

    def set_focus(self) -> None:
        super().set_focus()
        self.edit.selectAll()


class NumberField(FieldEditor):
    """A number typed as text: empty means "not known" (None) where ``optional``.

    The text stays as typed when it is refused, so the user can correct it.
    """

    def __init__(
        self,
        name: str,
        label: str,
        *,
        integer: bool = False,
        optional: bool = True,
        suffix: str = "",
        placeholder: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label, **kwargs)
        self.integer = integer
        self.optional = optional
        self.edit = NumberBox(integer=integer, optional=optional)
        self.edit.setPlaceholderText(placeholder or ("not known" if optional else "0"))
        self.edit.setMaximumWidth(150)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        if suffix:
            unit = QLabel(suffix)
            unit.setStyleSheet("color: palette(placeholder-text);")
            layout.addWidget(unit)
        layout.addStretch(1)
        self._setup(row, self.edit)
        self.edit.editingFinished.connect(self.committed)

    def load(self, item: Any, project: Project) -> None:
        value = getattr(item, self.name)
        current = self._parsed_or_none()
        if current is None or current != value or self.edit.text() == "":
            self.edit.setValue(value)

    def _parsed_or_none(self) -> Any:
        try:
            return self.value()
        except FieldError:
            return None

    def value(self) -> Any:
        return self.edit.value()

    def set_focus(self) -> None:
        super().set_focus()
        self.edit.selectAll()


class ChoiceField(FieldEditor):
    """One of a closed vocabulary (an enumeration); picking one commits it."""

    def __init__(
        self,
        name: str,
        label: str,
        choices: type[Enum],
        words: Callable[[Any], str] = fmt.choice,
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label, **kwargs)
        self._enum = choices
        self.combo = QComboBox()
        for value in choices:
            self.combo.addItem(words(value), value.value)
        self._setup(self.combo)
        self.combo.activated.connect(lambda _index: self.committed.emit())

    def load(self, item: Any, project: Project) -> None:
        self.combo.setCurrentIndex(self.combo.findData(getattr(item, self.name).value))

    def value(self) -> Any:
        return self._enum(self.combo.currentData())

    def choose(self, value: Enum) -> None:
        """Pick ``value`` as a user would (for keyboard-free callers)."""
        self.combo.setCurrentIndex(self.combo.findData(value.value))
        self.committed.emit()


class BoolField(FieldEditor):
    """A yes/no field as a check box; clicking commits it."""

    def __init__(self, name: str, label: str, text: str, **kwargs: Any) -> None:
        super().__init__(name, label, **kwargs)
        self.box = QCheckBox(text)
        self._setup(self.box)
        self.box.clicked.connect(lambda _checked: self.committed.emit())

    def load(self, item: Any, project: Project) -> None:
        self.box.setChecked(bool(getattr(item, self.name)))

    def value(self) -> Any:
        return self.box.isChecked()


class _DateEdit(QDateEdit):
    """A date edit that Tab leaves while it reads its "not set" words (Qt keeps the focus
    there then, as if moving between the sections of a date it does not show)."""

    def keyPressEvent(self, event: Any) -> None:
        tab = event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if tab and self.date() == self.minimumDate():
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            QWidget.focusNextPrevChild(self, forward)
            return
        super().keyPressEvent(event)


class DateField(FieldEditor):
    """A date or none: a date edit whose "not set" state reads in words (``never_text``)."""

    def __init__(
        self,
        name: str,
        label: str,
        *,
        never_text: str = "Never verified",
        clear_text: str = "Clear",
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label, **kwargs)
        self.edit = _DateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(NEVER)
        self.edit.setSpecialValueText(never_text)
        self.today_button = QPushButton("Today")
        self.today_button.setToolTip("Set to today's date")
        self.today_button.setAccessibleName(f"{label}: today")
        self.clear_button = QPushButton(clear_text)
        self.clear_button.setToolTip(f"{never_text}: clear the date")
        self.clear_button.setAccessibleName(f"{label}: {never_text.lower()}")
        for button in (self.today_button, self.clear_button):  # as narrow as their words
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 16)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.today_button)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self._setup(row, self.edit, self.today_button, self.clear_button)
        self.edit.setAccessibleName(label)
        self.edit.editingFinished.connect(self.committed)
        self.today_button.clicked.connect(lambda: self._set(QDate.currentDate()))
        self.clear_button.clicked.connect(lambda: self._set(NEVER))

    def _set(self, value: QDate) -> None:
        self.edit.setDate(value)
        self.committed.emit()

    def load(self, item: Any, project: Project) -> None:
        value: date | None = getattr(item, self.name)
        self.edit.setDate(NEVER if value is None else QDate(value.year, value.month, value.day))
        if value is None:
            self.edit.calendarWidget().setCurrentPage(
                QDate.currentDate().year(), QDate.currentDate().month()
            )

    def value(self) -> Any:
        picked = self.edit.date()
        if picked == NEVER:
            return None
        return date(picked.year(), picked.month(), picked.day())


class ChecklistField(FieldEditor):
    """Keys of other items, ticked in a filtered list (the data a step uses); a tick commits."""

    def __init__(
        self,
        name: str,
        label: str,
        options: Callable[[Project], Sequence[tuple[str, str]]],
        empty_text: str = "Nothing to pick yet.",
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label, **kwargs)
        self._options = options
        self.list = CheckList(self.accessible, empty_text, fit=True, minimum_rows=2)
        self._setup(self.list.boxed(), self.list.filter_box, self.list.picked_only, self.list)
        self.list.filter_box.setAccessibleName(f"{self.accessible}: filter by name")
        self.list.picked_only.setAccessibleName(f"{self.accessible}: picked only")
        # after the view is done with the click: the commit refills this very list
        self.list.toggled.connect(
            lambda *_tick: QTimer.singleShot(0, self.list, self.committed.emit)
        )

    def load(self, item: Any, project: Project) -> None:
        chosen = set(getattr(item, self.name))
        self.list.fill(Entry(key, text, key in chosen) for key, text in self._options(project))

    def item(self, key: str) -> QListWidgetItem | None:
        return self.list.item_of(key)

    def value(self) -> Any:
        return self.list.checked_keys()


class TextListField(FieldEditor):
    """An editable list of short texts (a decision's options): add, rename in place, remove."""

    def __init__(self, name: str, label: str, new_text: str = "New option", **kwargs: Any) -> None:
        super().__init__(name, label, **kwargs)
        self._new_text = new_text
        self._loading = False
        self.list = QListWidget()
        self.list.setMaximumHeight(80)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName(f"Add to {label.lower()}")
        self.add_button.setToolTip("Add an option; type its text, Enter to keep it")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName(f"Remove from {label.lower()}")
        self.remove_button.setToolTip("Remove the selected option")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self._setup(row, self.list, self.add_button, self.remove_button)
        self.list.itemChanged.connect(self._on_item_changed)
        self.add_button.clicked.connect(self.add_option)
        self.remove_button.clicked.connect(self.remove_option)

    def load(self, item: Any, project: Project) -> None:
        self._loading = True
        try:
            self.list.clear()
            for text in getattr(item, self.name):
                self.list.addItem(self._entry(text))
        finally:
            self._loading = False

    def _entry(self, text: str) -> QListWidgetItem:
        entry = QListWidgetItem(text)
        entry.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        )
        return entry

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        if not self._loading:
            # after the in-place editor has closed: the commit refills this very list
            QTimer.singleShot(0, self.list, self.committed.emit)

    def add_option(self, text: str | None = None) -> None:
        entry = self._entry(text if isinstance(text, str) else self._new_text)
        self._loading = True
        self.list.addItem(entry)
        self._loading = False
        self.list.setCurrentItem(entry)
        self.committed.emit()
        # the list is refilled by the commit; edit the new last option in place
        last = self.list.item(self.list.count() - 1)
        if last is not None and not isinstance(text, str):
            self.list.setCurrentItem(last)
            self.list.editItem(last)

    def remove_option(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self._loading = True
        self.list.takeItem(row)
        self._loading = False
        self.committed.emit()

    def value(self) -> Any:
        return [self.list.item(row).text() for row in range(self.list.count())]


class ComboTextField(FieldEditor):
    """A text picked from a list the item itself holds (a choice among the options), or typed."""

    def __init__(
        self,
        name: str,
        label: str,
        options: Callable[[Any], Sequence[str]],
        placeholder: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(name, label, **kwargs)
        self._options = options
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.combo.lineEdit()
        assert line is not None  # an editable combo box has its line edit
        line.setPlaceholderText(placeholder)
        self._setup(self.combo)
        self.combo.activated.connect(lambda _index: self.committed.emit())
        line.editingFinished.connect(self.committed)

    def load(self, item: Any, project: Project) -> None:
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            self.combo.addItems(list(self._options(item)))
            self.combo.setEditText(getattr(item, self.name))
        finally:
            self.combo.blockSignals(False)

    def value(self) -> Any:
        return self.combo.currentText()


class ComputedField(FieldEditor):
    """A figure derived from the item (never edited): "1 h 30 min a day"."""

    def __init__(
        self, name: str, label: str, compute: Callable[[Any, Project], str], **kwargs: Any
    ) -> None:
        super().__init__(name, label, **kwargs)
        self._compute = compute
        self.text = QLabel()
        self.text.setWordWrap(True)  # a sentence wraps rather than widen the form
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self._setup(self.text)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def load(self, item: Any, project: Project) -> None:
        self.text.setText(self._compute(item, project))

    def value(self) -> Any:
        raise FieldError("computed")


KEY_TOOLTIP = f"Used in files and references: {KEY_RULE}"


def key_field(item_word: str = "", label: str = "Key") -> LineField:
    """The one-line field for an item's key, as every form declares it (its accessible
    name is "Failure mode key" given ``item_word``, else "Key")."""
    return LineField(
        "key",
        label,
        strip=True,
        max_length=64,
        words="key",
        tooltip=KEY_TOOLTIP,
        accessible=f"{item_word.capitalize()} key" if item_word else "",
    )
