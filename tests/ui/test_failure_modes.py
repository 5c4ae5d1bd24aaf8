"""Failure modes per capability, in the Capabilities step: add, edit, flag, delete; undo exactly."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox

from scoping_app.services.projects import ProjectService
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.capabilities.failure_modes import NEW_DESCRIPTION, FailureModesPanel
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from tests.ui.conftest import OpenPage


@pytest.fixture
def step(open_page: OpenPage) -> CapabilitiesStep:
    page = open_page(CapabilitiesStep)
    page.form.tabs.setCurrentIndex(2)
    return page


def _type(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _describe(qtbot: Any, panel: FailureModesPanel, text: str) -> None:
    panel.form.fields["description"].edit.setFocus()
    panel.form.fields["description"].edit.selectAll()
    qtbot.keyClicks(panel.form.fields["description"].edit, text)
    panel.form.fields["description"].edit.left.emit()  # what leaving the box does


def test_the_selected_capability_shows_its_failure_modes(step: CapabilitiesStep) -> None:
    step.select("answer_llm")
    panel = step.failures
    assert panel.model.rowCount() == 2
    assert panel.model.index(0, 0).data().startswith("Confident answer")
    assert panel.form.fields["owner"].edit.text() == "Support QA lead"
    step.select("index")  # impact 4, a fallback, a detection, but nobody called
    assert panel.model.index(0, 4).data() == "Severe: nobody called at 3am"
    assert panel.warning.isVisible()
    assert "nobody called at 3am" in panel.warning.text()
    step.select("ticket_export")
    assert panel.model.rowCount() == 0
    assert "No failure modes yet" in panel.summary.text()
    assert not panel.fields.isVisible()


def test_add_edit_and_delete_a_failure_mode_with_undo(
    qtbot: Any, step: CapabilitiesStep, session: ProjectSession, service: ProjectService
) -> None:
    project_id = session.project_id
    stack = session.undo_stack
    step.select("ticket_export")
    panel = step.failures
    states = [service.load(project_id)]

    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert stack.undoText() == "Add failure mode to Ticket export"
    [added] = [m for m in service.load(project_id).failure_modes if m.capability == "ticket_export"]
    assert added.description == NEW_DESCRIPTION
    assert panel.selected_key() == added.key
    states.append(service.load(project_id))

    _describe(qtbot, panel, "The nightly export silently skips tickets with attachments.")
    _type(qtbot, panel.form.fields["impact"].edit, "5")
    assert stack.undoText().startswith("Change impact of failure mode “The nightly export")
    # severe, with no fallback, detection or owner: flagged in words
    assert panel.model.index(0, 4).data() == (
        "Severe: no fallback, no detection, nobody called at 3am"
    )
    assert "no fallback" in panel.warning.text()
    _type(qtbot, panel.form.fields["likelihood"].edit, "2")
    panel.form.fields["fallback"].combo.setCurrentIndex(
        panel.form.fields["fallback"].combo.findData("retry")
    )
    panel.form.fields["fallback"].combo.activated.emit(
        panel.form.fields["fallback"].combo.currentIndex()
    )
    assert stack.undoText().startswith("Change fallback of failure mode")
    _type(qtbot, panel.form.fields["detection"].edit, "Row count check against the helpdesk")
    _type(qtbot, panel.form.fields["fallback_notes"].edit, "Re-run the export for the missing day")
    _type(qtbot, panel.form.fields["owner"].edit, "Data engineer on call")
    assert stack.undoText().startswith("Change person called at 3am of failure mode")
    assert panel.model.index(0, 4).data() == "OK"
    assert not panel.warning.isVisible()
    stored = next(m for m in service.load(project_id).failure_modes if m.key == added.key)
    assert stored.description == "The nightly export silently skips tickets with attachments."
    assert (stored.likelihood, stored.impact) == (2, 5)
    assert stored.fallback.value == "retry"
    assert stored.detection == "Row count check against the helpdesk"
    assert stored.fallback_notes == "Re-run the export for the missing day"
    assert stored.owner == "Data engineer on call"
    states.append(service.load(project_id))

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert stack.undoText() == "Delete failure mode “The nightly export silently skips…”"
    assert not any(m.capability == "ticket_export" for m in service.load(project_id).failure_modes)
    assert step.model.rowCount() == 15  # the capability stays

    stack.undo()
    assert service.load(project_id) == states[2]
    assert panel.model.rowCount() == 1
    while stack.index() > 0:
        stack.undo()
    assert service.load(project_id) == states[0]
    assert panel.model.rowCount() == 0
    while stack.canRedo():
        stack.redo()
    assert not any(m.capability == "ticket_export" for m in service.load(project_id).failure_modes)


def test_an_empty_description_is_refused_and_nothing_stored(
    qtbot: Any, step: CapabilitiesStep, session: ProjectSession, service: ProjectService
) -> None:
    step.select("answer_llm")
    panel = step.failures
    before = service.load(session.project_id)
    panel.form.fields["description"].edit.setFocus()
    panel.form.fields["description"].edit.selectAll()
    qtbot.keyClick(panel.form.fields["description"].edit, Qt.Key.Key_Delete)
    panel.form.fields["description"].edit.left.emit()
    assert panel.form.errors["description"].isVisible()
    assert panel.form.error_text("description") == "must not be empty"
    assert service.load(session.project_id) == before
    assert (
        panel.form.fields["description"].edit.toPlainText() == ""
    )  # what the user did stays in view


def test_ins_in_the_failure_modes_adds_one_and_deleting_the_capability_takes_them(
    qtbot: Any, step: CapabilitiesStep, session: ProjectSession, service: ProjectService
) -> None:
    step.select("answer_llm")
    panel = step.failures
    panel.table.setFocus()
    step.add_action.trigger()  # Ins / Ctrl+N while working in the failure modes
    modes = [
        m for m in service.load(session.project_id).failure_modes if m.capability == "answer_llm"
    ]
    assert len(modes) == 3
    assert len(service.load(session.project_id).capabilities) == 15
    before = service.load(session.project_id)
    step.table.setFocus()
    step.delete_action.trigger()
    after = service.load(session.project_id)
    assert not any(m.capability == "answer_llm" for m in after.failure_modes)
    session.undo_stack.undo()
    assert service.load(session.project_id) == before


def test_failure_fields_have_accessible_names(step: CapabilitiesStep) -> None:
    step.select("answer_llm")
    panel = step.failures
    for widget in (
        panel.table,
        panel.form.fields["description"].edit,
        panel.form.fields["likelihood"].edit,
        panel.form.fields["impact"].edit,
        panel.form.fields["detection"].edit,
        panel.form.fields["fallback"].combo,
        panel.form.fields["fallback_notes"].edit,
        panel.form.fields["owner"].edit,
    ):
        assert widget.accessibleName()
    assert panel.form.fields["owner"].edit.accessibleName() == "Who is called at 3am"


def test_likelihood_impact_and_description_are_edited_in_place(
    qtbot: Any, step: CapabilitiesStep, session: ProjectSession, service: ProjectService
) -> None:
    step.select("answer_llm")
    panel = step.failures
    table = panel.table
    table.setFocus()
    table.setCurrentIndex(panel.model.index(1, 2))  # impact of "Model provider latency…"
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QSpinBox)
    assert (editor.minimum(), editor.maximum()) == (1, 5)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "4")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.undo_stack.undoText().startswith("Change impact"))
    stored = next(m for m in service.load(session.project_id).failure_modes if m.key == "fm_slow")
    assert stored.impact == 4
    # impact 4 and no fallback: flagged at once
    assert panel.model.index(1, 4).data() == "Severe: no fallback"

    table.setCurrentIndex(panel.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Provider latency spikes")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.undo_stack.undoText().startswith("Change description"))
    stored = next(m for m in service.load(session.project_id).failure_modes if m.key == "fm_slow")
    assert stored.description == "Provider latency spikes"
