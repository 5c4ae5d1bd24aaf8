"""The form beside the capabilities table: every field of the selected capability.

Each field is committed when the user leaves it (or presses Enter), as one
undoable edit; the form only says what the user asked for, through signals.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain.edits import make_key
from scoping_app.domain.enums import Category
from scoping_app.domain.model import KEY_PATTERN, Capability, Project
from scoping_app.ui import format as fmt

FIELD_WORDS = {
    "name": "name",
    "key": "key",
    "category": "category",
    "effort": "effort",
    "value": "value",
    "latency_ms": "latency",
    "monthly_cost": "monthly cost",
    "mandatory": "mandatory flag",
    "description": "description",
}
MAX_NUMBER = 1_000_000_000.0
NEW_NAME = "New capability"
PLACEHOLDER = re.compile(rf"{NEW_NAME}( [0-9]+)?")


def _spin(suffix: str = "", decimals: int = 1, maximum: float = 100_000.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(decimals)
    box.setRange(0.0, maximum)
    box.setSuffix(suffix)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setKeyboardTracking(False)
    box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
    box.setMinimumWidth(70)
    return box


class _DescriptionEdit(QPlainTextEdit):
    """A plain text box that reports when the user leaves it."""

    left = Signal()

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class CapabilityForm(QWidget):
    """Fields of one capability; emits what the user changed, never stores anything itself."""

    capability_edited = Signal(str, object, str)  # old key, new Capability, label
    prerequisite_toggled = Signal(str, str, bool)  # capability key, prerequisite key, required

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._capability: Capability | None = None
        self._other_keys: list[str] = []
        self._loading = False

        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.key = QLineEdit()
        self.key.setValidator(
            QRegularExpressionValidator(QRegularExpression(KEY_PATTERN.strip("^$")), self.key)
        )
        self.key.setToolTip("Used in files and references: a-z, 0-9, _ and -")
        self.category = QComboBox()
        for category in Category:
            self.category.addItem(fmt.category(category), category.value)
        self.optimistic = _spin()
        self.likely = _spin()
        self.pessimistic = _spin()
        for box, tip in (
            (self.optimistic, "Optimistic"),
            (self.likely, "Likely"),
            (self.pessimistic, "Pessimistic"),
        ):
            box.setToolTip(f"{tip} effort, in person-days")
        self.expected = QLabel()
        self.expected.setStyleSheet("color: palette(placeholder-text);")
        self.value = _spin(decimals=1)
        self.latency = _spin(" ms", decimals=0, maximum=MAX_NUMBER)
        self.cost = _spin(decimals=0, maximum=MAX_NUMBER)
        self.mandatory = QCheckBox("Every viable scope must contain it")
        self.description = _DescriptionEdit()
        self.description.setPlaceholderText("What it does, in a sentence or two")
        self.description.setFixedHeight(48)
        self.description.setTabChangesFocus(True)
        self.prerequisites = QListWidget()
        self.prerequisites.setStyleSheet("QListWidget::item { padding: 2px 0; }")
        self.prerequisites.setToolTip(
            "Tick what this capability requires: they must be built for it to work"
        )
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.empty = QLabel("Select a capability in the table, or add one.")
        self.empty.setStyleSheet("color: palette(placeholder-text);")

        form = QFormLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Name:", self.name)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(QLabel("Category:"))
        key_row.addWidget(self.category, 1)
        form.addRow("Key:", key_row)
        effort_row = QHBoxLayout()
        for box in (self.optimistic, self.likely, self.pessimistic):
            effort_row.addWidget(box)
        effort_row.addWidget(self.expected)
        effort_row.addStretch(1)
        form.addRow("Effort o/m/p:", effort_row)
        figures_row = QHBoxLayout()
        figures_row.addWidget(self.value)
        figures_row.addWidget(QLabel("Latency:"))
        figures_row.addWidget(self.latency)
        figures_row.addWidget(QLabel("Cost/month:"))
        figures_row.addWidget(self.cost)
        form.addRow("Value:", figures_row)
        form.addRow("", self.mandatory)
        form.addRow("Description:", self.description)

        self._fields = QWidget()
        fields_layout = QVBoxLayout(self._fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addLayout(form)
        fields_layout.addWidget(self.error)
        requires_label = QLabel("Requires (prerequisites):")
        fields_layout.addWidget(requires_label)
        fields_layout.addWidget(self.prerequisites, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self._fields, 1)
        self._fields.hide()

        self.name.editingFinished.connect(self._on_field_edited)
        self.key.editingFinished.connect(self._on_field_edited)
        self.category.activated.connect(self._on_field_edited)
        for box in (self.optimistic, self.likely, self.pessimistic, self.value):
            box.editingFinished.connect(self._on_field_edited)
        self.latency.editingFinished.connect(self._on_field_edited)
        self.cost.editingFinished.connect(self._on_field_edited)
        self.mandatory.clicked.connect(self._on_field_edited)
        self.description.left.connect(self._on_field_edited)
        self.prerequisites.itemChanged.connect(self._on_prerequisite_changed)

    @property
    def current_key(self) -> str | None:
        return self._capability.key if self._capability is not None else None

    def show_capability(self, project: Project, key: str | None) -> None:
        """Show the capability ``key`` of ``project`` (or nothing when None)."""
        capability = None
        if key is not None:
            capability = next((c for c in project.capabilities if c.key == key), None)
        self._capability = capability
        self._other_keys = [c.key for c in project.capabilities if c.key != key]
        self.empty.setVisible(capability is None)
        self._fields.setVisible(capability is not None)
        self.error.hide()
        if capability is None:
            return
        self._loading = True
        try:
            self.name.setText(capability.name)
            self.key.setText(capability.key)
            self.category.setCurrentIndex(self.category.findData(capability.category.value))
            self.optimistic.setValue(capability.effort.optimistic)
            self.likely.setValue(capability.effort.likely)
            self.pessimistic.setValue(capability.effort.pessimistic)
            self.expected.setText(f"expected {fmt.effort_days(capability.effort.expected)}")
            self.value.setValue(capability.value)
            self.latency.setValue(capability.latency_ms)
            self.cost.setPrefix(f"{project.info.currency} ")
            self.cost.setValue(capability.monthly_cost)
            self.mandatory.setChecked(capability.mandatory)
            if self.description.toPlainText() != capability.description:
                self.description.setPlainText(capability.description)
            self._fill_prerequisites(project, capability)
        finally:
            self._loading = False

    def _fill_prerequisites(self, project: Project, capability: Capability) -> None:
        scroll = self.prerequisites.verticalScrollBar().value()
        self.prerequisites.clear()
        for other in project.capabilities:
            if other.key == capability.key:
                continue
            item = QListWidgetItem(f"{other.name}  ({other.key})")
            item.setData(Qt.ItemDataRole.UserRole, other.key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            required = other.key in capability.requires
            item.setCheckState(Qt.CheckState.Checked if required else Qt.CheckState.Unchecked)
            self.prerequisites.addItem(item)
        self.prerequisites.verticalScrollBar().setValue(scroll)

    def prerequisite_item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.prerequisites.count()):
            item = self.prerequisites.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                return item
        return None

    def focus_name(self) -> None:
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    def _edited_capability(self) -> Capability:
        assert self._capability is not None
        current = self._capability
        name = self.name.text().strip()
        key = self.key.text().strip()
        if (
            name
            and name != current.name
            and key == current.key
            and PLACEHOLDER.fullmatch(current.name)
            and current.key == make_key(current.name, self._other_keys)
        ):
            # a capability just added: its key came from the placeholder name, so it follows
            # the first real name ("new_capability" would be a poor key to keep)
            key = make_key(name, self._other_keys)
        effort = {
            "optimistic": self.optimistic.value(),
            "likely": self.likely.value(),
            "pessimistic": self.pessimistic.value(),
        }
        fields = {
            **self._capability.model_dump(),
            "name": name,
            "key": key,
            "category": Category(self.category.currentData()),
            "effort": effort,
            "value": self.value.value(),
            "latency_ms": self.latency.value(),
            "monthly_cost": self.cost.value(),
            "mandatory": self.mandatory.isChecked(),
            "description": self.description.toPlainText(),
        }
        return Capability.model_validate(fields)

    def _on_field_edited(self) -> None:
        if self._loading or self._capability is None:
            return
        try:
            edited = self._edited_capability()
        except RuntimeError:  # a field left focus while the window was being torn down
            return
        except ValidationError as error:
            self.error.setText(_describe(error))
            self.error.show()
            return
        self.error.hide()
        if edited == self._capability:
            return
        self.capability_edited.emit(self._capability.key, edited, _label(self._capability, edited))

    def _on_prerequisite_changed(self, item: QListWidgetItem) -> None:
        if self._loading or self._capability is None:
            return
        required = item.checkState() == Qt.CheckState.Checked
        self.prerequisite_toggled.emit(
            self._capability.key, item.data(Qt.ItemDataRole.UserRole), required
        )

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


def _label(before: Capability, after: Capability) -> str:
    """The undo text of an edit, naming what changed ("Change effort of Ticket export")."""
    changed = [f for f in FIELD_WORDS if getattr(before, f) != getattr(after, f)]
    if "name" in changed and set(changed) <= {"name", "key"}:
        return f"Rename capability {before.name} to {after.name}"
    words = " and ".join(FIELD_WORDS[f] for f in changed[:2])
    if len(changed) > 2:
        words = ", ".join(FIELD_WORDS[f] for f in changed)
    return f"Change {words} of {after.name}"


def _describe(error: ValidationError) -> str:
    """A pydantic error in the product lead's words: 'Name: must not be empty'."""
    lines = []
    for problem in error.errors():
        where = str(problem["loc"][0]) if problem["loc"] else ""
        field = FIELD_WORDS.get(where, where).capitalize()
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "string_too_short":
            message = "must not be empty"
        elif problem["type"] == "string_pattern_mismatch":
            message = "use 1 to 64 of a-z, 0-9, _ and -"
        lines.append(f"{field}: {message}" if field else message)
    return "\n".join(lines)
