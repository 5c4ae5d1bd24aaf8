"""Business logic: ordered process steps, edited in place, moved by keyboard, manual time shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from scoping_app.domain.enums import AiRole
from scoping_app.services.projects import ProjectService
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.business_logic.page import BusinessLogicStep, duration
from tests.ui.conftest import OpenPage
from tests.ui.test_list_editor import commit


def test_add_a_step_and_edit_its_fields(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(BusinessLogicStep)
    editor = page.editor
    editor.select("escalate")
    editor.add_button.click()
    stored = service.load(example_id).process_steps
    assert [s.key for s in stored][-1] == "new_step"
    commit(editor.fields["name"], "Close ticket", qtbot)
    commit(editor.fields["actor"], "Tier-1 agent", qtbot)
    commit(editor.fields["volume_per_day"], "1,200", qtbot)
    commit(editor.fields["minutes_per_item"], "0.5", qtbot)
    editor.fields["ai_role"].choose(AiRole.AUTOMATE)  # type: ignore[attr-defined]
    item = editor.fields["data"].item("tickets")  # type: ignore[attr-defined]
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: service.load(example_id).process_steps[-1].data == ["tickets"])
    step = service.load(example_id).process_steps[-1]
    assert (step.key, step.name, step.actor) == ("close_ticket", "Close ticket", "Tier-1 agent")
    assert (step.volume_per_day, step.minutes_per_item) == (1200, 0.5)
    assert step.ai_role is AiRole.AUTOMATE and step.data == ["tickets"]
    assert session.undo_stack.undoText() == "Change data used of Close ticket"
    row = editor.model.row_of("close_ticket")
    assert editor.model.index(row, 5).data() == "10 h · 3%"
    assert editor.fields["manual"].text.text() == "10 h a day today"  # type: ignore[attr-defined]
    assert "361 h 40 min a day" in page.summary.text()


def test_a_negative_volume_is_refused_beside_the_field(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(BusinessLogicStep)
    editor = page.editor
    editor.select("triage")
    before = service.load(example_id)
    commit(editor.fields["volume_per_day"], "-3", qtbot)
    assert editor.form.error_text("volume_per_day") == "must be 0 or more (empty when not known)"
    assert editor.form.errors["volume_per_day"].isVisible()
    assert service.load(example_id) == before
    commit(editor.fields["name"], "", qtbot)
    assert editor.form.error_text("name") == "must not be empty"
    assert service.load(example_id) == before


def test_reorder_by_keyboard_and_by_buttons(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(BusinessLogicStep)
    editor = page.editor
    editor.select("escalate")
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    keys = [s.key for s in service.load(example_id).process_steps]
    assert keys == ["receive", "escalate", "triage", "answer"]
    assert session.undo_stack.undoText() == "Move process step Escalate up"
    assert editor.selected_key() == "escalate"
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    editor.select("receive")
    editor.down_button.click()
    keys = [s.key for s in service.load(example_id).process_steps]
    assert keys == ["triage", "receive", "escalate", "answer"]
    editor.select("triage")
    editor.up_button.click()  # already first: nothing happens, nothing is pushed
    assert [s.key for s in service.load(example_id).process_steps] == keys


def test_delete_and_undo(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(BusinessLogicStep)
    editor = page.editor
    before = service.load(example_id)
    editor.select("answer")
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert [s.key for s in service.load(example_id).process_steps] == [
        "receive",
        "triage",
        "escalate",
    ]
    session.undo_stack.undo()
    assert service.load(example_id) == before
    assert editor.model.rowCount() == 4


def test_durations_read_as_hours_and_minutes() -> None:
    assert duration(None) == "—"
    assert duration(0) == "0 min"
    assert duration(0.2) == "less than 1 min"
    assert duration(45) == "45 min"
    assert duration(150) == "2 h 30 min"
    assert duration(21_100) == "351 h 40 min"
