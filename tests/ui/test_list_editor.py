"""The shared list editor: keys, shortcuts, inline messages, undo, drag to move, Tab order.

The step pages are built on their own over a real session (the window's other
steps play no part), and driven with the keyboard and the mouse as a user would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from scoping_app.services.projects import ProjectService
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.business_logic.page import BusinessLogicStep
from scoping_app.ui.steps.data.page import DataStep
from scoping_app.ui.steps.decisions.page import DecisionsStep
from scoping_app.ui.steps.good.page import DefinitionOfGoodStep
from scoping_app.ui.widgets.checklist import CheckList, Entry
from scoping_app.ui.widgets.fields import FieldEditor, LineField, NumberField
from scoping_app.ui.widgets.list_editor import MIME_TYPE, ListEditor
from scoping_app.ui.widgets.step_page import StepPage
from tests.ui.conftest import OpenPage


def commit(field: FieldEditor, text: str, qtbot: Any) -> None:
    """Type ``text`` into a one-line field (replacing what is there) and press Enter."""
    assert isinstance(field, LineField | NumberField)
    edit = field.edit
    edit.setFocus()
    edit.selectAll()
    if not text:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    elif text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest types ASCII only: the rest arrives as an input method would put it
        edit.insert(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def editor_of(page: StepPage) -> ListEditor:
    return page.editor  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize(
    "page_class", [BusinessLogicStep, DataStep, DefinitionOfGoodStep, DecisionsStep]
)
def test_models_pass_the_model_tester(
    open_page: OpenPage, qtbot: Any, qtmodeltester: Any, session: ProjectSession, page_class: Any
) -> None:
    page = open_page(page_class)
    qtmodeltester.check(editor_of(page).model)
    editor_of(page).model.set_rows([])
    qtmodeltester.check(editor_of(page).model)


def test_every_field_has_an_accessible_name_and_tab_follows_the_form(
    open_page: OpenPage, qtbot: Any, session: ProjectSession
) -> None:
    page = open_page(DataStep)
    editor = editor_of(page)
    names = []
    for field in editor.fields.values():
        for widget in field.focus_widgets:
            assert widget.accessibleName(), field.name
        names.append(field.focus_widgets[0].accessibleName())
    assert names[:3] == ["Name", "Status", "Owner"]
    editor.fields["name"].set_focus()
    order: list[str] = []
    widget: QWidget | None = QApplication.focusWidget()
    for _ in range(4):
        assert widget is not None
        order.append(widget.accessibleName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
    assert order == ["Name", "Status", "Owner", "Records"]


def test_ins_and_ctrl_n_add_and_the_key_follows_the_first_name(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DefinitionOfGoodStep)
    editor = editor_of(page)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    assert len(service.load(example_id).metrics) == 5
    assert session.undo_stack.undoText() == "Add metric New metric"
    commit(editor.fields["name"], "Réponses exactes — 正確", qtbot)
    stored = service.load(example_id).metrics
    added = [m for m in stored if m.name == "Réponses exactes — 正確"]
    assert len(added) == 1 and added[0].key == "reponses_exactes"
    assert editor.selected_key() == "reponses_exactes"
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(service.load(example_id).metrics) == 6


def test_an_invalid_number_is_explained_kept_in_the_field_and_not_stored(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DataStep)
    editor = editor_of(page)
    editor.select("policies")
    before = service.load(example_id)
    depth = session.undo_stack.count()
    commit(editor.fields["records"], "lots", qtbot)
    assert editor.form.error_text("records") == "must be a whole number"
    commit(editor.fields["records"], "-5", qtbot)
    assert editor.form.error_text("records") == "must be 0 or more (empty when not known)"
    assert editor.fields["records"].edit.text() == "-5"  # type: ignore[attr-defined]
    assert service.load(example_id) == before
    assert session.undo_stack.count() == depth
    commit(editor.fields["records"], "1200", qtbot)
    assert editor.form.error_text("records") == ""
    assert service.load(example_id).data_sources[1].records == 1200


def test_empty_number_means_not_known(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DataStep)
    editor = editor_of(page)
    editor.select("policies")
    commit(editor.fields["quality"], "", qtbot)
    assert service.load(example_id).data_sources[1].quality is None
    assert session.undo_stack.undoText() == "Change quality of Internal card and payment policies"


def test_del_deletes_and_undo_brings_it_back_exactly(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DataStep)
    editor = editor_of(page)
    before = service.load(example_id)
    editor.select("tickets")
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    after = service.load(example_id)
    assert "tickets" not in [s.key for s in after.data_sources]
    assert all("tickets" not in c.uses_data for c in after.capabilities)
    assert all("tickets" not in s.data for s in after.process_steps)
    assert session.undo_stack.undoText() == "Delete data source Resolved tickets, 24 months"
    session.undo_stack.undo()
    assert service.load(example_id) == before
    assert editor.model.rowCount() == 4


def test_drag_and_drop_moves_a_row(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(BusinessLogicStep)
    editor = editor_of(page)
    model = editor.model
    assert editor.table.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    data = model.mimeData([model.index(0, 0)])
    assert data.hasFormat(MIME_TYPE)
    # dropped between the third and the fourth row
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    keys = [s.key for s in service.load(example_id).process_steps]
    assert keys == ["triage", "answer", "receive", "escalate"]
    assert session.undo_stack.undoText() == "Move process step Ticket arrives to position 3"
    # dropped onto the first row
    model.dropMimeData(
        model.mimeData([model.index(3, 0)]), Qt.DropAction.MoveAction, -1, 0, model.index(0, 0)
    )
    keys = [s.key for s in service.load(example_id).process_steps]
    assert keys == ["escalate", "triage", "answer", "receive"]
    assert not model.dropMimeData(QMimeData(), Qt.DropAction.MoveAction, 0, 0, QModelIndex())


@pytest.mark.parametrize(
    ("page_class", "key", "title_field"),
    [
        (BusinessLogicStep, "triage", "name"),
        (DataStep, "tickets", "name"),
        (DefinitionOfGoodStep, "p95", "name"),
        (DecisionsStep, "d_cache", "question"),
    ],
)
def test_f2_edits_the_title_in_place(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
    page_class: Callable[[ProjectSession], StepPage],
    key: str,
    title_field: str,
) -> None:
    page = open_page(page_class)
    editor = editor_of(page)
    editor.select(key)
    table = editor.table
    table.setCurrentIndex(editor.model.index(editor.model.row_of(key), editor.model.title_column))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    cell = QApplication.focusWidget()
    assert cell is not None and cell is not table
    cell.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(cell, "Renamed in place")
    qtbot.keyClick(cell, Qt.Key.Key_Return)

    def stored() -> str:
        items = getattr(service.load(example_id), editor.list_name)
        return str(getattr(next(i for i in items if i.key == key), title_field))

    qtbot.waitUntil(lambda: stored() == "Renamed in place")
    assert session.undo_stack.undoText().startswith("Change ")
    session.undo_stack.undo()
    assert stored() != "Renamed in place"


def test_an_empty_title_typed_in_place_is_refused_in_the_form(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DataStep)
    editor = editor_of(page)
    before = service.load(example_id)
    editor.model.setData(editor.model.index(editor.model.row_of("tickets"), 0), "")
    qtbot.waitUntil(lambda: bool(editor.form.error_text("name")))
    assert service.load(example_id) == before


def test_a_checklist_refilled_with_the_same_lines_keeps_them_and_sets_the_ticks(
    qtbot: Any,
) -> None:
    checklist = CheckList("Prerequisites", "Nothing to pick")
    qtbot.addWidget(checklist)
    ticked: list[tuple[str, bool]] = []
    checklist.toggled.connect(lambda key, on: ticked.append((key, on)))
    checklist.fill([Entry("a", "Alpha", False), Entry("b", "Beta", True)])
    first = checklist.item_of("a")
    checklist.setCurrentItem(first)

    checklist.fill([Entry("a", "Alpha", True), Entry("b", "Beta", False)])
    assert checklist.item_of("a") is first  # the same line: current, scrolled as it was
    assert checklist.currentItem() is first
    assert checklist.checked_keys() == ["a"]
    assert ticked == []  # a refill is not the user's tick

    checklist.fill([Entry("a", "Alpha, renamed", True), Entry("b", "Beta", False)])
    assert checklist.item_of("a").text() == "Alpha, renamed"
    assert checklist.checked_keys() == ["a"]


def test_rows_grow_to_their_wrapped_text_as_they_come_into_view(
    open_page: OpenPage, qtbot: Any, session: ProjectSession
) -> None:
    """Long names wrap; a row is measured when it is on screen, not before (a long list
    opens without measuring every row)."""
    from scoping_app.domain import edits
    from scoping_app.domain.model import DataSource

    long = "Transcripts of every support call recorded since the contact centre opened"

    def add_many(project: Any) -> None:
        for number in range(80):
            source = DataSource(key=f"source_{number}", name=f"{long} {number}")
            edits.add_item(project, "data_sources", source)

    assert session.apply(add_many, "Add sources") is not None
    table = editor_of(open_page(DataStep)).table
    last = table.model().rowCount() - 1
    single = table.verticalHeader().defaultSectionSize()
    first = table.model().row_of("source_0")
    qtbot.waitUntil(lambda: table.rowHeight(table.rowAt(0)) > single)
    assert table.rowViewportPosition(first) < table.viewport().height()  # on screen: wrapped
    assert table.rowHeight(first) > single
    assert table.rowHeight(last) == single  # below the view: not measured yet

    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.rowHeight(last) > single)
    assert table.rowHeight(last) == table.rowHeight(first)
    # the view stays at its end: the last row, grown, is whole on screen
    qtbot.waitUntil(
        lambda: table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
    )
