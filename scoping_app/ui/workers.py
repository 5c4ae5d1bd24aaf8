"""Slow work (the PDF, the optimizer) off the GUI thread, reported back by signals."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget


class _TaskSignals(QObject):
    # the task id only, emitted from the pool thread: the result waits in the runner's
    # outbox, so no Python object has to be carried across threads by the signal
    done = Signal(int)


class _Outbox:
    """Results handed from the pool's threads to the GUI thread: (succeeded, payload) by id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._results: dict[int, tuple[bool, object]] = {}

    def put(self, task_id: int, succeeded: bool, payload: object) -> None:
        with self._lock:
            self._results[task_id] = (succeeded, payload)

    def take(self, task_id: int) -> tuple[bool, object] | None:
        with self._lock:
            return self._results.pop(task_id, None)


class _Task(QRunnable):
    def __init__(
        self, task_id: int, function: Callable[[], Any], signals: _TaskSignals, outbox: _Outbox
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task_id = task_id
        self._function = function
        self._signals = signals
        self._outbox = outbox

    def run(self) -> None:
        try:
            result = self._function()
        except Exception as error:  # reported to the GUI thread and shown there in words
            self._outbox.put(self._task_id, False, error)
        else:
            self._outbox.put(self._task_id, True, result)
        # The runner may have gone with its window while this ran: then nobody waits for
        # the result, and emitting raises "Signal source has been deleted".
        with contextlib.suppress(RuntimeError):
            self._signals.done.emit(self._task_id)


@dataclass
class _Callbacks:
    on_success: Callable[[Any], None]
    on_failure: Callable[[Exception], None]
    stream: object | None = None


class TaskRunner(QObject):
    """Runs functions on a thread pool; their callbacks run back in the GUI thread.

    The runner lives in the GUI thread, so the queued ``done`` signal lands in
    its slot there, whatever thread the work ran in.
    """

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._signals = _TaskSignals(self)
        self._signals.done.connect(self._on_done)
        self._outbox = _Outbox()
        self._callbacks: dict[int, _Callbacks] = {}
        self._next_id = 0
        self._newest: dict[object, int] = {}  # stream -> id of its newest task

    def start(
        self,
        function: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        *,
        newest_of: object | None = None,
    ) -> None:
        """Run ``function`` on the pool; its callback runs in the GUI thread.

        ``newest_of`` names a stream of requests (a page's audit, say): an answer that
        arrives once a newer request of the same stream was started is dropped, so a
        stale answer is never shown over the newer one on its way.
        """
        self._next_id += 1
        self._callbacks[self._next_id] = _Callbacks(on_success, on_failure, newest_of)
        if newest_of is not None:
            self._newest[newest_of] = self._next_id
        self._pool.start(_Task(self._next_id, function, self._signals, self._outbox))

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the pool to drain (on close), then deliver what finished."""
        done = self._pool.waitForDone(msecs)
        return done

    @Slot(int)
    def _on_done(self, task_id: int) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        result = self._outbox.take(task_id)
        if callbacks is None or result is None:
            return
        stream = callbacks.stream
        if stream is not None:
            if self._newest.get(stream) != task_id:
                return  # superseded: a newer answer is on its way
            del self._newest[stream]
            if isinstance(stream, QObject) and not shiboken6.isValid(stream):
                return  # its page was closed (another project opened) while it ran
        succeeded, payload = result
        if succeeded:
            callbacks.on_success(payload)
        else:
            assert isinstance(payload, Exception)
            callbacks.on_failure(payload)


class _AfterPaint(QObject):
    """Watches one widget's paint events; after the next one, runs the callback once."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # the event loop's next turn: the painted frame is on screen first
            QTimer.singleShot(0, self._callback)
            self.deleteLater()
        return False


def after_next_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Run ``callback`` once ``widget`` was painted next: work the first paint does not need."""
    _AfterPaint(widget, callback)


def ignore_result(_result: object) -> None:
    """The answer (or failure) of work done ahead of time, which nobody waits for."""
