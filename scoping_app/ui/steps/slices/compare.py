"""Slices side by side: a checkable list of two to four slices, and one column per slice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scoping_app.analysis.confidence import Confidence
from scoping_app.analysis.figures import SliceFigures
from scoping_app.domain import words as fmt
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.steps.slices.confidence_text import (
    WORKING_IT_OUT,
    ConfidenceStore,
    chance_words,
    deadline_label,
)
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.keyed_list import KeyedListModel, italic_font
from scoping_app.ui.widgets.read_only import section_label
from scoping_app.ui.widgets.record_table import Index, row_of
from scoping_app.ui.widgets.short_text import short_story

SMALLEST_KEY = ":smallest"  # never a slice key (keys are a-z, 0-9, _ and -)
SMALLEST_LABEL = "Smallest viable scope (computed)"
SMALLEST_SHORT = "Smallest viable scope"
MIN_COLUMNS, MAX_COLUMNS = 2, 4
BEST = "✓ best"


@dataclass(frozen=True)
class Candidate:
    """One column that can be compared: a slice, or the computed smallest viable scope."""

    key: str
    name: str
    figures: SliceFigures


@dataclass(frozen=True)
class Measure:
    """One row: its label, its text for a column, and how to rank it (None: not ranked)."""

    label: str
    text: Callable[[Candidate], str]
    score: Callable[[Candidate], float] | None = None  # higher is better
    colour: Callable[[Candidate], Role | None] | None = None
    tooltip: str = ""


def _ratio(figures: SliceFigures) -> float:
    return figures.value / figures.effort if figures.effort > 0 else 0.0


def _within(value: float, budget: float | None) -> Role | None:
    if budget is None:
        return None
    return Role.OK if value <= budget else Role.ERROR


SURE_LABEL = "Effort, 80% sure (person-days)"
DEADLINE_LABEL = "Chance of meeting the deadline"
Sure = Callable[[Candidate], Confidence | None]


def confidence_measures(project: Project, sure: Sure) -> list[Measure]:
    """How sure each column's effort is and, with a deadline, its chance of meeting it."""

    def effort(c: Candidate) -> str:
        known = sure(c)
        return WORKING_IT_OUT if known is None else f"within {fmt.days(known.effort.p80)}"

    def chance(c: Candidate) -> str:
        known = sure(c)
        return WORKING_IT_OUT if known is None else chance_words(known)

    rows = [
        Measure(
            SURE_LABEL,
            effort,
            lambda c: -(known.effort.p80 if (known := sure(c)) else 0.0),
            tooltip="8 chances in 10 that the effort is at most this, over the three-point "
            "estimates (20,000 draws)",
        )
    ]
    if project.info.deadline is not None:
        rows.append(
            Measure(
                DEADLINE_LABEL,
                chance,
                lambda c: (known.deadline_probability or 0.0) if (known := sure(c)) else 0.0,
                tooltip=deadline_label(project),
            )
        )
    return rows


