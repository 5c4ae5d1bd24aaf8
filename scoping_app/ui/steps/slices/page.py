"""Step 8, Scope slices: alternative scopes side by side, and the smallest viable one."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scoping_app.analysis.figures import figures_of_slices
from scoping_app.analysis.frontier import FrontierPoint
from scoping_app.analysis.graph import picks_needing
from scoping_app.analysis.optimizer import ScopeResult
from scoping_app.analysis.scope_advice import FRONTIER_SECONDS, ScopeAnalysis, analyse_scope
from scoping_app.domain import edits
from scoping_app.domain import words as fmt
from scoping_app.domain.model import Project, Slice
from scoping_app.ui.dialogs import Dialogs
from scoping_app.ui.session import Edit, ProjectSession
from scoping_app.ui.steps.slices.chart import ChartPoint, ValueEffortChart
from scoping_app.ui.steps.slices.compare import SMALLEST_KEY, Candidate, ComparePanel
from scoping_app.ui.steps.slices.confidence_text import ConfidenceStore
from scoping_app.ui.steps.slices.figures_text import figures_forms
from scoping_app.ui.steps.slices.graph_tab import SliceGraphTab
from scoping_app.ui.steps.slices.models import (
    NAME,
    SliceCapabilitiesModel,
    SliceRow,
    SlicesModel,
)
from scoping_app.ui.steps.slices.smallest_scope import SmallestScopePanel
from scoping_app.ui.widgets import tables
from scoping_app.ui.widgets.arrange import panes, stacked
from scoping_app.ui.widgets.fields import FieldEditor, LineField, key_field
from scoping_app.ui.widgets.form import ItemForm, commit_changes, commit_edit
from scoping_app.ui.widgets.read_only import section_label
from scoping_app.ui.widgets.rich import RichText
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.workers import TaskRunner

NEW_SLICE = "New slice"
SMALLEST_NAME = "Smallest viable scope"
# what the smallest viable scope depends on (not process steps, data, decisions, slices)
OPTIMIZER_INPUTS = frozenset({"info", "capabilities", "metrics", "risks"})


def slice_fields() -> list[FieldEditor]:
    """The selected slice's own fields (its name is also edited in the table)."""
    return [
        LineField("name", "&Name", strip=True, wrap=True, accessible="Slice name"),
        LineField(
            "description",
            "Descri&ption",
            placeholder="what this scope is for",
            wrap=True,
            accessible="Slice description",
        ),
        key_field("slice", "Ke&y"),
    ]


def frontier_status(analysis: ScopeAnalysis) -> str:
    """What the chart says of the frontier found: why it is missing, or that it may be partial."""
    if analysis.frontier_error:
        return f"The efficient frontier could not be computed: {analysis.frontier_error}"
    if analysis.frontier_stopped_early:
        return (
            f"Search stopped after {FRONTIER_SECONDS:g} seconds: each point is on the frontier;"
            " more may lie between them."
        )
    return ""


def _free_name(base: str, taken: set[str]) -> str:
    name, number = base, 2
    while name in taken:
        name, number = f"{base} {number}", number + 1
    return name


