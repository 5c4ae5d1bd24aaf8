"""Engines set SQLite's safety pragmas on every connection; sessions are one transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from scoping_app.domain.model import Project, ProjectInfo
from scoping_app.store.database import Database
from scoping_app.store.engine import make_engine, sqlite_file
from scoping_app.store.repository import ProjectRepository


def _pragmas(dbapi_connection: Any) -> dict[str, object]:
    cursor = dbapi_connection.cursor()
    names = ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
    return {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in names}


def test_every_connection_gets_the_pragmas(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    expected = {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2, "busy_timeout": 5000}
    try:
        # three connections at once: three distinct DBAPI connections from the pool
        connections = [engine.raw_connection() for _ in range(3)]
        assert len({id(c.driver_connection) for c in connections}) == 3
        for connection in connections:
            assert _pragmas(connection) == expected  # synchronous 2 is FULL
            connection.close()
        engine.dispose()  # connections made after the pool was emptied get them too
        again = engine.raw_connection()
        assert _pragmas(again) == expected
        again.close()
    finally:
        engine.dispose()


def test_a_missing_folder_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "scoping.db"
    engine = make_engine(f"sqlite:///{path}")
    with pytest.raises(OperationalError), engine.connect():
        pass
    engine.dispose()
    assert not (tmp_path / "deep").exists()


def test_the_wait_for_a_lock_is_the_engine_s_own(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}", wait_ms=250)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 250
    finally:
        engine.dispose()


def test_in_memory_database_works() -> None:
    engine = make_engine("sqlite://")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:////var/x/scoping.db", Path("/var/x/scoping.db")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("sqlite:///file:/var/x/a.db?mode=ro&uri=true", Path("/var/x/a.db")),
        ("sqlite:///file:mem?mode=memory&uri=true", None),
        ("postgresql://user:secret@host/db", None),
    ],
)
def test_sqlite_file_of_a_url(url: str, expected: Path | None) -> None:
    assert sqlite_file(url) == expected


def test_session_commits_on_success_and_rolls_back_on_error(database: Database) -> None:
    with database.session() as session:
        ProjectRepository(session).add(Project(info=ProjectInfo(name="Kept")))
    with pytest.raises(RuntimeError), database.session() as session:
        ProjectRepository(session).add(Project(info=ProjectInfo(name="Dropped")))
        raise RuntimeError("the use case failed after writing")
    with database.session() as session:
        assert ProjectRepository(session).names() == {"Kept"}


@pytest.mark.sqlite_only  # Python's sqlite3 transaction handling, taken over
def test_transactions_are_real_transactions(database: Database) -> None:
    """DDL and SAVEPOINT obey transactions (sqlite3's own transaction handling is off)."""
    with database.engine.connect() as connection:
        with connection.begin() as transaction:
            connection.execute(text("CREATE TABLE scratch (x)"))
            transaction.rollback()
        with connection.begin():
            names = connection.execute(text("SELECT name FROM sqlite_master")).scalars().all()
        assert "scratch" not in names
