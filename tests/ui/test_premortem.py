"""The Pre-mortem step: the four questions, the register, the matrix, mitigation; undo exactly."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from scoping_app.domain.enums import RiskCause
from scoping_app.domain.model import Capability, Project, ProjectInfo
from scoping_app.services.projects import ProjectService
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.premortem.page import LEAD, PreMortemStep
from scoping_app.ui.steps.premortem.register import BARE, PROMPTS
from tests.ui.conftest import FakeDialogs, OpenPage


@pytest.fixture
def fresh(service: ProjectService) -> ProjectSession:
    """A project with two capabilities and no risks yet."""
    project = Project(
        info=ProjectInfo(name="Claims triage"),
        capabilities=[
            Capability(key="ingest", name="Claim ingestion"),
            Capability(key="monitor", name="Drift monitoring", requires=["ingest"]),
        ],
    )
    return ProjectSession(service, service.create(project).id)


def _type(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _click_cell(qtbot: Any, step: PreMortemStep, likelihood: int, impact: int) -> None:
    centre = step.matrix.cell_rect(likelihood, impact).center().toPoint()
    qtbot.mouseClick(step.matrix, Qt.MouseButton.LeftButton, pos=centre)


def test_the_four_questions_add_ready_risks_and_are_then_done(
    open_page: OpenPage,
    qtbot: Any,
    fresh: ProjectSession,
    service: ProjectService,
    dialogs: FakeDialogs,
) -> None:
    step = open_page(PreMortemStep, fresh)
    assert step.lead.text() == LEAD
    assert "No risks yet" in step.summary.text()
    for number, prompt in enumerate(PROMPTS, start=1):
        button = step.prompt_buttons[prompt.cause]
        assert button.isEnabled()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert fresh.undo_stack.undoText() == f"Add risk: {prompt.title.lower()}"
        risks = service.load(fresh.project_id).risks
        assert len(risks) == number
        assert risks[-1].cause is prompt.cause
        assert risks[-1].story.startswith("It failed because")
        assert not button.isEnabled()
        assert button.text().startswith("✓")
        assert step.selected_key() == risks[-1].key
    assert [r.cause for r in service.load(fresh.project_id).risks] == [
        RiskCause.DATA,
        RiskCause.LATENCY,
        RiskCause.DRIFT,
        RiskCause.COST,
    ]
    assert step.risks_model.rowCount() == 4
    # the user then edits the ready story
    step.form.fields["story"].edit.setFocus()
    step.form.fields["story"].edit.selectAll()
    qtbot.keyClicks(step.form.fields["story"].edit, "It failed because invoices cost more")
    qtbot.keyClick(
        step.form.fields["story"].edit, Qt.Key.Key_Return
    )  # a story may run over several lines
    qtbot.keyClicks(step.form.fields["story"].edit, "than claims saved.")
    step.form.fields["story"].edit.left.emit()
    assert service.load(fresh.project_id).risks[-1].story == (
        "It failed because invoices cost more\nthan claims saved."
    )
    assert fresh.undo_stack.undoText().startswith("Change story of risk")
    # deleting the cost risk makes its question available again
    step.table.setFocus()
    qtbot.keyClick(step.table, Qt.Key.Key_Delete)
    assert len(service.load(fresh.project_id).risks) == 3
    assert step.prompt_buttons[RiskCause.COST].isEnabled()


def test_likelihood_and_impact_move_the_risk_in_the_matrix(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    dialogs: FakeDialogs,
) -> None:
    step = open_page(PreMortemStep)
    step.select("r_latency")  # 3 x 3
    assert step.matrix.count(3, 3) == 1
    assert step.matrix.count(5, 4) == 0
    _type(qtbot, step.form.fields["likelihood"].edit, "5")
    assert session.undo_stack.undoText() == (
        "Change likelihood of risk “agents stopped waiting for a draft that…”"
    )
    _type(qtbot, step.form.fields["impact"].edit, "4")
    assert session.undo_stack.undoText().startswith("Change impact of risk")
    stored = next(r for r in service.load(session.project_id).risks if r.key == "r_latency")
    assert (stored.likelihood, stored.impact) == (5, 4)
    assert step.matrix.count(3, 3) == 0
    assert step.matrix.count(5, 4) == 1
    assert step.matrix.cell_text(5, 4) == "severe\n1\nLatency"
    assert step.matrix.cell_text(1, 1) == ""
    # severe now, and mitigated by the answer cache: not bare
    row = step.risks_model.row_of("r_latency")
    assert step.risks_model.index(row, 2).data() == "5 × 4 = 20 severe"
    assert step.risks_model.index(row, 4).data() == "Answer cache for frequent questions"


def test_clicking_a_cell_shows_only_its_risks(
    open_page: OpenPage, qtbot: Any, session: ProjectSession, dialogs: FakeDialogs
) -> None:
    step = open_page(PreMortemStep)
    assert step.risks_model.rowCount() == 7
    _click_cell(qtbot, step, 3, 5)
    assert step.filter_cell == (3, 5)
    assert [r.key for r in step.risks_model.records()] == ["r_wrong", "r_leak"]
    assert "likelihood 3 x impact 5: 2 of 7" in step.filter_label.text()
    assert step.show_all_button.isVisible()
    assert step.matrix.selected_cell == (3, 5)
    _click_cell(qtbot, step, 1, 1)
    assert step.risks_model.rowCount() == 0
    _click_cell(qtbot, step, 1, 1)  # the same cell again: all risks
    assert step.risks_model.rowCount() == 7
    # from the keyboard: arrows move the focused cell, Enter picks it
    step.matrix.setFocus()
    step.matrix.set_selected((4, 4))
    qtbot.keyClick(step.matrix, Qt.Key.Key_Return)
    assert [r.key for r in step.risks_model.records()] == ["r_stale"]
    qtbot.mouseClick(step.show_all_button, Qt.MouseButton.LeftButton)
    assert step.filter_cell is None and step.risks_model.rowCount() == 7


def test_mitigating_capabilities_are_stored_on_the_capabilities(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    dialogs: FakeDialogs,
) -> None:
    step = open_page(PreMortemStep)
    project_id = session.project_id
    before = service.load(project_id)
    step.select("r_leak")  # mitigated by PII redaction only
    assert step.mitigated_by.checked_keys() == ["pii_redaction"]
    item = step.mitigated_by.item_of("pii_redaction")
    assert item is not None
    item.setCheckState(Qt.CheckState.Unchecked)
    assert session.undo_stack.undoText() == (
        "PII redaction no longer mitigates risk “card numbers from tickets ended up in…”"
    )
    stored = service.load(project_id)
    assert "r_leak" not in stored.capability("pii_redaction").mitigates
    # severe, open, unmitigated: said in words in the register, the form and the summary
    row = step.risks_model.row_of("r_leak")
    assert step.risks_model.index(row, 4).data() == BARE
    assert step.bare_warning.isVisible()
    assert "1 severe with no capability mitigating it" in step.summary.text()
    audit = step.mitigated_by.item_of("audit_log")
    assert audit is not None
    audit.setCheckState(Qt.CheckState.Checked)
    stored = service.load(project_id)
    assert stored.capability("audit_log").mitigates == ["r_audit", "r_leak"]
    assert step.risks_model.index(row, 4).data() == "Answer audit trail"
    assert not step.bare_warning.isVisible()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert service.load(project_id) == before


def test_undo_and_redo_across_the_pre_mortem_give_back_each_state(
    open_page: OpenPage,
    qtbot: Any,
    fresh: ProjectSession,
    service: ProjectService,
    dialogs: FakeDialogs,
) -> None:
    step = open_page(PreMortemStep, fresh)
    project_id = fresh.project_id
    states = [service.load(project_id)]
    qtbot.mouseClick(step.prompt_buttons[RiskCause.DRIFT], Qt.MouseButton.LeftButton)
    states.append(service.load(project_id))
    _type(qtbot, step.form.fields["likelihood"].edit, "5")
    states.append(service.load(project_id))
    _type(qtbot, step.form.fields["owner"].edit, "Head of claims")
    states.append(service.load(project_id))
    step.form.fields["status"].combo.setCurrentIndex(
        step.form.fields["status"].combo.findData("accepted")
    )
    step.form.fields["status"].combo.activated.emit(step.form.fields["status"].combo.currentIndex())
    states.append(service.load(project_id))
    step.mitigated_by.item_of("monitor").setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    states.append(service.load(project_id))
    step.add_action.trigger()
    states.append(service.load(project_id))
    assert len(states[-1].risks) == 2
    assert states[-2].capability("monitor").mitigates == ["drift_risk"]
    assert states[-2].risks[0].owner == "Head of claims"

    for state in reversed(states[:-1]):
        fresh.undo_stack.undo()
        assert service.load(project_id) == state
        assert fresh.project == state
    assert step.risks_model.rowCount() == 0
    for state in states[1:]:
        fresh.undo_stack.redo()
        assert service.load(project_id) == state
    assert step.risks_model.rowCount() == 2


def test_an_empty_story_is_refused_with_words(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    dialogs: FakeDialogs,
) -> None:
    step = open_page(PreMortemStep)
    before = service.load(session.project_id)
    step.select("r_cost")
    step.form.fields["story"].edit.setFocus()
    step.form.fields["story"].edit.selectAll()
    qtbot.keyClick(step.form.fields["story"].edit, Qt.Key.Key_Delete)
    step.form.fields["story"].edit.left.emit()
    assert step.form.errors["story"].isVisible()
    assert step.form.error_text("story") == "must not be empty"
    assert service.load(session.project_id) == before
    assert dialogs.errors == []


def test_without_a_session_the_step_is_read_only(qtbot: Any, session: ProjectSession) -> None:
    step = PreMortemStep()
    qtbot.addWidget(step)
    step.show_project(session.project)
    assert "Read-only" in step.read_only_note
    assert step.risks_model.rowCount() == 7
    assert not step.add_button.isEnabled()
    assert not any(b.isEnabled() for b in step.prompt_buttons.values())
    assert not step.form.fields["story"].edit.isEnabled()


def test_premortem_models_pass_the_model_tester(
    open_page: OpenPage,
    qtbot: Any,
    qtmodeltester: Any,
    session: ProjectSession,
    dialogs: FakeDialogs,
) -> None:
    step = open_page(PreMortemStep)
    qtmodeltester.check(step.risks_model)
    step.set_filter((3, 5))
    qtmodeltester.check(step.risks_model)
    qtmodeltester.check(step.failures_model)


def test_ins_adds_a_risk_and_del_deletes_it(
    open_page: OpenPage,
    qtbot: Any,
    fresh: ProjectSession,
    service: ProjectService,
    dialogs: FakeDialogs,
) -> None:
    step = open_page(PreMortemStep, fresh)
    step.table.setFocus()
    qtbot.keyClick(step.table, Qt.Key.Key_Insert)
    [risk] = service.load(fresh.project_id).risks
    assert fresh.undo_stack.undoText() == "Add risk"
    assert step.form.fields["story"].edit.hasFocus()  # ready to write the story
    qtbot.keyClicks(step.form.fields["story"].edit, "nobody used it.")
    step.table.setFocus()  # leaving the story stores it
    assert service.load(fresh.project_id).risks[0].story == "It failed because nobody used it."
    qtbot.keyClick(step.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(service.load(fresh.project_id).risks) == 2
    step.table.setFocus()  # Del in the story deletes text, in the register the risk
    qtbot.keyClick(step.table, Qt.Key.Key_Delete)
    assert [r.key for r in service.load(fresh.project_id).risks] == [risk.key]
