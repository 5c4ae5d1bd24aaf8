"""The dependency graph with its controls: a title, find, Fit, 100%, a hint and the legend.

The Capabilities step edits dependencies in it; the Slices step picks capabilities in it.
Each page adds its own controls (a slice chooser) with :meth:`GraphPanel.add_control`, and
may offer the smallest viable scope as a dotted ring with :meth:`GraphPanel.add_scope_ring`.
On a short panel (a laptop's window) the legend gives way to the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.flow import FlowLayout
from scoping_app.ui.widgets.graph_view import DependencyGraphView
from scoping_app.ui.widgets.read_only import ElidedLabel, section_label

KEYBOARD_HINT = (
    "With the keyboard: the arrow keys go from box to box, Enter or Space acts as a click."
)


class GraphPanel(QWidget):
    """A :class:`DependencyGraphView` under a row of controls, with a hint and the legend.

    ``title`` may be empty where the page already names the graph; ``key`` says what the
    borders and rings of an overlay mean, written again in new colours when the scheme
    changes."""

    found = Signal(str)  # the capability a search (or Enter for the next match) centred

    def __init__(
        self,
        title: str,
        hint: str,
        hint_details: str,
        parent: QWidget | None = None,
        key: Callable[[], str] | None = None,
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
        self.search.setMinimumWidth(120)
        self.search.setMaximumWidth(220)
        # tool buttons: as wide as their words, so that the header leaves room for the page's
        self.fit_button = QToolButton(self)
        self.fit_button.setText("Fit")
        self.fit_button.setToolTip("Fit the whole graph in view (the wheel, + and - zoom)")
        self.actual_button = QToolButton(self)
        self.actual_button.setText("100%")
        self.actual_button.setToolTip("Show the graph at its natural size (0)")
        # on a narrow window the hint ends in "…" (its tooltip says it all): never widen it
        self.hint = ElidedLabel(hint, self, details=f"{hint_details}\n{KEYBOARD_HINT}")
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        # the title and controls wrap onto a second row on a narrow window
        self._header = FlowLayout()
        if title:
            self._header.addWidget(section_label(title, self))
        self._controls_at = self._header.count()
        self._header.addWidget(self.search)
        self._header.addWidget(self.fit_button)
        self._header.addWidget(self.actual_button)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._header)
        # the hint, and on its right the overlays' switches (kept off the crowded header)
        self._hint_row = QHBoxLayout()
        self._hint_row.addWidget(self.hint, 1)
        layout.addLayout(self._hint_row)
        layout.addWidget(self.graph, 1)
        layout.addWidget(self.graph.legend)
        # what the borders and rings mean, under the category legend
        self._key_text = key
        self.key = QLabel(key() if key else "", self)
        self.key.setStyleSheet("QLabel { font-size: 8pt; }")
        self.key.setWordWrap(True)
        self.key.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.key.setVisible(key is not None)
        layout.addWidget(self.key)

        self.ring_box: QCheckBox | None = None
        self._scope: frozenset[str] = frozenset()

        theme.changed.connect(self._on_theme_changed)
        self.fit_button.clicked.connect(self.graph.fit)
        self.actual_button.clicked.connect(self.graph.reset_zoom)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._on_search_next)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        """On a short panel the legend and the key give way to the graph, which keeps its
        least height (each box still carries its category's tag, and its hover text says
        the rest)."""
        width, spacing = self.width(), self._layout.spacing()
        header = self._header.heightForWidth(width)
        above = header + self._hint_row.sizeHint().height() + 2 * spacing
        below = self.graph.legend.heightForWidth(width) + spacing
        if self._key_text is not None:
            below += self.key.heightForWidth(width) + spacing
        room = self.height() - above - below >= self.graph.minimumHeight()
        self.graph.legend.setVisible(room)
        self.key.setVisible(room and self._key_text is not None)

    def add_control(self, widget: QWidget) -> None:
        """Put a page's own control in the header, before the search box."""
        self._header.insert_widget(self._controls_at, widget)
        self._controls_at += 1

    def add_scope_ring(self, text: str = "Ring the smallest viable scope") -> QCheckBox:
        """A check box, on at first, that rings the capabilities given to :meth:`show_scope`."""
        box = QCheckBox(text, self)
        box.setIcon(scope_ring_icon())
        box.setToolTip(
            "Draw a dotted ring around every capability of the smallest viable scope: the\n"
            "least effort that meets every condition (computed again after each edit)"
        )
        box.setChecked(True)
        box.toggled.connect(self._show_ring)
        self._hint_row.addWidget(box)
        self.ring_box = box
        return box

    def _on_theme_changed(self) -> None:
        """The key's words and the ring's icon in the new colours."""
        if self._key_text is not None:
            self.key.setText(self._key_text())
        if self.ring_box is not None:
            self.ring_box.setIcon(scope_ring_icon())

    def show_scope(self, keys: Collection[str]) -> None:
        """The smallest viable scope's capabilities (none if none is viable), ringed while
        the check box is on."""
        self._scope = frozenset(keys)
        self._show_ring()

    def _show_ring(self) -> None:
        on = self.ring_box is None or self.ring_box.isChecked()
        self.graph.ring(self._scope if on else ())

    def _on_search(self, text: str) -> None:
        key = self.graph.search(text)
        if key is not None:
            self.found.emit(key)

    def _on_search_next(self) -> None:
        key = self.graph.next_match()
        if key is not None:
            self.found.emit(key)


def scope_ring_icon(size: int = 16) -> QIcon:
    """The dotted ring of the smallest viable scope, as drawn in the graph."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(theme.color(Role.SCOPE_RING), 2.0, Qt.PenStyle.DotLine))
    painter.drawRoundedRect(QRectF(2, 3, size - 4, size - 6), 3, 3)
    painter.end()
    return QIcon(pixmap)
