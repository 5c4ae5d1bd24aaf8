"""The window fits a laptop: every step's page fits 1024 x 640 beside the sidebar, the panes
keep the sizes the user dragged them to across runs, link lists filter, and long one-line
texts are shown whole."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.project_view import SIDEBAR_WIDTH, ProjectView
from scoping_app.ui.steps.business_logic.page import BusinessLogicStep
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from scoping_app.ui.steps.data.page import DataStep
from scoping_app.ui.steps.good.page import DefinitionOfGoodStep
from scoping_app.ui.steps.premortem.page import PreMortemStep
from scoping_app.ui.widgets.fields import LineField
from scoping_app.ui.widgets.rich import NARROW_PX
from scoping_app.ui.widgets.wrapping_line import WrappingLine
from tests.ui.conftest import FakeDialogs, OpenPage, wait_for_scope

LAPTOP = (1024, 640)


def _on_a_laptop(window: MainWindow, qtbot: Any) -> ProjectView:
    """The example's window at laptop size, its smallest scope computed."""
    window.resize(*LAPTOP)
    view = window.project_view
    assert view is not None
    wait_for_scope(qtbot, window)
    return view


def test_every_step_fits_1024_by_640(
    open_example: MainWindow, qtbot: Any, service: ProjectService
) -> None:
    window = open_example
    view = _on_a_laptop(window, qtbot)
    room = LAPTOP[0] - SIDEBAR_WIDTH
    for index, step in enumerate(view.steps):
        view.show_step(index)
        qtbot.waitUntil(step.isVisible)
        QApplication.processEvents()
        least = step.minimumSizeHint()
        # every control of the page fits beside the sidebar: no part of a form is cut off
        assert least.width() <= room, (step.title, least.width(), room)
        assert least.height() <= LAPTOP[1], (step.title, least.height())
    assert window.minimumSizeHint().width() <= LAPTOP[0]
    assert window.minimumSizeHint().height() <= LAPTOP[1]
    assert window.width() == LAPTOP[0]


def test_the_panes_keep_their_sizes_across_runs(
    make_window: Any, example_id: int, qtbot: Any
) -> None:
    first = make_window()
    assert first.open_project(example_id)
    page = first.project_view.steps[6]
    assert isinstance(page, PreMortemStep)
    first.project_view.show_step(6)
    qtbot.waitUntil(page.isVisible)
    before = page.splitter.sizes()
    # the user drags the handle between the register and the matrix 120 pixels left
    page.splitter.moveSplitter(before[0] - 120, 1)
    dragged = page.splitter.sizes()
    assert dragged[0] == before[0] - 120
    first.close()

    second = make_window()
    assert second.open_project(example_id)
    again = second.project_view.steps[6]
    assert isinstance(again, PreMortemStep)
    second.project_view.show_step(6)
    qtbot.waitUntil(lambda: again.splitter.sizes() == dragged)


def test_a_link_list_filters_by_name_and_shows_the_picked_only(
    open_page: OpenPage, qtbot: Any
) -> None:
    page = open_page(CapabilitiesStep)
    page.select("rerank")
    page.form.tabs.setCurrentIndex(1)  # Links
    requires = page.form.prerequisites
    qtbot.waitUntil(requires.picked_only.isVisible)
    assert requires.checked_keys() == ["index"]
    everything = requires.shown_keys()
    assert len(everything) == 14  # every other capability
    qtbot.keyClicks(requires.filter_box, "ANSWER")
    shown = requires.shown_keys()
    assert shown and len(shown) < len(everything)
    assert all("answer" in requires.item_of(k).text().lower() for k in shown)  # type: ignore[union-attr]
    requires.filter_box.clear()
    assert requires.shown_keys() == everything
    qtbot.mouseClick(requires.picked_only, Qt.MouseButton.LeftButton)
    assert requires.shown_keys() == ["index"]
    # the switch lasts when another capability is shown
    page.select("answer_llm")
    assert requires.picked_only.isChecked()
    assert requires.shown_keys() == requires.checked_keys() != []
    qtbot.mouseClick(requires.picked_only, Qt.MouseButton.LeftButton)
    assert len(requires.shown_keys()) == 14


def test_a_long_name_is_shown_whole_and_stays_one_line(
    open_page: OpenPage, qtbot: Any, service: ProjectService, example_id: int
) -> None:
    page = open_page(DefinitionOfGoodStep)
    field = page.editor.fields["name"]
    assert isinstance(field, LineField) and isinstance(field.edit, WrappingLine)
    edit = field.edit
    one_line_height = edit.height()
    long_name = "Share of customer questions answered correctly on the first try " * 2
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, long_name.strip())
    assert edit.lines() >= 2  # wrapped, shown whole
    assert edit.height() > one_line_height
    assert edit.toolTip() == long_name.strip()
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter commits, it adds no new line
    stored = service.load(example_id).metrics[0].name
    assert stored == long_name.strip()
    # a pasted text with line breaks stays one line
    edit.selectAll()
    pasted = QMimeData()
    pasted.setText("Answers\ngrounded")
    edit.insertFromMimeData(pasted)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert service.load(example_id).metrics[0].name == "Answers grounded"
    # keys stay on one line
    assert not isinstance(page.editor.fields["key"].edit, WrappingLine)  # type: ignore[attr-defined]


