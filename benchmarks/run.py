"""Time the work that must stay fast on a large project; prints two Markdown tables.

    uv run python -m benchmarks.run [--capabilities 400] [--repeat 5] [--no-graph]
        [--scale 400 2000] [--only-scale]

Each figure is the median CPU time (time.process_time, in this process; the export-pdf
rows: the CPU of the whole command's process) of several runs on a generated project
(benchmarks/generate.py, sized_project): 400 capabilities, 1,200 dependencies, 60 metrics,
150 risks and 12 slices by default. The first table times the work of one project
(--capabilities); the second sets each scale target (README, "Speed") against the
measured figure, for each size of --scale (400 and 2,000 capabilities by default):
what, target, measured and their ratio. The dependency graph rows draw the window's
graph view offscreen (benchmarks/graph.py); --no-graph leaves them out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from benchmarks.cycles import cycle_rows
from benchmarks.generate import sized_project
from benchmarks.startup import run_once
from scoping_app.analysis.confidence import confidence
from scoping_app.analysis.figures import closure, figures_of_slices, slice_figures
from scoping_app.analysis.frontier import TIME_LIMIT, efficient_frontier, frontier_search
from scoping_app.analysis.graph import layered_layout
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.domain import edits
from scoping_app.domain.model import Project, Slice
from scoping_app.report import build_plan
from scoping_app.report.pdf import render_pdf
from scoping_app.report.sections import GRAPH
from scoping_app.services.database import open_service
from scoping_app.services.export import write_pdf
from scoping_app.store.exporting import dumps
from scoping_app.store.importing import read_project


def median_ms(action: Callable[[], object], repeat: int) -> float:
    """The median CPU time of ``repeat`` runs of ``action`` in this process, in ms."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append((time.process_time() - start) * 1000)
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


def whole_scope_confidence(project: Project, keys: list[str]) -> None:
    """The confidence figures of ``keys`` for a team of three, against a deadline a year out."""
    confidence(project, keys, team_size=3, start_date=date(2027, 1, 4), deadline=date(2028, 1, 3))


def export_pdf_command(folder: Path, name: str, repeat: int) -> tuple[str, float]:
    """The whole ``scoping-app export-pdf`` command in its own process: CPU, start-up included;
    the project must be in ``folder``/bench.db."""
    command = [sys.executable, "-m", "scoping_app.cli", "--db", str(folder / "bench.db")]
    command += ["export-pdf", name, str(folder / "plan.pdf")]
    cpu = [run_once(command, folder, dict(os.environ))[1] for _ in range(repeat)]
    return ("export-pdf, the whole command (CPU of the process)", 1000 * statistics.median(cpu))


