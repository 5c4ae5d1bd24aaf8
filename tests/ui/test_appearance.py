"""View > Appearance: light, dark or high contrast, switched live and kept for the next start."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QCheckBox, QWidget

from scoping_app.ui import theme
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.settings import APPEARANCE, appearance
from scoping_app.ui.steps.slices.compare import SMALLEST_KEY
from scoping_app.ui.theme import Appearance, Role
from tests.ui.conftest import wait_for_scope
from tests.ui.test_theme import contrast


@pytest.fixture(autouse=True)
def _back_to_the_system() -> Iterator[None]:
    yield
    theme.use(Appearance.SYSTEM)


def _choose(window: MainWindow, choice: Appearance, qtbot: Any) -> None:
    window.appearance_menu.choices[choice].trigger()
    if window.project_view is not None:
        wait_for_scope(qtbot, window)  # the steps show the project again, in the new colours
    qtbot.wait(20)  # let the widgets repaint


def _pixel(widget: QWidget, at: QPoint) -> QColor:
    return widget.grab().toImage().pixelColor(at)


def _looks(window: MainWindow) -> dict[str, QColor]:
    """What the sidebar, the smallest-scope box and a "best" cell are filled with."""
    view = window.project_view
    assert view is not None
    sidebar = view.sidebar
    scope_box = view.slices.scope_box
    table = view.slices.compare.table
    model = table.model()
    cells = [(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())]
    best = next(rc for rc in cells if model.is_best(*rc))  # type: ignore[attr-defined]
    plain = next(rc for rc in cells if not model.is_best(*rc))  # type: ignore[attr-defined]
    cell = table.visualRect(model.index(*best))
    other = table.visualRect(model.index(*plain))
    viewport = table.viewport()
    return {
        "sidebar": _pixel(sidebar, QPoint(sidebar.width() // 2, sidebar.height() - 5)),
        "scope box": _pixel(scope_box, QPoint(5, scope_box.height() // 2)),
        "best cell": _pixel(viewport, cell.topLeft() + QPoint(2, 2)),
        "plain cell": _pixel(viewport, other.topLeft() + QPoint(2, 2)),
    }


def _texts(window: MainWindow) -> dict[str, tuple[QColor, QColor]]:
    """(text, ground) of the sidebar's steps and of every "best" cell of Side by side."""
    view = window.project_view
    assert view is not None
    palette = view.sidebar.palette()
    pairs = {"sidebar": (palette.color(QPalette.ColorRole.Text), _looks(window)["sidebar"])}
    model = view.slices.compare.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            if model.is_best(row, column):
                index = model.index(row, column)
                ink = index.data(Qt.ItemDataRole.ForegroundRole)
                ground = index.data(Qt.ItemDataRole.BackgroundRole).color()
                text = ink.color() if ink is not None else palette.color(QPalette.ColorRole.Text)
                pairs[f"best {row},{column}"] = (text, ground)
    return pairs


def _show_compare(window: MainWindow, qtbot: Any) -> None:
    view = window.project_view
    assert view is not None
    view.show_step(view.step_index(view.slices))
    view.slices.tabs.setCurrentWidget(view.slices.compare)
    wait_for_scope(qtbot, window)
    # two viable columns (Everything at once and the smallest scope), so some cells are best
    view.slices.compare.choices.set_ticked(
        ["agent_assist", "self_service", "everything", SMALLEST_KEY]
    )
    qtbot.waitUntil(lambda: view.slices.compare.model.rowCount() > 0)


def test_dark_restyles_the_sidebar_the_scope_box_and_best_cells_live(
    open_example: MainWindow, qtbot: Any, settings: QSettings
) -> None:
    window = open_example
    _show_compare(window, qtbot)
    _choose(window, Appearance.LIGHT, qtbot)
    assert all(c.lightness() > 128 for c in _looks(window).values()), _looks(window)

    _choose(window, Appearance.DARK, qtbot)
    looks = _looks(window)
    assert all(c.lightness() < 128 for c in looks.values()), looks
    for name, (text, ground) in _texts(window).items():
        assert contrast(text.name(), ground.name()) >= 4.5, (name, text.name(), ground.name())
    assert settings.value(APPEARANCE) == "dark"
    key = window.project_view.slices.graph_tab.panel.key  # type: ignore[union-attr]
    assert theme.value(Role.SCOPE_RING, True) in key.text()

    _choose(window, Appearance.LIGHT, qtbot)
    assert all(c.lightness() > 128 for c in _looks(window).values()), _looks(window)
    for name, (text, ground) in _texts(window).items():
        assert contrast(text.name(), ground.name()) >= 4.5, (name, text.name(), ground.name())


