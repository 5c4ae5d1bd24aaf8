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

PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url``; for a SQLite file its folder is created when missing."""
    if not is_sqlite(url):
        return create_engine(url, **kwargs)
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    transactions = make_url(url).get_driver_name() == "pysqlite"
    event.listen(engine, "connect", _on_connect_transactions if transactions else _on_connect)
    if transactions:
        event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _on_connect_transactions(dbapi_connection: Any, record: Any) -> None:
    dbapi_connection.isolation_level = None  # sqlite3 no longer begins transactions by itself
    _on_connect(dbapi_connection, record)


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")
