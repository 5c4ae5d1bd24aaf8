"""Edits in the window on large projects: GUI-thread CPU per operation; prints a Markdown table.

    uv run python -m benchmarks.edits [--repeat 5] [--sizes 400,2000]

For each size a generated project (benchmarks.generate.large_project: 400 capabilities
with 1,200 dependencies, 2,000 with 6,000) is stored in a temporary database and opened
in a MainWindow on the offscreen platform, with a temporary HOME. Each operation is
driven as a user would (the calls the window tests make: a button clicked, a field's
text committed, a pick ticked, Undo triggered) and measured as CPU time of the GUI
thread (``time.thread_time()``) from the action until the event loop is idle: no
worker left running (their results shown) and no CPU spent for a short quiet spell,
so every visible view is updated and painted. Workers' own CPU is on other threads and
not counted. Figures are medians of ``--repeat`` runs after one warm-up run; the
"service" column is the part spent inside ``ProjectService.edit``/``revert`` (the
store's load, validation and write), which the window waits for.

A step's first visit is measured on a fresh window per run (its page built, the project
shown in it, the analysis it asks for shown), visiting the steps in order from the
first. The package's bytecode is compiled first, as an installer leaves it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.startup import compile_bytecode

QUIET = 0.25  # seconds without GUI-thread work that count as idle
SLICE_MS = 20  # the event loop runs in slices this long between checks
BUSY_SLICE_MS = 200  # and in longer ones while a worker runs (each wake-up costs GUI CPU)

EDIT_TARGETS = {400: 0.100, 2000: 0.300}
FIRST_VISIT_TARGETS = {400: 0.150}  # at 2,000 the graph's own target (1.5 s) is benchmarks.run's
SELECT_TARGET = 0.050


@dataclass
class Timer:
    """GUI-thread CPU of the operations, and the part of it inside the service."""

    service_seconds: float = 0.0
    runs: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def add(self, name: str, total: float, service: float) -> None:
        self.runs.setdefault(name, []).append((total, service))


def settle(app: Any, runner: Any) -> None:
    """Run the event loop until no worker is running and the GUI thread has been quiet a while.

    The loop waits for events (it does not spin), so the wait itself costs next to no CPU.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    quiet_since = time.perf_counter()
    while True:
        before = time.thread_time()
        QTimer.singleShot(BUSY_SLICE_MS if runner.busy else SLICE_MS, loop.quit)
        loop.exec()
        if runner.busy or time.thread_time() - before > 0.001:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since > QUIET:
            return


def measure(app: Any, runner: Any, timer: Timer, name: str, action: Callable[[], object]) -> None:
    settle(app, runner)
    timer.service_seconds = 0.0
    start = time.thread_time()
    action()
    settle(app, runner)
    total = time.thread_time() - start
    timer.add(name, total, timer.service_seconds)


