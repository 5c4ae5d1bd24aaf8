"""Opening a database at start-up: health check, version check, backup, then migrations.

Alembic runs in-process from ``scoping_app/store/migrations`` (no alembic.ini).
On SQLite a migration that copies a table (``batch_alter_table``) would let
``ON DELETE CASCADE`` empty the child tables, so migrations run with
``PRAGMA foreign_keys=OFF`` set before their transaction, and commit only when
``PRAGMA foreign_key_check`` finds nothing dangling.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from scoping_app.store.backups import backup_database
from scoping_app.store.database import Database
from scoping_app.store.engine import make_engine, sqlite_file
from scoping_app.store.errors import (
    DatabaseForeign,
    DatabaseTooNew,
    DatabaseUnavailable,
    MigrationFailed,
    StoreError,
)
from scoping_app.store.integrity import ensure_sound

MIGRATIONS = Path(__file__).resolve().with_name("migrations")
VERSION_TABLE = "alembic_version"


def alembic_config(
    connection: Connection | None = None, *, script_location: Path | None = None
) -> Config:
    """Alembic's configuration, built in code; ``connection`` is what env.py migrates."""
    config = Config()
    location = str(script_location or MIGRATIONS).replace("%", "%%")
    config.set_main_option("script_location", location)
    config.attributes["connection"] = connection
    return config


def open_database(url: str, *, backup_dir: Path, script_location: Path | None = None) -> Database:
    """Open the database at ``url``, creating or upgrading its schema as needed.

    Raises :class:`DatabaseDamaged` (the file was moved aside), :class:`DatabaseTooNew`
    or :class:`DatabaseForeign` (nothing changed), :class:`MigrationFailed` (the
    database was left as it was; a backup was taken before) or
    :class:`DatabaseUnavailable`. ``script_location`` is for tests only.
    """
    path = sqlite_file(url)
    target = str(path) if path is not None else _display(url)
    existed = False
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailable(target, exc.strerror or str(exc)) from exc
        ensure_sound(path, backup_dir)
        existed = path.is_file() and path.stat().st_size > 0

    script = ScriptDirectory.from_config(alembic_config(script_location=script_location))
    current, tables = _inspect(url, target)
    known = {revision.revision for revision in script.walk_revisions()}
    unknown = sorted(current - known)
    if unknown:
        raise DatabaseTooNew(target, unknown[0])
    if not current and tables:
        raise DatabaseForeign(target, tables)

    engine = make_engine(url)
    try:
        if current != set(script.get_heads()):
            backup = backup_database(path, backup_dir) if path is not None and existed else None
            _upgrade(engine, target, backup, script_location)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, url)


def _display(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "(unreadable database address)"


def _inspect(url: str, target: str) -> tuple[set[str], list[str]]:
    """The database's Alembic revisions and its other tables, read without changing anything."""
    try:
        engine = create_engine(url, poolclass=NullPool)
    except (SQLAlchemyError, ImportError) as exc:
        raise DatabaseUnavailable(target, str(exc)) from exc
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
            tables = sorted(set(inspect(connection).get_table_names()) - {VERSION_TABLE})
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(target, str(getattr(exc, "orig", None) or exc)) from exc
    finally:
        engine.dispose()
    return current, tables


def _upgrade(
    engine: Engine, target: str, backup: Path | None, script_location: Path | None
) -> None:
    """Upgrade to the newest schema in one transaction; roll it all back on any problem."""
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
    if isinstance(exc, SQLAlchemyError) and getattr(exc, "orig", None) is not None:
        return str(exc.orig)  # type: ignore[attr-defined]  # checked just above
    return str(exc)
