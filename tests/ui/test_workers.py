"""The task runner: work off the GUI thread, and only the newest answer of a stream shown."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QThreadPool

from scoping_app.ui.workers import TaskRunner


def test_an_answer_overtaken_by_a_newer_request_is_dropped(qtbot: Any) -> None:
    pool = QThreadPool()
    runner = TaskRunner(pool)
    release = threading.Event()
    shown: list[str] = []
    failed: list[Exception] = []

    def slow() -> str:
        release.wait(10)
        return "old"

    runner.start(slow, shown.append, failed.append, newest_of="audit")
    runner.start(lambda: "new", shown.append, failed.append, newest_of="audit")
    runner.start(lambda: "other", shown.append, failed.append, newest_of="verdict")
    qtbot.waitUntil(lambda: len(shown) == 2)
    release.set()
    pool.waitForDone()
    qtbot.wait(50)  # the old answer's signal is delivered, and dropped
    assert sorted(shown) == ["new", "other"]
    assert failed == [] and not runner.busy


def test_without_a_stream_every_answer_is_delivered(qtbot: Any) -> None:
    pool = QThreadPool()
    runner = TaskRunner(pool)
    shown: list[int] = []
    errors: list[str] = []

    def fail() -> int:
        raise ValueError("no")

    for number in range(3):
        runner.start(lambda n=number: n, shown.append, lambda e: errors.append(str(e)))
    runner.start(fail, shown.append, lambda e: errors.append(str(e)))
    qtbot.waitUntil(lambda: len(shown) == 3 and errors == ["no"])
    assert sorted(shown) == [0, 1, 2]
