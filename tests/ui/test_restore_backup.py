"""File > Restore from backup…, and the backup offered for a damaged database at start-up:
only backups of the same database (by the identity stored in it), restored as a user would."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from scoping_app.domain import edits
from scoping_app.services.backups import Backup, list_backups
from scoping_app.services.database import open_service
from scoping_app.services.projects import ProjectService
from scoping_app.ui import app as app_module
from scoping_app.ui.dialogs import DamagedChoice
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.restore_backup import RestoreBackupDialog, backup_rows
from tests.conftest import EXAMPLE_FILE
from tests.ui.conftest import FakeDialogs

NAME = "Support answer assistant"


def _file_menu_action(window: MainWindow, text: str) -> Any:
    (file_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    (action,) = [a for a in file_menu.actions() if a.text() == text]
    return action


def _restore_from_menu(window: MainWindow) -> None:
    _file_menu_action(window, "&Restore from backup…").trigger()


def _rename(service: ProjectService, project_id: int, name: str) -> None:
    service.edit(project_id, lambda p: edits.set_info(p, name=name), f"Rename to {name}")


def test_without_backups_the_menu_says_when_they_are_taken(
    window: MainWindow, dialogs: FakeDialogs, example_id: int
) -> None:
    _restore_from_menu(window)

    (text,) = dialogs.informations
    assert text.startswith("There are no backups of this database yet.")
    assert "first change of each day" in text
    assert dialogs.backups_offered == []


def test_restoring_a_backup_shows_its_projects_and_reopens_the_open_project(
    open_example: MainWindow, service: ProjectService, dialogs: FakeDialogs, example_id: int
) -> None:
    service.import_file(EXAMPLE_FILE)  # backed up first: the example alone
    _rename(service, example_id, "Renamed since the backup")
    (backup,) = list_backups(service)
    dialogs.backup_answer = 0

    _restore_from_menu(open_example)

    assert dialogs.backups_offered == [[backup.path]]
    assert dialogs.errors == []
    assert [p.name for p in service.list_projects()] == [NAME]
    assert open_example.session is not None and open_example.session.project_id == example_id
    assert open_example.session.project.name == NAME
    assert open_example.central.currentWidget() is open_example.project_view
    assert not open_example.undo_action.isEnabled()  # the history of replaced content is gone
    assert open_example.windowTitle().startswith(NAME)
    status = open_example.statusBar().currentMessage()
    assert status.startswith("Restored the backup of ") and "(1 project)" in status
    newest, restored = list_backups(service)  # what was replaced is kept in a new backup
    assert restored.path == backup.path and newest.projects == 2


def test_a_project_the_backup_does_not_hold_is_closed(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs, example_id: int
) -> None:
    added = service.import_file(EXAMPLE_FILE)  # the backup before it holds the example only
    window.start_screen.refresh()
    assert window.open_project(added.id)
    dialogs.backup_answer = 0

    _restore_from_menu(window)

    assert window.session is None and window.central.currentWidget() is window.start_screen
    assert [p.name for p in service.list_projects()] == [NAME]


def test_cancelling_the_choice_changes_nothing(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs, example_id: int
) -> None:
    service.import_file(EXAMPLE_FILE)
    before = list_backups(service)
    dialogs.backup_answer = None

    _restore_from_menu(window)

    assert len(dialogs.backups_offered) == 1
    assert len(service.list_projects()) == 2 and list_backups(service) == before


def test_the_dialog_lists_the_backups_and_restores_the_one_chosen(
    qtbot: Any, service: ProjectService, example_id: int
) -> None:
    service.import_file(EXAMPLE_FILE)
    service.import_file(EXAMPLE_FILE)
    backups = list_backups(service)
    assert [b.projects for b in backups] == [2, 1]

    dialog = RestoreBackupDialog(None, backups)
    qtbot.addWidget(dialog)
    table = dialog.table
    shown = [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]
    assert shown == backup_rows(backups)
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["Taken", "Projects", "Size"]
    assert dialog.chosen() == 0 and dialog.restore_button.isEnabled()  # the newest, chosen
    table.selectRow(1)
    assert dialog.chosen() == 1
    table.clearSelection()
    assert dialog.chosen() is None and not dialog.restore_button.isEnabled()


# --- the damaged database at start-up --------------------------------------------------


def _damage(path: Path) -> None:
    """Garbage over the first page of the projects' table: the identity stays readable."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        (page,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'project'")
    with path.open("r+b") as file:
        file.seek((page[0] - 1) * 4096)
        file.write(b"\xff" * 4096)


