"""What can go wrong in the store, each told in one sentence a product lead understands."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar


class StoreError(Exception):
    """Base of every store error; ``str()`` is a complete sentence for the user."""


class _Told(StoreError):
    """An error that keeps the values it declares as attributes and tells them in a sentence.

    The constructor takes the values in the order the attributes are declared; the
    sentence is ``sentence`` filled with them, unless :meth:`_sentence` says more.
    """

    sentence: ClassVar[str] = ""

    def __init__(self, *values: Any) -> None:
        fields = [name for name in type(self).__annotations__ if name != "sentence"]
        for name, value in zip(fields, values, strict=True):
            setattr(self, name, value)
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        return self.sentence.format(**vars(self))


class DatabaseUnavailable(_Told):
    """The database cannot be opened at all (missing folder rights, locked, unreachable)."""

    target: str
    reason: str
    sentence = "The database {target} cannot be opened: {reason}."


class DatabaseDamaged(_Told):
    """The database file failed its integrity check and was moved aside, not deleted.

    ``latest_backup`` is a backup of this very database (by the identity stored in
    it); ``identity`` is None when the damaged file no longer says which it was.
    """

    path: Path
    set_aside: Path
    latest_backup: Path | None
    identity: str | None
    sentence = (
        "The database file {path} is damaged and cannot be used. "
        "It was moved aside to {set_aside}, so nothing in it is lost."
    )

    def _sentence(self) -> str:
        if self.identity is None:
            return super()._sentence() + (
                " Which database it was can no longer be read from it, so no backup can be"
                " said to be its own and none is offered."
            )
        if self.latest_backup is None:
            return super()._sentence() + " There is no backup of it to restore."
        return super()._sentence() + (
            f" The latest backup of this database is {self.latest_backup}"
            f"{_taken(self.latest_backup)}; restoring it brings back your projects as they"
            " were then."
        )


def _taken(backup: Path) -> str:
    try:
        taken = datetime.fromtimestamp(backup.stat().st_mtime, UTC)
    except OSError:
        return ""
    return f", taken {taken:%Y-%m-%d %H:%M} UTC"


class DatabaseTooNew(_Told):
    """The database was written by a newer version of the app; it was left as it was."""

    target: str
    revision: str
    sentence = (
        "The database {target} was written by a newer version of AI Scoping Studio "
        "(schema {revision}), which this version does not know. It was left unchanged: "
        "open it with the newer version, or choose another database."
    )


class DatabaseForeign(_Told):
    """The database holds tables of another program; the app does not write into it."""

    target: str
    tables: list[str]

    def _sentence(self) -> str:
        shown = ", ".join(self.tables[:5]) + (", …" if len(self.tables) > 5 else "")
        return (
            f"The database {self.target} belongs to another program (it holds the tables "
            f"{shown}); it was left unchanged. Choose another file for AI Scoping Studio."
        )


class MigrationFailed(_Told):
    """Bringing an older database up to date failed; the database was left as it was."""

    target: str
    reason: str
    backup: Path | None
    sentence = (
        "The database {target} could not be brought up to date ({reason}); it was left as it was."
    )

    def _sentence(self) -> str:
        if self.backup is None:
            return super()._sentence()
        return super()._sentence() + f" A copy taken just before is at {self.backup}."


class BackupFailed(_Told):
    """A backup the app takes before a change could not be made; the change was not made."""

    source: Path
    reason: str
    sentence = (
        "No backup of the database {source} could be made ({reason}), so nothing was changed."
        " Check that the disk has free space and that the backups folder can be written to,"
        " then try again."
    )


class RestoreRefused(_Told):
    """A backup was not restored because it would overwrite a file, or is not usable."""

    backup: Path
    target: Path
    reason: str
    sentence = "The file {backup} was not restored to {target}: {reason}."


class ProjectMissing(_Told):
    """No project has the given id (it was deleted, or never existed)."""

    project_id: int
    sentence = "There is no project with the id {project_id} in this database."


class NameTaken(_Told):
    """Another project of the database already has this name."""

    name: str
    sentence = 'A project named "{name}" already exists; project names must be unique.'


class ProjectInconsistent(_Told):
    """The project refers to an item it does not hold, or lists a key twice; nothing was stored."""

    detail: str
    sentence = "The project was not saved because {detail}."


class DatabaseBusy(_Told):
    """Another program kept the database's write lock longer than the app waits; nothing changed."""

    target: str
    sentence = (
        "The database {target} is busy: another program is writing to it. Nothing was changed; "
        "try again in a moment."
    )


class DatabaseReadOnly(_Told):
    """The database file or its folder cannot be written to; nothing was changed."""

    target: str
    sentence = (
        "The database {target} is read-only: this account cannot change the file or its folder, "
        "so nothing was changed. Projects can still be opened and exported; to edit them, "
        "make the file and its folder writable, or copy the file to a folder you can write to."
    )


class NotADatabase(_Told):
    """The file named as the database is something else (a PDF, a project file…); left as it is."""

    path: Path
    sentence = (
        "The file {path} is not an AI Scoping Studio database (it is not a SQLite file), "
        "so it was left exactly as it is. Choose the database file, or a new file name."
    )


class FolderMissing(_Told):
    """The folder of a new database does not exist; nothing was created."""

    path: Path
    folder: Path
    sentence = (
        "There is no folder {folder}, so no database was created at {path}. "
        "Check the folder's name, or create the folder first."
    )


class DatabaseUnreadable(_Told):
    """SQLite found the database damaged while reading it; nothing was changed."""

    target: str
    reason: str
    sentence = (
        "The database {target} is damaged and could not be read ({reason}). Nothing was changed. "
        "Export what can still be opened, then restore the database from a backup."
    )


class ProjectUnreadable(_Told):
    """A project's stored rows do not make a valid project (damage); nothing was changed."""

    name: str
    reason: str
    sentence = (
        "The project {name} cannot be read: its stored data does not make a valid project "
        "({reason}); the database file may be damaged. Nothing was changed. The other "
        "projects are stored apart and can still be opened and exported; this one can be "
        "brought back by restoring the database from a backup."
    )
