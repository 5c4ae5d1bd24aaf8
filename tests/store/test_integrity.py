"""A damaged database is set aside, never overwritten; the latest backup of the same database
(by its identity, never its file name) is offered and restores."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

import pytest

from scoping_app.domain.model import Project
from scoping_app.store import integrity
from scoping_app.store.backups import (
    backup_database,
    is_sound,
    restore_backup,
)
from scoping_app.store.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    NotADatabase,
    RestoreRefused,
)
from scoping_app.store.migrate import open_database
from tests.store.helpers import load, store

PAGE = 4096


def _make_database(db_path: Path, backup_dir: Path, project: Project) -> int:
    with open_database(f"sqlite:///{db_path}", backup_dir=backup_dir) as database:
        return store(database, project)


def _spoil_pages(path: Path) -> None:
    """Overwrite with garbage the first page of every table and index but the identity's:
    the damage is found, while the schema and the identity can still be read."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        spoiled = [
            page
            for (page,) in db.execute(
                "SELECT rootpage FROM sqlite_master"
                " WHERE tbl_name != 'database_identity' AND rootpage > 1"
            )
        ]
    data = bytearray(path.read_bytes())
    assert len(spoiled) > 20
    for page in spoiled:
        for offset in range((page - 1) * PAGE, page * PAGE):
            data[offset] = (offset * 131 + 7) % 251
    path.write_bytes(bytes(data))


def test_random_bytes_are_not_ours_and_are_left_as_they_are(
    db_path: Path, backup_dir: Path
) -> None:
    garbage = os.urandom(10_000)
    db_path.write_bytes(garbage)

    with pytest.raises(NotADatabase) as raised:
        open_database(f"sqlite:///{db_path}", backup_dir=backup_dir)

    assert "not an AI Scoping Studio database" in str(raised.value)
    assert db_path.read_bytes() == garbage
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["scoping.db"]


def test_a_sqlite_header_on_garbage_is_set_aside_and_no_backup_is_offered(
    db_path: Path, backup_dir: Path
) -> None:
    garbage = b"SQLite format 3\x00" + os.urandom(10_000)
    db_path.write_bytes(garbage)

    with pytest.raises(DatabaseDamaged) as raised:
        open_database(f"sqlite:///{db_path}", backup_dir=backup_dir)

    error = raised.value
    assert error.path == db_path
    assert not db_path.exists()
    assert error.set_aside.name.startswith("scoping.db.damaged-")
    assert error.set_aside.read_bytes() == garbage
    assert error.latest_backup is None and error.identity is None
    assert "damaged" in str(error)
    assert "no backup can be said to be its own" in str(error)


def test_a_valid_header_with_garbage_pages_is_detected_and_the_backup_offered(
    db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    project_id = _make_database(db_path, backup_dir, example_project)
    backup = backup_database(db_path, backup_dir)
    _spoil_pages(db_path)
    spoiled = db_path.read_bytes()

    with pytest.raises(DatabaseDamaged) as raised:
        open_database(f"sqlite:///{db_path}", backup_dir=backup_dir)

    error = raised.value
    assert error.latest_backup == backup
    assert str(backup) in str(error) and str(error.set_aside) in str(error)
    assert error.set_aside.read_bytes() == spoiled

    restore_backup(backup, db_path)  # the damaged file is out of the way now
    with open_database(f"sqlite:///{db_path}", backup_dir=backup_dir) as database:
        assert load(database, project_id) == example_project


def test_side_files_move_with_the_damaged_file(db_path: Path, backup_dir: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(b"SQLite format 3\x00" + b"not a database at all" * 100)
    wal = Path(f"{db_path}-wal")
    wal.write_bytes(b"stale log")

    with pytest.raises(DatabaseDamaged) as raised:
        open_database(f"sqlite:///{db_path}", backup_dir=backup_dir)

    assert not wal.exists()  # a stale log must never meet a new file of the same name
    assert Path(f"{raised.value.set_aside}-wal").read_bytes() == b"stale log"


def test_setting_aside_never_overwrites(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(integrity, "timestamp", lambda: "20260101-000000-000000")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    taken = db_path.with_name("scoping.db.damaged-20260101-000000-000000")
    taken.write_bytes(b"an earlier damaged file")
    db_path.write_bytes(b"garbage" * 1000)

    aside = integrity.set_aside(db_path)

    assert aside.name == "scoping.db.damaged-20260101-000000-000000-2"
    assert taken.read_bytes() == b"an earlier damaged file"
    assert aside.read_bytes() == b"garbage" * 1000


def test_an_empty_file_is_a_new_database(db_path: Path, backup_dir: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.touch()
    with open_database(f"sqlite:///{db_path}", backup_dir=backup_dir):
        pass
    assert is_sound(db_path)


def test_a_locked_database_is_not_taken_for_a_damaged_one(
    db_path: Path, backup_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as other:
        other.execute("CREATE TABLE t (x)")
        other.execute("BEGIN EXCLUSIVE")  # rollback-journal mode: nobody may even read
        with pytest.raises(DatabaseBusy, match="busy"):
            integrity.ensure_sound(db_path, backup_dir, wait_ms=0)
        other.execute("ROLLBACK")
    assert db_path.exists()
    assert list(db_path.parent.iterdir()) == [db_path]


def test_a_backup_of_another_database_of_the_same_name_is_never_offered(
    tmp_path: Path, backup_dir: Path, example_project: Project
) -> None:
    ours, other = tmp_path / "ours" / "scoping.db", tmp_path / "other" / "scoping.db"
    ours.parent.mkdir()
    other.parent.mkdir()
    _make_database(ours, backup_dir, example_project)
    _make_database(other, backup_dir, example_project)
    backup_database(ours, backup_dir)
    _spoil_pages(other)

    with pytest.raises(DatabaseDamaged) as raised:
        open_database(f"sqlite:///{other}", backup_dir=backup_dir)

    error = raised.value
    assert error.identity is not None and error.latest_backup is None
    assert "There is no backup of it to restore." in str(error)
    assert "brings back" not in str(error)


def test_restore_refuses_to_overwrite_or_to_restore_a_damaged_backup(
    db_path: Path, backup_dir: Path, example_project: Project, tmp_path: Path
) -> None:
    _make_database(db_path, backup_dir, example_project)
    backup = backup_database(db_path, backup_dir)
    before = db_path.read_bytes()

    with pytest.raises(RestoreRefused, match="overwritten"):
        restore_backup(backup, db_path)
    assert db_path.read_bytes() == before

    broken = tmp_path / "broken.db"
    broken.write_bytes(b"junk" * 1000)
    with pytest.raises(RestoreRefused, match="damaged"):
        restore_backup(broken, tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists()

    with pytest.raises(RestoreRefused, match="does not exist"):
        restore_backup(tmp_path / "missing.db", tmp_path / "new.db")
