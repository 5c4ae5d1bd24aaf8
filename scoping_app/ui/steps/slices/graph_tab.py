"""The Slices step's graph: pick a slice's capabilities by clicking them in the graph.

The slice shown is the one selected on the Slices tab (the chooser here selects it there
too). A click on a box puts the capability in the slice, or takes it out; the page decides
and asks when others need it. The smallest viable scope can be ringed for comparison.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scoping_app.analysis.figures import SliceFigures
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.steps.slices.figures_text import figures_forms
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.graph_panel import GraphPanel
from scoping_app.ui.widgets.read_only import section_label
from scoping_app.ui.widgets.rich import RichText

HINT = "Click a capability to put it in the slice or take it out · hover for its figures"
HINT_DETAILS = (
    "A click on a box picks that capability for the slice; its prerequisites come in with it\n"
    "(dashed border). A click on a picked box takes it out; if other picks need it you are "
    "asked\nwhether to take them out too. A click on a dashed box picks it explicitly.\n"
    "Thick arrows: the slice's critical path (its duration). Hover a box for its figures.\n"
    "The wheel and + / - zoom, 0 is 100%; drag the background to pan."
)


def key_text() -> str:
    """What the marks of the slice's graph mean, the ring in its own colour."""
    return (
        "<b>Bold border</b>: picked · <b>dashed</b>: pulled in as a prerequisite · "
        "<b>faded</b>: not in the slice · <b>thick arrows</b>: its critical path · "
        f"<b style='color:{theme.hex(Role.SCOPE_RING)}'>dotted ring</b>: the smallest viable scope"
    )


class SliceGraphTab(QWidget):
    """The graph with the chosen slice laid over it, and that slice's figures beside it."""

    slice_chosen = Signal(str)  # slice key, chosen here
    capability_clicked = Signal(str)  # capability key, clicked without panning

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = GraphPanel("", HINT, HINT_DETAILS, self, key=key_text)
        self.graph = self.panel.graph
        self.graph.links_editable = False  # dependencies are edited on the Capabilities step
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName("Slice shown in the graph")
        self.chooser.setToolTip("The slice whose capabilities a click puts in or takes out")
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.chooser.setMinimumContentsLength(12)
        self.chooser.setMaximumWidth(220)
        slice_label = QLabel("&Slice:", self)
        slice_label.setBuddy(self.chooser)
        self.panel.add_control(slice_label)
        self.panel.add_control(self.chooser)
        self.ring_box = self.panel.add_scope_ring()

        self.figures_title = section_label("Figures of the slice", self, elide=True)
        self.figures = RichText("Figures of the slice in the graph", self)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 6, 0, 0)
        side_layout.addWidget(self.figures_title)
        side_layout.addWidget(self.figures, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.panel)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([760, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter)

        self.chooser.activated.connect(self._on_chosen)
        self.graph.node_activated.connect(self.capability_clicked)

    def show_project(self, project: Project) -> None:
        """Redraw the graph (after capabilities or dependencies changed)."""
        self.graph.show_project(project)

    def show_slices(self, slices: Collection[tuple[str, str]], current: str | None) -> None:
        """The chooser's (key, name) list, with ``current`` shown."""
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for key, name in slices:
            self.chooser.addItem(name, key)
        self.chooser.setCurrentIndex(self.chooser.findData(current) if current else -1)
        self.chooser.setEnabled(bool(slices))
        self.chooser.blockSignals(False)

    def show_slice(self, project: Project, name: str | None, figures: SliceFigures | None) -> None:
        if name is None or figures is None:
            self.graph.clear_slice()
            self.figures_title.setText("Figures of the slice")
            self.figures.setText(
                "<p>No slice yet. Add one on the Slices tab, then click capabilities here "
                "to put them in it.</p>"
            )
            return
        self.graph.show_slice(figures.picked, figures.pulled_in, figures.critical_path)
        self.figures_title.setText(f"Figures of “{name}”")
        self.figures.setText(*figures_forms(project, figures))

    def _on_chosen(self, index: int) -> None:
        key = self.chooser.itemData(index)
        if key is not None:
            self.slice_chosen.emit(key)
