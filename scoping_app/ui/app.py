"""Starting the window: the application object, the database, and what can go wrong first.

``run(db_url)`` is what the command line calls for ``scoping-app`` and ``scoping-app gui``.
"""

from __future__ import annotations

import gc
import os
import sys
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QLockFile, QSettings, QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from scoping_app import APP_NAME, DESKTOP_ID, __version__
from scoping_app.paths import data_dir, resources_dir
from scoping_app.services.database import (
    DatabaseDamagedError,
    DatabaseTooNewError,
    check_database,
    open_service,
    restore_backup,
)
from scoping_app.services.projects import ProjectService, ServiceError
from scoping_app.ui import theme
from scoping_app.ui.collection import resume_after_start
from scoping_app.ui.dialogs import DamagedChoice, Dialogs
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.session import WRITE_WAIT_MS
from scoping_app.ui.settings import appearance, open_settings
from scoping_app.ui.workers import after_next_paint, ignore_result

ORGANISATION = "AI Scoping Studio"
EXIT_OK, EXIT_FAILED = 0, 1


def sqlite_file(db_url: str) -> Path | None:
    """The file behind a ``sqlite:///PATH`` URL; None for memory or other databases."""
    if not db_url.startswith("sqlite:"):
        return None
    parts = urlsplit(db_url)
    path = unquote(parts.path)
    if parts.netloc or not path or path in ("/", "/:memory:"):
        return None
    # sqlite:///relative and sqlite:////absolute: the first slash belongs to the URL
    return Path(path[1:]) if db_url.startswith("sqlite:///") else Path(path)


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(app_icon())
    return app


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The app's icon in every size drawn for it (the small ones are drawn on the pixel grid)."""
    icon = QIcon()
    folder = resources_dir() / "icons" / "png"
    for size in ICON_SIZES:
        path = folder / f"scoping-app-{size}.png"
        if path.is_file():  # a missing size is scaled from the others; self-test names it
            icon.addFile(str(path))
    return icon


def acquire_lock(db_url: str) -> QLockFile | bool | None:
    """The one-window lock of the database file; False when another window holds it.

    The lock is taken on the file's identity (its device and inode), in the per-user
    folder, so a hard link, a symbolic link or another spelling of the path meets the
    same lock, and a read-only folder needs no lock file beside the database. A file
    not created yet is locked by its folder's identity and its name. None means there
    is nothing to lock (not a SQLite file, or a folder that does not exist: opening
    the database then says why).
    """
    path = sqlite_file(db_url)
    if path is None:
        return None
    name = lock_name(path)
    if name is None:
        return None
    folder = data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(folder / name))
    lock.setStaleLockTime(0)  # a lock left by a crash is noticed by its dead process id
    if not lock.tryLock(200):
        return False
    return lock


def lock_name(path: Path) -> str | None:
    """The lock file's name for the database at ``path``: the same for every way to name it."""
    try:
        if path.exists():
            found = os.stat(path)  # through a symbolic link, to the file itself
            return f"{found.st_dev:x}-{found.st_ino:x}.lock"
        folder = os.stat(path.parent)
    except OSError:
        return None
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in path.name)[:80]
    return f"{folder.st_dev:x}-{folder.st_ino:x}-{safe}.lock"


def open_database(
    db_url: str, dialogs: Dialogs, backup_dir: Path | None = None
) -> ProjectService | None:
    """Open the database, answering the start-up problems with the user; None to quit."""
    while True:
        try:
            # the window waits only briefly for another program's write lock: a write
            # that finds it busy is kept in its field and retried (ui/unsaved.py)
            return open_service(
                db_url,
                backup_dir=backup_dir,
                write_wait_ms=WRITE_WAIT_MS,
                check_large_later=True,
            )
        except DatabaseTooNewError as error:
            dialogs.error(None, "This database is from a newer version", str(error))
            return None
        except DatabaseDamagedError as error:
            backup = error.latest_backup
            choice = dialogs.damaged_database(
                None, str(error.set_aside), str(backup) if backup else None, error.identity_known
            )
            if choice is DamagedChoice.QUIT:
                return None
            if choice is DamagedChoice.RESTORE_BACKUP and backup is not None:
                try:
                    restore_backup(backup, error.path)
                except ServiceError as failure:
                    dialogs.error(None, "The backup was not restored", str(failure))
                    return None
            # START_EMPTY: the damaged file was set aside, so opening again creates a new one
        except ServiceError as error:
            dialogs.error(None, "The database cannot be opened", str(error))
            return None


