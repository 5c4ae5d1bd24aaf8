"""Python's garbage collection kept off the path of an edit.

A large open project is a few hundred thousand Python objects (the project, the
snapshots undo keeps, the pages' items), and every edit makes a new project that
lives on in the undo stack. Left alone, the collector walks all of them every
couple of edits (a full collection took 0.14 s with 2,000 capabilities, on top of
the edit). What lives on once an edit is shown is set aside from collection
(``gc.freeze``); objects set aside are still freed as usual when nothing refers
to them, only reference cycles among them wait until the next time everything is
looked at again: when a project is closed. The command line pauses collection
while the window starts (nothing the start builds is garbage).
"""

from __future__ import annotations

import gc


def set_aside_what_lives() -> None:
    """After the start or an edit: collect the young objects, leave the rest out from now on."""
    if gc.isenabled():
        gc.collect(1)
        gc.freeze()


def look_at_everything_again() -> None:
    """After a project was closed: what was set aside goes back to the collector, whose
    next full collection frees the cycles the closed project left."""
    gc.unfreeze()


def resume_after_start() -> None:
    """Collection was paused for the start; what the start built (modules, classes, the
    project) lives as long as the window, so it is set aside as it is (collecting it
    first would walk all of it, on the way to the first paint)."""
    gc.freeze()
    gc.enable()
