"""Opening a database at start-up: health check, version check, backup, then migrations.

Alembic runs in-process from ``scoping_app/store/migrations`` (no alembic.ini).
On SQLite a migration that copies a table (``batch_alter_table``) would let
``ON DELETE CASCADE`` empty the child tables, so migrations run with
``PRAGMA foreign_keys=OFF`` set before their transaction, and commit only when
``PRAGMA foreign_key_check`` finds nothing dangling.

A SQLite file whose schema is current (its one ``alembic_version`` row is
:data:`HEAD_REVISION`) is opened with one query: neither Alembic nor SQLAlchemy
is imported then. They are imported (inside the functions below) only to create,
check or upgrade a database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from scoping_app.store.address import (
    BUSY_TIMEOUT_MS,
    plain_sqlite_file,
    shown_address,
    sqlite_file,
    writable,
)
from scoping_app.store.backups import backup_database
from scoping_app.store.database import Database, sqlite_refusal
from scoping_app.store.errors import (
    DatabaseForeign,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnavailable,
    DatabaseUnreadable,
    FolderMissing,
    MigrationFailed,
    StoreError,
)
from scoping_app.store.integrity import ensure_sound

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).resolve().with_name("migrations")
VERSION_TABLE = "alembic_version"
HEAD_REVISION = "0006"
"""The newest migration in ``migrations/versions`` (a test checks they agree)."""


def alembic_config(
    connection: Connection | None = None, *, script_location: Path | None = None
) -> Config:
    """Alembic's configuration, built in code; ``connection`` is what env.py migrates."""
    from alembic.config import Config  # Alembic: only to check or change the schema

    config = Config()
    location = str(script_location or MIGRATIONS).replace("%", "%%")
    config.set_main_option("script_location", location)
    config.attributes["connection"] = connection
    return config


def known_revisions(script_location: Path | None = None) -> set[str]:
    """Every schema revision this version can open (and upgrade from)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(script_location=script_location))
    return {revision.revision for revision in script.walk_revisions()}


def open_database(
    url: str,
    *,
    backup_dir: Path,
    script_location: Path | None = None,
    wait_ms: int = BUSY_TIMEOUT_MS,
    check: bool = True,
) -> Database:
    """Open the database at ``url``, creating or upgrading its schema as needed.

    Raises :class:`DatabaseDamaged` (the file was moved aside), :class:`NotADatabase`
    (another kind of file, left as it is), :class:`FolderMissing` (nothing created),
    :class:`DatabaseTooNew` or :class:`DatabaseForeign` (nothing changed),
    :class:`MigrationFailed` (the database was left as it was; a backup was taken
    before), :class:`DatabaseBusy`, :class:`DatabaseReadOnly` (a read-only file that
    would need changing) or :class:`DatabaseUnavailable`. A file or folder this account
    cannot write is opened read-only (``Database.read_only``). ``wait_ms`` is how long
    a read or write waits for another program's lock; ``check=False`` leaves the full
    integrity check to the caller (:func:`~scoping_app.store.integrity.damage`).
    ``script_location`` is for tests only.
    """
    path = sqlite_file(url)
    target = str(path) if path is not None else shown_address(url)
    existed = read_only = False
    if path is not None:
        if not path.parent.is_dir():
            raise FolderMissing(path, path.parent)
        read_only = not writable(path)
        ensure_sound(path, backup_dir, read_only=read_only, wait_ms=wait_ms, check=check)
        existed = path.is_file() and path.stat().st_size > 0
        if existed and script_location is None and plain_sqlite_file(url) is not None:
            current = Database(url, wait_ms=wait_ms, read_only=read_only)
            current.checked = check
            if _schema_is_current(current):
                return current
            current.close()
        if read_only:  # to create or upgrade it, it would have to be written
            raise DatabaseReadOnly(target)
    database = _create_or_upgrade(url, target, path, existed, backup_dir, script_location, wait_ms)
    database.checked = check or not existed
    return database


def _schema_is_current(database: Database) -> bool:
    """Whether a SQLite file's schema revision is the newest one, in one query."""
    try:
        with database.reading() as rows:
            return rows(f"SELECT version_num FROM {VERSION_TABLE}", {}) == [(HEAD_REVISION,)]
    except (sqlite3.Error, DatabaseUnreadable):  # no such table, or anything odd: the full
        return False  # check tells (a database of another program, an older one)