def test_a_long_slice_name_does_not_widen_the_slices_step(
    open_example: MainWindow, qtbot: Any, dialogs: FakeDialogs
) -> None:
    view = _on_a_laptop(open_example, qtbot)
    step = view.slices
    view.show_step(view.step_index(step))
    qtbot.waitUntil(step.isVisible)
    dialogs.choose_answer = 1  # keep the slice's key
    long_name = ("A slice with a very long name to try the headings " * 3)[:120].strip()
    key = step.selected_key()
    assert key is not None
    assert step.model.setData(step.model.index(step.model.row_of(key), 0), long_name)
    qtbot.waitUntil(lambda: step.picks_title.text() == f"Capabilities in “{long_name}”")
    room = LAPTOP[0] - SIDEBAR_WIDTH
    for tab in range(step.tabs.count()):
        step.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        assert step.minimumSizeHint().width() <= room, (step.tabs.tabText(tab), room)
    step.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    # the headings end in "…" and say the whole name on hover
    for heading in (step.picks_title, step.figures_title, step.graph_tab.figures_title):
        assert long_name in heading.toolTip()
    assert step.picks_title.elided_text().endswith("…")
    assert step.picks_title.width() <= room


def test_dragging_the_handle_never_cuts_the_form_off(open_page: OpenPage, qtbot: Any) -> None:
    page = open_page(DataStep)
    page.editor.select("help_centre")  # the form shows its fields: now its least width counts
    editor = page.editor
    # the user drags the handle between the table and the form as far right as it goes
    editor.splitter.moveSplitter(editor.splitter.width(), 1)
    QApplication.processEvents()
    area = editor.form_area
    inner = area.widget()
    assert inner is not None
    qtbot.waitUntil(lambda: area.viewport().width() >= inner.minimumSizeHint().width())
    assert inner.minimumSizeHint().width() > 200  # the form with its fields, not an empty one


def test_a_computed_sentence_wraps_rather_than_widen_the_form(
    open_page: OpenPage, qtbot: Any
) -> None:
    page = open_page(BusinessLogicStep)
    page.editor.select("triage")
    minutes = page.editor.fields["minutes_per_item"].edit
    minutes.clear()  # the minutes are not known: the manual time says what is missing
    minutes.editingFinished.emit()
    manual = page.editor.fields["manual"].text
    qtbot.waitUntil(lambda: manual.text().startswith("unknown"))
    QApplication.processEvents()
    # the sentence may take two lines: the form can be narrower than the sentence
    assert manual.minimumSizeHint().width() < manual.fontMetrics().horizontalAdvance(manual.text())
    assert page.minimumSizeHint().width() <= LAPTOP[0] - SIDEBAR_WIDTH


def test_the_graph_hint_ends_in_an_ellipsis_on_a_laptop_and_keeps_its_help(
    open_example: MainWindow, qtbot: Any
) -> None:
    window = open_example
    view = _on_a_laptop(window, qtbot)
    page = view.steps[5]
    assert isinstance(page, CapabilitiesStep)
    view.show_step(5)
    hint = page.graph_panel.hint
    qtbot.waitUntil(hint.isVisible)
    whole = "Shift+drag to add a dependency (hover for help)"
    assert hint.text() == whole
    # too narrow for the whole hint beside the ring's switch: it is cut with "…" (not
    # clipped mid-letter), and its hover text still says how to add and remove a dependency
    shown = hint.elided_text()
    assert shown.endswith("…") and whole.startswith(shown[:-1])
    assert "Right-drag (or Shift+drag)" in hint.toolTip()
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: hint.elided_text() == whole)
    assert "Right-drag (or Shift+drag)" in hint.toolTip()


def _words(html: str) -> list[str]:
    return re.sub(r"<[^>]+>", " ", html).split()


def test_on_a_laptop_the_slice_figures_put_each_label_over_its_figure(
    open_example: MainWindow, qtbot: Any
) -> None:
    window = open_example
    view = _on_a_laptop(window, qtbot)
    step = view.slices
    view.show_step(view.step_index(step))
    qtbot.waitUntil(lambda: "Effort range" in step.figures.text(), timeout=10_000)
    panels = (step.figures, step.scope_text)
    for panel in panels:
        # a third of the panes: each label on its own line, over its figure, not a table
        # whose figures wrap over many short lines; the same words either way
        assert panel.width() < NARROW_PX
        shown = panel.shown()
        assert "<table>" not in shown and "<table>" in panel.text()
        assert _words(shown) == _words(panel.text())
        assert "Running cost" in panel.toPlainText()
    window.resize(1440, 900)  # wider panes: the table again
    for panel in panels:
        qtbot.waitUntil(lambda panel=panel: panel.shown() == panel.text())
        assert panel.width() >= NARROW_PX
