"""Backups in normal use: the first write of each day, before an import, a delete and a restore;
listed for the open database only; restored after the current content is backed up."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from scoping_app.domain import edits
from scoping_app.services import projects
from scoping_app.services.backups import list_backups, restore, size_text, take_backup
from scoping_app.services.database import open_service
from scoping_app.services.projects import ProjectService, ServiceError
from scoping_app.store import backups as store_backups
from tests.conftest import EXAMPLE_FILE

pytestmark = pytest.mark.sqlite_only  # backups are of SQLite files; PostgreSQL has pg_dump

NAME = "Support answer assistant"


class _Clock:
    """The time the service and the store read, moved by the test."""

    now = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)  # a Monday, days after the real today


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> type[_Clock]:
    class Frozen(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:  # as datetime.now
            return _Clock.now.astimezone(tz) if tz is not None else _Clock.now

    monkeypatch.setattr(projects, "datetime", Frozen)
    monkeypatch.setattr(store_backups, "datetime", Frozen)
    monkeypatch.setattr(_Clock, "now", _Clock.now)
    return _Clock


@pytest.fixture
def filled(service: ProjectService) -> Iterator[ProjectService]:
    service.import_file(EXAMPLE_FILE)  # an empty database needs no backup before it
    assert list_backups(service) == []
    yield service


def _rename(service: ProjectService, project_id: int, name: str) -> None:
    service.edit(project_id, lambda p: edits.set_info(p, name=name), f"Rename to {name}")


def _names_in(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return [row[0] for row in db.execute("SELECT name FROM project ORDER BY name")]


def test_the_first_write_of_each_day_backs_the_database_up_first(
    clock: type[_Clock], filled: ProjectService
) -> None:
    project_id = filled.resolve(NAME)
    _rename(filled, project_id, "Monday's name")
    _rename(filled, project_id, "Monday's second name")
    (first,) = list_backups(filled)
    assert _names_in(first.path) == [NAME]  # as it was before the day's first change

    clock.now += timedelta(days=1)
    _rename(filled, project_id, "Tuesday's name")
    _rename(filled, project_id, "Tuesday's second name")

    newest, oldest = list_backups(filled)
    assert oldest == first
    assert _names_in(newest.path) == ["Monday's second name"]
    assert newest.taken == clock.now


def test_a_backup_is_taken_before_each_import_and_each_delete(filled: ProjectService) -> None:
    filled.import_file(EXAMPLE_FILE)
    before_import = list_backups(filled)
    assert [b.projects for b in before_import] == [1]

    filled.delete(filled.resolve(NAME))

    newest, *_older = list_backups(filled)
    assert newest.projects == 2 and sorted(_names_in(newest.path)) == [NAME, f"{NAME} (2)"]


def test_a_backup_that_cannot_be_made_stops_the_delete_in_words(
    filled: ProjectService, tmp_path: Path
) -> None:
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file where the backups folder should be")
    filled.backup_dir = in_the_way

    with pytest.raises(ServiceError, match=r"No backup of the database .* nothing was changed"):
        filled.delete(filled.resolve(NAME))

    assert [p.name for p in filled.list_projects()] == [NAME]


def test_restore_brings_the_projects_back_after_backing_the_current_ones_up(
    filled: ProjectService,
) -> None:
    backup = take_backup(filled)
    assert backup is not None
    project_id = filled.resolve(NAME)
    _rename(filled, project_id, "Renamed since")
    filled.import_file(EXAMPLE_FILE)

    done = restore(filled, backup)

    assert done.backup.path == backup and done.backup.projects == 1
    assert [p.name for p in filled.list_projects()] == [NAME]
    assert filled.load(project_id).info.name == NAME
    assert done.before is not None
    assert _names_in(done.before) == ["Renamed since", NAME]
    _rename(filled, project_id, "Edited after the restore")  # the service works on
    assert filled.load(project_id).info.name == "Edited after the restore"
    assert backup.exists() and done.before in [b.path for b in list_backups(filled)]


def test_a_backup_of_another_database_is_refused_and_nothing_changes(
    filled: ProjectService, tmp_path: Path
) -> None:
    other = open_service(f"sqlite:///{tmp_path / 'other.db'}", backup_dir=filled.backup_dir)
    other.import_file(EXAMPLE_FILE)
    theirs = take_backup(other)
    other.close()
    assert theirs is not None
    project_id = filled.resolve(NAME)
    _rename(filled, project_id, "Ours")
    count = len(list_backups(filled))

    with pytest.raises(ServiceError, match="a backup of another database, not of this one"):
        restore(filled, theirs)

    assert [p.name for p in filled.list_projects()] == ["Ours"]
    assert len(list_backups(filled)) == count
    assert theirs not in [b.path for b in list_backups(filled)]


def test_sizes_are_told_in_words() -> None:
    assert size_text(900) == "1 KB"
    assert size_text(229_376) == "224 KB"
    assert size_text(3 * 1024 * 1024 + 400_000) == "3.4 MB"


def test_a_daily_backup_that_failed_is_made_again_before_the_next_write(
    clock: type[_Clock], filled: ProjectService
) -> None:
    identity = filled.identity()
    assert identity is not None and filled.backup_dir is not None
    in_the_way = store_backups.folder_of(filled.backup_dir, identity)
    in_the_way.parent.mkdir(parents=True, exist_ok=True)
    in_the_way.write_text("a file where this database's backups should go")
    project_id = filled.resolve(NAME)
    _rename(filled, project_id, "Saved while the copy failed")  # the copy is made aside

    with pytest.raises(ServiceError, match="No backup of the database"):
        _rename(filled, project_id, "Not saved")
    assert filled.load(project_id).info.name == "Saved while the copy failed"

    in_the_way.unlink()
    _rename(filled, project_id, "Saved with a backup")
    (backup,) = list_backups(filled)
    assert _names_in(backup.path) == ["Saved while the copy failed"]
