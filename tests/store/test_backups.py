"""Backups tied to a database's identity: which are kept, where they go, what is refused."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from scoping_app.domain.model import Project
from scoping_app.store.backups import (
    backups_of,
    check_backup,
    file_identity,
    folder_of,
    kept,
    restore_over,
    take_backup,
    taken_on,
)
from scoping_app.store.errors import BackupFailed, RestoreRefused
from scoping_app.store.migrate import known_revisions, open_database
from tests.store.helpers import store

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # a Monday


def _database(path: Path, backup_dir: Path, *projects: Project) -> str:
    """A database at ``path`` holding ``projects``; its identity."""
    with open_database(f"sqlite:///{path}", backup_dir=backup_dir) as database:
        for project in projects:
            store(database, project)
    identity = file_identity(path)
    assert identity is not None
    return identity


def _names(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return [row[0] for row in db.execute("SELECT name FROM project ORDER BY name")]


def _renamed(project: Project, name: str) -> Project:
    copy = project.copy_deep()
    copy.info = copy.info.model_copy(update={"name": name})
    return copy


def test_kept_are_the_newest_five_the_newest_of_seven_days_and_of_four_weeks_before() -> None:
    # three backups a day, every day for 60 days back from Monday 2026-11-30
    taken = [
        MONDAY - timedelta(days=day) + timedelta(hours=hour)
        for day in range(60)
        for hour in (0, 4, 8)
    ]
    keep = kept(taken)

    newest_five = sorted(taken, reverse=True)[:5]
    days = [MONDAY.date() - timedelta(days=day) for day in range(7)]  # 24 to 30 November
    newest_of_days = [datetime.combine(d, MONDAY.timetz()) + timedelta(hours=8) for d in days]
    # the weeks before 24 November (a Tuesday): 23-24 Nov's week holds only Monday 23 then,
    # and the three weeks before it; each keeps its newest backup older than the seven days
    weeks = [date(2026, 11, 23), date(2026, 11, 22), date(2026, 11, 15), date(2026, 11, 8)]
    newest_of_weeks = [datetime.combine(d, MONDAY.timetz()) + timedelta(hours=8) for d in weeks]
    assert keep == {*newest_five, *newest_of_days, *newest_of_weeks}
    assert len(keep) == 5 - 2 + 7 + 4  # the five newest lie in the last two days


def test_kept_counts_days_that_have_a_backup_not_calendar_days() -> None:
    taken = [MONDAY - timedelta(days=10 * n) for n in range(12)]  # one every ten days
    keep = kept(taken)
    assert keep == set(sorted(taken, reverse=True)[:11])  # 7 days, then 4 weeks
    assert kept([]) == set()


def test_a_backup_lives_in_the_folder_of_the_databases_identity_and_holds_it(
    db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    identity = _database(db_path, backup_dir, example_project)

    made = take_backup(db_path, backup_dir)

    assert made is not None and made.parent == folder_of(backup_dir, identity)
    assert made.name.startswith("scoping-") and made.suffix == ".db"
    assert file_identity(made) == identity
    (listed,) = backups_of(identity, backup_dir)
    assert listed.path == made and listed.projects == 1 and listed.bytes == made.stat().st_size
    assert listed.taken.tzinfo is UTC
    assert not list(made.parent.glob("*.partial"))


def test_nothing_is_backed_up_without_projects(
    db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    identity = _database(db_path, backup_dir)
    assert take_backup(db_path, backup_dir) is None  # no projects: nothing to bring back
    with open_database(f"sqlite:///{db_path}", backup_dir=backup_dir) as database:
        store(database, example_project)

    made = take_backup(db_path, backup_dir)

    assert made is not None
    assert taken_on(identity, backup_dir, datetime.now(UTC).date())
    assert not taken_on(identity, backup_dir, date(2020, 1, 1))


def test_taking_backups_drops_those_not_kept(
    db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    identity = _database(db_path, backup_dir, example_project)
    taken = [MONDAY - timedelta(days=40 - day) for day in range(40)]
    for moment in taken:
        take_backup(db_path, backup_dir, now=moment)

    assert {b.taken for b in backups_of(identity, backup_dir)} == kept(taken)
    assert len(kept(taken)) == 7 + 4


def test_a_spared_backup_is_not_dropped(
    db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    identity = _database(db_path, backup_dir, example_project)
    made = [take_backup(db_path, backup_dir, now=MONDAY + timedelta(hours=h)) for h in range(5)]
    assert made[0] is not None

    take_backup(db_path, backup_dir, now=MONDAY + timedelta(hours=5), spare=made[0])
    assert made[0].exists()  # neither among the 5 newest nor the newest of its day
    take_backup(db_path, backup_dir, now=MONDAY + timedelta(hours=6))

    assert not made[0].exists()
    assert [b.path for b in backups_of(identity, backup_dir)][-1] == made[2]  # the 5 newest


def test_a_file_of_another_database_in_the_folder_is_not_listed(
    tmp_path: Path, backup_dir: Path, example_project: Project
) -> None:
    ours, other = tmp_path / "ours.db", tmp_path / "other.db"
    identity = _database(ours, backup_dir, example_project)
    _database(other, backup_dir, example_project)
    theirs = take_backup(other, backup_dir)
    assert theirs is not None
    folder = folder_of(backup_dir, identity)
    folder.mkdir(parents=True)
    shutil.copyfile(theirs, folder / "ours-20260101-000000-000000.db")  # moved by hand
    (folder / "ours-20260102-000000-000000.db").write_bytes(b"not a database" * 100)

    assert backups_of(identity, backup_dir) == []


def test_an_identity_that_is_not_a_uuid_never_names_a_folder(backup_dir: Path) -> None:
    with pytest.raises(ValueError):
        folder_of(backup_dir, "../../elsewhere")


def test_a_backup_that_cannot_be_written_is_a_failure_in_words(
    db_path: Path, tmp_path: Path, example_project: Project
) -> None:
    not_a_folder = tmp_path / "backups-file"
    not_a_folder.write_text("in the way")
    _database(db_path, tmp_path / "backups", example_project)

    with pytest.raises(BackupFailed) as raised:
        take_backup(db_path, not_a_folder)

    assert "No backup of the database" in str(raised.value)
    assert "nothing was changed" in str(raised.value)


def test_restoring_over_a_database_brings_its_projects_back(
    db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    identity = _database(db_path, backup_dir, example_project)
    backup = take_backup(db_path, backup_dir)
    assert backup is not None
    with open_database(f"sqlite:///{db_path}", backup_dir=backup_dir) as database:
        store(database, _renamed(example_project, "Added after the backup"))
        assert _names(db_path) == ["Added after the backup", example_project.name]

        check_backup(backup, db_path, identity, known_revisions())
        restore_over(backup, db_path)  # while the database is open

        with database.reading() as rows:
            assert rows("SELECT name FROM project", {}) == [(example_project.name,)]
    assert file_identity(db_path) == identity


def test_a_restore_is_refused_for_what_is_not_a_sound_backup_of_this_database(
    tmp_path: Path, db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    identity = _database(db_path, backup_dir, example_project)
    other = tmp_path / "other.db"
    _database(other, backup_dir, example_project)
    theirs = take_backup(other, backup_dir)
    ours = take_backup(db_path, backup_dir)
    assert theirs is not None and ours is not None
    damaged = tmp_path / "damaged.db"
    with contextlib.closing(sqlite3.connect(ours)) as db:
        (page,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'capability'")
    data = bytearray(ours.read_bytes())
    data[(page[0] - 1) * 4096 : page[0] * 4096] = b"\xff" * 4096
    damaged.write_bytes(bytes(data))
    newer = tmp_path / "newer.db"
    shutil.copyfile(ours, newer)
    with contextlib.closing(sqlite3.connect(newer)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0042_from_the_future'")
    text = tmp_path / "notes.db"
    text.write_text("my notes")

    refusals = {
        tmp_path / "missing.db": "there is no such file",
        text: "it is not a backup of an AI Scoping Studio database",
        theirs: "it is a backup of another database, not of this one",
        damaged: "the backup is damaged",
        newer: "it was made by a newer version of AI Scoping Studio",
    }
    for backup, reason in refusals.items():
        with pytest.raises(RestoreRefused) as raised:
            check_backup(backup, db_path, identity, known_revisions())
        assert str(raised.value).endswith(f": {reason}."), backup
    check_backup(ours, db_path, identity, known_revisions())