def measures(
    project: Project, candidates: list[Candidate], sure: Sure = lambda _c: None
) -> list[Measure]:
    """The rows of the comparison, against the project's budgets."""
    info = project.info
    currency = info.currency
    names = {c.key: c.name for c in project.capabilities}
    metrics = len(project.metrics)
    must = {m.key for m in project.metrics if m.must}
    risks = {r.key: r for r in project.risks}

    def latency(c: Candidate) -> str:
        text = fmt.milliseconds(c.figures.latency_ms)
        if info.latency_budget_ms is not None:
            word = "within" if c.figures.latency_ms <= info.latency_budget_ms else "over"
            text += f"\n{word} {fmt.milliseconds(info.latency_budget_ms)}"
        return text

    def cost(c: Candidate) -> str:
        text = fmt.money(c.figures.monthly_cost, currency)
        if info.monthly_budget is not None:
            word = "within" if c.figures.monthly_cost <= info.monthly_budget else "over"
            text += f"\n{word} {fmt.money(info.monthly_budget, currency)}"
        return text

    def cost_share(c: Candidate) -> str:
        if not info.monthly_value:
            return "no monthly value set"
        share = 100 * c.figures.monthly_cost / info.monthly_value
        return f"{share:,.1f}% of the value"

    def covered(c: Candidate) -> str:
        keys = set(c.figures.metrics_covered)
        text = f"{len(keys)} of {metrics}"
        if must:
            text += f"\n{len(keys & must)} of {len(must)} must-haves"
        return text

    def severe(c: Candidate) -> str:
        open_ = c.figures.severe_risks_open
        if not open_:
            return "none"
        return f"{len(open_)} open:\n" + "\n".join(f"“{short_story(risks[k], 50)}”" for k in open_)

    def verdict(c: Candidate) -> str:
        if c.figures.viable:
            return "Viable"
        return "Not viable:\n" + "\n".join(f"• {v}" for v in c.figures.violations)

    closures = {c.key: set(c.figures.closure) for c in candidates}

    def only_here(c: Candidate) -> str:
        others: set[str] = set()
        for key, members in closures.items():
            if key != c.key:
                others |= members
        only = [k for k in c.figures.closure if k not in others]
        return "\n".join(names.get(k, k) for k in only) if only else "—"

    return [
        Measure(
            "Effort (person-days)",
            lambda c: fmt.days(c.figures.effort),
            lambda c: -c.figures.effort,
        ),
        Measure(
            "Duration (days)",
            lambda c: fmt.days(c.figures.duration),
            lambda c: -c.figures.duration,
            tooltip="The critical path, with unlimited hands",
        ),
        *confidence_measures(project, sure),
        Measure(
            "Value (points)",
            lambda c: (
                fmt.points(c.figures.value)
                + (f"\ntarget {fmt.points(info.value_target)}" if info.value_target else "")
            ),
            lambda c: c.figures.value,
            lambda c: (
                None
                if info.value_target is None
                else (Role.OK if c.figures.value >= info.value_target else Role.ERROR)
            ),
        ),
        Measure(
            "Value per effort",
            lambda c: f"{_ratio(c.figures):.2f}",
            lambda c: _ratio(c.figures),
            tooltip="Value points per person-day",
        ),
        Measure(
            "Latency against budget",
            latency,
            lambda c: -c.figures.latency_ms,
            lambda c: _within(c.figures.latency_ms, info.latency_budget_ms),
        ),
        Measure(
            "Running cost a month",
            cost,
            lambda c: -c.figures.monthly_cost,
            lambda c: _within(c.figures.monthly_cost, info.monthly_budget),
        ),
        Measure(
            "Cost against monthly value",
            cost_share,
            (lambda c: -c.figures.monthly_cost) if info.monthly_value else None,
            tooltip=(
                "The running cost as a share of the business value a month"
                + (f" ({fmt.money(info.monthly_value, currency)})" if info.monthly_value else "")
            ),
        ),
        Measure(
            "Metrics covered",
            covered,
            lambda c: (
                len(set(c.figures.metrics_covered) & must) * 1000 + len(c.figures.metrics_covered)
            ),
        ),
        Measure(
            "Severe risks left unmitigated",
            severe,
            lambda c: -len(c.figures.severe_risks_open),
            lambda c: Role.ERROR if c.figures.severe_risks_open else Role.OK,
            tooltip="\n".join(f"• {r.story}" for r in risks.values()),
        ),
        Measure(
            "Viable",
            verdict,
            None,
            lambda c: Role.OK if c.figures.viable else Role.ERROR,
        ),
        Measure(
            "Capabilities only in this one",
            only_here,
            None,
            tooltip="In this column's scope (with prerequisites) and in none of the others",
        ),
    ]


def best_columns(scores: list[float], viable: list[bool]) -> set[int]:
    """The viable columns with the best score among the viable ones: a column that is not
    viable is never best (it cannot be chosen as it is); none when fewer than two columns
    are viable (one viable column is not better than anything it can be chosen over), or
    when the viable columns score the same."""
    chosen = [i for i, ok in enumerate(viable) if ok]
    if len(chosen) < 2:
        return set()
    if max(scores[i] for i in chosen) - min(scores[i] for i in chosen) < 1e-9:
        return set()
    top = max(scores[i] for i in chosen)
    return {i for i in chosen if top - scores[i] < 1e-9}


