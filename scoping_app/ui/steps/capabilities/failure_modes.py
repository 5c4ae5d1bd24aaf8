"""How the selected capability goes wrong: its failure modes, each with detection, fallback
and the person called at 3am.

A table of the capability's failure modes with what the readiness rubric would
flag (C2: a severe failure without a fallback; C3: nobody detecting it or
called), and a form for the selected one. Every change is one undoable edit,
run through the ``apply`` callable the page passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from scoping_app.domain import edits
from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Fallback
from scoping_app.domain.model import FailureMode, Project
from scoping_app.ui import theme
from scoping_app.ui.steps.capabilities.in_place import CellEdit, InPlaceDelegate, InPlaceModel
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.arrange import stacked
from scoping_app.ui.widgets.fields import (
    ChoiceField,
    FieldEditor,
    LineField,
    TextField,
    key_field,
)
from scoping_app.ui.widgets.figure_fields import ScoreField
from scoping_app.ui.widgets.form import Apply, ItemForm, commit_edit, message_label, scrolling
from scoping_app.ui.widgets.record_table import Column
from scoping_app.ui.widgets.short_text import clip
from scoping_app.ui.widgets.tables import (
    DELETE,
    configure_table,
    current_key,
    select_key,
    shortcut_action,
)

SEVERE_IMPACT = 4
NEW_DESCRIPTION = "New failure mode: describe how it goes wrong"


def failure_mode_fields() -> list[FieldEditor]:
    """The form of one failure mode, declared once."""
    return [
        TextField(
            "description",
            "Descri&ption",
            placeholder="How it goes wrong, as the user would notice it",
            lines=2,
            strip=True,
            accessible="Failure mode description",
        ),
        ScoreField("likelihood", "&Likelihood"),
        ScoreField("impact", "&Impact", beside=True),
        LineField(
            "detection",
            "De&tection",
            placeholder="How you find out (alert, review…)",
            strip=True,
            wrap=True,
        ),
        ChoiceField("fallback", "Fall&back", Fallback),
        LineField(
            "fallback_notes",
            "Fallback n&otes",
            placeholder="What the fallback does",
            strip=True,
            wrap=True,
        ),
        LineField(
            "owner",
            "Called at &3am",
            placeholder="Who is called at 3am",
            strip=True,
            words="person called at 3am",
            wrap=True,
            accessible="Who is called at 3am",
        ),
        key_field("failure mode", "Ke&y"),
    ]


def flags(mode: FailureMode) -> list[str]:
    """What the readiness audit would flag on this failure mode, in words (empty: fine)."""
    if mode.impact < SEVERE_IMPACT:
        return []
    found = []
    if mode.fallback is Fallback.NONE:
        found.append("no fallback")
    if not mode.detection.strip():
        found.append("no detection")
    if not mode.owner.strip():
        found.append("nobody called at 3am")
    return found


def _check(mode: FailureMode) -> str:
    found = flags(mode)
    return "Severe: " + ", ".join(found) if found else "OK"


def _short(mode: FailureMode, most: int = 40) -> str:
    return clip(mode.description, most)


COLUMNS: list[Column[FailureMode]] = [
    Column("How it goes wrong", lambda m: m.description, width=170),
    Column("L", lambda m: str(m.likelihood), numeric=True, width=30, tooltip="Likelihood 1-5"),
    Column("I", lambda m: str(m.impact), numeric=True, width=30, tooltip="Impact 1-5"),
    Column("Fallback", lambda m: fmt.choice(m.fallback), width=105),
    Column(
        "Check",
        _check,
        tooltip="Impact 4 or more needs a fallback, a detection and someone called at 3am",
        colour=lambda m: Role.ERROR if flags(m) else None,
    ),
]


class FailureModesModel(InPlaceModel[FailureMode]):
    """The failure modes of one capability, in the project's order; how it goes wrong,
    likelihood and impact are edited in place."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            COLUMNS,
            {
                0: CellEdit("description", lambda m: m.description),
                1: CellEdit("likelihood", lambda m: m.likelihood, 1, 5),
                2: CellEdit("impact", lambda m: m.impact, 1, 5),
            },
            parent,
        )