class SlicesStep(StepPage):
    title = "Scope slices"
    advice = (
        "Named alternative scopes, side by side. Picking a capability pulls in its "
        "prerequisites; the smallest viable scope is computed exactly and can be saved as a slice."
    )
    watches = ALL_PARTS

    # the smallest viable scope's capabilities once computed: () if none is viable
    smallest_scope_changed = Signal(tuple)

    def __init__(
        self,
        session: ProjectSession,
        dialogs: Dialogs,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._dialogs = dialogs
        self._runner = runner
        self._project: Project | None = None
        self.scope: ScopeResult | None = None
        self.analysis: ScopeAnalysis | None = None
        self.computing = False
        self.confidence = ConfidenceStore(runner, self._show_confidence, self)

        # the slices, side by side
        self.model = SlicesModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Slice list")
        self.table.setModel(self.model)
        tables.configure_table(self.table)
        self.table.setEditTriggers(
            QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed
        )
        for section, column in enumerate(self.model.columns):
            if column.width:
                self.table.setColumnWidth(section, column.width)
        self.add_button = QPushButton("Add slice", self)
        self.rename_button = QPushButton("Rename", self)
        self.duplicate_button = QPushButton("Duplicate", self)
        self.duplicate_button.setToolTip(
            "Copy the selected slice under a new name (Ctrl+D), to try a variant of it"
        )
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete the selected slice (Del); Undo brings it back")
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.duplicate_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        hint = QLabel("Double-click a name to rename it.")
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons.addSpacing(12)
        buttons.addWidget(hint, 1)
        top = stacked(buttons, (self.table, 1), parent=self)

        # the selected slice: its picks and its figures
        self.picks_model = SliceCapabilitiesModel(self)
        self.picks = QListView(self)
        self.picks.setAccessibleName("Capabilities in the slice")
        self.picks.setModel(self.picks_model)
        self.picks.setAlternatingRowColors(True)
        self.picks.setUniformItemSizes(True)
        self.picks_title = section_label("Capabilities in the slice", elide=True)
        self.form = ItemForm(slice_fields(), "", self)
        picks_box = stacked(
            self.form, self.picks_title, (self.picks, 1), margins=(0, 6, 6, 0), parent=self
        )

        self.figures = RichText("Figures of the slice", self)
        self.figures_title = section_label("Figures of the slice", elide=True)
        figures_box = QWidget(self)
        figures_layout = QVBoxLayout(figures_box)
        figures_layout.setContentsMargins(6, 6, 6, 0)
        figures_layout.addWidget(self.figures_title)
        figures_layout.addWidget(self.figures, 1)

        # the smallest viable scope
        self.scope_box = SmallestScopePanel(self)
        self.scope_status = self.scope_box.status
        self.scope_text = self.scope_box.text
        self.save_scope_button = self.scope_box.save_button

        bottom = panes(self, [picks_box, figures_box, self.scope_box], [300, 330, 450])
        splitter = panes(self, [top, bottom], [190, 460], orientation=Qt.Orientation.Vertical)

        # the slice picked in the graph; the scopes side by side; value against effort
        self.graph_tab = SliceGraphTab(self)
        self._graph_stale = True  # redrawn when next shown
        self.compare = ComparePanel(self)
        self.chart = ValueEffortChart(self)
        self.tabs = QTabWidget(self)
        self.tabs.tabBar().setAccessibleName("Views of the slices")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(splitter, "Slices")
        self.tabs.addTab(self.graph_tab, "Graph")
        self.tabs.addTab(self.compare, "Side by side")
        self.tabs.addTab(self.chart, "Value vs effort")
        self.body.addWidget(self.tabs, 1)

        only_table = Qt.ShortcutContext.WidgetShortcut
        self.delete_action = tables.shortcut_action(
            self.table, "Delete slice", [tables.DELETE], only_table
        )
        self.duplicate_action = tables.shortcut_action(
            self.table, "Duplicate slice", ["Ctrl+D"], only_table
        )

        self.add_button.clicked.connect(self._on_add_clicked)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.delete_button.clicked.connect(self._on_delete_triggered)
        self.duplicate_button.clicked.connect(self._on_duplicate_triggered)
        self.duplicate_action.triggered.connect(self._on_duplicate_triggered)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.compare.choices.choices_changed.connect(self._ask_confidence)
        self.graph_tab.slice_chosen.connect(self.select)
        self.graph_tab.capability_clicked.connect(self._on_graph_clicked)
        self.delete_action.triggered.connect(self._on_delete_triggered)
        self.save_scope_button.clicked.connect(self._on_save_scope_clicked)
        self.chart.frontier_clicked.connect(self._on_frontier_clicked)
        self.model.rename_requested.connect(self._on_rename_requested)
        self.picks_model.pick_toggled.connect(self._on_pick_toggled)
        self.form.field_committed.connect(self._on_field_edited)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    # showing the project

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        key = self.selected_key()
        again = project is self._project  # the same snapshot shown again: new colours only
        self._project = project
        if "capabilities" in parts or "info" in parts:
            self._graph_stale = True
        figures = figures_of_slices(project, [item.capabilities for item in project.slices])
        rows = [SliceRow(item, f) for item, f in zip(project.slices, figures, strict=True)]
        self.model.show_rows(project, rows)
        tables.fit_columns(self.table, self.model.columns)
        if key is None or self.model.row_of(key) < 0:
            key = project.slices[0].key if project.slices else None
        self.select(key)
        self._redraw_graph_if_shown()
        has_slices = bool(project.slices)
        for button in (self.rename_button, self.duplicate_button, self.delete_button):
            button.setEnabled(has_slices)
        if again:
            if self.analysis is not None and not self.computing:
                self.scope_box.show_analysis(project, self.analysis)
        elif parts & OPTIMIZER_INPUTS or (self.scope is None and not self.computing):
            self._compute_scope(project)
        self._show_scopes(project, rows)

    def _show_scopes(self, project: Project, rows: list[SliceRow] | None = None) -> None:
        """The side-by-side columns and the chart's points: the slices and the smallest scope."""
        if rows is None:
            rows = self.model.records()
        slices = [Candidate(r.slice.key, r.slice.name, r.figures) for r in rows]
        scope = self.scope
        smallest = None
        computed = scope is not None and not self.computing and bool(project.capabilities)
        if computed and scope is not None and scope.viable and scope.figures is not None:
            smallest = Candidate(SMALLEST_KEY, SMALLEST_NAME, scope.figures)
        self.compare.show_scopes(project, slices, smallest)
        self._ask_confidence()
        points = [
            ChartPoint(c.name, c.figures.effort, c.figures.value, viable=c.figures.viable)
            for c in slices
        ]
        if smallest is not None:
            points.append(
                ChartPoint(SMALLEST_NAME, smallest.figures.effort, smallest.figures.value, True)
            )
        self.chart.show_points(points, project.info.value_target)

    def viable_slices(self) -> list[str]:
        """The keys of the slices that meet every condition, as the table shows them."""
        return [row.slice.key for row in self.model.records() if row.figures.viable]

    def selected_key(self) -> str | None:
        return tables.current_key(self.table)

    def select(self, key: str | None) -> None:
        self._show_selected(tables.select_key(self.table, key, NAME))

    def _selected(self) -> SliceRow | None:
        row = self.model.row_of(self.selected_key())
        return self.model.record(row) if row >= 0 else None

    def _on_current_row_changed(self, _current: object, _previous: object) -> None:
        self._show_selected(self.selected_key())

    def _show_selected(self, key: str | None) -> None:
        project = self._project
        if project is None:
            return
        self.graph_tab.show_slices([(s.key, s.name) for s in project.slices], key)
        record = self.model.record(self.model.row_of(key)) if key is not None else None
        self.form.show_item(record.slice if record else None, project)
        if record is None:
            self.picks_model.show_slice(project, None)
            self.picks_title.setText("Capabilities in the slice")
            self.figures_title.setText("Figures of the slice")
            self.figures.setText(
                "<p>No slice selected. Add a slice, then tick the capabilities it includes.</p>"
            )
            self.graph_tab.show_slice(project, None, None)
            return
        self.picks_model.show_slice(project, record.figures)
        self.picks_title.setText(f"Capabilities in “{record.slice.name}”")
        self.figures_title.setText(f"Figures of “{record.slice.name}”")
        self._ask_confidence()
        self._show_figures()
        self.graph_tab.show_slice(project, record.slice.name, record.figures)

    def _ask_confidence(self) -> None:
        """Work out how sure the figures on the tab shown are (the slice's or side by side)."""
        project, shown, record = self._project, self.tabs.currentWidget(), self._selected()
        if project is not None and shown is self.tabs.widget(0) and record is not None:
            self.confidence.ask(project, [frozenset(record.figures.closure)])
        elif project is not None and shown is self.compare:
            self.confidence.ask(project, self.compare.scopes_shown())

    def _show_confidence(self) -> None:
        self.compare.show_confidence(self.confidence)
        self._show_figures()

    def _show_figures(self) -> None:
        project, record, sure = self._project, self._selected(), self.confidence
        if project is not None and record is not None:
            known = sure.get(project, frozenset(record.figures.closure))
            self.figures.setText(*figures_forms(project, record.figures, known, sure.working))

    # the smallest viable scope, computed off the GUI thread

    def _compute_scope(self, project: Project) -> None:
        # the service's project is read-only: the worker shares it, no copy
        self.computing = True
        self.scope_box.show_computing()
        self._show_ring()
        self.chart.show_frontier([], "Computing the efficient frontier…")
        self._runner.start(
            lambda: analyse_scope(project),
            lambda result: self._on_scope_computed(project, result),
            self._on_scope_failed,
            newest_of=self,
        )

    def _on_scope_computed(self, project: Project, analysis: ScopeAnalysis) -> None:
        self.computing = False
        self.scope = analysis.scope
        self.analysis = analysis
        self.chart.show_frontier(list(analysis.frontier), frontier_status(analysis))
        self.scope_box.show_analysis(project, analysis)
        self._show_scopes(self._project or project)
        self._show_ring()

    def _on_scope_failed(self, error: Exception) -> None:
        self.computing = False
        self.scope = None
        self.analysis = None
        self.chart.show_frontier([], "The efficient frontier could not be computed.")
        self.scope_box.show_failure(error)
        self._show_ring()

    # the graph tab

    def _on_tab_changed(self, _index: int) -> None:
        self._redraw_graph_if_shown()
        self._ask_confidence()

    def _redraw_graph_if_shown(self) -> None:
        """Lay the graph out again, but only when it is on screen: 400 boxes take a while."""
        if (
            self._graph_stale
            and self._project is not None
            and self.tabs.currentWidget() is (self.graph_tab)
        ):
            self._graph_stale = False
            self.graph_tab.show_project(self._project)

    def _show_ring(self) -> None:
        """Ring the smallest viable scope; while a new one is computed, the last stays
        (a second at most), so that the rings do not blink at every edit."""
        if self.computing:
            return
        scope = self.scope
        keys = tuple(scope.capabilities) if scope is not None and scope.viable else ()
        self.graph_tab.panel.show_scope(keys)
        self.smallest_scope_changed.emit(keys)

    def _on_graph_clicked(self, capability: str) -> None:
        """A box clicked in the graph: in the slice if it was not picked, out if it was."""
        key = self.selected_key()
        if key is None:
            return
        picked = capability in self._session.project.slice(key).capabilities
        self._on_pick_toggled(capability, not picked)

    # edits: each is one undoable service call

    def _apply(self, operation: Edit, label: str, say: Callable[[str], None] | None = None) -> bool:
        """Run an edit; a refusal is said by ``say`` (under a field), else in a message box."""
        where = say or self
        if self._session.apply_or_report(operation, label, where, self._dialogs) is None:
            self.show_project(self._session.project, frozenset())
            return False
        return True

    def _store(
        self, key: str, label: str
    ) -> Callable[[dict[str, object], Callable[[str], None]], bool]:
        """The edit that stores changed fields of the slice ``key``; the table follows a new key."""

        def store(changes: dict[str, object], say: Callable[[str], None]) -> bool:
            current = self._session.project.slice(key)
            if "name" in changes:
                key_change = self._key_for_name(current, str(changes["name"]))
                if key_change is None:  # the rename was cancelled
                    self.show_project(self._session.project, frozenset())
                    return False
                changes = {**changes, **key_change}
            changed = current.model_copy(update=changes)
            if not self._apply(lambda p: edits.update_item(p, "slices", key, changed), label, say):
                return False
            self.select(changed.key)
            return True

        return store

    def _key_for_name(self, current: Slice, name: str) -> dict[str, object] | None:
        """The key a renamed slice takes: {"key": …}, {} to keep its key, None to cancel.

        A key made from the old name follows the new one; any other key is offered the
        new name's key (the first answer, the default), or kept.
        """
        others = [s.key for s in self._session.project.slices if s.key != current.key]
        new_key = edits.make_key(name, others)
        if new_key == current.key:
            return {}
        if current.key == edits.make_key(current.name, others):
            return {"key": new_key}
        answer = self._dialogs.ask(
            self,
            "Rename slice",
            f"The slice “{current.name}” becomes “{name}”. Its key “{current.key}”, by which "
            "exported files and the command line name it, can follow the new name.",
            [f"Change the key to “{new_key}”", f"Keep the key “{current.key}”"],
        )
        return None if answer is None else {"key": new_key} if answer == 0 else {}

    def _new_slice(self, base: str, capabilities: list[str], description: str = "") -> Slice:
        project = self._session.project
        name = _free_name(base, {s.name for s in project.slices})
        key = edits.make_key(name, (s.key for s in project.slices))
        return Slice(key=key, name=name, description=description, capabilities=capabilities)

    def _on_add_clicked(self) -> None:
        item = self._new_slice(NEW_SLICE, [])
        if self._apply(lambda p: edits.add_item(p, "slices", item), f"Add slice {item.name}"):
            self.select(item.key)
            self.table.edit(self.model.index(self.model.row_of(item.key), NAME))

    def _on_rename_clicked(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.setFocus()
            self.table.edit(self.model.index(index.row(), NAME))

    def _on_rename_requested(self, key: str, name: str) -> None:
        """A name typed in the table: judged and stored like a field of the form."""
        current = self._session.project.slice(key)
        label = f"Rename slice {current.name} to {name}"
        say = partial(self._say_not_renamed, current.name)
        commit_changes(current, {"name": name}, self._store(key, label), say)

    def _say_not_renamed(self, name: str, message: str) -> None:
        if message:
            self._dialogs.error(
                self, "Not renamed", f"The slice {name} keeps its name: the name {message}."
            )

    def _on_duplicate_triggered(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        current = self._session.project.slice(key)
        item = self._new_slice(
            f"{current.name} (copy)", list(current.capabilities), current.description
        )
        if self._apply(
            lambda p: edits.add_item(p, "slices", item),
            f"Duplicate slice {current.name} as {item.name}",
        ):
            self.select(item.key)

    def _on_delete_triggered(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        name = self._session.project.slice(key).name
        self._apply(lambda p: edits.delete_item(p, "slices", key), f"Delete slice {name}")

    def _on_pick_toggled(self, capability: str, picked: bool) -> None:
        key = self.selected_key()
        if key is None:
            return
        project = self._session.project
        current = project.slice(key)
        name = project.capability(capability).name
        if picked:
            keys = [*current.capabilities, capability]
            label = f"Add {name} to slice {current.name}"
        else:
            dropped = self._ask_what_to_take_out(project, current, capability)
            if dropped is None:
                self._show_selected(key)  # cancelled: the tick comes back
                return
            keys = [k for k in current.capabilities if k not in dropped]
            label = f"Remove {name} from slice {current.name}"
            if len(dropped) > 1:
                label += f" with the {len(dropped) - 1} that need it"
        changed = current.model_copy(update={"capabilities": keys})
        self._apply(lambda p: edits.update_item(p, "slices", key, changed), label)

    def _ask_what_to_take_out(
        self, project: Project, chosen: Slice, capability: str
    ) -> set[str] | None:
        """What to take out of ``chosen`` with ``capability``: the picks that need it, if
        the user says so; None when cancelled."""
        needing = picks_needing(project, chosen.capabilities, capability)
        if not needing:
            return {capability}
        names = project.capabilities_by_key()
        name = names[capability].name
        listed = "\n".join(f"• {names[k].name}" for k in needing)
        others = "1 other capability" if len(needing) == 1 else f"{len(needing)} others"
        choice = self._dialogs.ask(
            self,
            "Others in the slice need it",
            f"The slice also picks {others} that need {name}, directly or through "
            f"other prerequisites:\n{listed}\n\nTake them out too? If they stay, {name} "
            "stays in the slice as their prerequisite.",
            [f"Take out {name} and {others}", f"Take out only {name}"],
        )
        if choice is None:
            return None
        return {capability, *needing} if choice == 0 else {capability}

    def _on_field_edited(self, field: str) -> None:
        """A field of the selected slice, left or Enter pressed."""
        key = self.selected_key()
        if key is None:
            return
        current = self._session.project.slice(key)
        label = f"Change {self.form.fields[field].words} of slice {current.name}"
        commit_edit(self.form, field, current, self._store(key, label))

    def _on_save_scope_clicked(self) -> None:
        if self.scope is None or not self.scope.viable:
            return
        item = self._new_slice(
            SMALLEST_NAME,
            list(self.scope.capabilities),
            "Computed: the least effort that meets every condition of viability.",
        )
        label = f"Save the smallest viable scope as slice {item.name}"
        if self._apply(lambda p: edits.add_item(p, "slices", item), label):
            self.select(item.key)

    def _on_frontier_clicked(self, point: FrontierPoint) -> None:
        """A frontier point clicked on the chart: offer to make it a slice, saying whether it
        reaches the value target (it meets every other condition)."""
        project = self._session.project
        names = project.capabilities_by_key()
        base = f"Frontier: {fmt.days(point.effort)} pd, value {fmt.points(point.value)}"
        listed = ", ".join(names[k].name if k in names else k for k in point.capabilities)
        target = project.info.value_target
        value = fmt.points(point.value)
        if not fmt.within(point.value, target, at_most=False) and target is not None:
            verdict = (
                f"It meets every budget and condition but delivers {value} value points, "
                f"below the target of {fmt.points(target)}: it would not be viable."
            )
            origin = f"below the value target of {fmt.points(target)}"
        else:
            verdict = "It meets every budget and condition: it would be viable."
            origin = "viable"
        text = (
            f"Make a slice of this frontier point ({fmt.days(point.effort)} person-days, "
            f"value {value})?\n\n{verdict}\n\nIt holds: {listed}."
        )
        if not self._dialogs.confirm(self, "Make a slice", text, "Add slice"):
            return
        item = self._new_slice(
            base,
            list(point.capabilities),
            f"From the efficient frontier: the most value for its effort within every budget "
            f"and condition; {origin}.",
        )
        if self._apply(lambda p: edits.add_item(p, "slices", item), f"Add slice {item.name}"):
            self.select(item.key)

    def completion(self, project: Project) -> str:
        return str(len(project.slices)) if project.slices else ""
