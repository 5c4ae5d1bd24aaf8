"""Two people's windows on one database (a SQLite file, and PostgreSQL when the tests have a
server): each sees the other's change within 2 seconds with the note "Changed by NAME"; an
edit made against a version the other changed since is refused, kept in its field and
applied again on request; what is being typed is never taken by the other's change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from tests.databases import KINDS, fresh_database, someone_elses_service
from tests.ui.conftest import FakeDialogs

SHOWN_WITHIN_MS = 2000  # the promise: another's change appears within 2 seconds


@pytest.fixture(params=KINDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request.param, tmp_path / "shared.db") as url:
        yield url


@pytest.fixture
def mia(make_window: Any, service: ProjectService, example_id: int) -> MainWindow:
    window: MainWindow = make_window()
    service.author = "Mia"  # as Edit > Your name… sets it
    window.start_screen.refresh()
    assert window.open_project(example_id)
    return window


@pytest.fixture
def sam(
    qtbot: Any, db_url: str, tmp_path: Path, settings: QSettings, example_id: int
) -> Iterator[MainWindow]:
    """A second person's window on the same database, with a service of its own."""
    with someone_elses_service(db_url, tmp_path, "Sam") as service:
        window = MainWindow(service, settings, FakeDialogs(), QThreadPool())
        service.author = "Sam"  # the window set its own preference's name: as Sam sets his
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        assert window.open_project(example_id)
        yield window
        window.runner.wait()
        window.close()


def capabilities(window: MainWindow) -> CapabilitiesStep:
    view = window.project_view
    assert view is not None
    view.show_step(view.step_index(view.capabilities))
    return view.capabilities


def type_into(qtbot: Any, step: CapabilitiesStep, field: str, text: str, *, done: bool) -> None:
    """Type ``text`` into a field of Ticket export; ``done`` presses Enter (the commit)."""
    step.select("ticket_export")
    edit = step.form.fields[field].edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    if done:  # Enter ends a one-line text; Ctrl+Enter a long one
        ends = Qt.KeyboardModifier.ControlModifier if field == "description" else None
        qtbot.keyClick(edit, Qt.Key.Key_Return, ends or Qt.KeyboardModifier.NoModifier)


def shown_name(window: MainWindow) -> str:
    assert window.session is not None
    return window.session.project.capability("ticket_export").name


def note_of(window: MainWindow) -> str:
    assert window.project_view is not None
    note = window.project_view.elsewhere_note
    return "" if note.isHidden() else note.text()


def test_each_window_shows_the_others_change_within_two_seconds(
    qtbot: Any, mia: MainWindow, sam: MainWindow, service: ProjectService, example_id: int
) -> None:
    sams_step = capabilities(sam)
    sams_step.select("ticket_export")
    type_into(qtbot, capabilities(mia), "name", "Ticket export to CRM", done=True)

    qtbot.waitUntil(lambda: shown_name(sam) == "Ticket export to CRM", timeout=SHOWN_WITHIN_MS)
    assert sams_step.form.fields["name"].edit.text() == "Ticket export to CRM"
    assert note_of(sam).startswith("↻ Changed by Mia at ")
    assert note_of(mia) == ""  # one's own change is no news

    type_into(qtbot, sams_step, "name", "Ticket export (CRM)", done=True)
    qtbot.waitUntil(lambda: shown_name(mia) == "Ticket export (CRM)", timeout=SHOWN_WITHIN_MS)
    assert note_of(mia).startswith("↻ Changed by Sam at ")
    history = [(e.author, e.what) for e in service.history(example_id)[:2]]
    assert history == [
        ("Sam", 'Capabilities: changed "Ticket export (CRM)"'),
        ("Mia", 'Capabilities: changed "Ticket export to CRM"'),
    ]


def test_an_edit_made_on_an_old_version_is_kept_and_applied_again(
    qtbot: Any, mia: MainWindow, sam: MainWindow, service: ProjectService, example_id: int
) -> None:
    assert sam.session is not None and sam.project_view is not None
    sam.session._watching.stop()  # Sam has not yet seen Mia's change when he edits
    sams_step = capabilities(sam)
    type_into(qtbot, capabilities(mia), "description", "Mia's words.", done=True)

    type_into(qtbot, sams_step, "name", "Ticket export v2", done=True)

    # refused: nothing stored; Sam's value stays in its field, told why; Mia's change shown
    stored = service.load(example_id).capability("ticket_export")
    assert (stored.name, stored.description) == ("Ticket export", "Mia's words.")
    field_error = sams_step.form.head.errors["name"].text()
    assert field_error == ("⚠ Not saved: Mia changed this project since you last saw it.")
    assert sams_step.form.fields["name"].edit.text() == "Ticket export v2"
    assert sams_step.form.fields["description"].edit.toPlainText() == "Mia's words."
    assert note_of(sam).startswith("↻ Changed by Mia at ")
    bar = sam.project_view.unsaved_bar
    assert not bar.isHidden() and bar.retry_button.text() == "&Apply again"
    assert bar.words.text() == (
        "⚠ “Rename capability Ticket export to Ticket export v2” was not saved: Mia changed"
        " this project since you last saw it. Their change is shown now. Apply again makes"
        " yours on top of it; Discard my change keeps theirs."
    )

    bar.retry_button.click()

    stored = service.load(example_id).capability("ticket_export")
    assert (stored.name, stored.description) == ("Ticket export v2", "Mia's words.")
    assert bar.isHidden() and sams_step.form.head.errors["name"].isHidden()
    qtbot.waitUntil(lambda: shown_name(mia) == "Ticket export v2", timeout=SHOWN_WITHIN_MS)


def test_what_is_being_typed_stays_while_the_others_change_appears(
    qtbot: Any, mia: MainWindow, sam: MainWindow, service: ProjectService, example_id: int
) -> None:
    sams_step = capabilities(sam)
    type_into(qtbot, sams_step, "name", "Half typed", done=False)
    assert sam.session is not None
    seen = sam.session.version

    type_into(qtbot, capabilities(mia), "description", "Mia's words.", done=True)
    qtbot.waitUntil(lambda: sam.session is not None and sam.session.version > seen, timeout=2000)

    assert sams_step.form.fields["name"].edit.text() == "Half typed"
    assert sams_step.form.fields["description"].edit.toPlainText() == "Mia's words."
    qtbot.keyClick(sams_step.form.fields["name"].edit, Qt.Key.Key_Return)
    stored = service.load(example_id).capability("ticket_export")
    assert (stored.name, stored.description) == ("Half typed", "Mia's words.")


def test_a_project_deleted_elsewhere_is_told_and_stays_shown(
    qtbot: Any, sam: MainWindow, service: ProjectService, example_id: int
) -> None:
    assert sam.project_view is not None
    note = sam.project_view.elsewhere_note
    service.delete(example_id)  # Mia deletes the project Sam has open

    qtbot.waitUntil(lambda: not note.isHidden(), timeout=SHOWN_WITHIN_MS)
    assert note.text().startswith("⚠ Someone deleted this project at ")
    assert "no change to it can be saved" in note.text()
    assert sam.session is not None and sam.session.project.name == "Support answer assistant"