def count_service_time(service: Any, timer: Timer) -> None:
    """Wrap the service's edit and revert so the timer knows the store's share."""
    for method in ("edit", "revert"):
        original = getattr(service, method)

        def timed(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return _original(*args, **kwargs)
            finally:
                timer.service_seconds += time.thread_time() - start

        setattr(service, method, timed)


@contextmanager
def window_on(project: Any, folder: Path) -> Iterator[tuple[Any, Any, Any]]:
    """A shown MainWindow with ``project`` open: (app, window, service)."""
    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtWidgets import QApplication

    from scoping_app.services.database import open_service
    from scoping_app.ui.dialogs import Dialogs
    from scoping_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    database = folder / f"edits-{time.monotonic_ns()}.db"
    service = open_service(f"sqlite:///{database}", backup_dir=folder / "backups")
    project_id = service.create(project).id
    # settings of its own: the window opens on the first step, never on one remembered
    settings = QSettings(str(database.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(service, settings, Dialogs(), QThreadPool())
    window.resize(1280, 800)
    window.show()
    window.open_project(project_id)
    settle(app, window.runner)
    try:
        yield app, window, service
    finally:
        window.runner.wait()
        window.close()
        window.deleteLater()
        service.close()
        settle(app, window.runner)


def edits_of(project: Any, folder: Path, repeat: int) -> Timer:
    """Add, change, select, pick, unpick, undo and redo, ``repeat`` times after a warm-up."""
    from PySide6.QtCore import Qt

    from scoping_app.analysis.graph import picks_needing

    timer = Timer()
    with window_on(project, folder) as (app, window, service):
        count_service_time(service, timer)
        view = window.project_view
        caps = view.capabilities
        slices = view.slices
        keys = [c.key for c in project.capabilities]

        def run(name: str, action: Callable[[], object]) -> None:
            measure(app, window.runner, timer, name, action)

        for number in range(repeat + 1):
            view.show_step(view.step_index(caps))
            settle(app, window.runner)
            caps.select(keys[number])
            settle(app, window.runner)
            value = caps.form.fields["value"].edit

            def change_value(value: Any = value, number: int = number) -> None:
                value.setValue(1 + number % 4)
                value.editingFinished.emit()

            run("Change a field (a capability's value)", change_value)
            run(
                "Select another row",
                lambda number=number: caps.table.selectRow(10 + number),
            )
            run("Add capability", caps.add_button.click)
            run("Undo (the add)", window.undo_action.trigger)
            run("Redo (the add)", window.redo_action.trigger)

            view.show_step(view.step_index(slices))
            settle(app, window.runner)
            slices.select(window.session.project.slices[0].key)
            settle(app, window.runner)
            picks = slices.picks_model
            picked = window.session.project.slices[0].capabilities
            # one that no pick needs: unpicking it asks nothing
            free = next(
                k
                for k in keys[20 + number :]
                if k not in picked and not picks_needing(project, picked, k)
            )

            def tick(state: Qt.CheckState, picks: Any = picks, key: str = free) -> None:
                index = picks.index(picks.row_of(key))
                picks.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)

            run("Pick a capability in a slice", lambda: tick(Qt.CheckState.Checked))
            run("Unpick it", lambda: tick(Qt.CheckState.Unchecked))
            if number == 0:  # the warm-up run is not counted
                timer.runs.clear()
    return timer


def first_visits(project: Any, folder: Path, repeat: int) -> Timer:
    """Each step's first visit, in order, on a fresh window per run: its page built, the
    project shown in it and the analysis it asks for shown."""
    from scoping_app.ui.guide import GUIDE

    timer = Timer()
    for number in range(repeat + 1):
        with window_on(project, folder) as (app, window, _service):
            view = window.project_view
            view.show_step(0)
            settle(app, window.runner)
            for index in range(1, len(GUIDE)):
                title = GUIDE[index].title  # the guide's: asking the page would build it
                measure(
                    app,
                    window.runner,
                    timer,
                    f"First visit: {title}",
                    lambda index=index, view=view: view.show_step(index),
                )
        if number == 0:
            timer.runs.clear()
    return timer


def table(size: int, timers: list[Timer]) -> list[str]:
    lines = []
    for timer in timers:
        for name, runs in timer.runs.items():
            total = statistics.median(t for t, _ in runs)
            service = statistics.median(s for _, s in runs)
            target: float | None
            if name.startswith("First visit"):
                target = FIRST_VISIT_TARGETS.get(size)
            elif name == "Select another row":
                target = SELECT_TARGET
            else:
                target = EDIT_TARGETS.get(size, EDIT_TARGETS[2000])
            aim = f"{target * 1000:.0f} ms" if target else "—"
            ratio = f"{total / target:.2f}" if target else "—"
            lines.append(
                f"| {size:,} | {name} | {aim} | {total * 1000:.0f} ms"
                f" | {service * 1000:.0f} ms | {ratio} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="400,2000", help="capability counts, comma-separated")
    parser.add_argument("--no-visits", action="store_true", help="skip the first visits")
    args = parser.parse_args()

    compile_bytecode(sys.executable)  # the app's modules load as an installed app's do
    with tempfile.TemporaryDirectory(prefix="scoping-edits-") as temp:
        folder = Path(temp)
        os.environ["HOME"] = str(folder)
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        os.environ["XDG_DATA_HOME"] = str(folder / "data")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from benchmarks.generate import large_project

        print(
            "| capabilities | operation | target | GUI-thread CPU | of which service | ratio |\n"
            "| ---: | --- | ---: | ---: | ---: | ---: |"
        )
        for size in (int(s) for s in args.sizes.split(",")):
            project = large_project(capabilities=size, dependencies=3 * size)
            timers = [edits_of(project, folder, args.repeat)]
            if not args.no_visits:
                timers.append(first_visits(project, folder, args.repeat))
            print("\n".join(table(size, timers)))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
