"""An edit the database could not store is told, kept in its field, retried or discarded.

The service's write is made to fail as the store fails it: busy (another program
holds the write lock) or read-only. The window is driven as a user would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt

from scoping_app.services.projects import (
    DatabaseBusyError,
    DatabaseReadOnlyError,
    ProjectService,
)
from scoping_app.ui import unsaved
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from scoping_app.ui.steps.data.page import DataStep
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from scoping_app.ui.steps.slices.page import SlicesStep
from scoping_app.ui.widgets.unsaved_bar import UnsavedBar
from tests.ui.conftest import OpenPage
from tests.ui.test_list_editor import commit, editor_of

BUSY = "Another program is writing to the database, so the change could not be stored."
READ_ONLY = "The database file cannot be written to, so the change could not be stored."


@dataclass
class Store:
    """What the store answers to the window's next writes: None stores them."""

    failure: Exception | None = None
    refused: int = 0


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, service: ProjectService) -> Store:
    state = Store()
    edit = service.edit

    def failing_edit(*args: Any, **kwargs: Any) -> Any:
        if state.failure is not None:
            state.refused += 1
            raise state.failure
        return edit(*args, **kwargs)

    monkeypatch.setattr(service, "edit", failing_edit)
    monkeypatch.setattr(unsaved, "RETRY_DELAY_MS", 20)
    return state


@pytest.fixture
def capabilities(open_example: MainWindow) -> CapabilitiesStep:
    view = open_example.project_view
    assert view is not None
    view.show_step(view.step_index(view.capabilities))
    return view.capabilities


def bar_of(window: MainWindow) -> UnsavedBar:
    assert window.project_view is not None
    return window.project_view.unsaved_bar


@pytest.fixture
def bar(open_example: MainWindow) -> UnsavedBar:
    return bar_of(open_example)


@pytest.fixture
def stored_name(service: ProjectService, example_id: int) -> Callable[[], str]:
    """The name of Ticket export as stored now."""
    return lambda: service.load(example_id).capability("ticket_export").name


def rename(qtbot: Any, step: CapabilitiesStep, text: str, store: Store, failure: Exception) -> None:
    """Rename Ticket export in its form while the store answers ``failure``."""
    step.select("ticket_export")
    store.failure = failure
    edit = step.form.fields["name"].edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def name_error(step: CapabilitiesStep) -> str:
    label = step.form.head.errors["name"]
    return "" if label.isHidden() else label.text()


def test_a_busy_database_is_told_and_the_edit_stored_once_it_is_free(
    qtbot: Any,
    capabilities: CapabilitiesStep,
    bar: UnsavedBar,
    stored_name: Callable[[], str],
    store: Store,
) -> None:
    step = capabilities
    rename(qtbot, step, "Ticket export v2", store, DatabaseBusyError(BUSY))
    # told at the field, which keeps what was typed; the bar says what and why
    assert name_error(step) == f"⚠ Not saved: {BUSY}"
    assert step.form.fields["name"].edit.text() == "Ticket export v2"
    assert bar.isVisible()
    assert bar.words.text() == (
        "⚠ “Rename capability Ticket export to Ticket export v2” was not saved."
        f" {BUSY} Trying again in a moment…"
    )
    assert stored_name() == "Ticket export"
    # the other views show what is stored
    assert step.model.data(step.model.index(step.model.row_of("ticket_export"), 0)) == (
        "Ticket export"
    )
    # the database is free again: the window's own retry stores the edit
    store.failure = None
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert stored_name() == "Ticket export v2"
    assert name_error(step) == ""
    assert step.form.fields["name"].edit.text() == "Ticket export v2"
    assert bar.window().undo_action.text() == (  # type: ignore[attr-defined]
        "Undo Rename capability Ticket export to Ticket export v2"
    )


def test_after_its_own_tries_the_window_waits_for_retry(
    qtbot: Any,
    capabilities: CapabilitiesStep,
    bar: UnsavedBar,
    stored_name: Callable[[], str],
    store: Store,
) -> None:
    step = capabilities
    rename(qtbot, step, "Ticket export v2", store, DatabaseBusyError(BUSY))
    qtbot.waitUntil(lambda: "Wait for the other program to finish" in bar.words.text())
    assert store.refused == 1 + unsaved.AUTO_RETRIES  # then no more tries on its own
    assert name_error(step) == f"⚠ Not saved: {BUSY}"
    assert step.form.fields["name"].edit.text() == "Ticket export v2"
    store.failure = None
    bar.retry_button.click()
    assert stored_name() == "Ticket export v2"
    assert bar.isHidden() and name_error(step) == ""