class FailureModesPanel(QWidget):
    """The failure modes of the capability the page shows, and a form for the selected one."""

    def __init__(self, apply: Apply, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._project: Project | None = None
        self._capability: str | None = None
        self._mode: FailureMode | None = None

        self.model = FailureModesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        configure_table(self.table)
        self.table.setItemDelegate(InPlaceDelegate(self.table))
        self.table.setToolTip("F2 or a double-click edits how it goes wrong, L and I in place")
        self.table.setAccessibleName("Failure modes of the capability")
        for section, column in enumerate(COLUMNS):
            if column.width:
                self.table.setColumnWidth(section, column.width)
        self.table.setFixedHeight(26 * 3 + 32)
        self.add_button = QPushButton("&Add failure mode", self)
        self.add_button.setToolTip("Add a failure mode to this capability (Ins while in this tab)")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete the selected failure mode (Del); Undo brings it back")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        self.warning = message_label(bold=True)
        self.form = ItemForm(failure_mode_fields(), "")
        self.fields = stacked(self.warning, self.form)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        content = stacked(buttons, self.summary, self.table, self.fields, margins=(6, 6, 6, 6))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(content))

        self.delete_action = shortcut_action(
            self.table, "Delete failure mode", [DELETE], Qt.ShortcutContext.WidgetShortcut
        )

        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete)
        self.delete_action.triggered.connect(self.delete)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_rows: self._show_mode(self.selected_key())
        )
        self.model.cell_edited.connect(self._on_cell_edited)
        self.form.field_committed.connect(self._commit)

    # showing

    def show_capability(self, project: Project, capability: str | None) -> None:
        selected = self.selected_key()
        if capability != self._capability:
            selected = None
        self._project = project
        self._capability = capability
        modes = [m for m in project.failure_modes if m.capability == capability]
        self.model.set_rows(modes)
        header = self.table.horizontalHeader().height() or 28
        self.table.setFixedHeight(header + 26 * min(max(len(modes), 2), 5) + 4)
        self.add_button.setEnabled(capability is not None)
        flagged = [m for m in modes if flags(m)]
        if capability is None:
            self.summary.setText("")
        elif not modes:
            self.summary.setText(
                "No failure modes yet. How could it go wrong, and who would notice?"
            )
        elif flagged:
            self.summary.setText(
                theme.coloured(f"<b>{len(flagged)} of {len(modes)} need attention:</b>", Role.ERROR)
                + " impact 4 or more with no fallback, detection or owner."
            )
        else:
            self.summary.setText(f"{len(modes)} failure modes; every severe one is covered.")
        if selected is None or self.model.row_of(selected) < 0:
            selected = modes[0].key if modes else None
        self.select(selected)

    def selected_key(self) -> str | None:
        return current_key(self.table)

    def select(self, key: str | None) -> None:
        self._show_mode(select_key(self.table, key))

    def _show_mode(self, key: str | None) -> None:
        mode = self.model.record(self.model.row_of(key)) if key is not None else None
        self._mode = mode
        self.fields.setVisible(mode is not None)
        self.delete_button.setEnabled(mode is not None)
        if mode is None or self._project is None:
            return
        self.form.show_item(mode, self._project)
        found = flags(mode)
        self.warning.setText(
            "Severe failure (impact 4 or more) with " + ", ".join(found) + "." if found else ""
        )
        self.warning.setVisible(bool(found))

    # edits

    def _commit(self, field: str) -> None:
        mode = self._mode
        if mode is None:
            return
        key = mode.key
        label = f"Change {self.form.fields[field].words} of failure mode “{_short(mode)}”"

        def store(changes: dict[str, Any], say: Callable[[str], None]) -> bool:
            stored = self._apply(
                lambda p: edits.set_fields(p, "failure_modes", key, **changes), label, say
            )
            if stored and "key" in changes:
                self.select(changes["key"])  # the table follows the renamed failure mode
            return stored

        commit_edit(self.form, field, mode, store)

    def _on_cell_edited(self, key: str, field: str, value: Any) -> None:
        """A cell typed in the table goes through the form's field, as if typed there."""
        mode = next((m for m in self.model.records() if m.key == key), None)
        if mode is not None and self._project is not None:
            self.select(key)
            self.form.fields[field].load(mode.model_copy(update={field: value}), self._project)
            self._commit(field)

    def add(self) -> None:
        project, capability = self._project, self._capability
        if project is None or capability is None:
            return
        key = edits.make_key(f"fm_{capability}", (m.key for m in project.failure_modes))
        mode = FailureMode(key=key, capability=capability, description=NEW_DESCRIPTION)
        name = project.capability(capability).name
        if self._apply(
            lambda p: edits.add_item(p, "failure_modes", mode), f"Add failure mode to {name}"
        ):
            self.select(key)
            self.form.fields["description"].set_focus()

    def delete(self) -> None:
        mode = self._mode
        if mode is None:
            return
        row = self.model.row_of(mode.key)
        key = mode.key
        if self._apply(
            lambda p: edits.delete_item(p, "failure_modes", key),
            f"Delete failure mode “{_short(mode)}”",
        ):
            remaining = self.model.rowCount()
            if remaining:
                self.select(self.model.record(min(row, remaining - 1)).key)
