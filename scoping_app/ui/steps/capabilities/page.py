"""Step 6, Capabilities: the table, the form beside it, and the dependency graph, live."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QWidget,
)

from scoping_app.analysis.figures import slice_figures
from scoping_app.analysis.graph import cycle_if_added
from scoping_app.domain import edits
from scoping_app.domain.model import Capability, Project
from scoping_app.ui.dialogs import Dialogs
from scoping_app.ui.session import Edit, ProjectSession
from scoping_app.ui.steps.capabilities.failure_modes import FailureModesPanel
from scoping_app.ui.steps.capabilities.form import NEW_NAME, CapabilityForm
from scoping_app.ui.steps.capabilities.model import CapabilitiesModel
from scoping_app.ui.widgets.arrange import panes, stacked
from scoping_app.ui.widgets.graph_panel import GraphPanel
from scoping_app.ui.widgets.read_only import section_label
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.tables import (
    DELETE,
    configure_table,
    current_key,
    fit_columns,
    select_key,
    shortcut_action,
)


class CapabilitiesStep(StepPage):
    title = "Capabilities"
    advice = (
        "The buildable pieces, with three-point effort in person-days, value, latency, running "
        "cost, what each requires, delivers, uses and mitigates, and how each can fail. "
        "In the graph, prerequisites are on the left."
    )
    watches = frozenset(
        {"capabilities", "info", "failure_modes", "metrics", "data_sources", "risks", "slices"}
    )

    def __init__(
        self, session: ProjectSession, dialogs: Dialogs, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._dialogs = dialogs
        self._project: Project | None = None
        self._shown: tuple[Project, str | None] | None = None  # what the form shows

        self.model = CapabilitiesModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Capability list")
        self.table.setModel(self.model)
        configure_table(self.table)
        for section, column in enumerate(self.model.columns):
            if column.width:
                self.table.setColumnWidth(section, column.width)
        self.table.setStyleSheet(
            "QTableView::item { padding: 2px 4px; } QHeaderView::section { padding: 4px 4px; }"
        )

        self.add_button = QPushButton("Add capability", self)
        self.add_button.setToolTip("Add a capability (Ins or Ctrl+N)")
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete the selected capability (Del); Undo brings it back")
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet("color: palette(placeholder-text);")
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.count_label, 1)

        self.form = CapabilityForm(self._apply, self.select, self)
        self.failures = FailureModesPanel(self._apply, self)
        self.form.add_tab(self.failures, "&Failure modes")
        self.graph_panel = GraphPanel(
            "Dependency graph",
            "Shift+drag to add a dependency (hover for help)",
            "Arrows run from a prerequisite to the capability that requires it.\n"
            "Right-drag (or Shift+drag) from the prerequisite onto the capability that needs "
            "it to add a dependency.\nSelect an arrow and press Del (or right-click it) to "
            "remove it; Undo brings it back.\nThe wheel and + / - zoom, 0 is 100%; drag the "
            "background to pan.\nA dark border marks a mandatory capability.",
            self,
        )
        self.graph = self.graph_panel.graph
        self.graph_search = self.graph_panel.search
        self.graph_slice = QComboBox(self)
        self.graph_slice.setAccessibleName("Slice shown in the graph")
        self.graph_slice.setToolTip(
            "Show a slice on the graph: picked capabilities bold, those pulled in as "
            "prerequisites dashed, the rest faded; its critical path drawn thick"
        )
        self.graph_slice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.graph_slice.setMaximumWidth(140)

        top = stacked(buttons, (self.table, 1), parent=self)
        form_box = stacked(
            section_label("Selected capability"), (self.form, 1), margins=(0, 6, 6, 0), parent=self
        )

        self.graph_panel.add_control(self.graph_slice)
        self.graph_ring = self.graph_panel.add_scope_ring("Smallest scope")
        panel_layout = self.graph_panel.layout()
        assert panel_layout is not None  # the panel lays out its own widgets
        panel_layout.setContentsMargins(6, 6, 0, 0)

        bottom = panes(
            self, [form_box, self.graph_panel], [480, 540], (0, 1), remember_as="capabilities/form"
        )
        self.splitter = panes(
            self,
            [top, bottom],
            [270, 380],
            (1, 1),
            Qt.Orientation.Vertical,
            remember_as="capabilities/table",
        )
        self.body.addWidget(self.splitter, 1)

        self.add_action = shortcut_action(self, "Add capability", ["Ins", "Ctrl+N"])
        self.delete_action = shortcut_action(self.table, "Delete capability", [DELETE])

        self.add_action.triggered.connect(self._on_add_shortcut)
        self.add_button.clicked.connect(self._on_add_triggered)
        self.delete_action.triggered.connect(self._on_delete_triggered)
        self.delete_button.clicked.connect(self._on_delete_triggered)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.form.prerequisite_toggled.connect(self._on_prerequisite_toggled)
        self.graph.node_clicked.connect(self.select)
        self.graph.dependency_drawn.connect(self._on_dependency_drawn)
        self.graph.dependency_remove_requested.connect(self._on_dependency_remove_requested)
        self.graph_panel.found.connect(self.select)
        self.graph_slice.currentIndexChanged.connect(self._show_graph_slice)
        self.model.cell_edited.connect(self._on_cell_edited)

    # showing the project

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        key = self.selected_key()
        self._project = project
        if "capabilities" in parts or "info" in parts:
            self.model.show_project(project)
            fit_columns(self.table, self.model.columns)
            self.graph.show_project(project)
        self._fill_graph_slices(project)
        if key is None or self.model.row_of(key) < 0:
            key = project.capabilities[0].key if project.capabilities else None
        self.select(key)
        count = len(project.capabilities)
        total = sum(c.effort.expected for c in project.capabilities)
        self.count_label.setText(
            f"{count} capabilities, {total:,.1f} person-days expected in all"
            if count
            else "No capabilities yet."
        )
        self.delete_button.setEnabled(count > 0)

    def selected_key(self) -> str | None:
        return current_key(self.table)

    def select(self, key: str | None) -> None:
        """Make ``key`` the current capability: the row, the form and the graph follow."""
        self._show_current(select_key(self.table, key))

    def _show_current(self, key: str | None) -> None:
        """The form, the failure modes and the graph show ``key`` (once per project and key:
        a row made current and then selected asks twice)."""
        project = self._project
        shown = self._shown
        if project is not None and (shown is None or shown[0] is not project or shown[1] != key):
            self._shown = (project, key)
            self.form.show_capability(project, key)
            self.failures.show_capability(project, key)
        self.graph.select(key)

    def _on_current_row_changed(self, current: object, _previous: object) -> None:
        self._show_current(self.selected_key())

    # edits: each is one undoable service call

    def _apply(self, operation: Edit, label: str, say: Callable[[str], None] | None = None) -> bool:
        """Run an edit; a refusal is said by ``say`` (under a field), else in a message box."""
        where = say or self
        if self._session.apply_or_report(operation, label, where, self._dialogs) is None:
            self._refresh_form()
            return False
        return True

    def _refresh_form(self) -> None:
        if self._project is not None:
            self.form.show_capability(self._project, self.selected_key())

    def _on_add_shortcut(self) -> None:
        """Ins and Ctrl+N add to the list being worked in: failure modes, else capabilities."""
        focus = self.focusWidget()
        if focus is not None and self.failures.isAncestorOf(focus):
            self.failures.add()
        else:
            self._on_add_triggered()

    def _on_add_triggered(self) -> None:
        project = self._session.project
        names = {c.name for c in project.capabilities}
        name, number = NEW_NAME, 2
        while name in names:
            name, number = f"{NEW_NAME} {number}", number + 1
        key = edits.make_key(name, (c.key for c in project.capabilities))
        capability = Capability(key=key, name=name)
        if self._apply(
            lambda p: edits.add_item(p, "capabilities", capability), f"Add capability {name}"
        ):
            self.select(key)
            self.form.focus_name()

    def _on_delete_triggered(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        name = self._session.project.capability(key).name
        row = self.model.row_of(key)
        if self._apply(
            lambda p: edits.delete_item(p, "capabilities", key), f"Delete capability {name}"
        ):
            remaining = self.model.rowCount()
            if remaining:
                self.select(self.model.key_at(min(row, remaining - 1)))

    def _on_cell_edited(self, key: str, field: str, value: object) -> None:
        """A name typed in the table: committed as if typed in the form (same label, same key)."""
        if field == "name":
            self.select(key)
            self.form.edit_name(str(value))

    def _on_prerequisite_toggled(self, key: str, prerequisite: str, required: bool) -> None:
        project = self._session.project
        name, other = project.capability(key).name, project.capability(prerequisite).name
        if required:
            self._apply(
                lambda p: edits.add_dependency(p, key, prerequisite),
                f"Add dependency: {name} requires {other}",
            )
        else:
            self._apply(
                lambda p: edits.remove_dependency(p, key, prerequisite),
                f"Remove dependency: {name} no longer requires {other}",
            )

    # the graph: a slice shown on it, search, and dependencies drawn or removed there

    def _fill_graph_slices(self, project: Project) -> None:
        current = self.graph_slice.currentData()
        self.graph_slice.blockSignals(True)
        self.graph_slice.clear()
        self.graph_slice.addItem("No slice", None)
        for item in project.slices:
            self.graph_slice.addItem(item.name, item.key)
        index = self.graph_slice.findData(current) if current is not None else 0
        self.graph_slice.setCurrentIndex(max(index, 0))
        self.graph_slice.blockSignals(False)
        self._show_graph_slice()

    def _show_graph_slice(self, _index: int = 0) -> None:
        key = self.graph_slice.currentData()
        project = self._project
        chosen = next((s for s in project.slices if s.key == key), None) if project else None
        if project is None or chosen is None:
            self.graph.clear_slice()
            return
        figures = slice_figures(project, chosen.capabilities)
        self.graph.show_slice(figures.picked, figures.pulled_in, figures.critical_path)

    def show_smallest_scope(self, keys: tuple[str, ...]) -> None:
        """Ring the smallest viable scope (computed by the Slices step) in the graph."""
        self.graph_panel.show_scope(keys)

    def _on_dependency_remove_requested(self, key: str, prerequisite: str) -> None:
        self._on_prerequisite_toggled(key, prerequisite, False)

    def _on_dependency_drawn(self, key: str, prerequisite: str) -> None:
        """'key requires prerequisite', drawn in the graph; a cycle offers to break it instead."""
        project = self._session.project
        if prerequisite in project.capability(key).requires:
            return  # already there: nothing to do
        cycle = cycle_if_added(project, key, prerequisite)
        if cycle is None or len(cycle) < 2:
            self._on_prerequisite_toggled(key, prerequisite, True)
            return
        names = {c.key: c.name for c in project.capabilities}
        # the cycle's edges other than the new one (cycle[0] requires cycle[1])
        links = [(cycle[i], cycle[(i + 1) % len(cycle)]) for i in range(1, len(cycle))]
        options = [f"{names[a]} requires {names[b]}" for a, b in links]
        chain = " → ".join(names[k] for k in [*cycle, cycle[0]])
        choice = self._dialogs.choose(
            self,
            "Not added: it would make a cycle",
            f"{names[key]} requiring {names[prerequisite]} would close a cycle:\n{chain}\n\n"
            "To add it anyway, remove one of the cycle's dependencies:",
            options,
            "Remove and add",
        )
        if choice is None:
            return
        old, old_prerequisite = links[choice]

        def swap(p: Project) -> None:
            edits.remove_dependency(p, old, old_prerequisite)
            edits.add_dependency(p, key, prerequisite)

        self._apply(
            swap,
            f"Add dependency: {names[key]} requires {names[prerequisite]} "
            f"(instead of {names[old]} requiring {names[old_prerequisite]})",
        )

    def completion(self, project: Project) -> str:
        return str(len(project.capabilities)) if project.capabilities else ""