def scale_rows(
    project: Project, repeat: int, *, with_graph: bool
) -> list[tuple[str, float, float]]:
    """(what, target in seconds, measured median in ms) for each scale target (README, "Speed")."""
    slow = max(1, repeat // 2)  # the frontier and the PDF take seconds each
    found = frontier_search(project)
    state = "stopped at the limit" if found.stopped_early else "complete"
    frontier = f"{len(found.points)} points, {state}"
    graph_plan = build_plan(project, sections=[GRAPH])
    rows = [
        (
            "smallest viable scope (HiGHS)",
            2.0,
            median_ms(lambda: smallest_viable_scope(project), repeat),
        ),
        (
            f"efficient frontier as the command line runs it ({TIME_LIMIT:g} s limit; {frontier})",
            5.0,
            median_ms(lambda: frontier_search(project), slow),
        ),
        (
            "dependency graph: layered layout",
            1.5,
            median_ms(lambda: layered_layout(project), repeat),
        ),
        (
            "dependency graph: the PDF's graph pages (layout, then the section rendered: "
            "pages planned, arrows routed, drawn; the plan's other figures built beforehand)",
            1.5,
            median_ms(lambda: (layered_layout(project), render_pdf(graph_plan)), slow),
        ),
    ]
    if with_graph:
        from benchmarks.graph import close, graph_view, laid_out_and_drawn

        app, view = graph_view()
        measured = median_ms(laid_out_and_drawn(view, project), repeat)
        close(app, view)
        rows.append(("dependency graph: the window's view, laid out and drawn", 1.5, measured))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        file = folder / "scale.scope.json"
        file.write_text(dumps(project), encoding="utf-8")
        service = open_service(f"sqlite:///{folder / 'bench.db'}", backup_dir=folder)
        service.import_file(file)
        service.close()
        label, measured = export_pdf_command(folder, project.name, slow)
        rows.append((label, 20.0, measured))
    return rows


def print_scale_table(sizes: list[int], repeat: int, *, with_graph: bool) -> None:
    print("| what | target | measured | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for size in sizes:
        project = sized_project(size)
        deps = sum(len(c.requires) for c in project.capabilities)
        what = f"{size:,} capabilities, {deps:,} dependencies"
        for label, target, ms in scale_rows(project, repeat, with_graph=with_graph):
            ratio = ms / 1000 / target
            print(f"| {what}: {label} | {target:g} s | {ms / 1000:,.2f} s | {ratio:.2f} |")


def print_details(n: int, repeat: int, *, with_graph: bool) -> None:
    """The first table: the work of one project of ``n`` capabilities, row by row."""
    project = sized_project(n)
    text = dumps(project)
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        service = open_service(f"sqlite:///{Path(folder) / 'bench.db'}", backup_dir=Path(folder))
        file = Path(folder) / "big.scope.json"
        file.write_text(text, encoding="utf-8")
        rows.append(("read and validate the file", median_ms(lambda: read_project(text), repeat)))
        rows.append(
            (
                "import the file into the database",
                median_ms(lambda: service.import_file(file), repeat),
            )
        )
        project_id = service.list_projects()[0].id
        rows.append(
            (
                "load the project from the database",
                median_ms(lambda: service.load(project_id), repeat),
            )
        )
        counter = iter(range(10**6))

        def rename() -> None:
            number = next(counter)
            service.edit(project_id, lambda p: edits.set_info(p, owner=f"Owner {number}"), "Edit")

        rows.append(("one edit, stored (load, check, write)", median_ms(rename, repeat)))
        service.close()
        rows.append(export_pdf_command(Path(folder), project.name, max(1, repeat // 2)))

    def all_slices() -> None:
        figures_of_slices(project, [item.capabilities for item in project.slices])

    slices = len(project.slices)
    rows.append((f"figures of all {slices} slices", median_ms(all_slices, repeat)))
    first = project.slices[0].capabilities
    rows.append(("figures of one slice", median_ms(lambda: slice_figures(project, first), repeat)))
    small, extra = small_slice_and_extra(project)
    before = len(closure(project, small.capabilities))
    after = len(closure(project, [*small.capabilities, extra]))
    rows.append(
        (
            f"figures of a slice after an edit (slice {small.key}, {len(small.capabilities)}"
            f" picked, closure {before}; {extra} picked or unpicked: closure {after})",
            median_ms(slice_edit(project, small.key, extra, copy=False), repeat),
        )
    )
    rows.append(
        (
            "the same, the edit made on a deep copy of the project first",
            median_ms(slice_edit(project, small.key, extra, copy=True), repeat),
        )
    )
    rows.append(
        (
            "smallest viable scope (HiGHS)",
            median_ms(lambda: smallest_viable_scope(project), repeat),
        )
    )
    rows.append(
        (
            "efficient frontier (HiGHS; scopes meeting every condition but the value target)",
            median_ms(lambda: efficient_frontier(project), repeat),
        )
    )
    everything = [c.key for c in project.capabilities]
    rows.append(
        (
            f"confidence of the whole scope, {len(everything)} capabilities "
            "(20,000 draws: effort, critical path, a team of 3 against a deadline)",
            median_ms(lambda: whole_scope_confidence(project, everything), repeat),
        )
    )
    rows.append(("layered graph layout", median_ms(lambda: layered_layout(project), repeat)))
    rows.extend(cycle_rows(project, repeat, median_ms))

    if with_graph:
        from benchmarks.graph import graph_rows

        rows.extend(graph_rows(project, repeat, median_ms))

    def pdf() -> None:
        with tempfile.TemporaryDirectory() as out:
            write_pdf(build_plan(project), Path(out) / "plan.pdf")

    rows.append(("PDF plan, built and written", median_ms(pdf, max(1, repeat // 2))))

    deps = sum(len(c.requires) for c in project.capabilities)
    scope = smallest_viable_scope(project)
    assert scope.viable, "the benchmark project should have a viable scope"
    print(
        f"{n} capabilities, {deps} dependencies, {len(project.metrics)} metrics, "
        f"{len(project.risks)} risks, {slices} slices; smallest viable scope: "
        f"{len(scope.capabilities)} capabilities; median of {repeat} runs\n"
    )
    print("| what | median |")
    print("| --- | ---: |")
    for label, ms in rows:
        print(f"| {label} | {ms:,.1f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--capabilities", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-graph", action="store_true", help="skip the graph view (Qt)")
    parser.add_argument(
        "--scale", type=int, nargs="*", default=[400, 2000], help="sizes of the scale table"
    )
    parser.add_argument("--only-scale", action="store_true", help="print the scale table only")
    args = parser.parse_args()
    if not args.only_scale:
        print_details(args.capabilities, args.repeat, with_graph=not args.no_graph)
        print()
    if args.scale:
        print_scale_table(args.scale, args.repeat, with_graph=not args.no_graph)


if __name__ == "__main__":
    main()