def test_rich_texts_are_written_again_in_the_new_colours(
    open_example: MainWindow, qtbot: Any
) -> None:
    window = open_example
    _show_compare(window, qtbot)
    figures = window.project_view.slices.figures  # type: ignore[union-attr]
    _choose(window, Appearance.LIGHT, qtbot)
    qtbot.waitUntil(lambda: theme.value(Role.OK, False) in figures.text())
    _choose(window, Appearance.DARK, qtbot)
    qtbot.waitUntil(lambda: theme.value(Role.OK, True) in figures.text())
    assert theme.value(Role.OK, False) not in figures.text()


def test_high_contrast_strengthens_text_and_grounds(open_example: MainWindow, qtbot: Any) -> None:
    window = open_example
    _show_compare(window, qtbot)
    _choose(window, Appearance.HIGH_CONTRAST, qtbot)
    assert theme.current().strong
    sidebar = _looks(window)["sidebar"]
    assert sidebar == QColor(theme.value(Role.PANEL, False, True))
    text = window.palette().color(QPalette.ColorRole.WindowText)
    assert contrast(text.name(), sidebar.name()) >= 7


def test_the_choice_is_kept_for_the_next_start(
    make_window: Any, settings: QSettings, qtbot: Any
) -> None:
    first = make_window()
    assert first.appearance_menu.choices[Appearance.SYSTEM].isChecked()
    first.appearance_menu.choices[Appearance.DARK].trigger()
    assert appearance(settings) is Appearance.DARK
    theme.use(Appearance.SYSTEM)  # as at a new start, before the window is built

    second = make_window()
    assert second.appearance_menu.choices[Appearance.DARK].isChecked()
    assert theme.is_dark()
    qtbot.wait(20)
    assert second.palette().color(QPalette.ColorRole.Window).lightness() < 128


def test_the_view_menu_offers_the_four_choices(window: MainWindow) -> None:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "&View" in menus
    view = menus["&View"]
    appearance_menu = next(a.menu() for a in view.actions() if a.menu() is not None)
    words = [a.text() for a in appearance_menu.actions()]
    assert words == ["Same as the system", "Light", "Dark", "High contrast"]
    assert sum(a.isChecked() for a in appearance_menu.actions()) == 1


def test_an_unknown_saved_choice_means_the_system(settings: QSettings) -> None:
    settings.setValue(APPEARANCE, "purple")
    assert appearance(settings) is Appearance.SYSTEM


def test_an_unticked_box_has_a_visible_edge_in_dark(open_example: MainWindow, qtbot: Any) -> None:
    """Fusion draws a box's edge from the window colour, which vanishes on a dark window."""
    _choose(open_example, Appearance.DARK, qtbot)
    box = QCheckBox("Picked only", open_example)
    box.resize(box.sizeHint())
    box.show()
    qtbot.waitExposed(box)
    image = box.grab().toImage()
    ground = image.pixelColor(image.width() - 2, image.height() // 2).name()
    height = image.height()
    edge = max(
        contrast(image.pixelColor(x, y).name(), ground) for x in range(18) for y in range(height)
    )
    assert edge >= 3, edge


def test_a_change_of_colours_computes_nothing_again(open_example: MainWindow, qtbot: Any) -> None:
    """The steps show the same project in new colours: the smallest scope is not recomputed,
    and the column of it the user ticked in Side by side stays."""
    _show_compare(open_example, qtbot)
    view = open_example.project_view
    assert view is not None
    analysis = view.slices.analysis
    open_example.appearance_menu.choices[Appearance.DARK].trigger()
    assert not view.slices.computing and view.slices.analysis is analysis
    assert SMALLEST_KEY in view.slices.compare.choices.ticked()
    assert view.slices.compare.model.columnCount() == 4
