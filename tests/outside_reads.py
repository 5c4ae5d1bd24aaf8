"""A watch on the test run: nothing may read beside the repository (the product is the repo alone).

A Python audit hook sees every file and folder opened by the test process. Whatever
is opened in a *sibling* of the repository (a folder of notes, another checkout) is
recorded, and the run fails at its end (tests/conftest.py). The siblings are those
present when the run starts; siblings that hold the interpreter, the temporary folder,
pytest's temporary folder or the home folder are not watched: the repository may well
lie beside them.
"""

from __future__ import annotations

import getpass
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

WATCHED_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "os.chdir", "shutil.copytree"})


class OutsideReads:
    """Records paths opened in the repository's siblings; hook it with ``sys.addaudithook``."""

    def __init__(self, repo: Path, allowed: Iterable[Path] = ()) -> None:
        self.repo = repo.resolve()
        self.parent = self.repo.parent
        self.seen: list[str] = []
        keep = [Path(p).resolve() for p in allowed]
        self.siblings: frozenset[str] = frozenset()
        if self.parent == self.parent.parent:  # the repository at the root: no siblings to watch
            return
        try:
            names = {entry.name for entry in os.scandir(self.parent)}
        except OSError:
            return
        names.discard(self.repo.name)
        self.siblings = frozenset(
            name for name in names if not any(_within(p, self.parent / name) for p in keep)
        )
        self._prefix = str(self.parent) + os.sep

    def __call__(self, event: str, args: tuple[object, ...]) -> None:
        if event not in WATCHED_EVENTS or not self.siblings or not args:
            return
        target = args[0]
        if isinstance(target, bytes):
            target = os.fsdecode(target)
        if not isinstance(target, (str, os.PathLike)):
            return  # a file descriptor
        path = os.path.abspath(os.fspath(target))
        if path.startswith(self._prefix):
            first = path[len(self._prefix) :].split(os.sep, 1)[0]
            if first in self.siblings:
                self.seen.append(f"{event} {path}")


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def default_allowed() -> list[Path]:
    """Where a test run legitimately reads: the interpreter, temporary files, the home folder.

    pytest's own temporary folder is named too, for a repository cloned straight into
    the temporary folder, where it is a sibling.
    """
    temp = tempfile.gettempdir()
    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, temp, str(Path.home())}
    places.add(os.path.join(temp, f"pytest-of-{getpass.getuser()}"))
    return [Path(p) for p in places]
