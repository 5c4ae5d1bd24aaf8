"""Item models of the Scope slices step: the slices with their figures, and one slice's picks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush

from scoping_app.analysis.figures import SliceFigures
from scoping_app.domain import words as fmt
from scoping_app.domain.model import Project, Slice
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.keyed_list import KeyedListModel, italic_font
from scoping_app.ui.widgets.record_table import Column, Index, RecordTableModel

NAME, PICKED, EFFORT, DURATION, VALUE, LATENCY, COST, VIABLE = range(8)


class SliceRow:
    """A slice with its derived figures (computed by the analysis layer, never stored)."""

    def __init__(self, item: Slice, figures: SliceFigures) -> None:
        self.slice = item
        self.figures = figures


def _over(value: float, limit: float | None) -> Role | None:
    return Role.ERROR if limit is not None and value > limit else None


CRITICAL_PATH = "The critical path, with unlimited hands"


def _figure(
    title: str,
    text: Callable[[SliceFigures], str],
    width: int,
    colour: Callable[[SliceFigures], Role | None] | None = None,
    tooltip: str = "",
) -> Column[SliceRow]:
    """A column of one of a slice's figures, right-aligned, coloured by ``colour``."""
    return Column(
        title,
        lambda r: text(r.figures),
        numeric=True,
        tooltip=tooltip,
        width=width,
        colour=(lambda r: colour(r.figures)) if colour else None,
    )


def _verdict(row: SliceRow) -> str:
    if row.figures.viable:
        return "Viable"
    count = len(row.figures.violations)
    return f"Not viable: {count} issue{'s' if count != 1 else ''}"


def slice_columns(project: Project | None) -> list[Column[SliceRow]]:
    info = project.info if project else None
    currency = info.currency if info else "USD"
    latency_budget = info.latency_budget_ms if info else None
    cost_budget = info.monthly_budget if info else None
    value_target = info.value_target if info else None
    return [
        Column("Slice", lambda r: r.slice.name, width=220),
        Column(
            "Capabilities",
            lambda r: f"{len(r.figures.picked)} + {len(r.figures.pulled_in)} pulled in",
            width=150,
            tooltip="Picked, plus the prerequisites they pull in",
        ),
        _figure("Effort", lambda f: f"{fmt.days(f.effort)} pd", 80),
        _figure("Duration", lambda f: f"{fmt.days(f.duration)} d", 80, tooltip=CRITICAL_PATH),
        _figure(
            "Value",
            lambda f: fmt.points(f.value),
            60,
            lambda f: Role.ERROR if value_target is not None and f.value < value_target else None,
        ),
        _figure(
            "Latency",
            lambda f: fmt.milliseconds(f.latency_ms),
            80,
            lambda f: _over(f.latency_ms, latency_budget),
        ),
        _figure(
            "Monthly cost",
            lambda f: fmt.money(f.monthly_cost, currency),
            100,
            lambda f: _over(f.monthly_cost, cost_budget),
        ),
        Column("Viable", _verdict, colour=lambda r: Role.OK if r.figures.viable else Role.ERROR),
    ]


class SlicesModel(RecordTableModel[SliceRow]):
    """The slices side by side; the name is edited in place (the step stores the rename)."""

    rename_requested = Signal(str, str)  # slice key, new name

    def __init__(self, parent: Any = None) -> None:
        super().__init__(slice_columns(None), parent, key_of=lambda r: r.slice.key)

    def show_rows(self, project: Project, rows: list[SliceRow]) -> None:
        self.set_rows(rows, slice_columns(project))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == NAME:
            return self.record(index.row()).slice.name
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.isValid()
            and index.column() == len(self.columns) - 1
        ):
            figures = self.record(index.row()).figures
            return "Viable" if figures.viable else "\n".join(figures.violations)
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != NAME:
            return False
        name = str(value).strip()
        record = self.record(index.row())
        if not name or name == record.slice.name:
            return False
        key = record.slice.key
        # after the editor has closed: the rename refills this model
        QTimer.singleShot(0, lambda: self.rename_requested.emit(key, name))
        return True


class SliceCapabilitiesModel(KeyedListModel):
    """Every capability, ticked when the slice picks it; prerequisites show as pulled in."""

    pick_toggled = Signal(str, bool)  # capability key, picked

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._picked: frozenset[str] = frozenset()
        self._pulled_in: frozenset[str] = frozenset()
        self._enabled = False

    def show_slice(self, project: Project, figures: SliceFigures | None) -> None:
        self.beginResetModel()
        self._items = [(c.key, c.name) for c in project.capabilities]
        self._enabled = figures is not None
        self._picked = frozenset(figures.picked) if figures else frozenset()
        self._pulled_in = frozenset(figures.pulled_in) if figures else frozenset()
        self.endResetModel()

    def item_data(self, key: str, name: str, role: int) -> Any:
        pulled = key in self._pulled_in
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name} (pulled in)" if pulled else name
        if role == Qt.ItemDataRole.CheckStateRole:
            if key in self._picked:
                return Qt.CheckState.Checked
            return Qt.CheckState.PartiallyChecked if pulled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if pulled:
                return f"{name}: a prerequisite of what the slice picks, so it is in scope"
            return name
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(0, 24)
        if role == Qt.ItemDataRole.ForegroundRole and pulled:
            return QBrush(theme.color(Role.OK))
        if role == Qt.ItemDataRole.FontRole and pulled:
            return italic_font()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self._enabled:
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or not self._enabled:
            return False
        picked = Qt.CheckState(value) == Qt.CheckState.Checked
        key = self.key_at(index.row())
        if picked == (key in self._picked):
            return False
        self.pick_toggled.emit(key, picked)
        return True
