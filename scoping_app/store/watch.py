"""Noticing that another client changed the database, cheaply, so an open window can refresh.

A :class:`ChangeWatch` answers one question, as often as the window asks it:
has the database perhaps changed since the last time I asked? A yes costs one
query of the project's version (:func:`scoping_app.store.reading.version`); a no
costs next to nothing.

- On a SQLite file it reads ``PRAGMA data_version`` on a connection of its own:
  the number changes when any other connection, in this process or another,
  commits a change to the file.
- On PostgreSQL every stored change sends a notification on the channel
  :data:`CHANNEL` in its own transaction (:func:`announce`), delivered when it
  commits; a thread of the watch ``LISTEN``\\s for it. When the connection to the
  server is lost, the watch says yes (so the window checks once) and connects
  again after a pause.
- On any other database the watch says yes every time.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from scoping_app.store.address import connect_for_reading

if TYPE_CHECKING:
    from sqlalchemy import Connection

CHANNEL = "scoping_app_changes"
"""The PostgreSQL notification channel; the payload is the changed project's id."""

RECONNECT_SECONDS = 2.0
"""The pause before the PostgreSQL watch connects again after losing the server."""

_WAIT_SECONDS = 0.5  # how long the listening thread waits for a notification before it looks up


class ChangeWatch(Protocol):
    def changed(self) -> bool:
        """Whether the database may have changed since the last call (True the first time)."""
        ...

    def close(self) -> None: ...


def announce(connection: Connection, project_id: int) -> None:
    """Tell the clients that listen (PostgreSQL) that ``project_id`` changed, when the
    caller's transaction commits; nothing to do on SQLite, whose watch reads the file."""
    if connection.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    connection.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": str(project_id)},
    )


def watch(url: str, path: Path | None, *, read_only: bool) -> ChangeWatch:
    """The watch for the database at ``url`` (``path``: its SQLite file, if it is one)."""
    if path is not None:
        return _DataVersion(path, read_only=read_only)
    from sqlalchemy.engine import make_url

    address = make_url(url)
    if address.get_backend_name() == "postgresql":
        # libpq's own form of the address: the password stays in it, never shown
        conninfo = address.set(drivername="postgresql").render_as_string(hide_password=False)
        return _Listening(conninfo)
    return _Always()


class _Always:
    def changed(self) -> bool:
        return True

    def close(self) -> None:
        pass


class _DataVersion:
    """SQLite: ``PRAGMA data_version`` on a connection no one else uses."""

    def __init__(self, path: Path, *, read_only: bool) -> None:
        self._path, self._read_only = path, read_only
        self._connection: sqlite3.Connection | None = None
        self._seen: int | None = None

    def changed(self) -> bool:
        try:
            if self._connection is None:
                self._connection = connect_for_reading(
                    self._path, read_only=self._read_only, wait_ms=0
                )
            (version,) = self._connection.execute("PRAGMA data_version").fetchone()
        except sqlite3.Error:
            self.close()  # the file is busy or was replaced: open it again next time
            return True
        seen, self._seen = self._seen, int(version)
        return seen != self._seen

    def close(self) -> None:
        connection, self._connection = self._connection, None
        self._seen = None
        if connection is not None:
            connection.close()


class _Listening:
    """PostgreSQL: a thread holds a connection that ``LISTEN``\\s on :data:`CHANNEL`."""

    def __init__(self, conninfo: str) -> None:
        self._conninfo = conninfo
        self._heard = threading.Event()
        self._heard.set()  # the first question is answered yes
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="change-watch", daemon=True)
        self._thread.start()

    def changed(self) -> bool:
        heard = self._heard.is_set()
        self._heard.clear()
        return heard

    def close(self) -> None:
        # not waited for: the thread sees the stop within _WAIT_SECONDS and closes its
        # connection itself, while the window goes on (a join froze it that long)
        self._stop.set()

    def _listen(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._heard.set()  # changes made while not listening: look once
                    while not self._stop.is_set():
                        for _notice in conn.notifies(timeout=_WAIT_SECONDS, stop_after=1):
                            self._heard.set()
            except psycopg.Error:
                self._heard.set()
                self._stop.wait(RECONNECT_SECONDS)
