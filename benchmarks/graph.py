"""Timings of the dependency graph view, drawn offscreen; used by benchmarks/run.py.

Qt is imported inside :func:`graph_view` only, with ``QT_QPA_PLATFORM=offscreen`` set
first, so the other benchmarks run without a display (or without Qt at all).

A frame is ``view.viewport().grab()``: the whole viewport painted into a pixmap by the
raster engine (what a desktop window uses for widgets too), every visible item painted.
In a window Qt can scroll what is already drawn and paint only the strip a pan brings
into view, so the pan figure is an upper bound.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from scoping_app.domain.model import Project

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from scoping_app.ui.widgets.graph_view import DependencyGraphView

Timer = Callable[[Callable[[], object], int], float]

WIDTH = 1000
HEIGHT = 560
PAN_STEP = 120  # pixels of one pan, as a short drag or a few clicks on a scroll bar


def graph_view(project: Project | None = None) -> tuple[QApplication, DependencyGraphView]:
    """The window's graph view (1000 x 560), shown offscreen, with ``project`` if given."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QGraphicsView

    from scoping_app.ui.widgets.graph_view import DependencyGraphView

    app = QApplication.instance() or QApplication([])
    view = DependencyGraphView()
    # the wheel zooms under the mouse; offscreen there is no mouse (Qt would anchor on the
    # scene's corner), so zoom about the centre, as with the mouse in the middle of the view
    view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
    view.resize(WIDTH, HEIGHT)
    view.show()
    app.processEvents()
    if project is not None:
        view.show_project(project)
    return app, view  # type: ignore[return-value]  # QCoreApplication.instance() is the app


def laid_out_and_drawn(view: DependencyGraphView, project: Project) -> Callable[[], object]:
    """The project's graph laid out, its boxes and arrows made and fitted, one frame painted.

    The view keeps its boxes when it is shown the same dependencies again, so each run
    first shows it a project with no capability (clearing what it drew, as a redraw does),
    and the layout the window remembers is forgotten, so that each run lays it out.
    """
    from scoping_app.analysis.graph import forget_layouts

    nothing = project.model_copy(update={"capabilities": [], "failure_modes": [], "slices": []})

    def action() -> None:
        forget_layouts()
        view.show_project(nothing)
        view.show_project(project)
        view.viewport().grab()

    return action


def close(app: QApplication, view: DependencyGraphView) -> None:
    view.close()
    view.deleteLater()
    app.processEvents()


def graph_rows(project: Project, repeat: int, median_ms: Timer) -> list[tuple[str, float]]:
    """Rows for the speed table: the graph laid out and drawn, then one frame after a zoom
    or a pan, far out (the whole graph fitted) and at 100%."""
    app, view = graph_view()

    def frame() -> None:
        view.viewport().grab()

    rows = [
        (
            _label("laid out and drawn, whole graph fitted"),
            median_ms(laid_out_and_drawn(view, project), repeat),
        )
    ]
    fitted = view.scale_factor()

    steps = iter(range(10**6))

    def zoom_step() -> None:
        # in and out by turns, so the zoom stays where it was put
        view.zoom_by(1.2 if next(steps) % 2 == 0 else 1 / 1.2)
        frame()

    view.fit()
    rows.append(
        (
            _label(f"one frame after a zoom step, fitted ({fitted:.0%})"),
            median_ms(zoom_step, repeat),
        )
    )

    view.set_zoom(1.0)
    view.centerOn(view.sceneRect().center())
    app.processEvents()
    rows.append((_label("one frame after a zoom step, at 100%"), median_ms(zoom_step, repeat)))

    view.set_zoom(1.0)
    view.centerOn(view.sceneRect().center())
    app.processEvents()
    bar = view.horizontalScrollBar()
    middle = bar.value()

    def pan() -> None:
        bar.setValue(middle + PAN_STEP if bar.value() == middle else middle)
        frame()

    rows.append((_label("one frame after a pan, at 100%"), median_ms(pan, repeat)))
    close(app, view)
    return rows


def _label(text: str) -> str:
    return f"dependency graph: {text}"
