"""The guided path, end to end: a product lead enters the whole support-assistant example
through the window's editors, exports it, and gets back the very file, field for field.

Nothing is entered through the importer or the service: every value is typed, picked or
ticked in a step's editor, each step chosen in the sidebar, as a user would. A second
test undoes a session of edits across several steps with the Edit menu, then redoes it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from scoping_app.domain.messages import KEY_WORDS
from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.project_view import ProjectView
from scoping_app.ui.steps.business_logic.page import BusinessLogicStep
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from scoping_app.ui.steps.data.page import DataStep
from scoping_app.ui.steps.decisions.page import DecisionsStep
from scoping_app.ui.steps.export.page import ExportStep
from scoping_app.ui.steps.good.page import DefinitionOfGoodStep
from scoping_app.ui.steps.premortem.page import PreMortemStep
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from scoping_app.ui.steps.slices.page import SlicesStep
from scoping_app.ui.widgets.checklist import CheckList
from scoping_app.ui.widgets.fields import (
    BoolField,
    ChecklistField,
    ChoiceField,
    ComboTextField,
    ComputedField,
    DateField,
    FieldEditor,
    LineField,
    NumberField,
    TextField,
    TextListField,
)
from scoping_app.ui.widgets.form import ItemForm
from scoping_app.ui.widgets.list_editor import ListEditor
from tests.conftest import EXAMPLE_FILE
from tests.ui.conftest import FakeDialogs

EXAMPLE = EXAMPLE_FILE


# --- what a user does with the keyboard and the mouse ------------------------------------


def number_text(value: float | int) -> str:
    """A number as a user types it: 1800, 1.5."""
    return str(int(value)) if float(value).is_integer() else str(value)


def fill_line(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Replace the text of a one-line field and press Enter (which stores it)."""
    edit.setFocus()
    edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def fill_text(qtbot: Any, edit: QPlainTextEdit, text: str) -> None:
    """Replace the text of a multi-line box, then Tab out of it (leaving it stores it)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert not edit.hasFocus(), "Tab should leave the text box (and so store it)"


def fill_spin(qtbot: Any, box: QAbstractSpinBox, value: float) -> None:
    """Type a number in a spin box and press Enter."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, number_text(value))
    qtbot.keyClick(box, Qt.Key.Key_Return)


def fill_date(qtbot: Any, field: DateField, iso: str) -> None:
    """Set a date: "Today" first when it reads "Never verified" (that text takes no typing),
    then type the year, month and day over their sections and press Enter."""
    edit = field.edit
    if edit.date() == edit.minimumDate():
        click(qtbot, field.today_button)
    edit.setFocus()
    year, month, day = iso.split("-")
    for section, part in (
        (QDateEdit.Section.YearSection, year),
        (QDateEdit.Section.MonthSection, month),
        (QDateEdit.Section.DaySection, day),
    ):
        edit.setSelectedSection(section)
        qtbot.keyClicks(edit, part)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.date() == QDate.fromString(iso, Qt.DateFormat.ISODate)


def pick(combo: QComboBox, value: str) -> None:
    """Choose the entry whose value is ``value`` in a drop-down list, as a click does."""
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(checklist: QListWidget, key: str) -> None:
    """Tick the line of ``key`` in a checklist (a click on its check box)."""
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == key:
            assert item.checkState() == Qt.CheckState.Unchecked, key
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{key} is not offered in {checklist.accessibleName()}")


def click_row(qtbot: Any, table: QTableView, row: int) -> None:
    """Click a row of a table (scrolled into view first)."""
    index = table.model().index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )


def type_in_open_editor(qtbot: Any, view: QAbstractItemView, text: str) -> None:
    """Type into the in-place editor a view has just opened, and press Enter."""
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.isAncestorOf(editor)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def choose_step(qtbot: Any, view: ProjectView, page_type: type) -> Any:
    """Click a step in the sidebar; its page is shown."""
    index = next(i for i, s in enumerate(view.steps) if isinstance(s, page_type))
    item = view.sidebar.item(index)
    view.sidebar.scrollToItem(item)
    qtbot.mouseClick(
        view.sidebar.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.sidebar.visualItemRect(item).center(),
    )
    assert view.pages.currentWidget() is view.steps[index]
    return view.steps[index]