def run(
    db_url: str,
    dialogs: Dialogs | None = None,
    *,
    project: str | None = None,
    quit_after_start: bool = False,
    settings: QSettings | None = None,
    backup_dir: Path | None = None,
) -> int:
    """Show the window on the database at ``db_url`` until the user quits; the exit code.

    ``project`` (a name or id) is opened instead of the project open last time;
    ``quit_after_start`` quits once the window is shown and painted, and tells what would
    be a message box on the error output instead (``dialogs`` is then not used). ``settings`` and
    ``backup_dir`` replace the user's own (the self-test keeps to its own folder).
    """
    paused = not gc.isenabled()  # the command line pauses collection for the start
    app = application()
    dialogs = _Scripted() if quit_after_start else dialogs or Dialogs()
    locks = [acquire_lock(db_url)]
    if locks[0] is False:
        _already_open(dialogs, db_url)
        return EXIT_FAILED
    try:
        service = open_database(db_url, dialogs, backup_dir)
        if service is None:
            return EXIT_FAILED
        try:
            if isinstance(locks[0], QLockFile) and lock_name_changed(db_url, locks[0]):
                locks.append(acquire_lock(db_url))  # the file exists now: its own identity
                if locks[-1] is False:
                    _already_open(dialogs, db_url)
                    return EXIT_FAILED
            try:
                project_id = service.resolve(project) if project else None
            except ServiceError as error:
                dialogs.error(None, "Could not open the project", str(error))
                return EXIT_FAILED
            pool = QThreadPool()
            settings = settings if settings is not None else open_settings()
            theme.use(appearance(settings))  # before the first widget is built
            window = MainWindow(service, settings, dialogs, pool)
            opened = True
            # the project first: the start screen, never shown, is never listed
            if project_id is not None:
                opened = window.open_project(project_id)
            else:
                window.reopen_last()
            window.show()
            after_next_paint(window, partial(_check_later, window, service, dialogs))
            if paused:
                resume_after_start()
            if quit_after_start:
                return _quit_when_painted(app, window, pool, EXIT_OK if opened else EXIT_FAILED)
            code = app.exec()
            pool.waitForDone()
            return code
        finally:
            service.close()
    finally:
        for lock in locks:
            if isinstance(lock, QLockFile):
                lock.unlock()
        if paused:
            gc.enable()  # also when the window never came up


def lock_name_changed(db_url: str, lock: QLockFile) -> bool:
    """Whether the database's lock name is no longer ``lock``'s (a new file was created)."""
    path = sqlite_file(db_url)
    name = lock_name(path) if path is not None else None
    return name is not None and Path(lock.fileName()).name != name


def _already_open(dialogs: Dialogs, db_url: str) -> None:
    dialogs.error(
        None,
        f"{APP_NAME} is already open",
        f"{APP_NAME} is already running on this database. Switch to that window; "
        "two windows on the same projects would overwrite each other's work.",
        str(sqlite_file(db_url)),
    )


def _check_later(window: MainWindow, service: ProjectService, dialogs: Dialogs) -> None:
    """The integrity check of a large database, once the window is painted, on a worker."""

    def told(problem: str | None) -> None:
        if problem is not None:
            dialogs.error(window, "The database is damaged", problem)

    window.runner.start(partial(check_database, service), told, ignore_result)


class _Scripted(Dialogs):
    """The dialogs of a scripted start (``--quit-after-start``), which must never wait for a
    click: what would be a message box is one line on the error output."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        print(f"scoping-app: {text}", file=sys.stderr)

    def damaged_database(
        self,
        parent: QWidget | None,
        set_aside: str,
        backup: str | None,
        identity_known: bool = True,
    ) -> DamagedChoice:
        print(
            f"scoping-app: The database was damaged and moved aside to {set_aside}.",
            file=sys.stderr,
        )
        return DamagedChoice.QUIT


def _quit_when_painted(app: QApplication, window: MainWindow, pool: QThreadPool, code: int) -> int:
    """Paint the window once, as the event loop would, then quit: a measured start.

    What the first paint sets off for later (the analysis behind the sidebar, the
    start screen's verdicts) is not part of the start: the window closes before the
    event loop turns again, and work queued but not begun is dropped.
    """
    app.processEvents()  # the show, the layout and the posted events of the first pass
    window.repaint()  # every visible widget painted now, not at a later pass
    pool.clear()  # work queued for later is not part of the start
    window.close()  # waits for work already running
    pool.waitForDone()
    return code
