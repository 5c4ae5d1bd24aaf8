"""The form beside the capabilities table: every field and link of the selected capability.

Tabs keep it readable beside the graph: "Details" (figures and words), "Links"
(requires, delivers, uses data, mitigates) and whatever the page adds (failure
modes). Each field is committed when the user leaves it (or presses Enter), as
one undoable edit naming that field; the form only says what the user asked
for, through signals. A value the format refuses is explained beside its field
and kept as typed, so nothing the user typed is lost.
"""

from __future__ import annotations

import itertools
import re

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
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scoping_app.domain import words as fmt
from scoping_app.domain.edits import make_key
from scoping_app.domain.enums import Category, DataStatus
from scoping_app.domain.messages import message_for
from scoping_app.domain.model import KEY_PATTERN, Capability, Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.checklist import CheckList, Entry
from scoping_app.ui.widgets.fields import TextBox, key_edit, message_label
from scoping_app.ui.widgets.form import scrolling, show_message
from scoping_app.ui.widgets.short_text import risk_line, short_story

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
POINT_WORDS = ("optimistic", "likely", "pessimistic")
MAX_NUMBER = 1_000_000_000.0
NEW_NAME = "New capability"
PLACEHOLDER = re.compile(rf"{NEW_NAME}( [0-9]+)?")
INVALID_STYLE = "QDoubleSpinBox {{ border: 2px solid {colour}; border-radius: 3px; }}"

# the three lists of links edited by ticking: field, what an item is called, list title
LINKS = (
    ("delivers", "metric", "Delivers (metrics it makes achievable)"),
    ("uses_data", "data source", "Uses data"),
    ("mitigates", "risk", "Mitigates (pre-mortem risks)"),
)


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