def new_project(window: MainWindow, dialogs: FakeDialogs, name: str) -> ProjectView:
    """File > New project…, no template, a fintech RAG project."""
    dialogs.new_project_answer = (name, "fintech", "rag")
    window.start_screen.new_button.click()
    assert window.project_view is not None and window.session is not None
    return window.project_view


# --- the shared list editor: one item, every field of its form ----------------------------


def fill_field(qtbot: Any, editor: ListEditor, field: FieldEditor, value: Any) -> None:
    """Enter ``value`` (as the file writes it) in one field of the list editor's form."""
    if isinstance(field, NumberField):
        if value is not None:
            fill_line(qtbot, field.edit, number_text(value))
    elif isinstance(field, LineField):
        fill_line(qtbot, field.edit, value)
    elif isinstance(field, TextField):
        if value:
            fill_text(qtbot, field.edit, value)
    elif isinstance(field, ChoiceField):
        pick(field.combo, value)
    elif isinstance(field, BoolField):
        if value != field.box.isChecked():
            click(qtbot, field.box)
    elif isinstance(field, DateField):
        if value is not None:
            fill_date(qtbot, field, value)
    elif isinstance(field, ChecklistField):
        for key in value:
            tick(field.list, key)
            # the tick is stored once the view is done with the click
            qtbot.waitUntil(lambda key=key: key in getattr(current(editor), field.name))
    elif isinstance(field, TextListField):
        for option in value:
            click(qtbot, field.add_button)  # adds "New option" and opens it for typing
            type_in_open_editor(qtbot, field.list, option)
            qtbot.waitUntil(lambda option=option: option in getattr(current(editor), field.name))
    elif isinstance(field, ComboTextField):
        fill_line(qtbot, field.combo.lineEdit(), value)
    else:
        raise AssertionError(f"no way to enter {field.name}")


def current(editor: ListEditor) -> Any:
    return editor.item(editor.selected_key())


def enter_items(qtbot: Any, editor: ListEditor, items: list[dict[str, Any]]) -> None:
    """Add each item with the editor's button and fill every field of its form."""
    for item in items:
        click(qtbot, editor.add_button)
        title = editor.title_field
        fill_field(qtbot, editor, editor.fields[title], item[title])
        for name, field in editor.fields.items():
            if name != title and not isinstance(field, ComputedField):
                fill_field(qtbot, editor, field, item[name])
        for name in editor.fields:
            assert editor.form.error_text(name) == "", (name, editor.form.error_text(name))
        stored = current(editor).model_dump(mode="json")
        assert stored == item, (stored, item)


# --- the steps with forms of their own ----------------------------------------------------


def enter_project(qtbot: Any, page: ProjectInfoStep, info: dict[str, Any]) -> None:
    for field in (
        "owner",
        "problem",
        "objective",
        "deadline",
        "latency_budget_ms",
        "monthly_budget",
        "monthly_value",
        "currency",
        "value_target",
    ):
        widget = page.inputs[field]
        value = info[field]
        editor = page.fields[field].editor
        text = value if isinstance(value, str) else number_text(value)
        if isinstance(editor, DateField):
            if value is not None:
                fill_date(qtbot, editor, value)
        elif isinstance(widget, QPlainTextEdit):
            fill_text(qtbot, widget, text)
        else:
            assert isinstance(widget, QLineEdit)
            fill_line(qtbot, widget, text)
        assert page.error_text(field) == "", (field, page.error_text(field))


def problems(form: ItemForm) -> dict[str, str]:
    """The messages a form shows under its fields."""
    return {name: form.error_text(name) for name in form.fields if form.error_text(name)}


def enter_risks(qtbot: Any, page: PreMortemStep, risks: list[dict[str, Any]]) -> None:
    for risk in risks:
        click(qtbot, page.add_button)  # a new risk, its story ready to be written
        fields = page.form.fields
        fill_text(qtbot, fields["story"].edit, risk["story"])
        pick(fields["cause"].combo, risk["cause"])
        fill_spin(qtbot, fields["likelihood"].edit, risk["likelihood"])
        fill_spin(qtbot, fields["impact"].edit, risk["impact"])
        pick(fields["status"].combo, risk["status"])
        fill_line(qtbot, fields["owner"].edit, risk["owner"])
        fill_line(qtbot, fields["key"].edit, risk["key"])
        assert not problems(page.form)
        assert page.selected_key() == risk["key"]


