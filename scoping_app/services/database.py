"""Opening the database for the window and the command line, with errors in plain words.

The window never imports the store: what it needs to know about a database that
cannot be opened (damaged and set aside, written by a newer version) reaches it
as the errors below, and restoring a backup is a use case here.
"""

from __future__ import annotations

from pathlib import Path

from scoping_app import paths
from scoping_app.services.projects import (
    DatabaseBusyError,
    DatabaseReadOnlyError,
    ProjectService,
    ServiceError,
)
from scoping_app.store import backups, errors
from scoping_app.store.address import BUSY_TIMEOUT_MS, sqlite_file
from scoping_app.store.integrity import CHECK_LATER_BYTES, damage
from scoping_app.store.migrate import open_database

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DatabaseDamagedError",
    "DatabaseTooNewError",
    "check_database",
    "open_service",
    "restore_backup",
]


class DatabaseDamagedError(ServiceError):
    """The database file was damaged; it was moved aside and may be restored from a backup.

    ``latest_backup`` is the newest backup of this very database (by the identity
    stored in it, never by file name); ``identity_known`` is False when the damaged
    file no longer says which database it was, so no backup is its own.
    """

    def __init__(
        self,
        message: str,
        path: Path,
        set_aside: Path,
        latest: Path | None,
        identity_known: bool = True,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.set_aside = set_aside
        self.latest_backup = latest
        self.identity_known = identity_known


class DatabaseTooNewError(ServiceError):
    """The database was written by a newer version of the app; it was left unchanged."""


def open_service(
    url: str,
    *,
    backup_dir: Path | None = None,
    write_wait_ms: int = BUSY_TIMEOUT_MS,
    check_large_later: bool = False,
) -> ProjectService:
    """Open (create, upgrade) the database at ``url`` and return the use cases over it.

    ``write_wait_ms`` is how long a write (or a read) waits for another program's lock
    before it is refused with :class:`DatabaseBusyError`. A file or folder that cannot be
    written opens read-only (``ProjectService.read_only``). The file's full integrity
    check runs here, unless ``check_large_later`` and the file is large: then the caller
    runs :func:`check_database` later (the window, once it is shown).
    """
    folder = backup_dir if backup_dir is not None else paths.backups_dir()
    path = sqlite_file(url)
    check = not (check_large_later and path is not None and _size(path) > CHECK_LATER_BYTES)
    try:
        database = open_database(url, backup_dir=folder, wait_ms=write_wait_ms, check=check)
    except errors.DatabaseBusy as error:
        raise DatabaseBusyError(str(error)) from error
    except errors.DatabaseReadOnly as error:
        raise DatabaseReadOnlyError(str(error)) from error
    except errors.DatabaseDamaged as error:
        raise DatabaseDamagedError(
            str(error),
            error.path,
            error.set_aside,
            error.latest_backup,
            identity_known=error.identity is not None,
        ) from error
    except errors.DatabaseTooNew as error:
        raise DatabaseTooNewError(str(error)) from error
    except errors.StoreError as error:
        raise ServiceError(str(error)) from error
    return ProjectService(database, backup_dir=folder)


def restore_backup(backup: Path, target: Path) -> None:
    """Put ``backup`` in place of a damaged database that was moved aside."""
    try:
        backups.restore_backup(backup, target)
    except errors.StoreError as error:
        raise ServiceError(str(error)) from error


def check_database(service: ProjectService) -> str | None:
    """The full integrity check left for later by ``open_service``: None when the database
    is sound (or was checked at open), else what to tell the user. Slow on a large file:
    run it off the GUI thread. The file is not moved aside while it is open."""
    database = service.database
    path = database.path
    if database.checked or path is None:
        return None
    try:
        problem = damage(path, wait_ms=database.wait_ms)
    except errors.StoreError as error:
        return str(error)
    database.checked = True
    if problem is None:
        return None
    return str(errors.DatabaseUnreadable(str(path), problem))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
