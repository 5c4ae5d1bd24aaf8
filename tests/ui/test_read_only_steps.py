"""The steps not built for editing yet show the project honestly, read-only."""

from __future__ import annotations

from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.readiness.page import ReadinessStep

TITLES = [
    "Project",
    "Business logic",
    "Data",
    "Definition of good",
    "Architecture decisions",
    "Capabilities",
    "Pre-mortem",
    "Scope slices",
    "Readiness audit",
    "Export",
]


def test_the_sidebar_is_the_guided_path(open_example: MainWindow) -> None:
    view = open_example.project_view
    assert view is not None
    sidebar = view.sidebar
    assert [sidebar.item(i).text().split(".", 1)[1].strip() for i in range(10)] == TITLES
    for index in range(10):
        view.show_step(index)
        assert view.pages.currentWidget() is view.steps[index]
        assert view.steps[index].title == TITLES[index]


def test_every_step_shows_the_project(open_example: MainWindow) -> None:
    view = open_example.project_view
    assert view is not None
    info, logic, data, good, decisions, _caps, premortem, _slices, readiness, _export = view.steps
    assert info.latency.text() == "2,500"
    assert info.industry.currentText() == "Fintech (regulated)"
    assert logic.model.rowCount() == 4
    assert data.model.rowCount() == 4
    assert "1 assumed" in data.summary.text() and "1 to acquire" in data.summary.text()
    assert good.model.rowCount() == 4
    assert decisions.model.rowCount() == 10 and "5 decided" in decisions.summary.text()
    assert premortem.risks_model.rowCount() == 7
    assert premortem.failures_model.rowCount() == 3
    assert "3 severe" in premortem.summary.text()
    assert isinstance(readiness, ReadinessStep)
    # its score comes off the GUI thread: tests/ui/test_readiness_step.py


def test_read_only_steps_follow_edits(open_example: MainWindow) -> None:
    from scoping_app.domain import edits

    session = open_example.session
    assert session is not None
    session.apply(lambda p: edits.set_info(p, owner="COO"), "Set owner")
    view = open_example.project_view
    assert view is not None
    assert view.steps[0].owner.text() == "COO"  # type: ignore[attr-defined]
    assert open_example.undo_action.text() == "Undo Set owner"
