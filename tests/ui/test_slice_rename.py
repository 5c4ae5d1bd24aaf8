"""Renaming a slice, in the table or in the form: a key made from the old name follows the
new one; any other key is offered the new name's key, or kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.slices.page import SlicesStep
from tests.ui.conftest import FakeDialogs

Stored = Callable[[], list[tuple[str, str]]]


@pytest.fixture
def step(open_example: MainWindow) -> SlicesStep:
    view = open_example.project_view
    assert view is not None
    view.show_step(view.step_index(view.slices))
    return view.slices


@pytest.fixture
def stored(service: ProjectService, example_id: int) -> Stored:
    """The stored slices, as (key, name)."""
    return lambda: [(s.key, s.name) for s in service.load(example_id).slices]


def _rename_in_table(qtbot: Any, step: SlicesStep, key: str, name: str) -> None:
    step.select(key)
    assert step.model.setData(step.model.index(step.model.row_of(key), 0), name)
    qtbot.wait(50)  # the table stores the name once its editor has closed


def test_a_key_of_its_own_is_offered_the_new_name(
    step: SlicesStep, stored: Stored, dialogs: FakeDialogs, qtbot: Any, open_example: MainWindow
) -> None:
    dialogs.choose_answer = 0  # Change the key
    _rename_in_table(qtbot, step, "agent_assist", "Agent panel first")
    qtbot.waitUntil(lambda: ("agent_panel_first", "Agent panel first") in stored())
    [(text, answers)] = dialogs.choices
    assert "“Agent assist first” becomes “Agent panel first”" in text
    assert answers == ["Change the key to “agent_panel_first”", "Keep the key “agent_assist”"]
    assert step.selected_key() == "agent_panel_first"
    assert step.form.fields["key"].value() == "agent_panel_first"
    # one undoable edit: name and key come back together
    assert (
        open_example.undo_action.text()
        == "Undo Rename slice Agent assist first to Agent panel first"
    )
    open_example.undo_action.trigger()
    assert stored()[0] == ("agent_assist", "Agent assist first")


def test_the_key_can_be_kept(
    step: SlicesStep, stored: Stored, dialogs: FakeDialogs, qtbot: Any
) -> None:
    dialogs.choose_answer = 1  # Keep the key
    _rename_in_table(qtbot, step, "self_service", "Customers first")
    qtbot.waitUntil(lambda: ("self_service", "Customers first") in stored())
    assert len(dialogs.choices) == 1


def test_cancelling_the_offer_keeps_name_and_key(
    step: SlicesStep, stored: Stored, dialogs: FakeDialogs, qtbot: Any
) -> None:
    before = stored()
    dialogs.choose_answer = None  # Cancel
    _rename_in_table(qtbot, step, "everything", "All of it")
    qtbot.waitUntil(lambda: len(dialogs.choices) == 1)
    assert stored() == before
    row = step.model.row_of("everything")
    assert step.model.index(row, 0).data() == "Everything at once"


def test_a_key_made_from_the_name_follows_a_rename_in_the_form(
    step: SlicesStep, stored: Stored, dialogs: FakeDialogs, qtbot: Any
) -> None:
    step.add_button.click()  # "New slice", key new_slice
    qtbot.wait(50)
    step.table.setFocus()  # the name's in-place editor closes unchanged
    assert step.selected_key() == "new_slice"
    name = step.form.fields["name"].edit  # type: ignore[attr-defined]
    assert name.text() == "New slice"
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Reader only")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: step.selected_key() == "reader_only")
    assert ("reader_only", "Reader only") in stored()
    assert dialogs.choices == []  # nothing to ask: the key was the old name's
    assert step.form.fields["key"].value() == "reader_only"
