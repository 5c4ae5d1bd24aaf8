"""Time the service's edits on large projects; prints a Markdown row per operation.

    uv run python -m benchmarks.service_edits [--repeat 20]

For a generated project of 400 and of 2,000 capabilities stored in a fresh SQLite
file, each row is the median CPU time of ``--repeat`` calls in this process:
``edit`` (change a field of one capability, then add a capability; the window's
commonest edits) and ``revert`` (take an edit back on the project as stored now,
as Undo does). The targets scale the 40 ms of a 400-capability edit with the project's size.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import large_project
from scoping_app.domain import edits
from scoping_app.domain.model import Capability, Effort
from scoping_app.services.database import open_service

TARGET_MS_PER_400 = 40.0


def median_cpu_ms(action: Callable[[int], object], repeat: int) -> float:
    times = []
    for round_ in range(repeat):
        start = time.process_time()
        action(round_)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def rows_for(capabilities: int, repeat: int, folder: Path) -> list[str]:
    project = large_project(capabilities=capabilities, dependencies=3 * capabilities)
    service = open_service(f"sqlite:///{folder / f'{capabilities}.db'}", backup_dir=folder)
    try:
        project_id = service.create(project).id
        service.load(project_id)  # as the window does when it opens the project
        key = project.capabilities[capabilities // 2].key

        def change_field(round_: int) -> object:
            operation = lambda p: edits.set_fields(p, "capabilities", key, value=round_ + 1.5)  # noqa: E731
            return service.edit(project_id, operation, "Change value")

        def add_capability(round_: int) -> object:
            item = Capability(key=f"new{round_}", name=f"New {round_}", effort=Effort.single(1))
            operation = lambda p: edits.add_item(p, "capabilities", item)  # noqa: E731
            return service.edit(project_id, operation, "Add capability")

        done = []

        def edit_and_keep(round_: int) -> None:
            done.append(change_field(round_))

        def revert(_round: int) -> object:
            change = done.pop()
            assert change.before is not None  # an edit always knows what it changed
            return service.revert(project_id, change.before, change.project, "Undo")

        target = TARGET_MS_PER_400 * capabilities / 400
        measured = {
            "edit (change a field)": median_cpu_ms(change_field, repeat),
            "edit (add a capability)": median_cpu_ms(add_capability, repeat),
        }
        for round_ in range(repeat):
            edit_and_keep(round_)
        measured["revert (undo an edit)"] = median_cpu_ms(revert, repeat)
    finally:
        service.close()
    return [
        f"| {name}, {capabilities:,} capabilities | {target:.0f} ms | {ms:.1f} ms | "
        f"{ms / target:.2f} |"
        for name, ms in measured.items()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print("| service operation | target | measured (CPU, median) | ratio |")
    print("| --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for capabilities in (400, 2000):
            for row in rows_for(capabilities, args.repeat, Path(folder)):
                print(row, flush=True)


if __name__ == "__main__":
    main()
