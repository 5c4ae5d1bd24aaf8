"""The window on a database another program holds the write lock of: the edit is told,
kept and stored once the lock is gone; the window waits only briefly for the lock.

The service is opened the window's own way (:func:`scoping_app.ui.app.open_database`),
and the lock is a real one: another connection's ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scoping_app.services.projects import ProjectService
from scoping_app.ui import app, unsaved
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.session import WRITE_WAIT_MS
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from tests.ui.conftest import FakeDialogs
from tests.ui.test_unsaved_edits import Store, bar_of, name_error, rename


@pytest.fixture
def service(db_url: str, tmp_path: Path) -> Iterator[ProjectService]:
    opened = app.open_database(db_url, FakeDialogs(), tmp_path / "backups")
    assert opened is not None
    yield opened
    opened.close()


@contextlib.contextmanager
def write_lock_of_another_program(path: Path) -> Iterator[None]:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_the_window_waits_briefly_for_a_lock(service: ProjectService) -> None:
    assert service.database.wait_ms == WRITE_WAIT_MS < 1000


def test_another_program_s_write_lock_is_told_and_the_edit_stored_once_it_is_gone(
    qtbot: Any,
    open_example: MainWindow,
    service: ProjectService,
    example_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(unsaved, "AUTO_RETRIES", 0)  # the user retries, once the lock is gone
    view = open_example.project_view
    assert view is not None
    view.show_step(view.step_index(view.capabilities))
    step: CapabilitiesStep = view.capabilities
    path = service.database_path
    assert path is not None
    with write_lock_of_another_program(path):
        rename(qtbot, step, "Ticket export v2", Store(), None)  # type: ignore[arg-type]
        assert "Not saved" in name_error(step) and "busy" in name_error(step)
        assert step.form.fields["name"].edit.text() == "Ticket export v2"
        assert service.load(example_id).capability("ticket_export").name == "Ticket export"
    bar = bar_of(open_example)
    assert bar.isVisible()
    bar.retry_button.click()
    assert service.load(example_id).capability("ticket_export").name == "Ticket export v2"
    assert bar.isHidden() and name_error(step) == ""
