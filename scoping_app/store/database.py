"""An open, up-to-date database: reads in a plain transaction, writes in a session.

Reading a SQLite file goes through Python's own sqlite3 module, one connection per
thread, in a deferred transaction (it takes no write lock and sees one consistent
state). Writing, and everything on another kind of database, goes through
SQLAlchemy: its engine (with the pragmas and ``BEGIN IMMEDIATE`` of
:mod:`scoping_app.store.engine`) is built on the first write, or earlier by
:meth:`Database.prepare_writes`.

Another program's lock is waited for ``wait_ms``, then refused in words
(:class:`DatabaseBusy`); a database opened read-only refuses every write
(:class:`DatabaseReadOnly`), as does SQLite when the file turns out not writable.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoping_app.store.address import (
    BUSY_TIMEOUT_MS,
    connect_for_reading,
    plain_sqlite_file,
    shown_address,
    sqlite_file,
)
from scoping_app.store.errors import (
    DatabaseBusy,
    DatabaseReadOnly,
    DatabaseUnreadable,
    StoreError,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlmodel import Session

Rows = Callable[[str, Mapping[str, Any]], list[tuple[Any, ...]]]
"""Runs one query (SQL with ``:name`` parameters) and gives back its rows."""


class Database:
    """An open database; get one from :func:`scoping_app.store.migrate.open_database`."""

    def __init__(
        self,
        url: str,
        engine: Engine | None = None,
        *,
        wait_ms: int = BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> None:
        self.url = url
        self._engine = engine
        self.wait_ms = wait_ms  # how long a read or write waits for another program's lock
        self.read_only = read_only  # opened read-only: every write is refused in words
        self.checked = True  # False while the full integrity check is left for later
        self._file = plain_sqlite_file(url)  # read with sqlite3 when set
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for an in-memory or non-SQLite database."""
        return self._file or sqlite_file(self.url)

    @property
    def engine(self) -> Engine:
        """SQLAlchemy's engine, built on first use."""
        with self._lock:
            if self._engine is None:
                from scoping_app.store.engine import make_engine  # SQLAlchemy: writes only

                self._engine = make_engine(self.url, wait_ms=self.wait_ms)
            return self._engine

    @property
    def target(self) -> str:
        """The database as named to the user: its file, or its address (never its password)."""
        path = self.path
        return str(path) if path is not None else shown_address(self.url)

    def prepare_writes(self) -> None:
        """Build the write path now (SQLAlchemy, the tables, the engine); idempotent.

        Nothing to build on a database opened read-only.
        """
        if self.read_only:
            return
        import sqlmodel  # noqa: F401  # sessions

        from scoping_app.store import sync  # noqa: F401  # the tables and the writer

        _ = self.engine

    @contextmanager
    def reading(self) -> Iterator[Rows]:
        """Queries inside one read transaction: every one sees the same state of the database."""
        with self._refusals_in_words():
            if self._file is None:
                with self.engine.connect() as connection:
                    if connection.dialect.name == "postgresql":  # one snapshot, as on SQLite
                        connection.execution_options(
                            isolation_level="REPEATABLE READ", postgresql_readonly=True
                        )
                    with connection.begin():
                        yield alchemy_rows(connection)
                return
            reader = self._reader()
            reader.execute("BEGIN")  # deferred: no lock until the first read, never a write lock
            try:
                yield lambda sql, parameters: reader.execute(sql, parameters).fetchall()
            finally:
                reader.execute("COMMIT")

    def _reader(self) -> sqlite3.Connection:
        reader: sqlite3.Connection | None = getattr(self._local, "reader", None)
        if reader is None:
            assert self._file is not None
            # Each thread has its own connection; close() may run on another thread.
            reader = connect_for_reading(self._file, read_only=self.read_only, wait_ms=self.wait_ms)
            reader.isolation_level = None  # transactions are begun and ended above, explicitly
            self._local.reader = reader
            with self._lock:
                self._readers.append(reader)
        return reader

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session inside one transaction: committed when the block ends, rolled back on error."""
        if self.read_only:
            raise DatabaseReadOnly(self.target)
        from sqlmodel import Session  # SQLAlchemy: writes only

        with (
            self._refusals_in_words(),
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def _refusals_in_words(self) -> Iterator[None]:
        """SQLite's refusals (busy, read-only, damaged) become store errors in words."""
        try:
            yield
        except StoreError:
            raise
        except Exception as exc:
            told = sqlite_refusal(exc, self.target)
            if told is None:
                raise
            raise told from exc

    def close(self) -> None:
        """Close every connection (SQLite then folds its write-ahead log into the file)."""
        with self._lock:
            readers, self._readers = self._readers, []
            engine = self._engine
        for reader in readers:
            reader.close()
        self._local = threading.local()
        if engine is not None:
            engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        shown = str(self._file) if self._file is not None else "(not a plain SQLite file)"
        return f"Database({shown!r})"


def alchemy_rows(connection: Connection) -> Rows:
    """The rows of a query run on a SQLAlchemy connection (inside its transaction)."""
    from sqlalchemy import text  # the connection exists, so SQLAlchemy is already loaded

    def rows(sql: str, parameters: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in connection.execute(text(sql), dict(parameters))]

    return rows


_ERROR, _BUSY, _LOCKED, _READONLY, _CORRUPT, _NOTADB = 1, 5, 6, 8, 11, 26
_SCHEMA_ALTERED = ("no such column", "no such table")


def sqlite_refusal(exc: BaseException, target: str) -> StoreError | None:
    """The store error that says ``exc`` in words, when it is SQLite refusing; else None.

    ``exc`` may be sqlite3's own error or SQLAlchemy's wrapping of it (``orig``).
    """
    error = getattr(exc, "orig", None) or exc
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:  # e.g. "Could not decode to UTF-8 column": damaged text
        return DatabaseUnreadable(target, str(error)) if "decode" in str(error) else None
    primary = code & 0xFF
    if primary == _ERROR and str(error).startswith(_SCHEMA_ALTERED):
        # the app's own queries on a schema it checked as current: the schema's text is damaged
        return DatabaseUnreadable(target, f"its tables are no longer as the app made them: {error}")
    if primary in (_BUSY, _LOCKED):
        return DatabaseBusy(target)
    if primary == _READONLY:
        return DatabaseReadOnly(target)
    if primary in (_CORRUPT, _NOTADB):
        return DatabaseUnreadable(target, str(error))
    return None
