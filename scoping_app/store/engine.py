"""SQLAlchemy engines, with SQLite's safety pragmas set on every connection.

SQLite gets ``foreign_keys=ON`` (cascades and references are enforced),
``journal_mode=WAL``, ``synchronous=FULL`` and a ``busy_timeout``. Python's
sqlite3 module would otherwise open transactions on its own schedule (not before
DDL, never for SAVEPOINT); we take that over, as the SQLAlchemy documentation
advises, so a transaction is exactly what SQLAlchemy says it is. It starts with
``BEGIN IMMEDIATE``: a transaction that reads and then writes cannot fail
half-way because another process wrote in between, it waits for it instead.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from scoping_app.store.address import BUSY_TIMEOUT_MS, is_sqlite, sqlite_file

__all__ = ["BUSY_TIMEOUT_MS", "PRAGMAS", "is_sqlite", "make_engine", "sqlite_file"]

_SAFETY = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
)


def pragmas(wait_ms: int = BUSY_TIMEOUT_MS) -> tuple[str, ...]:
    """The pragmas of every connection; ``wait_ms`` is how long it waits for another's lock."""
    return (f"PRAGMA busy_timeout = {int(wait_ms)}", *_SAFETY)


PRAGMAS = pragmas()


def make_engine(url: str, *, wait_ms: int = BUSY_TIMEOUT_MS, **kwargs: Any) -> Engine:
    """An engine for ``url``; a SQLite connection waits ``wait_ms`` for another one's lock.

    A SQLite file's folder must exist: a mistyped folder is never created here.
    """
    if not is_sqlite(url):
        return create_engine(url, **kwargs)
    engine = create_engine(url, **kwargs)
    transactions = make_url(url).get_driver_name() == "pysqlite"
    run = pragmas(wait_ms)

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        if transactions:  # sqlite3 no longer begins transactions by itself
            dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in run:
                cursor.execute(pragma)
        finally:
            cursor.close()

    event.listen(engine, "connect", on_connect)
    if transactions:
        event.listen(engine, "begin", _on_begin)
    return engine


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")