def _create_or_upgrade(
    url: str,
    target: str,
    path: Path | None,
    existed: bool,
    backup_dir: Path,
    script_location: Path | None,
    wait_ms: int,
) -> Database:
    """Check the database with Alembic, then create or upgrade its schema if needed."""
    # Alembic and SQLAlchemy: only when the schema is not known to be current.
    from alembic.script import ScriptDirectory

    from scoping_app.store.engine import make_engine

    script = ScriptDirectory.from_config(alembic_config(script_location=script_location))
    current, tables = _inspect(url, target)
    unknown = sorted(current - known_revisions(script_location))
    if unknown:
        raise DatabaseTooNew(target, unknown[0])
    if not current and tables:
        raise DatabaseForeign(target, tables)

    engine = make_engine(url, wait_ms=wait_ms)
    try:
        if current != set(script.get_heads()):
            backup = backup_database(path, backup_dir) if path is not None and existed else None
            _upgrade(engine, target, backup, script_location)
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, wait_ms=wait_ms)


def _inspect(url: str, target: str) -> tuple[set[str], list[str]]:
    """The database's Alembic revisions and its other tables, read without changing anything."""
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.pool import NullPool

    try:
        engine = create_engine(url, poolclass=NullPool)
    except (SQLAlchemyError, ImportError) as exc:
        raise DatabaseUnavailable(target, str(exc)) from exc
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
            tables = sorted(set(inspect(connection).get_table_names()) - {VERSION_TABLE})
    except SQLAlchemyError as exc:
        told = sqlite_refusal(exc, target)
        if told is not None:
            raise told from exc
        raise DatabaseUnavailable(target, str(getattr(exc, "orig", None) or exc)) from exc
    finally:
        engine.dispose()
    return current, tables


def _upgrade(
    engine: Engine, target: str, backup: Path | None, script_location: Path | None
) -> None:
    """Upgrade to the newest schema in one transaction; roll it all back on any problem."""
    from alembic import command

    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite:  # must precede the transaction: inside one it is silently ignored
                _outside_transaction(connection, "PRAGMA foreign_keys = OFF")
            try:
                with connection.begin():
                    config = alembic_config(connection, script_location=script_location)
                    command.upgrade(config, "head")
                    if sqlite:
                        _check_foreign_keys(connection)
            finally:
                if sqlite:
                    _outside_transaction(connection, "PRAGMA foreign_keys = ON")
    except StoreError:
        raise
    except Exception as exc:
        told = sqlite_refusal(exc, target)
        if told is not None and backup is None:  # a new database: nothing was there to upgrade
            raise told from exc
        raise MigrationFailed(target, _reason(exc), backup) from exc


class _DanglingReferences(Exception):
    def __init__(self, tables: list[str]) -> None:
        super().__init__(
            "some rows would refer to rows that do not exist, in the table(s) " + ", ".join(tables)
        )


def _check_foreign_keys(connection: Connection) -> None:
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise _DanglingReferences(sorted({str(row[0]) for row in problems}))


def _outside_transaction(connection: Connection, pragma: str) -> None:
    driver_connection = connection.connection.driver_connection
    assert driver_connection is not None
    driver_connection.execute(pragma)


def _reason(exc: Exception) -> str:
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError) and getattr(exc, "orig", None) is not None:
        return str(exc.orig)  # type: ignore[attr-defined]  # checked just above
    return str(exc)
