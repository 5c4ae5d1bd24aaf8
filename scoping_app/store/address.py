"""Where a database URL points: whether it is SQLite, and which file it names.

The common address ``sqlite:///<path>`` (what the app builds itself) is read here
without SQLAlchemy, so opening a current database does not import it; any other
address is parsed by SQLAlchemy.
"""

from __future__ import annotations

import re
from pathlib import Path

BUSY_TIMEOUT_MS = 5000  # how long a connection waits for another one's write to finish

_PLAIN_FILE = re.compile(r"sqlite(?:\+pysqlite)?:///(?P<database>[^?%]+)")


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///<path>`` address (Python's own sqlite3 driver).

    None for anything else (another backend, an in-memory database, options after ``?``).
    """
    match = _PLAIN_FILE.fullmatch(url)
    if match is None:
        return None
    database = match.group("database")
    if database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser().absolute()


def is_sqlite(url: str) -> bool:
    if plain_sqlite_file(url) is not None:
        return True
    from sqlalchemy.engine import make_url  # only for addresses the plain reading does not cover

    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for an in-memory database or another backend."""
    plain = plain_sqlite_file(url)
    if plain is not None:
        return plain
    from sqlalchemy.engine import make_url  # only for addresses the plain reading does not cover

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if parsed.query.get("mode") == "memory":
        return None
    if database.startswith("file:"):  # a URI filename (?uri=true)
        database = database[len("file:") :]
    if database in ("", ":memory:"):
        return None
    return Path(database).expanduser().absolute()
