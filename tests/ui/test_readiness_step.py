"""The Readiness audit step: score, gate, sections, findings that lead to the fix."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import Qt

from scoping_app.domain import edits
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.project_view import COMPLETION_ROLE
from scoping_app.ui.steps.readiness.findings import STEP_TITLES
from scoping_app.ui.steps.readiness.page import ReadinessStep
from tests.ui.conftest import project_view, show_and_wait

EXAMPLE_FINDINGS = ["A2", "A3", "B1", "C3", "D3", "E2", "F2", "F3"]


def _audited(window: MainWindow, qtbot: Any) -> ReadinessStep:
    return show_and_wait(window, qtbot, lambda view: view.readiness, "result")


def test_the_example_is_scored(open_example: MainWindow, qtbot: Any) -> None:
    step = _audited(open_example, qtbot)
    assert step.result is not None
    assert step.result.readiness == 1.5 and step.result.gate == "conditional"
    assert step.score_label.text().startswith("1.5")
    assert "/ 3" in step.score_label.text()
    assert "CONDITIONAL" in step.gate_badge.text()  # in words, not only colour
    assert "A first pass: fix the findings" in step.band_label.text()
    assert step.status_label.isHidden()
    # the weakest section, named in words
    assert step.result.weakest == "A"
    assert step.section_marks["A"].text().endswith("weakest")
    assert "Business logic &amp; data" in step.section_titles["A"].text()
    assert [m.text() for k, m in step.section_marks.items() if k != "A"] == [""] * 6
    assert step.section_scores["A"].text() == "1.5 / 3"
    assert step.section_scores["G"].text() == "3 / 3"
    assert step.section_bars["A"].value == 1.5
    # the findings, in check order, in words
    assert step.model.checks() == EXAMPLE_FINDINGS
    assert step.findings_title.text() == "Findings (8)"
    first = step.model.index(0).data()
    assert first.startswith("High severity, A2 Data you actually have")
    assert "What to do:" in first and "Fixed in the Data step" in first
    html = step.model.index(0).data(Qt.ItemDataRole.UserRole + 2)
    assert "Resolved tickets, 24 months" in html and "Fix in Data" in html
    d3 = step.model.index(step.model.row_of("D3")).data(Qt.ItemDataRole.UserRole + 2)
    assert "Concerns:" in d3 and "Cache answers?" in d3  # not named by the sentence
    # the sidebar says it too
    view = project_view(open_example)
    item = view.sidebar.item(view.step_index(step))
    assert item.data(COMPLETION_ROLE) == "1.5 · conditional"


def test_the_finding_targets_match_the_guided_path(open_example: MainWindow) -> None:
    view = project_view(open_example)
    for index, title in STEP_TITLES.items():
        assert view.steps[index].title == title


def test_activating_a_finding_selects_the_item_to_fix(open_example: MainWindow, qtbot: Any) -> None:
    step = _audited(open_example, qtbot)
    view = project_view(open_example)
    row = step.model.row_of("A2")
    index = step.model.index(row)
    step.findings.setCurrentIndex(index)
    step.findings.setFocus()
    step.findings.activated.emit(index)  # what Enter (or a click) on the finding does
    data = view.steps[view.current_step()]
    assert data.title == "Data"
    # the first failing source, in the order the Data step lists them
    assert data.editor.selected_key() == "policies"  # type: ignore[attr-defined]


def test_a_severe_failure_mode_finding_opens_its_tab(open_example: MainWindow, qtbot: Any) -> None:
    step = _audited(open_example, qtbot)
    view = project_view(open_example)
    step.activate(step.model.row_of("C3"))
    capabilities = view.capabilities
    assert view.pages.currentWidget() is capabilities
    assert capabilities.form.tabs.currentWidget() is capabilities.failures
    assert capabilities.failures.selected_key() == "fm_stale"
    # a decision finding: the Architecture decisions step, the open decision selected
    step.activate(step.model.row_of("F3"))
    decisions = view.steps[view.current_step()]
    assert decisions.title == "Architecture decisions"
    assert decisions.editor.selected_key() == "d_drift"  # type: ignore[attr-defined]


def test_an_edit_updates_the_audit(open_example: MainWindow, qtbot: Any) -> None:
    step = _audited(open_example, qtbot)
    session = open_example.session
    assert session is not None
    session.apply(
        lambda p: edits.set_fields(p, "decisions", "d_drift", status="decided", choice="Weekly"),
        "Decide drift",
    )
    assert step.updating and step.status_label.isVisibleTo(step)
    qtbot.waitUntil(lambda: not step.updating and "F3" not in step.model.checks(), timeout=20_000)
    assert step.model.checks() == [c for c in EXAMPLE_FINDINGS if c != "F3"]
    assert step.result is not None and step.result.sections["F"] == 2.5

    # data in hand and verified: A2 scores, and the weakest section moves on
    today = datetime.date(2026, 11, 1)
    for key in ("policies", "tickets", "labels"):
        session.apply(
            lambda p, k=key: edits.set_fields(
                p, "data_sources", k, status="have", verified_on=today, quality=3, refresh="weekly"
            ),
            f"Verify {key}",
        )
    qtbot.waitUntil(lambda: not step.updating and "A2" not in step.model.checks(), timeout=20_000)
    assert step.result is not None
    assert step.result.sections["A"] == 3.0 and step.result.readiness == 2.5
    assert "GO" in step.gate_badge.text() and "CONDITIONAL" not in step.gate_badge.text()
    view = project_view(open_example)
    item = view.sidebar.item(view.step_index(step))
    assert item.data(COMPLETION_ROLE) == "2.5 · go"


def test_the_findings_model(open_example: MainWindow, qtbot: Any, qtmodeltester: Any) -> None:
    step = _audited(open_example, qtbot)
    qtmodeltester.check(step.model)


def test_click_and_enter_on_a_finding(open_example: MainWindow, qtbot: Any) -> None:
    step = _audited(open_example, qtbot)
    view = project_view(open_example)
    open_example.activateWindow()
    index = step.model.index(step.model.row_of("B1"))
    rect = step.findings.visualRect(index)
    qtbot.mouseClick(step.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    good = view.steps[view.current_step()]
    assert good.title == "Definition of good"
    assert good.editor.selected_key() == "grounded"  # type: ignore[attr-defined]

    view.show_step(view.step_index(step))
    step.findings.setCurrentIndex(step.model.index(step.model.row_of("E2")))
    step.findings.setFocus()
    qtbot.keyClick(step.findings, Qt.Key.Key_Return)
    decisions = view.steps[view.current_step()]
    assert decisions.title == "Architecture decisions"
    assert decisions.editor.selected_key() == "d_explain"  # type: ignore[attr-defined]