def test_a_read_only_database_keeps_the_edit_until_discarded(
    qtbot: Any,
    capabilities: CapabilitiesStep,
    bar: UnsavedBar,
    stored_name: Callable[[], str],
    store: Store,
) -> None:
    step = capabilities
    rename(qtbot, step, "Ticket export v2", store, DatabaseReadOnlyError(READ_ONLY))
    assert store.refused == 1  # read-only: no use trying on its own
    assert "Make the database file and its folder writable, then choose Retry" in (bar.words.text())
    bar.retry_button.click()  # still read-only: still kept, still told
    assert store.refused == 2
    assert name_error(step) == f"⚠ Not saved: {READ_ONLY}"
    assert step.form.fields["name"].edit.text() == "Ticket export v2"
    bar.discard_button.click()
    assert bar.isHidden() and name_error(step) == ""
    assert step.form.fields["name"].edit.text() == "Ticket export"  # the stored value
    assert stored_name() == "Ticket export"
    store.failure = None
    bar.retry_button.click()  # nothing held any more: nothing is stored
    assert stored_name() == "Ticket export"


def test_an_edit_no_field_holds_is_told_in_the_bar_and_retried(
    qtbot: Any,
    capabilities: CapabilitiesStep,
    bar: UnsavedBar,
    service: ProjectService,
    example_id: int,
    store: Store,
) -> None:
    count = len(service.load(example_id).capabilities)
    store.failure = DatabaseReadOnlyError(READ_ONLY)
    capabilities.add_button.click()
    assert bar.isVisible()
    assert bar.words.text().startswith("⚠ “Add capability New capability” was not saved.")
    assert len(service.load(example_id).capabilities) == count
    store.failure = None
    bar.retry_button.click()
    assert [c.name for c in service.load(example_id).capabilities][-1] == "New capability"
    assert bar.isHidden()


def test_a_list_editor_field_is_marked_not_saved(
    qtbot: Any,
    open_page: OpenPage,
    service: ProjectService,
    example_id: int,
    store: Store,
) -> None:
    editor = editor_of(open_page(DataStep))
    editor.select("policies")
    store.failure = DatabaseBusyError(BUSY)
    commit(editor.fields["records"], "1200", qtbot)
    assert editor.form.error_text("records") == f"Not saved: {BUSY}"
    assert editor.fields["records"].edit.text() == "1200"  # type: ignore[attr-defined]
    store.failure = None
    qtbot.waitUntil(lambda: editor.form.error_text("records") == "")
    assert service.load(example_id).data_sources[1].records == 1200


def test_a_project_field_and_a_slice_field_keep_what_was_typed(
    qtbot: Any,
    open_example: MainWindow,
    service: ProjectService,
    example_id: int,
    store: Store,
) -> None:
    view = open_example.project_view
    assert view is not None
    view.show_step(0)
    info = view.steps[0]
    assert isinstance(info, ProjectInfoStep)
    store.failure = DatabaseReadOnlyError(READ_ONLY)
    info.owner.setFocus()
    info.owner.selectAll()
    qtbot.keyClicks(info.owner, "Dana")
    qtbot.keyClick(info.owner, Qt.Key.Key_Return)
    assert info.errors["owner"].text() == f"⚠ Not saved: {READ_ONLY}"
    assert info.owner.text() == "Dana"
    view.show_step(view.step_index(view.slices))
    slices = view.slices
    assert isinstance(slices, SlicesStep)
    slices.select("agent_assist")
    commit(slices.form.fields["description"], "For the agents", qtbot)
    assert slices.form.error_text("description") == f"Not saved: {READ_ONLY}"
    assert slices.form.fields["description"].edit.text() == "For the agents"  # type: ignore[attr-defined]
    store.failure = None
    bar_of(open_example).retry_button.click()
    stored = service.load(example_id)
    assert stored.info.owner == "Dana"
    assert stored.slice("agent_assist").description == "For the agents"
    assert info.errors["owner"].isHidden()
    assert slices.form.error_text("description") == ""
