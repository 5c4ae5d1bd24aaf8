"""An open, up-to-date database: its engine, and sessions that are one transaction each."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from scoping_app.store.engine import sqlite_file


class Database:
    """An open database; get one from :func:`scoping_app.store.migrate.open_database`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for an in-memory or non-SQLite database."""
        return sqlite_file(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session inside one transaction: committed when the block ends, rolled back on error."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        """Close every pooled connection (SQLite then folds its write-ahead log into the file)."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.engine.url.render_as_string(hide_password=True)!r})"