def enter_capability_details(
    qtbot: Any, page: CapabilitiesStep, capability: dict[str, Any]
) -> None:
    form = page.form
    click(qtbot, page.add_button)  # "New capability", its name selected for typing
    fill_line(qtbot, form.fields["name"].edit, capability["name"])
    form.tabs.setCurrentIndex(0)  # Details
    fill_line(qtbot, form.fields["key"].edit, capability["key"])
    pick(form.fields["category"].combo, capability["category"])
    effort = capability["effort"]
    # from the top down, so that optimistic <= likely <= pessimistic holds at every step
    fill_spin(qtbot, form.fields["effort"].pessimistic, effort["pessimistic"])
    fill_spin(qtbot, form.fields["effort"].likely, effort["likely"])
    fill_spin(qtbot, form.fields["effort"].optimistic, effort["optimistic"])
    fill_spin(qtbot, form.fields["value"].edit, capability["value"])
    fill_spin(qtbot, form.fields["latency_ms"].edit, capability["latency_ms"])
    fill_spin(qtbot, form.fields["monthly_cost"].edit, capability["monthly_cost"])
    if capability["mandatory"]:
        click(qtbot, form.fields["mandatory"].box)
    fill_text(qtbot, form.fields["description"].edit, capability["description"])
    assert not problems(form.head) and not problems(form.details)
    assert page.selected_key() == capability["key"]


def enter_capability_links(qtbot: Any, page: CapabilitiesStep, capability: dict[str, Any]) -> None:
    form = page.form
    click_row(qtbot, page.table, page.model.row_of(capability["key"]))
    assert page.selected_key() == capability["key"]
    form.tabs.setCurrentIndex(1)  # Links
    lists: dict[str, CheckList] = {"requires": form.prerequisites, **form.links}
    for field in ("requires", "delivers", "uses_data", "mitigates"):
        for key in capability[field]:
            tick(lists[field], key)


def enter_failure_mode(qtbot: Any, page: CapabilitiesStep, mode: dict[str, Any]) -> None:
    click_row(qtbot, page.table, page.model.row_of(mode["capability"]))
    page.form.tabs.setCurrentIndex(2)  # Failure modes
    panel = page.failures
    click(qtbot, panel.add_button)  # the new mode's description selected for typing
    fill_text(qtbot, panel.form.fields["description"].edit, mode["description"])
    fill_spin(qtbot, panel.form.fields["likelihood"].edit, mode["likelihood"])
    fill_spin(qtbot, panel.form.fields["impact"].edit, mode["impact"])
    fill_line(qtbot, panel.form.fields["detection"].edit, mode["detection"])
    pick(panel.form.fields["fallback"].combo, mode["fallback"])
    fill_line(qtbot, panel.form.fields["fallback_notes"].edit, mode["fallback_notes"])
    fill_line(qtbot, panel.form.fields["owner"].edit, mode["owner"])
    fill_line(qtbot, panel.form.fields["key"].edit, mode["key"])
    assert not problems(panel.form)
    assert panel.selected_key() == mode["key"]


def rename_new_slice(qtbot: Any, page: SlicesStep, name: str) -> None:
    click(qtbot, page.add_button)  # "New slice", its name open for typing in the table
    type_in_open_editor(qtbot, page.table, name)
    # stored once the editor has closed
    qtbot.waitUntil(
        lambda: page.model.record(page.model.row_of(page.selected_key())).slice.name == name
    )


def enter_slice(qtbot: Any, page: SlicesStep, item: dict[str, Any]) -> None:
    rename_new_slice(qtbot, page, item["name"])
    fill_line(qtbot, page.form.fields["description"].edit, item["description"])
    fill_line(qtbot, page.form.fields["key"].edit, item["key"])
    assert not problems(page.form)
    assert page.selected_key() == item["key"]
    picks = page.picks_model
    for key in item["capabilities"]:  # a tick on each, in the file's order
        index = picks.index(picks.row_of(key))
        assert picks.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


