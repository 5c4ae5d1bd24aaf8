"""Opening the database for the window and the command line, with errors in plain words.

The window never imports the store: what it needs to know about a database that
cannot be opened (damaged and set aside, written by a newer version) reaches it
as the errors below, and restoring a backup is a use case here.
"""

from __future__ import annotations

from pathlib import Path

from scoping_app import paths
from scoping_app.services.projects import ProjectService, ServiceError
from scoping_app.store import backups, errors
from scoping_app.store.migrate import open_database


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


def open_service(url: str, *, backup_dir: Path | None = None) -> ProjectService:
    """Open (create, upgrade) the database at ``url`` and return the use cases over it."""
    folder = backup_dir if backup_dir is not None else paths.backups_dir()
    try:
        database = open_database(url, backup_dir=folder)
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
