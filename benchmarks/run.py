"""Time the work that must stay fast on a large project; prints a Markdown table.

    uv run python -m benchmarks.run [--capabilities 400] [--repeat 5]

Each figure is the median of several runs on a generated project (see
benchmarks/generate.py): 400 capabilities, 1,200 dependencies, 60 metrics,
150 risks and 12 slices by default.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import large_project
from scoping_app.analysis.figures import figures_of_slices, slice_figures
from scoping_app.analysis.frontier import efficient_frontier
from scoping_app.analysis.graph import layered_layout
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.domain import edits
from scoping_app.report import build_plan, write_pdf
from scoping_app.services.session import open_service
from scoping_app.store.exchange import dumps, read_project


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--capabilities", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
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

    def all_slices() -> None:
        figures_of_slices(project, [item.capabilities for item in project.slices])

    slices = len(project.slices)
    rows.append((f"figures of all {slices} slices", median_ms(all_slices, args.repeat)))
    first = project.slices[0].capabilities
    rows.append(
        ("figures of one slice", median_ms(lambda: slice_figures(project, first), args.repeat))
    )
    rows.append(
        (
            "smallest viable scope (HiGHS)",
            median_ms(lambda: smallest_viable_scope(project), args.repeat),
        )
    )
    rows.append(
        (
            "efficient frontier, 50 points (min cut + HiGHS)",
            median_ms(lambda: efficient_frontier(project), args.repeat),
        )
    )
    rows.append(("layered graph layout", median_ms(lambda: layered_layout(project), args.repeat)))

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
