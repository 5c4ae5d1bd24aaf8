"""The dependency graph with its controls: a title, find, Fit, 100%, a hint and the legend.

The Capabilities step edits dependencies in it; the Slices step picks capabilities in it.
Each page adds its own controls (a slice chooser) with :meth:`GraphPanel.add_control`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from scoping_app.ui.widgets.graph_view import DependencyGraphView
from scoping_app.ui.widgets.read_only import section_label


class GraphPanel(QWidget):
    """A :class:`DependencyGraphView` under a row of controls, with a hint and the legend.

    ``title`` may be empty where the page already names the graph; ``key`` says what the
    borders and rings of an overlay mean."""

    found = Signal(str)  # the capability a search (or Enter for the next match) centred

    def __init__(
        self,
        title: str,
        hint: str,
        hint_details: str,
        parent: QWidget | None = None,
        key: str = "",
    ) -> None:
        super().__init__(parent)
        self.graph = DependencyGraphView(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Find in graph…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find in graph")
        self.search.setToolTip(
            "Find a capability by name or key as you type; Enter goes to the next match"
        )
        self.search.setMinimumWidth(130)
        self.search.setMaximumWidth(220)
        self.fit_button = QPushButton("Fit", self)
        self.fit_button.setToolTip("Fit the whole graph in view (the wheel, + and - zoom)")
        self.actual_button = QPushButton("100%", self)
        self.actual_button.setToolTip("Show the graph at its natural size (0)")
        self.hint = QLabel(hint, self)
        self.hint.setToolTip(hint_details)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        # the hint may be clipped on a narrow window (its tooltip says it all): never widen it
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self._header = QHBoxLayout()
        if title:
            self._header.addWidget(section_label(title, self))
        self._header.addStretch(1)
        self._controls_at = self._header.count()
        self._header.addWidget(self.search)
        self._header.addWidget(self.fit_button)
        self._header.addWidget(self.actual_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._header)
        layout.addWidget(self.hint)
        layout.addWidget(self.graph, 1)
        layout.addWidget(self.graph.legend)
        # what the borders and rings mean, under the category legend
        self.key = QLabel(key, self)
        self.key.setStyleSheet("QLabel { font-size: 8pt; }")
        self.key.setWordWrap(True)
        self.key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.key.setVisible(bool(key))
        layout.addWidget(self.key)

        self.fit_button.clicked.connect(self.graph.fit)
        self.actual_button.clicked.connect(self.graph.reset_zoom)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._on_search_next)

    def add_control(self, widget: QWidget) -> None:
        """Put a page's own control in the header, before the search box."""
        self._header.insertWidget(self._controls_at, widget)
        self._controls_at += 1

    def _on_search(self, text: str) -> None:
        key = self.graph.search(text)
        if key is not None:
            self.found.emit(key)

    def _on_search_next(self) -> None:
        key = self.graph.next_match()
        if key is not None:
            self.found.emit(key)