class CapabilityForm(QWidget):
    """Fields of one capability; emits what the user changed, never stores anything itself."""

    capability_edited = Signal(str, object, str)  # old key, new Capability, label
    prerequisite_toggled = Signal(str, str, bool)  # capability key, prerequisite key, required

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._capability: Capability | None = None
        self._project: Project | None = None
        self._other_keys: list[str] = []
        self._loading = False

        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.name.setAccessibleName("Capability name")
        self.key = key_edit("capability")
        self.key.setValidator(
            QRegularExpressionValidator(QRegularExpression(KEY_PATTERN.strip("^$")), self.key)
        )
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        for category in Category:
            self.category.addItem(fmt.category(category), category.value)
        self.optimistic = _spin(" d")
        self.likely = _spin(" d")
        self.pessimistic = _spin(" d")
        for box, word in zip(
            (self.optimistic, self.likely, self.pessimistic), POINT_WORDS, strict=True
        ):
            box.setToolTip(f"{word.capitalize()} effort, in person-days")
            box.setAccessibleName(f"{word.capitalize()} effort in person-days")
        self.expected = QLabel()
        self.expected.setStyleSheet("color: palette(placeholder-text);")
        self.effort_error = QLabel()
        self.effort_error.setWordWrap(True)
        self.effort_error.setStyleSheet(theme.text_style(Role.ERROR))
        self.effort_error.setAccessibleName("Effort problem")
        self.effort_error.hide()
        self.value = _spin(" points", decimals=1)
        self.value.setAccessibleName("Value in points")
        self.latency = _spin(" ms", decimals=0, maximum=MAX_NUMBER)
        self.latency.setAccessibleName("Latency added per interaction, in milliseconds")
        self.cost = _spin(decimals=0, maximum=MAX_NUMBER)
        self.cost.setAccessibleName("Running cost per month")
        self.mandatory = QCheckBox("Every viable scope must contain it")
        self.mandatory.setAccessibleName("Mandatory")
        self.description = TextBox()
        self.description.setPlaceholderText("What it does, in a sentence or two")
        self.description.setMinimumHeight(56)
        self.description.setMaximumHeight(90)
        self.description.setAccessibleName("Description")
        self.prerequisites = CheckList(
            "Requires", "No other capability to require yet.", fit=True, minimum_rows=2
        )
        self.prerequisites.setToolTip(
            "Tick what this capability requires: they must be built for it to work"
        )
        self.links: dict[str, CheckList] = {}
        for field, word, title in LINKS:
            self.links[field] = CheckList(
                title.split(" (")[0], f"No {word}s in the project yet.", fit=True, minimum_rows=1
            )
        self.error = message_label()
        self.empty = QLabel("Select a capability in the table, or add one.")
        self.empty.setStyleSheet("color: palette(placeholder-text);")

        # Details
        form = QFormLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        category_label = QLabel("&Category:")
        category_label.setBuddy(self.category)
        key_row.addWidget(category_label)
        key_row.addWidget(self.category, 1)
        form.addRow(self._label("Ke&y:", self.key), key_row)
        effort_row = QHBoxLayout()
        for box, word in zip(
            (self.optimistic, self.likely, self.pessimistic), POINT_WORDS, strict=True
        ):
            column = QVBoxLayout()
            column.setSpacing(1)
            caption = QLabel(word)
            caption.setStyleSheet("color: palette(placeholder-text); font-size: 90%;")
            column.addWidget(caption)
            column.addWidget(box)
            effort_row.addLayout(column)
        effort_row.addWidget(self.expected, 0, Qt.AlignmentFlag.AlignBottom)
        effort_row.addStretch(1)
        form.addRow(self._label("&Effort:", self.optimistic), effort_row)
        form.addRow("", self.effort_error)
        for text, box, note in (
            ("&Value:", self.value, "value points: what it is worth relative to the others"),
            ("&Latency:", self.latency, "added to one user interaction"),
            ("Monthly c&ost:", self.cost, "running cost when in scope"),
        ):
            box.setMaximumWidth(170)
            row = QHBoxLayout()
            row.addWidget(box, 1)
            hint = QLabel(note)
            hint.setStyleSheet("color: palette(placeholder-text);")
            row.addWidget(hint, 1)
            form.addRow(self._label(text, box), row)
        form.addRow(self._label("&Mandatory:", self.mandatory), self.mandatory)
        form.addRow(self._label("&Description:", self.description), self.description)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(6, 6, 6, 6)
        details_layout.addLayout(form)
        details_layout.addWidget(self.error)
        details_layout.addStretch(1)

        # Links
        links = QWidget()
        links_layout = QVBoxLayout(links)
        links_layout.setContentsMargins(6, 6, 6, 6)
        links_layout.addWidget(QLabel("Requires (prerequisites, built first):"))
        links_layout.addWidget(self.prerequisites)
        for field, _word, title in LINKS:
            links_layout.addWidget(QLabel(f"{title}:"))
            links_layout.addWidget(self.links[field])
        links_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(scrolling(details), "Detail&s")
        self.tabs.addTab(scrolling(links), "Lin&ks")

        name_row = QHBoxLayout()
        name_row.addWidget(self._label("&Name:", self.name))
        name_row.addWidget(self.name, 1)

        self._fields = QWidget()
        fields_layout = QVBoxLayout(self._fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addLayout(name_row)
        fields_layout.addWidget(self.tabs, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self._fields, 1)
        self._fields.hide()

        QWidget.setTabOrder(self.name, self.tabs)
        chain = [
            self.key,
            self.category,
            self.optimistic,
            self.likely,
            self.pessimistic,
            self.value,
            self.latency,
            self.cost,
            self.mandatory,
            self.description,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.name.editingFinished.connect(self._on_field_edited)
        self.key.editingFinished.connect(self._on_field_edited)
        self.category.activated.connect(self._on_field_edited)
        for box in (self.optimistic, self.likely, self.pessimistic, self.value):
            box.editingFinished.connect(self._on_field_edited)
        self.latency.editingFinished.connect(self._on_field_edited)
        self.cost.editingFinished.connect(self._on_field_edited)
        self.mandatory.clicked.connect(self._on_field_edited)
        self.description.left.connect(self._on_field_edited)
        self.prerequisites.toggled.connect(self._on_prerequisite_toggled)
        for field, checklist in self.links.items():
            checklist.toggled.connect(
                lambda key, on, field=field: self._on_link_toggled(field, key, on)
            )

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def add_tab(self, widget: QWidget, title: str) -> None:
        self.tabs.addTab(widget, title)

    @property
    def current_key(self) -> str | None:
        return self._capability.key if self._capability is not None else None

    def show_capability(self, project: Project, key: str | None) -> None:
        """Show the capability ``key`` of ``project`` (or nothing when None).

        An effort the user typed and the format refused stays as typed while the
        same capability is shown, so another field's edit does not wipe it.
        """
        capability = None
        if key is not None:
            capability = next((c for c in project.capabilities if c.key == key), None)
        keep_effort = (
            capability is not None
            and self._capability is not None
            and self._capability.key == capability.key
            and not self.effort_error.isHidden()
        )
        self._capability = capability
        self._project = project
        self._other_keys = [c.key for c in project.capabilities if c.key != key]
        self.empty.setVisible(capability is None)
        self._fields.setVisible(capability is not None)
        self.error.hide()
        if capability is None:
            self._set_effort_error("")
            return
        self._loading = True
        try:
            self.name.setText(capability.name)
            self.key.setText(capability.key)
            self.category.setCurrentIndex(self.category.findData(capability.category.value))
            if not keep_effort:
                self.optimistic.setValue(capability.effort.optimistic)
                self.likely.setValue(capability.effort.likely)
                self.pessimistic.setValue(capability.effort.pessimistic)
                self._set_effort_error("")
            self.expected.setText(f"expected {fmt.effort_days(capability.effort.expected)}")
            self.value.setValue(capability.value)
            self.latency.setValue(capability.latency_ms)
            self.cost.setPrefix(f"{project.info.currency} ")
            self.cost.setValue(capability.monthly_cost)
            self.mandatory.setChecked(capability.mandatory)
            self.description.show_text(capability.description)
            self._fill_links(project, capability)
        finally:
            self._loading = False

    def _fill_links(self, project: Project, capability: Capability) -> None:
        self.prerequisites.fill(
            Entry(other.key, f"{other.name}  ({other.key})", other.key in capability.requires)
            for other in project.capabilities
            if other.key != capability.key
        )
        self.links["delivers"].fill(
            Entry(
                m.key,
                f"{m.name}{'  (must-have)' if m.must else ''}",
                m.key in capability.delivers,
                f"{m.name} ({m.key}): {fmt.choice(m.kind)} metric",
            )
            for m in project.metrics
        )
        self.links["uses_data"].fill(
            Entry(
                d.key,
                d.name if d.status is DataStatus.HAVE else f"{d.name}  ({fmt.choice(d.status)})",
                d.key in capability.uses_data,
                f"{d.name} ({d.key}): {fmt.choice(d.status)}",
            )
            for d in project.data_sources
        )
        self.links["mitigates"].fill(
            Entry(
                r.key,
                risk_line(r),
                r.key in capability.mitigates,
                f"{r.story}\nLikelihood {r.likelihood} x impact {r.impact} = {r.score}"
                f"{' (severe)' if r.severe else ''}; {fmt.choice(r.status)}",
            )
            for r in project.risks
        )

    def prerequisite_item(self, key: str) -> QListWidgetItem | None:
        return self.prerequisites.item_of(key)

    def link_item(self, field: str, key: str) -> QListWidgetItem | None:
        return self.links[field].item_of(key)

    def focus_name(self) -> None:
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    def _typed_effort(self) -> dict[str, float]:
        return {
            "optimistic": self.optimistic.value(),
            "likely": self.likely.value(),
            "pessimistic": self.pessimistic.value(),
        }

    def _effort_problem(self, effort: dict[str, float]) -> str:
        o, m, p = effort["optimistic"], effort["likely"], effort["pessimistic"]
        problems = []
        if o > m:
            problems.append(f"optimistic ({fmt.points(o)} d) must not exceed likely")
        if m > p:
            problems.append(f"likely ({fmt.points(m)} d) must not exceed pessimistic")
        if not problems:
            return ""
        text = " and ".join(problems)
        return f"Not saved: {text} ({fmt.points(m if o > m else p)} d)."

    def _set_effort_error(self, text: str) -> None:
        self.effort_error.setText(text)
        self.effort_error.setVisible(bool(text))
        effort = self._typed_effort()
        wrong = {
            "optimistic": bool(text) and effort["optimistic"] > effort["likely"],
            "pessimistic": bool(text) and effort["likely"] > effort["pessimistic"],
        }
        wrong["likely"] = wrong["optimistic"] or wrong["pessimistic"]
        for box, word in zip(
            (self.optimistic, self.likely, self.pessimistic), POINT_WORDS, strict=True
        ):
            box.setStyleSheet(
                INVALID_STYLE.format(colour=theme.hex(Role.ERROR)) if wrong[word] else ""
            )

    def _edited_capability(self) -> Capability:
        """The stored capability with what the form holds, except an effort it refuses."""
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
        effort = self._typed_effort()
        problem = self._effort_problem(effort)
        self._set_effort_error(problem)
        fields = {
            **current.model_dump(),
            "name": name,
            "key": key,
            "category": Category(self.category.currentData()),
            "effort": current.effort.model_dump() if problem else effort,
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
            show_message(self.error, message_for(error))
            return
        self.error.hide()
        if edited == self._capability:
            return
        self.capability_edited.emit(self._capability.key, edited, _label(self._capability, edited))

    def _on_prerequisite_toggled(self, prerequisite: str, required: bool) -> None:
        if self._loading or self._capability is None:
            return
        self.prerequisite_toggled.emit(self._capability.key, prerequisite, required)

    def _on_link_toggled(self, field: str, key: str, on: bool) -> None:
        if self._loading or self._capability is None or self._project is None:
            return
        current = self._capability
        keys: list[str] = list(getattr(current, field))
        if on and key not in keys:
            keys.append(key)
        elif not on:
            keys = [k for k in keys if k != key]
        edited = current.model_copy(update={field: keys})
        self.capability_edited.emit(
            current.key, edited, _link_label(self._project, current, field, key, on)
        )

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


def _link_label(project: Project, capability: Capability, field: str, key: str, on: bool) -> str:
    if field == "delivers":
        metric = next((m.name for m in project.metrics if m.key == key), key)
        verb = "delivers" if on else "no longer delivers"
        return f"{capability.name} {verb} metric {metric}"
    if field == "uses_data":
        source = next((d.name for d in project.data_sources if d.key == key), key)
        verb = "uses" if on else "no longer uses"
        return f"{capability.name} {verb} data {source}"
    risk = next((r for r in project.risks if r.key == key), None)
    story = short_story(risk, 40) if risk is not None else key
    verb = "mitigates" if on else "no longer mitigates"
    return f"{capability.name} {verb} risk “{story}”"


def _label(before: Capability, after: Capability) -> str:
    """The undo text of an edit, naming what changed ("Change likely effort of Ticket export")."""
    changed = [f for f in FIELD_WORDS if getattr(before, f) != getattr(after, f)]
    if "name" in changed and set(changed) <= {"name", "key"}:
        return f"Rename capability {before.name} to {after.name}"
    words = [FIELD_WORDS[f] for f in changed]
    if changed == ["effort"]:
        points = [w for w in POINT_WORDS if getattr(before.effort, w) != getattr(after.effort, w)]
        if len(points) == 1:
            words = [f"{points[0]} effort"]
    text = " and ".join(words) if len(words) <= 2 else ", ".join(words)
    return f"Change {text} of {after.name}"
