"""Where a database URL points: whether it is SQLite, and which file it names.

The common address ``sqlite:///<path>`` (what the app builds itself) is read here
without SQLAlchemy, so opening a current database does not import it; any other
address is parsed by SQLAlchemy.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

BUSY_TIMEOUT_MS = 5000  # how long a connection waits for another one's write to finish
SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file

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


def shown_address(url: str) -> str:
    """A database address as shown to people: its password, if any, masked (``***``)."""
    from sqlalchemy.engine import make_url  # only for an address that is not a SQLite file
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return "(unreadable database address)"


def writable(path: Path) -> bool:
    """Whether this account may change the SQLite file ``path`` (or create it) and its folder.

    SQLite writes beside the file (its write-ahead log), so the folder counts too.
    """
    folder_writable = _may_write(path.parent)
    if not path.exists():
        return folder_writable
    return folder_writable and _may_write(path)


def _may_write(path: Path) -> bool:
    """As the process's effective user (the one the system checks), where that can be asked."""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


def connect_for_reading(path: Path, *, read_only: bool, wait_ms: int) -> sqlite3.Connection:
    """A sqlite3 connection that reads ``path``; when ``read_only``, SQLite itself refuses writes.

    A database in a folder that cannot be written, with no shared-memory file beside it,
    is opened as unchanging (``immutable``): SQLite could not create that file to read it.
    """
    if not read_only:
        return sqlite3.connect(path, timeout=wait_ms / 1000, check_same_thread=False)
    options = "mode=ro"
    if not _may_write(path.parent) and not Path(f"{path}-shm").exists():
        options += "&immutable=1"
    uri = f"file:{quote(str(path))}?{options}"
    return sqlite3.connect(uri, uri=True, timeout=wait_ms / 1000, check_same_thread=False)
