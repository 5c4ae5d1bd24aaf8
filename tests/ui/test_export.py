"""Exports from the File menu: the PDF plan (off the GUI thread) and the project file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from tests.ui.conftest import FakeDialogs


def test_export_pdf_through_the_menu(
    open_example: MainWindow, dialogs: FakeDialogs, tmp_path: Path, qtbot: Any
) -> None:
    window = open_example
    target = tmp_path / "plan"  # the suffix is added
    dialogs.save_answer = target
    assert window.export_pdf_action.shortcut().toString() == "Ctrl+E"
    window.export_pdf_action.trigger()
    assert window.pdf_busy and window.busy_bar.isVisibleTo(window)
    assert not window.export_pdf_action.isEnabled()
    qtbot.waitUntil(lambda: not window.pdf_busy, timeout=60_000)
    assert dialogs.errors == []
    pdf = tmp_path / "plan.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Support answer assistant" in text
    assert window.export_pdf_action.isEnabled()
    assert "plan.pdf" in window.project_view.export.status.text()  # type: ignore[union-attr]


def test_export_pdf_from_the_export_step_with_a_slice(
    open_example: MainWindow, dialogs: FakeDialogs, tmp_path: Path, qtbot: Any
) -> None:
    view = open_example.project_view
    assert view is not None
    view.show_step(view.step_index(view.export))
    export = view.export
    export.page_size.setCurrentText("Letter")
    export.recommended.setCurrentIndex(export.recommended.findData("agent_assist"))
    dialogs.save_answer = tmp_path / "letter.pdf"
    export.pdf_button.click()
    qtbot.waitUntil(lambda: not open_example.pdf_busy, timeout=60_000)
    reader = PdfReader(tmp_path / "letter.pdf")
    width = float(reader.pages[0].mediabox.width)
    assert abs(width - 612) < 1  # Letter, in points
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Agent assist first" in text


def test_export_json_gives_back_the_same_project(
    open_example: MainWindow,
    dialogs: FakeDialogs,
    service: ProjectService,
    example_id: int,
    tmp_path: Path,
) -> None:
    dialogs.save_answer = tmp_path / "copy.scope.json"
    open_example.export_json_action.trigger()
    assert dialogs.errors == []
    summary = service.import_file(tmp_path / "copy.scope.json")
    original, copy = service.load(example_id), service.load(summary.id)
    assert copy.model_copy(update={"info": original.info}) == original


def test_exports_need_an_open_project(window: MainWindow) -> None:
    assert not window.export_pdf_action.isEnabled()
    assert not window.export_json_action.isEnabled()


def test_export_pdf_with_only_the_ticked_sections(
    open_example: MainWindow, dialogs: FakeDialogs, tmp_path: Path, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt

    view = open_example.project_view
    assert view is not None
    view.show_step(view.step_index(view.export))
    sections = view.export.sections
    for row in range(sections.count()):
        item = sections.item(row)
        wanted = item.text() in ("Executive brief", "Readiness audit")
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    assert view.export.chosen_sections() == ["summary", "audit"]
    dialogs.save_answer = tmp_path / "short.pdf"
    open_example.export_pdf_action.trigger()  # the menu uses the step's choices
    qtbot.waitUntil(lambda: not open_example.pdf_busy, timeout=60_000)
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "short.pdf").pages)
    assert "Executive brief" in text and "Readiness audit" in text
    assert "Risk register" not in text and "Slices side by side" not in text


def test_a_cancelled_export_writes_nothing(
    open_example: MainWindow, dialogs: FakeDialogs, tmp_path: Path, qtbot: Any
) -> None:
    view = open_example.project_view
    assert view is not None
    view.show_step(view.step_index(view.export))
    dialogs.save_answer = tmp_path / "cancelled.pdf"
    view.export.pdf_button.click()
    assert view.export.cancel_button.isVisible()
    view.export.cancel_button.click()
    qtbot.waitUntil(lambda: not open_example.pdf_busy, timeout=60_000)
    assert not (tmp_path / "cancelled.pdf").exists()
    assert list(tmp_path.glob("*.tmp")) == []
    assert "cancelled" in view.export.status.text()
    assert not dialogs.errors