# --- the tests -----------------------------------------------------------------------------


def test_the_whole_example_entered_through_the_editors_exports_as_the_file(
    window: MainWindow, dialogs: FakeDialogs, service: ProjectService, tmp_path: Path, qtbot: Any
) -> None:
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = new_project(window, dialogs, example["project"]["name"])

    enter_project(qtbot, choose_step(qtbot, view, ProjectInfoStep), example["project"])
    # data first: the process steps and the capabilities tick the sources they use
    enter_items(qtbot, choose_step(qtbot, view, DataStep).editor, example["data_sources"])
    business = choose_step(qtbot, view, BusinessLogicStep)
    enter_items(qtbot, business.editor, example["process_steps"])
    good = choose_step(qtbot, view, DefinitionOfGoodStep)
    enter_items(qtbot, good.editor, example["metrics"])
    decisions = choose_step(qtbot, view, DecisionsStep)
    enter_items(qtbot, decisions.editor, example["decisions"])
    # the risks before the capabilities that mitigate them
    enter_risks(qtbot, choose_step(qtbot, view, PreMortemStep), example["risks"])
    capabilities = choose_step(qtbot, view, CapabilitiesStep)
    for capability in example["capabilities"]:
        enter_capability_details(qtbot, capabilities, capability)
    # then the links: a capability may require one entered after it
    for capability in example["capabilities"]:
        enter_capability_links(qtbot, capabilities, capability)
    for mode in example["failure_modes"]:
        enter_failure_mode(qtbot, capabilities, mode)
    slices = choose_step(qtbot, view, SlicesStep)
    for item in example["slices"]:
        enter_slice(qtbot, slices, item)
    assert dialogs.errors == []

    export = choose_step(qtbot, view, ExportStep)
    target = tmp_path / "entered.scope.json"
    dialogs.save_answer = target
    click(qtbot, export.json_button)
    assert dialogs.errors == []
    exported = json.loads(target.read_text(encoding="utf-8"))
    example["format_version"] = 2  # the app writes format version 2; the example is version 1
    for part in example:  # part by part first, for a readable failure
        assert exported[part] == example[part], part
    assert exported == example


