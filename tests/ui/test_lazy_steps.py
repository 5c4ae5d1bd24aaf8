"""An open project builds a step's page on its first visit, lets a hidden page wait until it
is shown again, and fills in the sidebar's audit once the analysis has answered."""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from typing import Any

import shiboken6

from scoping_app.domain import edits
from scoping_app.domain.model import DataSource
from scoping_app.ui.guide import CAPABILITIES_STEP, GUIDE, READINESS_STEP
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.project_view import AUDITING, COMPLETION_ROLE
from tests.ui.conftest import project_view

DATA = 2


def test_only_the_step_shown_is_built(open_example: MainWindow) -> None:
    view = project_view(open_example)
    assert view.current_step() == 0
    assert view.built(0) is view.pages.currentWidget()
    assert [view.built(index) for index in range(1, len(GUIDE))] == [None] * (len(GUIDE) - 1)


def test_a_step_is_built_on_its_first_visit_and_shown_at_once(
    open_example: MainWindow, qtbot: Any
) -> None:
    view = project_view(open_example)
    placeholder = view.pages.widget(DATA)
    view.show_step(DATA)
    page = view.built(DATA)
    assert page is not None and page is not placeholder
    assert view.pages.currentWidget() is page  # never the empty placeholder
    assert page.title == "Data" and page.isVisible()
    session = open_example.session
    assert session is not None
    assert page.editor.model.rowCount() == len(session.project.data_sources)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not shiboken6.isValid(placeholder))  # its place is given up


def test_the_guide_names_each_step_as_its_page_does(open_example: MainWindow) -> None:
    view = project_view(open_example)
    for index, step in enumerate(GUIDE):
        assert view.steps[index].title == step.title
        assert view.sidebar.item(index).text() == f"{index + 1}.  {step.title}"


def test_a_hidden_page_catches_up_when_shown_again(open_example: MainWindow) -> None:
    view = project_view(open_example)
    session = open_example.session
    assert session is not None
    view.show_step(DATA)
    page: Any = view.built(DATA)
    before = page.editor.model.rowCount()
    view.show_step(0)
    source = DataSource(key="crm_notes", name="CRM notes")
    session.apply(lambda p: edits.add_item(p, "data_sources", source), "Add data source")
    assert page.editor.model.rowCount() == before  # hidden: not refreshed at every change
    assert (
        view.sidebar.item(DATA).data(COMPLETION_ROLE).endswith(f"/{before + 1}")
    )  # the sidebar is
    view.show_step(DATA)
    assert view.built(DATA) is page
    assert page.editor.model.rowCount() == before + 1  # shown again: up to date


def test_the_readiness_words_follow_the_first_paint(open_example: MainWindow, qtbot: Any) -> None:
    view = project_view(open_example)
    item = view.sidebar.item(READINESS_STEP)
    assert item.data(COMPLETION_ROLE) == AUDITING  # said in words while the audit runs
    assert view.built(READINESS_STEP) is None
    qtbot.waitUntil(lambda: view.facts is not None, timeout=20_000)
    assert item.data(COMPLETION_ROLE) == "1.5 · conditional"
    assert view.built(READINESS_STEP) is None  # the sidebar needed no page for it


def _calls_on_the_gui_thread(monkeypatch: Any, owner: object, name: str) -> list[bool]:
    """Replace ``owner.name`` with a recorder: whether each call ran on the GUI thread."""
    calls: list[bool] = []
    gui_thread = threading.get_ident()
    monkeypatch.setattr(owner, name, lambda: calls.append(threading.get_ident() == gui_thread))
    return calls


def test_the_database_is_made_ready_for_writing_on_a_worker_once_the_window_is_painted(
    make_window: Any, service: Any, qtbot: Any, monkeypatch: Any
) -> None:
    calls = _calls_on_the_gui_thread(monkeypatch, service, "prepare_writes")
    window = make_window()
    assert calls == []  # nothing before the first paint
    window.repaint()
    qtbot.waitUntil(lambda: calls == [False])  # once, off the GUI thread


def test_the_other_steps_modules_load_on_a_worker_once_the_project_is_painted(
    window: MainWindow, example_id: int, qtbot: Any, monkeypatch: Any
) -> None:
    from scoping_app.ui import project_view as module

    calls = _calls_on_the_gui_thread(monkeypatch, module, "load_step_modules")
    assert window.open_project(example_id)
    assert calls == []  # nothing before the first paint
    window.repaint()
    qtbot.waitUntil(lambda: calls == [False])  # once, off the GUI thread


def test_the_graph_is_laid_out_on_a_worker_before_the_capabilities_step_is_visited(
    window: MainWindow, example_id: int, qtbot: Any, monkeypatch: Any
) -> None:
    from scoping_app.analysis import graph

    laid_out: list[bool] = []  # whether each layout ran on the GUI thread
    gui_thread = threading.get_ident()
    lay_out = graph.layered_layout

    def recorded(project: Any) -> Any:
        laid_out.append(threading.get_ident() == gui_thread)
        return lay_out(project)

    monkeypatch.setattr(graph, "layered_layout", recorded)
    monkeypatch.setattr(graph, "_REMEMBERED", OrderedDict())  # nothing remembered yet
    assert window.open_project(example_id)
    window.repaint()
    qtbot.waitUntil(lambda: laid_out == [False])
    view = project_view(window)
    view.show_step(CAPABILITIES_STEP)
    assert len(view.capabilities.graph.nodes) == len(window.session.project.capabilities)  # type: ignore[union-attr]
    assert laid_out == [False]  # the graph found the layout remembered


def test_each_step_s_page_is_the_class_the_guide_names() -> None:
    from scoping_app.ui import project_view as module

    module.load_step_modules()
    for step, (package, name, _needs) in zip(GUIDE, module.STEP_PAGES, strict=True):
        page_class = getattr(sys.modules[f"{module.STEPS_PACKAGE}.{package}.page"], name)
        assert page_class.title == step.title


def test_a_step_s_title_comes_before_the_words_beside_it(qapp: Any) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from scoping_app.ui.project_view import fitted_count

    metrics = QFontMetrics(QFont())
    title, count = "9.  Readiness audit", "1.5 · conditional"
    wide = metrics.horizontalAdvance(title) + metrics.horizontalAdvance(count) + 10
    assert fitted_count(count, title, metrics, wide) == count
    assert fitted_count(count, title, metrics, wide - 40) == "1.5"  # the title stays whole
    assert fitted_count("7/7", title, metrics, 10) == "7/7"
