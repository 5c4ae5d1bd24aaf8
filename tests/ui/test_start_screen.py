"""The start screen: listing, creating, importing, duplicating and deleting projects."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton

from scoping_app.services.projects import ProjectService
from scoping_app.services.templates import load_template
from scoping_app.store.importing import read_file
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.start.new_project_dialog import NewProjectDialog, wants_template
from tests.conftest import EXAMPLE_FILE
from tests.ui.conftest import FakeDialogs


def _names(service: ProjectService) -> list[str]:
    return sorted(summary.name for summary in service.list_projects())


def _imported(window: MainWindow, qtbot: Any) -> None:
    """Wait for the import under way (on its worker) to end."""
    qtbot.waitUntil(lambda: window.start_screen.importing is None, timeout=20_000)


def _row(model: Any, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_lists_projects_with_their_figures(window: MainWindow, example_id: int, qtbot: Any) -> None:
    screen = window.start_screen
    screen.refresh()
    model = screen.model
    assert model.rowCount() == 1
    # the names at once; readiness and verdict once judged off the GUI thread
    assert _row(model, 0)[:5] == [
        "Support answer assistant",
        "Retrieval-augmented generation (RAG)",
        "15",
        "checking…",
        "checking…",
    ]
    qtbot.waitUntil(model.judged, timeout=20_000)
    row = _row(model, 0)
    titles = [column.title for column in model.columns]
    assert titles == [
        "Project",
        "AI pattern",
        "Capabilities",
        "Readiness",
        "Verdict",
        "Last change",
    ]
    assert row[:5] == [
        "Support answer assistant",
        "Retrieval-augmented generation (RAG)",
        "15",
        "1.5 of 3",
        "Go with conditions",
    ]
    assert row[5]  # last change, in local time
    assert screen.selected_id() == example_id


def test_empty_database_says_what_to_do(window: MainWindow) -> None:
    screen = window.start_screen
    assert screen.model.rowCount() == 0
    assert screen._stack.currentWidget() is screen.empty
    assert not screen.open_button.isEnabled()


def test_new_project_is_created_and_opened(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs
) -> None:
    dialogs.new_project_answer = ("Invoice reader", "insurance", "extraction")
    window.new_action.trigger()
    [summary] = service.list_projects()
    assert summary.name == "Invoice reader"
    assert (summary.industry, summary.pattern) == ("insurance", "extraction")
    assert window.session is not None and window.session.project_id == summary.id
    assert window.centralWidget().currentWidget() is window.project_view
    assert window.windowTitle().startswith("Invoice reader")


def test_cancelled_new_project_creates_nothing(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs
) -> None:
    dialogs.new_project_answer = None
    window.start_screen.new_button.click()
    assert service.list_projects() == []


def test_new_project_dialog_needs_a_free_name(qtbot: Any) -> None:
    dialog = NewProjectDialog(None, ["Taken"])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.name.setText("taken")
    assert not ok.isEnabled() and "already" in dialog.problem.text()
    dialog.name.setText("  Claims triage  ")
    assert ok.isEnabled()
    dialog.industry.setCurrentIndex(dialog.industry.findData("healthcare"))
    dialog.pattern.setCurrentIndex(dialog.pattern.findData("classifier"))
    assert dialog.values() == ("Claims triage", "healthcare", "classifier")


def test_import_through_the_file_menu(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs, qtbot: Any
) -> None:
    dialogs.open_answer = EXAMPLE_FILE
    window.import_action.trigger()
    _imported(window, qtbot)
    assert _names(service) == ["Support answer assistant"]
    assert dialogs.errors == []
    assert window.session is not None
    assert window.session.project.name == "Support answer assistant"
    assert len(window.session.project.capabilities) == 15


def test_the_example_project_opens_as_a_copy(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs, qtbot: Any
) -> None:
    assert "open the example project" in window.start_screen.empty.text()
    assert window.start_screen.example_button.text() == "Open the example project"
    qtbot.mouseClick(window.start_screen.example_button, Qt.MouseButton.LeftButton)
    _imported(window, qtbot)
    assert dialogs.errors == []
    assert window.session is not None and window.central.currentWidget() is window.project_view
    assert window.session.project == read_file(EXAMPLE_FILE)
    window.show_start()
    qtbot.mouseClick(window.start_screen.example_button, Qt.MouseButton.LeftButton)
    _imported(window, qtbot)
    assert _names(service) == ["Support answer assistant", "Support answer assistant (2)"]
    assert window.session.project.name == "Support answer assistant (2)"


def test_import_of_a_bad_file_lists_the_problems(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs, tmp_path: Path, qtbot: Any
) -> None:
    document = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    document["capabilities"][3]["requires"] = ["nowhere"]
    document["capabilities"][0]["value"] = -4
    bad = tmp_path / "bad.scope.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    dialogs.open_answer = bad
    window.start_screen.import_button.click()
    _imported(window, qtbot)
    assert service.list_projects() == []
    [(_title, text, details)] = dialogs.errors
    assert "bad.scope.json was not imported" in text
    assert "capabilities[0].value" in details
    assert window.session is None


def test_import_cancelled_does_nothing(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs
) -> None:
    dialogs.open_answer = None
    window.import_action.trigger()
    assert service.list_projects() == [] and dialogs.errors == []


def test_an_import_shows_its_progress_and_cancel_stores_nothing(
    window: MainWindow,
    service: ProjectService,
    dialogs: FakeDialogs,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()
    real_import = service.import_file

    def slow_import(path: Path, *, progress: Any = None) -> Any:
        gate.wait(10)  # the file is still being read when Cancel is pressed
        return real_import(path, progress=progress)

    monkeypatch.setattr(service, "import_file", slow_import)
    dialogs.open_answer = EXAMPLE_FILE
    screen = window.start_screen
    window.import_action.trigger()
    importing = screen.importing
    assert importing is not None  # the window answers while the file is read
    assert not screen.import_button.isEnabled() and not screen.example_button.isEnabled()
    qtbot.waitUntil(importing.dialog.isVisible, timeout=5_000)
    assert "Importing support-assistant.scope.json" in importing.dialog.labelText()
    cancel = importing.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    gate.set()
    _imported(window, qtbot)
    assert service.list_projects() == [] and dialogs.errors == []
    assert window.session is None
    assert "cancelled" in window.statusBar().currentMessage()
    assert screen.import_button.isEnabled()
    assert not any(shown.isVisible() for shown in window.findChildren(QProgressDialog))


def test_duplicate_takes_a_free_name(
    window: MainWindow, service: ProjectService, example_id: int
) -> None:
    screen = window.start_screen
    screen.refresh(select=example_id)
    screen.duplicate_button.click()
    assert _names(service) == ["Support answer assistant", "Support answer assistant (2)"]
    assert screen.model.rowCount() == 2
    copy = screen.model.record(screen.model.row_of(screen.selected_id()))  # type: ignore[arg-type]
    assert copy.name == "Support answer assistant (2)"


def test_delete_asks_first(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs, example_id: int
) -> None:
    screen = window.start_screen
    screen.refresh(select=example_id)
    dialogs.confirm_answer = False
    screen.delete_button.click()
    assert _names(service) == ["Support answer assistant"]
    assert "Support answer assistant" in dialogs.confirmations[0]
    dialogs.confirm_answer = True
    screen.delete_button.click()
    assert service.list_projects() == []
    assert screen.model.rowCount() == 0


def test_deleting_the_open_project_closes_it(
    open_example: MainWindow, service: ProjectService, example_id: int
) -> None:
    window = open_example
    window.projects_action.trigger()
    assert window.centralWidget().currentWidget() is window.start_screen
    window.start_screen.delete_button.click()
    assert window.session is None and window.project_view is None
    assert not window.export_pdf_action.isEnabled()


def test_last_project_is_reopened(make_window: Any, example_id: int) -> None:
    first = make_window()
    first.start_screen.refresh()
    first.open_project(example_id)
    first.project_view.show_step(5)
    first.close()
    second = make_window()
    second.reopen_last()
    assert second.session is not None and second.session.project_id == example_id
    assert second.project_view.current_step() == 5


def test_geometry_is_remembered(make_window: Any, settings: Any) -> None:
    first = make_window()
    # within the offscreen platform's small screen, which restoreGeometry clamps to
    first.resize(720, 520)
    first.move(40, 30)
    geometry = first.geometry()
    first.close()
    settings.sync()
    assert (Path(settings.fileName())).is_file()  # an INI file in the config folder
    second = make_window(restore=True)
    assert (second.size().width(), second.size().height()) == (720, 520)
    assert second.geometry() == geometry


# templates


@pytest.mark.parametrize("pattern", ["rag", "fine_tune", "classifier", "extraction", "agent"])
def test_new_project_from_each_template(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs, pattern: str
) -> None:
    # a fourth item asks for the template, as the dialog's answer does when its box is ticked
    dialogs.new_project_answer = ("From template", "healthcare", pattern, True)  # type: ignore[assignment]
    window.new_action.trigger()
    [summary] = service.list_projects()
    stored = service.load(summary.id)
    template = load_template(pattern)
    assert [c.key for c in stored.capabilities] == [c.key for c in template.capabilities]
    assert [d.key for d in stored.decisions] == [d.key for d in template.decisions]
    assert stored.name == "From template" and stored.info.industry.value == "healthcare"
    assert stored.info.pattern.value == pattern
    assert window.session is not None and len(window.session.project.capabilities) > 0


def test_a_plain_answer_starts_blank(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs
) -> None:
    dialogs.new_project_answer = ("Blank", "general", "rag")
    window.new_action.trigger()
    [summary] = service.list_projects()
    assert service.load(summary.id).capabilities == []


def test_dialog_offers_the_template_of_the_pattern(qtbot: Any) -> None:
    dialog = NewProjectDialog(None, [])
    qtbot.addWidget(dialog)
    dialog.name.setText("Claims triage")
    dialog.pattern.setCurrentIndex(dialog.pattern.findData("rag"))
    assert dialog.use_template.isEnabled() and dialog.use_template.isChecked()
    assert "RAG assistant" in dialog.template_text.text()
    assert wants_template(dialog.values())
    dialog.use_template.setChecked(False)
    assert not wants_template(dialog.values())
    assert "blank" in dialog.template_text.text()
    dialog.pattern.setCurrentIndex(dialog.pattern.findData("forecasting"))
    assert not dialog.use_template.isEnabled() and not dialog.use_template.isChecked()
    assert "No template" in dialog.template_text.text()
    assert not wants_template(dialog.values())
    dialog.pattern.setCurrentIndex(dialog.pattern.findData("classifier"))
    assert dialog.use_template.isChecked()  # checked again by default
    assert dialog.values() == ("Claims triage", "general", "classifier")
    dialog.industry.setCurrentIndex(dialog.industry.findData("retail"))
    assert dialog.regulated_text.isHidden()
    dialog.industry.setCurrentIndex(dialog.industry.findData("legal"))
    assert not dialog.regulated_text.isHidden()


# the first run, and the keyboard


def test_first_run_offers_the_example_a_template_and_a_file(
    window: MainWindow, dialogs: FakeDialogs, qtbot: Any
) -> None:
    screen = window.start_screen
    texts = [b.text() for b in (screen.example_button, screen.new_button, screen.import_button)]
    assert texts == ["Open the example project", "New project from a template…", "Import a file…"]
    assert screen.new_button.isDefault()
    assert not screen.open_button.isDefault() and not screen.open_button.isEnabled()
    assert screen.empty.isVisibleTo(screen)
    assert screen.empty.text().count(".") == 1  # what to do first, in one sentence
    assert "New project from a template" in screen.empty.text()
    # Enter starts a new project
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    dialogs.new_project_answer = ("Invoice reader", "general", "extraction")
    qtbot.keyClick(window.focusWidget() or screen, Qt.Key.Key_Return)
    assert window.session is not None and window.session.project.name == "Invoice reader"


def test_enter_opens_the_selected_project(
    window: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    other = service.duplicate(example_id).id
    screen = window.start_screen
    screen.refresh(select=other)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert window.session is not None and window.session.project_id == other
    assert window.central.currentWidget() is window.project_view
    # back on the list, the list has the focus: Enter opens again, with no new project
    window.show_start()
    assert screen.table.hasFocus()
    screen.refresh(select=example_id)
    qtbot.keyClick(screen.table, Qt.Key.Key_Enter)
    assert window.session.project_id == example_id
    assert len(service.list_projects()) == 2
