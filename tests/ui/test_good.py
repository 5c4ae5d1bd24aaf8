"""Definition of good: metrics edited in place; a metric that cannot be measured is flagged."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from scoping_app.domain.enums import Direction
from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.good.page import DefinitionOfGoodStep
from tests.ui.conftest import OpenPage
from tests.ui.test_list_editor import commit

NAME, TARGET, MEASURABLE = 0, 2, 5


def test_not_measurable_is_flagged_in_the_row_and_the_form(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DefinitionOfGoodStep)
    editor = page.editor
    model = editor.model
    flagged = [m.key for m in service.load(example_id).metrics if m.baseline is None]
    assert flagged  # the example has metrics without a baseline
    row = model.row_of(flagged[0])
    assert model.index(row, NAME).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(row, MEASURABLE).data().startswith("No: ")
    assert "baseline" in model.index(row, MEASURABLE).data()
    good = model.row_of("deflection")
    assert model.index(good, NAME).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(good, MEASURABLE).data() == "Yes"
    assert "not measurable" in page.summary.text()

    editor.select("deflection")
    assert editor.form.notice.isHidden()
    commit(editor.fields["unit"], "", qtbot)
    assert not editor.form.notice.isHidden()
    assert "Not measurable: no unit" in editor.form.notice.text()
    assert model.index(model.row_of("deflection"), NAME).data(Qt.ItemDataRole.DecorationRole)
    commit(editor.fields["unit"], "%", qtbot)
    assert editor.form.notice.isHidden()


def test_edit_target_is_named_in_the_edit_menu(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    view = open_example.project_view
    assert view is not None
    page = next(s for s in view.steps if isinstance(s, DefinitionOfGoodStep))
    view.show_step(view.steps.index(page))
    editor = page.editor
    editor.select("deflection")
    commit(editor.fields["target"], "25", qtbot)
    assert service.load(example_id).metrics[0].target == 25
    assert (
        open_example.undo_action.text() == "Undo Change target of Tickets answered without an agent"
    )
    commit(editor.fields["target"], "x", qtbot)
    assert editor.form.error_text("target") == "must be a number"
    assert service.load(example_id).metrics[0].target == 25
    open_example.undo_action.trigger()
    assert service.load(example_id).metrics[0].target == 20


def test_flags_and_direction(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DefinitionOfGoodStep)
    editor = page.editor
    editor.select("deflection")
    editor.fields["must"].box.click()  # type: ignore[attr-defined]
    editor.fields["direction"].choose(Direction.DECREASE)  # type: ignore[attr-defined]
    metric = service.load(example_id).metrics[0]
    assert metric.must and metric.direction is Direction.DECREASE
    assert editor.model.index(0, TARGET).data() == "≤ 20 %"
    before = service.load(example_id)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert "deflection" not in [m.key for m in service.load(example_id).metrics]
    session.undo_stack.undo()
    assert service.load(example_id) == before