class CompareModel(QAbstractTableModel):
    """Rows: the measures; columns: the compared scopes. The best value of a row among the
    viable columns is marked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._candidates: list[Candidate] = []
        self._measures: list[Measure] = []
        self._texts: list[list[str]] = []
        self._colours: list[list[Role | None]] = []
        self._best: list[set[int]] = []

    def show_columns(
        self, project: Project, candidates: list[Candidate], sure: Sure = lambda _c: None
    ) -> None:
        self.beginResetModel()
        self._candidates = list(candidates)
        self._measures = measures(project, self._candidates, sure) if candidates else []
        self._texts = [[m.text(c) for c in self._candidates] for m in self._measures]
        self._colours = [
            [m.colour(c) if m.colour else None for c in self._candidates] for m in self._measures
        ]
        viable = [c.figures.viable for c in self._candidates]
        self._best = [
            best_columns([m.score(c) for c in self._candidates], viable) if m.score else set()
            for m in self._measures
        ]
        self.endResetModel()

    def candidates(self) -> list[Candidate]:
        return list(self._candidates)

    def row_of(self, label: str) -> int:
        return row_of(self._measures, label, attrgetter("label"))

    def is_best(self, row: int, column: int) -> bool:
        return column in self._best[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._measures)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._candidates)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row >= len(self._measures) or column >= len(self._candidates):
            return None
        best = column in self._best[row]
        ranked = self._measures[row].score is not None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._texts[row][column]
            return f"{BEST}  {text}" if best else text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if ranked else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.FontRole and best:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._colours[row][column]
            return QBrush(theme.color(colour)) if colour else None
        if role == Qt.ItemDataRole.BackgroundRole and best:
            return QBrush(theme.color(Role.GOOD_TINT))
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._texts[row][column]
            return f"{text}\n(the best of the viable columns)" if best else text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._texts[row][column].replace("\n", ", ")
            return f"{text}, best" if best else text
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self._candidates):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self._candidates[section].name
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._candidates[section].name
            return None
        if section >= len(self._measures):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._measures[section].label
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._measures[section].tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class CompareChoicesModel(KeyedListModel):
    """The scopes that can be compared, ticked when shown; at most four are ticked."""

    choices_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ticked: list[str] = []
        self._touched = False  # the user has ticked or unticked something

    def show_choices(self, items: list[tuple[str, str]]) -> None:
        """(key, name) of every scope; keeps the ticks of those still there."""
        self.beginResetModel()
        self._items = list(items)
        keys = [k for k, _ in self._items]
        # the smallest scope is away while it is computed again: its tick waits for it
        self._ticked = [k for k in self._ticked if k in keys or k == SMALLEST_KEY]
        if not self._touched:  # the first slices, until the user chooses
            slices = [k for k in keys if k != SMALLEST_KEY]
            self._ticked = slices[: MAX_COLUMNS - 1] if len(slices) > 1 else keys[:MAX_COLUMNS]
        self.endResetModel()

    def ticked(self) -> list[str]:
        """The ticked keys, in the order of the list."""
        return [k for k, _ in self._items if k in self._ticked][:MAX_COLUMNS]

    def set_ticked(self, keys: list[str]) -> None:
        self.beginResetModel()
        self._touched = True
        self._ticked = [k for k, _ in self._items if k in keys][:MAX_COLUMNS]
        self.endResetModel()
        self.choices_changed.emit()

    def item_data(self, key: str, name: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if key in self._ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if key not in self._ticked and len(self.ticked()) >= MAX_COLUMNS:
                return f"Untick one first: at most {MAX_COLUMNS} side by side"
            return SMALLEST_LABEL if key == SMALLEST_KEY else name
        if role == Qt.ItemDataRole.FontRole and key == SMALLEST_KEY:
            return italic_font()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        key = self.key_at(index.row())
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        if key in self._ticked or len(self.ticked()) < MAX_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEnabled
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self.key_at(index.row())
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        if ticked == (key in self._ticked):
            return False
        if ticked and len(self.ticked()) >= MAX_COLUMNS:
            return False
        self._touched = True
        if ticked:
            self._ticked.append(key)
        else:
            self._ticked.remove(key)
        # ticking the fourth (or unticking it) changes whether the others can be ticked
        self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))
        self.choices_changed.emit()
        return True


class ComparePanel(QWidget):
    """The "Side by side" tab: the list of scopes to tick, and the comparison table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project: Project | None = None
        self._slices: list[Candidate] = []
        self._smallest: Candidate | None = None
        self._confidence: ConfidenceStore | None = None

        self.choices = CompareChoicesModel(self)
        self.choice_list = QListView(self)
        self.choice_list.setModel(self.choices)
        self.choice_list.setAccessibleName("Scopes to compare")
        self.choice_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.choice_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.choice_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")

        left = QWidget(self)
        left.setFixedWidth(210)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(section_label("Compare (tick two to four)"))
        left_layout.addWidget(self.choice_list, 1)
        left_layout.addWidget(self.hint)

        self.model = CompareModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAccessibleName("Scopes side by side")
        self.table.setStyleSheet("QTableView::item { padding: 3px 2px; }")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setMinimumWidth(180)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # a slice's name wider than its column ends in … (the whole name on hover)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        # rows as tall as their wrapped text, once the columns have their width
        self._fit_when_shown = False  # rows changed while hidden: fit them when shown
        self._fit = QTimer(self)
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)
        self._fit.timeout.connect(self._fit_rows)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._fit.start())
        self.model.modelReset.connect(self._fit.start)
        self.legend = QLabel(
            f"<b>{BEST}</b> marks the best viable column of a row (bold, on green): a scope "
            "that is not viable is never best, and one viable column alone is not marked. "
            "Red is over a budget or short of a target.",
            self,
        )
        self.legend.setStyleSheet("color: palette(placeholder-text);")
        self.legend.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.legend)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(left)
        layout.addLayout(right, 1)

        self.choices.choices_changed.connect(self._refresh)

    def _fit_rows(self) -> None:
        if not self.isVisible():  # another tab is shown: fitted when this one is
            self._fit_when_shown = True
            return
        self._fit_when_shown = False
        self.table.horizontalHeader().resizeSections()  # the stretched widths, now
        self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_when_shown:
            self._fit.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit.start()

    def show_scopes(
        self, project: Project, slices: list[Candidate], smallest: Candidate | None
    ) -> None:
        self._project = project
        self._slices = list(slices)
        self._smallest = smallest
        items = [(c.key, c.name) for c in self._slices]
        if smallest is not None:
            items.append((SMALLEST_KEY, SMALLEST_SHORT))
        self.choices.show_choices(items)
        self._refresh()

    def _shown(self) -> list[Candidate]:
        by_key = {c.key: c for c in self._slices}
        if self._smallest is not None:
            by_key[SMALLEST_KEY] = self._smallest
        return [by_key[k] for k in self.choices.ticked() if k in by_key]

    def scopes_shown(self) -> list[frozenset[str]]:
        """The scopes of the columns shown (none when fewer than two are ticked)."""
        shown = self._shown()
        return [frozenset(c.figures.closure) for c in shown] if len(shown) >= MIN_COLUMNS else []

    def show_confidence(self, store: ConfidenceStore) -> None:
        """Fill the rows of how sure each column is from ``store`` (as far as it knows)."""
        self._confidence = store
        self._refresh()

    def _sure(self, candidate: Candidate) -> Confidence | None:
        store, project = self._confidence, self._project
        if store is None or project is None:
            return None
        return store.get(project, frozenset(candidate.figures.closure))

    def _refresh(self) -> None:
        project = self._project
        if project is None:
            return
        by_key = {c.key: c for c in self._slices}
        if self._smallest is not None:
            by_key[SMALLEST_KEY] = self._smallest
        shown = self._shown()
        if len(shown) < MIN_COLUMNS:
            self.hint.setText(
                "Tick at least two to compare them."
                if len(by_key) >= MIN_COLUMNS
                else "Add a slice to compare it with the smallest viable scope."
            )
        else:
            self.hint.setText(f"{len(shown)} side by side; at most {MAX_COLUMNS}.")
        self.model.show_columns(project, shown if len(shown) >= MIN_COLUMNS else [], self._sure)
        viable = sum(c.figures.viable for c in shown)
        if len(shown) >= MIN_COLUMNS and viable < 2:
            self.hint.setText(
                self.hint.text()
                + (
                    " Only one is viable, so none is marked best."
                    if viable
                    else " None is viable, so none is marked best."
                )
            )
