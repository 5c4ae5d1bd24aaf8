"""Item models of the Scope slices step: the slices with their figures, and one slice's picks."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont

from scoping_app.analysis.figures import SliceFigures
from scoping_app.domain import words as fmt
from scoping_app.domain.model import Project, Slice
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.record_table import Column, RecordTableModel, row_of

Index = QModelIndex | QPersistentModelIndex

NAME, PICKED, EFFORT, DURATION, VALUE, LATENCY, COST, VIABLE = range(8)


class SliceRow:
    """A slice with its derived figures (computed by the analysis layer, never stored)."""

    def __init__(self, item: Slice, figures: SliceFigures) -> None:
        self.slice = item
        self.figures = figures


def _over(value: float, limit: float | None) -> Role | None:
    return Role.ERROR if limit is not None and value > limit else None


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
            width=130,
            tooltip="Picked, plus the prerequisites they pull in",
        ),
        Column("Effort", lambda r: f"{fmt.days(r.figures.effort)} pd", numeric=True, width=80),
        Column(
            "Duration",
            lambda r: f"{fmt.days(r.figures.duration)} d",
            numeric=True,
            width=80,
            tooltip="The critical path, with unlimited hands",
        ),
        Column(
            "Value",
            lambda r: fmt.points(r.figures.value),
            numeric=True,
            width=60,
            colour=lambda r: (
                Role.ERROR if value_target is not None and r.figures.value < value_target else None
            ),
        ),
        Column(
            "Latency",
            lambda r: fmt.milliseconds(r.figures.latency_ms),
            numeric=True,
            width=80,
            colour=lambda r: _over(r.figures.latency_ms, latency_budget),
        ),
        Column(
            "Monthly cost",
            lambda r: fmt.money(r.figures.monthly_cost, currency),
            numeric=True,
            width=100,
            colour=lambda r: _over(r.figures.monthly_cost, cost_budget),
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


class SliceCapabilitiesModel(QAbstractListModel):
    """Every capability, ticked when the slice picks it; prerequisites show as pulled in."""

    pick_toggled = Signal(str, bool)  # capability key, picked

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: list[tuple[str, str]] = []
        self._picked: frozenset[str] = frozenset()
        self._pulled_in: frozenset[str] = frozenset()
        self._enabled = False

    def show_slice(self, project: Project, figures: SliceFigures | None) -> None:
        self.beginResetModel()
        self._names = [(c.key, c.name) for c in project.capabilities]
        self._enabled = figures is not None
        self._picked = frozenset(figures.picked) if figures else frozenset()
        self._pulled_in = frozenset(figures.pulled_in) if figures else frozenset()
        self.endResetModel()

    def key_at(self, row: int) -> str:
        return self._names[row][0]

    def row_of(self, key: str) -> int:
        return row_of(self._names, key, itemgetter(0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._names):
            return None
        key, name = self._names[index.row()]
        pulled = key in self._pulled_in
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name} (pulled in)" if pulled else name
        if role == Qt.ItemDataRole.CheckStateRole:
            if key in self._picked:
                return Qt.CheckState.Checked
            return Qt.CheckState.PartiallyChecked if pulled else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if pulled:
                return f"{name} ({key}): a prerequisite of what the slice picks, so it is in scope"
            return f"{name} ({key})"
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(0, 24)
        if role == Qt.ItemDataRole.ForegroundRole and pulled:
            return QBrush(theme.color(Role.OK))
        if role == Qt.ItemDataRole.FontRole and pulled:
            font = QFont()
            font.setItalic(True)
            return font
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
        key = self._names[index.row()][0]
        if picked == (key in self._picked):
            return False
        self.pick_toggled.emit(key, picked)
        return True
