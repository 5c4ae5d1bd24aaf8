"""Making a database truly read-only for a piece of a test, also when the suite runs as root.

``chmod`` does not stop root, so under root the piece runs with another effective user
id (``nobody``); as any other user ``chmod`` alone is enough. Modules the piece needs
must be imported before: the other user may not read the interpreter's files.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534


@contextmanager
def as_someone_who_cannot_write() -> Iterator[None]:
    """Run the block as a user to whom a ``chmod``-ed read-only file is read-only."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A new folder every user may reach (pytest's own temporary folder is the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="scoping-shared-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR | stat.S_IXUSR)
        shutil.rmtree(folder)


def make_read_only(*paths: Path) -> None:
    """Take away every write permission of the files and folders ``paths``."""
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def per_user_folder_in(shared: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's per-user data folder at one in ``shared`` that the other user may write."""
    import platformdirs

    folder = shared / "user"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *_args, **_kwargs: str(folder))
    return folder
