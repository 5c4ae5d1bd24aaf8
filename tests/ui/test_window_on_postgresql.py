"""The window on a PostgreSQL database (when SCOPING_TEST_POSTGRES_URL names a server):
it opens and edits a project as on SQLite, and File > Restore from backup… names the
server's own backups, which replace the app's file backups there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from tests.databases import POSTGRES_URL, POSTGRES_URL_ENV, fresh_database
from tests.ui.conftest import FakeDialogs
from tests.ui.test_restore_backup import _restore_from_menu

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason=f"{POSTGRES_URL_ENV} is not set")


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database("postgresql", tmp_path / "unused.db") as url:
        yield url


def test_the_window_opens_a_project_stored_on_postgresql(
    window: MainWindow, service: ProjectService, example_id: int
) -> None:
    window.start_screen.refresh()
    window.open_project(example_id)
    assert window.session is not None
    assert window.session.project.name == "Support answer assistant"
    assert window.windowTitle().startswith("Support answer assistant")


def test_restore_from_backup_names_the_servers_own_backups(
    window: MainWindow, dialogs: FakeDialogs, example_id: int
) -> None:
    _restore_from_menu(window)

    (text,) = dialogs.informations
    assert "pg_dump" in text
    assert dialogs.backups_offered == []
