"""Writing a file atomically: the old file stays whole until the new one is complete.

:func:`write_atomically` is the one way the app writes a file the user chose
(the exchange file, the PDF plan). The bytes go to a temporary file beside the
target, are flushed to disk and replace the target in one rename; the folder is
then flushed so the rename itself survives a power cut. A symbolic link is
followed (the file it points to is replaced, the link stays a link), an existing
file keeps its permissions, and a new one gets the user's usual ones (the umask).
On any failure the target is left as it was and no temporary file remains.
"""

from __future__ import annotations

import os
import secrets
import stat
from contextlib import suppress
from pathlib import Path

__all__ = ["write_atomically"]

_ATTEMPTS = 100  # temporary names tried before giving up
_NAME_KEPT = 100  # characters of the target's name kept in the temporary one


def write_atomically(target: str | os.PathLike[str], data: bytes) -> None:
    """Put ``data`` in the file at ``target`` in one step.

    Raises :class:`OSError` when the folder cannot be written; the target and
    the folder are then left as they were.
    """
    real = Path(os.path.realpath(target))  # through a symbolic link, not over it
    temporary, handle = _create_beside(real)
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
        _keep_mode(real, temporary)
        os.replace(temporary, real)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(real.parent)


def _write_all(handle: int, data: bytes) -> None:
    remaining = memoryview(data)
    while remaining:
        remaining = remaining[os.write(handle, remaining) :]


def _create_beside(target: Path) -> tuple[Path, int]:
    """A new, empty file in the target's folder (mode 0o666 less the umask) and its handle.

    Beside the target so that the rename stays on one file system; made with os.open
    rather than tempfile so that it gets the usual permissions, not owner-only ones.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_ATTEMPTS):
        temporary = target.with_name(f".{target.name[:_NAME_KEPT]}.{secrets.token_hex(4)}.tmp")
        try:
            return temporary, os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _keep_mode(target: Path, temporary: Path) -> None:
    """An existing file keeps its permissions when it is replaced."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return
    with suppress(OSError):
        os.chmod(temporary, mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, the file is already whole."""
    if os.name == "nt":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)
