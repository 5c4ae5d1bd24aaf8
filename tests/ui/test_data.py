"""Data: sources with their reality status; assumed and never-verified marked in words and icons."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt

from scoping_app.domain.enums import DataStatus
from scoping_app.services.projects import ProjectService
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.data.page import DataStep
from tests.ui.conftest import OpenPage
from tests.ui.test_list_editor import commit

STATUS, VERIFIED, RECORDS, USED_BY = 1, 2, 3, 5


def test_marks_counts_and_users(open_page: OpenPage, qtbot: Any, session: ProjectSession) -> None:
    page = open_page(DataStep)
    model = page.editor.model
    row = model.row_of("tickets")
    assert model.index(row, STATUS).data() == "Assumed"
    assert model.index(row, STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "Assumed:" in model.index(row, STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, VERIFIED).data() == "Never"
    assert model.index(row, VERIFIED).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(row, RECORDS).data() == "1,100,000"
    have = model.row_of("help_centre")
    assert model.index(have, STATUS).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(have, VERIFIED).data() == "2026-10-02"
    assert "Ticket export" in model.index(row, USED_BY).data()
    summary = page.summary.text()
    assert "2 have" in summary and "1 assumed" in summary and "1 to acquire" in summary
    assert "Never verified: 3 of 4" in summary
    page.editor.select("tickets")
    assert "Assumed" in page.editor.form.notice.text()
    assert "Never verified" in page.editor.form.notice.text()
    # nothing cut off: the records column is as wide as its widest figure
    table = page.editor.table
    width = table.fontMetrics().horizontalAdvance("1,100,000")
    assert table.columnWidth(RECORDS) > width


def test_edit_status_quality_and_verified_date(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DataStep)
    editor = page.editor
    editor.select("tickets")
    editor.fields["status"].choose(DataStatus.HAVE)  # type: ignore[attr-defined]
    assert service.load(example_id).data_sources[2].status is DataStatus.HAVE
    assert session.undo_stack.undoText() == "Change status of Resolved tickets, 24 months"
    assert "1 have" not in page.summary.text() and "3 have" in page.summary.text()

    commit(editor.fields["quality"], "7", qtbot)
    assert editor.form.error_text("quality") == "must be between 1 and 5 (empty when not known)"
    assert service.load(example_id).data_sources[2].quality == 3
    commit(editor.fields["quality"], "5", qtbot)
    assert service.load(example_id).data_sources[2].quality == 5

    date_field = editor.fields["verified_on"]
    date_field.edit.setDate(QDate(2026, 11, 20))  # type: ignore[attr-defined]
    date_field.edit.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(date_field.edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert service.load(example_id).data_sources[2].verified_on == date(2026, 11, 20)
    assert editor.model.index(2, VERIFIED).data() == "2026-11-20"
    date_field.clear_button.click()  # type: ignore[attr-defined]
    assert service.load(example_id).data_sources[2].verified_on is None
    assert date_field.edit.text() == "Never verified"  # type: ignore[attr-defined]
    date_field.today_button.click()  # type: ignore[attr-defined]
    assert service.load(example_id).data_sources[2].verified_on == date.today()

    editor.fields["pii"].box.click()  # type: ignore[attr-defined]
    assert service.load(example_id).data_sources[2].pii is False


def test_add_and_delete_with_undo(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DataStep)
    editor = page.editor
    before = service.load(example_id)
    editor.add_button.click()
    commit(editor.fields["name"], "CRM export", qtbot)
    # a new source goes below the selected one (the first)
    added = service.load(example_id).data_sources[1]
    assert (added.key, added.name) == ("crm_export", "CRM export")
    assert added.status is DataStatus.ASSUMED and added.verified_on is None
    assert editor.selected_key() == "crm_export"
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert len(service.load(example_id).data_sources) == 4
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert service.load(example_id) == before
