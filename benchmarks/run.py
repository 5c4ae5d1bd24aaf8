"""Time the work that must stay fast on a large project; prints a Markdown table.

    uv run python -m benchmarks.run [--capabilities 400] [--repeat 5] [--no-graph]

Each figure is the median of several runs on a generated project (see
benchmarks/generate.py): 400 capabilities, 1,200 dependencies, 60 metrics,
150 risks and 12 slices by default. The dependency graph rows draw the graph view
offscreen (benchmarks/graph.py); --no-graph leaves them out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.cycles import cycle_rows
from benchmarks.generate import large_project
from benchmarks.startup import run_once
from scoping_app.analysis.figures import closure, figures_of_slices, slice_figures
from scoping_app.analysis.frontier import efficient_frontier
from scoping_app.analysis.graph import layered_layout
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.domain import edits
from scoping_app.domain.model import Project, Slice
from scoping_app.report import build_plan
from scoping_app.services.database import open_service
from scoping_app.services.export import write_pdf
from scoping_app.store.exporting import dumps
from scoping_app.store.importing import read_project


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def small_slice_and_extra(project: Project) -> tuple[Slice, str]:
    """The slice picking fewest capabilities (s8 of the default project) and a capability
    outside its closure to pick: the last one of the project, which brings prerequisites
    of its own."""
    small = min(project.slices, key=lambda item: len(item.capabilities))
    inside = closure(project, small.capabilities)
    extra = next(c.key for c in reversed(project.capabilities) if c.key not in inside)
    return small, extra


def slice_edit(project: Project, key: str, extra: str, *, copy: bool) -> Callable[[], object]:
    """One edit of slice ``key`` as the slices page makes it (``extra`` picked, or unpicked
    if it was), then the slice's figures, as the page shows them.

    ``copy``: every run edits a fresh deep copy of ``project``, as ProjectService.edit does
    before it validates and stores; otherwise one working copy is edited in place, the
    capability toggled in and out by turns.
    """
    working = project.copy_deep()

    def edit_and_figures() -> None:
        target = project.copy_deep() if copy else working
        current = target.slice(key)
        if extra in current.capabilities:
            keys = [k for k in current.capabilities if k != extra]
        else:
            keys = [*current.capabilities, extra]
        edits.update_item(target, "slices", key, current.model_copy(update={"capabilities": keys}))
        slice_figures(target, keys)

    return edit_and_figures


def export_pdf_command(folder: Path, name: str, repeat: int) -> tuple[str, float]:
    """The whole ``scoping-app export-pdf`` command in its own process: CPU, start-up included."""
    command = [sys.executable, "-m", "scoping_app.cli", "--db", str(folder / "bench.db")]
    command += ["export-pdf", name, str(folder / "plan.pdf")]
    cpu = [run_once(command, folder, dict(os.environ))[1] for _ in range(repeat)]
    return ("export-pdf, the whole command (CPU of the process)", 1000 * statistics.median(cpu))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--capabilities", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-graph", action="store_true", help="skip the graph view (Qt)")
    args = parser.parse_args()
    n = args.capabilities
    project = large_project(
        capabilities=n, dependencies=3 * n, metrics=max(6, 3 * n // 20), risks=max(10, 3 * n // 8)
    )
    text = dumps(project)
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        service = open_service(f"sqlite:///{Path(folder) / 'bench.db'}", backup_dir=Path(folder))
        file = Path(folder) / "big.scope.json"
        file.write_text(text, encoding="utf-8")
        rows.append(
            ("read and validate the file", median_ms(lambda: read_project(text), args.repeat))
        )
        rows.append(
            (
                "import the file into the database",
                median_ms(lambda: service.import_file(file), args.repeat),
            )
        )
        project_id = service.list_projects()[0].id
        rows.append(
            (
                "load the project from the database",
                median_ms(lambda: service.load(project_id), args.repeat),
            )
        )
        counter = iter(range(10**6))

        def rename() -> None:
            number = next(counter)
            service.edit(project_id, lambda p: edits.set_info(p, owner=f"Owner {number}"), "Edit")

        rows.append(("one edit, stored (load, check, write)", median_ms(rename, args.repeat)))
        service.close()
        rows.append(export_pdf_command(Path(folder), project.name, max(1, args.repeat // 2)))

    def all_slices() -> None:
        figures_of_slices(project, [item.capabilities for item in project.slices])

    slices = len(project.slices)
    rows.append((f"figures of all {slices} slices", median_ms(all_slices, args.repeat)))
    first = project.slices[0].capabilities
    rows.append(
        ("figures of one slice", median_ms(lambda: slice_figures(project, first), args.repeat))
    )
    small, extra = small_slice_and_extra(project)
    before = len(closure(project, small.capabilities))
    after = len(closure(project, [*small.capabilities, extra]))
    rows.append(
        (
            f"figures of a slice after an edit (slice {small.key}, {len(small.capabilities)}"
            f" picked, closure {before}; {extra} picked or unpicked: closure {after})",
            median_ms(slice_edit(project, small.key, extra, copy=False), args.repeat),
        )
    )
    rows.append(
        (
            "the same, the edit made on a deep copy of the project first",
            median_ms(slice_edit(project, small.key, extra, copy=True), args.repeat),
        )
    )
    rows.append(
        (
            "smallest viable scope (HiGHS)",
            median_ms(lambda: smallest_viable_scope(project), args.repeat),
        )
    )
    rows.append(
        (
            "efficient frontier (HiGHS; scopes meeting every condition but the value target)",
            median_ms(lambda: efficient_frontier(project), args.repeat),
        )
    )
    rows.append(("layered graph layout", median_ms(lambda: layered_layout(project), args.repeat)))
    rows.extend(cycle_rows(project, args.repeat, median_ms))

    if not args.no_graph:
        from benchmarks.graph import graph_rows

        rows.extend(graph_rows(project, args.repeat, median_ms))

    def pdf() -> None:
        with tempfile.TemporaryDirectory() as out:
            write_pdf(build_plan(project), Path(out) / "plan.pdf")

    rows.append(("PDF plan, built and written", median_ms(pdf, max(1, args.repeat // 2))))

    deps = sum(len(c.requires) for c in project.capabilities)
    scope = smallest_viable_scope(project)
    assert scope.viable, "the benchmark project should have a viable scope"
    print(
        f"{n} capabilities, {deps} dependencies, {len(project.metrics)} metrics, "
        f"{len(project.risks)} risks, {slices} slices; smallest viable scope: "
        f"{len(scope.capabilities)} capabilities; median of {args.repeat} runs\n"
    )
    print("| what | median |")
    print("| --- | ---: |")
    for label, ms in rows:
        print(f"| {label} | {ms:,.1f} ms |")


if __name__ == "__main__":
    main()