def _database_with_a_backup(path: Path, backup_dir: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    service = open_service(f"sqlite:///{path}", backup_dir=backup_dir)
    service.import_file(EXAMPLE_FILE)
    service.import_file(EXAMPLE_FILE)  # a backup first, of the example alone
    (backup,) = list_backups(service)
    service.close()
    return backup.path


def test_a_damaged_database_is_offered_its_own_backup_and_restored(
    qapp: QApplication, tmp_path: Path
) -> None:
    backup_dir = tmp_path / "backups"
    db = tmp_path / "scoping.db"
    backup = _database_with_a_backup(db, backup_dir)
    _damage(db)
    dialogs = FakeDialogs(damaged_answer=DamagedChoice.RESTORE_BACKUP)

    service = app_module.open_database(f"sqlite:///{db}", dialogs, backup_dir)

    assert service is not None
    assert [backup_offered for _aside, backup_offered in dialogs.damaged] == [str(backup)]
    assert [p.name for p in service.list_projects()] == [NAME]
    service.close()


def test_a_damaged_database_is_never_offered_the_backup_of_another_of_the_same_name(
    qapp: QApplication, tmp_path: Path
) -> None:
    backup_dir = tmp_path / "backups"
    _database_with_a_backup(tmp_path / "one" / "scoping.db", backup_dir)
    other = tmp_path / "other" / "scoping.db"
    other.parent.mkdir()
    service = open_service(f"sqlite:///{other}", backup_dir=backup_dir)
    service.import_file(EXAMPLE_FILE)
    service.close()
    _damage(other)
    dialogs = FakeDialogs(damaged_answer=DamagedChoice.QUIT)

    assert app_module.open_database(f"sqlite:///{other}", dialogs, backup_dir) is None

    [(aside, offered)] = dialogs.damaged
    assert offered is None and dialogs.identities_known == [True]
    assert Path(aside).exists()


def test_a_damaged_file_that_no_longer_says_which_database_it_was_is_offered_nothing(
    qapp: QApplication, tmp_path: Path
) -> None:
    backup_dir = tmp_path / "backups"
    db = tmp_path / "scoping.db"
    _database_with_a_backup(db, backup_dir)
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    dialogs = FakeDialogs(damaged_answer=DamagedChoice.QUIT)

    assert app_module.open_database(f"sqlite:///{db}", dialogs, backup_dir) is None

    [(_aside, offered)] = dialogs.damaged
    assert offered is None and dialogs.identities_known == [False]


def test_backups_taken_in_the_same_minute_are_told_apart_by_their_seconds(
    qtbot: Any, tmp_path: Path
) -> None:
    minute = datetime(2026, 12, 1, 21, 36, tzinfo=UTC)
    taken = [minute + timedelta(seconds=41), minute + timedelta(seconds=5), minute.replace(hour=9)]
    backups = [Backup(tmp_path / f"{n}.db", when, 2, 40_000) for n, when in enumerate(taken)]

    dialog = RestoreBackupDialog(None, backups)
    qtbot.addWidget(dialog)
    shown = [dialog.table.item(row, 0).text() for row in range(3)]

    def clock(when: datetime, form: str) -> str:
        return when.astimezone().strftime(form)

    # an import, then a delete, a few seconds apart: each row says its own time
    assert shown[0].endswith(clock(taken[0], "%H:%M:%S"))
    assert shown[1].endswith(clock(taken[1], "%H:%M:%S"))
    assert shown[2].endswith(clock(taken[2], "%H:%M")) and shown[2].count(":") == 1
    assert len(set(shown)) == 3