def test_undo_then_redo_a_session_of_edits_across_the_steps(
    window: MainWindow, dialogs: FakeDialogs, service: ProjectService, qtbot: Any
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = new_project(window, dialogs, "Claims triage")
    assert window.session is not None
    project_id = window.session.project_id
    before = service.load(project_id)
    assert not window.undo_action.isEnabled()

    project = choose_step(qtbot, view, ProjectInfoStep)
    fill_line(qtbot, project.inputs["owner"], "Head of Claims")  # type: ignore[arg-type]
    data = choose_step(qtbot, view, DataStep).editor
    click(qtbot, data.add_button)
    fill_line(qtbot, data.fields["name"].edit, "Claim forms")  # type: ignore[attr-defined]
    fill_line(qtbot, data.fields["key"].edit, "forms")  # type: ignore[attr-defined]
    capabilities = choose_step(qtbot, view, CapabilitiesStep)
    click(qtbot, capabilities.add_button)
    fill_line(qtbot, capabilities.form.fields["name"].edit, "Form reader")
    fill_spin(qtbot, capabilities.form.fields["effort"].pessimistic, 6)
    fill_spin(qtbot, capabilities.form.fields["effort"].likely, 4)
    capabilities.form.tabs.setCurrentIndex(1)
    tick(capabilities.form.links["uses_data"], "forms")
    premortem = choose_step(qtbot, view, PreMortemStep)
    click(qtbot, premortem.add_button)
    risk = premortem.form.fields
    fill_text(qtbot, risk["story"].edit, "It failed because scanned forms were unreadable.")
    fill_spin(qtbot, risk["impact"].edit, 5)
    tick(premortem.mitigated_by, "form_reader")
    slices = choose_step(qtbot, view, SlicesStep)
    rename_new_slice(qtbot, slices, "Reader only")
    fill_line(qtbot, slices.form.fields["description"].edit, "Just the reader.")
    picks = slices.picks_model
    picks.setData(
        picks.index(picks.row_of("form_reader")),
        Qt.CheckState.Checked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert dialogs.errors == []

    after = service.load(project_id)
    assert after.info.owner == "Head of Claims"
    assert [d.key for d in after.data_sources] == ["forms"]
    [reader] = after.capabilities
    assert (reader.key, reader.effort.likely, reader.uses_data) == ("form_reader", 4, ["forms"])
    assert reader.mitigates == [after.risks[0].key] and after.risks[0].impact == 5
    assert after.slices[0].description == "Just the reader."
    assert after.slices[0].capabilities == ["form_reader"]
    stack = window.session.undo_stack
    edits = stack.count()
    assert edits >= 10

    undone = 0
    while window.undo_action.isEnabled():
        window.undo_action.trigger()
        undone += 1
    assert undone == edits
    assert service.load(project_id) == before

    while window.redo_action.isEnabled():
        window.redo_action.trigger()
    assert stack.index() == edits
    assert service.load(project_id) == after


def test_keys_are_checked_where_they_are_typed(
    window: MainWindow, dialogs: FakeDialogs, service: ProjectService, qtbot: Any
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = new_project(window, dialogs, "Key checks")
    assert window.session is not None
    project_id = window.session.project_id
    data = choose_step(qtbot, view, DataStep).editor
    for name in ("Tickets", "Policies"):
        click(qtbot, data.add_button)
        fill_line(qtbot, data.fields["name"].edit, name)  # type: ignore[attr-defined]
    key = data.fields["key"].edit  # type: ignore[attr-defined]
    assert key.accessibleName() == "Key" and key.text() == "policies"
    fill_line(qtbot, key, "Policy Docs")
    assert data.form.error_text("key") == f'{KEY_WORDS} (it is the text "Policy Docs")'
    assert key.text() == "Policy Docs"  # kept as typed, to correct
    fill_line(qtbot, key, "tickets")
    assert "already used" in data.form.error_text("key")
    fill_line(qtbot, key, "policy_docs")
    assert data.form.error_text("key") == ""
    assert [s.key for s in service.load(project_id).data_sources] == ["tickets", "policy_docs"]

    premortem = choose_step(qtbot, view, PreMortemStep)
    click(qtbot, premortem.add_button)
    risk_fields = premortem.form.fields
    fill_text(qtbot, risk_fields["story"].edit, "It failed because nobody trusted it.")
    fill_line(qtbot, risk_fields["key"].edit, "r trust")
    assert premortem.form.error_text("key") == f'{KEY_WORDS} (it is the text "r trust")'
    fill_line(qtbot, risk_fields["key"].edit, "r_trust")
    assert premortem.form.error_text("key") == ""

    capabilities = choose_step(qtbot, view, CapabilitiesStep)
    click(qtbot, capabilities.add_button)
    fill_line(qtbot, capabilities.form.fields["name"].edit, "Answer model")
    capabilities.form.tabs.setCurrentIndex(2)
    panel = capabilities.failures
    click(qtbot, panel.add_button)
    fill_line(qtbot, panel.form.fields["key"].edit, "FM!")
    assert panel.form.error_text("key") == f'{KEY_WORDS} (it is the text "FM!")'
    fill_line(qtbot, panel.form.fields["key"].edit, "fm_wrong")
    assert panel.form.error_text("key") == "" and panel.selected_key() == "fm_wrong"

    slices = choose_step(qtbot, view, SlicesStep)
    rename_new_slice(qtbot, slices, "First cut")
    slice_key = slices.form.fields["key"].edit
    fill_line(qtbot, slice_key, "first cut")
    assert slices.form.error_text("key") == f'{KEY_WORDS} (it is the text "first cut")'
    fill_line(qtbot, slice_key, "first")
    assert slices.form.error_text("key") == ""

    stored = service.load(project_id)
    assert [r.key for r in stored.risks] == ["r_trust"]
    assert [m.key for m in stored.failure_modes] == ["fm_wrong"]
    assert [s.key for s in stored.slices] == ["first"]
    assert dialogs.errors == []
